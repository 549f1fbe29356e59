#!/usr/bin/env node
// `npm run bench`: performance figures, printed, never asserted. Each area has a module in scripts/bench/
// exporting `run()`; `node scripts/bench.mjs index logs` runs only those.
import { readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const mods = readdirSync(join(here, 'bench')).filter((f) => f.endsWith('.mjs')).sort()
  .filter((f) => only.length === 0 || only.some((w) => f.includes(w)));
for (const f of mods) {
  console.log(`\n## ${f.replace(/\.mjs$/, '')}`);
  const t0 = Date.now();
  try {
    const mod = await import(pathToFileURL(join(here, 'bench', f)).href);
    await mod.run();
  } catch (e) {
    console.log(`  FAILED: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
  console.log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
