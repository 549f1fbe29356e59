import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv, parseCsvRecords, toCsv } from './csv';
import { sharedDir } from './repo';

test('messages with commas, quotes and newlines round-trip', () => {
  const rows = [['1', 'a, b', 'say "hi"', 'two\nlines', ''], ['2', 'x\r\ny', '"', ',', 'plain']];
  const text = toCsv(['Id', 'A', 'B', 'C', 'D'], rows);
  assert.deepEqual(parseCsv(text), [['Id', 'A', 'B', 'C', 'D'], ...rows]);
});

test('reads the real loghub HDFS structured CSV', () => {
  const p = join(sharedDir(), 'data', 'hdfs', 'HDFS_2k.log_structured.csv');
  const recs = parseCsvRecords(readFileSync(p, 'utf8'));
  assert.equal(recs.length, 2000);
  assert.equal(recs[0]!.LineId, '1');
  assert.match(recs[0]!.EventTemplate!, /<\*>/);
});
