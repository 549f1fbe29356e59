// The side-panel graph viewer (a webview view in the LogSynth activity-bar container).
import * as vscode from 'vscode';
import { renderHtml, webviewOptions } from './html';
import { WebviewBridge, type BridgeDeps } from './bridge';

export const GRAPH_VIEW_ID = 'logsynth.graph';

export class GraphViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private bridge: WebviewBridge | undefined;
  private readonly readyEmitter = new vscode.EventEmitter<void>();
  /** Fires when the view's webview has completed its handshake. */
  readonly onDidBecomeReady = this.readyEmitter.event;

  constructor(private readonly extensionUri: vscode.Uri, private readonly deps: BridgeDeps) {}

  get isReady(): boolean { return this.bridge?.isReady ?? false; }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.bridge?.dispose();
    view.webview.options = webviewOptions(this.extensionUri);
    const bridge = new WebviewBridge(view.webview, 'sidebar', this.deps);
    this.bridge = bridge;
    bridge.onDidBecomeReady(() => this.readyEmitter.fire());
    view.webview.html = renderHtml(view.webview, this.extensionUri, 'LogSynth graph');
    view.onDidDispose(() => { if (this.bridge === bridge) this.bridge = undefined; bridge.dispose(); });
  }

  dispose(): void { this.bridge?.dispose(); this.readyEmitter.dispose(); }
}
