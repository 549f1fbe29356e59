// Distribution distances used by the fidelity report.

/** Jensen-Shannon divergence (base 2, so in [0, 1]) of two frequency tables over any keys (counts or probabilities). */
export function jsd(p: ReadonlyMap<string, number>, q: ReadonlyMap<string, number>): number {
  let sp = 0, sq = 0;
  for (const v of p.values()) sp += v;
  for (const v of q.values()) sq += v;
  if (sp === 0 && sq === 0) return 0;
  if (sp === 0 || sq === 0) return 1;
  let d = 0;
  for (const k of new Set([...p.keys(), ...q.keys()])) {
    const a = (p.get(k) ?? 0) / sp;
    const b = (q.get(k) ?? 0) / sq;
    const m = (a + b) / 2;
    if (a > 0) d += 0.5 * a * Math.log2(a / m);
    if (b > 0) d += 0.5 * b * Math.log2(b / m);
  }
  return Math.max(0, Math.min(1, d));
}

/** Two-sample Kolmogorov-Smirnov statistic: the largest gap between the two empirical CDFs. */
export function ks2(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 0 : 1;
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  let i = 0, j = 0, d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i]!, y[j]!);
    while (i < x.length && x[i] === v) i++;
    while (j < y.length && y[j] === v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}

export function countMap(keys: Iterable<string>): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}
