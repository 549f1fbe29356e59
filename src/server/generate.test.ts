// Generation through the real language server: the request runs the pipeline in a worker thread, progress
// comes as notifications, LSP cancellation stops it and keeps the partial result, the sequences of a run can
// be exported (and are never written over silently), bad entries come back as a clear error, and the
// long-lived worker loads the index from the cache file and follows edits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { repoRoot } from '../core/util/repo';
import { parseCsv } from '../core/util/csv';
import {
  ExportDatasetRequest, GenerateProgressNotification, GenerateRequest, SequencesRequest,
  type GenerateProgressParams, type GenerateSettings,
} from '../shared/protocol';
import { startTestServer } from './lsp-client';

const SERVER = join(repoRoot(), 'out', 'src', 'server', 'main.js');
const FIXTURE = join(repoRoot(), 'test', 'fixtures', 'java-small');
const RECEIVE = 'org.demo.BlockService:receiveBlock(String,long,String)';
const SETTINGS: GenerateSettings = { depth: 5, maxPaths: 2000, loopBound: 1, seed: 7, verifier: 'symbolic', paramStyle: 'log4j' };

/** A method with `n` independent ifs, each logging: 2^n paths, enough to still be enumerating when cancelled. */
function wideMethod(n: number): string {
  const ifs = Array.from({ length: n }, (_, i) => `        if (x${i} > 0) {\n            LOG.info("step ${i} value {}", x${i});\n        }`).join('\n');
  const params = Array.from({ length: n }, (_, i) => `int x${i}`).join(', ');
  return `package org.demo;\n\nimport org.slf4j.Logger;\nimport org.slf4j.LoggerFactory;\n\npublic class Wide {\n`
    + `    private static final Logger LOG = LoggerFactory.getLogger(Wide.class);\n\n    public void run(${params}) {\n${ifs}\n    }\n}\n`;
}

