// The one message protocol between the extension host and the webview bundle (graph viewer, sequences list,
// reports). Both sides import this file; nothing here may import `vscode` or node modules.
//
// Pattern (GitLens / vscode-pull-request-github): the webview posts `ready` first; the host sends nothing
// before that and then replays the current state. Webview -> host: commands (fire and forget) and requests
// (carry an id; the host answers with a `response` of the same id). Host -> webview: notifications.
//
// DOM contract the UI test (test/vscode/ui-e2e.mjs) relies on: every drawn graph node is an element with
// `data-node-id` (GraphNode.id) and `data-line` (GraphNode.line) attributes, and clicking it posts
// `revealSource`; every listed sequence is an element with `data-session` (LogSequence.sessionId).
import type { GenerationStats, Label, LogSequence } from '../core/model';
import type { GraphData } from './graph';

export type { GraphData, GraphNode, GraphEdge } from './graph';

export const PROTOCOL_VERSION = 1;

// ---------------------------------------------------------------------------------------------
// Data carried by notifications

export interface SequencesData {
  /** The generation run these come from (the host uses it to answer follow-up requests). */
  runId: string;
  entries: string[];
  /** The first page of the run's sequences (more through the `sequences` request). */
  sequences: LogSequence[];
  /** How many sequences the run has in all (absent: `sequences` is the whole run). */
  total?: number;
  stats?: GenerationStats;
  cancelled: boolean;
}

export interface ReportTable {
  title: string;
  columns: string[];
  rows: (string | number | null)[][];
}

export interface ReportMatrix {
  title: string;
  rowLabels: string[];
  columnLabels: string[];
  values: number[][];
}

/** What the fidelity view draws: directly-follows matrices (rows sum to 1; `events` names rows and columns, with
 *  <START>/<END>) of the real and the synthetic traces, and the recovered state machine. FidelityReport.matrices
 *  and .graph have this shape (see src/shared/report-views.ts). */
export interface FidelityView {
  events: string[];
  real: number[][];
  synthetic: number[][];
  machine: {
    nodes: { id: number; label: string; initial: boolean; final: boolean; visits: number }[];
    edges: { id: number; from: number; to: number; eventId: string; template?: string; prob: number; count: number }[];
  };
}

/** What the evaluation view draws: one row per model x training (means over seeds). */
export interface EvalView {
  dataset?: string;
  rows: { model: string; training: string; precision: number; recall: number; f1: number; f1Std?: number; deltaF1?: number }[];
}

/** A fidelity report (LogSynthFSM) or an evaluation report (detectors with / without synthetic data). */
export interface ReportData {
  kind: 'fidelity' | 'eval';
  title: string;
  /** Headline numbers, e.g. `{ "JSD (events)": 0.012 }`. */
  metrics: Record<string, number>;
  tables: ReportTable[];
  matrices: ReportMatrix[];
  /** A state machine or any graph worth drawing with the report. */
  graph?: GraphData;
  /** Optional typed data the report views draw as charts (heatmaps + machine; grouped F1 bars + deltas). */
  fidelity?: FidelityView;
  eval?: EvalView;
}

// ---------------------------------------------------------------------------------------------
// Host -> webview notifications

export type HostNotification =
  | { type: 'init'; protocol: number; view: 'sidebar' | 'panel'; theme: 'light' | 'dark' | 'high-contrast' }
  | { type: 'showGraph'; graph: GraphData }
  | { type: 'showSequences'; data: SequencesData }
  /** Highlight the path of one sequence (node ids of the graph on show). */
  | { type: 'selectSequence'; sessionId: string; nodeIds: string[] }
  | { type: 'showReport'; report: ReportData }
  | { type: 'busy'; message: string | null };

export type HostResponse =
  | { type: 'response'; id: number; ok: true; result: unknown }
  | { type: 'response'; id: number; ok: false; error: string };

export type HostMessage = HostNotification | HostResponse;

// ---------------------------------------------------------------------------------------------
// Webview -> host

