// The from-logs workflow (LogSynthFSM: recover a state machine from a real log, synthesize from it, measure
// fidelity, and code-meets-logs coverage) as jobs of the generation worker, so the editor never runs them on
// its own threads. Bad input comes back as a message, never as a crash.
import { coverageOf, fidelityOfDirs, recoverToDir, synthesizeToDir, WorkflowError } from '../core/logs/workflow';
import type { WorkspaceIndex } from '../core/workspace/workspace-index';
import { fidelityReportData } from '../shared/report-views';
import type { LogsJob, LogsJobResult } from '../shared/protocol';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export async function runLogsJob(job: LogsJob, index: () => WorkspaceIndex, root: string): Promise<LogsJobResult> {
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
          files: [], markdown: r.markdown,
        };
      }
    }
  } catch (e) {
    if (e instanceof WorkflowError) return { summary: '', files: [], error: e.message };
    return { summary: '', files: [], error: e instanceof Error ? e.message : String(e) };
  }
}
