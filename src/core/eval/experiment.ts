// The experiment of the bench: every detector trained on the real training split alone ("real") and on
// the real split plus each synthetic data set (and all of them together, and naive oversampling of rare
// real sessions as the control), each variant evaluated on the same real test split, for several seeds.
import type { Session } from './data';
import { DETECTORS, type DetectorInfo, type DetectorOptions } from './detectors/registry';
import { AbortError, throwIfAborted, type LabeledSequence } from './detectors/types';
import { score } from './metrics';
import { createRng, type Rng } from '../util/rng';

/** One way of training: the real split plus `extra(seed)` sessions (none for `real`). */
export interface TrainingVariant {
  name: string;
  /** Sessions added to the real training split, for this seed (synthetic sets may be subsampled). */
  extra(seed: number): Session[];
}

export interface ExperimentInput {
  dataset: string;
  train: Session[];
  test: Session[];
  variants: TrainingVariant[];
  models: DetectorInfo[];
  seeds: number;
  detectorOptions?: DetectorOptions;
}

export interface RunResult {
  dataset: string;
  model: string;
  training: string;
  seed: number;
  precision: number;
  recall: number;
  f1: number;
  /** Sessions the detector was given (after the regime's filtering) and seconds to train + predict. */
  trainSessions: number;
  seconds: number;
}

export interface EvalProgress {
  done: number;
  total: number;
  model: string;
  training: string;
  seed: number;
  message: string;
}

export interface EvalCallbacks {
  signal?: AbortSignal;
  onProgress?(p: EvalProgress): void;
}

export interface ExperimentResult {
  rows: RunResult[];
  /** True when stopped by the signal: `rows` holds the runs finished until then. */
  cancelled: boolean;
}

export const REAL = 'real';

const toLabeled = (s: Session): LabeledSequence => ({ events: s.events, anomaly: s.label === 'Anomaly' });

export async function runExperiment(input: ExperimentInput, cb: EvalCallbacks = {}): Promise<ExperimentResult> {
  const rows: RunResult[] = [];
  const total = input.seeds * input.variants.length * input.models.length;
  let done = 0;
  const truth = input.test.map((s) => s.label === 'Anomaly');
  const testSeqs = input.test.map((s) => s.events);
  try {
    for (let seed = 0; seed < input.seeds; seed++) {
      for (const variant of input.variants) {
        throwIfAborted(cb.signal);
        const extra = variant.extra(seed);
        for (const info of input.models) {
          throwIfAborted(cb.signal);
          const rng = createRng(`eval:${seed}:${variant.name}:${info.name}`);
          const train = trainingSet(input.train, extra, info, rng);
          const report = (message: string) => cb.onProgress?.({ done, total, model: info.name, training: variant.name, seed, message });
          report(`seed ${seed} ${variant.name} ${info.name}: training on ${train.length} sessions`);
          const t0 = performance.now();
          const detector = info.create(input.detectorOptions);
          let predicted: boolean[];
          try {
            await detector.fit(train, { rng, signal: cb.signal, onProgress: report });
            throwIfAborted(cb.signal);
            predicted = await detector.predict(testSeqs);
          } finally {
            detector.dispose?.();
          }
          const m = score(truth, predicted);
          rows.push({
            dataset: input.dataset, model: info.name, training: variant.name, seed, ...m,
            trainSessions: train.length, seconds: (performance.now() - t0) / 1000,
          });
          done++;
          report(`seed ${seed} ${variant.name} ${info.name}: P ${m.precision.toFixed(3)} R ${m.recall.toFixed(3)} F1 ${m.f1.toFixed(3)}`);
        }
      }
    }
  } catch (e) {
    if (e instanceof AbortError || cb.signal?.aborted) return { rows, cancelled: true };
    throw e;
  }
  return { rows, cancelled: false };
}

/**
 * What a detector trains on. Supervised models get every added session with its label. Label-blind and
 * normal-only models get the added Normal sessions only: the real split is used as it comes (unlabeled
 * production logs contain some anomalies, as in loglizer's protocol), but knowingly feeding them labeled
 * synthetic anomalies would only contaminate them. The order is shuffled per seed (LogClustering and the
 * neural models are order-sensitive), so the seed spread includes that effect.
 */
function trainingSet(real: Session[], extra: Session[], info: DetectorInfo, rng: Rng): LabeledSequence[] {
  const supervised = info.family === 'count-supervised';
  const added = supervised ? extra : extra.filter((s) => s.label === 'Normal');
  return rng.shuffle([...real, ...added].map(toLabeled));
}

/** Every detector of the bench, in report order. */
export function allModels(): DetectorInfo[] { return [...DETECTORS]; }
