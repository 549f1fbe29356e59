// ReportData for the webview's report views, built from what the core stages return: the fidelity report of
// the logs pipeline (src/core/fidelity/report.ts) and the evaluation summary (src/core/eval/report.ts).
// Type-only imports of core, so the webview bundle and the host can both use this file.
import type { FidelityReport } from '../core/fidelity/report';
import type { SummaryRow } from '../core/eval/report';
import type { EvalView, FidelityView, ReportData } from './webview-protocol';

const finite = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

export function fidelityView(r: FidelityReport): FidelityView {
  return {
    events: r.matrices.events,
    real: r.matrices.real,
    synthetic: r.matrices.synthetic,
    machine: { nodes: r.graph.nodes, edges: r.graph.edges },
  };
}

/** The fidelity report as the webview shows it: headline metrics, the matrices as heatmaps, the machine as a graph. */
export function fidelityReportData(r: FidelityReport, title = 'Fidelity: synthetic vs real'): ReportData {
  const metrics: Record<string, number> = {
    'Accepted by machine': r.constraints.accepted,
    'Event JSD': r.similarity.eventJsd,
    'Transition JSD': r.similarity.transitionJsd,
    'Length KS': r.similarity.lengthKs,
    'Fitness': r.process.fitness,
    'Precision': r.process.precision,
    'Identifier consistency': r.constraints.identifierConsistency,
  };
  if (finite(r.similarity.interEventTimeKs)) metrics['Inter-event time KS'] = r.similarity.interEventTimeKs;
  if (finite(r.amplification.factor)) metrics['Rare transition amplification'] = r.amplification.factor;
  return {
    kind: 'fidelity', title, metrics,
    tables: [{
      title: 'Traces',
      columns: ['', 'traces', 'events'],
      rows: [['real', r.real.traces, r.real.events], ['synthetic', r.synthetic.traces, r.synthetic.events]],
    }],
    matrices: [],
    fidelity: fidelityView(r),
  };
}

export function evalView(summary: readonly SummaryRow[], dataset?: string): EvalView {
  const rows = summary.filter((s) => dataset === undefined || s.dataset === dataset).map((s) => {
    const row: EvalView['rows'][number] = { model: s.model, training: s.training, precision: s.precisionMean, recall: s.recallMean, f1: s.f1Mean };
    if (finite(s.f1Std)) row.f1Std = s.f1Std;
    if (finite(s.f1Delta)) row.deltaF1 = s.f1Delta;
    return row;
  });
  return dataset === undefined ? { rows } : { dataset, rows };
}

/** The evaluation summary as the webview shows it: grouped F1 bars per model x training, F1 deltas, the table. */
export function evalReportData(summary: readonly SummaryRow[], title = 'Evaluation: detectors with and without synthetic data'): ReportData {
  const view = evalView(summary);
  const best = view.rows.reduce<number>((m, r) => Math.max(m, r.f1), 0);
  return {
    kind: 'eval', title,
    metrics: { 'Runs': summary.reduce((n, s) => n + s.runs, 0), 'Best F1': best },
    tables: [{
      title: 'Summary (mean over seeds)',
      columns: ['dataset', 'model', 'training', 'runs', 'precision', 'recall', 'F1', 'F1 std', 'ΔF1'],
      rows: summary.map((s) => [s.dataset, s.model, s.training, s.runs, s.precisionMean, s.recallMean, s.f1Mean,
        finite(s.f1Std) ? s.f1Std : null, finite(s.f1Delta) ? s.f1Delta : null]),
    }],
    matrices: [],
    eval: view,
  };
}
