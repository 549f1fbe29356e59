// From-logs figures (issue 5): Drain throughput on HDFS_2k replicated to 2 million lines (streamed from a temp file)
// with peak memory at 200k and 2M lines (flat = bounded by the template count, not the input), a 2 GiB sparse
// file streamed end to end, state-machine recovery on HDFS_100k sessions, and 100k synthetic traces.
// Each workload runs in its own process so its peak RSS is its own. Printed, never asserted.
import { execFileSync } from 'node:child_process';
import { closeSync, createWriteStream, ftruncateSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const core = (p) => require(join(root, 'out', 'src', 'core', p));
const data = join(root, '..', 'shared', 'data');

async function replicate(file, copies, dest) {
  const text = readFileSync(file);
  const out = createWriteStream(dest);
  for (let i = 0; i < copies; i++) if (!out.write(text)) await once(out, 'drain');
  out.end();
  await once(out, 'close');
}

function child(kind, ...args) {
  const r = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', kind, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(r.trim().split('\n').pop());
}

const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function childMain(kind, args) {
  const { compileFormat, LOG_PRESETS } = core('logs/format.js');
  const { parseLogFile } = core('logs/parse-log.js');
  if (kind === 'drain') {
    const p = LOG_PRESETS.hdfs;
    const t0 = performance.now();
    const parsed = await parseLogFile(args[0], { format: compileFormat(p.format), drain: p.drain });
    const s = (performance.now() - t0) / 1000;
    return { lines: parsed.read.lines, templates: parsed.templates.length, seconds: s, linesPerSecond: parsed.read.lines / s, peakMb: peakMb() };
  }
  if (kind === 'sparse') {
    const { readLogLines, newReadStats } = core('logs/ingest.js');
    const stats = newReadStats();
    const t0 = performance.now();
    for await (const _ of readLogLines(args[0], {}, stats)) { /* count only */ }
    return { bytes: stats.bytes, lines: stats.lines, cut: stats.cutLines, seconds: (performance.now() - t0) / 1000, peakMb: peakMb() };
  }
  if (kind === 'fsm') {
    const { tracesFromSessionsCsv } = core('logs/traces.js');
    const { learnMachine } = core('fsm/learn.js');
    const { learnMachineAutoK } = core('fsm/auto-k.js');
    const { synthesize } = core('synth/generate.js');
    const set = tracesFromSessionsCsv(readFileSync(join(data, 'hdfs', 'HDFS_100k_sessions.csv'), 'utf8'), readFileSync(join(data, 'hdfs', 'HDFS_100k_templates.csv'), 'utf8'));
    let t0 = performance.now();
    const m6 = learnMachine(set.traces, { k: 6, templates: set.templates });
    const learn6 = (performance.now() - t0) / 1000;
    t0 = performance.now();
    const auto = learnMachineAutoK(set.traces, { templates: set.templates });
    const autoS = (performance.now() - t0) / 1000;
    t0 = performance.now();
    let syn = synthesize(m6, { traces: 100_000, seed: 1 });
    const synS = (performance.now() - t0) / 1000;
    const synthEvents = syn.stats.events;
    const synPeak = peakMb();
    syn = undefined;
    t0 = performance.now();
    const amp = synthesize(m6, { traces: 100_000, seed: 1, amplify: 1 });
    const ampS = (performance.now() - t0) / 1000;
    return {
      traces: set.traces.length, events: set.traces.reduce((n, t) => n + t.events.length, 0), states: m6.states.length,
      learnK6: learn6, autoK: auto.k, autoSeconds: autoS, synth100k: synS, synthEvents, synPeak, synth100kAmplified: ampS, ampEvents: amp.stats.events, peakMb: peakMb(),
    };
  }
  throw new Error(`unknown bench child ${kind}`);
}

export async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'logsynth-bench-logs-'));
  try {
    const src = join(data, 'hdfs', 'HDFS_2k.log');
    const small = join(dir, 'hdfs_200k.log'), big = join(dir, 'hdfs_2m.log');
    await replicate(src, 100, small);
    await replicate(src, 1000, big);
    const a = child('drain', small);
    const b = child('drain', big);
    console.log(`  Drain, HDFS_2k x100  (${a.lines} lines): ${Math.round(a.linesPerSecond).toLocaleString('en')} lines/s, ${a.templates} templates, peak RSS ${a.peakMb} MB`);
    console.log(`  Drain, HDFS_2k x1000 (${b.lines} lines): ${Math.round(b.linesPerSecond).toLocaleString('en')} lines/s, ${b.seconds.toFixed(1)} s, peak RSS ${b.peakMb} MB (target > 200k lines/s, memory flat)`);
    rmSync(big);
    const sparse = join(dir, 'sparse.log');
    const fd = openSync(sparse, 'w');
    ftruncateSync(fd, 2 * 1024 ** 3);
    closeSync(fd);
    const s = child('sparse', sparse);
    console.log(`  2 GiB sparse file streamed: ${s.seconds.toFixed(1)} s (${(s.bytes / 1024 ** 2 / s.seconds).toFixed(0)} MiB/s), ${s.lines} line(s), ${s.cut} cut, peak RSS ${s.peakMb} MB`);
    const f = child('fsm');
    console.log(`  state machine from HDFS_100k sessions (${f.traces} traces, ${f.events} events): k=6 ${f.learnK6.toFixed(2)} s (${f.states} states); auto k (chose ${f.autoK}) ${f.autoSeconds.toFixed(2)} s`);
    console.log(`  100k synthetic traces (${f.synthEvents} events, all held in memory): ${f.synth100k.toFixed(2)} s, peak RSS ${f.synPeak} MB`);
    console.log(`  100k synthetic traces with amplify 1 (${f.ampEvents} events): ${f.synth100kAmplified.toFixed(2)} s, peak RSS ${f.peakMb} MB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  childMain(process.argv[3], process.argv.slice(4)).then((r) => console.log(JSON.stringify(r)), (e) => { console.error(e); process.exit(1); });
}
