// Index and generation figures (issue 2): raw tree-sitter parse vs full index on a generated 400k-line
// corpus and on real code (jetty9 from Debian sources), peak memory, and generate throughput.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const out = (p) => join(root, 'out', 'src', 'core', p);

function ensureCorpus() {
  const dir = join(root, 'bench-corpus');
  if (!existsSync(join(dir, 'src'))) execFileSync(process.execPath, [join(root, 'scripts', 'gen-corpus.mjs'), dir, '400000'], { stdio: 'inherit' });
  return dir;
}

function realCode() {
  try {
    const dest = execFileSync('bash', [join(root, 'scripts', 'fetch-real-code.sh'), 'jetty9'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return join(dest, 'src');
  } catch { return undefined; }
}

/**
 * Measures one workload in a fresh process so peak RSS belongs to it alone. `--single-threaded` keeps V8's
 * garbage collection and compilation on the measured thread too: "on one core" is then literally true,
 * and the figures stop depending on what else the machine is doing with its other core.
 */
function child(kind, dir, extra = '', flags = []) {
  const r = execFileSync(process.execPath, [...flags, '--max-old-space-size=4096', fileURLToPath(import.meta.url), '--child', kind, dir, extra], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (kind !== 'index') return JSON.parse(r.trim().split('\n').pop());
  const j = JSON.parse(r);
  return { ...j, rssMB: j.runs[0].peakRssMB, warmSeconds: j.runs[1].seconds + j.runs[1].graphSeconds };
}

/** Runs parse and index alternately `reps` times; the best of each (noise only ever adds time). */
function bestOf(dir, reps, flags) {
  let p, i;
  const ps = [], is = [];
  for (let k = 0; k < reps; k++) {
    const pk = child('parse', dir, '', flags);
    const ik = child('index', dir, '', flags);
    ps.push(pk.seconds);
    is.push(ik.seconds + ik.graphSeconds);
    if (!p || pk.seconds < p.seconds) p = pk;
    if (!i || ik.seconds + ik.graphSeconds < i.seconds + i.graphSeconds) i = ik;
  }
  return { p, i, ps, is };
}

async function childMain(kind, dir, extra) {
  if (kind === 'index') {
    // The product itself: `logsynth index` from the CLI bundle (which applies its own V8 settings), timed by the
    // command's own timers. One thread: the target is stated per core (the pool would also make wall time
    // depend on the load). --repeat 2: the second build shows the same process warm, as the server re-indexes.
    const cli = join(root, 'dist', 'cli.js');
    if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');
    process.argv = [process.argv[0], cli, 'index', dir, '--json', '--workers', extra || '1', '--call-graph', '--repeat', '2'];
    require(cli);
    return;
  }
  // the V8 settings of the CLI and the language server (src/core/util/jit.ts), as in the index child
  require(out('util/jit.js')).tuneJit();
  if (kind === 'parse') {
    const { walkJavaFiles } = require(out('workspace/walk.js'));
    const { createJavaParser } = require(out('java/parser.js'));
    const { countLines } = require(out('java/strings.js'));
    // Both timers start before the folder walk (the index walks inside WorkspaceIndex.build) and both count
    // loading tree-sitter (the index creates its parser inside its timer): the difference is the index's work.
    const tp = performance.now();
    const files = await walkJavaFiles(dir, {});
    let lines = 0;
    const parser = await createJavaParser();
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8');
      lines += countLines(text);
      parser.parse(text)?.delete();
    }
    const s = (performance.now() - tp) / 1000;
    console.log(JSON.stringify({ files: files.length, lines, seconds: s, rssMB: process.resourceUsage().maxRSS / 1024 }));
  } else if (kind === 'generate') {
    const { WorkspaceIndex } = require(out('workspace/workspace-index.js'));
    const { buildCallGraph } = require(out('callgraph/callgraph.js'));
    const { generate } = require(out('pipeline/generate.js'));
    const idx = await WorkspaceIndex.build(dir, {});
    const graph = buildCallGraph(idx);
    const tg = performance.now();
    const entries = graph.entries({ top: Number(extra) || 50, depth: 5 }).map((e) => e.methodId);
    const r = await generate(idx, graph, { entries, depth: 5, maxPaths: 2000, loopBound: 1, seed: 42, sourceRoot: dir });
    const s = (performance.now() - tg) / 1000;
    // the export too, as `logsynth generate` writes it (all three formats), into a folder removed afterwards
    const { writeDataset } = require(out('export/dataset.js'));
    const { mkdtempSync, rmSync, statSync, readdirSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dest = mkdtempSync(join(tmpdir(), 'logsynth-bench-'));
    const te = performance.now();
    const templates = [...new Map([...idx.logs.values()].map((l) => [l.eventId, { eventId: l.eventId, template: l.template }])).values()];
    await writeDataset(join(dest, 'ds'), { name: 'jetty9', sequences: r.sequences, templates });
    const exportSeconds = (performance.now() - te) / 1000;
    const exportMB = readdirSync(join(dest, 'ds')).reduce((n, f) => n + statSync(join(dest, 'ds', f)).size, 0) / 1048576;
    rmSync(dest, { recursive: true, force: true });
    console.log(JSON.stringify({ entries: entries.length, ...r.stats, seconds: s, pathsPerSecond: r.stats.pathsEnumerated / s, exportSeconds, exportMB, rssMB: process.resourceUsage().maxRSS / 1024 }));
  }
}

export async function run() {
  const corpus = ensureCorpus();
  const targets = [['generated 400k', corpus]];
  const real = realCode();
  if (real) targets.push(['jetty9 (real)', real]);
  else console.log('  jetty9: not available (apt-get source failed); skipped');
  // this VM's speed drifts by up to ±30% from minute to minute: five alternating runs find its fast phases
  const reps = Number(process.env.BENCH_REPS) || 5;
  // Two readings of "on one core": the index on one thread, as the product runs it on this machine (see
  // defaultWorkers), and that thread with V8's own optimizing compiler and garbage collector on it too.
  const modes = [
    ['one thread (the product on this machine; V8 compiles and collects garbage on helper threads)', []],
    ['strictly one core (node --single-threaded: V8 compiles and collects garbage on the measured thread too)', ['--single-threaded']],
  ];
  const { JIT_FLAGS } = require(out('util/jit.js'));
  console.log(`  fresh process per run, with the CLI's V8 settings (${JIT_FLAGS.join(' ')}); best of ${reps} alternating parse/index runs (noise only ever adds time)`);
  const list = (xs) => xs.map((x) => x.toFixed(2)).join(', ');
  for (const [label, dir] of targets) {
    const indexed = [];
    let lines = 0;
    for (const [mode, flags] of modes) {
      const { p, i, ps, is } = bestOf(dir, reps, flags);
      indexed.push(i.seconds + i.graphSeconds);
      lines = p.lines;
      console.log(`  ${label} — ${mode}: ${p.files} files, ${p.lines} lines`);
      console.log(`    raw tree-sitter parse (walk, load, parse every file): ${p.seconds.toFixed(2)} s (${Math.round(p.lines / p.seconds)} lines/s; runs ${list(ps)}), peak RSS ${Math.round(p.rssMB)} MB`);
      const total = i.seconds + i.graphSeconds;
      console.log(`    full index (walk, parse, templates, LCFGs) ${i.seconds.toFixed(2)} s + call graph ${i.graphSeconds.toFixed(2)} s = ${total.toFixed(2)} s (runs ${list(is)}) = ${(total / p.seconds).toFixed(2)}x raw parse (target 2x), ${Math.round(p.lines / total)} lines/s; again in the same process ${i.warmSeconds.toFixed(2)} s = ${(i.warmSeconds / p.seconds).toFixed(2)}x; tree read via ${i.treeReader}; ${i.methods} methods, ${i.logStatements} log statements, ${i.templates} templates, ${i.problems.length} problems; peak RSS ${Math.round(i.rssMB)} MB`);
    }
    // Issue 2 states the floor as "about 110 thousand lines per second on one core"; this machine's raw parse,
    // measured above, is faster than that, so the ratios above are the stricter test.
    const floor = (2 * lines) / 110000;
    console.log(`    against the issue's stated floor (raw parse at 110k lines/s on one core): 2x = ${floor.toFixed(2)} s; full index ${indexed.map((x) => x.toFixed(2)).join(' s (one thread), ')} s (strictly one core)`);
  }
  // The pool: two index workers on this machine's two cores (the product's choice with three or more cores)
  for (const [label, dir] of targets) {
    let best;
    for (let k = 0; k < Math.min(reps, 3); k++) {
      const r = child('index', dir, '2');
      if (!best || r.seconds + r.graphSeconds < best.seconds + best.graphSeconds) best = r;
    }
    console.log(`  ${label} — two index workers (${best.threads} threads): ${(best.seconds + best.graphSeconds).toFixed(2)} s, peak RSS ${Math.round(best.rssMB)} MB (process, workers included)`);
  }
  if (real) {
    const g = child('generate', real, '50');
    console.log(`  jetty9 generate --all-entries --top 50 --depth 5: ${g.seconds.toFixed(2)} s (${Math.round(g.pathsPerSecond)} paths/s), ${g.pathsEnumerated} paths, ${g.pathsRejected} rejected, ${g.sequences} sequences (${g.normal} normal / ${g.anomaly} anomaly); export (loghub, JSON, SQLite) ${g.exportSeconds.toFixed(2)} s, ${Math.round(g.exportMB)} MB; peak RSS ${Math.round(g.rssMB)} MB`);
  }
}

if (process.argv[2] === '--child') await childMain(process.argv[3], process.argv[4], process.argv[5]);
