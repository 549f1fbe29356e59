// The detectors of the bench by name, in report order. Hyper-parameters are fixed per family (see the
// *_DEFAULTS constants and README.md); nothing is tuned on the test split.
import { DecisionTreeDetector } from './dtree';
import { IsolationForestDetector } from './iforest';
import { InvariantMiningDetector } from './invariants';
import { linearSvm, logisticRegression } from './linear';
import { LogClusteringDetector } from './logclustering';
import { LSTM_DEFAULTS, LstmDetector, TRANSFORMER_DEFAULTS, TransformerDetector } from './neural';
import { NGRAM_DEFAULTS, NgramDetector } from './nextevent';
import { PcaDetector } from './pca';
import type { Detector } from './types';

/** The few settings a user may change for a whole run (everything else is fixed per family). */
export interface DetectorOptions {
  /** Next-event models: a fixed top-g, or 'auto' (chosen on a validation slice of the training split). */
  topG?: number | 'auto';
}

export interface DetectorInfo {
  name: string;
  family: 'count-unsupervised' | 'count-supervised' | 'next-event';
  neural: boolean;
  aliases: string[];
  create(opts?: DetectorOptions): Detector;
}

const g = (o: DetectorOptions | undefined) => (o?.topG !== undefined ? { topG: o.topG } : {});

export const DETECTORS: readonly DetectorInfo[] = [
  { name: 'PCA', family: 'count-unsupervised', neural: false, aliases: ['pca'], create: () => new PcaDetector() },
  { name: 'InvariantsMiner', family: 'count-unsupervised', neural: false, aliases: ['im', 'invariants', 'invariantsminer'], create: () => new InvariantMiningDetector() },
  { name: 'LogClustering', family: 'count-unsupervised', neural: false, aliases: ['logclustering', 'lc'], create: () => new LogClusteringDetector() },
  { name: 'IsolationForest', family: 'count-unsupervised', neural: false, aliases: ['isolationforest', 'iforest', 'if'], create: () => new IsolationForestDetector() },
  { name: 'LR', family: 'count-supervised', neural: false, aliases: ['lr', 'logisticregression'], create: logisticRegression },
  { name: 'DecisionTree', family: 'count-supervised', neural: false, aliases: ['decisiontree', 'dt'], create: () => new DecisionTreeDetector() },
  { name: 'SVM', family: 'count-supervised', neural: false, aliases: ['svm', 'linearsvm'], create: linearSvm },
  { name: 'NGram', family: 'next-event', neural: false, aliases: ['ngram', 'markov', 'n-gram'], create: (o) => new NgramDetector({ ...NGRAM_DEFAULTS, ...g(o) }) },
  { name: 'DeepLog', family: 'next-event', neural: true, aliases: ['deeplog', 'lstm'], create: (o) => new LstmDetector({ ...LSTM_DEFAULTS, ...g(o) }) },
  { name: 'Transformer', family: 'next-event', neural: true, aliases: ['transformer'], create: (o) => new TransformerDetector({ ...TRANSFORMER_DEFAULTS, ...g(o) }) },
];

/** `all`, `fast` (everything but the neural models), or a comma list of names / aliases (case-insensitive). */
export function selectDetectors(spec: string | readonly string[]): DetectorInfo[] {
  const words = (typeof spec === 'string' ? spec.split(',') : spec).map((w) => w.trim().toLowerCase()).filter(Boolean);
  if (words.length === 0 || words.includes('all')) return [...DETECTORS];
  const chosen = new Set<DetectorInfo>();
  for (const w of words) {
    if (w === 'fast') { DETECTORS.filter((d) => !d.neural).forEach((d) => chosen.add(d)); continue; }
    const d = DETECTORS.find((x) => x.name.toLowerCase() === w || x.aliases.includes(w));
    if (!d) throw new Error(`unknown model '${w}' (known: all, fast, ${DETECTORS.map((x) => x.name).join(', ')})`);
    chosen.add(d);
  }
  return DETECTORS.filter((d) => chosen.has(d));
}
