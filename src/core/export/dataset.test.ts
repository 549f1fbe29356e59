import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareEventIds, writeDataset, type DatasetTemplate } from './dataset';
import { parseSessionsCsv, readDataset, readSessionsCsv } from './read';
import { materialize, sessionIdFor } from '../sequence/materialize';
import { HDFS, HDFS_LOGS, pathThrough } from '../sequence/hdfs-fixture';
import { defaultLabelRules } from '../labels/rules';
import { createRng } from '../util/rng';
import { parseCsv } from '../util/csv';
import { openDatabase, queryAll } from '../db/sqlite';
import { sharedDir } from '../util/repo';
import type { LogSequence, LogStatement } from '../model';

const ENTRY = 'org.apache.hadoop.dfs.DataNode$DataXceiver:run()';
// A message with a comma, quotes and a line break, to prove the CSV quoting round-trips.
const tricky: LogStatement = { ...HDFS.verified, id: 'tricky', eventId: 'E31', template: 'Scan of <*> done, result "ok"\nnext scan in <*> ms' };
const LOGS = new Map(HDFS_LOGS).set(tricky.id, tricky);
const TEMPLATES: DatasetTemplate[] = [...LOGS.values()].map((l) => ({ eventId: l.eventId, template: l.template }));

function sequences(style: 'hdfs' | 'log4j'): LogSequence[] {
  const paths = [
    pathThrough(ENTRY, [HDFS.allocate, HDFS.receiving, HDFS.received, HDFS.addStored, HDFS.terminating]),
    pathThrough(ENTRY, [HDFS.receiving, HDFS.writeBlockException, HDFS.receiveError], [], true),
    pathThrough(ENTRY, [HDFS.verified, tricky]),
  ];
  let start = Date.UTC(2008, 10, 9, 20, 35, 18);
  return paths.map((path, i) => {
    const m = materialize({
      sessionId: sessionIdFor(ENTRY, i + 1), path, verdict: { consistent: true, reason: 'consistent', conflictingSteps: [], verifier: 'symbolic' },
      multiplicity: i + 1, logs: LOGS, rng: createRng(9), style, rules: defaultLabelRules(), start,
    });
    start = m.end + 60_000;
    return m.sequence;
  });
}

const tmp = (): string => mkdtempSync(join(tmpdir(), 'ls-export-'));

