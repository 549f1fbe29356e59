// The recovered state machine of the fidelity report, laid out with elkjs (left to right) and drawn as SVG:
// states as circles (initial ringed, accepting doubled, coloured by the label of their sub-machine),
// transitions labelled with their event id and probability. Pan and zoom as in the graph viewer.
import type { FidelityView } from '../../src/shared/webview-protocol';
import { layout, roundedPath } from '../graph/layout';
import { Viewport } from '../graph/viewport';
import { h, s, fmt, textWidth } from '../ui/dom';

const R = 15;
const LABEL_MIN_PROB = 0.05;

export function machineView(m: FidelityView['machine']): { element: HTMLElement; ready: Promise<void> } {
  const svg = s('svg', { class: 'machine', tabindex: 0, role: 'img', 'aria-label': `State machine: ${m.nodes.length} states, ${m.edges.length} transitions` });
  const layer = s('g', { class: 'viewport' });
  const defs = s('defs', {}, s('marker', { id: 'arrow-fsm', class: 'marker marker-normal', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, s('path', { d: 'M0,1 L10,5 L0,9 z' })));
  svg.append(defs, layer);
  const vp = new Viewport(svg, layer);
  const element = h('figure', { class: 'machine-fig' }, h('figcaption', {}, `State machine (${m.nodes.length} states, ${m.edges.length} transitions)`), h('div', { class: 'machine-host' }, svg));
  const font = '10px system-ui, sans-serif';
  const label = (e: FidelityView['machine']['edges'][number]) => `${e.eventId} ${fmt(e.prob, 2)}`;
  const ready = layout({
    direction: 'RIGHT', routing: 'SPLINES', nodeSpacing: 22, layerSpacing: 46,
    nodes: m.nodes.map((n) => ({ id: `s${n.id}`, width: 2 * R, height: 2 * R })),
    // Only transitions taken at least 5% of the time carry a label (all have a tooltip): rare ones would pile up.
    edges: m.edges.map((e) => ({ id: `t${e.id}`, from: `s${e.from}`, to: `s${e.to}`, ...(e.prob >= LABEL_MIN_PROB ? { label: { width: Math.ceil(textWidth(label(e), font)) + 6, height: 13 } } : {}) })),
  }).then((laid) => {
    const edges = s('g', { class: 'edges' });
    const labels = s('g', { class: 'edge-labels' });
    for (const e of m.edges) {
      const r = laid.edges.get(`t${e.id}`);
      if (!r || r.points.length < 2) continue;
      const p = s('path', { class: 'edge', d: roundedPath(r.points, 10), 'marker-end': 'url(#arrow-fsm)' }, s('title', {}, `${e.eventId}: ${e.template ?? ''}\np = ${fmt(e.prob)} · ${e.count} times`));
      // Thicker for likelier transitions, so the main flow stands out.
      p.setAttribute('stroke-width', String(0.8 + 2.2 * Math.max(0, Math.min(1, e.prob))));
      edges.append(p);
      if (r.label) {
        labels.append(s('text', { class: 'edge-label-text', x: r.label.x + r.label.width / 2, y: r.label.y + r.label.height - 3, 'text-anchor': 'middle' },
          s('title', {}, `${e.eventId}: ${e.template ?? ''}`), label(e)));
      }
    }
    const nodes = s('g', { class: 'nodes' });
    for (const n of m.nodes) {
      const b = laid.nodes.get(`s${n.id}`);
      if (!b) continue;
      const cx = b.x + R, cy = b.y + R;
      const g = s('g', { class: `state label-${n.label}${n.initial ? ' initial' : ''}${n.final ? ' final' : ''}`, 'data-state': n.id },
        s('title', {}, `state ${n.id} (${n.label})${n.initial ? ', initial' : ''}${n.final ? ', accepting' : ''}\n${n.visits} traces passed through`),
        s('circle', { class: 'shape', cx, cy, r: R }));
      if (n.final) g.append(s('circle', { class: 'inner', cx, cy, r: R - 3.5 }));
      g.append(s('text', { x: cx, y: cy + 3.5, 'text-anchor': 'middle' }, String(n.id)));
      nodes.append(g);
    }
    layer.replaceChildren(edges, labels, nodes);
    vp.setContentSize(laid.width, laid.height);
    // Fit once the figure is in the document and has a size.
    requestAnimationFrame(() => vp.fit());
    svg.dataset.rendered = '1';
  });
  return { element, ready };
}
