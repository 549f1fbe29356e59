import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedDir } from '../util/repo';
import { toCsv } from '../util/csv';
import { learnMachine, accepts } from '../fsm/learn';
import { detectInput, guessPreset, loadTraces } from './load-traces';

const data = join(sharedDir(), 'data');

test('inputs are told apart by name and header; formats are guessed from the lines', () => {
  assert.equal(detectInput(join(data, 'hdfs', 'HDFS_2k.log')), 'log');
  assert.equal(detectInput(join(data, 'hdfs', 'HDFS_100k_sessions.csv')), 'sessions');
  assert.equal(detectInput(join(data, 'hadoop', 'Hadoop_2k.log_structured.csv')), 'structured');
  assert.throws(() => detectInput(join(data, 'hdfs', 'HDFS_2k.log_templates.csv')), /EventSequence/);
  assert.throws(() => detectInput(join(data, 'nope.log')), /no such file/);
  assert.equal(guessPreset(join(data, 'hdfs', 'HDFS_2k.log')), 'hdfs');
  assert.equal(guessPreset(join(data, 'hadoop', 'Hadoop_2k.log')), 'hadoop');
});

test('raw HDFS log + anomaly_label.csv gives a labeled machine; both behaviours are kept apart', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'logsynth-load-'));
  try {
    // Label as Anomaly every block that logged an exception while being served (read from the raw file).
    const raw = readFileSync(join(data, 'hdfs', 'HDFS_2k.log'), 'latin1').split('\r\n');
    const bad = new Set(raw.filter((l) => l.includes('Got exception while serving')).map((l) => /blk_-?\d+/.exec(l)![0]));
    const all = new Set(raw.flatMap((l) => l.match(/blk_-?\d+/g) ?? []));
    const labels = join(dir, 'anomaly_label.csv');
    writeFileSync(labels, toCsv(['BlockId', 'Label'], [...all].map((b) => [b, bad.has(b) ? 'Anomaly' : 'Normal'])));
    const set = await loadTraces(join(data, 'hdfs', 'HDFS_2k.log'), { labels });
    assert.equal(set.kind, 'log');
    assert.equal(set.labeled, set.traces.length);
    assert.equal(set.traces.filter((t) => t.label === 'Anomaly').length, bad.size);
    const m = learnMachine(set.traces, { templates: set.templates });
    assert.deepEqual(m.labels, ['Normal', 'Anomaly']);
    for (const t of set.traces) assert.ok(accepts(m, t));
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('session keys: a field (Hadoop process) and a time window', async () => {
  const hadoop = join(data, 'hadoop', 'Hadoop_2k.log');
  const byProcess = await loadTraces(hadoop, { sessionKey: 'field:Process' });
  const processes = new Set(readFileSync(hadoop, 'latin1').split(/\r?\n/).filter(Boolean).map((l) => /\[([^\]]*)\]/.exec(l)?.[1]));
  assert.equal(byProcess.traces.length, processes.size);
  assert.equal(byProcess.traces.reduce((n, t) => n + t.events.length, 0), 2000);
  for (const t of byProcess.traces) for (let i = 1; i < t.events.length; i++) assert.ok(t.events[i]!.time! >= t.events[i - 1]!.time!);
  const windows = await loadTraces(hadoop, { sessionKey: 'window:60' });
  for (const t of windows.traces) {
    const span = t.events[t.events.length - 1]!.time! - t.events[0]!.time!;
    assert.ok(span < 60_000, `${t.id} spans ${span} ms`);
  }
  assert.equal(windows.traces.reduce((n, t) => n + t.events.length, 0), 2000);
  await assert.rejects(loadTraces(hadoop, { sessionKey: 'field:Nope' }), /not a field/);
  await assert.rejects(loadTraces(hadoop), /session key/);
  // A structured CSV with the same key gives the same traces as the raw log's fields.
  const structured = await loadTraces(join(data, 'hadoop', 'Hadoop_2k.log_structured.csv'), { sessionKey: 'field:Process' });
  assert.deepEqual(structured.traces.map((t) => [t.id, t.events.length]).sort(), byProcess.traces.map((t) => [t.id, t.events.length]).sort());
});
