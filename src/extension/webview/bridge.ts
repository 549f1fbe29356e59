// The host end of one webview: holds notifications until the webview says `ready`, then replays the current
// state; checks every incoming message with the protocol's type guards; answers requests by id.
import * as vscode from 'vscode';
import {
  PROTOCOL_VERSION, isWebviewCommand, isWebviewRequest,
  type HostMessage, type HostNotification, type WebviewRequest, type WebviewRequestMap, type WebviewRequestMethod,
} from '../../shared/webview-protocol';
import { pathNodeIds } from '../../shared/graph';
import type { ViewState } from '../state';
import type { LogSequence } from '../../core/model';
import type { Log } from '../log';

export type RequestHandlers = {
  [M in WebviewRequestMethod]: (params: WebviewRequestMap[M]['params']) => Promise<WebviewRequestMap[M]['result']>;
};

export interface BridgeDeps {
  state: ViewState;
  log: Log;
  reveal(file: string, line: number): Promise<void>;
  /** A sequence of the run on show, also one beyond the page the host holds. */
  findSequence(sessionId: string): Promise<LogSequence | undefined>;
  requests: RequestHandlers;
}

function themeKind(): 'light' | 'dark' | 'high-contrast' {
  switch (vscode.window.activeColorTheme.kind) {
    case vscode.ColorThemeKind.Light: return 'light';
    case vscode.ColorThemeKind.Dark: return 'dark';
    default: return 'high-contrast';
  }
}

export class WebviewBridge implements vscode.Disposable {
  private ready = false;
  private queue: HostMessage[] = [];
  private readonly subs: vscode.Disposable[] = [];
  /** Fires once per `ready` (also after the webview reloads, e.g. when a hidden view is shown again). */
  private readonly readyEmitter = new vscode.EventEmitter<void>();
  readonly onDidBecomeReady = this.readyEmitter.event;

  constructor(private readonly webview: vscode.Webview, private readonly view: 'sidebar' | 'panel', private readonly deps: BridgeDeps) {
    this.subs.push(
      webview.onDidReceiveMessage((m: unknown) => { void this.onMessage(m); }),
      deps.state.onDidChange((what) => {
        if (what === 'graph' && deps.state.graph) this.post({ type: 'showGraph', graph: deps.state.graph });
        if (what === 'run' && deps.state.run) this.post({ type: 'showSequences', data: deps.state.run });
        if (what === 'report' && deps.state.report) this.post({ type: 'showReport', report: deps.state.report });
      }),
    );
  }

  get isReady(): boolean { return this.ready; }

  post(m: HostNotification): void { this.send(m); }

  private send(m: HostMessage): void {
    if (!this.ready) { this.queue.push(m); return; }
    void this.webview.postMessage(m);
  }

  private async onMessage(m: unknown): Promise<void> {
    if (isWebviewRequest(m)) { await this.answer(m); return; }
    if (!isWebviewCommand(m)) {
      this.deps.log.warn(`webview (${this.view}) sent an unknown message: ${JSON.stringify(m).slice(0, 200)}`);
      return;
    }
    switch (m.type) {
      case 'ready': {
        if (m.protocol !== PROTOCOL_VERSION) this.deps.log.warn(`webview protocol ${m.protocol}, host ${PROTOCOL_VERSION}`);
        this.ready = true;
        // The queued notifications are superseded by a replay of the current state.
        this.queue = this.queue.filter((q) => q.type === 'response');
        const { graph, run, report } = this.deps.state;
        const replay: HostMessage[] = [{ type: 'init', protocol: PROTOCOL_VERSION, view: this.view, theme: themeKind() }];
        if (graph) replay.push({ type: 'showGraph', graph });
        if (run) replay.push({ type: 'showSequences', data: run });
        if (report) replay.push({ type: 'showReport', report });
        for (const r of [...replay, ...this.queue]) void this.webview.postMessage(r);
        this.queue = [];
        this.readyEmitter.fire();
        return;
      }
      case 'revealSource':
        await this.deps.reveal(m.file, m.line).catch((e) => this.deps.log.error(`reveal ${m.file}:${m.line}: ${String(e)}`));
        return;
      case 'sequenceSelected': {
        const seq = await this.deps.findSequence(m.sessionId).catch(() => undefined);
        const graph = this.deps.state.graph;
        this.post({ type: 'selectSequence', sessionId: m.sessionId, nodeIds: seq && graph ? pathNodeIds(graph, seq.path) : [] });
        return;
      }
      case 'log':
        this.deps.log.write(m.level, `[webview ${this.view}] ${m.message}`);
        return;
    }
  }

  private async answer(r: WebviewRequest): Promise<void> {
    try {
      // The guard has checked params against the method; the map's types line up by construction.
      const handler = this.deps.requests[r.method] as (p: unknown) => Promise<unknown>;
      const result = await handler(r.params);
      this.send({ type: 'response', id: r.id, ok: true, result: result ?? null });
    } catch (e) {
      this.send({ type: 'response', id: r.id, ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.readyEmitter.dispose();
  }
}
