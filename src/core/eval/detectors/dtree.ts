// Decision Tree (CART, Gini impurity, grown until pure, as scikit-learn's default that loglizer uses) on
// tf-idf count vectors. Ties between equally good splits go to the lowest feature index and threshold,
// so the tree is deterministic.
import { EventCountFeatures } from '../features';
import type { Mat, Vec } from '../linalg';
import { throwIfAborted, type Detector, type FitContext, type LabeledSequence } from './types';

export interface DecisionTreeParams { maxDepth: number; minSamplesSplit: number }
export const DTREE_DEFAULTS: DecisionTreeParams = { maxDepth: 64, minSamplesSplit: 2 };

type TNode = { leaf: true; anomaly: boolean } | { leaf: false; feature: number; threshold: number; left: TNode; right: TNode };

export class DecisionTreeDetector implements Detector {
  readonly name = 'DecisionTree';
  readonly regime = 'supervised' as const;
  private features = new EventCountFeatures({ termWeighting: 'tf-idf' });
  root: TNode = { leaf: true, anomaly: false };

  constructor(private readonly params: DecisionTreeParams = DTREE_DEFAULTS) {}

  async fit(train: readonly LabeledSequence[], ctx: FitContext): Promise<void> {
    this.features = new EventCountFeatures({ termWeighting: 'tf-idf' });
    const X = this.features.fitTransform(train.map((s) => s.events));
    const y = train.map((s) => s.anomaly);
    this.root = this.grow(X, y, X.map((_, i) => i), 0, ctx.signal);
  }

  private grow(X: Mat, y: boolean[], idx: number[], depth: number, signal?: AbortSignal): TNode {
    throwIfAborted(signal);
    const pos = idx.reduce((s, i) => s + (y[i] ? 1 : 0), 0);
    const majority = pos * 2 > idx.length;
    if (pos === 0 || pos === idx.length || depth >= this.params.maxDepth || idx.length < this.params.minSamplesSplit) {
      return { leaf: true, anomaly: majority };
    }
    const gini = (p: number, n: number) => (n === 0 ? 0 : 1 - (p / n) ** 2 - (1 - p / n) ** 2);
    let best = { gain: 1e-12, feature: -1, threshold: 0 };
    const parent = gini(pos, idx.length);
    const d = X[0]!.length;
    for (let f = 0; f < d; f++) {
      const sorted = idx.slice().sort((a, b) => X[a]![f]! - X[b]![f]!);
      let lp = 0;
      for (let k = 0; k < sorted.length - 1; k++) {
        if (y[sorted[k]!]) lp++;
        const v = X[sorted[k]!]![f]!, nv = X[sorted[k + 1]!]![f]!;
        if (v === nv) continue;
        const nl = k + 1, nr = sorted.length - nl;
        const impurity = (nl * gini(lp, nl) + nr * gini(pos - lp, nr)) / sorted.length;
        const gain = parent - impurity;
        if (gain > best.gain + 1e-12) best = { gain, feature: f, threshold: (v + nv) / 2 };
      }
    }
    if (best.feature < 0) return { leaf: true, anomaly: majority };
    const left = idx.filter((i) => X[i]![best.feature]! <= best.threshold);
    const right = idx.filter((i) => X[i]![best.feature]! > best.threshold);
    return {
      leaf: false, feature: best.feature, threshold: best.threshold,
      left: this.grow(X, y, left, depth + 1, signal), right: this.grow(X, y, right, depth + 1, signal),
    };
  }

  async predict(sequences: readonly (readonly string[])[]): Promise<boolean[]> {
    return this.features.transform(sequences).map((x: Vec) => {
      let n = this.root;
      while (!n.leaf) n = x[n.feature]! <= n.threshold ? n.left : n.right;
      return n.anomaly;
    });
  }
}
