// The extension's model list (kept apart so TensorFlow.js stays out of the extension bundle) is the registry's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DETECTORS, selectDetectors } from '../core/eval/detectors/registry';
import { EVAL_MODELS } from './eval-models';

test('EVAL_MODELS lists the registry\'s detectors, in order, with the same neural flag', () => {
  assert.deepEqual(EVAL_MODELS.map((m) => [m.name, m.neural]), DETECTORS.map((d) => [d.name, d.neural]));
  assert.deepEqual(selectDetectors('fast').map((d) => d.name), EVAL_MODELS.filter((m) => !m.neural).map((m) => m.name));
});
