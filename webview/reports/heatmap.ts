// A matrix as an SVG heatmap (rows x columns, values in [0, max]), with row and column labels, a title per
// cell for the exact value, and a colour legend. Used for the directly-follows matrices of the fidelity report.
import { h, s, clip, fmt } from '../ui/dom';

export interface HeatmapOptions {
  title: string;
  rows: string[];
  cols: string[];
  values: number[][];
  /** Top of the colour scale (default: the largest value, at least 1e-9). */
  max?: number;
  /** 'seq' for magnitudes, 'diff' for differences (another colour). */
  scale?: 'seq' | 'diff';
  /** Cell size in px (default: fits 20..360 px of matrix). */
  cell?: number;
  describe?(row: string, col: string, v: number): string;
}

const LABEL_W = 62;

export function heatmap(o: HeatmapOptions): HTMLElement {
  const n = o.rows.length, m = o.cols.length;
  const cell = o.cell ?? Math.max(6, Math.min(22, Math.floor(360 / Math.max(1, Math.max(n, m)))));
  let max = o.max ?? 0;
  if (o.max === undefined) for (const r of o.values) for (const v of r) if (Number.isFinite(v)) max = Math.max(max, v);
  max = Math.max(max, 1e-9);
  const top = LABEL_W;
  const showEvery = cell >= 11 ? 1 : Math.ceil(11 / cell);
  const svg = s('svg', { class: `heatmap scale-${o.scale ?? 'seq'}`, width: LABEL_W + m * cell + 4, height: top + n * cell + 4, role: 'img', 'aria-label': o.title });
  const cells = s('g', { class: 'cells' });
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const v = o.values[i]?.[j] ?? 0;
      const r = s('rect', { x: LABEL_W + j * cell, y: top + i * cell, width: cell - 1, height: cell - 1, class: v > 0 ? 'cell' : 'cell zero' });
      if (v > 0) r.setAttribute('fill-opacity', String(Math.min(1, 0.12 + 0.88 * (v / max))));
      r.append(s('title', {}, o.describe ? o.describe(o.rows[i]!, o.cols[j]!, v) : `${o.rows[i]} → ${o.cols[j]}: ${fmt(v)}`));
      cells.append(r);
    }
  }
  const labels = s('g', { class: 'axis' });
  const fontPx = Math.min(10, Math.max(7, cell - 2));
  for (let i = 0; i < n; i += showEvery) {
    labels.append(s('text', { x: LABEL_W - 4, y: top + i * cell + cell / 2 + fontPx / 2 - 1, 'text-anchor': 'end', 'font-size': fontPx }, clip(o.rows[i]!, 9)));
  }
  for (let j = 0; j < m; j += showEvery) {
    const x = LABEL_W + j * cell + cell / 2 + fontPx / 2 - 1;
    labels.append(s('text', { x, y: top - 4, transform: `rotate(-90 ${x} ${top - 4})`, 'font-size': fontPx }, clip(o.cols[j]!, 9)));
  }
  svg.append(cells, labels);
  const legend = h('div', { class: 'legend' },
    h('span', {}, '0'), h('span', { class: `ramp scale-${o.scale ?? 'seq'}` }), h('span', {}, fmt(max, 2)));
  return h('figure', { class: 'heatmap-fig' }, h('figcaption', {}, o.title), svg, legend);
}
