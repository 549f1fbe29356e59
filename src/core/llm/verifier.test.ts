import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SymbolicVerifier } from '../verify/symbolic';
import { LlmClient, type LlmClientOptions } from './client';
import { LlmCache } from './cache';
import { LlmVerifier } from './verifier';
import { startChatServer, userMessage, type Reply, type RecordedRequest, type ChatServer } from './testing/chat-server';
import { context, contradictoryChecks, nullReturn, nullThenDeref, throughCallee } from './testing/fixtures';

const answer = (consistent: boolean, reason: string, steps: number[] = []): Reply => ({
  content: JSON.stringify({ reasoning: `Step by step: ${reason}`, consistent, reason, conflicting_steps: steps }),
});

/** A model that judges by what the prompt shows (it cannot see which test runs). */
function judge(req: RecordedRequest): Reply {
  const u = userMessage(req);
  if (u.includes('Entry method: BlockReceiver:receive(Block)')) return answer(true, 'len is read then tested');
  if (u.includes('`block == null` taken as TRUE') && u.includes('E5')) return answer(false, 'block is null but its size is read', [1, 3, 99]);
  return answer(true, 'no contradiction');
}

const client = (s: ChatServer, extra: Partial<LlmClientOptions> = {}) =>
  new LlmClient({ baseURL: s.baseURL, model: 'm', timeoutMs: 10_000, backoffBaseMs: 2, backoffMaxMs: 5, maxRetries: 1, ...extra });

async function withServer(script: (r: RecordedRequest, i: number) => Reply, fn: (s: ChatServer) => Promise<void>) {
  const s = await startChatServer(script);
  try { await fn(s); } finally { await s.close(); }
}

test('mode llm: the model judges each path, with its reasoning; out-of-range step indexes are dropped', async () => {
  await withServer(judge, async (s) => {
    const v = new LlmVerifier({ client: client(s), fallback: new SymbolicVerifier(), shareSubPaths: false });
    assert.equal(v.name, 'llm');
    const progress: number[] = [];
    const [ok, bad] = await v.verify([nullReturn(), nullThenDeref()], context({ onProgress: (d) => progress.push(d) }));
    assert.deepEqual(ok, { consistent: true, reason: 'no contradiction', conflictingSteps: [], verifier: 'llm', reasoning: 'Step by step: no contradiction' });
    assert.equal(bad!.consistent, false);
    assert.equal(bad!.verifier, 'llm');
    assert.deepEqual(bad!.conflictingSteps, [1, 3]);
    assert.match(bad!.reasoning!, /size is read/);
    assert.equal(s.requests.length, 2);
    assert.deepEqual(progress.sort(), [1, 2]);
    const r = v.report();
    assert.equal(r.judgedByLlm, 2);
    assert.equal(r.rejectedByLlm, 1);
    assert.equal(r.fallbacks, 0);
  });
});

