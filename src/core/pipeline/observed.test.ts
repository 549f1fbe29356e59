// Observed-log weighting of code-guided sampling, on the bundled sample (examples/datanode) and a "production
// log" rendered from the sample's own templates: the sessions of a few chosen sequences, repeated, in log4j's
// default layout, each session on its own thread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkspaceIndex } from '../workspace/workspace-index';
import { buildCallGraph } from '../callgraph/callgraph';
import { generate } from './generate';
import { END, ObservedModel, START, selectByObserved, weightedSampleWithoutReplacement } from './observed';
import { observedWeightsFromLog } from './observed-log';
import { createRng } from '../util/rng';
import { repoRoot } from '../util/repo';
import type { LogSequence } from '../model';

const sample = join(repoRoot(), 'examples', 'datanode');
const ENTRY = 'DataXceiver:run()';
const opened = (async () => {
  const index = await WorkspaceIndex.build(sample, {});
  return { index, graph: buildCallGraph(index) };
})();

async function run(seed: number, observed?: { weights: Map<string, Map<string, number>>; maxSequences?: number }) {
  const { index, graph } = await opened;
  return generate(index, graph, { entries: [ENTRY], depth: 5, maxPaths: 300, loopBound: 1, seed, sourceRoot: sample, ...(observed ? { observed } : {}) });
}

const ids = (s: LogSequence) => s.events.map((e) => e.eventId).join(' ');

/** `2026-01-05 09:00:00,000 [T] LEVEL comp - msg` (our export) -> `2026-01-05 09:00:00,000 LEVEL [thread] comp: msg` (log4j preset). */
function productionLog(sessions: { seq: LogSequence; repeat: number }[]): string {
  const lines: string[] = [];
  let t = 0;
  for (const { seq, repeat } of sessions) {
    for (let r = 0; r < repeat; r++) {
      t++;
      for (const e of seq.events) {
        const content = e.content.split('\n')[0];
        lines.push(`${e.date} ${e.time} ${e.level.toUpperCase()} [prod-${t}] ${e.component}: ${content}`);
      }
    }
  }
  return lines.join('\n') + '\n';
}

test('the model: add-k smoothing, a floor for unseen transitions, uniform rows for code-only events', () => {
  const w = new Map([[START, new Map([['A', 9], ['B', 1]])], ['A', new Map([[END, 10]])], ['B', new Map([[END, 1]])]]);
  const m = new ObservedModel(w, { k: 0.5, floor: 0.01, vocabulary: ['A', 'B', 'C'] });
  // Outcomes: A, B, C and END.
  assert.equal(m.prob(START, 'A'), (9 + 0.5) / (10 + 0.5 * 4));
  assert.equal(m.prob(START, 'C'), Math.max(0.5 / 12, 0.01));
  assert.equal(m.prob('A', 'B'), Math.max(0.5 / (10 + 2), 0.01));
  assert.equal(m.prob('C', 'A'), 1 / 4, 'no evidence out of C');
  const strict = new ObservedModel(w, { k: 0.001, floor: 0.02 });
  assert.equal(strict.prob('A', 'B'), 0.02, 'floored');
  assert.equal(m.sequenceScore(['A']), (Math.log(m.prob(START, 'A')) + Math.log(m.prob('A', END))) / 2);
  assert.ok(m.sequenceScore(['A']) > m.sequenceScore(['B']) && m.sequenceScore(['B']) > m.sequenceScore(['C']));
  assert.deepEqual([...m.seenEvents].sort(), ['A', 'B']);
  assert.throws(() => new ObservedModel(w, { floor: 0 }), /floor/);
  assert.throws(() => new ObservedModel(new Map([['A', new Map([['B', -1]])]])), /count A -> B is -1/);
});

test('weighted sampling without replacement follows the weights, is seeded, and never repeats', () => {
  const logW = [Math.log(8), Math.log(1), Math.log(1)];
  let first0 = 0;
  for (let s = 0; s < 2000; s++) {
    const pick = weightedSampleWithoutReplacement(logW, 2, createRng(s));
    assert.equal(new Set(pick).size, 2);
    if (pick[0] === 0) first0++;
  }
  // P(first draw is item 0) = 8/10.
  assert.ok(Math.abs(first0 / 2000 - 0.8) < 0.04, `first draw was item 0 in ${first0} of 2000`);
  assert.deepEqual(weightedSampleWithoutReplacement(logW, 3, createRng(5)), weightedSampleWithoutReplacement(logW, 3, createRng(5)));
  const all = selectByObserved(['x', 'yy', 'z'], (c) => -c.length, createRng(1));
  assert.deepEqual(all.map((a) => a.item), ['x', 'z', 'yy'], 'all kept, by score, ties in input order');
});

