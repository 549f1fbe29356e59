// Parallel index build over worker_threads: each worker has its own parser and pulls small batches, so
// a few huge files do not leave a core idle. Used by WorkspaceIndex.build when it has a worker script.
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FileIndex } from '../model';
import type { IndexSourceOptions } from '../java/index-file';
import type { FromWorker, ToWorker, WorkerInit } from './index-worker';
import { unpackFileIndex } from './packed';

/** Files handed to a worker at a time: small enough to balance, big enough to keep messages few. */
const BATCH = 16;

/**
 * The worker script: `index-worker.js` beside this module (the transpiled tree, or a bundle that ships
 * it as dist/index-worker.js). Undefined when absent: the caller then indexes on its own thread.
 */
export function indexWorkerScript(): string | undefined {
  const p = join(__dirname, 'index-worker.js');
  return existsSync(p) ? p : undefined;
}

/**
 * Indexes `files` on `workers` threads. Files a failed worker did not finish are returned in `left`
 * for the caller to index itself: nothing is lost. `onFile` also gets the packed bytes the index came in,
 * for a caller that stores them (the language server's cache).
 */
export async function indexInPool(
  script: string, root: string, files: readonly string[], workers: number, opts: IndexSourceOptions,
  onFile: (index: FileIndex, packed: Uint8Array) => void,
): Promise<{ left: string[] }> {
  let next = 0;
  const pending = new Map<Worker, string[]>();
  const left: string[] = [];
  const runOne = () => new Promise<void>((resolve) => {
    const w = new Worker(script, { workerData: { root, opts } satisfies WorkerInit });
    const done = new Set<string>();
    let finished = false;
    const finish = () => { if (!finished) { finished = true; resolve(); } };
    const feed = () => {
      if (next >= files.length) {
        w.postMessage({ type: 'stop' } satisfies ToWorker);
        pending.delete(w);
        return;
      }
      const batch = files.slice(next, next + BATCH);
      next += batch.length;
      pending.set(w, batch);
      done.clear();
      w.postMessage({ type: 'files', files: batch } satisfies ToWorker);
    };
    w.on('message', (m: FromWorker) => {
      if (m.type === 'ready' || m.type === 'batch-done') feed();
      else if (m.type === 'file') { done.add(m.file); onFile(unpackFileIndex(m.packed), m.packed); }
    });
    const fail = () => {
      const batch = pending.get(w);
      if (batch) left.push(...batch.filter((f) => !done.has(f)));
      pending.delete(w);
      finish();
    };
    w.on('error', fail);
    w.on('exit', (code) => { if (code !== 0 || pending.has(w)) fail(); else finish(); });
  });
  await Promise.all(Array.from({ length: workers }, runOne));
  // files never handed out (every worker failed early)
  if (next < files.length) left.push(...files.slice(next));
  return { left };
}
