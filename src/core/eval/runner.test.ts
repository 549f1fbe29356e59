// The bench end to end on a small slice of the real HDFS_100k data, with a synthetic folder written here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsvRecords, toCsv } from '../util/csv';
import { sharedDir } from '../util/repo';
import { createRng } from '../util/rng';
import { InputError, readSessions } from './data';
import { DecisionTreeDetector } from './detectors/dtree';
import { score } from './metrics';
import { buildVariants, runEvaluation } from './runner';

const hdfs = join(sharedDir(), 'data', 'hdfs');
const all = readSessions(join(hdfs, 'HDFS_100k_sessions.csv'));
// 600 sessions: the first 450 of the training split and the first 150 of the test split.
const train = all.filter((s) => s.split === 'train').slice(0, 450);
const testSplit = all.filter((s) => s.split === 'test').slice(0, 150);

function fixture(): { dir: string; real: string; synthetic: string } {
  const dir = mkdtempSync(join(tmpdir(), 'logsynth-eval-'));
  const real = join(dir, 'slice_sessions.csv');
  writeFileSync(real, toCsv(['BlockId', 'Label', 'Split', 'EventSequence'], [...train, ...testSplit].map((s) => [s.id, s.label, s.split, s.events.join(' ')])));
  copyFileSync(join(hdfs, 'HDFS_100k_templates.csv'), join(dir, 'slice_templates.csv'));
  // A code-guided-style synthetic set: its own ids and `{}` placeholders.
  const synthetic = join(dir, 'code-guided');
  mkdirSync(synthetic);
  writeFileSync(join(synthetic, 'hdfs.log_templates.csv'), toCsv(['EventId', 'EventTemplate', 'Occurrences'], [
    ['E1', 'BLOCK* NameSystem.allocateBlock: {}', 1], ['E2', 'Receiving block {} src: {} dest: {}', 1],
    ['E3', 'Received block {} of size {} from {}', 1], ['E4', 'BLOCK* NameSystem.addStoredBlock: blockMap updated: {} is added to {} size {}', 1],
    ['E5', 'PacketResponder {} for block {} terminating', 1], ['E6', 'writeBlock {} received exception {}', 1],
    ['E7', 'Exception in receiveBlock for block {} {}', 1], ['E8', 'Block {} is valid, and cannot be written to.', 1],
  ]));
  const normal = 'E1 E2 E2 E2 E4 E4 E4 E5 E3 E5 E3 E5 E3';
  const rows = [
    ...Array.from({ length: 20 }, (_, i) => [`n${i}`, 'Normal', normal]),
    ...Array.from({ length: 10 }, (_, i) => [`a${i}`, 'Anomaly', 'E1 E2 E2 E6']),
    ...Array.from({ length: 10 }, (_, i) => [`b${i}`, 'Anomaly', 'E1 E2 E2 E2 E7 E8']),
  ];
  writeFileSync(join(synthetic, 'sessions.csv'), toCsv(['SessionId', 'Label', 'EventSequence'], rows));
  return { dir, real, synthetic };
}

