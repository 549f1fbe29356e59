// Messages between the language server and its generation worker thread (structured clone, no JSON).
// The worker lives as long as the server: it loads the index once (from the server's sql.js cache file, so
// the server's thread never serializes the whole index), then receives each changed file as it changes.
import type { FileIndex } from '../core/model';
import type { GenerateProgress, GenerateResult } from '../core/pipeline/types';
import type { GenerateSettings, LogsJob, LogsJobResult } from '../shared/protocol';

export interface InitMessage {
  type: 'init';
  /** The server's index cache, saved just before: the worker reads every FileIndex from it. */
  cachePath?: string;
  /** Without a cache file: the files themselves (one structured clone). */
  files?: FileIndex[];
}

export interface UpdateMessage {
  type: 'update';
  /** A file's new index, or null when the file left the index. */
  changes: { file: string; index: FileIndex | null }[];
}

export interface StartMessage {
  type: 'start';
  runId: string;
  /** Workspace root, for method source excerpts (LLM verifier) and relative label-rules paths. */
  root: string;
  entries: string[];
  settings: GenerateSettings;
  /** False in an untrusted workspace: the LLM verifier is never constructed. */
  trusted: boolean;
  /** sql.js file of cached LLM answers (the extension's storage), if any. */
  llmCachePath?: string;
  /** Shared cancel flag (see cancel.ts): read by synchronous code that never yields to the event loop. */
  cancelFlag: SharedArrayBuffer;
}

export type ToWorker = InitMessage | UpdateMessage | StartMessage | { type: 'cancel'; runId: string }
  | { type: 'logs'; jobId: string; job: LogsJob; root: string; cancelFlag?: SharedArrayBuffer };

export type FromWorker =
  | { type: 'ready'; files: number; loadMs: number }
  | { type: 'progress'; runId: string; progress: GenerateProgress }
  | { type: 'log'; level: 'warn' | 'info'; message: string }
  | { type: 'done'; runId: string; result: GenerateResult; viewMs: number; generateMs: number; llmSummary?: string }
  | { type: 'error'; runId?: string; message: string }
  | { type: 'logsProgress'; jobId: string; progress: { done: number; total: number; message: string } }
  | { type: 'logsDone'; jobId: string; result: LogsJobResult };
