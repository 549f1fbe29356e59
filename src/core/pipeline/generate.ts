// The code-guided pipeline, one stage after the other: entry -> paths -> compressed -> verified ->
// parameterized, rendered and labeled sequences. Each stage is owned by its module; this file only orders them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GenerationStats, IndexView, LogSequence, LogStatement, Verdict, VerifyContext } from '../model';
import type { GenerateOptions, GenerateResult } from './types';
import type { CallGraph } from '../callgraph/callgraph';
import { enumeratePaths } from '../paths/enumerate';
import { compressPaths } from '../paths/compress';
import { SymbolicVerifier } from '../verify/symbolic';
import { materialize, sessionIdFor } from '../sequence/materialize';
import { loadLabelRules } from '../labels/rules';
import { createRng } from '../util/rng';

export const DEFAULTS = { depth: 5, maxPaths: 2000, loopBound: 1, seed: 42 } as const;

/** An entry that names no method: the message carries the nearest signatures. */
export class UnknownEntryError extends Error {
  constructor(readonly entry: string, readonly suggestions: string[]) {
    super(`unknown entry '${entry}'${suggestions.length ? `; did you mean: ${suggestions.slice(0, 5).join(', ')}` : ''}`);
  }
}

/** Resolves user-written signatures to method ids, failing on the first unknown one. */
export function resolveEntries(graph: CallGraph, entries: string[]): string[] {
  return entries.map((sig) => {
    const found = graph.findMethod(sig);
    if (!found.match) throw new UnknownEntryError(sig, found.suggestions);
    return found.match;
  });
}

/** The reason class of a rejection ("contradiction", "unreachable catch", ...) for the summary table. */
function reasonKind(reason: string): string {
  const i = reason.indexOf(':');
  return (i > 0 ? reason.slice(0, i) : reason).trim() || 'rejected';
}

export function methodSourceReader(view: IndexView, root: string | undefined): (methodId: string) => string | undefined {
  const cache = new Map<string, string[] | undefined>();
  return (methodId) => {
    const m = view.methods.get(methodId);
    if (!m || !root) return undefined;
    let lines = cache.get(m.loc.file);
    if (!cache.has(m.loc.file)) {
      try { lines = readFileSync(join(root, m.loc.file), 'utf8').split(/\r?\n/); } catch { lines = undefined; }
      cache.set(m.loc.file, lines);
    }
    return lines?.slice(m.startLine - 1, m.endLine).join('\n');
  };
}

export async function generate(
  view: IndexView,
  graph: CallGraph,
  opts: GenerateOptions & { sourceRoot?: string },
): Promise<GenerateResult> {
  const t0 = performance.now();
  const methodIds = resolveEntries(graph, opts.entries);
  const verifier = opts.verifier ?? new SymbolicVerifier();
  const rules = loadLabelRules(opts.labelRules);
  const style = opts.paramStyle ?? 'log4j';
  const logs: ReadonlyMap<string, LogStatement> = view.logs;
  const ctx: VerifyContext = { methodSource: methodSourceReader(view, opts.sourceRoot), methods: view.methods, logs, signal: opts.signal };
  const stats: GenerationStats = {
    entries: methodIds.length, pathsEnumerated: 0, pathsRejected: 0, rejectReasons: {},
    sequences: 0, normal: 0, anomaly: 0, seconds: 0, truncated: false,
  };
  const sequences: LogSequence[] = [];
  const seen = new Set<string>();
  // Sessions follow one another from a fixed epoch, so timestamps are reproducible from the seed and the
  // .log file is in time order.
  let clock = Date.UTC(2026, 0, 5, 9, 0, 0);
  let cancelled = false;

  for (let e = 0; e < methodIds.length; e++) {
    const entry = methodIds[e]!;
    if (opts.signal?.aborted) { cancelled = true; break; }
    const progress = (enumerated: number) => opts.onProgress?.({
      entry, entriesDone: e, entriesTotal: methodIds.length, enumerated: stats.pathsEnumerated + enumerated,
      rejected: stats.pathsRejected, kept: sequences.length,
    });
    const { paths, enumerated, truncated, cancelled: stopped } = enumeratePaths(entry, view, graph, {
      depth: opts.depth, maxPaths: opts.maxPaths, loopBound: opts.loopBound, seed: opts.seed,
      signal: opts.signal, onPath: (n) => { if (n % 256 === 0) progress(n); },
    });
    stats.pathsEnumerated += enumerated;
    stats.truncated ||= truncated;
    if (stopped || opts.signal?.aborted) cancelled = true;

    const groups = compressPaths(paths).filter((g) => g.path.logIds.length > 0);
    let verdicts: Verdict[];
    try {
      verdicts = await verifier.verify(groups.map((g) => g.path), ctx);
    } catch (err) {
      if (opts.signal?.aborted) { cancelled = true; break; }
      throw err;
    }
    const rng = createRng(`${opts.seed}:${entry}`);
    groups.forEach((g, i) => {
      const verdict = verdicts[i]!;
      if (!verdict.consistent) {
        stats.pathsRejected += g.multiplicity;
        const k = reasonKind(verdict.reason);
        stats.rejectReasons[k] = (stats.rejectReasons[k] ?? 0) + g.multiplicity;
        return;
      }
      const key = g.path.logIds.join(' ');
      if (seen.has(key)) return; // the same sequence reached from another entry
      seen.add(key);
      const m = materialize({
        sessionId: sessionIdFor(entry, sequences.length + 1),
        path: g.path, verdict, multiplicity: g.multiplicity, logs, rng, style, rules, start: clock,
      });
      sequences.push(m.sequence);
      clock = m.end + 1000 + Math.floor(rng.next() * 60_000);
    });
    progress(0);
  }

  for (const s of sequences) {
    if (s.label === 'Anomaly') stats.anomaly++;
    else stats.normal++;
  }
  stats.sequences = sequences.length;
  stats.seconds = (performance.now() - t0) / 1000;
  return { sequences, stats, cancelled };
}
