// The custom LSP messages between the extension (client) and the LogSynth language server, one small namespace
// per message in the vscode-eslint style. Standard LSP (CodeLens, hover) needs nothing here. This file mirrors
// what src/server/ answers and is nothing but typed request / notification definitions and their payloads.
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { EntryPoint, GenerationStats, LogLevel, LogSequence } from '../core/model';
import type { GenerateProgress, ParamStyle } from '../core/pipeline/types';
import type { GraphData } from './graph';
import type { ReportData } from './webview-protocol';

// ---------------------------------------------------------------------------------------------
// Payloads

/** Passed by the client in `initializationOptions`. */
export interface ServerInitOptions {
  /** sql.js file holding the persisted FileIndex per file (warm start); undefined: no persistence. */
  indexCachePath?: string;
  /** Extra exclude globs for the workspace walk (relative to the root). */
  exclude?: string[];
  /** Index test sources too (default false, as the CLI). */
  includeTests?: boolean;
  /** sql.js file of cached LLM answers (a second run with the same prompts makes no calls). */
  llmCachePath?: string;
  /** The worker bundle; defaults to worker.js beside the server bundle. */
  workerPath?: string;
  /** Untrusted workspace: index and view only (no LLM, no label-rules file from the workspace). */
  trusted: boolean;
  /** Call depth for "templates reachable" (CodeLens, entries); default 5. */
  depth?: number;
  /** The extension's version: a cache written by another version is rebuilt. */
  version?: string;
}

/** Settings the client pushes when they change (notification `logsynth/didChangeSettings`). */
export interface ServerSettings {
  depth: number;
  trusted: boolean;
}

export interface EntryInfo extends EntryPoint {
  /** Short display name `Class.method(T1,T2)`. */
  label: string;
}

export interface MethodSummary {
  methodId: string;
  label: string;
  /** Workspace-relative file. */
  file: string;
  /** Declaration line (1-based) and the body's extent. */
  line: number;
  startLine: number;
  endLine: number;
  /** Distinct templates / log statements reachable within the depth bound (0 when none: not an entry). */
  reachableTemplates: number;
  reachableLogs: number;
}

export interface LogSummary {
  id: string;
  line: number;
  column: number;
  level: LogLevel;
  eventId: string;
  template: string;
  methodId: string;
}

export interface FileInfo {
  /** Workspace-relative path, or null when the file is not in the index. */
  file: string | null;
  methods: MethodSummary[];
  logs: LogSummary[];
}

export interface IndexState {
  state: 'starting' | 'indexing' | 'ready' | 'error';
  /** Bumped on every index change: clients refresh what they drew from an older version. */
  version: number;
  done: number;
  total: number;
  files: number;
  methods: number;
  logs: number;
  templates: number;
  /** Methods that reach at least one log statement. */
  entryMethods: number;
  /** Files re-parsed by the last full scan (the rest came from the warm-start cache). */
  parsed?: number;
  /** Threads that parsed them (2: the core's worker pool). */
  threads?: number;
  seconds?: number;
  message?: string;
}

export interface IndexStatistics extends IndexState {
  problems: number;
  lines: number;
  cacheHits: number;
  /** Milliseconds of the last incremental update (one file). */
  lastUpdateMs?: number;
}

export type VerifierKind = 'symbolic' | 'llm' | 'both';

export interface GenerateSettings {
  depth: number;
  maxPaths: number;
  loopBound: number;
  seed: number;
  verifier: VerifierKind;
  /** Absolute path of a label-rules JSON file, if any. */
  labelRules?: string;
  paramStyle: ParamStyle;
  /** See GenerateOptions.maxAnomalyShare. */
  maxAnomalyShare?: number;
  llm?: {
    baseUrl: string; model: string; apiKey?: string; allowRemote: boolean; maxCalls?: number;
    temperature?: number; timeoutMs?: number; maxConcurrency?: number; maxRetries?: number;
    /** Log every prompt and answer (key and secrets masked by the stage) through LogNotification. */
    trace?: boolean;
  };
}

export interface GenerateParams {
  /** Entry method ids (MethodInfo.id). */
  entries: string[];
  settings: GenerateSettings;
  /** Chosen by the client, echoed in progress notifications. */
  runId: string;
  /** How many sequences the response carries (the rest stay on the server: SequencesRequest, export).
   *  Default: all. A large run would otherwise stall the extension host parsing it. */
  pageSize?: number;
}

