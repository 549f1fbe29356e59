import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The LogSynth package root (where package.json names "logsynth"), found by walking up from this module. */
export function repoRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 10; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try { if (JSON.parse(readFileSync(pkg, 'utf8')).name === 'logsynth') return dir; } catch { /* keep walking */ }
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error('LogSynth: package root not found');
}

/** `../shared` beside the repository (real Loghub data, recipes), or $LOGSYNTH_SHARED. */
export function sharedDir(): string {
  return process.env.LOGSYNTH_SHARED ?? join(repoRoot(), '..', 'shared');
}
