// The LLM verifier through the real language server and its worker thread, against a real chat-completions
// server on 127.0.0.1: the settings (temperature, timeout, concurrency, retries) reach the requests, progress
// notifications carry the LLM call and cache-hit counts, the response carries the stage summary, trace lines
// (prompts and answers) arrive as log notifications only when asked for, and the API key appears in no
// request body, log line or response. An untrusted workspace makes no call at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../core/util/repo';
import { startChatServer, userMessage, type ChatServer } from '../core/llm/testing/chat-server';
import { GenerateProgressNotification, GenerateRequest, type GenerateProgressParams, type GenerateSettings } from '../shared/protocol';
import { startTestServer } from './lsp-client';

const SERVER = join(repoRoot(), 'out', 'src', 'server', 'main.js');
const FIXTURE = join(repoRoot(), 'test', 'fixtures', 'java-small');
const RECEIVE = 'org.demo.BlockService:receiveBlock(String,long,String)';
const KEY = 'sk-test-9f8e7d6c5b4a39281706abcdef';

/** A model that judges every path consistent except the empty-block one (so one path is rejected by the model). */
function chat(): Promise<ChatServer> {
  return startChatServer((req) => {
    const u = userMessage(req);
    const bad = u.includes('`size <= 0` taken as TRUE');
    return { content: JSON.stringify({ reasoning: 'walked the steps one by one', consistent: !bad, reason: bad ? 'the block cannot be empty here' : 'feasible', conflicting_steps: [] }) };
  });
}

function settings(baseUrl: string, trace: boolean): GenerateSettings {
  return {
    depth: 5, maxPaths: 2000, loopBound: 1, seed: 7, verifier: 'llm', paramStyle: 'log4j',
    llm: { baseUrl, model: 'test-model', apiKey: KEY, allowRemote: false, maxCalls: 100, temperature: 0.35, timeoutMs: 10_000, maxConcurrency: 2, maxRetries: 1, trace },
  };
}

function workspace(): { root: string; dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'logsynth-genllm-'));
  const root = join(dir, 'ws');
  cpSync(FIXTURE, root, { recursive: true });
  return { root, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

test('generation with the LLM verifier: settings reach the requests, progress counts calls, trace only when on, key never shown', async () => {
  const ws = workspace();
  const llm = await chat();
  const server = await startTestServer(SERVER, ws.root, { trusted: true, version: 'test' });
  try {
    await server.waitState((s) => s.state === 'ready');
    const progress: GenerateProgressParams[] = [];
    server.conn.onNotification(GenerateProgressNotification.type, (p) => { progress.push(p); });

    const before = server.logs.length;
    const res = await server.conn.sendRequest(GenerateRequest.type, { entries: [RECEIVE], settings: settings(llm.baseURL, true), runId: 't1' });
    assert.equal(res.error, undefined, res.error);
    assert.ok(res.sequences.length > 0, JSON.stringify(res.stats));
    assert.equal(res.stats.rejectReasons['the block cannot be empty here'], 1, JSON.stringify(res.stats));
    assert.ok(llm.requests.length > 0, 'the model was asked');
    for (const r of llm.requests) {
      assert.equal(r.body.temperature, 0.35, 'the temperature setting reaches the request body');
      assert.equal(r.body.model, 'test-model');
      assert.equal(r.headers.authorization, `Bearer ${KEY}`, 'the key is sent where it belongs: the auth header');
      assert.ok(!r.rawBody.includes(KEY), 'never in a prompt');
    }
    assert.ok(llm.maxInFlight <= 2, `in flight ${llm.maxInFlight} > maxConcurrency 2`);
    const mine = progress.filter((p) => p.runId === 't1');
    const withLlm = mine.filter((p) => p.llmCalls !== undefined);
    assert.ok(withLlm.some((p) => p.llmCalls! > 0), `progress: ${JSON.stringify(mine)}`);
    assert.equal(Math.max(...withLlm.map((p) => p.llmCalls!)), llm.requests.length, 'the last progress counts every call');
    assert.ok(withLlm.every((p) => typeof p.cacheHits === 'number'));
    assert.match(res.llmSummary ?? '', new RegExp(`^LLM: ${llm.requests.length} calls, \\d+ cache hits`));

    const logs1 = server.logs.slice(before);
    const traces1 = logs1.filter((l) => l.includes('LLM trace'));
    assert.equal(traces1.filter((l) => l.includes('→ verify-path')).length, llm.requests.length, 'one traced prompt per request');
    assert.ok(traces1.some((l) => l.includes('←') && l.includes('walked the steps')), 'answers are traced');
    assert.ok(traces1.some((l) => l.includes('[user]') && l.includes('Receiving block')), 'prompts are traced');
    assert.ok(logs1.some((l) => l.includes(res.llmSummary!)), 'the summary is logged');
    for (const l of logs1) assert.ok(!l.includes(KEY), `key in a log line: ${l.slice(0, 200)}`);
    assert.ok(!JSON.stringify(res).includes(KEY), 'key in the response');
    assert.ok(!JSON.stringify(progress).includes(KEY));

    // Trace off: the same run (no cache file, so the calls are made again) logs no prompt or answer.
    const calls1 = llm.requests.length;
    const before2 = server.logs.length;
    const res2 = await server.conn.sendRequest(GenerateRequest.type, { entries: [RECEIVE], settings: settings(llm.baseURL, false), runId: 't2' });
    assert.equal(res2.error, undefined, res2.error);
    assert.ok(llm.requests.length > calls1, 'the second run called the model too');
    const logs2 = server.logs.slice(before2);
    assert.deepEqual(logs2.filter((l) => l.includes('LLM trace')), []);
    assert.ok(logs2.some((l) => l.startsWith('[info] LLM: ')), 'the summary is still logged');
    for (const l of logs2) assert.ok(!l.includes(KEY));
  } finally {
    await server.stop();
    await llm.close();
    ws.cleanup();
  }
});

test('generation with the LLM verifier in an untrusted workspace: no call, symbolic verdicts, a warning', async () => {
  const ws = workspace();
  const llm = await chat();
  const server = await startTestServer(SERVER, ws.root, { trusted: false, version: 'test' });
  try {
    await server.waitState((s) => s.state === 'ready');
    const progress: GenerateProgressParams[] = [];
    server.conn.onNotification(GenerateProgressNotification.type, (p) => { progress.push(p); });
    const res = await server.conn.sendRequest(GenerateRequest.type, { entries: [RECEIVE], settings: settings(llm.baseURL, true), runId: 'u1' });
    assert.equal(res.error, undefined, res.error);
    assert.ok(res.sequences.length > 0, 'the symbolic verifier still produced sequences');
    assert.equal(llm.requests.length, 0);
    assert.equal(res.llmSummary, undefined);
    assert.ok(progress.every((p) => p.llmCalls === undefined));
    assert.ok(server.logs.some((l) => /untrusted workspace: no LLM calls/.test(l)), server.logs.join('\n'));
    assert.ok(!server.logs.some((l) => l.includes('LLM trace')));
  } finally {
    await server.stop();
    await llm.close();
    ws.cleanup();
  }
});