test('writes the loghub files, sequences.json and dataset.sqlite, and reads them back unchanged', async () => {
  const dir = join(tmp(), 'out');
  const seqs = sequences('log4j');
  const { files } = await writeDataset(dir, { name: 'DataNode', sequences: seqs, templates: TEMPLATES });
  assert.deepEqual(readdirSync(dir).sort(), ['DataNode.log', 'DataNode.log_structured.csv', 'DataNode.log_templates.csv', 'anomaly_label.csv', 'dataset.sqlite', 'sequences.json', 'sessions.csv']);
  assert.equal(files.length, 7);

  const events = seqs.flatMap((s) => s.events.map((e) => ({ s, e })));
  const structured = parseCsv(readFileSync(join(dir, 'DataNode.log_structured.csv'), 'utf8'));
  assert.deepEqual(structured[0], ['LineId', 'Date', 'Time', 'Level', 'Component', 'Content', 'EventId', 'EventTemplate', 'SessionId']);
  assert.equal(structured.length, events.length + 1);
  events.forEach(({ s, e }, i) => {
    assert.deepEqual(structured[i + 1], [String(i + 1), e.date, e.time, e.level.toUpperCase(), e.component, e.content, e.eventId, e.template, s.sessionId]);
  });
  const trickyRow = structured.find((r) => r[6] === 'E31')!;
  assert.match(trickyRow[5]!, /^Scan of blk_-?\d+ done, result "ok"\nnext scan in \d+ ms$/);

  const lines = readFileSync(join(dir, 'DataNode.log'), 'utf8').split('\n');
  assert.equal(lines.pop(), '', 'the file ends with a newline');
  assert.deepEqual(lines, events.map(({ e }) => e.raw), 'one raw line per structured row, same order');

  const ds = readDataset(dir);
  assert.equal(ds.name, 'DataNode');
  assert.deepEqual(ds.sessions.map((r) => [r.sessionId, r.label, r.events.join(' ')]), seqs.map((s) => [s.sessionId, s.label, s.events.map((e) => e.eventId).join(' ')]));
  assert.equal(ds.sessions[0]!.split, undefined);
  assert.deepEqual(ds.labels, seqs.map((s) => ({ sessionId: s.sessionId, label: s.label })));
  assert.deepEqual(ds.labels.map((l) => l.label), ['Normal', 'Anomaly', 'Normal']);
  assert.equal(ds.structured.length, events.length);
  assert.equal(ds.structured[2]!.content, events[2]!.e.content);
  const e2 = ds.templates.find((t) => t.eventId === 'E2')!;
  assert.equal(e2.occurrences, 2);
  assert.equal(ds.templates.find((t) => t.eventId === 'E17')!.occurrences, 0, 'templates never generated are listed with 0');
  assert.deepEqual(ds.templates.map((t) => t.eventId), [...ds.templates.map((t) => t.eventId)].sort(compareEventIds));
  assert.deepEqual(ds.sequences, JSON.parse(JSON.stringify(seqs)));
  assert.deepEqual(ds.lines, lines);
  assert.deepEqual(readFileSync(join(dir, 'sessions.csv'), 'utf8').split('\n')[0], 'SessionId,Label,EventSequence');
  assert.deepEqual(readFileSync(join(dir, 'anomaly_label.csv'), 'utf8').split('\n')[0], 'SessionId,Label');
  assert.deepEqual(readFileSync(join(dir, 'DataNode.log_templates.csv'), 'utf8').split('\n')[0], 'EventId,EventTemplate,Occurrences');

  const db = await openDatabase(join(dir, 'dataset.sqlite'));
  try {
    const count = (t: string): number => (queryAll<{ n: number }>(db, `SELECT COUNT(*) AS n FROM ${t}`)[0]!.n);
    assert.equal(count('sequences'), 3);
    assert.equal(count('events'), events.length);
    assert.equal(count('templates'), TEMPLATES.length);
    assert.deepEqual(queryAll(db, 'PRAGMA foreign_key_check'), []);
    const joined = queryAll<{ content: string; template: string; label: string }>(db,
      `SELECT e.content, t.template, s.label FROM events e JOIN templates t ON t.event_id = e.event_id JOIN sequences s ON s.session_id = e.session_id WHERE e.event_id = 'E31'`);
    assert.deepEqual(joined, [{ content: trickyRow[5], template: tricky.template, label: 'Normal' }]);
    const anomaly = queryAll<{ label_reasons: string; multiplicity: number; event_sequence: string }>(db, `SELECT label_reasons, multiplicity, event_sequence FROM sequences WHERE label = 'Anomaly'`);
    assert.deepEqual(anomaly.map((a) => [JSON.parse(a.label_reasons), a.multiplicity, a.event_sequence]), [[seqs[1]!.labelReasons, 2, 'E2 E7 E15']]);
    assert.throws(() => db.run(`INSERT INTO events VALUES (999, 'nope', 0, 'E1', 'x', 'INFO', 'c', 'm', '[]', 'd', 't', 'th', 'raw', 'f', 1)`), /FOREIGN KEY/);
  } finally {
    db.close();
  }
});

test('refuses to write into a non-empty folder unless asked, and loses nothing', async () => {
  const dir = tmp();
  writeFileSync(join(dir, 'notes.txt'), 'keep me');
  await assert.rejects(writeDataset(dir, { name: 'x', sequences: sequences('log4j'), templates: TEMPLATES }), /is not empty: choose an empty folder or pass overwrite/);
  assert.deepEqual(readdirSync(dir), ['notes.txt']);
  const { files } = await writeDataset(dir, { name: 'x', sequences: sequences('log4j'), templates: TEMPLATES, overwrite: true, formats: ['loghub'] });
  assert.equal(files.length, 5);
  assert.equal(readFileSync(join(dir, 'notes.txt'), 'utf8'), 'keep me');
  const empty = join(tmp(), 'fresh');
  mkdirSync(empty);
  await writeDataset(empty, { name: 'x', sequences: [], templates: [], formats: ['json'] });
  assert.equal(readFileSync(join(empty, 'sequences.json'), 'utf8'), '[]\n');
});

