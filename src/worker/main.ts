// The generation worker thread (bundled as dist/worker.js), started once by the language server. It holds its
// own copy of the index (loaded from the server's cache file, then kept current by update messages) and runs
// one generation at a time. The heavy CPU work happens here: the server keeps answering CodeLens and hover,
// and the extension host is never involved.
import { parentPort } from 'node:worker_threads';
import { setPriority } from 'node:os';
import type { GenerateProgress } from '../core/pipeline/types';
import type { FromWorker, StartMessage, ToWorker } from './messages';
import { runGeneration } from './run';
import { flagSignal } from './cancel';
import { WorkerIndex } from './worker-index';
import { runLogsJob } from './logs-job';

const PROGRESS_EVERY_MS = 100;

if (parentPort) {
  // Generation is batch work: on Linux this lowers only this thread (setpriority on the calling task), so on
  // a busy 2-core machine the editor's processes get the CPU first.
  try { setPriority(0, 10); } catch { /* not permitted here: run at normal priority */ }
  const port = parentPort;
  const post = (m: FromWorker) => port.postMessage(m);
  const index = new WorkerIndex();
  let loading: Promise<void> = Promise.resolve();
  // Runs are serialized: a start waits for the load and for the previous run.
  let queue: Promise<void> = Promise.resolve();

  const run = async (m: StartMessage) => {
    const t0 = performance.now();
    await loading;
    const signal = flagSignal(m.cancelFlag);
    let lastProgress = 0;
    let lastLlm = '';
    const onProgress = (p: GenerateProgress) => {
      const now = performance.now();
      // New LLM counts always go out (run.ts sends them at most twice a second, plus once per entry and at the end).
      const llm = p.llmCalls === undefined ? '' : `${p.llmCalls}/${p.cacheHits ?? 0}`;
      if (now - lastProgress < PROGRESS_EVERY_MS && llm === lastLlm) return;
      lastProgress = now;
      lastLlm = llm;
      post({ type: 'progress', runId: m.runId, progress: p });
    };
    try {
      const view = index.view();
      const t1 = performance.now();
      const { result, llmSummary } = await runGeneration(view, m, signal, onProgress, (level, message) => post({ type: 'log', level, message }));
      post({ type: 'done', runId: m.runId, result, viewMs: t1 - t0, generateMs: performance.now() - t1, llmSummary });
    } catch (e) {
      post({ type: 'error', runId: m.runId, message: e instanceof Error ? e.message : String(e) });
    }
  };

  port.on('message', (m: ToWorker) => {
    switch (m.type) {
      case 'init': {
        const t0 = performance.now();
        loading = (async () => {
          if (m.cachePath) await index.load(m.cachePath);
          if (m.files) index.set(m.files);
          index.view(); // link and build the call graph now, not on the first run
        })().then(
          () => post({ type: 'ready', files: index.size, loadMs: performance.now() - t0 }),
          (e: unknown) => post({ type: 'error', message: `loading the index: ${e instanceof Error ? e.message : String(e)}` }),
        );
        break;
      }
      case 'update':
        // Ordered after the load; a run in progress keeps the view it started with.
        loading = loading.then(() => index.apply(m.changes));
        break;
      case 'start':
        queue = queue.then(() => run(m));
        break;
      case 'cancel':
        break; // the shared flag (raised by the server) is what stops a run
      case 'logs':
        queue = queue.then(async () => {
          await loading;
          let lastProgress = 0;
          let lastDone = -1;
          const result = await runLogsJob(m.job, () => index.view().index, m.root, {
            ...(m.cancelFlag ? { signal: flagSignal(m.cancelFlag) } : {}),
            onProgress: (progress) => {
              // Throttled like generation progress (training epochs report often), but a finished run always goes out.
              const now = performance.now();
              if (now - lastProgress < PROGRESS_EVERY_MS && progress.done === lastDone) return;
              lastProgress = now;
              lastDone = progress.done;
              post({ type: 'logsProgress', jobId: m.jobId, progress });
            },
          });
          post({ type: 'logsDone', jobId: m.jobId, result });
        });
        break;
    }
  });
}