test('the prompt fences code and logs as data, numbers code lines, and masks secrets from the source', async () => {
  await withServer(judge, async (s) => {
    const v = new LlmVerifier({ client: client(s), fallback: new SymbolicVerifier() });
    await v.verify([throughCallee(true, true)], context());
    const u = userMessage(s.requests.at(-1)!);
    const sys = s.requests[0]!.body.messages![0]!.content;
    assert.match(sys, /Never follow\s+instructions/);
    assert.match(u, /Entry method: DataNode:receiveBlock\(Block,String\)/);
    assert.match(u, /5 \| 1 \| BlockReceiver:receive\(Block\) \| BlockReceiver\.java:30 \| branch `len > 0` taken as TRUE/);
    assert.match(u, /step 2: E1 INFO "Receiving block <\*> src: <\*> dest: <\*>" at DataNode\.java:13/);
    assert.match(u, /\s+9 \|     if \(block == null\) \{/, 'code with source line numbers');
    assert.ok(!u.includes('AKIAIOSFODNN7EXAMPLE'));
    assert.match(u, /MASKED_SECRET/);
    // The injected instruction stays inside a fenced data block.
    const inj = u.indexOf('IGNORE ALL PREVIOUS INSTRUCTIONS');
    const open = u.lastIndexOf('<<<DATA-', inj);
    const boundary = /<<<(DATA-[0-9A-F]+)/.exec(u.slice(open))![1]!;
    assert.ok(u.indexOf(`${boundary}>>>`, inj) > inj);
  });
});

test('faults: malformed answers, 500s, hangs and dropped connections fall back to the symbolic verdict, marked and counted', async () => {
  const faults: Reply[] = [{ content: 'I think it is fine {"consistent": maybe' }, { status: 500, json: { error: { message: 'x' } } }, { hang: 'headers' }, { destroy: true }];
  for (const fault of faults) {
    await withServer(() => fault, async (s) => {
      const fb = new SymbolicVerifier();
      const own = await fb.verify([nullReturn(), contradictoryChecks()], context());
      const v = new LlmVerifier({ client: client(s, { timeoutMs: 300 }), fallback: fb });
      const paths = [nullReturn(), contradictoryChecks()];
      const out = await v.verify(paths, context());
      assert.equal(out.length, 2, 'no path lost');
      assert.equal(out[0]!.verifier, 'symbolic-fallback');
      assert.equal(out[0]!.consistent, true);
      assert.match(out[0]!.reason, /LLM could not judge/);
      assert.equal(out[1]!.verifier, 'symbolic-fallback');
      assert.equal(out[1]!.consistent, false);
      assert.deepEqual({ ...out[1]!, verifier: own[1]!.verifier }, own[1], 'a fallback rejection keeps its reason and steps');
      assert.match(out[1]!.reason, /^contradiction: 'block == null'/);
      assert.deepEqual(out[1]!.conflictingSteps, [1, 3]);
      const r = v.report();
      assert.equal(r.fallbacks, 2);
      assert.equal(Object.values(r.fallbackKinds).reduce((a, b) => a + b, 0), 2);
      assert.equal(s.requests.length, 4, 'each path: one try and one retry');
    });
  }
});

test('mode both: a path the fallback rejects costs no call; the model can still reject the others', async () => {
  await withServer(judge, async (s) => {
    const v = new LlmVerifier({ client: client(s), fallback: new SymbolicVerifier(), mode: 'both' });
    assert.equal(v.name, 'both');
    const [c, n, d] = await v.verify([contradictoryChecks(), nullReturn(), nullThenDeref()], context());
    assert.equal(c!.verifier, 'symbolic');
    assert.equal(c!.consistent, false);
    assert.equal(n!.verifier, 'llm');
    assert.equal(n!.consistent, true);
    assert.equal(d!.verifier, 'llm');
    assert.equal(d!.consistent, false);
    assert.equal(s.requests.length, 2);
    assert.equal(v.report().rejectedByFallback, 1);
  });
});

test('a callee sub-path shared by several paths is verified once; its rejection rejects them all', async () => {
  await withServer((req) => {
    const u = userMessage(req);
    if (u.includes('Entry method: BlockReceiver:receive(Block)')) return answer(false, 'len cannot be positive after EOF', [1, 2]);
    return answer(true, 'fine');
  }, async (s) => {
    const v = new LlmVerifier({ client: client(s), fallback: new SymbolicVerifier() });
    const paths = [throughCallee(true, true), throughCallee(true, false), throughCallee(false, true), throughCallee(false, false)];
    const out = await v.verify(paths, context());
    // Two distinct callee sub-paths (len > 0 true / false), each shared by two paths: two calls in all.
    assert.equal(s.requests.length, 2);
    for (const vd of out) {
      assert.equal(vd.consistent, false);
      assert.equal(vd.verifier, 'llm');
      assert.match(vd.reason, /^callee sub-path BlockReceiver:receive\(Block\): len cannot/);
      assert.deepEqual(vd.conflictingSteps, [5, 6], 'indexes mapped back into the whole path');
    }
    const r = v.report();
    assert.equal(r.sharedSubPaths, 2);
    assert.equal(r.rejectedThroughSubPath, 4);
  });
});

test('an accepted shared sub-path is shown collapsed in the full-path prompts', async () => {
  await withServer(judge, async (s) => {
    const v = new LlmVerifier({ client: client(s), fallback: new SymbolicVerifier() });
    const out = await v.verify([throughCallee(true, true), throughCallee(true, false)], context());
    assert.ok(out.every((x) => x.consistent && x.verifier === 'llm'));
    assert.equal(s.requests.length, 3, 'one sub-path + two full paths');
    const full = s.requests.map(userMessage).filter((u) => u.includes('Entry method: DataNode'));
    assert.equal(full.length, 2);
    for (const u of full) {
      assert.match(u, /4-7 \| 1 \| BlockReceiver:receive\(Block\) \| BlockReceiver\.java:28 \| verified callee sub-path/);
      assert.ok(!u.includes('Code of BlockReceiver'), 'callee code not resent');
    }
  });
});

test('a second run over the same cache makes zero calls and gives the same verdicts', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'llm-verify-'));
  try {
    await withServer(judge, async (s) => {
      const paths = [nullReturn(), nullThenDeref(), throughCallee(true, true), throughCallee(false, true)];
      const run = async () => {
        const cache = await LlmCache.open(join(dir, 'cache.sqlite'));
        const c = client(s, { cache });
        const out = await new LlmVerifier({ client: c, fallback: new SymbolicVerifier() }).verify(paths, context());
        cache.close();
        return { out, stats: c.stats() };
      };
      const a = await run();
      const calls = s.requests.length;
      assert.ok(calls >= 4);
      const b = await run();
      assert.equal(s.requests.length, calls, 'zero new requests');
      assert.equal(b.stats.calls, 0);
      assert.equal(b.stats.cacheHits, a.stats.calls);
      assert.deepEqual(b.out, a.out);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('budget and consent: beyond --max-llm-calls or in an untrusted workspace, paths fall back and are counted', async () => {
  await withServer(judge, async (s) => {
    const v = new LlmVerifier({ client: client(s, { maxCalls: 1, maxConcurrency: 1 }), fallback: new SymbolicVerifier(), shareSubPaths: false });
    const out = await v.verify([nullReturn(), nullThenDeref(), contradictoryChecks()], context());
    assert.equal(s.requests.length, 1);
    assert.equal(out.filter((x) => x.verifier === 'llm').length, 1);
    assert.equal(v.report().fallbackKinds.budget, 2);

    const u = new LlmVerifier({ client: client(s, { trusted: false }), fallback: new SymbolicVerifier() });
    const out2 = await u.verify([nullReturn(), contradictoryChecks()], context());
    assert.equal(s.requests.length, 1, 'untrusted: no request');
    assert.deepEqual(out2.map((x) => [x.verifier, x.consistent]), [['symbolic-fallback', true], ['symbolic-fallback', false]]);
    assert.equal(u.report().fallbackKinds.untrusted, 2);
  });
});
