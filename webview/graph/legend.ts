// A small collapsible key to the node shapes and colours (same classes as the drawing, so it follows the theme).
import { h } from '../ui/dom';

const KINDS: [string, string][] = [
  ['entry', 'entry / exit'], ['log', 'log'], ['call', 'call'], ['branch', 'branch'], ['catch', 'catch / finally'], ['throw', 'throw / raise'], ['return', 'return'],
];
const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

export function legend(): HTMLElement {
  const d = h('details', { class: 'legend-box' }, h('summary', {}, 'Legend'));
  d.append(h('div', { class: 'legend-row' }, ...KINDS.map(([k, label]) => h('span', { class: 'item' }, h('span', { class: `key kind-${k}` }), label))));
  d.append(h('div', { class: 'legend-row' }, ...LEVELS.map((l) => h('span', { class: 'item' }, h('span', { class: `key level level-${l}` }), l.toUpperCase()))));
  d.append(h('div', { class: 'legend-row' },
    h('span', { class: 'item' }, h('span', { class: 'edge-key edge-true' }), 'T / F branch'),
    h('span', { class: 'item' }, h('span', { class: 'edge-key edge-exception' }), 'exception'),
    h('span', { class: 'item' }, h('span', { class: 'edge-key edge-call' }), 'call'),
    h('span', { class: 'item' }, h('span', { class: 'edge-key edge-loop-back' }), 'loop back'),
    h('span', { class: 'item' }, h('span', { class: 'edge-key on-path' }), 'selected path')));
  return d;
}