export interface GenerateResponse {
  runId: string;
  /** The first `pageSize` sequences of the run. */
  sequences: LogSequence[];
  /** All sequences of the run (= stats.sequences). */
  total: number;
  stats: GenerationStats;
  cancelled: boolean;
  /** Milliseconds spent handing the index to the worker and generating. */
  timings: { handoffMs: number; generateMs: number };
  /** Set when the run failed; `sequences` is then empty. */
  error?: string;
  /** The LLM stage's one-line summary (calls, cache hits, tokens, fallbacks) when an LLM verifier ran. */
  llmSummary?: string;
}

/** The pipeline's own progress record, tagged with the run it belongs to. */
export interface GenerateProgressParams extends GenerateProgress {
  runId: string;
}

export interface SequencesParams {
  runId: string;
  offset?: number;
  limit?: number;
  label?: 'Normal' | 'Anomaly';
  sessionIds?: string[];
}

/** A from-logs job (LogSynthFSM workflow, src/core/logs/workflow.ts), run in the server's worker thread. */
export type LogsJob =
  | { op: 'recover'; log: string; outDir: string; format?: string; sessionKey?: string; labels?: string; k?: number | 'auto' }
  | { op: 'synthesize'; fsmDir: string; outDir: string; traces: number; seed?: number; amplify?: number; name?: string; overwrite?: boolean }
  | { op: 'fidelity'; fsmDir: string; synDir: string; outDir?: string }
  /** Which log statements of this workspace a real log exercises (uses the server's index). */
  | { op: 'coverage'; log: string; format?: string; outDir?: string }
  /** The evaluation bench (src/core/eval/runner.ts runEvaluation): detectors trained with and without synthetic
   *  sessions. Cancellable (LSP cancel keeps the finished runs); progress as LogsJobProgressNotification. */
  | {
    op: 'evaluate'; real: string; synthetic: string[]; out: string; realTemplates?: string;
    /** `all`, `fast` or model names (default fast). */
    models?: string | string[];
    /** Number of seeds (default 3). */
    seeds?: number;
    /** Chosen by the client, echoed in LogsJobProgressNotification. */
    progressId?: string;
  };

/** Code meets logs: how often each source template was seen in a real log (null: too generic to tell). */
export interface CoverageCounts {
  /** The log file the counts come from. */
  log: string;
  /** Source template text -> matched log lines (templates, not statement ids, so counts survive edits elsewhere). */
  seen: Record<string, number | null>;
}

export interface LogsJobResult {
  /** One line for a notification. */
  summary: string;
  files: string[];
  /** Markdown of the report (fidelity, coverage), to show in an editor. */
  markdown?: string;
  /** The report for the webview's report view (fidelity, evaluation). */
  report?: ReportData;
  /** Coverage job: the per-template counts (the server keeps them for its hover; the client draws them). */
  coverage?: CoverageCounts;
  /** Evaluate job: stopped by a cancel; the files hold the runs finished until then. */
  cancelled?: boolean;
  error?: string;
}

export interface LogsJobProgressParams {
  progressId: string;
  done: number;
  total: number;
  message: string;
}

export type ExportFormat = 'loghub' | 'json' | 'sqlite';

export interface ExportParams {
  runId: string;
  /** Absolute folder. */
  dir: string;
  name: string;
  formats: ExportFormat[];
  overwrite: boolean;
}

export interface ExportResponse {
  files: string[];
  /** Set when the folder already holds a data set and overwrite was false: nothing was written. */
  exists?: string[];
  error?: string;
}

// ---------------------------------------------------------------------------------------------
// Requests (client -> server unless said otherwise)

/** Ranked entry points (methods reaching log statements). */
export namespace EntriesRequest {
  export const method: 'logsynth/entries' = 'logsynth/entries';
  export const type = new RequestType<{ top?: number }, EntryInfo[], void>(method);
}

/** Methods and log statements of one file (CodeLens, gutter marks, context-menu lookups). */
export namespace FileInfoRequest {
  export const method: 'logsynth/fileInfo' = 'logsynth/fileInfo';
  export const type = new RequestType<{ uri: string }, FileInfo, void>(method);
}

/** The method enclosing a 1-based line of a file, or null. */
export namespace MethodAtRequest {
  export const method: 'logsynth/methodAt' = 'logsynth/methodAt';
  export const type = new RequestType<{ uri: string; line: number }, MethodSummary | null, void>(method);
}

