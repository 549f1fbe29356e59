import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Trace } from '../logs/traces';
import { learnMachine } from '../fsm/learn';
import { countMap, jsd, ks2 } from './metrics';
import { fidelityReport, fidelityMarkdown, START, END } from './report';

const seq = (id: string, s: string, times?: number[]): Trace => ({
  id, events: s.split(' ').map((eventId, i) => ({ eventId, params: [], ...(times ? { time: times[i]! } : {}) })),
});

test('JSD and KS on hand-made cases, computed by hand', () => {
  // P = (1/2, 1/2), Q = (1, 0): M = (3/4, 1/4); JSD = H(M) - (H(P) + H(Q)) / 2.
  const hM = -(0.75 * Math.log2(0.75) + 0.25 * Math.log2(0.25));
  assert.ok(Math.abs(jsd(new Map([['a', 1], ['b', 1]]), new Map([['a', 5]])) - (hM - 0.5)) < 1e-12);
  assert.equal(jsd(new Map([['a', 2]]), new Map([['b', 7]])), 1, 'disjoint supports');
  assert.equal(jsd(countMap(['a', 'b', 'b']), countMap(['b', 'a', 'b', 'b', 'a', 'b'])), 0, 'same proportions');
  // ECDFs of {1,2,3} and {2,3,4,5}: gaps 1/3, 2/3-1/4, 1-1/2, 1-3/4 -> 1/2 at x = 3.
  assert.equal(ks2([1, 2, 3], [2, 3, 4, 5]), 0.5);
  assert.equal(ks2([1, 1, 2], [1, 1, 2]), 0);
  assert.equal(ks2([0], [10]), 1);
});

test('fidelity of a hand-made log: identical data is perfect; known differences give known numbers', () => {
  const real = [seq('r1', 'A B C', [0, 10, 30]), seq('r2', 'A B C', [0, 20, 40]), seq('r3', 'A C', [0, 5])];
  const m = learnMachine(real, { k: 2 });
  const same = fidelityReport(m, real, real);
  assert.equal(same.constraints.accepted, 1);
  assert.equal(same.similarity.eventJsd, 0);
  assert.equal(same.similarity.transitionJsd, 0);
  assert.equal(same.similarity.lengthKs, 0);
  assert.equal(same.similarity.interEventTimeKs, 0);
  assert.equal(same.process.fitness, 1);

  // Synthetic: one real path, one that goes back in time, one the machine rejects after one event.
  const syn = [seq('s1', 'A B C', [0, 10, 30]), seq('s2', 'A C', [0, -1]), seq('s3', 'A X C', [0, 1, 2])];
  const r = fidelityReport(m, real, syn, { foreignKeyViolations: 0 });
  assert.equal(r.constraints.accepted, 2 / 3);
  assert.equal(r.constraints.monotonicTimestamps, 2 / 3);
  // Fitness: s1 3/3, s2 2/2, s3 1/3 events replayed.
  assert.ok(Math.abs(r.process.fitness - (1 + 1 + 1 / 3) / 3) < 1e-12);
  // Lengths real {3,3,2} vs synthetic {3,2,3}: same multiset.
  assert.equal(r.similarity.lengthKs, 0);
  // Events: real A3 B2 C3, synthetic A3 B1 C3 X1.
  const expected = jsd(new Map([['A', 3], ['B', 2], ['C', 3]]), new Map([['A', 3], ['B', 1], ['C', 3], ['X', 1]]));
  assert.equal(r.similarity.eventJsd, expected);
  assert.ok(expected > 0);
  // Matrices: START row of the real log goes to A always.
  const i = r.matrices.events.indexOf(START), a = r.matrices.events.indexOf('A');
  assert.equal(r.matrices.real[i]![a], 1);
  assert.ok(r.matrices.events.includes(END));
  assert.equal(r.graph.nodes.length, m.states.length);
  assert.match(fidelityMarkdown(r), /accepted by the machine \| 66\.7%/);
});

test('precision counts the choices the log makes over the choices the machine allows', () => {
  // Real: after A either B or C, then end. Machine from k=1 allows {B, C} after A.
  const real = [seq('1', 'A B'), seq('2', 'A C')];
  const m = learnMachine(real, { k: 1 });
  // A log that only ever takes A B: at the initial state 1 of 1 choices, after A 1 of 2, at the end state 1 of 1.
  const r = fidelityReport(m, real, [seq('x', 'A B'), seq('y', 'A B')]);
  const endState = m.transitions.find((t) => t.eventId === 'B')!.to;
  const allowedAtEnd = m.transitions.filter((t) => t.from === endState).length + 1;
  const expected = (2 * 1 + 2 * 1 + 2 * 1) / (2 * 1 + 2 * 2 + 2 * allowedAtEnd);
  assert.ok(Math.abs(r.process.precision - expected) < 1e-12, `${r.process.precision} vs ${expected}`);
  // The real log itself takes every choice the machine allows.
  assert.equal(allowedAtEnd, 1);
  assert.equal(fidelityReport(m, real, real).process.precision, 1);
});
