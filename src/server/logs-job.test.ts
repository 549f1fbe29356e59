// The from-logs workflow through the language server (run in its worker thread) on the real HDFS_2k log:
// recover a state machine, synthesize from it, measure fidelity, code-meets-logs coverage against the
// workspace's index, and a clear message for a log that does not exist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, sharedDir } from '../core/util/repo';
import { LogsJobRequest, StatisticsRequest } from '../shared/protocol';
import { startTestServer } from './lsp-client';

const SERVER = join(repoRoot(), 'out', 'src', 'server', 'main.js');
const HDFS = join(sharedDir(), 'data', 'hdfs', 'HDFS_2k.log');

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

    const bad = await server.conn.sendRequest(LogsJobRequest.type, { op: 'recover', log: join(dir, 'nope.log'), outDir: fsm });
    assert.match(bad.error ?? '', /nope\.log/);
    const notFsm = await server.conn.sendRequest(LogsJobRequest.type, { op: 'synthesize', fsmDir: dir, outDir: syn, traces: 5 });
    assert.match(notFsm.error ?? '', /machine\.json/);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
