// The LogSynth webview app (side view and editor panel): the graph viewer, the sequences list beside it, and
// the report views. Ready handshake: `ready` is posted once the page is built; the host sends nothing before
// it and then replays its state. The view state (graph, run, selection, filter, zoom, report, tab) is kept
// with setState so a hidden or reloaded panel comes back as it was.
import {
  PROTOCOL_VERSION, isHostMessage,
  type GraphData, type HostMessage, type ReportData, type SequencesData,
} from '../src/shared/webview-protocol';
import { pathNodeIds } from '../src/shared/graph';
import type { LogSequence } from '../src/core/model';
import { Host } from './ui/vscode';
import { h } from './ui/dom';
import { button, registerToolkit } from './ui/toolkit';
import { GraphView } from './graph/graph-view';
import type { ViewTransform } from './graph/viewport';
import { SequenceList } from './sequences/list';
import type { SequenceFilter } from './sequences/filter';
import { reportView } from './reports/report-view';
import { legend } from './graph/legend';
import { pathEdgeIds } from './graph/path';

type Tab = 'graph' | 'report';

interface SavedState {
  graph: GraphData;
  /** The graph to go back to after opening one method's LCFG from it. */
  back: GraphData;
  run: SequencesData;
  selected: string;
  filter: SequenceFilter;
  transform: ViewTransform;
  report: ReportData;
  tab: Tab;
}

const host = new Host();
const saved = host.getState<SavedState>();
const state: Partial<SavedState> = { ...saved };

let saveTimer: ReturnType<typeof setTimeout> | undefined;
/** Writes the state now (after anything a user would expect to find again after a reload). */
function save(): void {
  if (saveTimer) { clearTimeout(saveTimer); saveTimer = undefined; }
  try {
    host.setState(boundedState(state));
  } catch (e) {
    // Never lose the live view over a state that could not be stored: keep what is essential.
    try { host.setState({ ...state, run: undefined, back: undefined }); } catch { /* nothing more to do */ }
    reportError('saving the view state', e);
  }
}

/** The persisted copy of the state stays small: a long run keeps only its first sequences (more are paged
 *  from the host again after a reload), because webview state is serialized on every save. */
const MAX_STATE_CHARS = 1_500_000;
function boundedState(s: Partial<SavedState>): Partial<SavedState> {
  const run = s.run;
  if (!run || JSON.stringify(s).length <= MAX_STATE_CHARS) return s;
  let keep = Math.min(run.sequences.length, 200);
  const selected = run.sequences.find((q) => q.sessionId === s.selected);
  for (;;) {
    const head = run.sequences.slice(0, keep);
    // The selected sequence always survives, so a reload shows the same selection and highlight.
    const sequences = selected && !head.includes(selected) ? [...head, selected] : head;
    const trimmed = { ...s, run: { ...run, sequences, total: run.total ?? run.sequences.length } };
    if (keep === 0 || JSON.stringify(trimmed).length <= MAX_STATE_CHARS) return trimmed;
    keep = Math.floor(keep / 2);
  }
}
/** Debounced, for pan and zoom: the state holds the whole graph and run, so it is not written on every step. */
function saveSoon(): void {
  if (saveTimer) clearTimeout(saveTimer);
  saveTimer = setTimeout(save, 250);
}

function reportError(where: string, e: unknown): void {
  const message = `${where}: ${e instanceof Error ? e.message : String(e)}`;
  console.error(message);
  host.post({ type: 'log', level: 'error', message });
}

// ---------------------------------------------------------------------------------------------
// Views

const graphView = new GraphView({
  reveal: (n) => host.post({ type: 'revealSource', file: n.file, line: n.line }),
  openMethod: (methodId) => { void openMethod(methodId); },
  transformChanged: (t) => { state.transform = t; saveSoon(); },
});

const list = new SequenceList({
  select: (q) => selectSequence(q),
  filterChanged: (f) => { state.filter = f; save(); },
  loadMore: (offset) => loadMore(offset),
}, state.filter ?? {});

