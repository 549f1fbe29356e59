// The generation worker thread (bundled as dist/worker.js, spawned by the language server per run).
// It never touches the extension host: the heavy CPU work of a run happens here, and the server stays
// responsive to CodeLens / hover requests meanwhile.
import { parentPort } from 'node:worker_threads';
import { setPriority } from 'node:os';
import type { GenerateProgress } from '../core/pipeline/types';
import type { FromWorker, ToWorker } from './messages';
import { runGeneration } from './run';
import { flagSignal } from './cancel';

const PROGRESS_EVERY_MS = 100;

if (parentPort) {
  // Generation is batch work: on Linux this lowers only this thread (setpriority on the calling task), so on
  // a busy 2-core machine the editor's processes get the CPU first and the extension host does not stall.
  try { setPriority(0, 10); } catch { /* not permitted here: run at normal priority */ }
  const port = parentPort;
  let signal: AbortSignal | undefined;
  const post = (m: FromWorker) => port.postMessage(m);
  let lastProgress = 0;
  port.on('message', (m: ToWorker) => {
    // The flag is what counts; the message is for when the worker is idle between awaits anyway.
    if (m.type === 'cancel') { void signal?.aborted; return; }
    if (m.type !== 'start') return;
    signal = flagSignal(m.cancelFlag);
    const onProgress = (p: GenerateProgress) => {
      const now = performance.now();
      if (now - lastProgress < PROGRESS_EVERY_MS) return;
      lastProgress = now;
      post({ type: 'progress', progress: p });
    };
    runGeneration(m, signal, onProgress, (level, message) => post({ type: 'log', level, message })).then(
      (out) => post({ type: 'done', result: out.result, viewMs: out.viewMs, generateMs: out.generateMs }),
      (e: unknown) => post({ type: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
  });
}
