// The from-logs workflow through the language server (run in its worker thread) on the real HDFS_2k log:
// recover a state machine, synthesize from it, measure fidelity, code-meets-logs coverage against the
// workspace's index (its counts in the hover of log calls, until cleared), the evaluation bench on a real
// HDFS_100k slice plus the synthetic set just written (progress, cancel keeps finished runs), and a clear
// message for a log that does not exist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { repoRoot, sharedDir } from '../core/util/repo';
import { parseCsvRecords, toCsv } from '../core/util/csv';
import { readSessions } from '../core/eval/data';
import { ClearCoverageNotification, CoverageRequest, FileInfoRequest, LogsJobProgressNotification, LogsJobRequest, StatisticsRequest, type LogsJobProgressParams } from '../shared/protocol';
import { startTestServer } from './lsp-client';

const SERVER = join(repoRoot(), 'out', 'src', 'server', 'main.js');
const HDFS = join(sharedDir(), 'data', 'hdfs', 'HDFS_2k.log');

/** 400 real HDFS_100k sessions (300 of its training split, 100 of its test split) and its templates. */
function realSlice(dir: string): string {
  const hdfs = join(sharedDir(), 'data', 'hdfs');
  const all = readSessions(join(hdfs, 'HDFS_100k_sessions.csv'));
  const rows = [...all.filter((s) => s.split === 'train').slice(0, 300), ...all.filter((s) => s.split === 'test').slice(0, 100)];
  const real = join(dir, 'slice_sessions.csv');
  writeFileSync(real, toCsv(['BlockId', 'Label', 'Split', 'EventSequence'], rows.map((s) => [s.id, s.label, s.split, s.events.join(' ')])));
  copyFileSync(join(hdfs, 'HDFS_100k_templates.csv'), join(dir, 'slice_templates.csv'));
  return real;
}

