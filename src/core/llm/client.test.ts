import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { LlmClient, Semaphore, retryAfterMs, type LlmClientOptions } from './client';
import { LlmCache } from './cache';
import { pathVerdictSchema } from './schemas';
import { startChatServer, userMessage, type Script } from './testing/chat-server';

const verdict = (consistent: boolean, reason = consistent ? 'no contradiction' : 'x is null and not null') =>
  JSON.stringify({ reasoning: 'step 0 ... step 3', consistent, reason, conflicting_steps: consistent ? [] : [1, 3] });

const prompt = (n: number | string) => ({ id: 'verify-path', version: 1, system: 'You check paths.', user: `path number ${n}` });

// Fast settings: retries with ms backoff, a short timeout.
const fast = (baseURL: string, extra: Partial<LlmClientOptions> = {}): LlmClient =>
  new LlmClient({ baseURL, model: 'test-model', timeoutMs: 10_000, backoffBaseMs: 5, backoffMaxMs: 20, maxRetries: 2, ...extra });

async function withServer(script: Script, fn: (s: Awaited<ReturnType<typeof startChatServer>>) => Promise<void>): Promise<void> {
  const s = await startChatServer(script);
  try { await fn(s); } finally { await s.close(); }
}

test('structured output: sends response_format json_schema, validates the answer, counts tokens', async () => {
  await withServer(() => ({ content: verdict(false), usage: { prompt_tokens: 321, completion_tokens: 45 } }), async (s) => {
    const c = fast(s.baseURL);
    const r = await c.complete(prompt(1), pathVerdictSchema);
    assert.ok(r.ok);
    assert.equal(r.value.consistent, false);
    assert.deepEqual(r.value.conflicting_steps, [1, 3]);
    assert.equal(r.reasoning, 'step 0 ... step 3');
    const body = s.requests[0]!.body;
    assert.equal(body.model, 'test-model');
    assert.equal(body.temperature, 0.2);
    assert.equal(body.response_format?.type, 'json_schema');
    assert.equal(body.response_format?.json_schema?.name, 'path_verdict');
    assert.deepEqual((body.response_format?.json_schema?.schema as { required: string[] }).required, ['reasoning', 'consistent', 'reason', 'conflicting_steps']);
    const st = c.stats();
    assert.equal(st.calls, 1);
    assert.equal(st.tokensIn, 321);
    assert.equal(st.tokensOut, 45);
    assert.ok(st.seconds > 0);
  });
});

test('a server that rejects response_format: falls back to plain text and extracts the last JSON object', async () => {
  await withServer((req) => {
    if (req.body.response_format) return { status: 400, json: { error: { message: "Unknown field 'response_format'" } } };
    return { content: 'Step 1: x == null taken true.\nStep 2: {not json} later x.length is read.\n```json\n{"consistent": false, "reason": "x null then dereferenced", "conflicting_steps": [2]}\n```' };
  }, async (s) => {
    const c = fast(s.baseURL);
    const r1 = await c.complete(prompt(1), pathVerdictSchema);
    assert.ok(r1.ok);
    assert.equal(r1.value.reason, 'x null then dereferenced');
    assert.match(r1.reasoning ?? '', /Step 1: x == null taken true/);
    // The switch is remembered: the next prompt goes plain at once.
    const r2 = await c.complete(prompt(2), pathVerdictSchema);
    assert.ok(r2.ok);
    assert.equal(s.requests.length, 3);
    assert.equal(s.requests[2]!.body.response_format, undefined);
    assert.equal(c.stats().structuredFallbacks, 1);
  });
});

test('an invalid answer is retried once, then the request gives up as invalid-answer', async () => {
  let n = 0;
  await withServer(() => (n++ === 0 ? { content: '{"consistent": "maybe"' } : { content: verdict(true) }), async (s) => {
    const c = fast(s.baseURL);
    const r = await c.complete(prompt(1), pathVerdictSchema);
    assert.ok(r.ok, 'second answer is valid');
    assert.equal(s.requests.length, 2);
    assert.equal(c.stats().failures['invalid-answer'], 1);
  });
  await withServer(() => ({ content: '{"consistent": true, "reason": 5}' }), async (s) => {
    const c = fast(s.baseURL);
    const r = await c.complete(prompt(1), pathVerdictSchema);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.failure, 'invalid-answer');
    assert.equal(s.requests.length, 2, 'exactly one retry');
    assert.equal(c.stats().gaveUp, 1);
  });
});

