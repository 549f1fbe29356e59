// Everything a command needs, in one object (the rust-analyzer `Ctx` pattern).
import * as vscode from 'vscode';
import { workspaceRoots } from '../shared/roots';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  EntryGraphRequest, MethodAtRequest, MethodLcfgRequest, ResolveMethodRequest, SequencesRequest,
  type GenerateFromHereArgs, type GenerateResponse, type IndexState, type MethodSummary,
} from '../shared/protocol';
import type { BridgeDeps } from './webview/bridge';
import type { ViewState } from './state';
import type { EntryList } from './entries';
import type { Decorations } from './decorations';
import type { StatusItem } from './status';
import type { Log } from './log';
import type { GraphViewProvider } from './webview/graph-view';
import { graphMaxNodes } from './config';

export class Ctx {
  indexState: IndexState | undefined;
  lastRun: GenerateResponse | undefined;
  /** LLM consent given in this session for a non-loopback endpoint (host names). */
  readonly remoteConsent = new Set<string>();
  graphView: GraphViewProvider | undefined;

  constructor(
    readonly context: vscode.ExtensionContext,
    readonly log: Log,
    readonly client: LanguageClient,
    readonly state: ViewState,
    readonly entries: EntryList,
    readonly decorations: Decorations,
    readonly status: StatusItem,
  ) {}

  get trusted(): boolean { return vscode.workspace.isTrusted; }

  /** The first workspace folder (a default place for dialogs). */
  root(): vscode.Uri | undefined { return vscode.workspace.workspaceFolders?.[0]?.uri; }

  /** The file an index key names: keys are relative to the folder holding every workspace folder (shared/roots.ts). */
  uriOf(file: string): vscode.Uri | undefined {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    const roots = workspaceRoots(folders.map((f) => f.uri.fsPath));
    return roots ? vscode.Uri.joinPath(vscode.Uri.file(roots.root), ...file.split('/')) : undefined;
  }

  /** Opens a workspace file at a 1-based line, cursor on its first non-blank character. */
  async reveal(file: string, line: number): Promise<vscode.TextEditor | undefined> {
    const uri = this.uriOf(file);
    if (!uri) return undefined;
    const doc = await vscode.workspace.openTextDocument(uri);
    const l = Math.min(Math.max(0, line - 1), doc.lineCount - 1);
    const col = doc.lineAt(l).firstNonWhitespaceCharacterIndex;
    const existing = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    const editor = await vscode.window.showTextDocument(doc, {
      viewColumn: existing?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false, selection: new vscode.Range(l, col, l, col),
    });
    editor.revealRange(new vscode.Range(l, col, l, col), vscode.TextEditorRevealType.InCenter);
    return editor;
  }

  /**
   * The method a command is about, from whatever its caller passes: CodeLens / API args (`{ methodId }`), a
   * signature string, the editor context menu (the document URI; the cursor was moved to the click), or the
   * line-number gutter menu (`{ lineNumber, uri }`).
   */
  async methodFrom(arg: unknown): Promise<MethodSummary | null | undefined> {
    if (typeof arg === 'string') return this.client.sendRequest(ResolveMethodRequest.type, { signature: arg });
    if (arg instanceof vscode.Uri) {
      const ed = vscode.window.activeTextEditor;
      const line = ed && ed.document.uri.toString() === arg.toString() ? ed.selection.active.line + 1 : undefined;
      return line === undefined ? undefined : this.client.sendRequest(MethodAtRequest.type, { uri: arg.toString(), line });
    }
    if (typeof arg === 'object' && arg !== null) {
      const a = arg as Partial<GenerateFromHereArgs> & { lineNumber?: unknown; uri?: unknown };
      if (typeof a.methodId === 'string') return this.client.sendRequest(ResolveMethodRequest.type, { signature: a.methodId });
      if (typeof a.lineNumber === 'number' && a.uri !== undefined) {
        const u: unknown = a.uri;
        const uri = u instanceof vscode.Uri ? u.toString() : String(u);
        return this.client.sendRequest(MethodAtRequest.type, { uri, line: a.lineNumber });
      }
    }
    return undefined;
  }

  /** The method under the cursor of the active Java editor, if any. */
  async methodAtCursor(): Promise<MethodSummary | null> {
    const ed = vscode.window.activeTextEditor;
    if (!ed || ed.document.languageId !== 'java') return null;
    return this.client.sendRequest(MethodAtRequest.type, { uri: ed.document.uri.toString(), line: ed.selection.active.line + 1 });
  }

  async showEntryGraph(entry: string): Promise<void> {
    const g = await this.client.sendRequest(EntryGraphRequest.type, { entry, maxNodes: graphMaxNodes() });
    if (g) this.state.setGraph(g);
  }

  bridgeDeps(): BridgeDeps {
    return {
      state: this.state,
      log: this.log,
      reveal: async (file, line) => { await this.reveal(file, line); },
      findSequence: async (sessionId) => {
        const run = this.state.run;
        if (!run) return undefined;
        const local = this.state.sequence(sessionId);
        if (local) return local;
        const page = await this.client.sendRequest(SequencesRequest.type, { runId: run.runId, sessionIds: [sessionId] });
        return page.sequences[0];
      },
      requests: {
        methodLcfg: async ({ methodId }) => this.client.sendRequest(MethodLcfgRequest.type, { methodId }),
        entryGraph: async ({ entry, depth }) => this.client.sendRequest(EntryGraphRequest.type, { entry, depth, maxNodes: graphMaxNodes() }),
        sequences: async (p) => this.client.sendRequest(SequencesRequest.type, p),
      },
    };
  }
}
