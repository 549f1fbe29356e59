import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedDir } from '../util/repo';
import { parseCsvRecords } from '../util/csv';
import { compileFormat, LOG_PRESETS } from '../logs/format';
import { parseLogFile, structuredRecords } from '../logs/parse-log';
import { parseSessionKey, tracesFromRecords } from '../logs/traces';
import { learnMachine } from '../fsm/learn';
import { openDatabase, queryAll } from '../db/sqlite';
import { foreignKeyViolations, readTraces, writeRelational } from './write';

test('the HDFS_2k relational database: keys hold, violations are refused, traces round-trip', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'logsynth-rel-'));
  try {
    const p = LOG_PRESETS.hdfs!;
    const parsed = await parseLogFile(join(sharedDir(), 'data', 'hdfs', 'HDFS_2k.log'), { format: compileFormat(p.format), drain: p.drain });
    const set = await tracesFromRecords(structuredRecords(parsed), parseSessionKey(p.sessionKey!));
    const machine = learnMachine(set.traces, { k: 2, templates: set.templates });
    const files = await writeRelational(dir, { traces: set.traces, templates: set.templates, machine, meta: { source: 'HDFS_2k' } });
    const db = await openDatabase(files.sqlite);
    try {
      assert.deepEqual(foreignKeyViolations(db), []);
      const events = set.traces.reduce((n, t) => n + t.events.length, 0);
      assert.equal(queryAll<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM events')[0]!.n, events);
      assert.equal(queryAll<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM traces')[0]!.n, set.traces.length);
      assert.equal(queryAll<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM events WHERE transition_id IS NULL')[0]!.n, 0, 'every event sits on a transition');
      // A join the schema exists for: how many events of each template, by transition probability.
      const top = queryAll<{ template: string; n: number }>(db, 'SELECT t.template, COUNT(*) AS n FROM events e JOIN templates t USING (event_id) GROUP BY t.template ORDER BY n DESC LIMIT 1');
      assert.ok(top[0]!.n > 100);
      assert.throws(() => db.run("INSERT INTO events VALUES ('no-such-trace', 1, 'E1', NULL, NULL, NULL, NULL)"), /FOREIGN KEY/);
      assert.throws(() => db.run("INSERT INTO parameters VALUES ('no-such-trace', 1, 0, 'x')"), /FOREIGN KEY/);
      assert.throws(() => db.run("INSERT INTO transitions VALUES (99999, 123456, 123456, 'E1', 1, 0.5, NULL, NULL, NULL, NULL, NULL)"), /FOREIGN KEY/);
      assert.throws(() => db.run("DELETE FROM traces WHERE trace_id = (SELECT trace_id FROM events LIMIT 1)"), /FOREIGN KEY/);
    } finally { db.close(); }
    // CSVs mirror the tables.
    const csvEvents = parseCsvRecords(readFileSync(files.csv.events!, 'utf8'));
    assert.equal(csvEvents.length, files.rows.events);
    assert.deepEqual(Object.keys(csvEvents[0]!), ['trace_id', 'seq', 'event_id', 'time_ms', 'line_id', 'transition_id', 'content']);
    const back = await readTraces(files.sqlite);
    back.db.close();
    assert.equal(back.traces.length, set.traces.length);
    const orig = new Map(set.traces.map((t) => [t.id, t]));
    for (const t of back.traces.slice(0, 200)) {
      const o = orig.get(t.id)!;
      assert.deepEqual(t.events.map((e) => [e.eventId, e.time, e.params]), o.events.map((e) => [e.eventId, e.time, e.params]));
    }
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
