// The contract of the code-guided generation pipeline (implemented in generate.ts by the integrator).
// The CLI, the worker thread and the language server all call it the same way.
import type { GenerationStats, LogSequence, Verifier } from '../model';

export type ParamStyle = 'log4j' | 'hdfs';

export interface GenerateOptions {
  /** Entry method signatures (`Class:method(T1,T2)`, short or qualified class names). */
  entries: string[];
  depth: number; //        call depth bound (default 5)
  maxPaths: number; //     path budget per entry (default 2000)
  loopBound: number; //    loop bodies taken 0..k times (default 1)
  seed: number;
  /** Defaults to the embedded symbolic verifier. */
  verifier?: Verifier;
  /** Path of a user label-rules JSON file overriding the defaults. */
  labelRules?: string;
  paramStyle?: ParamStyle;
  /**
   * Observed transition counts between source event ids from real logs (`observedTransitionWeights` in
   * coverage/coverage.ts, `<START>`/`<END>` marking trace ends). When given, each entry's verified sequences are
   * scored by a smoothed bigram model of them (observed.ts) and ordered most-likely first; with `maxSequences`
   * only a weighted sample of that many per entry is kept (weight = exp(sharpness × mean log-probability)).
   */
  observed?: ObservedOptions;
  /**
   * Largest share of Anomaly sequences in the result (0..1). Code-guided paths are mostly exceptional (every call
   * in a try can raise into its catch), while detectors are trained on mostly normal data: when set, a seeded
   * sample of the anomalies is kept so that they make up at most this share. Normal sequences are all kept.
   */
  maxAnomalyShare?: number;
  signal?: AbortSignal;
  onProgress?(p: GenerateProgress): void;
}

export interface ObservedOptions {
  weights: Map<string, Map<string, number>>;
  maxSequences?: number;
  /** Weight exponent of the sample (default 1: the geometric-mean transition probability). */
  sharpness?: number;
  /** Add-k smoothing constant (default 0.1) and probability floor of unseen transitions (default 1e-3). */
  k?: number;
  floor?: number;
}

export interface GenerateProgress {
  entry: string;
  entriesDone: number;
  entriesTotal: number;
  enumerated: number;
  rejected: number;
  kept: number;
  llmCalls?: number;
  cacheHits?: number;
}

export interface GenerateResult {
  sequences: LogSequence[];
  stats: GenerationStats;
  /** True when cancelled: `sequences` holds what was generated until then. */
  cancelled: boolean;
}
