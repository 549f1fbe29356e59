import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedDir } from '../util/repo';
import { parseCsvRecords } from '../util/csv';
import { compileFormat, LOG_PRESETS } from '../logs/format';
import { parseLogFile, structuredRecords } from '../logs/parse-log';
import { parseSessionKey, tracesFromRecords, tracesFromSessionsCsv, extractParams, parseTimestamp } from '../logs/traces';
import { accepts, learnMachine } from '../fsm/learn';
import { learnMachineAutoK } from '../fsm/auto-k';
import { openDatabase } from '../db/sqlite';
import { foreignKeyViolations } from '../relational/write';
import { fidelityReport } from '../fidelity/report';
import { synthesize, freshLike } from './generate';
import { writeSynthetic } from './export';
import { createRng } from '../util/rng';

const hdfs = join(sharedDir(), 'data', 'hdfs');

async function hdfs2kMachine() {
  const p = LOG_PRESETS.hdfs!;
  const parsed = await parseLogFile(join(hdfs, 'HDFS_2k.log'), { format: compileFormat(p.format), drain: p.drain });
  const set = await tracesFromRecords(structuredRecords(parsed), parseSessionKey(p.sessionKey!));
  return { set, m: learnMachine(set.traces, { k: 2, templates: set.templates, ...(set.timeStyle ? { timeStyle: set.timeStyle } : {}), source: 'HDFS_2k' }) };
}