const graphTitle = h('div', { class: 'graph-title' });
const busy = h('div', { class: 'busy hidden', role: 'status', 'aria-live': 'polite' });
const tabButtons = new Map<Tab, HTMLElement>();
const tabs = h('div', { class: 'tabs', role: 'tablist' });
for (const [tab, label] of [['graph', 'Graph & sequences'], ['report', 'Report']] as const) {
  const b = h('button', { class: 'tab', role: 'tab', type: 'button', 'data-tab': tab }, label);
  b.addEventListener('click', () => setTab(tab));
  tabButtons.set(tab, b);
  tabs.append(b);
}
const backButton = button({ label: '← Back', appearance: 'secondary', title: 'Back to the inter-procedural graph', onClick: () => goBack() });
backButton.classList.add('back');
const zoom = h('div', { class: 'zoom' },
  backButton,
  button({ label: '−', appearance: 'icon', title: 'Zoom out (-)', onClick: () => graphView.zoomOut() }),
  button({ label: '+', appearance: 'icon', title: 'Zoom in (+)', onClick: () => graphView.zoomIn() }),
  button({ label: 'Fit', appearance: 'secondary', title: 'Fit the graph in view (0)', onClick: () => graphView.fit() }),
  button({ label: 'Path', appearance: 'secondary', title: 'Bring the selected sequence\'s path into view', onClick: () => graphView.revealHighlight() }),
);
const graphPane = h('div', { class: 'graph-pane' }, h('div', { class: 'graph-bar' }, graphTitle, zoom), graphView.element, legend());
const split = h('div', { class: 'split', 'data-pane': 'graph', role: 'tabpanel' }, graphPane, list.element);
const reportPane = h('div', { class: 'report-pane hidden', 'data-pane': 'report', role: 'tabpanel' },
  h('div', { class: 'empty' }, 'No report yet. Reports come from “logsynth fidelity” and “logsynth eval”.'));

const app = document.getElementById('app') ?? document.body;
app.classList.add('logsynth');
app.replaceChildren(h('header', { class: 'toolbar' }, tabs, busy), split, reportPane);

function setTab(tab: Tab): void {
  state.tab = tab;
  for (const [t, b] of tabButtons) { b.classList.toggle('active', t === tab); b.setAttribute('aria-selected', String(t === tab)); }
  split.classList.toggle('hidden', tab !== 'graph');
  reportPane.classList.toggle('hidden', tab !== 'report');
  document.body.dataset.tab = tab;
  save();
}

function updateGraphTitle(g: GraphData | undefined): void {
  backButton.classList.toggle('hidden', !state.back);
  if (!g) { graphTitle.textContent = 'No graph'; return; }
  const methods = g.methods.length > 1 ? ` · ${g.methods.length} methods` : '';
  graphTitle.replaceChildren(
    h('span', { class: 'kind' }, g.kind === 'lcfg' ? 'LCFG' : 'Inter-procedural'),
    h('span', { class: 'name', title: g.root }, g.title),
    h('span', { class: 'meta' }, `${g.nodes.length} nodes${methods}${g.truncated ? ' · truncated' : ''}`),
  );
}

// ---------------------------------------------------------------------------------------------
// Actions

function sequence(id: string | undefined): LogSequence | undefined {
  return id ? state.run?.sequences.find((q) => q.sessionId === id) : undefined;
}

function localPath(q: LogSequence | undefined): string[] {
  return q && state.graph ? pathNodeIds(state.graph, q.path) : [];
}

/** Highlights a sequence's path: its nodes (the host's answer when it has one) and the edges it took. */
function highlightPath(q: LogSequence | undefined, nodeIds?: readonly string[]): void {
  if (!q || !state.graph) { graphView.highlight(nodeIds ?? []); return; }
  graphView.highlight(nodeIds && nodeIds.length ? nodeIds : localPath(q), pathEdgeIds(state.graph, q.path));
}

function selectSequence(q: LogSequence): void {
  state.selected = q.sessionId;
  save();
  highlightPath(q);
  graphView.revealHighlight();
  host.post({ type: 'sequenceSelected', sessionId: q.sessionId });
}

const LOAD_PAGE = 200;

