// Keeps a data set from being flooded by one loop: paths with the same log sequence are one sequence, and
// sequences that differ only by how often a block of events repeats (A B B B C ~ A B C, A B C B C D ~ A B C D)
// are one sequence with a multiplicity.
import type { Path } from '../model';

export interface CompressedPath {
  /** The representative: the first path of its group in the input order. */
  path: Path;
  multiplicity: number;
}

export interface CompressOptions {
  /** Keep paths that end by an exception, or pass a catch/throw, apart from those that do not (default false). */
  separateExceptional?: boolean;
  /** Longest repeated block collapsed (default 32 events). */
  maxBlock?: number;
}

/** Groups paths by their loop-collapsed log sequence; groups keep the order of their first path. */
export function compressPaths(paths: Path[], opts: CompressOptions = {}): CompressedPath[] {
  const grouper = new PathGrouper(opts);
  for (const p of paths) grouper.add(p);
  return grouper.groups;
}

/** compressPaths one path at a time (paths judged as they are found). */
export class PathGrouper {
  private readonly maxBlock: number;
  private readonly codes = new Map<string, number>();
  private readonly byKey = new Map<string, CompressedPath>();
  /** The groups in the order of their first path. */
  readonly groups: CompressedPath[] = [];

  constructor(private readonly opts: CompressOptions = {}) {
    this.maxBlock = opts.maxBlock ?? 32;
  }

  /** Adds `p` to its group; true when it starts a new one (it is then the group's `path`). */
  add(p: Path): boolean {
    const seq = p.logIds.map((id) => {
      let c = this.codes.get(id);
      if (c === undefined) this.codes.set(id, (c = this.codes.size));
      return c;
    });
    let key = collapseRepeats(seq, this.maxBlock).join(',');
    if (this.opts.separateExceptional && isExceptional(p)) key += '!';
    const g = this.byKey.get(key);
    if (g) {
      g.multiplicity++;
      return false;
    }
    const group = { path: p, multiplicity: 1 };
    this.byKey.set(key, group);
    this.groups.push(group);
    return true;
  }
}

function isExceptional(p: Path): boolean {
  return p.raises || p.steps.some((s) => s.kind === 'catch' || s.kind === 'throw');
}

/**
 * Removes every immediate repetition of a block of 1..maxBlock events until none is left
 * (`x B B y` -> `x B y`), shortest blocks first, so the result is the same for any number of repetitions.
 */
export function collapseRepeats<T>(input: readonly T[], maxBlock = 32): T[] {
  const seq = input.slice();
  let changed = true;
  while (changed) {
    changed = false;
    for (let len = 1; len <= Math.min(maxBlock, seq.length >> 1); len++) {
      let i = 0;
      while (i + 2 * len <= seq.length) {
        let same = true;
        for (let k = 0; k < len; k++) {
          if (seq[i + k] !== seq[i + len + k]) { same = false; break; }
        }
        if (same) {
          seq.splice(i + len, len);
          changed = true;
        } else i++;
      }
    }
  }
  return seq;
}
