// From real Java source: index (tree-sitter), call graph, path enumeration, then the LLM verifier
// against a scripted chat-completions server on 127.0.0.1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkspaceIndex } from '../workspace/workspace-index';
import { buildCallGraph } from '../callgraph/callgraph';
import { enumeratePaths } from '../paths/enumerate';
import type { VerifyContext } from '../model';
import { SymbolicVerifier } from '../verify/symbolic';
import { LlmClient } from './client';
import { LlmVerifier } from './verifier';
import { llmNoStaticSequences, reachableLogStatements } from './no-static';
import { startChatServer, userMessage } from './testing/chat-server';

const JAVA = `package org.example;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class DataNode {
  private static final Logger LOG = LoggerFactory.getLogger(DataNode.class);
  public void receiveBlock(String block, int len) {
    String dbPassword = "hunter2";
    if (block == null) {
      LOG.warn("Block is null");
    }
    if (len > 0) {
      LOG.info("Receiving block " + block + " of " + len + " bytes");
      ack(block);
    } else {
      LOG.info("Empty block " + block);
      ack(block);
    }
  }

  void ack(String block) {
    if (block.isEmpty()) {
      LOG.error("Cannot ack empty block name");
    } else {
      LOG.info("Ack for block " + block);
    }
  }
}
`;

test('real Java -> paths -> LLM verdicts: shared callee sub-paths once, null dereference rejected, secrets masked', async () => {
  const root = mkdtempSync(join(tmpdir(), 'llm-e2e-'));
  const server = await startChatServer((req) => {
    const u = userMessage(req);
    // A model that knows Java: calling block.isEmpty() normally after `block == null` held is impossible.
    const nullBlock = u.includes('`block == null` taken as TRUE');
    const derefOk = /`block\.isEmpty\(\)`(=| taken as )/i.test(u);
    const bad = nullBlock && derefOk;
    return { content: JSON.stringify({ reasoning: 'walked the steps', consistent: !bad, reason: bad ? 'block is null but block.isEmpty() returns normally' : 'feasible', conflicting_steps: [] }) };
  });
  try {
    const dir = join(root, 'src/main/java/org/example');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'DataNode.java'), JAVA);
    const idx = await WorkspaceIndex.build(root);
    const entry = 'org.example.DataNode:receiveBlock(String,int)';
    const { paths } = enumeratePaths(entry, idx, buildCallGraph(idx), { depth: 3, maxPaths: 100, loopBound: 1, seed: 1 });
    assert.ok(paths.length >= 8, `paths: ${paths.length}`);
    const ctx: VerifyContext = {
      logs: idx.logs,
      methods: idx.methods,
      methodSource: (id) => {
        const m = idx.methods.get(id);
        return m && readFileSync(join(root, m.loc.file), 'utf8').split('\n').slice(m.startLine - 1, m.endLine).join('\n');
      },
    };
    const client = new LlmClient({ baseURL: server.baseURL, model: 'm', timeoutMs: 10_000 });
    const v = new LlmVerifier({ client, fallback: new SymbolicVerifier() });
    const verdicts = await v.verify(paths, ctx);

    const calls = (s: string) => paths.map((p) => p.steps.find((x) => x.cond === s)?.polarity);
    const nullTrue = calls('block == null');
    const isEmptyTaken = calls('block.isEmpty()');
    paths.forEach((p, i) => {
      const expectBad = nullTrue[i] === true && isEmptyTaken[i] !== undefined;
      assert.equal(verdicts[i]!.verifier, 'llm');
      assert.equal(verdicts[i]!.consistent, !expectBad, `path ${i}: ${p.logIds.join(' ')}`);
    });
    assert.ok(verdicts.some((x) => !x.consistent) && verdicts.some((x) => x.consistent));

    const r = v.report();
    assert.equal(r.sharedSubPaths, 2, 'ack() with isEmpty true / false');
    assert.equal(server.requests.length, paths.length + 2);
    const prompts = server.requests.map(userMessage);
    const full = prompts.find((u) => u.includes('Entry method: DataNode:receiveBlock(String,int)'))!;
    assert.match(full, /\s+10 \|     if \(block == null\) \{/);
    assert.match(full, /dbPassword = "\[MASKED_SECRET\]"/);
    assert.match(full, /verified callee sub-path of DataNode:ack\(String\)|enter DataNode:ack\(String\)/);
    assert.ok(prompts.every((u) => !u.includes('hunter2')), 'the password literal never leaves');
  } finally {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test('--no-static from real Java: the reachable log statements are the vocabulary; paths come back as log steps', async () => {
  const root = mkdtempSync(join(tmpdir(), 'llm-e2e-ns-'));
  const server = await startChatServer((req) => {
    const u = userMessage(req);
    // The model reads the listed ids and writes two executions plus one with an invented id.
    const ids = [...u.matchAll(/^(L\d+) (\w+) "([^"]*)"/gm)].map((m) => ({ id: m[1]!, level: m[2]!, text: m[3]! }));
    const by = (t: string) => ids.find((x) => x.text.startsWith(t))!.id;
    return { content: JSON.stringify({ reasoning: 'r', sequences: [
      { log_ids: [by('Receiving block'), by('Ack for block')], anomalous: false, reason: 'normal' },
      { log_ids: [by('Block is null'), by('Empty block'), by('Cannot ack')], anomalous: true, reason: 'null block' },
      { log_ids: ['L42'], anomalous: false, reason: 'made up' },
    ] }) };
  });
  try {
    const dir = join(root, 'src/main/java/org/example');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'DataNode.java'), JAVA);
    const idx = await WorkspaceIndex.build(root);
    const graph = buildCallGraph(idx);
    const entry = 'org.example.DataNode:receiveBlock(String,int)';
    const logs = reachableLogStatements(graph, idx.logs, entry, 3);
    assert.deepEqual(logs.map((l) => l.template), ['Block is null', 'Receiving block <*> of <*> bytes', 'Empty block <*>', 'Cannot ack empty block name', 'Ack for block <*>']);
    assert.deepEqual(reachableLogStatements(graph, idx.logs, entry, 0).length, 3, 'depth 0: the entry method only');
    const m = idx.methods.get(entry)!;
    const source = JAVA.split('\n').slice(m.startLine - 1, m.endLine).join('\n');
    const client = new LlmClient({ baseURL: server.baseURL, model: 'm', timeoutMs: 10_000 });
    const r = await llmNoStaticSequences({ client, entry, file: m.loc.file, source, logs });
    assert.equal(r.sequences.length, 2);
    assert.equal(r.rejected, 1);
    assert.deepEqual(r.sequences[1]!.path.logIds.map((id) => idx.logs.get(id)!.level), ['warn', 'info', 'error']);
    assert.deepEqual(r.sequences[1]!.path.steps.map((s) => s.depth), [0, 0, 1]);
    const u = userMessage(server.requests[0]!);
    assert.ok(u.includes('if (block == null)') && !u.includes('isEmpty'), 'the entry source only, not the callee');
    assert.ok(!u.includes('hunter2'));
  } finally {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
});
