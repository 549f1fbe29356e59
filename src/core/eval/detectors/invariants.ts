// Invariant Mining (Lou et al., ATC'10) after loglizer's InvariantsMiner: on raw event counts, estimate the
// dimension r of the invariant space from the small singular directions, then search column subsets of
// growing size (Apriori-style, supersets of found invariants pruned) for a sparse integer vector theta with
// |x . theta| < epsilon on at least `percentage` of the sessions. A session violating any invariant is an anomaly.
import { EventCountFeatures } from '../features';
import { symmetricEigen, type Mat } from '../linalg';
import { throwIfAborted, type Detector, type FitContext, type LabeledSequence } from './types';

export interface InvariantParams { percentage: number; epsilon: number; longest: number; scales: number[] }
export const INVARIANT_DEFAULTS: InvariantParams = { percentage: 0.98, epsilon: 0.5, longest: 3, scales: [1, 2, 3] };

export interface Invariant {
  /** Event ids and their integer coefficients: sum(coef * count(event)) == 0 on normal sessions. */
  events: string[];
  coefs: number[];
}

export class InvariantMiningDetector implements Detector {
  readonly name = 'InvariantsMiner';
  readonly regime = 'unlabeled' as const;
  private features = new EventCountFeatures();
  private found: { cols: number[]; theta: number[] }[] = [];
  invariantSpace = 0;

  constructor(private readonly params: InvariantParams = INVARIANT_DEFAULTS) {}

  get invariants(): Invariant[] {
    return this.found.map((f) => ({ events: f.cols.map((c) => this.features.events[c]!), coefs: f.theta }));
  }

  async fit(train: readonly LabeledSequence[], ctx: FitContext): Promise<void> {
    this.features = new EventCountFeatures();
    // Count vectors repeat a lot (HDFS: ~6k sessions, a few hundred distinct rows): mine on distinct rows with weights.
    const { rows: X, weights: w } = distinctRows(this.features.fitTransform(train.map((s) => s.events)));
    const n = train.length, d = this.features.dims;
    this.found = [];
    if (n === 0 || d === 0) return;
    const { epsilon, percentage } = this.params;
    // r: how many of the smallest singular directions are (almost) always orthogonal to the data.
    const { vectors } = symmetricEigen(weightedGram(X, w));
    let r = 0;
    for (let i = d - 1; i >= 0; i--) {
      const u = vectors[i]!;
      let zero = 0;
      X.forEach((row, k) => { let s = 0; for (let j = 0; j < d; j++) s += row[j]! * u[j]!; if (Math.abs(s) < epsilon) zero += w[k]!; });
      if (zero / n < percentage) break;
      r++;
    }
    this.invariantSpace = r;
    if (r === 0) return;
    const key = (cols: number[]) => cols.join(',');
    // Never-seen-in-training columns cannot exist (the vocabulary is the training one), so start at pairs.
    let items: number[][] = Array.from({ length: d }, (_, j) => [j]);
    for (let len = 2; len <= this.params.longest && items.length > 0; len++) {
      const candidates = joinSets(items, len);
      const next: number[][] = [];
      const failed = new Set(items.map(key));
      for (const cand of candidates) {
        throwIfAborted(ctx.signal);
        // Apriori: every (len-1)-subset must itself have been a non-invariant candidate.
        if (len > 2 && !subsets(cand).every((s) => failed.has(key(s)))) continue;
        if (this.found.some((f) => f.cols.every((c) => cand.includes(c)))) continue;
        const theta = checkInvariant(X, w, n, cand, this.params);
        if (theta) {
          this.found.push({ cols: cand, theta });
          if (this.found.length >= r) return;
        } else next.push(cand);
      }
      items = next;
    }
  }

  async predict(sequences: readonly (readonly string[])[]): Promise<boolean[]> {
    const X = this.features.transform(sequences);
    return X.map((row) => this.found.some((f) => {
      let s = 0;
      f.cols.forEach((c, i) => { s += row[c]! * f.theta[i]!; });
      return Math.abs(s) > this.params.epsilon;
    }));
  }
}

function joinSets(items: number[][], len: number): number[][] {
  const out = new Map<string, number[]>();
  for (let a = 0; a < items.length; a++) {
    for (let b = a + 1; b < items.length; b++) {
      const u = [...new Set([...items[a]!, ...items[b]!])].sort((x, y) => x - y);
      if (u.length === len) out.set(u.join(','), u);
    }
  }
  return [...out.values()].sort((x, y) => { for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!; return 0; });
}

function subsets(cols: number[]): number[][] {
  return cols.map((_, i) => cols.filter((__, j) => j !== i));
}

/** The smallest right singular vector of X[:, cols], scaled to small integers, if it holds often enough. */
function checkInvariant(X: Mat, w: number[], n: number, cols: number[], p: InvariantParams): number[] | undefined {
  const sub = X.map((row) => cols.map((c) => row[c]!));
  const { vectors } = symmetricEigen(weightedGram(sub, w));
  const v = vectors[vectors.length - 1]!;
  const maxAbs = Math.max(...v.map(Math.abs));
  if (maxAbs === 0) return undefined;
  for (const scale of p.scales) {
    const theta = v.map((x) => Math.round((x / maxAbs) * scale) + 0); // +0: no -0 in reports
    if (theta.every((t) => t === 0)) continue;
    let ok = 0;
    sub.forEach((row, k) => { let s = 0; for (let j = 0; j < row.length; j++) s += row[j]! * theta[j]!; if (Math.abs(s) < p.epsilon) ok += w[k]!; });
    if (ok / n >= p.percentage) return theta;
  }
  return undefined;
}

export function distinctRows(X: Mat): { rows: Mat; weights: number[] } {
  const at = new Map<string, number>();
  const rows: Mat = [], weights: number[] = [];
  for (const row of X) {
    const k = row.join(',');
    const i = at.get(k);
    if (i === undefined) { at.set(k, rows.length); rows.push(row); weights.push(1); } else weights[i]!++;
  }
  return { rows, weights };
}

function weightedGram(X: Mat, w: number[]): Mat {
  const d = X[0]?.length ?? 0;
  const G: Mat = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  X.forEach((row, k) => {
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) G[i]![j]! += w[k]! * row[i]! * row[j]!;
  });
  return G;
}