test('observed logs of the sample: observed sequences dominate the sample, code-only ones keep a floor, seeded', async () => {
  const base = await run(7);
  assert.ok(base.sequences.length >= 50, `only ${base.sequences.length} sequences`);
  // The seed also steers path enumeration (the budget truncates it), so each seed has its own candidates; the
  // "production" sessions are sequences every seed's run can produce: normal ones first, then the longest.
  const seeds = [1, 2, 3, 4, 5, 6];
  const candidatesOf = new Map<number, Set<string>>();
  for (const seed of seeds) candidatesOf.set(seed, new Set((await run(seed)).sequences.map(ids)));
  const common = base.sequences
    .filter((s) => s.events.length >= 3 && seeds.every((seed) => candidatesOf.get(seed)!.has(ids(s))))
    .sort((a, b) => Number(b.label === 'Normal') - Number(a.label === 'Normal') || b.events.length - a.events.length);
  assert.ok(common.length >= 3, `only ${common.length} sequences common to every seed`);
  const chosen = common.slice(0, 3);
  const dir = mkdtempSync(join(tmpdir(), 'ls-observed-'));
  try {
    const log = join(dir, 'prod.log');
    writeFileSync(log, productionLog([{ seq: chosen[0]!, repeat: 30 }, { seq: chosen[1]!, repeat: 15 }, { seq: chosen[2]!, repeat: 5 }]));
    const { index } = await opened;
    const obs = await observedWeightsFromLog(index.logs.values(), log, { format: 'log4j', sessionKey: 'field:Thread' });
    assert.equal(obs.traces, 50);
    assert.equal(obs.report.logLines, chosen.reduce((n, s, i) => n + s.events.length * [30, 15, 5][i]!, 0));
    const chosenEvents = new Set(chosen.flatMap((s) => s.events.map((e) => e.eventId)));
    assert.ok(obs.seenSourceEvents > 0 && obs.seenSourceEvents <= chosenEvents.size);
    const model = new ObservedModel(obs.weights);
    for (const id of model.seenEvents) assert.ok(chosenEvents.has(id), `${id} seen but not in the production sessions`);
    assert.equal([...obs.weights.get(START)!.values()].reduce((a, b) => a + b, 0), 50, 'one START per trace');

    const observedKeys = new Set(chosen.map(ids));
    const baseKeys = new Set(base.sequences.map(ids));
    // Without maxSequences: the same sequences, most likely first, with their scores.
    const ranked = await run(7, { weights: obs.weights });
    assert.deepEqual(new Set(ranked.sequences.map(ids)), baseKeys);
    const scores = ranked.sequences.map((s) => s.observedScore!);
    assert.ok(scores.every((x, i) => Number.isFinite(x) && (i === 0 || x <= scores[i - 1]!)), 'ordered by score');
    assert.ok(observedKeys.has(ids(ranked.sequences[0]!)), 'the most likely sequence is an observed one');
    assert.equal(base.sequences[0]!.observedScore, undefined);
    await assert.rejects(run(7, { weights: obs.weights, maxSequences: 0 }), /maxSequences must be a positive integer/);

    // Sampled: 10 of ~100 per seed, weighted vs. unweighted (no evidence: every sequence scores the same).
    const K = 10;
    let weightedHits = 0, uniformHits = 0, codeOnly = 0;
    const picks: string[] = [];
    for (const seed of seeds) {
      const candidates = candidatesOf.get(seed)!;
      const w = await run(seed, { weights: obs.weights, maxSequences: K });
      const u = await run(seed, { weights: new Map(), maxSequences: K });
      assert.equal(w.sequences.length, K);
      assert.equal(u.sequences.length, K);
      for (const s of w.sequences) assert.ok(candidates.has(ids(s)), 'only sequences the code produces');
      weightedHits += w.sequences.filter((s) => observedKeys.has(ids(s))).length;
      uniformHits += u.sequences.filter((s) => observedKeys.has(ids(s))).length;
      codeOnly += w.sequences.filter((s) => s.events.some((e) => !model.seenEvents.has(e.eventId))).length;
      picks.push(w.sequences.map(ids).join('|'));
    }
    const available = chosen.length * seeds.length;
    console.log(`observed sequences in a sample of ${K} (of ~${base.sequences.length}) over ${seeds.length} seeds: available ${available}, ` +
      `weighted ${weightedHits}, unweighted ${uniformHits}; sampled sequences with events never seen in the log: ${codeOnly}`);
    assert.ok(weightedHits >= 0.6 * available, `weighted sampling kept ${weightedHits} of ${available} available observed sequences`);
    assert.ok(weightedHits > 3 * Math.max(uniformHits, 1), `weighted ${weightedHits} vs unweighted ${uniformHits}`);
    assert.ok(codeOnly > 0, 'code-only sequences never sampled: the floor does not work');
    // Determinism per seed; different seeds draw differently.
    const again = await run(1, { weights: obs.weights, maxSequences: K });
    assert.equal(again.sequences.map(ids).join('|'), picks[0]);
    assert.deepEqual(again.sequences.map((s) => s.events.map((e) => e.raw)), (await run(1, { weights: obs.weights, maxSequences: K })).sequences.map((s) => s.events.map((e) => e.raw)));
    assert.ok(new Set(picks).size > 1, 'every seed drew the same sample');
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
