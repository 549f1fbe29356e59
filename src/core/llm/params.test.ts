import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LlmClient } from './client';
import { llmParameters, checkParams } from './params';
import { startChatServer, userMessage, type ChatServer, type Reply, type RecordedRequest } from './testing/chat-server';
import { ENTRY, LOGS } from './testing/fixtures';
import { createSession, fill } from '../params/session';
import { createRng } from '../util/rng';
import type { LogStatement } from '../model';

const seq = [LOGS[0]!, LOGS[2]!, LOGS[4]!]; // E1 (3 slots), E3 (2), E5 (3)
const embedded = (logs: LogStatement[]) => { const s = createSession(createRng(7)); return logs.map((l) => fill(l, s)); };
const good = [
  ['blk_-1608999687919862906', '/10.250.19.102:54106', '/10.250.19.102:50010'],
  ['65536', 'blk_-1608999687919862906'],
  ['blk_-1608999687919862906', '67108864', '/10.250.19.102:54106'],
];

async function withServer(script: (r: RecordedRequest, i: number) => Reply, fn: (s: ChatServer) => Promise<void>) {
  const s = await startChatServer(script);
  try { await fn(s); } finally { await s.close(); }
}
const client = (s: ChatServer) => new LlmClient({ baseURL: s.baseURL, model: 'm', timeoutMs: 10_000, backoffBaseMs: 2, maxRetries: 1 });

test('values for every <*> of every event come from the model when its answer fits the sequence', async () => {
  await withServer(() => ({ content: JSON.stringify({ reasoning: 'one block, one client', values: good }) }), async (s) => {
    const r = await llmParameters({ client: client(s), entry: ENTRY, sessionId: 'S00001', logs: seq, fallback: embedded });
    assert.equal(r.source, 'llm');
    assert.deepEqual(r.values, good);
    const u = userMessage(s.requests[0]!);
    assert.match(u, /Session: S00001/);
    assert.match(u, /<\*> #1: expr `src` type String after "src:"/);
    assert.match(u, /event 2: INFO org\.apache\.hadoop\.hdfs\.server\.datanode\.DataNode: Received block <\*> of size <\*> from <\*>/);
  });
});

test('a wrong number of values is invalid: retried once, then the embedded synthesizer fills the sequence', async () => {
  await withServer(() => ({ content: JSON.stringify({ reasoning: '', values: [good[0], good[1]] }) }), async (s) => {
    const r = await llmParameters({ client: client(s), entry: ENTRY, sessionId: 'S00002', logs: seq, fallback: embedded });
    assert.equal(s.requests.length, 2);
    assert.equal(r.source, 'fallback');
    assert.equal(r.failure, 'invalid-answer');
    assert.deepEqual(r.values.map((v) => v.length), [3, 2, 3]);
    assert.deepEqual(r.values, embedded(seq));
  });
});

test('checkParams names the problem', () => {
  assert.equal(checkParams({ values: good }, seq), undefined);
  assert.match(checkParams({ values: [good[0]!, ['1'], good[2]!] }, seq)!, /event 1: expected 2 values, got 1/);
  assert.match(checkParams({ values: [good[0]!, ['a\nb', 'x'], good[2]!] }, seq)!, /several lines/);
  assert.match(checkParams({ values: [good[0]!, ['<*>', 'x'], good[2]!] }, seq)!, /<\*>/);
});

test('a sequence without slots needs no call; a dead endpoint falls back', async () => {
  const noSlots = [LOGS[1]!];
  await withServer(() => ({ destroy: true }), async (s) => {
    const r0 = await llmParameters({ client: client(s), entry: ENTRY, sessionId: 'S1', logs: noSlots, fallback: embedded });
    assert.deepEqual(r0.values, [[]]);
    assert.equal(s.requests.length, 0);
    const r = await llmParameters({ client: client(s), entry: ENTRY, sessionId: 'S1', logs: seq, fallback: embedded });
    assert.equal(r.source, 'fallback');
    assert.equal(r.failure, 'connection');
  });
});
