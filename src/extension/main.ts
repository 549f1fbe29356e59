// Extension entry point. Activation does the least it can: start the language server (which indexes in its
// own process), register the command table, views and decorations. Returns a small API the integration tests
// (and other extensions) use to observe what the UI shows.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CoverageRequest, DidChangeSettingsNotification, IndexStateNotification, type GenerateResponse, type IndexState } from '../shared/protocol';
import { createClient } from './client';
import { Ctx } from './ctx';
import { registerCommands } from './commands';
import { Decorations, type DrawnMarks } from './decorations';
import { EntryList } from './entries';
import { Log } from './log';
import { StatusItem } from './status';
import { ViewState } from './state';
import { generateSettings, SECTION } from './config';
import { GRAPH_VIEW_ID, GraphViewProvider } from './webview/graph-view';
import { GraphPanel } from './webview/graph-panel';

export interface LogSynthApi {
  /** Milliseconds activate() took (the language server starts in its own process). */
  activationMs: number;
  /** Resolves when the first index is ready. */
  whenIndexed(): Promise<IndexState>;
  indexState(): IndexState | undefined;
  lastRun(): GenerateResponse | undefined;
  drawnMarks(uri: vscode.Uri): DrawnMarks | undefined;
  graphViewReady(): boolean;
  /** The editor panel (Open graph in editor) is open and its webview completed the handshake. */
  graphPanelReady(): boolean;
  /** The picked entry functions, in order. */
  entryFunctions(): string[];
  /** What the views show now. */
  view(): { graphNodes: number; graphTitle?: string; sequences: number; total: number; report?: string };
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<LogSynthApi> {
  const t0 = performance.now();
  const log = new Log();
  const state = new ViewState();
  const entries = new EntryList(context.workspaceState);
  const status = new StatusItem();
  client = createClient(context, log);
  const decorations = new Decorations(context.extensionUri, client, entries, log);
  const ctx = new Ctx(context, log, client, state, entries, decorations, status);
  const graphView = new GraphViewProvider(context.extensionUri, ctx.bridgeDeps());
  ctx.graphView = graphView;

  let indexed: (s: IndexState) => void = () => undefined;
  const firstIndex = new Promise<IndexState>((r) => { indexed = r; });

  context.subscriptions.push(
    log, state, entries, status, decorations, graphView,
    ...registerCommands(ctx),
    vscode.window.registerWebviewViewProvider(GRAPH_VIEW_ID, graphView),
    GraphPanel.register(context.extensionUri, ctx.bridgeDeps()),
    vscode.window.registerTreeDataProvider('logsynth.entries', entries),
    client.onNotification(IndexStateNotification.type, (s) => {
      const changed = s.version !== ctx.indexState?.version;
      ctx.indexState = s;
      status.update(s);
      if (s.state === 'ready' || s.state === 'error') indexed(s);
      if (s.state === 'ready' && changed) decorations.refreshAll();
    }),
    vscode.window.onDidChangeVisibleTextEditors((eds) => { for (const e of eds) void decorations.refresh(e); }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.log.level`)) log.readLevel();
      if (e.affectsConfiguration(`${SECTION}.generation.depth`)) sendSettings();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => sendSettings()),
  );

  function sendSettings(): void {
    void client?.sendNotification(DidChangeSettingsNotification.type, {
      depth: generateSettings(vscode.workspace.isTrusted).depth, trusted: vscode.workspace.isTrusted,
    });
  }

  // Starting the client spawns the server process; activation does not wait for it (requests made before it
  // is up wait inside the client), let alone for the first index.
  const started = client.start().then(
    () => {
      log.info(`language server started ${(performance.now() - t0).toFixed(0)} ms after activation began`);
      // coverage hints of the last "Show log coverage", kept by the server across restarts until cleared
      void ctx.client.sendRequest(CoverageRequest.type).then(
        (c) => { if (c) void decorations.setCoverage(c); },
        (e: unknown) => log.debug(`coverage counts: ${String(e)}`),
      );
    },
    (e: unknown) => {
      log.error(`the language server did not start: ${e instanceof Error ? e.message : String(e)}`);
      status.update({ state: 'error', version: 0, done: 0, total: 0, files: 0, methods: 0, logs: 0, templates: 0, entryMethods: 0, message: 'language server did not start' });
      indexed({ state: 'error', version: 0, done: 0, total: 0, files: 0, methods: 0, logs: 0, templates: 0, entryMethods: 0, message: String(e) });
    },
  );
  const activationMs = performance.now() - t0;
  log.info(`activated in ${activationMs.toFixed(0)} ms (VS Code ${vscode.version}, ${vscode.workspace.isTrusted ? 'trusted' : 'restricted mode'})`);

  return {
    activationMs,
    whenIndexed: () => started.then(() => firstIndex),
    indexState: () => ctx.indexState,
    lastRun: () => ctx.lastRun,
    drawnMarks: (uri) => decorations.drawn.get(uri.toString()),
    graphViewReady: () => graphView.isReady,
    graphPanelReady: () => GraphPanel.isReady,
    entryFunctions: () => entries.all().map((e) => e.methodId),
    view: () => ({ graphNodes: state.graph?.nodes.length ?? 0, graphTitle: state.graph?.title, sequences: state.run?.sequences.length ?? 0, total: state.run?.total ?? 0, report: state.report?.kind }),
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
