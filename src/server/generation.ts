// Runs one generation in a worker thread: hands it the index (structured clone of the FileIndex list), relays
// throttled progress, turns an abort into a `cancel` message (the worker stops and returns what it has), and
// terminates the thread at the end. If a cancelled worker does not answer within a grace period it is killed.
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FileIndex } from '../core/model';
import type { GenerateProgress, GenerateResult } from '../core/pipeline/types';
import type { GenerateSettings } from '../shared/protocol';
import type { FromWorker, StartMessage } from '../worker/messages';
import { createCancelFlag, raiseCancelFlag } from '../worker/cancel';

export interface GenerationInput {
  files: FileIndex[];
  root: string;
  entries: string[];
  settings: GenerateSettings;
  trusted: boolean;
  llmCachePath?: string;
}

export interface GenerationOutput {
  result: GenerateResult;
  /** From spawn to the worker's first message about work (thread start + structured clone + view rebuild). */
  handoffMs: number;
  generateMs: number;
}

const CANCEL_GRACE_MS = 5000;

/** worker.js beside the server bundle (dist/), or the transpiled worker module when running from out/. */
export function defaultWorkerPath(serverDir: string): string {
  const bundled = join(serverDir, 'worker.js');
  if (existsSync(bundled)) return bundled;
  return join(serverDir, '..', 'worker', 'main.js');
}

export function runInWorker(
  workerPath: string,
  input: GenerationInput,
  onProgress: (p: GenerateProgress) => void,
  signal?: AbortSignal,
  log?: (level: 'warn' | 'info', message: string) => void,
): Promise<GenerationOutput> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const worker = new Worker(workerPath);
    const cancelFlag = createCancelFlag();
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
      void worker.terminate();
      fn();
    };
    const onAbort = () => {
      raiseCancelFlag(cancelFlag);
      worker.postMessage({ type: 'cancel' });
      killTimer = setTimeout(() => finish(() => reject(new Error('generation did not stop after cancel; worker terminated'))), CANCEL_GRACE_MS);
    };
    worker.on('message', (m: FromWorker) => {
      switch (m.type) {
        case 'progress': onProgress(m.progress); break;
        case 'log': log?.(m.level, m.message); break;
        case 'done': {
          const total = performance.now() - t0;
          finish(() => resolve({ result: m.result, handoffMs: Math.max(0, total - m.generateMs), generateMs: m.generateMs }));
          break;
        }
        case 'error': finish(() => reject(new Error(m.message))); break;
      }
    });
    worker.on('error', (e) => finish(() => reject(e)));
    worker.on('exit', (code) => finish(() => reject(new Error(`generation worker exited (code ${code})`))));
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    const start: StartMessage = { type: 'start', ...input, cancelFlag };
    worker.postMessage(start);
  });
}
