import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder holding the wasm files (tree-sitter runtime, Java grammar, sql.js). The extension bundle
 * (dist/), the CLI bundle (dist/), and the transpiled tests (out/src/...) all sit somewhere below the
 * package root, so walking up from this module finds the same `grammars/` for all of them.
 */
export function grammarsDir(): string {
  const fromEnv = process.env.LOGSYNTH_GRAMMARS;
  if (fromEnv && existsSync(join(fromEnv, 'tree-sitter-java.wasm'))) return fromEnv;
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'grammars');
    if (existsSync(join(candidate, 'tree-sitter-java.wasm'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error('LogSynth: grammars/tree-sitter-java.wasm not found; run `npm run build` (it copies the wasm files)');
}

export function assetPath(name: 'tree-sitter-java.wasm' | 'web-tree-sitter.wasm' | 'sql-wasm.wasm'): string {
  return join(grammarsDir(), name);
}
