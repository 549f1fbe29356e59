// The "without static analysis" ablation (--no-static): the LLM writes log sequences from the entry
// method's source alone; no LCFG, no path enumeration. Sequences go through the same parameter, label and
// export stages as the code-guided ones, so the evaluation bench can compare the two data sets.
import type { IndexView, LogSequence } from '../model';
import type { GenerateOptions, GenerateResult } from './types';
import type { CallGraph } from '../callgraph/callgraph';
import type { LlmClient } from '../llm/client';
import { llmNoStaticSequences, reachableLogStatements } from '../llm/no-static';
import { LocationNames, materialize, sessionIdFor } from '../sequence/materialize';
import { loadLabelRules } from '../labels/rules';
import { createRng } from '../util/rng';
import { methodSourceReader, resolveEntries } from './generate';
import { countRejection, emptyStats, finishStats, SessionClock } from './run-stats';

export async function generateNoStatic(
  view: IndexView,
  graph: CallGraph,
  client: LlmClient,
  opts: GenerateOptions & { sourceRoot?: string; perEntry?: number },
): Promise<GenerateResult> {
  const t0 = performance.now();
  const entries = resolveEntries(graph, opts.entries);
  const rules = loadLabelRules(opts.labelRules);
  const source = methodSourceReader(view, opts.sourceRoot);
  const stats = emptyStats(entries.length);
  const sequences: LogSequence[] = [];
  const locations = new LocationNames();
  const clock = new SessionClock();
  let cancelled = false;
  for (let e = 0; e < entries.length; e++) {
    const entry = entries[e]!;
    if (opts.signal?.aborted) { cancelled = true; break; }
    const method = view.methods.get(entry)!;
    const text = source(entry);
    if (!text) continue;
    const res = await llmNoStaticSequences({
      client, entry, file: method.loc.file, source: text,
      logs: reachableLogStatements(graph, view.logs, entry, opts.depth), count: opts.perEntry, signal: opts.signal,
    });
    stats.pathsEnumerated += res.sequences.length + res.rejected;
    for (const r of res.rejectReasons) countRejection(stats, r); // one reason per rejected list
    if (res.failure) stats.rejectReasons[`llm ${res.failure}`] = (stats.rejectReasons[`llm ${res.failure}`] ?? 0) + 1;
    const rng = createRng(`${opts.seed}:${entry}:no-static`);
    for (const s of res.sequences) {
      const m = materialize({
        sessionId: sessionIdFor(entry, sequences.length + 1), path: s.path,
        verdict: { consistent: true, reason: s.reason, conflictingSteps: [], verifier: 'llm' },
        multiplicity: 1, logs: view.logs, rng, style: opts.paramStyle ?? 'log4j', rules, start: clock.now, locations,
      });
      sequences.push(m.sequence);
      clock.after(m.end, rng);
    }
    opts.onProgress?.({ entry, entriesDone: e + 1, entriesTotal: entries.length, enumerated: stats.pathsEnumerated, rejected: stats.pathsRejected, kept: sequences.length });
  }
  finishStats(stats, sequences, t0);
  return { sequences, stats, cancelled };
}