/** The next page of the current run from the host, appended to the run (and so to the saved state). */
async function loadMore(offset: number): Promise<LogSequence[]> {
  const run = state.run;
  if (!run) return [];
  try {
    const page = await host.request('sequences', { runId: run.runId, offset, limit: LOAD_PAGE });
    if (state.run !== run) return [];
    const have = new Set(run.sequences.map((q) => q.sessionId));
    const fresh = page.sequences.filter((q) => !have.has(q.sessionId));
    run.sequences = [...run.sequences, ...fresh];
    run.total = page.total;
    list.setRun(run, { keepPage: true });
    save();
    return fresh;
  } catch (e) {
    reportError('loading sequences', e);
    return [];
  }
}

async function showGraph(g: GraphData, transform?: ViewTransform): Promise<void> {
  state.graph = g;
  updateGraphTitle(g);
  highlightPath(sequence(state.selected));
  try {
    await graphView.show(g, transform ? { transform } : {});
  } catch (e) {
    reportError('graph layout failed', e);
  }
}

/** Asks the host for one method's LCFG (double-click on a method in the inter-procedural graph). */
async function openMethod(methodId: string): Promise<void> {
  const from = state.graph;
  try {
    const g = await host.request('methodLcfg', { methodId });
    if (!g || state.graph !== from) return;
    state.back = from;
    state.transform = undefined;
    save();
    await showGraph(g);
  } catch (e) {
    reportError(`LCFG of ${methodId}`, e);
  }
}

function goBack(): void {
  const g = state.back;
  if (!g) return;
  state.back = undefined;
  state.transform = undefined;
  save();
  void showGraph(g);
}

let reportGen = 0;
function showReport(r: ReportData): void {
  state.report = r;
  const gen = ++reportGen;
  try {
    const v = reportView(r);
    reportPane.replaceChildren(v.element);
    v.ready.then(() => { if (gen === reportGen) reportPane.dataset.rendered = String(gen); }, (e) => reportError('report layout failed', e));
  } catch (e) {
    reportError('report failed', e);
  }
}

function handle(m: HostMessage): void {
  switch (m.type) {
    case 'init':
      document.body.dataset.view = m.view;
      document.body.dataset.theme = m.theme;
      return;
    case 'showGraph':
      state.transform = undefined;
      state.back = undefined;
      void showGraph(m.graph);
      setTab('graph');
      break;
    case 'showSequences':
      state.run = m.data;
      if (!sequence(state.selected)) state.selected = undefined;
      list.setRun(m.data);
      list.setSelected(state.selected);
      highlightPath(sequence(state.selected));
      break;
    case 'selectSequence': {
      state.selected = m.sessionId;
      list.setSelected(m.sessionId);
      // The host matches path lines the same way (pathNodeIds); its answer wins when it found nodes.
      highlightPath(sequence(m.sessionId), m.nodeIds);
      break;
    }
    case 'showReport':
      showReport(m.report);
      setTab('report');
      break;
    case 'busy':
      busy.textContent = m.message ?? '';
      busy.classList.toggle('hidden', !m.message);
      document.body.classList.toggle('is-busy', !!m.message);
      return;
    case 'response':
      host.settle(m);
      return;
  }
  save();
}

window.addEventListener('message', (ev: MessageEvent<unknown>) => {
  if (!isHostMessage(ev.data)) return;
  try { handle(ev.data); } catch (e) { reportError(`handling ${ev.data.type}`, e); }
});
window.addEventListener('error', (ev) => reportError('webview error', ev.error ?? ev.message));
window.addEventListener('unhandledrejection', (ev) => reportError('webview promise', ev.reason));
window.addEventListener('pagehide', () => { if (saveTimer) save(); });

// ---------------------------------------------------------------------------------------------
// Start: restore what the state holds, then tell the host we are ready.

void registerToolkit().catch((e) => reportError('toolkit', e));
updateGraphTitle(state.graph);
if (state.run) { list.setRun(state.run); list.setSelected(state.selected); }
if (state.report) showReport(state.report);
setTab(state.tab ?? 'graph');
if (state.graph) void showGraph(state.graph, state.transform);
host.post({ type: 'ready', protocol: PROTOCOL_VERSION });
