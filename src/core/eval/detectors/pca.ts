// PCA anomaly detection (Xu et al., SOSP'09), as loglizer implements it: tf-idf + zero-mean count
// vectors, a normal subspace keeping 95% of the variance, and the squared prediction error (SPE) of the
// residual compared with the Q-statistic threshold (Jackson & Mudholkar) at c_alpha = 3.2905 (99.9%).
import { EventCountFeatures } from '../features';
import { gram, symmetricEigen, type Mat } from '../linalg';
import type { Detector, FitContext, LabeledSequence } from './types';

export interface PcaParams { nComponents: number; cAlpha: number }
export const PCA_DEFAULTS: PcaParams = { nComponents: 0.95, cAlpha: 3.2905 };

export class PcaDetector implements Detector {
  readonly name = 'PCA';
  readonly regime = 'unlabeled' as const;
  private features = new EventCountFeatures({ termWeighting: 'tf-idf', normalization: 'zero-mean' });
  /** Rows of the residual projection C = I - P P^T. */
  private C: Mat = [];
  threshold = 0;
  components = 0;

  constructor(private readonly params: PcaParams = PCA_DEFAULTS) {}

  async fit(train: readonly LabeledSequence[], _ctx: FitContext): Promise<void> {
    this.features = new EventCountFeatures({ termWeighting: 'tf-idf', normalization: 'zero-mean' });
    const X = this.features.fitTransform(train.map((s) => s.events));
    const d = this.features.dims;
    const { values, vectors } = symmetricEigen(gram(X, X.length));
    const lambdas = values.map((v) => Math.max(v, 0));
    const total = lambdas.reduce((a, b) => a + b, 0);
    let k = 0;
    if (this.params.nComponents < 1) {
      let acc = 0;
      while (k < d && (total === 0 || acc / total < this.params.nComponents)) acc += lambdas[k++]!;
    } else k = Math.min(d, Math.round(this.params.nComponents));
    this.components = k;
    const P = vectors.slice(0, k);
    this.C = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) =>
      (i === j ? 1 : 0) - P.reduce((s, p) => s + p[i]! * p[j]!, 0)));
    // Q-statistic over the residual eigenvalues.
    const phi = [1, 2, 3].map((p) => lambdas.slice(k).reduce((s, l) => s + l ** p, 0));
    const [p1, p2, p3] = phi as [number, number, number];
    if (p1 <= 0 || p2 <= 0) { this.threshold = 0; return; }
    const h0 = 1 - (2 * p1 * p3) / (3 * p2 * p2);
    this.threshold = p1 * Math.pow(
      (this.params.cAlpha * Math.sqrt(2 * p2 * h0 * h0)) / p1 + 1 + (p2 * h0 * (h0 - 1)) / (p1 * p1), 1 / h0);
  }

  /** Squared norm of each session's residual (its distance from the normal subspace). */
  spe(sequences: readonly (readonly string[])[]): number[] {
    return this.features.transform(sequences).map((y) => {
      let s = 0;
      for (const row of this.C) { let r = 0; for (let j = 0; j < row.length; j++) r += row[j]! * y[j]!; s += r * r; }
      return s;
    });
  }

  async predict(sequences: readonly (readonly string[])[]): Promise<boolean[]> {
    return this.spe(sequences).map((s) => s > this.threshold);
  }
}
