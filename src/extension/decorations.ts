// Gutter marks: methods that reach log statements (entry candidates), the picked entry functions, and every
// logging call coloured by level. Drawn from the server's per-file answer, refreshed when the index changes.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { LogLevel } from '../core/model';
import { FileInfoRequest, type FileInfo } from '../shared/protocol';
import type { EntryList } from './entries';
import type { Log } from './log';

const LEVELS: LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
const RULER: Record<LogLevel, string> = {
  trace: '#8c8c8c', debug: '#3794ff', info: '#3fb950', warn: '#d29922', error: '#f14c4c', fatal: '#bc3fbc',
};

/** What was last drawn in a document (the integration tests read it through the extension's API). */
export interface DrawnMarks { entries: number; picked: number; logs: number; version: number }

export class Decorations implements vscode.Disposable {
  private readonly entry: vscode.TextEditorDecorationType;
  private readonly picked: vscode.TextEditorDecorationType;
  private readonly levels: Map<LogLevel, vscode.TextEditorDecorationType>;
  readonly drawn = new Map<string, DrawnMarks>();
  private version = 0;

  constructor(extensionUri: vscode.Uri, private readonly client: LanguageClient, private readonly entries: EntryList, private readonly log: Log) {
    const icon = (f: string) => vscode.Uri.joinPath(extensionUri, 'media', 'icons', f);
    this.entry = vscode.window.createTextEditorDecorationType({ gutterIconPath: icon('entry.svg'), gutterIconSize: 'contain' });
    this.picked = vscode.window.createTextEditorDecorationType({
      gutterIconPath: icon('entry-picked.svg'), gutterIconSize: 'contain',
      after: { contentText: '  ◀ entry function', color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic' },
    });
    this.levels = new Map(LEVELS.map((l) => [l, vscode.window.createTextEditorDecorationType({
      gutterIconPath: icon(`level-${l}.svg`), gutterIconSize: 'contain',
      overviewRulerColor: RULER[l], overviewRulerLane: vscode.OverviewRulerLane.Left,
    })]));
  }

  async refresh(editor: vscode.TextEditor): Promise<void> {
    if (editor.document.languageId !== 'java' || editor.document.uri.scheme !== 'file') return;
    let info: FileInfo;
    try {
      info = await this.client.sendRequest(FileInfoRequest.type, { uri: editor.document.uri.toString() });
    } catch (e) {
      this.log.debug(`file info for ${editor.document.uri.fsPath}: ${String(e)}`);
      return;
    }
    const at = (line: number) => new vscode.Range(line - 1, 0, line - 1, 0);
    const candidates = info.methods.filter((m) => m.reachableTemplates > 0);
    const picked = candidates.filter((m) => this.entries.has(m.methodId));
    // The "◀ entry function" label goes after the line's text, so the range sits at the line's end.
    const lineEnd = (line: number) => {
      const end = editor.document.lineAt(Math.min(line - 1, editor.document.lineCount - 1)).range.end;
      return new vscode.Range(end, end);
    };
    editor.setDecorations(this.picked, picked.map((m) => lineEnd(m.line)));
    editor.setDecorations(this.entry, candidates.filter((m) => !this.entries.has(m.methodId)).map((m) => ({
      range: at(m.line), hoverMessage: `LogSynth: ${m.reachableTemplates} templates reachable from ${m.label}`,
    })));
    for (const l of LEVELS) editor.setDecorations(this.levels.get(l)!, info.logs.filter((x) => x.level === l).map((x) => at(x.line)));
    this.drawn.set(editor.document.uri.toString(), { entries: candidates.length, picked: picked.length, logs: info.logs.length, version: ++this.version });
  }

  refreshAll(): void {
    for (const e of vscode.window.visibleTextEditors) void this.refresh(e);
  }

  dispose(): void {
    this.entry.dispose();
    this.picked.dispose();
    for (const t of this.levels.values()) t.dispose();
  }
}
