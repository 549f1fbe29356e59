// The evaluation bench's detectors as the extension offers them in its quick pick. The extension must not
// import the registry (src/core/eval/detectors/registry.ts): that would bundle TensorFlow.js into the
// extension host. eval-models.test.ts checks this list against the registry.
export interface EvalModelChoice {
  name: string;
  /** Takes minutes on HDFS_100k (TensorFlow.js): left out of `fast`. */
  neural: boolean;
  description: string;
}

export const EVAL_MODELS: readonly EvalModelChoice[] = [
  { name: 'PCA', neural: false, description: 'event-count matrix, unsupervised' },
  { name: 'InvariantsMiner', neural: false, description: 'event-count matrix, unsupervised' },
  { name: 'LogClustering', neural: false, description: 'event-count matrix, unsupervised' },
  { name: 'IsolationForest', neural: false, description: 'event-count matrix, unsupervised' },
  { name: 'LR', neural: false, description: 'event-count matrix, supervised' },
  { name: 'DecisionTree', neural: false, description: 'event-count matrix, supervised' },
  { name: 'SVM', neural: false, description: 'event-count matrix, supervised' },
  { name: 'NGram', neural: false, description: 'next event, n-gram / Markov' },
  { name: 'DeepLog', neural: true, description: 'next event, LSTM (minutes)' },
  { name: 'Transformer', neural: true, description: 'next event, Transformer (minutes)' },
];
