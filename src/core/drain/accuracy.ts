// Grouping accuracy as defined by the log-parsing benchmark (Zhu et al., ICSE-SEIP 2019, logparser/evaluator.py):
// a message is parsed correctly iff the set of messages in its predicted group is exactly the set of messages in
// its ground-truth group. Labels are opaque strings (event ids or templates); only the partition matters.

export interface GroupingScore {
  accuracy: number;
  /** Messages counted as correctly grouped. */
  correct: number;
  total: number;
  /** Predicted groups that equal a ground-truth group. */
  exactGroups: number;
  predictedGroups: number;
  truthGroups: number;
}

export function groupingAccuracy(truth: readonly string[], predicted: readonly string[]): GroupingScore {
  if (truth.length !== predicted.length) throw new Error(`grouping accuracy: ${truth.length} truth labels but ${predicted.length} predictions`);
  const truthSize = new Map<string, number>();
  for (const t of truth) truthSize.set(t, (truthSize.get(t) ?? 0) + 1);
  // For each predicted group: its size and the single truth label all its members share (or null if mixed).
  const groups = new Map<string, { size: number; truth: string | null }>();
  for (let i = 0; i < truth.length; i++) {
    const g = groups.get(predicted[i]!);
    if (!g) groups.set(predicted[i]!, { size: 1, truth: truth[i]! });
    else { g.size++; if (g.truth !== truth[i]) g.truth = null; }
  }
  let correct = 0;
  let exactGroups = 0;
  for (const g of groups.values()) {
    if (g.truth !== null && truthSize.get(g.truth) === g.size) { correct += g.size; exactGroups++; }
  }
  return {
    accuracy: truth.length ? correct / truth.length : 1,
    correct, total: truth.length, exactGroups, predictedGroups: groups.size, truthGroups: truthSize.size,
  };
}
