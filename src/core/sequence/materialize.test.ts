import { test } from 'node:test';
import assert from 'node:assert/strict';
import { materialize, materializeSequence, pathLocations, sessionIdFor, synthesizeValues, type MaterializeInput } from './materialize';
import { HDFS, HDFS_LOGS, pathThrough } from './hdfs-fixture';
import { defaultLabelRules } from '../labels/rules';
import { createRng } from '../util/rng';
import type { Verdict } from '../model';

const ENTRY = 'org.apache.hadoop.dfs.DataNode$DataXceiver:run()';
const verdict: Verdict = { consistent: true, reason: 'consistent', conflictingSteps: [], verifier: 'symbolic' };
const write = [HDFS.allocate, HDFS.receiving, HDFS.received, HDFS.addStored, HDFS.terminating];

function input(over: Partial<MaterializeInput> = {}): MaterializeInput {
  return {
    sessionId: sessionIdFor(ENTRY, 1), path: pathThrough(ENTRY, write), verdict, multiplicity: 3, logs: HDFS_LOGS,
    rng: createRng(42), style: 'log4j', rules: defaultLabelRules(), start: Date.UTC(2008, 10, 9, 20, 35, 18), ...over,
  };
}

test('a path becomes a labeled sequence: events in path order, values shared, path as file:line', () => {
  const s = materializeSequence(input());
  assert.equal(s.sessionId, sessionIdFor(ENTRY, 1));
  assert.match(s.sessionId, /^S[0-9a-f]{8}-1$/);
  assert.equal(s.entry, ENTRY);
  assert.deepEqual(s.events.map((e) => e.eventId), ['E1', 'E2', 'E3', 'E4', 'E5']);
  const blocks = new Set(s.events.flatMap((e) => e.content.match(/blk_-?\d+/g) ?? []));
  assert.equal(blocks.size, 1, 'one block through the whole session');
  assert.equal(s.label, 'Normal');
  assert.deepEqual(s.labelReasons, []);
  assert.equal(s.multiplicity, 3);
  assert.equal(s.verdict, verdict);
  assert.equal(s.path[0], 'src/hdfs/org/apache/hadoop/dfs/DataNode.java:1100');
  assert.ok(s.path.includes('src/hdfs/org/apache/hadoop/dfs/FSNamesystem.java:1432'));
  assert.equal(s.events[0]!.raw.slice(0, 23), '2008-11-09 20:35:18,000');
  assert.match(s.events[0]!.raw, / \[DataXceiver-\d+\] INFO  org\.apache\.hadoop\.dfs\.FSNamesystem - BLOCK\* NameSystem\.allocateBlock: /);
});

test('hdfs style names the session by its block, as HDFS_v1 does', () => {
  const s = materializeSequence(input({ style: 'hdfs' }));
  assert.match(s.sessionId, /^blk_-?\d+$/);
  assert.ok(s.events.every((e) => e.content.includes(s.sessionId)));
  const noBlock = { ...HDFS.verified, id: 'nb', template: 'Starting DataNode with <*> volumes', params: [{ expr: 'volumes.size()' }] };
  const logs = new Map(HDFS_LOGS).set('nb', noBlock);
  const t = materializeSequence(input({ style: 'hdfs', logs, path: pathThrough(ENTRY, [noBlock]) }));
  assert.equal(t.sessionId, sessionIdFor(ENTRY, 1), 'no block: the caller id stays');
});

test('deterministic per seed and session id; other sessions from the same Rng differ', () => {
  const a = materializeSequence(input());
  assert.deepEqual(materializeSequence(input()), a);
  const b = materializeSequence(input({ sessionId: sessionIdFor(ENTRY, 2) }));
  assert.notEqual(b.events[0]!.content, a.events[0]!.content);
  const c = materializeSequence(input({ rng: createRng(43) }));
  assert.notEqual(c.events[1]!.content, a.events[1]!.content);
});

test('the end time lets sessions be chained in time order; an exception path is labeled with its reasons', () => {
  const first = materialize(input());
  const second = materialize(input({
    sessionId: sessionIdFor(ENTRY, 2), start: first.end + 1000,
    path: pathThrough(ENTRY, [HDFS.receiving, HDFS.receiveError], [], true),
  }));
  assert.ok(second.sequence.events[0]!.raw.slice(0, 23) > first.sequence.events.at(-1)!.raw.slice(0, 23));
  assert.equal(second.sequence.label, 'Anomaly');
  assert.deepEqual(second.sequence.labelReasons, [
    'ends by an exception escaping DataNode$DataXceiver:run',
    "contains ERROR event E15 'Exception in receiveBlock for block <*> <*>' at DataNode.java:2790",
    "event E15 'Exception in receiveBlock for block <*> <*>' at DataNode.java:2790 has failure word 'exception'",
  ]);
});

test('a path naming a log statement the index lacks fails with its id', () => {
  const path = pathThrough(ENTRY, write);
  path.logIds.push('Gone.java:1:1');
  assert.throws(() => materializeSequence(input({ path })), /log statement\(s\) not in the index: Gone\.java:1:1/);
});

test('pathLocations collapses consecutive steps on one line', () => {
  const p = pathThrough(ENTRY, [HDFS.terminating, HDFS.terminating]);
  assert.deepEqual(pathLocations(p), ['src/hdfs/org/apache/hadoop/dfs/DataNode.java:1100', 'src/hdfs/org/apache/hadoop/dfs/DataNode.java:2248', 'src/hdfs/org/apache/hadoop/dfs/DataNode.java:1300']);
});

test('values proposed elsewhere (the LLM stage) are used when they fit the slots, else synthesized', () => {
  const path = pathThrough(ENTRY, [HDFS.receiving, HDFS.terminating]);
  const values = [['blk_77', '/10.0.0.1:40000', '/10.0.0.2:50010'], ['2', 'blk_77']];
  const s = materializeSequence(input({ path, values, style: 'hdfs' }));
  assert.equal(s.events[0]!.content, 'Receiving block blk_77 src: /10.0.0.1:40000 dest: /10.0.0.2:50010');
  assert.equal(s.sessionId, 'blk_77');
  const wrong = materializeSequence(input({ path, values: [['only one'], ['2', 'blk_77']] }));
  assert.match(wrong.events[0]!.content, /^Receiving block blk_-?\d{6,} src: \/10\./);
  assert.deepEqual(synthesizeValues([HDFS.receiving, HDFS.terminating], createRng(5)).values.map((v) => v.length), [3, 2]);
});
