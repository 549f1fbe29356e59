// Gutter marks: methods that reach log statements (entry candidates), the picked entry functions, and every
// logging call coloured by level. Drawn from the server's per-file answer, refreshed when the index changes.
// After "Show log coverage", every log call also gets an inline hint of how often the real log shows it.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { LogLevel } from '../core/model';
import { FileInfoRequest, type CoverageCounts, type FileInfo } from '../shared/protocol';
import { seenText } from '../shared/coverage-text';
import type { EntryList } from './entries';
import type { Log } from './log';

const LEVELS: LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
const RULER: Record<LogLevel, string> = {
  trace: '#8c8c8c', debug: '#3794ff', info: '#3fb950', warn: '#d29922', error: '#f14c4c', fatal: '#bc3fbc',
};

/** What was last drawn in a document (the integration tests read it through the extension's API). */
export interface DrawnMarks {
  entries: number; picked: number; logs: number; version: number;
  /** Code meets logs: the inline hint on each log call's line (1-based), while coverage counts are shown. */
  coverage?: { line: number; text: string }[];
}

export class Decorations implements vscode.Disposable {
  private readonly entry: vscode.TextEditorDecorationType;
  private readonly picked: vscode.TextEditorDecorationType;
  private readonly levels: Map<LogLevel, vscode.TextEditorDecorationType>;
  private readonly seenHint: vscode.TextEditorDecorationType;
  private readonly neverHint: vscode.TextEditorDecorationType;
  readonly drawn = new Map<string, DrawnMarks>();
  private version = 0;
  /** Counts of the last coverage job; undefined: no hints. */
  coverage: CoverageCounts | undefined;

  constructor(extensionUri: vscode.Uri, private readonly client: LanguageClient, private readonly entries: EntryList, private readonly log: Log) {
    const icon = (f: string) => vscode.Uri.joinPath(extensionUri, 'media', 'icons', f);
    this.entry = vscode.window.createTextEditorDecorationType({ gutterIconPath: icon('entry.svg'), gutterIconSize: 'contain' });
    this.picked = vscode.window.createTextEditorDecorationType({
      gutterIconPath: icon('entry-picked.svg'), gutterIconSize: 'contain',
      after: { contentText: '  ◀ entry function', color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic' },
    });
    // The text differs per line, so it comes with each decoration (renderOptions); the types set the look.
    const hint = { color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic', margin: '0 0 0 2em' };
    this.seenHint = vscode.window.createTextEditorDecorationType({ after: hint });
    this.neverHint = vscode.window.createTextEditorDecorationType({
      after: { ...hint, color: new vscode.ThemeColor('editorWarning.foreground') },
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
    const hints = this.coverageHints(info);
    const hintAt = (h: { line: number; text: string }): vscode.DecorationOptions => ({
      range: lineEnd(h.line), renderOptions: { after: { contentText: h.text } },
      hoverMessage: `LogSynth: ${h.text} (${this.coverage?.log ?? ''})`,
    });
    editor.setDecorations(this.seenHint, (hints ?? []).filter((h) => !h.never).map(hintAt));
    editor.setDecorations(this.neverHint, (hints ?? []).filter((h) => h.never).map(hintAt));
    this.drawn.set(editor.document.uri.toString(), {
      entries: candidates.length, picked: picked.length, logs: info.logs.length, version: ++this.version,
      ...(hints ? { coverage: hints.map(({ line, text }) => ({ line, text })) } : {}),
    });
  }

  /** One hint per line holding log calls (several calls on one line: their texts joined). */
  private coverageHints(info: FileInfo): { line: number; text: string; never: boolean }[] | undefined {
    const c = this.coverage;
    if (!c) return undefined;
    const byLine = new Map<number, { texts: string[]; never: boolean }>();
    for (const l of info.logs) {
      const seen = c.seen[l.template];
      const text = seenText(seen) ?? 'not in the last coverage run';
      const h = byLine.get(l.line) ?? byLine.set(l.line, { texts: [], never: false }).get(l.line)!;
      if (!h.texts.includes(text)) h.texts.push(text);
      if (seen === 0) h.never = true;
    }
    return [...byLine].sort((a, b) => a[0] - b[0]).map(([line, h]) => ({ line, text: `◀ ${h.texts.join('; ')}`, never: h.never }));
  }

  /** Shows (or, with undefined, removes) the code-meets-logs hints in every visible editor. */
  async setCoverage(c: CoverageCounts | undefined): Promise<void> {
    this.coverage = c;
    await Promise.all(vscode.window.visibleTextEditors.map((e) => this.refresh(e)));
  }

  refreshAll(): void {
    for (const e of vscode.window.visibleTextEditors) void this.refresh(e);
  }

  dispose(): void {
    this.entry.dispose();
    this.picked.dispose();
    this.seenHint.dispose();
    this.neverHint.dispose();
    for (const t of this.levels.values()) t.dispose();
  }
}
