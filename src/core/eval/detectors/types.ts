// The contract every detector of the bench implements. A detector sees sessions as event-id sequences
// (already mapped onto the real data's vocabulary) and answers, per session, "anomalous or not".
import type { Rng } from '../../util/rng';

export interface LabeledSequence {
  events: readonly string[];
  anomaly: boolean;
}

/** What the training data means to a detector family. */
export type TrainingRegime =
  /** Uses the labels (LR, DT, SVM). */
  | 'supervised'
  /** Ignores labels and sees the whole training split, anomalies included, as loglizer's PCA / IM / iForest demos do. */
  | 'unlabeled'
  /** Trained on the Normal sessions only (LogClustering, next-event models, as in deep-loglizer). */
  | 'normal-only';

export interface FitContext {
  rng: Rng;
  signal?: AbortSignal;
  /** Free-text progress within one fit (epochs, ...). */
  onProgress?(message: string): void;
}

export interface Detector {
  readonly name: string;
  readonly regime: TrainingRegime;
  fit(train: readonly LabeledSequence[], ctx: FitContext): Promise<void>;
  /** true = anomaly, one answer per sequence. */
  predict(sequences: readonly (readonly string[])[]): Promise<boolean[]>;
  /** Releases native / tensor memory (neural models). */
  dispose?(): void;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  // Always our AbortError (whatever the abort reason), so callers can tell cancellation from failure.
  if (signal?.aborted) throw new AbortError();
}

export class AbortError extends Error {
  constructor() { super('evaluation cancelled'); this.name = 'AbortError'; }
}
