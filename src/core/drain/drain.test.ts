import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDir } from '../util/repo';
import { parseCsvRecords } from '../util/csv';
import { compileFormat, LOG_PRESETS } from '../logs/format';
import { parseLogFile } from '../logs/parse-log';
import { Drain, maskNumbers, NUMBER_MASK } from './drain';
import { groupingAccuracy } from './accuracy';

async function accuracyOn(dataset: 'hdfs' | 'hadoop', base: string, reference = false) {
  const preset = LOG_PRESETS[dataset]!;
  const dir = join(sharedDir(), 'data', dataset);
  const drain = reference ? { ...preset.drain, collapseWildcards: false, maskNumbers: false } : preset.drain;
  const parsed = await parseLogFile(join(dir, `${base}.log`), { format: compileFormat(preset.format), drain });
  const gt = reference ? `${base}.log_structured.csv` : `${base}.log_structured_corrected.csv`;
  const truth = parseCsvRecords(readFileSync(join(dir, gt), 'utf8'));
  assert.equal(parsed.parsed, truth.length, 'every ground-truth line parsed');
  const predicted = Array.from(parsed.lineCluster, (c) => parsed.clusterEventId[c]!);
  return { byTemplate: groupingAccuracy(truth.map((r) => r.EventTemplate!), predicted), byId: groupingAccuracy(truth.map((r) => r.EventId!), predicted), parsed };
}

test('Drain grouping accuracy on HDFS_2k (corrected ground truth) >= 0.998', async () => {
  const { byTemplate, byId, parsed } = await accuracyOn('hdfs', 'HDFS_2k');
  assert.ok(byTemplate.accuracy >= 0.998, `accuracy ${byTemplate.accuracy}`);
  assert.ok(byId.accuracy >= 0.998, `accuracy ${byId.accuracy}`);
});

test('Drain grouping accuracy on Hadoop_2k (corrected ground truth) >= 0.948', async () => {
  const { byTemplate, byId } = await accuracyOn('hadoop', 'Hadoop_2k');
  assert.ok(byTemplate.accuracy >= 0.948, `accuracy ${byTemplate.accuracy}`);
  assert.ok(byId.accuracy >= 0.948, `accuracy ${byId.accuracy}`);
});

test('reference mode (no extensions) reproduces the published Drain figures on the original ground truth', async () => {
  // Published (loghub benchmark, 3 decimals): HDFS 0.998, Hadoop 0.948.
  const hdfs = await accuracyOn('hdfs', 'HDFS_2k', true);
  const hadoop = await accuracyOn('hadoop', 'Hadoop_2k', true);
  assert.equal(Math.round(hdfs.byId.accuracy * 1000) / 1000, 0.998);
  assert.equal(Math.round(hadoop.byId.accuracy * 1000) / 1000, 0.948);
});

test('Drain generalizes templates, routes digit tokens to <*>, and masks', () => {
  const d = new Drain({ depth: 4, st: 0.5, maxChild: 100, masks: ['blk_-?\\d+'] });
  const a = d.add('Receiving block blk_123 from node1');
  const b = d.add('Receiving block blk_-9 from node2');
  assert.equal(a, b);
  assert.equal(d.template(a), 'Receiving block <*> from <*>');
  const c = d.add('Deleting block blk_5 file /tmp/x');
  assert.notEqual(c, a);
  assert.equal(d.add('Receiving block blk_7 from node3 now'), d.clusters[2], 'different length: new cluster');
  assert.equal(d.clusters.length, 3);
  assert.equal(d.match('Receiving block blk_8 from node9'), a);
  assert.equal(d.add('   ').tokens.length, 0);
  assert.equal(d.add(''), d.add(' '), 'empty messages share one cluster');
  const collapse = new Drain({ depth: 4, st: 0.5, maxChild: 100, masks: ['blk_\\d+'] });
  assert.equal(collapse.add('delete blk_1 blk_2 blk_3'), collapse.add('delete blk_4'));
  assert.throws(() => new Drain({ depth: 4, st: 0.5, maxChild: 100, masks: ['('] }), /bad masking regex/);
});

test('grouping accuracy on a hand-made partition', () => {
  // truth groups {0,1,2} {3,4} {5}; predicted {0,1,2} {3} {4,5}: only lines 0-2 are grouped exactly.
  const s = groupingAccuracy(['a', 'a', 'a', 'b', 'b', 'c'], ['x', 'x', 'x', 'y', 'z', 'z']);
  assert.equal(s.correct, 3);
  assert.equal(s.accuracy, 0.5);
  assert.equal(groupingAccuracy(['a', 'b'], ['q', 'p']).accuracy, 1, 'labels are opaque');
});

test('the hand-written number mask equals Drain3\'s NUM regex on every real line and on edge cases', () => {
  const re = new RegExp(NUMBER_MASK, 'g');
  const lines = ['a-5', '-5 x', 'x -5', '1-2-3', 'a+-3', '+-3', '--3', '1a', 'x=-12,y=+4)', '', '9', 'blk_-123 blk_45', 'v1.2.3 10.0.0.1:50010'];
  for (const f of [join(sharedDir(), 'data', 'hdfs', 'HDFS_2k.log'), join(sharedDir(), 'data', 'hadoop', 'Hadoop_2k.log')]) lines.push(...readFileSync(f, 'latin1').split(/\r?\n/));
  for (const l of lines) assert.equal(maskNumbers(l), l.replace(re, '<*>'), l);
});
