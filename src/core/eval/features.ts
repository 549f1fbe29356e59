// loglizer's FeatureExtractor: session -> event-count vector over the training vocabulary, optionally
// tf-idf weighted and zero-mean normalised. Events never seen in training are dropped at transform time,
// exactly as loglizer does (a count model cannot have a weight for a column it never saw).

import type { Mat } from './linalg';

export interface FeatureOptions {
  termWeighting?: 'none' | 'tf-idf';
  normalization?: 'none' | 'zero-mean';
}

export class EventCountFeatures {
  readonly events: string[] = [];
  private readonly index = new Map<string, number>();
  private idf: number[] | undefined;
  private meanVec: number[] | undefined;

  constructor(private readonly opts: FeatureOptions = {}) {}

  get dims(): number { return this.events.length; }

  fitTransform(sequences: readonly (readonly string[])[]): Mat {
    for (const seq of sequences) for (const e of seq) {
      if (!this.index.has(e)) { this.index.set(e, this.events.length); this.events.push(e); }
    }
    const X = this.counts(sequences);
    const n = X.length;
    if (this.opts.termWeighting === 'tf-idf') {
      const df = new Array<number>(this.dims).fill(0);
      for (const row of X) row.forEach((v, j) => { if (v > 0) df[j]!++; });
      // loglizer: idf = log(N / (df + 1e-8))
      this.idf = df.map((d) => Math.log(n / (d + 1e-8)));
      for (const row of X) for (let j = 0; j < row.length; j++) row[j]! *= this.idf[j]!;
    }
    if (this.opts.normalization === 'zero-mean') {
      const m = new Array<number>(this.dims).fill(0);
      for (const row of X) for (let j = 0; j < row.length; j++) m[j]! += row[j]! / n;
      this.meanVec = m;
      for (const row of X) for (let j = 0; j < row.length; j++) row[j]! -= m[j]!;
    }
    return X;
  }

  transform(sequences: readonly (readonly string[])[]): Mat {
    const X = this.counts(sequences);
    if (this.idf) for (const row of X) for (let j = 0; j < row.length; j++) row[j]! *= this.idf[j]!;
    if (this.meanVec) for (const row of X) for (let j = 0; j < row.length; j++) row[j]! -= this.meanVec[j]!;
    return X;
  }

  private counts(sequences: readonly (readonly string[])[]): Mat {
    return sequences.map((seq) => {
      const row = new Array<number>(this.dims).fill(0);
      for (const e of seq) { const j = this.index.get(e); if (j !== undefined) row[j]!++; }
      return row;
    });
  }
}
