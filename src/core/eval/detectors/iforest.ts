// Isolation Forest (Liu et al., ICDM'08) as scikit-learn runs it in loglizer's demo: 100 trees, each on
// min(256, n) sessions drawn without replacement, height limit ceil(log2(samples)); raw event counts;
// the threshold is set so that `contamination` (0.03) of the training sessions score as outliers.
import { EventCountFeatures } from '../features';
import type { Rng } from '../../util/rng';
import type { Mat, Vec } from '../linalg';
import { throwIfAborted, type Detector, type FitContext, type LabeledSequence } from './types';

export interface IsolationForestParams { trees: number; maxSamples: number; contamination: number }
export const IFOREST_DEFAULTS: IsolationForestParams = { trees: 100, maxSamples: 256, contamination: 0.03 };

type INode = { leaf: true; size: number } | { leaf: false; feature: number; split: number; left: INode; right: INode };

/** Average path length of an unsuccessful BST search over n points (the normaliser c(n)). */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + 0.5772156649) - (2 * (n - 1)) / n;
}

export class IsolationForestDetector implements Detector {
  readonly name = 'IsolationForest';
  readonly regime = 'unlabeled' as const;
  private features = new EventCountFeatures();
  private trees: INode[] = [];
  private sampleSize = 0;
  threshold = Infinity;

  constructor(private readonly params: IsolationForestParams = IFOREST_DEFAULTS) {}

  async fit(train: readonly LabeledSequence[], ctx: FitContext): Promise<void> {
    this.features = new EventCountFeatures();
    const X = this.features.fitTransform(train.map((s) => s.events));
    this.trees = [];
    if (X.length === 0) return;
    this.sampleSize = Math.min(this.params.maxSamples, X.length);
    const limit = Math.ceil(Math.log2(Math.max(2, this.sampleSize)));
    const idx = X.map((_, i) => i);
    for (let t = 0; t < this.params.trees; t++) {
      throwIfAborted(ctx.signal);
      const sample = ctx.rng.shuffle(idx.slice()).slice(0, this.sampleSize).map((i) => X[i]!);
      this.trees.push(grow(sample, 0, limit, ctx.rng));
    }
    const scores = this.scores(X).sort((a, b) => a - b);
    // sklearn: offset_ = percentile(-score, 100 * contamination); outlier when score above the (1-c) quantile.
    this.threshold = quantile(scores, 1 - this.params.contamination);
  }

  /** Anomaly score in (0, 1]: 2^(-E[h(x)] / c(psi)). */
  scores(X: Mat): number[] {
    const c = averagePathLength(this.sampleSize);
    return X.map((x) => {
      const h = this.trees.reduce((s, t) => s + pathLength(t, x, 0), 0) / this.trees.length;
      return Math.pow(2, -h / c);
    });
  }

  async predict(sequences: readonly (readonly string[])[]): Promise<boolean[]> {
    return this.scores(this.features.transform(sequences)).map((s) => s > this.threshold);
  }
}

function grow(X: Mat, depth: number, limit: number, rng: Rng): INode {
  if (depth >= limit || X.length <= 1) return { leaf: true, size: X.length };
  const d = X[0]!.length;
  // Only features that vary in this node can split it (sklearn draws among all and retries; same law).
  const varying: { f: number; lo: number; hi: number }[] = [];
  for (let f = 0; f < d; f++) {
    let lo = Infinity, hi = -Infinity;
    for (const x of X) { const v = x[f]!; if (v < lo) lo = v; if (v > hi) hi = v; }
    if (hi > lo) varying.push({ f, lo, hi });
  }
  if (varying.length === 0) return { leaf: true, size: X.length };
  const { f, lo, hi } = rng.pick(varying);
  const split = lo + rng.next() * (hi - lo);
  const left = X.filter((x) => x[f]! < split), right = X.filter((x) => x[f]! >= split);
  return { leaf: false, feature: f, split, left: grow(left, depth + 1, limit, rng), right: grow(right, depth + 1, limit, rng) };
}

function pathLength(node: INode, x: Vec, depth: number): number {
  if (node.leaf) return depth + averagePathLength(node.size);
  return pathLength(x[node.feature]! < node.split ? node.left : node.right, x, depth + 1);
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos), hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
