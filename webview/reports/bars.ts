// Bar charts of the evaluation report, drawn as SVG: F1 per model grouped by training set (with a whisker
// for the spread over seeds), and the F1 change of each training set against the same model trained on real data.
import type { EvalView } from '../../src/shared/webview-protocol';
import { h, s, clip, fmt } from '../ui/dom';

const PALETTE = 8; // .series-0 .. .series-7 in main.css

type Row = EvalView['rows'][number];

function order<T>(xs: T[]): T[] { return [...new Set(xs)]; }

function legend(trainings: string[]): HTMLElement {
  return h('div', { class: 'chart-legend' }, ...trainings.map((t, i) =>
    h('span', { class: 'item' }, h('span', { class: `swatch series-${i % PALETTE}` }), t)));
}

/** Training sets in a stable order: `real` first, then as they come. */
function trainingOrder(rows: Row[]): string[] {
  const all = order(rows.map((r) => r.training));
  return [...all.filter((t) => t === 'real'), ...all.filter((t) => t !== 'real')];
}

export function f1Chart(view: EvalView): HTMLElement {
  const models = order(view.rows.map((r) => r.model));
  const trainings = trainingOrder(view.rows);
  const barW = Math.max(6, Math.min(18, Math.floor(120 / Math.max(1, trainings.length))));
  const groupW = Math.max(64, trainings.length * barW + 14);
  const left = 36, top = 22, plotH = 180, bottom = 30;
  const W = left + models.length * groupW + 10;
  const svg = s('svg', { class: 'chart f1-chart', width: W, height: top + plotH + bottom, role: 'img', 'aria-label': 'F1 per model and training set' });
  const y = (v: number) => top + plotH - Math.max(0, Math.min(1, v)) * plotH;
  const grid = s('g', { class: 'grid' });
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    grid.append(s('line', { x1: left, x2: W - 4, y1: y(t), y2: y(t), class: t === 0 ? 'axis-line' : 'grid-line' }),
      s('text', { x: left - 5, y: y(t) + 3, 'text-anchor': 'end' }, t.toFixed(2)));
  }
  svg.append(grid);
  const bars = s('g', { class: 'bars' });
  models.forEach((model, mi) => {
    const gx = left + mi * groupW + (groupW - trainings.length * barW) / 2;
    trainings.forEach((tr, ti) => {
      const r = view.rows.find((x) => x.model === model && x.training === tr);
      if (!r) return;
      const x = gx + ti * barW;
      const bar = s('rect', { class: `bar series-${ti % PALETTE}`, x, y: y(r.f1), width: barW - 2, height: Math.max(0.5, y(0) - y(r.f1)), 'data-model': model, 'data-training': tr },
        s('title', {}, `${model} · ${tr}\nF1 ${fmt(r.f1)}${r.f1Std !== undefined ? ` ± ${fmt(r.f1Std)}` : ''}\nprecision ${fmt(r.precision)} · recall ${fmt(r.recall)}`));
      bars.append(bar);
      if (r.f1Std !== undefined && r.f1Std > 0) {
        const cx = x + (barW - 2) / 2;
        bars.append(s('path', { class: 'whisker', d: `M${cx},${y(r.f1 - r.f1Std)} V${y(r.f1 + r.f1Std)} M${cx - 2.5},${y(r.f1 - r.f1Std)} h5 M${cx - 2.5},${y(r.f1 + r.f1Std)} h5` }));
      }
    });
    const lx = gx + (trainings.length * barW) / 2;
    bars.append(s('text', { class: 'tick', x: lx, y: top + plotH + 14, 'text-anchor': 'middle' }, clip(model, Math.max(4, Math.floor(groupW / 6.2)))));
  });
  svg.append(bars, s('text', { class: 'axis-title', x: 4, y: 11 }, 'F1'));
  return h('figure', { class: 'chart-fig' }, h('figcaption', {}, 'F1 by model and training set'), svg, legend(trainings));
}

export function deltaChart(view: EvalView): HTMLElement | undefined {
  const rows = view.rows.filter((r) => r.deltaF1 !== undefined && r.training !== 'real');
  if (rows.length === 0) return undefined;
  const models = order(rows.map((r) => r.model));
  const allTrainings = trainingOrder(view.rows);
  const trainings = allTrainings.filter((t) => t !== 'real');
  const span = Math.max(0.05, ...rows.map((r) => Math.abs(r.deltaF1!)));
  const barW = Math.max(6, Math.min(18, Math.floor(120 / Math.max(1, trainings.length))));
  const groupW = Math.max(64, trainings.length * barW + 14);
  const left = 44, top = 22, plotH = 150, bottom = 30;
  const W = left + models.length * groupW + 10;
  const svg = s('svg', { class: 'chart delta-chart', width: W, height: top + plotH + bottom, role: 'img', 'aria-label': 'F1 change against training on real data only' });
  const y = (v: number) => top + plotH / 2 - (v / span) * (plotH / 2);
  const grid = s('g', { class: 'grid' });
  for (const t of [-span, -span / 2, 0, span / 2, span]) {
    grid.append(s('line', { x1: left, x2: W - 4, y1: y(t), y2: y(t), class: t === 0 ? 'axis-line' : 'grid-line' }),
      s('text', { x: left - 5, y: y(t) + 3, 'text-anchor': 'end' }, `${t > 0 ? '+' : ''}${t.toFixed(2)}`));
  }
  svg.append(grid);
  const bars = s('g', { class: 'bars' });
  models.forEach((model, mi) => {
    const gx = left + mi * groupW + (groupW - trainings.length * barW) / 2;
    trainings.forEach((tr, ti) => {
      const r = rows.find((x) => x.model === model && x.training === tr);
      if (!r) return;
      const d = r.deltaF1!;
      const x = gx + ti * barW;
      // Colour by sign, the training set by the same series index as in the F1 chart (outline).
      const si = allTrainings.indexOf(tr);
      bars.append(s('rect', { class: `bar delta ${d >= 0 ? 'up' : 'down'} outline-${si % PALETTE}`, x, y: Math.min(y(d), y(0)), width: barW - 2, height: Math.max(0.5, Math.abs(y(d) - y(0))), 'data-model': model, 'data-training': tr },
        s('title', {}, `${model} · ${tr}\nΔF1 ${d >= 0 ? '+' : ''}${fmt(d)} vs real`)));
    });
    bars.append(s('text', { class: 'tick', x: gx + (trainings.length * barW) / 2, y: top + plotH + 14, 'text-anchor': 'middle' }, clip(model, Math.max(4, Math.floor(groupW / 6.2)))));
  });
  svg.append(bars, s('text', { class: 'axis-title', x: 4, y: 11 }, 'ΔF1'));
  return h('figure', { class: 'chart-fig' }, h('figcaption', {}, 'F1 change against the same model trained on real data'), svg,
    h('div', { class: 'chart-legend' }, h('span', { class: 'item' }, h('span', { class: 'swatch up' }), 'better'), h('span', { class: 'item' }, h('span', { class: 'swatch down' }), 'worse')));
}
