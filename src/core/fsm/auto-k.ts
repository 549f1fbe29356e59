// Choosing k for k-tails. Small k generalizes most but forgets how long traces run (HDFS_100k: k = 2 turns the
// 80% of sessions of exactly 13 events into a geometric spread of lengths); large k keeps the shape but generalizes
// little. `auto` takes the smallest k in K_CANDIDATES whose machine reproduces the real trace-length distribution
// (two-sample KS <= maxKs on a seeded sample of walks), else the candidate with the smallest KS.
import type { Trace } from '../logs/traces';
import { synthesize } from '../synth/generate';
import { ks2 } from '../fidelity/metrics';
import { learnMachine, type LearnOptions } from './learn';
import type { StateMachine } from './types';

export const K_CANDIDATES = [2, 3, 4, 5, 6, 8] as const;

export interface AutoK {
  machine: StateMachine;
  k: number;
  /** KS of trace lengths for each k tried. */
  tried: { k: number; states: number; lengthKs: number }[];
}

export function learnMachineAutoK(traces: readonly Trace[], opts: Omit<LearnOptions, 'k'> & { maxKs?: number; sample?: number } = {}): AutoK {
  const maxKs = opts.maxKs ?? 0.05;
  const real = traces.map((t) => t.events.length);
  const tried: AutoK['tried'] = [];
  let best: { m: StateMachine; d: number } | undefined;
  for (const k of K_CANDIDATES) {
    const m = learnMachine(traces, { ...opts, k });
    const walks = synthesize(m, { traces: opts.sample ?? 1000, seed: 1 }).traces.map((t) => t.events.length);
    const d = ks2(real, walks);
    tried.push({ k, states: m.states.length, lengthKs: d });
    if (d <= maxKs) return { machine: m, k, tried };
    if (!best || d < best.d) best = { m, d };
  }
  return { machine: best!.m, k: best!.m.k, tried };
}
