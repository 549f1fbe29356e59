import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiKeyFromEnv, createLlmStage, llmSettingsFromFlags, resolveLlmOptions, LlmConfigError, DEFAULT_BASE_URL } from './stage';
import { SymbolicVerifier } from '../verify/symbolic';
import { startChatServer } from './testing/chat-server';
import { context, nullReturn, contradictoryChecks } from './testing/fixtures';

test('settings are checked with clear messages', () => {
  assert.throws(() => resolveLlmOptions({ baseURL: 'http://127.0.0.1:1/v1' }), (e: unknown) => e instanceof LlmConfigError && /--llm-model is required/.test(e.message));
  assert.throws(() => resolveLlmOptions({ baseURL: 'localhost:11434', model: 'm' }), /--llm-base-url must be an http\(s\) URL/);
  assert.throws(() => resolveLlmOptions({ baseURL: 'ftp://user:pw@h/v1', model: 'm' }), (e: unknown) => e instanceof Error && !e.message.includes('pw'));
  assert.throws(() => resolveLlmOptions({ model: 'm', maxCalls: -1 }), /--max-llm-calls must be a number/);
  assert.throws(() => resolveLlmOptions({ model: 'm', temperature: 5 }), /temperature/);
  const o = resolveLlmOptions({ model: ' llama3.1:8b ', maxCalls: 0 });
  assert.equal(o.baseURL, DEFAULT_BASE_URL);
  assert.equal(o.model, 'llama3.1:8b');
  assert.equal(o.maxCalls, 0);
});

test('apiKeyFromEnv prefers LOGSYNTH_LLM_API_KEY', () => {
  assert.equal(apiKeyFromEnv({ LOGSYNTH_LLM_API_KEY: 'a', OPENAI_API_KEY: 'b' }), 'a');
  assert.equal(apiKeyFromEnv({ OPENAI_API_KEY: 'b' }), 'b');
  assert.equal(apiKeyFromEnv({ LOGSYNTH_LLM_API_KEY: '' }), undefined);
});

test('createLlmStage: a verifier over a cached client, a summary line, the cache saved on close', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'llm-stage-'));
  const s = await startChatServer(() => ({ content: '{"consistent": true, "reason": "fine", "conflicting_steps": []}' }));
  try {
    const cacheFile = join(dir, 'llm.sqlite');
    const stage = await createLlmStage({ baseURL: s.baseURL, model: 'm', mode: 'both', fallback: new SymbolicVerifier(), cacheFile });
    assert.equal(stage.refusal, undefined);
    const out = await stage.verifier!.verify([nullReturn(), contradictoryChecks()], context());
    assert.deepEqual(out.map((v) => v.verifier), ['llm', 'symbolic']);
    stage.close();
    assert.ok(existsSync(cacheFile));
    assert.match(stage.summary(), /^LLM: 1 calls, 0 cache hits, 100 tokens in \/ 20 out, \d+\.\d s; 1\/2 paths judged by the model \(0 rejected\)$/);

    const remote = await createLlmStage({ baseURL: 'https://api.openai.com/v1', model: 'gpt-4o-mini', mode: 'llm', fallback: new SymbolicVerifier() });
    assert.equal(remote.refusal?.failure, 'remote-not-allowed');
    const out2 = await remote.verifier!.verify([nullReturn()], context());
    assert.equal(out2[0]!.verifier, 'symbolic-fallback');
    assert.match(remote.summary(), /1 paths used the symbolic verdict \(remote-not-allowed 1\)/);
  } finally {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('CLI flags become settings; bad numbers are named', () => {
  const s = llmSettingsFromFlags({ 'llm-base-url': 'http://localhost:8000/v1', 'llm-model': 'qwen2.5-coder', 'llm-timeout': '30', 'max-llm-calls': '500', 'llm-allow-remote': true, 'llm-cache': '/tmp/c.sqlite' });
  assert.deepEqual(resolveLlmOptions(s).timeoutMs, 30_000);
  assert.equal(s.maxCalls, 500);
  assert.equal(s.allowRemote, true);
  assert.equal(s.cacheFile, '/tmp/c.sqlite');
  assert.throws(() => llmSettingsFromFlags({ 'max-llm-calls': '10k' }), /--max-llm-calls must be an integer \(got '10k'\)/);
  assert.throws(() => llmSettingsFromFlags({ 'llm-temperature': 'hot' }), /--llm-temperature must be a number/);
  assert.equal(llmSettingsFromFlags({}).allowRemote, false);
});
