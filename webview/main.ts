// A minimal LogSynth webview: the ready handshake, and the graph and the sequences as plain lists, so the
// host <-> webview round trip works end to end. The graph viewer (elkjs layout, SVG) replaces this file.
import {
  PROTOCOL_VERSION, isHostMessage,
  type GraphData, type HostMessage, type SequencesData, type WebviewMessage,
} from '../src/shared/webview-protocol';

interface VsCodeApi {
  postMessage(m: WebviewMessage): void;
  getState(): unknown;
  setState(s: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') ?? document.body;
let graph: GraphData | undefined;
let run: SequencesData | undefined;
let highlighted = new Set<string>();

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function render(): void {
  app.replaceChildren();
  const g = el('section', { id: 'graph' });
  g.append(el('h3', {}, graph ? `${graph.title} — ${graph.nodes.length} nodes` : 'No graph yet'));
  if (graph) {
    const ul = el('ul', { class: 'nodes' });
    for (const n of graph.nodes) {
      if (n.kind === 'merge') continue;
      const li = el('li', { 'data-node-id': n.id, 'data-line': String(n.line), class: `node kind-${n.kind}${highlighted.has(n.id) ? ' on-path' : ''}` });
      li.append(el('a', { href: '#', title: `${n.file}:${n.line}` }, `${n.kind}: ${n.label || n.kind} (line ${n.line})`));
      li.addEventListener('click', (ev) => { ev.preventDefault(); vscode.postMessage({ type: 'revealSource', file: n.file, line: n.line }); });
      ul.append(li);
    }
    g.append(ul);
  }
  const s = el('section', { id: 'sequences' });
  s.append(el('h3', {}, run ? `${run.total} sequences${run.total > run.sequences.length ? ` (first ${run.sequences.length} shown)` : ''}${run.cancelled ? ' (cancelled)' : ''}` : 'No sequences yet'));
  if (run) {
    const ul = el('ul', { class: 'sequences' });
    for (const q of run.sequences) {
      const li = el('li', { 'data-session': q.sessionId, class: `sequence label-${q.label}` });
      const a = el('a', { href: '#' }, `${q.label} ${q.sessionId}: ${q.events.map((e) => e.eventId).join(' ')}`);
      a.addEventListener('click', (ev) => { ev.preventDefault(); vscode.postMessage({ type: 'sequenceSelected', sessionId: q.sessionId }); });
      li.append(a);
      ul.append(li);
    }
    s.append(ul);
  }
  app.append(g, s);
}

window.addEventListener('message', (ev: MessageEvent<unknown>) => {
  const m = ev.data;
  if (!isHostMessage(m)) return;
  handle(m);
});

function handle(m: HostMessage): void {
  switch (m.type) {
    case 'showGraph': graph = m.graph; highlighted = new Set(); break;
    case 'showSequences': run = m.data; break;
    case 'selectSequence': highlighted = new Set(m.nodeIds); break;
    default: return;
  }
  vscode.setState({ graph, run });
  render();
}

const saved = vscode.getState() as { graph?: GraphData; run?: SequencesData } | undefined;
graph = saved?.graph;
run = saved?.run;
render();
vscode.postMessage({ type: 'ready', protocol: PROTOCOL_VERSION });
