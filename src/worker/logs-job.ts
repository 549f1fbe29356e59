// The from-logs workflow (LogSynthFSM: recover a state machine from a real log, synthesize from it, measure
// fidelity, and code-meets-logs coverage) as jobs of the generation worker, so the editor never runs them on
// its own threads. Bad input comes back as a message, never as a crash. The evaluation bench runs here too
// (cancellable through the shared flag, with progress), so the neural detectors never touch the editor's threads.
import { coverageOf, fidelityOfDirs, recoverToDir, synthesizeToDir, WorkflowError } from '../core/logs/workflow';
import type { WorkspaceIndex } from '../core/workspace/workspace-index';
import { runEvaluation } from '../core/eval/runner';
import type { EvalProgress } from '../core/eval/experiment';
import { InputError } from '../core/eval/data';
import type { CoverageReport } from '../core/coverage/coverage';
import { evalReportData, fidelityReportData } from '../shared/report-views';
import type { CoverageCounts, LogsJob, LogsJobResult } from '../shared/protocol';

export interface LogsJobCallbacks {
  /** Stops an evaluation between runs (the runs finished so far are kept and written). */
  signal?: AbortSignal;
  onProgress?(p: { done: number; total: number; message: string }): void;
}

/** Per-template counts of a coverage report (statements sharing a template share the count). */
export function coverageCounts(log: string, report: CoverageReport): CoverageCounts {
  const seen: Record<string, number | null> = {};
  for (const e of report.entries) seen[e.template] = e.seen;
  return { log, seen };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export async function runLogsJob(job: LogsJob, index: () => WorkspaceIndex, root: string, cb: LogsJobCallbacks = {}): Promise<LogsJobResult> {
  try {
    switch (job.op) {
      case 'recover': {
        const r = await recoverToDir(job.log, job.outDir, {
          ...(job.format ? { format: job.format } : {}), ...(job.sessionKey ? { sessionKey: job.sessionKey } : {}),
          ...(job.labels ? { labels: job.labels } : {}), ...(job.k !== undefined ? { k: job.k } : {}),
        });
        const m = r.machine;
        return {
          summary: `state machine from ${r.traces.traces.length} traces: ${m.states.length} states, ${m.transitions.length} transitions, `
            + `${m.templates.length} templates (k = ${m.k}), ${r.seconds.toFixed(1)} s`,
          files: [r.machineFile, r.relational.sqlite],
        };
      }
      case 'synthesize': {
        const r = await synthesizeToDir(job.fsmDir, job.outDir, {
          traces: job.traces, ...(job.seed !== undefined ? { seed: job.seed } : {}), ...(job.amplify !== undefined ? { amplify: job.amplify } : {}),
          ...(job.name ? { name: job.name } : {}), overwrite: job.overwrite ?? false,
        });
        const by = Object.entries(r.stats.byLabel).map(([l, n]) => `${n} ${l}`).join(', ');
        return { summary: `${r.stats.traces} synthetic traces (${by}), ${r.stats.events} events`, files: [...r.files, r.relational] };
      }
      case 'fidelity': {
        const r = await fidelityOfDirs(job.fsmDir, job.synDir, job.outDir ? { outDir: job.outDir } : {});
        const s = r.report.similarity;
        return {
          summary: `fidelity: ${pct(r.report.constraints.accepted)} accepted by the machine, event JSD ${s.eventJsd.toFixed(3)}, transition JSD ${s.transitionJsd.toFixed(3)}`,
          files: r.files, markdown: r.markdown, report: fidelityReportData(r.report),
        };
      }
      case 'coverage': {
        const r = await coverageOf(root, job.log, {
          ...(job.format ? { format: job.format } : {}), ...(job.outDir ? { outDir: job.outDir } : {}), index: index(),
        });
        return {
          summary: `${r.report.seenStatements} of ${r.report.statements} log statements seen (${pct(r.report.coverage)}); `
            + `${r.report.matchedLines} of ${r.report.logLines} log lines explained by the source`,
          files: [], markdown: r.markdown, coverage: coverageCounts(job.log, r.report),
        };
      }
      case 'evaluate': {
        const t0 = performance.now();
        const r = await runEvaluation({
          real: job.real, synthetic: job.synthetic, out: job.out, models: job.models ?? 'fast', seeds: job.seeds ?? 3,
          ...(job.realTemplates ? { realTemplates: job.realTemplates } : {}),
        }, {
          ...(cb.signal ? { signal: cb.signal } : {}),
          onProgress: (p: EvalProgress) => cb.onProgress?.({ done: p.done, total: p.total, message: p.message }),
        });
        const best = r.summary.filter((s) => s.training !== 'real' && Number.isFinite(s.f1Delta))
          .sort((a, b) => b.f1Delta - a.f1Delta)[0];
        return {
          summary: `evaluation: ${r.rows.length} runs (${r.train} training, ${r.test} test sessions)`
            + (best ? `; largest F1 change ${best.f1Delta >= 0 ? '+' : ''}${best.f1Delta.toFixed(3)} (${best.model}, ${best.training})` : '')
            + `${r.cancelled ? ' — cancelled, finished runs kept' : ''}, ${((performance.now() - t0) / 1000).toFixed(1)} s`,
          files: r.files, markdown: r.markdown, report: evalReportData(r.summary), cancelled: r.cancelled,
        };
      }
    }
  } catch (e) {
    if (e instanceof WorkflowError || e instanceof InputError) return { summary: '', files: [], error: e.message };
    return { summary: '', files: [], error: e instanceof Error ? e.message : String(e) };
  }
}