test('429 with Retry-After is honoured, then the answer arrives', async () => {
  const arrivals: number[] = [];
  await withServer((_r, i) => {
    arrivals.push(performance.now());
    return i === 0 ? { status: 429, json: { error: { message: 'slow down' } }, headers: { 'retry-after': '1' } } : { content: verdict(true) };
  }, async (s) => {
    const c = fast(s.baseURL);
    const r = await c.complete(prompt(1), pathVerdictSchema);
    assert.ok(r.ok);
    assert.equal(s.requests.length, 2);
    // Backoff alone would be ~5 ms; the retry waited for the server's 1 s.
    assert.ok(arrivals[1]! - arrivals[0]! >= 950, `retried after ${arrivals[1]! - arrivals[0]!} ms`);
    assert.equal(c.stats().failures['rate-limit'], 1);
    assert.equal(c.stats().retries, 1);
  });
});

test('retry-after-ms and HTTP-date forms are understood', () => {
  assert.equal(retryAfterMs(new Headers({ 'retry-after-ms': '250' })), 250);
  assert.equal(retryAfterMs(new Headers({ 'retry-after': '2' })), 2000);
  const d = retryAfterMs(new Headers({ 'retry-after': new Date(Date.now() + 60_000).toUTCString() }))!;
  assert.ok(d > 55_000 && d <= 60_000);
  assert.equal(retryAfterMs(new Headers({})), undefined);
});

test('a Retry-After longer than allowed gives up instead of stalling the run', async () => {
  await withServer(() => ({ status: 429, json: { error: { message: 'quota' } }, headers: { 'retry-after': '3600' } }), async (s) => {
    const c = fast(s.baseURL, { maxRetryAfterMs: 1000 });
    const r = await c.complete(prompt(1), pathVerdictSchema);
    assert.equal(!r.ok && r.failure, 'rate-limit');
    assert.equal(s.requests.length, 1);
  });
});

test('500 is retried with backoff; persistent 500 gives up after maxRetries', async () => {
  await withServer((_r, i) => (i < 2 ? { status: 500, json: { error: { message: 'boom' } } } : { content: verdict(true) }), async (s) => {
    const c = fast(s.baseURL);
    const r = await c.complete(prompt(1), pathVerdictSchema);
    assert.ok(r.ok);
    assert.equal(s.requests.length, 3);
    assert.equal(c.stats().failures['server-error'], 2);
  });
  await withServer(() => ({ status: 503, json: { error: { message: 'overloaded' } } }), async (s) => {
    const c = fast(s.baseURL, { maxRetries: 2 });
    const r = await c.complete(prompt(1), pathVerdictSchema);
    assert.equal(!r.ok && r.failure, 'server-error');
    assert.equal(s.requests.length, 3, 'one try + 2 retries');
  });
});

test('a 4xx other than a response_format rejection is not retried', async () => {
  await withServer(() => ({ status: 404, json: { error: { message: 'model not found' } } }), async (s) => {
    const c = fast(s.baseURL, { structuredOutput: 'never' });
    const r = await c.complete(prompt(1), pathVerdictSchema);
    assert.equal(!r.ok && r.failure, 'client-error');
    assert.equal(s.requests.length, 1);
  });
});

test('a hang past the timeout (no headers, or a body that never ends) is a timeout, retried, then given up', async () => {
  for (const hang of ['headers', 'body'] as const) {
    await withServer(() => ({ hang }), async (s) => {
      const c = fast(s.baseURL, { timeoutMs: 300, maxRetries: 1 });
      const r = await c.complete(prompt(1), pathVerdictSchema);
      assert.equal(!r.ok && r.failure, 'timeout', hang);
      assert.equal(s.requests.length, 2, hang);
      assert.equal(c.stats().failures.timeout, 2);
    });
  }
});

test('a dropped connection and a truncated body are retried', async () => {
  await withServer((_r, i) => (i === 0 ? { destroy: true } : i === 1 ? { truncate: verdict(true) } : { content: verdict(true) }), async (s) => {
    const c = fast(s.baseURL, { maxRetries: 3 });
    const r = await c.complete(prompt(1), pathVerdictSchema);
    assert.ok(r.ok);
    assert.equal(s.requests.length, 3);
    const f = c.stats().failures;
    assert.equal((f.connection ?? 0) + (f.malformed ?? 0), 2);
    assert.equal(f.connection !== undefined, true, 'the destroyed socket is a connection failure');
  });
});

test('a malformed 200 body (not JSON / no choices) is a malformed failure', async () => {
  await withServer((_r, i) => (i === 0 ? { status: 200, raw: '{"choices": [' } : { status: 200, raw: '{"object":"chat.completion"}' }), async (s) => {
    const c = fast(s.baseURL, { maxRetries: 1 });
    const r = await c.complete(prompt(1), pathVerdictSchema);
    assert.equal(!r.ok && r.failure, 'malformed');
    assert.equal(c.stats().failures.malformed, 2);
  });
});

