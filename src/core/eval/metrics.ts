// Session-level detection metrics (the anomaly class is the positive class, as in loglizer / deep-loglizer).

export interface Confusion { tp: number; fp: number; tn: number; fn: number }
export interface Prf { precision: number; recall: number; f1: number }

export function confusion(truth: readonly boolean[], predicted: readonly boolean[]): Confusion {
  if (truth.length !== predicted.length) throw new Error(`confusion: ${truth.length} labels but ${predicted.length} predictions`);
  const c: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < truth.length; i++) {
    if (predicted[i]) { if (truth[i]) c.tp++; else c.fp++; } else if (truth[i]) c.fn++; else c.tn++;
  }
  return c;
}

/** Precision, recall and F1; a ratio with an empty denominator is 0 (sklearn's zero_division=0). */
export function prf(c: Confusion): Prf {
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export function score(truth: readonly boolean[], predicted: readonly boolean[]): Prf {
  return prf(confusion(truth, predicted));
}

export function mean(xs: readonly number[]): number {
  return xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Sample standard deviation (n-1); 0 for a single value, so one seed reports no spread rather than NaN. */
export function std(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) * (x - m), 0) / (xs.length - 1));
}
