// The code-guided pipeline, one stage after the other: entry -> paths -> compressed -> verified ->
// parameterized, rendered and labeled sequences. Each stage is owned by its module; this file only orders them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GenerationStats, IndexView, LogSequence, LogStatement, Path, Verdict, Verifier, VerifyContext } from '../model';
import { countRejection, emptyStats, finishStats, SessionClock } from './run-stats';
import type { GenerateOptions, GenerateResult } from './types';
import type { CallGraph } from '../callgraph/callgraph';
import { enumeratePaths } from '../paths/enumerate';
import { compressPaths, PathGrouper } from '../paths/compress';
import { SymbolicVerifier } from '../verify/symbolic';
import { LocationNames, materialize, sessionIdFor } from '../sequence/materialize';
import { loadLabelRules } from '../labels/rules';
import { createRng } from '../util/rng';
import { ObservedModel, selectByObserved } from './observed';

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

/** Verifiers that cost nothing per path judge every path before compression, so a group whose first path is
 *  impossible still yields its possible members; costly ones (an LLM) judge one representative per group. */
const CHEAP_VERIFIERS = new Set(['symbolic', 'none']);

async function verifyAndCompress(
  paths: Path[], verifier: Verifier, ctx: VerifyContext, stats: GenerationStats,
): Promise<{ path: Path; multiplicity: number; verdict: Verdict }[]> {
  if (CHEAP_VERIFIERS.has(verifier.name)) {
    // the whole list judged at once, then taken through the same rules as paths judged as they are found
    const verdicts = await verifier.verify(paths, ctx);
    const verdictOf = new Map(paths.map((p, i) => [p, verdicts[i]!]));
    const judged = new JudgedPaths((p) => verdictOf.get(p)!, stats);
    return judged.groups(paths.filter((p) => judged.keep(p)));
  }
  const groups = compressPaths(paths);
  const verdicts = await verifier.verify(groups.map((g) => g.path), ctx);
  const out: { path: Path; multiplicity: number; verdict: Verdict }[] = [];
  groups.forEach((g, i) => {
    const v = verdicts[i]!;
    if (v.consistent) out.push({ ...g, verdict: v });
    else countRejection(stats, v.reason, g.multiplicity);
  });
  return out;
}

/**
 * A cheap verifier's rules, one path at a time (as the walk finds them, or over a list judged at once): paths
 * without a log are dropped, inconsistent ones counted as rejected, the rest grouped; keep() is true for the
 * first path of each group, which the walk then copies.
 */
class JudgedPaths {
  private readonly grouper = new PathGrouper();
  private readonly verdicts: Verdict[] = [];

  constructor(private readonly check: (p: Path) => Verdict, private readonly stats: GenerationStats) {}

  keep(p: Path): boolean {
    if (p.logIds.length === 0) return false;
    const v = this.check(p);
    if (!v.consistent) {
      countRejection(this.stats, v.reason, 1);
      return false;
    }
    if (!this.grouper.add(p)) return false;
    this.verdicts.push(v);
    return true;
  }

  /** The groups, each with its first path as the walk copied it (`kept`: the paths keep() let through). */
  groups(kept: Path[]): { path: Path; multiplicity: number; verdict: Verdict }[] {
    if (kept.length !== this.grouper.groups.length) throw new Error(`internal: ${kept.length} paths kept for ${this.grouper.groups.length} groups`);
    return this.grouper.groups.map((g, i) => ({ path: kept[i]!, multiplicity: g.multiplicity, verdict: this.verdicts[i]! }));
  }
}

