// LCFG figures (issue 2, step 3): what building the per-method graphs adds to indexing the generated
// 400k-line corpus (index with and without LCFGs, same process, parse measured alone for reference),
// and the size of the graphs. Printed, never asserted.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const out = (p) => join(root, 'out', 'src', 'core', p);

export async function run() {
  const dir = join(root, 'bench-corpus');
  if (!existsSync(join(dir, 'src'))) execFileSync(process.execPath, [join(root, 'scripts', 'gen-corpus.mjs'), dir, '400000'], { stdio: 'inherit' });
  const { createJavaParser } = require(out('java/parser.js'));
  const { indexSource } = require(out('java/index-file.js'));
  const { walkJavaFiles } = require(out('workspace/walk.js'));
  const files = await walkJavaFiles(dir, {});
  const texts = files.map((f) => readFileSync(join(dir, f), 'utf8'));
  const lines = texts.reduce((n, t) => n + t.split('\n').length, 0);
  const parser = await createJavaParser();
  // CPU seconds of this process (user + system): steadier than wall time on a shared machine.
  const time = (fn) => { const c = process.cpuUsage(); fn(); const d = process.cpuUsage(c); return (d.user + d.system) / 1e6; };
  try {
    const parse = time(() => { for (const t of texts) parser.parse(t)?.delete(); });
    const without = time(() => { texts.forEach((t, i) => indexSource(files[i], t, parser, { lcfgs: false })); });
    let graphs = 0, nodes = 0, edges = 0, degraded = 0, biggest = 0;
    const withL = time(() => {
      texts.forEach((t, i) => {
        for (const g of indexSource(files[i], t, parser, {}).lcfgs) {
          graphs++; nodes += g.nodes.length; edges += g.edges.length; biggest = Math.max(biggest, g.nodes.length);
          if (g.degraded) degraded++;
        }
      });
    });
    const f = (x) => x.toFixed(2);
    console.log(`  corpus: ${files.length} files, ${lines} lines`);
    console.log(`  CPU seconds: parse alone ${f(parse)} s; index without LCFGs ${f(without)} s; with LCFGs ${f(withL)} s`);
    console.log(`  LCFG share ${f(withL - without)} s = ${f((withL - without) / parse)}x parse time (${Math.round(lines / Math.max(withL - without, 1e-9))} lines/s)`);
    console.log(`  ${graphs} graphs, ${nodes} nodes, ${edges} edges (${f(nodes / graphs)} nodes/method, largest ${biggest}), degraded ${degraded}`);
  } finally {
    parser.delete();
  }
}