test('logs jobs: recover, synthesize, fidelity, coverage on HDFS_2k', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'logsynth-logs-'));
  const root = join(dir, 'ws');
  cpSync(join(repoRoot(), 'test', 'fixtures', 'java-small'), root, { recursive: true });
  const server = await startTestServer(SERVER, root, { trusted: true, version: 'test' });
  try {
    await server.waitState((s) => s.state === 'ready');
    const fsm = join(dir, 'fsm');
    const rec = await server.conn.sendRequest(LogsJobRequest.type, { op: 'recover', log: HDFS, outDir: fsm });
    assert.equal(rec.error, undefined, rec.error);
    assert.match(rec.summary, /^state machine from \d+ traces: \d+ states, \d+ transitions/);
    assert.ok(existsSync(join(fsm, 'machine.json')) && rec.files.every((f) => existsSync(f)));

    const syn = join(dir, 'syn');
    const s = await server.conn.sendRequest(LogsJobRequest.type, { op: 'synthesize', fsmDir: fsm, outDir: syn, traces: 40, seed: 3 });
    assert.equal(s.error, undefined, s.error);
    assert.match(s.summary, /^40 synthetic traces/);
    assert.ok(s.files.length > 0 && s.files.every((f) => existsSync(f)));

    const fid = await server.conn.sendRequest(LogsJobRequest.type, { op: 'fidelity', fsmDir: fsm, synDir: syn });
    assert.equal(fid.error, undefined, fid.error);
    assert.equal(fid.report?.kind, 'fidelity');
    assert.equal(fid.report?.metrics['Accepted by machine'], 1, 'synthetic traces are walks of the machine');
    assert.match(fid.markdown ?? '', /\S/);

    const cov = await server.conn.sendRequest(LogsJobRequest.type, { op: 'coverage', log: HDFS });
    assert.equal(cov.error, undefined, cov.error);
    const stats = await server.conn.sendRequest(StatisticsRequest.type);
    assert.match(cov.summary, new RegExp(`^\\d+ of ${stats.logs} log statements seen`), 'coverage is of this workspace\'s index');

    // Code meets logs: per-template counts come back, and the hover of each log call says the same.
    const counts = cov.coverage!;
    assert.equal(counts.log, HDFS);
    const uri = pathToFileURL(join(root, 'src/main/java/org/demo/BlockService.java')).toString();
    const info = await server.conn.sendRequest(FileInfoRequest.type, { uri });
    assert.ok(info.logs.length >= 5 && info.logs.every((l) => l.template in counts.seen), 'every log call of the file has a count');
    const values = info.logs.map((l) => counts.seen[l.template]);
    assert.ok(values.some((v) => typeof v === 'number' && v > 0), `the HDFS log shows some of these calls: ${JSON.stringify(values)}`);
    assert.ok(values.includes(0), `and never shows others: ${JSON.stringify(values)}`);
    const hoverAt = async (line: number) => {
      const h = await server.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: line - 1, character: 12 } });
      return (h?.contents as MarkupContent | undefined)?.value ?? '';
    };
    for (const l of info.logs) {
      const n = counts.seen[l.template];
      const want = n === 0 ? /\*\*Logs:\*\* never seen in the logs \(`HDFS_2k\.log`\)/
        : typeof n === 'number' ? new RegExp(`\\*\\*Logs:\\*\\* seen ${n.toLocaleString('en-US')} times? in production logs`) : /too generic/;
      assert.match(await hoverAt(l.line), want, `hover of line ${l.line}`);
    }
    await server.conn.sendNotification(ClearCoverageNotification.type);
    const cleared = await hoverAt(info.logs[0]!.line);
    assert.match(cleared, /\S/, 'the hover itself stays');
    assert.doesNotMatch(cleared, /\*\*Logs:\*\*/, 'the coverage line is gone');

    // The evaluation bench in the worker, on a real slice plus the state-machine set written above.
    const real = realSlice(dir);
    const out = join(dir, 'eval');
    const progress: LogsJobProgressParams[] = [];
    const sub = server.conn.onNotification(LogsJobProgressNotification.type, (p) => progress.push(p));
    const ev = await server.conn.sendRequest(LogsJobRequest.type, { op: 'evaluate', real, synthetic: [syn], models: 'fast', seeds: 1, out, progressId: 'p1' });
    sub.dispose();
    assert.equal(ev.error, undefined, ev.error);
    assert.equal(ev.cancelled, false);
    assert.equal(ev.report?.kind, 'eval');
    assert.deepEqual(ev.files.map((f) => f.slice(out.length + 1)), ['results.csv', 'summary.csv', 'results.md']);
    const rows = parseCsvRecords(readFileSync(join(out, 'results.csv'), 'utf8'));
    // real, real+syn, real+oversample x 8 fast models x 1 seed
    assert.equal(rows.length, 3 * 8);
    assert.deepEqual([...new Set(rows.map((r) => r.training))], ['real', 'real+syn', 'real+oversample']);
    assert.equal(ev.report?.eval?.rows.length, 3 * 8, 'the report view gets the summary');
    assert.ok(progress.length > 0 && progress.every((p) => p.progressId === 'p1'));
    assert.equal(Math.max(...progress.map((p) => p.done)), 24);

    // Cancel after the third finished run: the answer and the files hold the finished runs.
    const cts = new CancellationTokenSource();
    const out2 = join(dir, 'eval2');
    let finished = 0;
    const sub2 = server.conn.onNotification(LogsJobProgressNotification.type, (p) => {
      if (p.progressId === 'p2' && /F1 \d/.test(p.message) && ++finished === 3) cts.cancel();
    });
    const ev2 = await server.conn.sendRequest(LogsJobRequest.type, { op: 'evaluate', real, synthetic: [syn], models: 'fast', seeds: 20, out: out2, progressId: 'p2' }, cts.token);
    sub2.dispose();
    assert.equal(ev2.error, undefined, ev2.error);
    assert.equal(ev2.cancelled, true);
    const kept = parseCsvRecords(readFileSync(join(out2, 'results.csv'), 'utf8')).length;
    assert.ok(kept >= 3 && kept < 20 * 3 * 8, `finished runs kept, the rest not run (${kept})`);
    assert.match(ev2.summary, /cancelled, finished runs kept/);

    const badEval = await server.conn.sendRequest(LogsJobRequest.type, { op: 'evaluate', real: join(dir, 'none.csv'), synthetic: [syn], out: join(dir, 'e3') });
    assert.match(badEval.error ?? '', /none\.csv/);

    const bad = await server.conn.sendRequest(LogsJobRequest.type, { op: 'recover', log: join(dir, 'nope.log'), outDir: fsm });
    assert.match(bad.error ?? '', /nope\.log/);
    const notFsm = await server.conn.sendRequest(LogsJobRequest.type, { op: 'synthesize', fsmDir: dir, outDir: syn, traces: 5 });
    assert.match(notFsm.error ?? '', /machine\.json/);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('coverage counts are kept in the index cache: a restarted server still shows them, until cleared', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'logsynth-cov-'));
  const root = join(dir, 'ws');
  cpSync(join(repoRoot(), 'test', 'fixtures', 'java-small'), root, { recursive: true });
  const init = { trusted: true, version: 'test', indexCachePath: join(dir, 'storage', 'index.sqlite') };
  const uri = pathToFileURL(join(root, 'src/main/java/org/demo/BlockService.java')).toString();
  const hoverOfFirstLog = async (server: Awaited<ReturnType<typeof startTestServer>>) => {
    const info = await server.conn.sendRequest(FileInfoRequest.type, { uri });
    const h = await server.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: info.logs[0]!.line - 1, character: 12 } });
    return (h?.contents as MarkupContent | undefined)?.value ?? '';
  };
  try {
    let server = await startTestServer(SERVER, root, init);
    let counts;
    try {
      await server.waitState((s) => s.state === 'ready');
      assert.equal(await server.conn.sendRequest(CoverageRequest.type), null, 'no coverage run yet');
      const cov = await server.conn.sendRequest(LogsJobRequest.type, { op: 'coverage', log: HDFS });
      assert.equal(cov.error, undefined, cov.error);
      counts = cov.coverage!;
      assert.deepEqual(await server.conn.sendRequest(CoverageRequest.type), counts);
    } finally {
      await server.stop(); // the server saves its cache when it shuts down
    }
    server = await startTestServer(SERVER, root, init);
    try {
      await server.waitState((s) => s.state === 'ready');
      assert.deepEqual(await server.conn.sendRequest(CoverageRequest.type), counts, 'the counts survive the restart');
      assert.match(await hoverOfFirstLog(server), /\*\*Logs:\*\*/);
      await server.conn.sendNotification(ClearCoverageNotification.type);
      assert.equal(await server.conn.sendRequest(CoverageRequest.type), null);
    } finally {
      await server.stop();
    }
    server = await startTestServer(SERVER, root, init);
    try {
      await server.waitState((s) => s.state === 'ready');
      assert.equal(await server.conn.sendRequest(CoverageRequest.type), null, 'cleared stays cleared');
      assert.doesNotMatch(await hoverOfFirstLog(server), /\*\*Logs:\*\*/);
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
