// The language server's side of generation: one long-lived worker thread holding its own copy of the index.
// It is started after the first scan and loads the index from the cache file the server has just saved (so
// the server's thread never structured-clones the whole index); afterwards every re-indexed file is sent as
// it changes. A run relays throttled progress; an abort raises the shared cancel flag (the worker stops and
// returns what it has); a worker that does not answer a cancel within a grace period is terminated and a new
// one is started for the next run.
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FileIndex } from '../core/model';
import type { GenerateProgress, GenerateResult } from '../core/pipeline/types';
import type { GenerateSettings, LogsJob, LogsJobResult } from '../shared/protocol';
import type { FromWorker, StartMessage, ToWorker } from '../worker/messages';
import { createCancelFlag, raiseCancelFlag } from '../worker/cancel';

export interface RunInput {
  root: string;
  entries: string[];
  settings: GenerateSettings;
  trusted: boolean;
  llmCachePath?: string;
}

export interface GenerationOutput {
  result: GenerateResult;
  /** From the request to the start of generation (waiting for the worker's index, rebuilding its view). */
  handoffMs: number;
  generateMs: number;
  /** The LLM stage's summary line when an LLM verifier ran. */
  llmSummary?: string;
}

/** How the worker gets the index when it starts. */
export interface IndexSource {
  /** Saves the cache file and returns its path, or undefined when there is none. */
  saveCache(): string | undefined;
  files(): FileIndex[];
}

const CANCEL_GRACE_MS = 5000;

/** worker.js beside the server bundle (dist/), or the transpiled worker module when running from out/. */
export function defaultWorkerPath(serverDir: string): string {
  const bundled = join(serverDir, 'worker.js');
  if (existsSync(bundled)) return bundled;
  return join(serverDir, '..', 'worker', 'main.js');
}

interface PendingRun {
  resolve(o: GenerationOutput): void;
  reject(e: Error): void;
  onProgress(p: GenerateProgress): void;
  t0: number;
}

export class GenerationHost {
  private worker: Worker | undefined;
  private readonly runs = new Map<string, PendingRun>();
  private readonly jobs = new Map<string, (r: LogsJobResult) => void>();
  private readonly jobProgress = new Map<string, (p: { done: number; total: number; message: string }) => void>();
  private jobCounter = 0;
  /** Loading took this long (for the log), once known. */
  loadMs: number | undefined;

  constructor(
    private readonly workerPath: string,
    private readonly source: IndexSource,
    private readonly log: (level: 'error' | 'warn' | 'info' | 'debug', message: string) => void,
  ) {}

  /** Starts the worker now (after the first scan), so the first run does not pay for loading the index. */
  warmUp(): void { this.ensure(); }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.workerPath);
    this.worker = w;
    const cachePath = this.source.saveCache();
    const init: ToWorker = cachePath ? { type: 'init', cachePath } : { type: 'init', files: this.source.files() };
    w.postMessage(init);
    w.on('message', (m: FromWorker) => this.onMessage(m));
    const fail = (why: string) => {
      if (this.worker === w) this.worker = undefined;
      for (const [id, r] of this.runs) { r.reject(new Error(why)); this.runs.delete(id); }
      for (const [id, j] of this.jobs) { j({ summary: '', files: [], error: why }); this.jobs.delete(id); }
      this.jobProgress.clear();
    };
    w.on('error', (e) => fail(`generation worker failed: ${e.message}`));
    w.on('exit', (code) => fail(`generation worker exited (code ${code})`));
    return w;
  }

  private onMessage(m: FromWorker): void {
    switch (m.type) {
      case 'ready':
        this.loadMs = m.loadMs;
        this.log('info', `generation worker ready: ${m.files} files loaded in ${m.loadMs.toFixed(0)} ms`);
        break;
      case 'log': this.log(m.level, m.message); break;
      case 'progress': this.runs.get(m.runId)?.onProgress(m.progress); break;
      case 'done': {
        const r = this.runs.get(m.runId);
        if (!r) break;
        this.runs.delete(m.runId);
        const total = performance.now() - r.t0;
        r.resolve({ result: m.result, handoffMs: Math.max(0, total - m.generateMs), generateMs: m.generateMs, llmSummary: m.llmSummary });
        break;
      }
      case 'logsProgress': this.jobProgress.get(m.jobId)?.(m.progress); break;
      case 'logsDone': {
        const j = this.jobs.get(m.jobId);
        this.jobs.delete(m.jobId);
        this.jobProgress.delete(m.jobId);
        j?.(m.result);
        break;
      }
      case 'error': {
        const r = m.runId ? this.runs.get(m.runId) : undefined;
        if (r) { this.runs.delete(m.runId!); r.reject(new Error(m.message)); } else this.log('error', m.message);
        break;
      }
    }
  }

  /** A file was re-indexed (or left the index): the worker's copy follows. */
  changed(file: string, index: FileIndex | undefined): void {
    this.worker?.postMessage({ type: 'update', changes: [{ file, index: index ?? null }] } satisfies ToWorker);
  }

  run(runId: string, input: RunInput, onProgress: (p: GenerateProgress) => void, signal?: AbortSignal): Promise<GenerationOutput> {
    const w = this.ensure();
    const cancelFlag = createCancelFlag();
    return new Promise<GenerationOutput>((resolve, reject) => {
      let killTimer: NodeJS.Timeout | undefined;
      const onAbort = () => {
        raiseCancelFlag(cancelFlag);
        w.postMessage({ type: 'cancel', runId } satisfies ToWorker);
        killTimer = setTimeout(() => {
          if (!this.runs.has(runId)) return;
          this.log('warn', `run ${runId} did not stop ${CANCEL_GRACE_MS} ms after cancel; restarting the generation worker`);
          void w.terminate(); // rejects every pending run through the exit handler
        }, CANCEL_GRACE_MS);
      };
      const settle = () => { if (killTimer) clearTimeout(killTimer); signal?.removeEventListener('abort', onAbort); };
      this.runs.set(runId, {
        resolve: (o) => { settle(); resolve(o); },
        reject: (e) => { settle(); reject(e); },
        onProgress, t0: performance.now(),
      });
      const start: StartMessage = { type: 'start', runId, ...input, cancelFlag };
      w.postMessage(start);
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /**
   * A from-logs job, queued behind any generation run in the same worker. An abort raises the job's shared
   * cancel flag: the evaluation stops between runs and still answers with (and writes) what it finished, so
   * the worker is never terminated for it.
   */
  logsJob(job: LogsJob, root: string, opts: { signal?: AbortSignal; onProgress?(p: { done: number; total: number; message: string }): void } = {}): Promise<LogsJobResult> {
    const w = this.ensure();
    const jobId = `job-${++this.jobCounter}`;
    const cancelFlag = createCancelFlag();
    const onAbort = () => raiseCancelFlag(cancelFlag);
    return new Promise((resolve) => {
      this.jobs.set(jobId, (r) => { opts.signal?.removeEventListener('abort', onAbort); resolve(r); });
      if (opts.onProgress) this.jobProgress.set(jobId, opts.onProgress);
      w.postMessage({ type: 'logs', jobId, job, root, cancelFlag } satisfies ToWorker);
      if (opts.signal?.aborted) onAbort();
      else opts.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  async dispose(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }
}