/** A method id from a signature as people write it (`DataNode:run()`, `org.x.DataNode:run()`), or null. */
export namespace ResolveMethodRequest {
  export const method: 'logsynth/resolveMethod' = 'logsynth/resolveMethod';
  export const type = new RequestType<{ signature: string }, MethodSummary | null, void>(method);
}

/** The LCFG of one method as a drawable graph. */
export namespace MethodLcfgRequest {
  export const method: 'logsynth/methodLcfg' = 'logsynth/methodLcfg';
  export const type = new RequestType<{ methodId: string }, GraphData | null, void>(method);
}

/** The inter-procedural graph from an entry method, within a call depth. */
export namespace EntryGraphRequest {
  export const method: 'logsynth/entryGraph' = 'logsynth/entryGraph';
  export const type = new RequestType<{ entry: string; depth?: number; maxNodes?: number }, GraphData | null, void>(method);
}

/** Index statistics. */
export namespace StatisticsRequest {
  export const method: 'logsynth/statistics' = 'logsynth/statistics';
  export const type = new RequestType0<IndexStatistics, void>(method);
}

/** Full rescan (ignores nothing of the cache: unchanged files are still reused). */
export namespace ReindexRequest {
  export const method: 'logsynth/reindex' = 'logsynth/reindex';
  export const type = new RequestType0<IndexState, void>(method);
}

/** Generate sequences in a worker thread. LSP cancellation of this request stops it and keeps what was generated. */
export namespace GenerateRequest {
  export const method: 'logsynth/generate' = 'logsynth/generate';
  export const type = new RequestType<GenerateParams, GenerateResponse, void>(method);
}

/** A page of a run's sequences, optionally only one label or given session ids. */
export namespace SequencesRequest {
  export const method: 'logsynth/sequences' = 'logsynth/sequences';
  export const type = new RequestType<SequencesParams, { sequences: LogSequence[]; total: number }, void>(method);
}

/** Run a from-logs job (recover a state machine, synthesize, fidelity, coverage) off the server's thread. */
export namespace LogsJobRequest {
  export const method: 'logsynth/logsJob' = 'logsynth/logsJob';
  export const type = new RequestType<LogsJob, LogsJobResult, void>(method);
}

/** Write the sequences of a run as a data set. Refuses to overwrite unless asked. */
export namespace ExportDatasetRequest {
  export const method: 'logsynth/exportDataset' = 'logsynth/exportDataset';
  export const type = new RequestType<ExportParams, ExportResponse, void>(method);
}

// ---------------------------------------------------------------------------------------------
// Notifications (server -> client)

/** Progress of a from-logs job that carries a `progressId` (evaluate). */
export namespace LogsJobProgressNotification {
  export const method: 'logsynth/logsJobProgress' = 'logsynth/logsJobProgress';
  export const type = new NotificationType<LogsJobProgressParams>(method);
}

/** Index progress and state (status bar). */
export namespace IndexStateNotification {
  export const method: 'logsynth/indexState' = 'logsynth/indexState';
  export const type = new NotificationType<IndexState>(method);
}

/** Generation progress (throttled). */
export namespace GenerateProgressNotification {
  export const method: 'logsynth/generateProgress' = 'logsynth/generateProgress';
  export const type = new NotificationType<GenerateProgressParams>(method);
}

/** Client -> server: settings changed. */
export namespace DidChangeSettingsNotification {
  export const method: 'logsynth/didChangeSettings' = 'logsynth/didChangeSettings';
  export const type = new NotificationType<ServerSettings>(method);
}

/** Client -> server: the counts of the last coverage job, kept (across restarts too) until cleared; null: none. */
export namespace CoverageRequest {
  export const method: 'logsynth/coverage' = 'logsynth/coverage';
  export const type = new RequestType0<CoverageCounts | null, void>(method);
}

/** Client -> server: forget the coverage counts of the last coverage job (the hover stops showing them). */
export namespace ClearCoverageNotification {
  export const method: 'logsynth/clearCoverage' = 'logsynth/clearCoverage';
  export const type = new NotificationType<void>(method);
}

/** Server-side log lines for the output channel (the client filters by its level setting). */
export namespace LogNotification {
  export const method: 'logsynth/log' = 'logsynth/log';
  export const type = new NotificationType<{ level: 'error' | 'warn' | 'info' | 'debug' | 'trace'; message: string }>(method);
}

/** The command CodeLenses run; arguments: one `GenerateFromHereArgs`. */
export const GENERATE_FROM_HERE_COMMAND = 'logsynth.generateFromHere';
export interface GenerateFromHereArgs {
  methodId: string;
  uri?: string;
  line?: number;
}