test('bad input is refused before anything is written', async () => {
  const seqs = sequences('log4j');
  const cases: [Parameters<typeof writeDataset>[1], RegExp][] = [
    [{ name: '../evil', sequences: seqs, templates: TEMPLATES }, /name '\.\.\/evil' must be/],
    [{ name: 'x', sequences: [seqs[0]!, seqs[0]!], templates: TEMPLATES }, /session id '.*' appears twice/],
    [{ name: 'x', sequences: [{ ...seqs[0]!, sessionId: 'a b' }], templates: TEMPLATES }, /session id 'a b' is empty or has a space or comma/],
    [{ name: 'x', sequences: seqs, templates: [{ eventId: 'E1', template: 'a' }, { eventId: 'E1', template: 'b' }] }, /event id E1 names two templates/],
    [{ name: 'x', sequences: seqs, templates: TEMPLATES, formats: ['csv' as 'json'] }, /unknown data set format\(s\) csv/],
  ];
  const file = join(tmp(), 'a-file');
  writeFileSync(file, 'x');
  await assert.rejects(writeDataset(file, { name: 'x', sequences: seqs, templates: TEMPLATES }), /a-file exists and is not a folder/);
  assert.equal(readFileSync(file, 'utf8'), 'x');
  for (const [input, message] of cases) {
    const dir = join(tmp(), 'out');
    await assert.rejects(writeDataset(dir, input), message);
    assert.equal(existsSync(dir), false);
  }
});

test('hdfs-style export: session ids are block ids, sessions.csv reads like the real HDFS file', async () => {
  const dir = join(tmp(), 'hdfs');
  const seqs = sequences('hdfs');
  await writeDataset(dir, { name: 'HDFS', sequences: seqs, templates: TEMPLATES });
  const ours = readSessionsCsv(join(dir, 'sessions.csv'));
  assert.ok(ours.every((r) => /^blk_-?\d+$/.test(r.sessionId)));
  const lines = readFileSync(join(dir, 'HDFS.log'), 'utf8').trimEnd().split('\n');
  assert.ok(lines.every((l) => /^\d{6} \d{6} \d+ [A-Z]+ [\w.$]+: /.test(l)));

  // The evaluation bench reads the real loghub file through the same reader (BlockId and Split columns).
  const real = readSessionsCsv(join(sharedDir(), 'data', 'hdfs', 'HDFS_100k_sessions.csv'));
  assert.equal(real.length, 7940);
  assert.equal(real.filter((r) => r.label === 'Anomaly').length, 313);
  assert.equal(real.filter((r) => r.split === 'train').length, 6352);
  assert.match(real[0]!.sessionId, /^blk_-?\d+$/);
  assert.ok(real[0]!.events.length > 0 && real[0]!.events.every((e) => /^T\d+$/.test(e)));
});

test('the sessions reader names the file, row and column it cannot use', () => {
  assert.throws(() => parseSessionsCsv('Id,Label,EventSequence\nx,Normal,E1\n', 'a.csv'), /a\.csv: missing column SessionId or BlockId/);
  assert.throws(() => parseSessionsCsv('SessionId,Label,EventSequence\nx,Weird,E1\n', 'b.csv'), /b\.csv: row 2: label 'Weird' is not Normal or Anomaly/);
  assert.throws(() => parseSessionsCsv('SessionId,Label,EventSequence\nx,Normal\n', 'c.csv'), /c\.csv: row 2 has 2 fields, the header has 3/);
  assert.throws(() => parseSessionsCsv('', 'd.csv'), /d\.csv: empty file/);
  assert.deepEqual(parseSessionsCsv('SessionId,Label,EventSequence\r\nx,Anomaly,\r\n'), [{ sessionId: 'x', label: 'Anomaly', events: [] }]);
});