test('runEvaluation on a 600-session HDFS slice: every run, summary, report, template mapping', async () => {
  const f = fixture();
  const out = join(f.dir, 'out');
  const messages: string[] = [];
  const r = await runEvaluation({ real: f.real, synthetic: [f.synthetic], models: 'fast', seeds: 2, out }, { onProgress: (p) => messages.push(p.message) });
  assert.equal(r.cancelled, false);
  assert.equal(r.train, 450);
  assert.equal(r.test, 150);
  // real, real+code-guided, real+oversample x 8 fast models x 2 seeds
  assert.equal(r.rows.length, 3 * 8 * 2);
  assert.deepEqual([...new Set(r.rows.map((x) => x.training))], ['real', 'real+code-guided', 'real+oversample']);

  // Synthetic ids were mapped onto the real vocabulary; the event the sample never shows kept its own id.
  const m = r.synthetic[0]!.mapping!;
  assert.deepEqual(['E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'E8'].map((e) => m.map.get(e)), ['T1', 'T2', 'T3', 'T4', 'T5', 'T7', 'T15', 'S:E8']);

  // Supervised models get every synthetic session, the others only the Normal ones.
  const sizes = (model: string) => new Set(r.rows.filter((x) => x.model === model && x.training === 'real+code-guided').map((x) => x.trainSessions));
  assert.deepEqual(sizes('LR'), new Set([450 + 40]));
  assert.deepEqual(sizes('PCA'), new Set([450 + 20]));

  // The real-only Decision Tree row is what the detector gives when run by hand on the same split.
  const dt = new DecisionTreeDetector();
  await dt.fit(createRng(0).shuffle(train.map((s) => ({ events: s.events, anomaly: s.label === 'Anomaly' }))), { rng: createRng(0) });
  const byHand = score(testSplit.map((s) => s.label === 'Anomaly'), await dt.predict(testSplit.map((s) => s.events)));
  const row = r.rows.find((x) => x.model === 'DecisionTree' && x.training === 'real' && x.seed === 0)!;
  assert.ok(Math.abs(row.f1 - byHand.f1) < 1e-9, `runner ${row.f1} vs by hand ${byHand.f1}`);

  // Files: results.csv one row per run with the agreed columns; summary with the F1 change against real.
  const results = readFileSync(join(out, 'results.csv'), 'utf8');
  assert.equal(results.split('\n')[0], 'dataset,model,training,seed,precision,recall,f1');
  const recs = parseCsvRecords(results);
  assert.equal(recs.length, 48);
  assert.ok(recs.every((x) => x.dataset === 'slice' && Number(x.f1) >= 0 && Number(x.f1) <= 1));
  const summary = parseCsvRecords(readFileSync(join(out, 'summary.csv'), 'utf8'));
  assert.equal(summary.length, 3 * 8);
  for (const s of summary) {
    const base = summary.find((b) => b.model === s.model && b.training === 'real')!;
    assert.ok(Math.abs(Number(s.f1_delta_vs_real) - (Number(s.f1_mean) - Number(base.f1_mean))) < 1e-3);
  }
  const md = readFileSync(join(out, 'results.md'), 'utf8');
  assert.match(md, /## slice/);
  assert.match(md, /\| DecisionTree \| real\+code-guided \| 2 \|/);
  assert.ok(messages.some((x) => /F1 \d/.test(x)));
});

test('runEvaluation stops on abort and still writes the runs finished so far', async () => {
  const f = fixture();
  const out = join(f.dir, 'out');
  const ac = new AbortController();
  let finished = 0;
  const r = await runEvaluation({ real: f.real, synthetic: [], models: 'fast', seeds: 3, out }, {
    signal: ac.signal,
    onProgress: (p) => { if (/F1/.test(p.message) && ++finished === 5) ac.abort(); },
  });
  assert.equal(r.cancelled, true);
  assert.equal(r.rows.length, 5);
  assert.equal(parseCsvRecords(readFileSync(join(out, 'results.csv'), 'utf8')).length, 5);
  assert.match(readFileSync(join(out, 'results.md'), 'utf8'), /Cancelled/);
});

test('bad inputs get a clear message naming the file', async () => {
  const f = fixture();
  const bad = join(f.dir, 'bad.csv');
  writeFileSync(bad, 'Id,Label,EventSequence\nx,Normal,E1\n');
  await assert.rejects(runEvaluation({ real: bad, synthetic: [] }), (e: unknown) => e instanceof InputError && /bad\.csv: missing column\(s\) SessionId/.test(e.message));
  writeFileSync(bad, 'SessionId,Label,EventSequence\nx,Maybe,E1\n');
  await assert.rejects(runEvaluation({ real: bad, synthetic: [] }), /bad\.csv:2: Label must be Normal or Anomaly \(got 'Maybe'\)/);
  await assert.rejects(runEvaluation({ real: f.real, synthetic: [join(f.dir, 'nope')] }), /nope: not a folder/);
  await assert.rejects(runEvaluation({ real: f.real, synthetic: [], models: 'pca,foo' }), /unknown model 'foo'/);
});

test('training variants: capped synthetic samples per seed, union, and oversampling of rare real sessions', () => {
  const s = (id: string, label: 'Normal' | 'Anomaly', seq: string) => ({ id, label, events: seq.split(' ') });
  const real = [s('r1', 'Normal', 'A B'), s('r2', 'Normal', 'A B'), s('r3', 'Normal', 'A C'), s('r4', 'Anomaly', 'A X')];
  const a = Array.from({ length: 10 }, (_, i) => s(`a${i}`, 'Normal', 'A B'));
  const b = Array.from({ length: 2 }, (_, i) => s(`b${i}`, 'Anomaly', 'A Y'));
  const v = buildVariants(real, [{ name: 'a', sessions: a }, { name: 'b', sessions: b }], { maxSynthetic: 4, oversample: true });
  assert.deepEqual(v.map((x) => x.name), ['real', 'real+a', 'real+b', 'real+all-synthetic', 'real+oversample']);
  const byName = new Map(v.map((x) => [x.name, x]));
  assert.equal(byName.get('real')!.extra(0).length, 0);
  assert.equal(byName.get('real+a')!.extra(0).length, 4);
  assert.deepEqual(byName.get('real+a')!.extra(1), byName.get('real+a')!.extra(1)); // same seed, same sample
  assert.equal(byName.get('real+b')!.extra(0).length, 2);
  assert.equal(byName.get('real+all-synthetic')!.extra(0).length, 6);
  // (4 + 2) / 2 = 3 duplicates of rare real sessions: the anomaly r4 or the singleton Normal r3, never r1/r2.
  const over = byName.get('real+oversample')!.extra(0);
  assert.equal(over.length, 3);
  assert.ok(over.every((x) => x.id === 'r3' || x.id === 'r4'));
});
