// What the views show: the graph on display and the last generation run. The sidebar view and the editor panel
// both render from here, so they agree, and a view opened later catches up on its `ready` handshake.
import * as vscode from 'vscode';
import type { LogSequence } from '../core/model';
import type { GraphData } from '../shared/graph';
import type { ReportData, SequencesData } from '../shared/webview-protocol';

export class ViewState implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<'graph' | 'run' | 'report'>();
  readonly onDidChange = this.changed.event;
  graph: GraphData | undefined;
  run: SequencesData | undefined;
  report: ReportData | undefined;

  setGraph(g: GraphData | undefined): void { this.graph = g; this.changed.fire('graph'); }
  setRun(r: SequencesData | undefined): void { this.run = r; this.changed.fire('run'); }
  setReport(r: ReportData | undefined): void { this.report = r; this.changed.fire('report'); }

  sequence(sessionId: string): LogSequence | undefined {
    return this.run?.sequences.find((s) => s.sessionId === sessionId);
  }

  dispose(): void { this.changed.dispose(); }
}
