import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LlmClient } from './client';
import { llmNoStaticSequences } from './no-static';
import { llmLabelOpinion } from './label';
import { startChatServer, userMessage } from './testing/chat-server';
import { ENTRY, LOGS, SOURCES } from './testing/fixtures';
import type { LogSequence } from '../model';

test('--no-static: sequences from the entry source alone, validated against the known log statements', async () => {
  const s = await startChatServer(() => ({
    content: JSON.stringify({
      reasoning: 'null block returns early; otherwise receive',
      sequences: [
        { log_ids: ['L2'], anomalous: false, reason: 'null block' },
        { log_ids: ['L1', 'L3', 'L5'], anomalous: false, reason: 'normal receive' },
        { log_ids: ['L1', 'L4'], anomalous: true, reason: 'EOF' },
        { log_ids: ['L1', 'L9'], anomalous: false, reason: 'invented' },
        { log_ids: [], anomalous: false, reason: 'nothing' },
        { log_ids: ['L2'], anomalous: false, reason: 'again' },
      ],
    }),
  }));
  try {
    const client = new LlmClient({ baseURL: s.baseURL, model: 'm', timeoutMs: 10_000 });
    const r = await llmNoStaticSequences({ client, entry: ENTRY, file: 'DataNode.java', source: SOURCES[ENTRY]!, logs: LOGS, count: 5 });
    assert.deepEqual(r.sequences.map((x) => x.path.logIds.map((id) => LOGS.find((l) => l.id === id)!.eventId)), [['E2'], ['E1', 'E3', 'E5'], ['E1', 'E4']]);
    assert.equal(r.rejected, 3);
    assert.match(r.rejectReasons.join('\n'), /unknown log ids L9/);
    assert.match(r.rejectReasons.join('\n'), /duplicate/);
    const p = r.sequences[1]!.path;
    assert.equal(p.entry, ENTRY);
    assert.deepEqual(p.steps.map((x) => [x.kind, x.depth]), [['log', 0], ['log', 1], ['log', 0]]);
    assert.equal(r.sequences[2]!.anomalous, true);
    const u = userMessage(s.requests[0]!);
    assert.match(u, /L3 INFO "Received packet of <\*> bytes for block <\*>" in BlockReceiver:receive\(Block\)/);
    assert.match(u, /Write up to 5 distinct executions/);
    assert.ok(u.includes('if (block == null)'));
  } finally {
    await s.close();
  }
});

test('label second opinion: agreement, disagreement and an unreachable endpoint', async () => {
  const s = await startChatServer((req) => ({
    content: JSON.stringify({ reasoning: 'r', label: userMessage(req).includes('Unexpected end of stream') ? 'Anomaly' : 'Normal', reason: 'EOF means failure' }),
  }));
  const seq = (content: string, label: 'Normal' | 'Anomaly'): LogSequence => ({
    sessionId: 'S1', entry: ENTRY, label, labelReasons: [], verdict: { consistent: true, reason: '', conflictingSteps: [], verifier: 'symbolic' },
    path: [], multiplicity: 1,
    events: [{ logId: 'x', eventId: 'E4', template: '', level: 'error', component: 'BlockReceiver', content, values: [], date: '', time: '', thread: '', raw: '', loc: { file: 'a', line: 1, column: 1 } }],
  });
  try {
    const client = new LlmClient({ baseURL: s.baseURL, model: 'm', timeoutMs: 10_000 });
    const a = await llmLabelOpinion(client, seq('Unexpected end of stream for block blk_1', 'Normal'));
    assert.ok(a.ok && a.label === 'Anomaly' && !a.agrees);
    const b = await llmLabelOpinion(client, seq('Received packet of 5 bytes', 'Normal'));
    assert.ok(b.ok && b.agrees);
  } finally {
    await s.close();
  }
  // One retry: the first attempt may reuse a pooled keep-alive socket that the closed server dropped.
  const dead = new LlmClient({ baseURL: s.baseURL, model: 'm', timeoutMs: 300, maxRetries: 1, backoffBaseMs: 1 });
  const c = await llmLabelOpinion(dead, seq('x', 'Normal'));
  assert.equal(!c.ok && c.failure, 'refused');
});
