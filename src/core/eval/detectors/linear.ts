// The two linear supervised detectors of loglizer, on tf-idf count vectors, trained in the primal by
// Newton's method with backtracking line search (the vocabulary is small, so the d x d Hessian is cheap):
//  - Logistic Regression: L2, C = 100 (loglizer's LR), intercept as a penalised feature (liblinear style);
//  - linear SVM: L2-regularised squared hinge, C = 1 (LinearSVC's loss; loglizer asks for an L1 penalty,
//    we keep L2, the LinearSVC default, so the objective stays twice differentiable — documented deviation).
import { EventCountFeatures } from '../features';
import { dot, solveSpd, type Mat, type Vec } from '../linalg';
import { distinctRows } from './invariants';
import { throwIfAborted, type Detector, type FitContext, type LabeledSequence } from './types';

export type LinearLoss = 'logistic' | 'squared-hinge';
export interface LinearParams { C: number; maxIter: number; tol: number }
export const LR_DEFAULTS: LinearParams = { C: 100, maxIter: 100, tol: 1e-6 };
export const SVM_DEFAULTS: LinearParams = { C: 1, maxIter: 100, tol: 1e-6 };

/** Trains w (last entry = bias) minimising 0.5|w|^2 + C * sum_i weight_i * loss(y_i * w.x_i). */
export function trainLinear(X: Mat, y: number[], weights: number[], loss: LinearLoss, p: LinearParams, signal?: AbortSignal): Vec {
  const d = (X[0]?.length ?? 0) + 1;
  const rows = X.map((x) => [...x, 1]);
  let w = new Array<number>(d).fill(0);
  const objective = (v: Vec): number => {
    let f = 0.5 * dot(v, v);
    rows.forEach((x, i) => {
      const m = y[i]! * dot(v, x);
      f += p.C * weights[i]! * (loss === 'logistic' ? softplus(-m) : Math.max(0, 1 - m) ** 2);
    });
    return f;
  };
  let g0 = 0;
  for (let iter = 0; iter < p.maxIter; iter++) {
    throwIfAborted(signal);
    const g = w.slice();
    const H: Mat = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (__, j) => (i === j ? 1 : 0)));
    rows.forEach((x, i) => {
      const m = y[i]! * dot(w, x);
      let gc: number, hc: number;
      if (loss === 'logistic') {
        const s = 1 / (1 + Math.exp(m)); // sigma(-m)
        gc = -p.C * weights[i]! * s * y[i]!;
        hc = p.C * weights[i]! * s * (1 - s);
      } else {
        if (m >= 1) return;
        gc = -2 * p.C * weights[i]! * (1 - m) * y[i]!;
        hc = 2 * p.C * weights[i]!;
      }
      for (let a = 0; a < d; a++) {
        const xa = x[a]!;
        if (xa === 0) continue;
        g[a]! += gc * xa;
        const Ha = H[a]!;
        for (let b = 0; b < d; b++) Ha[b]! += hc * xa * x[b]!;
      }
    });
    const gn = Math.sqrt(dot(g, g));
    if (iter === 0) g0 = gn;
    if (gn <= p.tol * Math.max(1, g0)) break;
    const step = solveSpd(H, g);
    const f = objective(w);
    const slope = dot(g, step);
    let t = 1;
    let next = w.map((v, i) => v - step[i]!);
    while (objective(next) > f - 1e-4 * t * slope && t > 1e-10) {
      t /= 2;
      next = w.map((v, i) => v - t * step[i]!);
    }
    w = next;
  }
  return w;
}

function softplus(z: number): number {
  return z > 30 ? z : Math.log1p(Math.exp(z));
}

export class LinearDetector implements Detector {
  readonly regime = 'supervised' as const;
  private features = new EventCountFeatures({ termWeighting: 'tf-idf' });
  w: Vec = [];

  constructor(readonly name: string, private readonly loss: LinearLoss, private readonly params: LinearParams) {}

  async fit(train: readonly LabeledSequence[], ctx: FitContext): Promise<void> {
    this.features = new EventCountFeatures({ termWeighting: 'tf-idf' });
    const X = this.features.fitTransform(train.map((s) => s.events));
    // Identical (vector, label) pairs are merged into one weighted row: same optimum, far fewer rows.
    const { rows, weights } = distinctRows(X.map((x, i) => [...x, train[i]!.anomaly ? 1 : -1]));
    this.w = trainLinear(rows.map((r) => r.slice(0, -1)), rows.map((r) => r[r.length - 1]!), weights, this.loss, this.params, ctx.signal);
  }

  decision(sequences: readonly (readonly string[])[]): number[] {
    return this.features.transform(sequences).map((x) => dot(this.w, [...x, 1]));
  }

  async predict(sequences: readonly (readonly string[])[]): Promise<boolean[]> {
    return this.decision(sequences).map((s) => s > 0);
  }
}

export const logisticRegression = (): Detector => new LinearDetector('LR', 'logistic', LR_DEFAULTS);
export const linearSvm = (): Detector => new LinearDetector('SVM', 'squared-hinge', SVM_DEFAULTS);
