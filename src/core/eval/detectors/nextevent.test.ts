import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../util/rng';
import { NgramDetector, windowPairs } from './nextevent';

const n = (events: string[]) => ({ events, anomaly: false });

test('window pairs are padded at the start and counted once per distinct (context, next)', () => {
  const pairs = windowPairs([[3, 4], [3, 4]], 2);
  assert.deepEqual(pairs.map((p) => [p.context, p.next, p.count]), [[[0, 0], 3, 2], [[0, 3], 4, 2]]);
});

test('n-gram model accepts seen transitions and rejects an unseen one, an unknown event and an early end', async () => {
  const train = [
    ...Array.from({ length: 30 }, () => n(['A', 'B', 'C', 'D'])),
    ...Array.from({ length: 10 }, () => n(['A', 'C', 'B', 'D'])),
  ];
  const d = new NgramDetector();
  await d.fit([...train, { events: ['A', 'X'], anomaly: true }], { rng: createRng(1) });
  const verdicts = await d.predict([
    ['A', 'B', 'C', 'D'], // seen
    ['A', 'C', 'B', 'D'], // seen (rarer)
    ['A', 'B', 'D', 'C'], // B -> D never follows A B
    ['A', 'B', 'C', 'X'], // X only ever appeared in an Anomaly session: unknown to the model
    ['A', 'B', 'C'], //      ends where Normal sessions never end
  ]);
  assert.deepEqual(verdicts, [false, false, true, true, true]);
});

test('top-g: with g = 1 only the most likely next event passes', async () => {
  const train = [...Array.from({ length: 30 }, () => n(['A', 'B'])), ...Array.from({ length: 10 }, () => n(['A', 'C']))];
  const d = new NgramDetector({ window: 10, topG: 1, order: 2, endOfSession: false });
  await d.fit(train, { rng: createRng(1) });
  assert.deepEqual(await d.predict([['A', 'B'], ['A', 'C']]), [false, true]);
});

test("top-g 'auto' picks g on a validation slice of the training split", async () => {
  // After A: B (common), C (less), D (rare but Normal). The training split's anomalies are `A D` sessions
  // of another kind: only g = 2 accepts B and C yet rejects D.
  const train = [
    ...Array.from({ length: 60 }, () => n(['A', 'B'])),
    ...Array.from({ length: 30 }, () => n(['A', 'C'])),
    ...Array.from({ length: 6 }, () => n(['A', 'D'])),
    ...Array.from({ length: 10 }, () => ({ events: ['A', 'D'], anomaly: true })),
  ];
  const d = new NgramDetector({ window: 10, topG: 'auto', order: 2, endOfSession: false });
  const messages: string[] = [];
  await d.fit(train, { rng: createRng(3), onProgress: (m) => messages.push(m) });
  assert.equal(d.g, 2);
  assert.match(messages.join('\n'), /top-g 2 chosen on the validation slice/);
  assert.deepEqual(await d.predict([['A', 'B'], ['A', 'C'], ['A', 'D']]), [false, false, true]);
});
