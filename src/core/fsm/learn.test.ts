import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDir } from '../util/repo';
import { compileFormat, LOG_PRESETS } from '../logs/format';
import { parseLogFile, structuredRecords } from '../logs/parse-log';
import { parseSessionKey, tracesFromRecords, tracesFromSessionsCsv, parseTimestamp, extractParams, type Trace } from '../logs/traces';
import { accepts, classify, learnMachine, replay } from './learn';

const hdfs = join(sharedDir(), 'data', 'hdfs');
const seq = (id: string, s: string, label?: 'Normal' | 'Anomaly'): Trace => ({ id, ...(label ? { label } : {}), events: s.split(' ').map((eventId) => ({ eventId, params: [] })) });

test('k-tails on a hand-made log: loops fold, every trace is accepted, unseen orders are not', () => {
  const traces = [seq('1', 'open read close'), seq('2', 'open read read close'), seq('3', 'open read read read close'), seq('4', 'open close')];
  const m = learnMachine(traces, { k: 1 });
  for (const t of traces) assert.ok(accepts(m, t), t.id);
  assert.ok(m.states.length < m.ptaStates, `merged (${m.states.length} of ${m.ptaStates})`);
  assert.ok(accepts(m, seq('5', 'open read read read read read close')), 'the read loop generalizes');
  assert.equal(accepts(m, seq('6', 'read open close')), false);
  assert.equal(accepts(m, seq('7', 'open read')), false, 'must end in an accepting state');
  assert.equal(replay(m, ['open', 'write'], 'Unlabeled').replayed, 1);
  // Probabilities out of each state (with ending) sum to 1.
  for (const s of m.states) {
    const out = m.transitions.filter((t) => t.from === s.id).reduce((a, t) => a + t.prob, 0);
    const end = s.finalCount / (s.finalCount + m.transitions.filter((t) => t.from === s.id).reduce((a, t) => a + t.count, 0) || 1);
    if (s.visits > 0) assert.ok(Math.abs(out + end - 1) < 1e-9, `state ${s.id}`);
  }
  // Larger k keeps more states.
  assert.ok(learnMachine(traces, { k: 3 }).states.length >= m.states.length);
});

test('labels get separate sub-machines and the machine tells which behaviour a path is', () => {
  const traces = [seq('a', 'A B C', 'Normal'), seq('b', 'A B C', 'Normal'), seq('c', 'A X', 'Anomaly')];
  const m = learnMachine(traces, { k: 2 });
  assert.deepEqual(m.labels, ['Normal', 'Anomaly']);
  assert.deepEqual(classify(m, ['A', 'B', 'C']), ['Normal']);
  assert.deepEqual(classify(m, ['A', 'X']), ['Anomaly']);
  assert.equal(accepts(m, seq('d', 'A X', 'Normal')), false);
});

test('a machine recovered from HDFS_2k accepts every real trace it was built from', async () => {
  const p = LOG_PRESETS.hdfs!;
  const parsed = await parseLogFile(join(hdfs, 'HDFS_2k.log'), { format: compileFormat(p.format), drain: p.drain });
  const set = await tracesFromRecords(structuredRecords(parsed), parseSessionKey(p.sessionKey!));
  assert.ok(set.traces.length > 1000);
  const m = learnMachine(set.traces, { k: 2, templates: set.templates });
  for (const t of set.traces) assert.ok(accepts(m, t), `trace ${t.id}`);
  // Times and slots were learned; the block id is the session identifier in every event that carries it.
  assert.ok(m.transitions.some((t) => t.dt !== undefined));
  // The earliest trace start is the earliest line with a block id, read straight from the raw file.
  const earliest = Math.min(...readFileSync(join(hdfs, 'HDFS_2k.log'), 'latin1').split('\r\n').filter((l) => /blk_/.test(l))
    .map((l) => parseTimestamp(l.split(' ')[0], l.split(' ')[1])!));
  assert.equal(m.starts?.min, earliest);
  const receiving = m.templates.find((t) => t.template.startsWith('Receiving block'))!;
  const blk = m.slots.find((s) => s.eventId === receiving.eventId && s.slot === 0)!;
  assert.equal(blk.kind, 'identifier');
  assert.equal(blk.group, 0);
});

test('a labeled machine from HDFS_100k sessions.csv accepts all 7,940 sessions under their labels', () => {
  const set = tracesFromSessionsCsv(readFileSync(join(hdfs, 'HDFS_100k_sessions.csv'), 'utf8'), readFileSync(join(hdfs, 'HDFS_100k_templates.csv'), 'utf8'));
  assert.equal(set.traces.length, 7940);
  const m = learnMachine(set.traces, { k: 2, templates: set.templates });
  assert.deepEqual(m.traceCounts, { Normal: 7627, Anomaly: 313 });
  for (const t of set.traces) assert.ok(accepts(m, t), t.id);
  assert.equal(m.templates.find((t) => t.eventId === 'T1')!.template, 'BLOCK* NameSystem.allocateBlock:<*>');
});

test('timestamps and parameter extraction', () => {
  assert.equal(parseTimestamp('081109', '203615'), Date.UTC(2008, 10, 9, 20, 36, 15));
  assert.equal(parseTimestamp('81109', '203615'), Date.UTC(2008, 10, 9, 20, 36, 15));
  assert.equal(parseTimestamp('2015-10-18', '18:01:47,978'), Date.UTC(2015, 9, 18, 18, 1, 47, 978));
  assert.equal(parseTimestamp('garbage', '1'), undefined);
  assert.deepEqual(extractParams('Receiving block <*> src: /<*> dest: /<*>', 'Receiving block blk_1 src: /10.0.0.1:5 dest: /10.0.0.2:6'), ['blk_1', '10.0.0.1:5', '10.0.0.2:6']);
  assert.deepEqual(extractParams('ask <*> to delete <*>', 'ask 1.2.3.4:5 to delete blk_1 blk_2'), ['1.2.3.4:5', 'blk_1 blk_2']);
  assert.deepEqual(extractParams('a (b) <*>', 'nope'), []);
  assert.throws(() => parseSessionKey('window:-1'), /seconds/);
  assert.throws(() => parseSessionKey('regex:('), /invalid/);
});
