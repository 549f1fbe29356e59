// A report in the webview: the headline metrics as cards, then the charts of its kind — fidelity: real and
// synthetic transition matrices side by side (and their difference) plus the state machine; evaluation: F1
// grouped by model and training set plus the F1 deltas — then its tables. Reports without the typed view
// data still show their metrics, matrices, tables and graph.
import type { FidelityView, ReportData, ReportMatrix, ReportTable } from '../../src/shared/webview-protocol';
import { h, fmt } from '../ui/dom';
import { heatmap } from './heatmap';
import { deltaChart, f1Chart } from './bars';
import { machineView } from './machine';

function metricCards(metrics: Record<string, number>): HTMLElement {
  return h('div', { class: 'metrics' }, ...Object.entries(metrics).map(([k, v]) =>
    h('div', { class: 'metric' }, h('div', { class: 'value' }, fmt(v)), h('div', { class: 'name' }, k))));
}

function table(t: ReportTable): HTMLElement {
  const cell = (v: string | number | null) => (v === null ? '—' : typeof v === 'number' ? fmt(v) : v);
  return h('figure', { class: 'table-fig' }, h('figcaption', {}, t.title),
    h('div', { class: 'table-scroll' }, h('table', { class: 'report-table' },
      h('thead', {}, h('tr', {}, ...t.columns.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...t.rows.map((r) => h('tr', {}, ...r.map((v) => h('td', { class: typeof v === 'number' ? 'num' : '' }, cell(v)))))))));
}

function matrixFig(m: ReportMatrix): HTMLElement {
  return heatmap({ title: m.title, rows: m.rowLabels, cols: m.columnLabels, values: m.values });
}

function fidelitySection(f: FidelityView): { el: HTMLElement; ready: Promise<void> } {
  const ev = f.events;
  const max = Math.max(1e-9, ...f.real.flat(), ...f.synthetic.flat());
  const diff = f.real.map((row, i) => row.map((v, j) => Math.abs(v - (f.synthetic[i]?.[j] ?? 0))));
  const describe = (which: string, otherName: string, other: number[][]) => (r: string, c: string, v: number) => {
    const i = ev.indexOf(r), j = ev.indexOf(c);
    return `${r} → ${c}\n${which}: ${fmt(v)}   ${otherName}: ${fmt(other[i]?.[j] ?? 0)}`;
  };
  const maps = h('div', { class: 'heatmaps' },
    heatmap({ title: 'Real: P(next | event)', rows: ev, cols: ev, values: f.real, max, describe: describe('real', 'synthetic', f.synthetic) }),
    heatmap({ title: 'Synthetic: P(next | event)', rows: ev, cols: ev, values: f.synthetic, max, describe: describe('synthetic', 'real', f.real) }),
    heatmap({ title: '|real − synthetic|', rows: ev, cols: ev, values: diff, max, scale: 'diff' }));
  const mv = machineView(f.machine);
  return { el: h('section', { class: 'report-section' }, h('h3', {}, 'Directly-follows matrices'), maps, mv.element), ready: mv.ready };
}

/** Builds the report; `ready` settles when every laid-out figure is drawn. */
export function reportView(r: ReportData): { element: HTMLElement; ready: Promise<void> } {
  const parts: HTMLElement[] = [h('h2', { class: 'report-title' }, r.title)];
  const waits: Promise<void>[] = [];
  if (Object.keys(r.metrics ?? {}).length) parts.push(metricCards(r.metrics));
  if (r.kind === 'fidelity' && r.fidelity) {
    const f = fidelitySection(r.fidelity);
    parts.push(f.el);
    waits.push(f.ready);
  }
  if (r.kind === 'eval' && r.eval && r.eval.rows.length) {
    const charts = h('div', { class: 'charts' }, f1Chart(r.eval));
    const d = deltaChart(r.eval);
    if (d) charts.append(d);
    parts.push(h('section', { class: 'report-section' }, h('h3', {}, r.eval.dataset ? `Detectors on ${r.eval.dataset}` : 'Detectors'), charts));
  }
  if (r.matrices?.length) parts.push(h('section', { class: 'report-section heatmaps' }, ...r.matrices.map(matrixFig)));
  for (const t of r.tables ?? []) parts.push(table(t));
  const element = h('article', { class: `report report-${r.kind}`, 'data-report': r.kind }, ...parts);
  return { element, ready: Promise.all(waits).then(() => undefined) };
}
