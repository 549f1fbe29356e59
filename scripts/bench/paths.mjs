// Call graph, path enumeration, compression and symbolic verification figures (issue 2, steps 4-7), per
// stage, on the bundled sample and on real code (jetty9 from Debian sources, when it can be fetched).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const out = (p) => join(root, 'out', 'src', 'core', p);

function realCode() {
  try {
    const dest = execFileSync('bash', [join(root, 'scripts', 'fetch-real-code.sh'), 'jetty9'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return join(dest, 'src');
  } catch { return undefined; }
}

async function measure(label, dir, top) {
  const { WorkspaceIndex } = require(out('workspace/workspace-index.js'));
  const { buildCallGraph } = require(out('callgraph/callgraph.js'));
  const { enumeratePaths } = require(out('paths/enumerate.js'));
  const { compressPaths } = require(out('paths/compress.js'));
  const { SymbolicVerifier } = require(out('verify/symbolic.js'));
  const idx = await WorkspaceIndex.build(dir, {});
  let t = performance.now();
  const graph = buildCallGraph(idx);
  const graphS = (performance.now() - t) / 1000;
  const resolved = graph.edges.filter((e) => e.resolved).length;
  t = performance.now();
  const entries = graph.entries({ top, depth: 5 });
  const entriesS = (performance.now() - t) / 1000;
  console.log(`  ${label}: ${idx.methods.size} methods; call graph ${graphS.toFixed(2)} s (${graph.edges.length} call sites, ${(100 * resolved / Math.max(1, graph.edges.length)).toFixed(0)}% resolved); entries ${entriesS.toFixed(2)} s`);
  const files = new Map();
  const ctx = {
    logs: idx.logs, methods: idx.methods,
    methodSource: (id) => {
      const m = idx.methods.get(id);
      if (!m) return undefined;
      if (!files.has(m.loc.file)) files.set(m.loc.file, readFileSync(join(dir, m.loc.file), 'utf8').split('\n'));
      return files.get(m.loc.file).slice(m.startLine - 1, m.endLine).join('\n');
    },
  };
  let paths = 0, steps = 0, groups = 0, rejected = 0, enumS = 0, compressS = 0, verifyS = 0, truncated = 0;
  const verifier = new SymbolicVerifier();
  for (const e of entries) {
    t = performance.now();
    const r = enumeratePaths(e.methodId, idx, graph, { depth: 5, maxPaths: 2000, loopBound: 1, seed: 42 });
    enumS += (performance.now() - t) / 1000;
    paths += r.paths.length;
    if (r.truncated) truncated++;
    for (const p of r.paths) steps += p.steps.length;
    t = performance.now();
    const g = compressPaths(r.paths);
    compressS += (performance.now() - t) / 1000;
    groups += g.length;
    t = performance.now();
    const v = await verifier.verify(g.map((x) => x.path), ctx);
    verifyS += (performance.now() - t) / 1000;
    rejected += v.filter((x) => !x.consistent).length;
  }
  console.log(`    top ${entries.length} entries, depth 5, budget 2000 (${truncated} over budget): ${paths} paths (${Math.round(steps / Math.max(1, paths))} steps avg)`);
  console.log(`    enumerate ${enumS.toFixed(2)} s (${Math.round(paths / enumS)} paths/s); compress ${compressS.toFixed(2)} s -> ${groups} sequences; verify ${verifyS.toFixed(2)} s (${Math.round(groups / verifyS)} sequences/s, ${rejected} rejected)`);
}

export async function run() {
  await measure('examples/datanode', join(root, 'examples', 'datanode'), 50);
  const real = realCode();
  if (real) await measure('jetty9 (real)', real, 50);
  else console.log('  jetty9: not available (apt-get source failed); skipped');
}
