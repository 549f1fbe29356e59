// The picked entry functions: a per-workspace ordered list (workspaceState), shown as a tree view in the
// LogSynth side bar with reorder / remove / generate-from-all.
import * as vscode from 'vscode';
import type { MethodSummary } from '../shared/protocol';

const KEY = 'logsynth.entryFunctions';

export interface EntryFunction {
  methodId: string;
  label: string;
  file: string;
  line: number;
  reachableTemplates: number;
}

export class EntryList implements vscode.TreeDataProvider<EntryFunction>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<EntryFunction | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly memento: vscode.Memento) {}

  all(): EntryFunction[] {
    const v = this.memento.get<unknown>(KEY, []);
    return Array.isArray(v) ? v.filter((e): e is EntryFunction => typeof e === 'object' && e !== null && typeof (e as EntryFunction).methodId === 'string') : [];
  }

  has(methodId: string): boolean { return this.all().some((e) => e.methodId === methodId); }

  private async save(list: EntryFunction[]): Promise<void> {
    await this.memento.update(KEY, list);
    this.changed.fire(undefined);
  }

  /** Adds a method (no duplicates); returns false when it was already there. */
  async add(m: MethodSummary): Promise<boolean> {
    const list = this.all();
    if (list.some((e) => e.methodId === m.methodId)) return false;
    list.push({ methodId: m.methodId, label: m.label, file: m.file, line: m.line, reachableTemplates: m.reachableTemplates });
    await this.save(list);
    return true;
  }

  async remove(methodId: string): Promise<void> {
    await this.save(this.all().filter((e) => e.methodId !== methodId));
  }

  async move(methodId: string, delta: -1 | 1): Promise<void> {
    const list = this.all();
    const i = list.findIndex((e) => e.methodId === methodId);
    const j = i + delta;
    if (i < 0 || j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j]!, list[i]!];
    await this.save(list);
  }

  async clear(): Promise<void> { await this.save([]); }

  getTreeItem(e: EntryFunction): vscode.TreeItem {
    const item = new vscode.TreeItem(e.label, vscode.TreeItemCollapsibleState.None);
    item.id = e.methodId;
    item.description = `${e.reachableTemplates} template${e.reachableTemplates === 1 ? '' : 's'}`;
    item.tooltip = `${e.methodId}\n${e.file}:${e.line}`;
    item.contextValue = 'logsynthEntry';
    item.iconPath = new vscode.ThemeIcon('debug-start');
    item.command = { command: 'logsynth.revealEntry', title: 'Reveal', arguments: [e] };
    return item;
  }

  getChildren(e?: EntryFunction): EntryFunction[] { return e ? [] : this.all(); }

  dispose(): void { this.changed.dispose(); }
}
