// Bookkeeping shared by the generation pipelines (code-guided and --no-static): the run's statistics and
// the session clock that keeps timestamps reproducible and the .log file in time order.
import type { GenerationStats, LogSequence } from '../model';
import type { Rng } from '../util/rng';

export function emptyStats(entries: number): GenerationStats {
  return {
    entries, pathsEnumerated: 0, pathsRejected: 0, rejectReasons: {},
    sequences: 0, normal: 0, anomaly: 0, seconds: 0, truncated: false,
  };
}

/** The reason class of a rejection ("contradiction", "unreachable catch", ...) for the summary table. */
export function reasonKind(reason: string): string {
  const i = reason.indexOf(':');
  return (i > 0 ? reason.slice(0, i) : reason).trim() || 'rejected';
}

/** Counts `n` rejected paths under the kind of `reason`. */
export function countRejection(stats: GenerationStats, reason: string, n = 1): void {
  stats.pathsRejected += n;
  const k = reasonKind(reason);
  stats.rejectReasons[k] = (stats.rejectReasons[k] ?? 0) + n;
}

/** Sets the label counts, the sequence count and the elapsed seconds from the final sequences. */
export function finishStats(stats: GenerationStats, sequences: readonly LogSequence[], t0: number): void {
  for (const s of sequences) {
    if (s.label === 'Anomaly') stats.anomaly++;
    else stats.normal++;
  }
  stats.sequences = sequences.length;
  stats.seconds = (performance.now() - t0) / 1000;
}

/** Sessions follow one another from a fixed epoch, a random pause apart (from the run's seeded Rng). */
export class SessionClock {
  private t = Date.UTC(2026, 0, 5, 9, 0, 0);
  get now(): number { return this.t; }
  /** The next session starts after the one that ended at `end`. */
  after(end: number, rng: Rng): void { this.t = end + 1000 + Math.floor(rng.next() * 60_000); }
}
