// Small dense linear algebra for the count-matrix detectors. Event vocabularies are tens of columns,
// so plain arrays and O(d^3) algorithms are fast enough and keep the bench free of native deps.

export type Vec = number[];
export type Mat = number[][];

export function zeros(rows: number, cols: number): Mat {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
}

export function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** X^T X / divisor, the (uncentred) scatter matrix loglizer decomposes. */
export function gram(X: Mat, divisor = 1): Mat {
  const d = X[0]?.length ?? 0;
  const G = zeros(d, d);
  for (const row of X) {
    for (let i = 0; i < d; i++) {
      const ri = row[i]!;
      if (ri === 0) continue;
      const Gi = G[i]!;
      for (let j = i; j < d; j++) Gi[j]! += ri * row[j]!;
    }
  }
  for (let i = 0; i < d; i++) for (let j = i; j < d; j++) { G[i]![j]! /= divisor; G[j]![i] = G[i]![j]!; }
  return G;
}

export interface Eigen {
  /** Eigenvalues, descending. */
  values: number[];
  /** vectors[k] is the unit eigenvector of values[k]. */
  vectors: number[][];
}

/** Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations (exact enough for d <= ~100). */
export function symmetricEigen(A: Mat): Eigen {
  const n = A.length;
  const a = A.map((r) => r.slice());
  const v = zeros(n, n);
  for (let i = 0; i < n; i++) v[i]![i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p]![q]! * a[p]![q]!;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]![q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k]![p]!, akq = a[k]![q]!;
          a[k]![p] = c * akp - s * akq;
          a[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]![k]!, aqk = a[q]![k]!;
          a[p]![k] = c * apk - s * aqk;
          a[q]![k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k]![p]!, vkq = v[k]![q]!;
          v[k]![p] = c * vkp - s * vkq;
          v[k]![q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j]![j]! - a[i]![i]!);
  return { values: order.map((i) => a[i]![i]!), vectors: order.map((i) => v.map((row) => row[i]!)) };
}

/** Solves A x = b for symmetric positive-definite A (Cholesky); adds a tiny ridge if A is near-singular. */
export function solveSpd(A: Mat, b: Vec): Vec {
  const n = A.length;
  for (let ridge = 0; ; ridge = ridge === 0 ? 1e-10 : ridge * 100) {
    const L = zeros(n, n);
    let ok = true;
    for (let i = 0; i < n && ok; i++) {
      for (let j = 0; j <= i; j++) {
        let s = A[i]![j]! + (i === j ? ridge : 0);
        for (let k = 0; k < j; k++) s -= L[i]![k]! * L[j]![k]!;
        if (i === j) {
          if (s <= 0) { ok = false; break; }
          L[i]![i] = Math.sqrt(s);
        } else L[i]![j] = s / L[j]![j]!;
      }
    }
    if (!ok) { if (ridge > 1e6) throw new Error('solveSpd: matrix is not positive definite'); continue; }
    const y = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) { let s = b[i]!; for (let k = 0; k < i; k++) s -= L[i]![k]! * y[k]!; y[i] = s / L[i]![i]!; }
    const x = new Array<number>(n).fill(0);
    for (let i = n - 1; i >= 0; i--) { let s = y[i]!; for (let k = i + 1; k < n; k++) s -= L[k]![i]! * x[k]!; x[i] = s / L[i]![i]!; }
    return x;
  }
}
