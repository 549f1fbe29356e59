// LogClustering (Lin et al., ICSE'16) after loglizer: tf-idf count vectors of Normal sessions are clustered
// by cosine distance (average-linkage agglomerative clustering cut at max_dist on the first
// `bootstrap` sessions, then online assignment of the rest); each cluster keeps its mean vector. A session
// farther than anomaly_threshold from every representative is an anomaly.
import { EventCountFeatures } from '../features';
import type { Vec } from '../linalg';
import { distinctRows } from './invariants';
import { throwIfAborted, type Detector, type FitContext, type LabeledSequence } from './types';

export interface LogClusteringParams { maxDist: number; anomalyThreshold: number; bootstrap: number }
export const LOGCLUSTERING_DEFAULTS: LogClusteringParams = { maxDist: 0.3, anomalyThreshold: 0.3, bootstrap: 1000 };

export function cosineDistance(a: Vec, b: Vec): number {
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < a.length; i++) { ab += a[i]! * b[i]!; aa += a[i]! * a[i]!; bb += b[i]! * b[i]!; }
  if (aa === 0 || bb === 0) return aa === bb ? 0 : 1;
  return 1 - ab / Math.sqrt(aa * bb);
}

export class LogClusteringDetector implements Detector {
  readonly name = 'LogClustering';
  readonly regime = 'normal-only' as const;
  private features = new EventCountFeatures({ termWeighting: 'tf-idf' });
  representatives: Vec[] = [];
  private sizes: number[] = [];

  constructor(private readonly params: LogClusteringParams = LOGCLUSTERING_DEFAULTS) {}

  async fit(train: readonly LabeledSequence[], ctx: FitContext): Promise<void> {
    this.features = new EventCountFeatures({ termWeighting: 'tf-idf' });
    // As loglizer's demo: the features (vocabulary, idf) come from the whole training split, the clusters
    // from its Normal sessions only — so an event seen only in anomalies still has a column.
    const all = this.features.fitTransform(train.map((s) => s.events));
    const X = all.filter((_, i) => !train[i]!.anomaly);
    const boot = X.slice(0, this.params.bootstrap);
    // Offline: weighted average linkage over the distinct bootstrap vectors (identical rows are distance 0).
    const { rows, weights } = distinctRows(boot);
    const clusters = rows.map((r, i) => ({ members: [i], weight: weights[i]! }));
    const D = rows.map((a) => rows.map((b) => cosineDistance(a, b)));
    // dist[i][j] between current clusters, maintained with the Lance-Williams average-linkage update.
    const alive = clusters.map(() => true);
    for (;;) {
      throwIfAborted(ctx.signal);
      let bi = -1, bj = -1, best = Infinity;
      for (let i = 0; i < clusters.length; i++) {
        if (!alive[i]) continue;
        for (let j = i + 1; j < clusters.length; j++) {
          if (alive[j] && D[i]![j]! < best) { best = D[i]![j]!; bi = i; bj = j; }
        }
      }
      if (bi < 0 || best > this.params.maxDist) break;
      const wi = clusters[bi]!.weight, wj = clusters[bj]!.weight;
      for (let k = 0; k < clusters.length; k++) {
        if (!alive[k] || k === bi || k === bj) continue;
        const v = (wi * D[bi]![k]! + wj * D[bj]![k]!) / (wi + wj);
        D[bi]![k] = v; D[k]![bi] = v;
      }
      clusters[bi] = { members: [...clusters[bi]!.members, ...clusters[bj]!.members], weight: wi + wj };
      alive[bj] = false;
    }
    this.representatives = [];
    this.sizes = [];
    clusters.forEach((c, i) => {
      if (!alive[i]) return;
      const rep = new Array<number>(this.features.dims).fill(0);
      for (const m of c.members) for (let j = 0; j < rep.length; j++) rep[j]! += (rows[m]![j]! * weights[m]!) / c.weight;
      this.representatives.push(rep);
      this.sizes.push(c.weight);
    });
    // Online: the remaining sessions join their nearest cluster (updating its mean) or open a new one.
    for (let i = boot.length; i < X.length; i++) {
      const x = X[i]!;
      const [k, dist] = this.nearest(x);
      if (k >= 0 && dist <= this.params.maxDist) {
        const rep = this.representatives[k]!, n = this.sizes[k]!;
        for (let j = 0; j < rep.length; j++) rep[j] = (rep[j]! * n + x[j]!) / (n + 1);
        this.sizes[k] = n + 1;
      } else { this.representatives.push(x.slice()); this.sizes.push(1); }
    }
  }

  private nearest(x: Vec): [number, number] {
    let best = -1, dist = Infinity;
    this.representatives.forEach((r, k) => { const d = cosineDistance(x, r); if (d < dist) { dist = d; best = k; } });
    return [best, dist];
  }

  async predict(sequences: readonly (readonly string[])[]): Promise<boolean[]> {
    return this.features.transform(sequences).map((x) => this.nearest(x)[1] > this.params.anomalyThreshold);
  }
}
