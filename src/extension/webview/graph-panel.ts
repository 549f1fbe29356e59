// The graph viewer as an editor panel, for a large view. One panel at a time; it survives a window reload
// through the serializer (the webview keeps its own UI state with getState/setState).
import * as vscode from 'vscode';
import { renderHtml, webviewOptions } from './html';
import { WebviewBridge, type BridgeDeps } from './bridge';

export const GRAPH_PANEL_TYPE = 'logsynth.graphPanel';

export class GraphPanel implements vscode.Disposable {
  private static current: GraphPanel | undefined;

  /** True when an editor panel is open and its webview has completed the ready handshake. */
  static get isReady(): boolean { return GraphPanel.current?.bridge.isReady ?? false; }
  private readonly bridge: WebviewBridge;

  static show(extensionUri: vscode.Uri, deps: BridgeDeps): GraphPanel {
    if (GraphPanel.current) { GraphPanel.current.panel.reveal(); return GraphPanel.current; }
    const panel = vscode.window.createWebviewPanel(GRAPH_PANEL_TYPE, 'LogSynth graph', vscode.ViewColumn.Beside, {
      ...webviewOptions(extensionUri), retainContextWhenHidden: false,
    });
    GraphPanel.current = new GraphPanel(panel, extensionUri, deps);
    return GraphPanel.current;
  }

  static register(extensionUri: vscode.Uri, deps: BridgeDeps): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(GRAPH_PANEL_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel) {
        panel.webview.options = webviewOptions(extensionUri);
        GraphPanel.current?.dispose();
        GraphPanel.current = new GraphPanel(panel, extensionUri, deps);
      },
    });
  }

  private constructor(readonly panel: vscode.WebviewPanel, extensionUri: vscode.Uri, deps: BridgeDeps) {
    this.bridge = new WebviewBridge(panel.webview, 'panel', deps);
    panel.webview.html = renderHtml(panel.webview, extensionUri, 'LogSynth graph');
    panel.onDidDispose(() => this.dispose());
  }

  private disposed = false;

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (GraphPanel.current === this) GraphPanel.current = undefined;
    this.bridge.dispose();
    this.panel.dispose();
  }
}
