// Messages between the language server and the generation worker thread (structured clone, no JSON).
import type { FileIndex } from '../core/model';
import type { GenerateProgress, GenerateResult } from '../core/pipeline/types';
import type { GenerateSettings } from '../shared/protocol';

export interface StartMessage {
  type: 'start';
  /** The whole index, one FileIndex per file (the worker rebuilds its own view from them). */
  files: FileIndex[];
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

export type ToWorker = StartMessage | { type: 'cancel' };

export type FromWorker =
  | { type: 'progress'; progress: GenerateProgress }
  | { type: 'log'; level: 'warn' | 'info'; message: string }
  | { type: 'done'; result: GenerateResult; viewMs: number; generateMs: number }
  | { type: 'error'; message: string };
