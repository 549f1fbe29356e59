// Distributions kept as quantiles: small in JSON, faithful enough to sample from (inverse CDF with linear
// interpolation between quantiles), and what a KS comparison needs.
import type { Rng } from '../util/rng';
import type { Distribution } from './types';

export const QUANTILES = 21;

export function distributionOf(values: readonly number[], quantiles = QUANTILES): Distribution | undefined {
  if (values.length === 0) return undefined;
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  let sum = 0;
  for (const v of sorted) sum += v;
  const mean = sum / n;
  let sq = 0;
  for (const v of sorted) sq += (v - mean) ** 2;
  const q: number[] = [];
  for (let i = 0; i < quantiles; i++) q.push(quantileSorted(sorted, i / (quantiles - 1)));
  return { n, mean, std: Math.sqrt(sq / n), min: sorted[0]!, max: sorted[n - 1]!, quantiles: q };
}

function quantileSorted(sorted: Float64Array, p: number): number {
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function sampleDistribution(d: Distribution, rng: Rng): number {
  const q = d.quantiles;
  if (q.length === 1) return q[0]!;
  const pos = rng.next() * (q.length - 1);
  const lo = Math.floor(pos);
  return q[lo]! + (q[Math.min(lo + 1, q.length - 1)]! - q[lo]!) * (pos - lo);
}
