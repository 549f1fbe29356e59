// The neural next-event models on tiny data: they must learn a deterministic next-event pattern.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../util/rng';
import { LSTM_DEFAULTS, LstmDetector, TRANSFORMER_DEFAULTS, TransformerDetector, type NeuralParams } from './neural';
import { AbortError } from './types';

const PATTERN = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
const train = [
  ...Array.from({ length: 20 }, () => ({ events: PATTERN, anomaly: false })),
  { events: ['A', 'Q'], anomaly: true }, // anomalies are not trained on: Q stays unknown
];
const small: Partial<NeuralParams> = { window: 4, topG: 1, epochs: 60, batchSize: 32, learningRate: 0.02, embed: 8, hidden: 16 };

const probes = [
  PATTERN, //                                  normal
  ['A', 'B', 'D', 'C', 'E', 'F', 'G', 'H'], // two events swapped
  ['A', 'B', 'C', 'D'], //                     stops early
  ['A', 'B', 'C', 'Q', 'D'], //                an event never seen in Normal sessions
];

for (const [name, make] of [
  ['DeepLog (LSTM)', () => new LstmDetector({ ...LSTM_DEFAULTS, ...small })],
  ['Transformer', () => new TransformerDetector({ ...TRANSFORMER_DEFAULTS, ...small, heads: 2 })],
] as const) {
  test(`${name} learns a deterministic next-event pattern and rejects deviations`, async () => {
    const d = make();
    try {
      await d.fit(train, { rng: createRng(5) });
      assert.ok(d.lastLoss < 0.2, `training loss stayed at ${d.lastLoss}`);
      assert.deepEqual(await d.predict(probes), [false, true, true, true]);
    } finally {
      d.dispose();
    }
  });
}

test('neural training stops with an AbortError when the signal fires', async () => {
  const d = new LstmDetector({ ...LSTM_DEFAULTS, ...small, epochs: 1000 });
  const ac = new AbortController();
  let epochs = 0;
  await assert.rejects(d.fit(train, { rng: createRng(5), signal: ac.signal, onProgress: () => { if (++epochs === 3) ac.abort(); } }), AbortError);
  assert.equal(epochs, 3);
  d.dispose();
});
