import { test } from 'node:test';
import assert from 'node:assert/strict';
import { confusion, mean, prf, score, std } from './metrics';

test('confusion and P/R/F1 match hand-computed values', () => {
  //            tp     fn     fp     tn     tp     tn     fp
  const truth = [true, true, false, false, true, false, false];
  const pred = [true, false, true, false, true, false, true];
  assert.deepEqual(confusion(truth, pred), { tp: 2, fp: 2, tn: 2, fn: 1 });
  const m = score(truth, pred);
  assert.equal(m.precision, 0.5); // 2 / (2 + 2)
  assert.equal(m.recall, 2 / 3); // 2 / (2 + 1)
  assert.ok(Math.abs(m.f1 - 4 / 7) < 1e-12); // 2 * 0.5 * 2/3 / (0.5 + 2/3)
});

test('empty denominators give 0, not NaN (sklearn zero_division=0)', () => {
  assert.deepEqual(prf({ tp: 0, fp: 0, tn: 5, fn: 3 }), { precision: 0, recall: 0, f1: 0 });
  assert.deepEqual(prf({ tp: 0, fp: 2, tn: 5, fn: 0 }), { precision: 0, recall: 0, f1: 0 });
  assert.throws(() => confusion([true], []), /1 labels but 0 predictions/);
});

test('mean and sample standard deviation', () => {
  assert.ok(Math.abs(mean([0.6, 0.8, 1.0]) - 0.8) < 1e-12);
  assert.ok(Math.abs(std([0.6, 0.8, 1.0]) - 0.2) < 1e-12); // sqrt((0.04 + 0 + 0.04) / 2)
  assert.equal(std([0.7]), 0);
});