export async function generate(
  view: IndexView,
  graph: CallGraph,
  opts: GenerateOptions & { sourceRoot?: string },
): Promise<GenerateResult> {
  const t0 = performance.now();
  const methodIds = resolveEntries(graph, opts.entries);
  if (opts.maxAnomalyShare !== undefined) checkShare(opts.maxAnomalyShare);
  const verifier = opts.verifier ?? new SymbolicVerifier();
  const rules = loadLabelRules(opts.labelRules);
  const style = opts.paramStyle ?? 'log4j';
  const logs: ReadonlyMap<string, LogStatement> = view.logs;
  const ctx: VerifyContext = { methodSource: methodSourceReader(view, opts.sourceRoot), methods: view.methods, logs, signal: opts.signal };
  const stats = emptyStats(methodIds.length);
  const sequences: LogSequence[] = [];
  const seen = new Set<string>();
  const locations = new LocationNames();
  const clock = new SessionClock();
  const check = verifier.checker?.(ctx);
  let cancelled = false;
  const maxSeq = opts.observed?.maxSequences;
  if (maxSeq !== undefined && !(Number.isInteger(maxSeq) && maxSeq >= 1)) throw new Error(`observed.maxSequences must be a positive integer (got ${maxSeq})`);
  const observedModel = opts.observed ? new ObservedModel(opts.observed.weights, {
    vocabulary: [...logs.values()].map((l) => l.eventId),
    ...(opts.observed.k !== undefined ? { k: opts.observed.k } : {}),
    ...(opts.observed.floor !== undefined ? { floor: opts.observed.floor } : {}),
  }) : undefined;

  for (let e = 0; e < methodIds.length; e++) {
    const entry = methodIds[e]!;
    if (opts.signal?.aborted) { cancelled = true; break; }
    const progress = (enumerated: number) => opts.onProgress?.({
      entry, entriesDone: e, entriesTotal: methodIds.length, enumerated: stats.pathsEnumerated + enumerated,
      rejected: stats.pathsRejected, kept: sequences.length,
    });
    // A verifier with a synchronous check judges and groups each path as the walk finds it: only the first
    // path of each group is copied (on jetty9, 14k of 100k), instead of every path being copied, then judged.
    const judged = check ? new JudgedPaths(check, stats) : undefined;
    const { paths, enumerated, truncated, cancelled: stopped } = enumeratePaths(entry, view, graph, {
      depth: opts.depth, maxPaths: opts.maxPaths, loopBound: opts.loopBound, seed: opts.seed,
      signal: opts.signal, onPath: (n) => { if (n % 256 === 0) progress(n); },
      ...(judged ? { keep: (p: Path) => judged.keep(p) } : {}),
    });
    stats.pathsEnumerated += enumerated;
    stats.truncated ||= truncated;
    if (stopped || opts.signal?.aborted) cancelled = true;

    let groups: { path: Path; multiplicity: number; verdict: Verdict }[];
    if (judged) groups = judged.groups(paths);
    else {
      const logging = paths.filter((p) => p.logIds.length > 0);
      try {
        groups = await verifyAndCompress(logging, verifier, ctx, stats);
      } catch (err) {
        if (opts.signal?.aborted) { cancelled = true; break; }
        throw err;
      }
    }
    const rng = createRng(`${opts.seed}:${entry}`);
    // With observed logs: rank (and, with maxSequences, sample) this entry's new sequences by their likelihood
    // under the observed model before materializing, so session ids and times follow the kept order.
    let chosen: { g: (typeof groups)[number]; score?: number }[] = groups.map((g) => ({ g }));
    if (observedModel) {
      const fresh = groups.filter((g) => !seen.has(g.path.logIds.join(' ')));
      chosen = selectByObserved(fresh, (g) => observedModel.sequenceScore(g.path.logIds.map((id) => logs.get(id)?.eventId ?? id)),
        createRng(`${opts.seed}:${entry}:observed`), {
          ...(opts.observed!.maxSequences !== undefined ? { maxSequences: opts.observed!.maxSequences } : {}),
          ...(opts.observed!.sharpness !== undefined ? { sharpness: opts.observed!.sharpness } : {}),
        }).map(({ item, score }) => ({ g: item, score }));
    }
    chosen.forEach(({ g, score }) => {
      const verdict = g.verdict;
      const key = g.path.logIds.join(' ');
      if (seen.has(key)) return; // the same sequence reached from another entry
      seen.add(key);
      const m = materialize({
        sessionId: sessionIdFor(entry, sequences.length + 1),
        path: g.path, verdict, multiplicity: g.multiplicity, logs, rng, style, rules, start: clock.now, locations,
      });
      if (score !== undefined) m.sequence.observedScore = score;
      sequences.push(m.sequence);
      clock.after(m.end, rng);
    });
    progress(0);
  }

  const kept = opts.maxAnomalyShare === undefined ? sequences : capAnomalies(sequences, opts.maxAnomalyShare, opts.seed);
  finishStats(stats, kept, t0);
  return { sequences: kept, stats, cancelled };
}

function checkShare(share: number): void {
  if (!(share >= 0 && share <= 1)) throw new Error(`maxAnomalyShare must be between 0 and 1 (got ${share})`);
}

/** Keeps every Normal sequence and a seeded sample of the anomalies so that they are at most `share` of the
 *  result; order (and so session ids and time order) is preserved. */
export function capAnomalies(sequences: LogSequence[], share: number, seed: number): LogSequence[] {
  checkShare(share);
  const anomalies = sequences.filter((s) => s.label === 'Anomaly');
  const normals = sequences.length - anomalies.length;
  const allowed = share >= 1 ? anomalies.length : Math.floor((share * normals) / (1 - share));
  if (anomalies.length <= allowed) return sequences;
  const keep = new Set(createRng(`${seed}:anomaly-cap`).shuffle([...anomalies]).slice(0, allowed));
  return sequences.filter((s) => s.label === 'Normal' || keep.has(s));
}
