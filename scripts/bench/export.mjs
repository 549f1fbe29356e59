// Sequence materialization (parameters + rendering + labels) and data-set export figures (issue 2, steps 8-10),
// on HDFS-shaped sessions built from the hand-made Hadoop 0.18 statements. Needs `node esbuild.mjs --transpile`.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const core = (p) => require(join(root, 'out', 'src', 'core', p));

export async function run(n = 20000) {
  const { HDFS, HDFS_LOGS, pathThrough } = core('sequence/hdfs-fixture.js');
  const { materialize, sessionIdFor } = core('sequence/materialize.js');
  const { defaultLabelRules } = core('labels/rules.js');
  const { writeDataset } = core('export/dataset.js');
  const { createRng } = core('util/rng.js');
  const entry = 'org.apache.hadoop.dfs.DataNode$DataXceiver:run()';
  const shapes = [
    [HDFS.allocate, HDFS.receiving, HDFS.receiving, HDFS.receiving, HDFS.received, HDFS.addStored, HDFS.terminating, HDFS.received, HDFS.addStored, HDFS.terminating, HDFS.received, HDFS.addStored, HDFS.terminating],
    [HDFS.allocate, HDFS.receiving, HDFS.writeBlockException, HDFS.receiveError, HDFS.interrupted, HDFS.deleting],
    [HDFS.verified, HDFS.transmitted, HDFS.ioFailed],
  ].map((logs) => pathThrough(entry, logs));
  const verdict = { consistent: true, reason: 'consistent', conflictingSteps: [], verifier: 'symbolic' };
  const rules = defaultLabelRules();
  const rng = createRng(42);
  for (const style of ['hdfs', 'log4j']) {
    const t0 = performance.now();
    const sequences = [];
    let start = Date.UTC(2008, 10, 9, 20, 35, 18);
    let events = 0;
    for (let i = 0; i < n; i++) {
      const m = materialize({ sessionId: sessionIdFor(entry, i + 1), path: shapes[i % shapes.length], verdict, multiplicity: 1, logs: HDFS_LOGS, rng, style, rules, start });
      start = m.end + 1000;
      events += m.sequence.events.length;
      sequences.push(m.sequence);
    }
    const t1 = performance.now();
    const dir = join(mkdtempSync(join(tmpdir(), 'ls-bench-export-')), 'out');
    const templates = [...HDFS_LOGS.values()].map((l) => ({ eventId: l.eventId, template: l.template }));
    const { files } = await writeDataset(dir, { name: 'HDFS', sequences, templates });
    const t2 = performance.now();
    const bytes = files.reduce((a, f) => a + statSync(f).size, 0);
    console.log(`  ${style}: materialize ${n} sequences / ${events} events in ${((t1 - t0) / 1000).toFixed(2)} s (${Math.round(events / ((t1 - t0) / 1000))} events/s); `
      + `writeDataset (loghub+json+sqlite) ${((t2 - t1) / 1000).toFixed(2)} s, ${(bytes / 1e6).toFixed(1)} MB`);
    rmSync(dirname(dir), { recursive: true, force: true });
  }
}