function workspace(): { root: string; dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'logsynth-gen-'));
  const root = join(dir, 'ws');
  cpSync(FIXTURE, root, { recursive: true });
  writeFileSync(join(root, 'src/main/java/org/demo/Wide.java'), wideMethod(20));
  return { root, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

test('generation in the worker: result, progress, export, no silent overwrite, bad entry', async () => {
  const ws = workspace();
  const server = await startTestServer(SERVER, ws.root, { trusted: true, version: 'test' });
  try {
    await server.waitState((s) => s.state === 'ready');
    const gen = await server.conn.sendRequest(GenerateRequest.type, { entries: [RECEIVE], settings: SETTINGS, runId: 'r1' });
    assert.equal(gen.error, undefined, gen.error);
    assert.equal(gen.cancelled, false);
    assert.equal(gen.runId, 'r1');
    assert.ok(gen.sequences.length >= 3, `sequences: ${gen.sequences.length}`);
    assert.equal(gen.stats.sequences, gen.sequences.length);
    assert.equal(gen.stats.normal + gen.stats.anomaly, gen.sequences.length);
    assert.ok(gen.sequences.some((s) => s.label === 'Anomaly'), 'the catch path is labeled Anomaly');
    assert.ok(gen.sequences.some((s) => s.label === 'Normal'));
    for (const s of gen.sequences) {
      assert.equal(s.entry, RECEIVE);
      assert.equal(s.events[0]!.template, 'Receiving block <*> of size <*> from <*>');
    }
    assert.equal(gen.total, gen.sequences.length);
    // Paging: a small page comes back, the rest is asked for.
    const paged = await server.conn.sendRequest(GenerateRequest.type, { entries: [RECEIVE], settings: SETTINGS, runId: 'r1p', pageSize: 1 });
    assert.equal(paged.sequences.length, 1);
    assert.equal(paged.total, gen.total);
    const rest = await server.conn.sendRequest(SequencesRequest.type, { runId: 'r1p', offset: 1 });
    assert.equal(rest.total, gen.total);
    assert.deepEqual([...paged.sequences, ...rest.sequences].map((s) => s.sessionId), gen.sequences.map((s) => s.sessionId));
    const anomalies = await server.conn.sendRequest(SequencesRequest.type, { runId: 'r1p', label: 'Anomaly' });
    assert.equal(anomalies.total, gen.stats.anomaly);
    const one = await server.conn.sendRequest(SequencesRequest.type, { runId: 'r1p', sessionIds: [gen.sequences.at(-1)!.sessionId] });
    assert.deepEqual(one.sequences.map((s) => s.sessionId), [gen.sequences.at(-1)!.sessionId]);
    // Same seed, same data set.
    const again = await server.conn.sendRequest(GenerateRequest.type, { entries: [RECEIVE], settings: SETTINGS, runId: 'r1b' });
    assert.deepEqual(again.sequences.map((s) => s.events.map((e) => e.raw)), gen.sequences.map((s) => s.events.map((e) => e.raw)));

    const out = join(ws.dir, 'dataset');
    const exp = await server.conn.sendRequest(ExportDatasetRequest.type, { runId: 'r1', dir: out, name: 'demo', formats: ['loghub', 'json'], overwrite: false });
    assert.equal(exp.error, undefined, exp.error);
    assert.ok(existsSync(join(out, 'demo.log_structured.csv')) && existsSync(join(out, 'sequences.json')));
    assert.equal(JSON.parse(readFileSync(join(out, 'sequences.json'), 'utf8')).length, gen.sequences.length);
    const [header, ...rows] = parseCsv(readFileSync(join(out, 'demo.log_templates.csv'), 'utf8'));
    assert.deepEqual(header, ['EventId', 'EventTemplate', 'Occurrences']);
    assert.equal(rows.length, 27, 'every template of the index is listed, generated or not');
    const refused = await server.conn.sendRequest(ExportDatasetRequest.type, { runId: 'r1', dir: out, name: 'demo', formats: ['json'], overwrite: false });
    assert.ok(refused.exists?.includes('sequences.json'));
    assert.deepEqual(refused.files, []);
    const forced = await server.conn.sendRequest(ExportDatasetRequest.type, { runId: 'r1b', dir: out, name: 'demo', formats: ['json'], overwrite: true });
    assert.equal(forced.error, undefined, forced.error);
    assert.match((await server.conn.sendRequest(ExportDatasetRequest.type, { runId: 'nope', dir: out, name: 'demo', formats: ['json'], overwrite: true })).error ?? '', /no generated sequences/);
    assert.match((await server.conn.sendRequest(ExportDatasetRequest.type, { runId: 'r1', dir: out, name: '../x', formats: ['json'], overwrite: true })).error ?? '', /may hold only/);

    // The anomaly cap setting reaches the worker: no anomalies at a share of 0, every normal kept.
    const capped = await server.conn.sendRequest(GenerateRequest.type, { entries: [RECEIVE], settings: { ...SETTINGS, maxAnomalyShare: 0 }, runId: 'r1c' });
    assert.equal(capped.stats.anomaly, 0);
    assert.equal(capped.stats.normal, gen.stats.normal);
    const bad = await server.conn.sendRequest(GenerateRequest.type, { entries: ['BlockService:nope()'], settings: SETTINGS, runId: 'r2' });
    assert.match(bad.error ?? '', /unknown entry 'BlockService:nope\(\)'/);
    assert.deepEqual(bad.sequences, []);
  } finally {
    await server.stop();
    ws.cleanup();
  }
});

test('generation: cancel keeps the partial result; progress counts paths', async () => {
  const ws = workspace();
  const server = await startTestServer(SERVER, ws.root, { trusted: true, version: 'test' });
  try {
    await server.waitState((s) => s.state === 'ready');
    const progress: GenerateProgressParams[] = [];
    const source = new CancellationTokenSource();
    server.conn.onNotification(GenerateProgressNotification.type, (p) => {
      progress.push(p);
      if (p.runId === 'big' && p.enumerated > 0) source.cancel();
    });
    const settings = { ...SETTINGS, maxPaths: 1_000_000 };
    const res = await server.conn.sendRequest(GenerateRequest.type, { entries: ['org.demo.Wide:run'], settings, runId: 'big' }, source.token);
    assert.equal(res.error, undefined, res.error);
    assert.equal(res.cancelled, true);
    assert.ok(progress.length > 0 && progress.every((p) => p.runId === 'big' && p.entriesTotal === 1));
    assert.ok(res.stats.pathsEnumerated > 0 && res.stats.pathsEnumerated < 2 ** 20, `enumerated ${res.stats.pathsEnumerated}`);
    assert.ok(res.sequences.length > 0, 'what was generated before the cancel is kept');
    assert.equal(res.stats.sequences, res.sequences.length);
  } finally {
    await server.stop();
    ws.cleanup();
  }
});

test('generation worker: loads the index from the cache file and follows edits', async () => {
  const ws = workspace();
  const cache = join(ws.dir, 'storage', 'index.sqlite');
  const server = await startTestServer(SERVER, ws.root, { trusted: true, version: 'test', indexCachePath: cache });
  try {
    await server.waitState((s) => s.state === 'ready');
    const DELETE = 'org.demo.BlockService:deleteBlock(String)';
    const templates = async (runId: string) => {
      const r = await server.conn.sendRequest(GenerateRequest.type, { entries: [DELETE], settings: SETTINGS, runId });
      assert.equal(r.error, undefined, r.error);
      return new Set(r.sequences.flatMap((s) => s.events.map((e) => e.template)));
    };
    assert.deepEqual(await templates('a'), new Set(['Deleted block <*>', 'Block <*> not found for deletion']));
    assert.ok(server.logs.some((l) => /generation worker ready: 3 files loaded/.test(l)), server.logs.join('\n'));
    // An edit in an open editor reaches the worker's copy of the index.
    const file = join(ws.root, 'src/main/java/org/demo/BlockService.java');
    const uri = pathToFileURL(file).toString();
    await server.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'java', version: 1, text: readFileSync(file, 'utf8') } });
    const v = server.states.at(-1)!.version;
    await server.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 25, character: 0 }, end: { line: 25, character: 0 } }, text: '        LOG.debug("Deleting block {}", blockId);\n' }],
    });
    await server.waitState((s) => s.version > v);
    assert.deepEqual(await templates('b'), new Set(['Deleting block <*>', 'Deleted block <*>', 'Block <*> not found for deletion']));
  } finally {
    await server.stop();
    ws.cleanup();
  }
});
