// The WASM backend's files are found where the packaged extension has them (grammars/, copied by the build)
// before node_modules, and TensorFlow.js starts on that backend from there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../util/repo';
import { loadTf, wasmDir } from './tf';

test('wasmDir prefers the shipped grammars/ folder; the wasm backend starts from it', async () => {
  const shipped = join(repoRoot(), 'grammars');
  assert.ok(existsSync(join(shipped, 'tfjs-backend-wasm.wasm')), 'the build copied the tfjs .wasm files into grammars/');
  assert.equal(wasmDir(), shipped);
  const { tf, backend } = await loadTf();
  assert.equal(backend, 'wasm');
  assert.deepEqual(Array.from(tf.tensor([1, 2]).add(tf.tensor([3, 4])).dataSync()), [4, 6]);
});
