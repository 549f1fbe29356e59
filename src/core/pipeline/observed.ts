// Observed behaviour as a prior for code-guided sampling: a smoothed first-order (bigram) model over source event
// ids, fitted on the transition counts of real logs (coverage.ts `observedTransitionWeights`, with `<START>` and
// `<END>` marking trace ends). Sequences the code can produce are scored by how much they resemble production
// behaviour; the pipeline then keeps or orders them by that score. The code stays the authority on what is
// possible: the model never removes a sequence by itself, and a transition the logs never showed still has a
// small floor probability, so rare code-only paths remain possible.
import type { Rng } from '../util/rng';

export const START = '<START>';
export const END = '<END>';

export type TransitionWeights = ReadonlyMap<string, ReadonlyMap<string, number>>;

export interface ObservedModelOptions {
  /** Add-k smoothing constant (default 0.1). */
  k?: number;
  /** Lowest probability of any transition, observed or not (default 1e-3). */
  floor?: number;
  /** Source event ids the code can emit, so the smoothing spreads mass over them too (besides those in the logs). */
  vocabulary?: Iterable<string>;
}

export class ObservedModel {
  readonly k: number;
  readonly floor: number;
  /** Source event ids that appear in at least one observed transition (START/END excluded). */
  readonly seenEvents: ReadonlySet<string>;
  private readonly rows = new Map<string, { counts: ReadonlyMap<string, number>; total: number }>();
  /** Outcomes of a transition: every known event plus END. */
  private readonly outcomes: number;

  constructor(weights: TransitionWeights, opts: ObservedModelOptions = {}) {
    this.k = opts.k ?? 0.1;
    this.floor = opts.floor ?? 1e-3;
    if (!(this.k > 0)) throw new Error(`observed model: k must be > 0 (got ${this.k})`);
    if (!(this.floor > 0 && this.floor < 1)) throw new Error(`observed model: floor must be in (0, 1) (got ${this.floor})`);
    const seen = new Set<string>();
    const vocab = new Set<string>(opts.vocabulary ?? []);
    for (const [a, row] of weights) {
      let total = 0;
      for (const [b, n] of row) {
        if (!(n >= 0) || !Number.isFinite(n)) throw new Error(`observed model: count ${a} -> ${b} is ${n}`);
        total += n;
        if (b !== END) { seen.add(b); vocab.add(b); }
      }
      if (a !== START) { seen.add(a); vocab.add(a); }
      this.rows.set(a, { counts: row, total });
    }
    this.seenEvents = seen;
    this.outcomes = vocab.size + 1;
  }

  /**
   * P(b | a), add-k smoothed over every known event and END, and never below the floor. A row the logs never
   * showed (a code-only event) is uniform: there is no evidence for or against where it goes. The floor makes
   * the values a score rather than an exact distribution (rows may sum slightly above 1), which is all ranking needs.
   */
  prob(a: string, b: string): number {
    const row = this.rows.get(a);
    const p = row && row.total > 0
      ? ((row.counts.get(b) ?? 0) + this.k) / (row.total + this.k * this.outcomes)
      : 1 / this.outcomes;
    return Math.max(p, this.floor);
  }

  /** Mean log-probability per transition of START, ...eventIds, END (length-neutral; higher = more like the logs). */
  sequenceScore(eventIds: readonly string[]): number {
    let prev = START, sum = 0;
    for (const id of eventIds) { sum += Math.log(this.prob(prev, id)); prev = id; }
    sum += Math.log(this.prob(prev, END));
    return sum / (eventIds.length + 1);
  }
}

/**
 * Indexes of `m` items drawn without replacement with probability proportional to `exp(logWeights[i])`
 * (Gumbel-top-k, equivalent to drawing one at a time and removing it; exact and numerically safe in log space).
 * Deterministic for a given rng state. Returned in draw order (highest perturbed key first).
 */
export function weightedSampleWithoutReplacement(logWeights: readonly number[], m: number, rng: Rng): number[] {
  const keys = logWeights.map((w, i) => {
    // u in (0, 1): next() may return 0, and -log(-log(0)) is -Infinity which would tie.
    const u = (rng.next() * (1 - 2e-12)) + 1e-12;
    return { i, key: w - Math.log(-Math.log(u)) };
  });
  keys.sort((a, b) => b.key - a.key || a.i - b.i);
  return keys.slice(0, Math.max(0, Math.min(m, keys.length))).map((k) => k.i);
}

/**
 * The candidates to keep, most likely first. Without `maxSequences` every candidate is kept, ordered by score
 * (ties keep their original order). With it, a weighted sample of that size: weight = exp(sharpness × score),
 * i.e. with sharpness 1 the geometric-mean transition probability. The per-transition mean (not the whole-sequence
 * likelihood) is used so that long sequences are not crushed by their length, and a code-only sequence keeps a
 * weight of at least `floor^sharpness`, so it still turns up while observed behaviour dominates.
 */
export function selectByObserved<T>(
  candidates: readonly T[], scoreOf: (c: T) => number, rng: Rng, opts: { maxSequences?: number; sharpness?: number } = {},
): { item: T; score: number }[] {
  const scored = candidates.map((item, i) => ({ item, score: scoreOf(item), i }));
  let kept = scored;
  if (opts.maxSequences !== undefined && opts.maxSequences < scored.length) {
    const beta = opts.sharpness ?? 1;
    kept = weightedSampleWithoutReplacement(scored.map((s) => beta * s.score), opts.maxSequences, rng).map((i) => scored[i]!);
  }
  return [...kept].sort((a, b) => b.score - a.score || a.i - b.i).map(({ item, score }) => ({ item, score }));
}
