// Golden and end-to-end tests of the code-guided pipeline on the bundled sample (examples/datanode).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { WorkspaceIndex } from '../workspace/workspace-index';
import { buildCallGraph } from '../callgraph/callgraph';
import { generate, UnknownEntryError } from './generate';
import { templateToRegex } from '../java/template';
import { repoRoot } from '../util/repo';
import type { GenerateResult } from './types';
import type { Verifier } from '../model';
import { SymbolicVerifier } from '../verify/symbolic';

const sample = join(repoRoot(), 'examples', 'datanode');
const goldenDir = join(repoRoot(), 'test', 'golden');
const opened = (async () => {
  const index = await WorkspaceIndex.build(sample, {});
  return { index, graph: buildCallGraph(index) };
})();

async function run(entries: string[], seed = 7, extra: { maxPaths?: number } = {}): Promise<GenerateResult> {
  const { index, graph } = await opened;
  return generate(index, graph, { entries, depth: 5, maxPaths: extra.maxPaths ?? 2000, loopBound: 1, seed, sourceRoot: sample });
}

/** Compares against test/golden/<name>.txt; UPDATE_GOLDEN=1 rewrites it (review the diff before committing). */
function golden(name: string, actual: string): void {
  const file = join(goldenDir, `${name}.txt`);
  if (process.env.UPDATE_GOLDEN || !existsSync(file)) {
    mkdirSync(goldenDir, { recursive: true });
    writeFileSync(file, actual);
    if (!process.env.UPDATE_GOLDEN) assert.fail(`golden file ${file} was missing and has been written: review and commit it`);
    return;
  }
  assert.equal(actual, readFileSync(file, 'utf8'), `differs from ${file} (UPDATE_GOLDEN=1 to accept a reviewed change)`);
}

function sequenceTable(r: GenerateResult): string {
  return r.sequences
    .map((s) => `${s.label.padEnd(7)} ${s.events.map((e) => e.template).join(' | ')}`)
    .sort()
    .join('\n') + '\n';
}

test('receiveBlock: golden sequences, and the contradictory early-return path is rejected', async () => {
  const r = await run(['BlockReceiver:receiveBlock']);
  golden('datanode-receiveBlock', sequenceTable(r));
  // The sample tests `block == null` twice around an early return: a path reaching the second log is impossible.
  assert.ok(r.stats.pathsRejected > 0, 'the verifier rejected nothing');
  assert.ok(!r.sequences.some((s) => s.events.some((e) => e.template.startsWith('Block disappeared after receiving'))),
    'a sequence claims the impossible "Block disappeared" event');
  assert.ok(r.sequences.some((s) => s.label === 'Normal' && s.events[0]?.template.startsWith('Receiving block')));
});

test('every rendered event matches its own template, timestamps increase, labels carry reasons', async () => {
  const { graph } = await opened;
  const entries = graph.entries({ top: 8 }).map((e) => e.methodId);
  const r = await run(entries, 11, { maxPaths: 500 });
  assert.ok(r.sequences.length > 20, `only ${r.sequences.length} sequences`);
  for (const s of r.sequences) {
    let last = '';
    for (const e of s.events) {
      assert.match(e.content, templateToRegex(e.template), `${e.content} !~ ${e.template}`);
      assert.ok(!e.content.includes('\n') && !e.raw.includes('\n'), 'a raw line spans lines');
      const stamp = `${e.date} ${e.time}`;
      assert.ok(stamp >= last, `time goes back in ${s.sessionId}`);
      last = stamp;
    }
    if (s.label === 'Anomaly') assert.ok(s.labelReasons.length > 0, `anomaly ${s.sessionId} without a reason`);
    else assert.deepEqual(s.labelReasons, []);
  }
  assert.ok(r.stats.normal > 0 && r.stats.anomaly > 0);
});

test('same seed, same data; another seed, other parameter values', async () => {
  const a = await run(['DataXceiver:run'], 5);
  const b = await run(['DataXceiver:run'], 5);
  const c = await run(['DataXceiver:run'], 6);
  const raw = (r: GenerateResult) => r.sequences.flatMap((s) => s.events.map((e) => e.raw)).join('\n');
  assert.equal(raw(a), raw(b));
  assert.notEqual(raw(a), raw(c));
});

test('an unknown entry names the nearest signatures', async () => {
  await assert.rejects(run(['DataNode:runDatanodeDeamon']), (e: unknown) =>
    e instanceof UnknownEntryError && e.suggestions.some((s) => s.includes('runDatanodeDaemon')));
});

test('maxAnomalyShare keeps every Normal sequence and a seeded sample of anomalies within the share', async () => {
  const { index, graph } = await opened;
  const entries = graph.entries({ top: 6 }).map((e) => e.methodId);
  const base = { entries, depth: 5, maxPaths: 400, loopBound: 1, seed: 3, sourceRoot: sample };
  const all = await generate(index, graph, base);
  const capped = await generate(index, graph, { ...base, maxAnomalyShare: 0.5 });
  const again = await generate(index, graph, { ...base, maxAnomalyShare: 0.5 });
  assert.ok(all.stats.anomaly > all.stats.normal, 'the sample yields more anomalies than normals');
  assert.equal(capped.stats.normal, all.stats.normal);
  assert.equal(capped.stats.anomaly, all.stats.normal, 'a share of 0.5 keeps as many anomalies as normals');
  assert.equal(capped.sequences.length, capped.stats.normal + capped.stats.anomaly);
  const ids = (r: GenerateResult) => r.sequences.map((s) => s.sessionId);
  assert.deepEqual(ids(again), ids(capped));
  const allIds = ids(all);
  let last = -1;
  for (const id of ids(capped)) { const i = allIds.indexOf(id); assert.ok(i > last, 'order kept'); last = i; }
  const none = await generate(index, graph, { ...base, maxAnomalyShare: 0 });
  assert.equal(none.stats.anomaly, 0);
  await assert.rejects(generate(index, graph, { ...base, maxAnomalyShare: 1.5 }), /between 0 and 1/);
});

test('paths judged as the walk finds them give what judging them all afterwards gives', async () => {
  const { index, graph } = await opened;
  const entries = graph.entries({ top: 12, depth: 5 }).map((e) => e.methodId);
  const symbolic = new SymbolicVerifier();
  // the same verifier without its synchronous check: generation copies every path, then verifies the list
  const batch: Verifier = { name: 'symbolic', verify: (paths, ctx) => symbolic.verify(paths, ctx) };
  const opts = { entries, depth: 5, maxPaths: 300, loopBound: 1, seed: 11, sourceRoot: sample };
  const streamed = await generate(index, graph, { ...opts, verifier: symbolic });
  const listed = await generate(index, graph, { ...opts, verifier: batch });
  assert.ok(streamed.stats.pathsRejected > 0 && streamed.sequences.length > 20, 'a run with rejections and many sequences');
  assert.deepEqual(streamed.sequences, listed.sequences);
  const { seconds: _a, ...s1 } = streamed.stats;
  const { seconds: _b, ...s2 } = listed.stats;
  assert.deepEqual(s1, s2);
});