test('synthetic traces from HDFS_2k pass every constraint check and export like the code-guided data sets', async () => {
  const { set, m } = await hdfs2kMachine();
  const { traces, stats } = synthesize(m, { traces: 400, seed: 7 });
  assert.equal(traces.length, 400);
  assert.equal(stats.events, traces.reduce((n, t) => n + t.events.length, 0));
  const report = fidelityReport(m, set.traces, traces);
  assert.equal(report.constraints.accepted, 1);
  assert.equal(report.constraints.monotonicTimestamps, 1);
  assert.equal(report.constraints.identifierConsistency, 1);
  assert.equal(report.process.fitness, 1);
  assert.ok(report.similarity.eventJsd < 0.05, `event JSD ${report.similarity.eventJsd}`);
  // Session ids look like the real ones and the rendered content fits its template.
  const tpl = new Map(m.templates.map((t) => [t.eventId, t.template]));
  const sessionSlots = new Set(m.slots.filter((s) => s.group === 0).map((s) => `${s.eventId}#${s.slot}`));
  assert.ok(sessionSlots.size >= 5);
  let checked = 0;
  for (const t of traces) {
    assert.match(t.id, /^blk_-?\d+$/);
    for (const e of t.events) {
      assert.deepEqual(extractParams(tpl.get(e.eventId)!, e.content!), e.params);
      e.params.forEach((p, i) => { if (sessionSlots.has(`${e.eventId}#${i}`)) { assert.equal(p, t.id, 'the block id of the trace is in its lines'); checked++; } });
    }
  }
  assert.ok(checked > 300);
  // Lists of ids that name the trace's block (HDFS `ask <*> to delete <*>`) name the synthetic trace's block too.
  const lists = new Set(m.slots.filter((s) => s.listsKey).map((s) => `${s.eventId}#${s.slot}`));
  assert.ok(lists.size >= 1);
  let listed = 0;
  for (const t of traces) for (const e of t.events) e.params.forEach((p, i) => {
    if (lists.has(`${e.eventId}#${i}`)) { assert.ok(p.split(' ').includes(t.id), `${p} names ${t.id}`); listed++; }
  });
  assert.ok(listed > 0);
  const dir = mkdtempSync(join(tmpdir(), 'logsynth-synth-'));
  try {
    const files = await writeSynthetic(dir, m, traces, { name: 'HDFS_synth' });
    for (const f of ['HDFS_synth.log', 'HDFS_synth.log_structured.csv', 'HDFS_synth.log_templates.csv', 'anomaly_label.csv', 'sessions.csv', 'dataset.sqlite']) {
      assert.ok(existsSync(join(dir, f)), f);
    }
    const sessions = parseCsvRecords(readFileSync(join(dir, 'sessions.csv'), 'utf8'));
    assert.equal(sessions.length, 400);
    assert.deepEqual(Object.keys(sessions[0]!), ['SessionId', 'Label', 'EventSequence']);
    // The raw synthetic lines parse back with the HDFS format and carry times in the source's style.
    const raw = readFileSync(join(dir, 'HDFS_synth.log'), 'utf8').split('\n').filter(Boolean);
    const fmt = compileFormat(LOG_PRESETS.hdfs!.format);
    const first = fmt.regex.exec(raw[0]!)!.groups!;
    assert.ok(parseTimestamp(first.Date, first.Time)! >= m.starts!.min);
    const db = await openDatabase(files.relational.sqlite);
    try {
      assert.deepEqual(foreignKeyViolations(db), []);
      assert.throws(() => db.run("INSERT INTO parameters VALUES ('nope', 1, 0, 'x')"), /FOREIGN KEY/);
    } finally { db.close(); }
    await assert.rejects(writeSynthetic(dir, m, traces, { name: 'HDFS_synth' }), /not empty/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('labeled synthesis from HDFS_100k sessions: labels ride the paths, amplification raises rare paths, seeds repeat', () => {
  const set = tracesFromSessionsCsv(readFileSync(join(hdfs, 'HDFS_100k_sessions.csv'), 'utf8'), readFileSync(join(hdfs, 'HDFS_100k_templates.csv'), 'utf8'));
  const { machine: m, k, tried } = learnMachineAutoK(set.traces, { templates: set.templates });
  assert.ok(k > 2 && tried[0]!.lengthKs > 0.05, 'k = 2 loses the length distribution; auto picks a larger k');
  const plain = synthesize(m, { traces: 2000, seed: 1, amplify: 0 });
  const amped = synthesize(m, { traces: 2000, seed: 1, amplify: 1.5 });
  for (const t of [...plain.traces, ...amped.traces]) assert.ok(accepts(m, t), t.id);
  const rPlain = fidelityReport(m, set.traces, plain.traces);
  const rAmp = fidelityReport(m, set.traces, amped.traces);
  assert.ok(Math.abs((plain.stats.byLabel.Anomaly ?? 0) / 2000 - 313 / 7940) < 0.02, 'anomaly share near the real one');
  assert.ok(rPlain.similarity.lengthKs <= 0.1, `length KS ${rPlain.similarity.lengthKs}`);
  assert.ok(Math.abs(rPlain.amplification.factor! - 1) < 0.5, `plain walks take rare transitions about as often as real traces (${rPlain.amplification.factor})`);
  assert.ok(rAmp.amplification.factor! > 2 * rPlain.amplification.factor!,
    `rare transitions x${rPlain.amplification.factor} -> x${rAmp.amplification.factor}`);
  assert.ok(rPlain.similarity.transitionJsd < rAmp.similarity.transitionJsd, 'plain sampling is closer to the real distribution');
  assert.deepEqual(synthesize(m, { traces: 50, seed: 1 }).traces, synthesize(m, { traces: 50, seed: 1 }).traces);
  const forced = synthesize(m, { traces: 500, seed: 3, anomalyRatio: 0.5 });
  assert.ok(Math.abs((forced.stats.byLabel.Anomaly ?? 0) / 500 - 0.5) < 0.1);
  assert.throws(() => synthesize(m, { traces: 1, amplify: -1 }), /amplify/);
});

test('fresh identifiers keep the shape of real ones', () => {
  const rng = createRng(5);
  const v = freshLike('blk_-1608999687919862906', rng);
  assert.match(v, /^blk_-[1-9]\d{18}$/);
  assert.match(freshLike('10.251.73.220:50010', rng), /^\d{2}\.\d{3}\.\d{2}\.\d{3}:\d{5}$/);
});
