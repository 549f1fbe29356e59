// V8 settings for LogSynth's own processes (the CLI and the language server, whose worker threads share them).
import { setFlagsFromString } from 'node:v8';

/**
 * A smaller TurboFan inlining budget (default 920 bytecodes per compiled function; here 200).
 *
 * Why: indexing a source tree runs a lot of distinct code (parser glue, the indexer, the LCFG builder, the
 * call graph) for a few seconds, so it is dominated by warm-up: measured on jetty9 (1,652 files), V8 spent
 * 2.5 s of CPU compiling optimized code during a 2.8 s index, on the machine's other core, or on the same
 * core when there is only one. With this budget it spent 1.1–1.7 s, the index took 10–15% less time on strictly
 * one core (a few percent, within this machine's noise, with a core to spare), and steady-state speed (a second
 * index in the same process, path generation) was unchanged. `npm run bench` runs its children with it too.
 */
export const JIT_FLAGS: readonly string[] = ['--max-inlined-bytecode-size-cumulative=200'];

let applied = false;

/** Applies JIT_FLAGS to this process; call first thing in an entry point (code compiled before keeps its budget). */
export function tuneJit(): void {
  if (applied) return;
  applied = true;
  for (const f of JIT_FLAGS) setFlagsFromString(f);
}
