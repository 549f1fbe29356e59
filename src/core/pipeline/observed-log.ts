// From a real log file to the observed transition weights between the workspace's source events: the log is
// parsed and grouped into traces (load-traces.ts), each line matched to a source template (coverage.ts), and
// consecutive matched lines of a trace counted as a transition. Lines outside any session are not counted.
import type { LogStatement } from '../model';
import { loadTraces } from '../logs/load-traces';
import { computeCoverage, observedTransitionWeights, type CoverageReport, type LogMessage } from '../coverage/coverage';

export interface ObservedLog {
  weights: Map<string, Map<string, number>>;
  report: CoverageReport;
  traces: number;
  /** Lines that matched no session key. */
  unkeyed: number;
  /** Distinct source event ids in the workspace, and those some trace line matched. */
  sourceEvents: number;
  seenSourceEvents: number;
}

export async function observedWeightsFromLog(
  statements: Iterable<LogStatement>, logFile: string, opts: { format?: string; sessionKey?: string } = {},
): Promise<ObservedLog> {
  const set = await loadTraces(logFile, { ...(opts.format ? { format: opts.format } : {}), ...(opts.sessionKey ? { sessionKey: opts.sessionKey } : {}) });
  const list = [...statements];
  function* messages(): Generator<LogMessage> {
    for (const t of set.traces) for (const e of t.events) {
      yield { content: e.content ?? '', eventId: e.eventId, ...(set.templates.has(e.eventId) ? { template: set.templates.get(e.eventId)! } : {}) };
    }
  }
  const report = await computeCoverage(list, messages());
  const weights = observedTransitionWeights(report, set.traces.map((t) => t.events.map((e) => e.eventId)));
  return {
    weights, report, traces: set.traces.length, unkeyed: set.unkeyed,
    sourceEvents: report.templates, seenSourceEvents: report.seenTemplates,
  };
}