export type WebviewCommand =
  | { type: 'ready'; protocol: number }
  /** Open `file` (workspace-relative) at a 1-based line. */
  | { type: 'revealSource'; file: string; line: number }
  /** The user picked a sequence in the list; the host answers with `selectSequence`. */
  | { type: 'sequenceSelected'; sessionId: string }
  /** A webview-side error worth logging in the output channel. */
  | { type: 'log'; level: 'error' | 'warn' | 'info'; message: string };

/** Requests the webview can make, with their params and results. */
export interface WebviewRequestMap {
  /** The LCFG of a method (e.g. double-click on a method group). */
  methodLcfg: { params: { methodId: string }; result: GraphData | null };
  /** The inter-procedural graph from an entry method. */
  entryGraph: { params: { entry: string; depth?: number }; result: GraphData | null };
  /** A page of a run's sequences, optionally one label only (the list's paging and filter). */
  sequences: { params: { runId: string; label?: Label; offset?: number; limit?: number }; result: { sequences: LogSequence[]; total: number } };
}
export type WebviewRequestMethod = keyof WebviewRequestMap;

export type WebviewRequest = {
  [M in WebviewRequestMethod]: { type: 'request'; id: number; method: M; params: WebviewRequestMap[M]['params'] };
}[WebviewRequestMethod];

export type WebviewMessage = WebviewCommand | WebviewRequest;

// ---------------------------------------------------------------------------------------------
// Type guards: every message crossing the boundary is checked before use (a webview is untrusted input).

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStr = (x: unknown): x is string => typeof x === 'string';
const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x);

const REQUEST_METHODS: readonly WebviewRequestMethod[] = ['methodLcfg', 'entryGraph', 'sequences'];

export function isWebviewRequest(x: unknown): x is WebviewRequest {
  if (!isObj(x) || x.type !== 'request' || !isInt(x.id) || !isObj(x.params)) return false;
  const p = x.params;
  switch (x.method) {
    case 'methodLcfg': return isStr(p.methodId);
    case 'entryGraph': return isStr(p.entry) && (p.depth === undefined || isInt(p.depth));
    case 'sequences':
      return isStr(p.runId) && (p.label === undefined || p.label === 'Normal' || p.label === 'Anomaly')
        && (p.offset === undefined || isInt(p.offset)) && (p.limit === undefined || isInt(p.limit));
    default: return false;
  }
}

export function isWebviewCommand(x: unknown): x is WebviewCommand {
  if (!isObj(x)) return false;
  switch (x.type) {
    case 'ready': return isInt(x.protocol);
    case 'revealSource': return isStr(x.file) && isInt(x.line) && x.line >= 1;
    case 'sequenceSelected': return isStr(x.sessionId);
    case 'log': return (x.level === 'error' || x.level === 'warn' || x.level === 'info') && isStr(x.message);
    default: return false;
  }
}

export function isWebviewMessage(x: unknown): x is WebviewMessage {
  return isWebviewCommand(x) || isWebviewRequest(x);
}

export function isHostMessage(x: unknown): x is HostMessage {
  if (!isObj(x)) return false;
  switch (x.type) {
    case 'init': return isInt(x.protocol) && (x.view === 'sidebar' || x.view === 'panel');
    case 'showGraph': return isObj(x.graph) && Array.isArray(x.graph.nodes) && Array.isArray(x.graph.edges);
    case 'showSequences': return isObj(x.data) && Array.isArray(x.data.sequences) && isStr(x.data.runId);
    case 'selectSequence': return isStr(x.sessionId) && Array.isArray(x.nodeIds) && x.nodeIds.every(isStr);
    case 'showReport': return isObj(x.report) && (x.report.kind === 'fidelity' || x.report.kind === 'eval');
    case 'busy': return x.message === null || isStr(x.message);
    case 'response': return isInt(x.id) && typeof x.ok === 'boolean';
    default: return false;
  }
}

export { REQUEST_METHODS };