test('connection refused: retried, then the circuit breaker stops further attempts', async () => {
  // A port that was just free: nobody listens there.
  const port = await new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as { port: number }).port;
      srv.close(() => resolve(p));
    });
  });
  const c = fast(`http://127.0.0.1:${port}/v1`, { maxRetries: 1, circuitBreakerAfter: 2 });
  const r1 = await c.complete(prompt(1), pathVerdictSchema);
  assert.equal(!r1.ok && r1.failure, 'refused');
  assert.match(!r1.ok ? r1.message : '', /refused/);
  const r2 = await c.complete(prompt(2), pathVerdictSchema);
  assert.equal(!r2.ok && r2.failure, 'refused');
  assert.equal(c.stats().calls, 2, 'no attempt after the breaker opened');
});

test('never more requests in flight than maxConcurrency', async () => {
  await withServer(() => ({ content: verdict(true), delayMs: 40 }), async (s) => {
    const c = fast(s.baseURL, { maxConcurrency: 3 });
    const rs = await Promise.all(Array.from({ length: 12 }, (_, i) => c.complete(prompt(i), pathVerdictSchema)));
    assert.ok(rs.every((r) => r.ok));
    assert.equal(s.requests.length, 12);
    assert.equal(s.maxInFlight, 3);
    assert.equal(c.stats().maxInFlight, 3);
  });
});

test('Semaphore hands slots over in order and never exceeds its size', async () => {
  const sem = new Semaphore(2);
  let active = 0;
  let peak = 0;
  const order: number[] = [];
  await Promise.all(Array.from({ length: 6 }, async (_, i) => {
    const release = await sem.acquire();
    active++;
    peak = Math.max(peak, active);
    order.push(i);
    await new Promise((r) => setImmediate(r));
    active--;
    release();
    release(); // double release is harmless
  }));
  assert.equal(peak, 2);
  assert.deepEqual(order, [0, 1, 2, 3, 4, 5]);
});

test('the call budget stops requests; identical prompts share one call', async () => {
  await withServer(() => ({ content: verdict(true) }), async (s) => {
    const c = fast(s.baseURL, { maxCalls: 3, maxConcurrency: 1 });
    const rs = await Promise.all([1, 2, 2, 3, 4, 5].map((n) => c.complete(prompt(n), pathVerdictSchema)));
    assert.equal(s.requests.length, 3);
    assert.equal(rs.filter((r) => r.ok).length, 4, 'prompts 1, 2 (twice) and 3');
    assert.equal(rs.filter((r) => !r.ok && r.failure === 'budget').length, 2);
    assert.equal(c.stats().cacheHits, 1);
    assert.equal(c.stats().failures.budget, 2);
  });
});

test('cache: a second run with the same cache file makes zero calls', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'llm-cache-'));
  try {
    const file = join(dir, 'llm-cache.sqlite');
    await withServer((req) => ({ content: verdict(!userMessage(req).includes('7')) }), async (s) => {
      const cache1 = await LlmCache.open(file);
      const c1 = fast(s.baseURL, { cache: cache1 });
      const first = await Promise.all([5, 6, 7].map((n) => c1.complete(prompt(n), pathVerdictSchema)));
      cache1.close();
      assert.equal(s.requests.length, 3);

      const cache2 = await LlmCache.open(file);
      assert.equal(cache2.size(), 3);
      const c2 = fast(s.baseURL, { cache: cache2 });
      const second = await Promise.all([5, 6, 7].map((n) => c2.complete(prompt(n), pathVerdictSchema)));
      assert.equal(s.requests.length, 3, 'no new request');
      assert.equal(c2.stats().calls, 0);
      assert.equal(c2.stats().cacheHits, 3);
      assert.deepEqual(second.map((r) => r.ok && r.value.consistent), first.map((r) => r.ok && r.value.consistent));
      assert.ok(second.every((r) => r.ok && r.cached));

      // Another model or temperature is another key.
      const c3 = fast(s.baseURL, { cache: cache2, temperature: 0.7 });
      await c3.complete(prompt(5), pathVerdictSchema);
      assert.equal(s.requests.length, 4);

      // So is another server answering under the same model name; the same server written differently is not.
      await withServer((req) => ({ content: verdict(!userMessage(req).includes('7')) }), async (other) => {
        const c4 = fast(other.baseURL, { cache: cache2 });
        const r = await c4.complete(prompt(5), pathVerdictSchema);
        assert.ok(r.ok && !r.cached);
        assert.equal(other.requests.length, 1, 'another endpoint: asked, not answered from the cache');
      });
      const c5 = fast(`${s.baseURL.replace(/\/+$/, '')}/`, { cache: cache2 });
      const again = await c5.complete(prompt(6), pathVerdictSchema);
      assert.ok(again.ok && again.cached);
      assert.equal(s.requests.length, 4);
      cache2.close();
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('consent: untrusted workspace and remote endpoint without opt-in make no calls', async () => {
  await withServer(() => ({ content: verdict(true) }), async (s) => {
    const c = fast(s.baseURL, { trusted: false });
    const r = await c.complete(prompt(1), pathVerdictSchema);
    assert.equal(!r.ok && r.failure, 'untrusted');
    assert.equal(c.allowed, false);
    assert.equal(s.requests.length, 0);
  });
  // 192.0.2.1 is TEST-NET-1: never contacted, the refusal comes first.
  const remote = fast('http://192.0.2.1:8080/v1');
  const r = await remote.complete(prompt(1), pathVerdictSchema);
  assert.equal(!r.ok && r.failure, 'remote-not-allowed');
  assert.equal(remote.stats().calls, 0);
  assert.equal(remote.stats().failures['remote-not-allowed'], 1);
});

test('the API key appears only in the Authorization header: not in bodies, traces, errors, stats or the cache', async () => {
  const key = 'sk-test-' + 'f3a9c1d27b4e8a60'.repeat(3);
  const dir = mkdtempSync(join(tmpdir(), 'llm-key-'));
  const trace: string[] = [];
  try {
    const file = join(dir, 'cache.sqlite');
    await withServer((req, i) => {
      if (i === 0) return { status: 401, json: { error: { message: `Incorrect API key provided: ${key}. You can find your key at ...` } } };
      // A misbehaving model that echoes the key it was never shown.
      return { content: JSON.stringify({ reasoning: `the header said ${key}`, consistent: true, reason: 'ok', conflicting_steps: [] }), usage: { prompt_tokens: 1, completion_tokens: 1 } };
    }, async (s) => {
      const cache = await LlmCache.open(file);
      const c = fast(s.baseURL, { apiKey: key, cache, trace: (l) => trace.push(l) });
      // The key also sits in the source excerpt (pasted into a comment): it must be masked before sending.
      const p = { id: 'verify-path', version: 1, system: 'sys', user: `// OPENAI_API_KEY=${key}\nString k = "${key}";` };
      const r1 = await c.complete(p, pathVerdictSchema);
      assert.equal(!r1.ok && r1.failure, 'client-error');
      assert.ok(!r1.ok && !r1.message.includes(key));
      assert.ok(!r1.ok && r1.message.includes('401'));
      const r2 = await c.complete({ ...p, user: p.user + '\n// second' }, pathVerdictSchema);
      assert.ok(r2.ok);
      assert.ok(!JSON.stringify(r2).includes(key));
      cache.close();

      assert.equal(s.requests.length, 2);
      for (const req of s.requests) {
        assert.equal(req.headers.authorization, `Bearer ${key}`);
        assert.ok(!req.rawBody.includes(key), 'body carries no key');
        for (const [name, v] of Object.entries(req.headers)) if (name !== 'authorization') assert.ok(!String(v).includes(key), name);
        assert.match(req.rawBody, /MASKED_SECRET|REDACTED/);
      }
      assert.ok(trace.length >= 4);
      assert.ok(trace.every((l) => !l.includes(key)), 'trace');
      assert.ok(!JSON.stringify(c.stats()).includes(key), 'stats');
      assert.ok(!readFileSync(file).toString('latin1').includes(key), 'cache file');
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('without a key (local servers) a placeholder bearer is sent, never an environment key', async () => {
  const saved = process.env.OPENAI_API_KEY;
  process.env.OPENAI_API_KEY = 'sk-env-should-not-be-sent-0123456789';
  try {
    await withServer(() => ({ content: verdict(true) }), async (s) => {
      const r = await fast(s.baseURL).complete(prompt(1), pathVerdictSchema);
      assert.ok(r.ok);
      assert.equal(s.requests[0]!.headers.authorization, 'Bearer no-key');
    });
  } finally {
    if (saved === undefined) delete process.env.OPENAI_API_KEY;
    else process.env.OPENAI_API_KEY = saved;
  }
});

test('a 400 that is not about response_format (context too long) does not switch structured output off', async () => {
  await withServer((_r, i) => (i === 0
    ? { status: 400, json: { error: { message: "This model's maximum context length is 8192 tokens" } } }
    : { content: verdict(true) }), async (s) => {
    const c = fast(s.baseURL);
    const r1 = await c.complete(prompt('long'), pathVerdictSchema);
    assert.equal(!r1.ok && r1.failure, 'client-error');
    const r2 = await c.complete(prompt('short'), pathVerdictSchema);
    assert.ok(r2.ok);
    assert.equal(s.requests[1]!.body.response_format?.type, 'json_schema');
    assert.equal(c.stats().structuredFallbacks, 0);
  });
});
