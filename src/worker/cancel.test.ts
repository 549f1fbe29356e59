import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { createCancelFlag, flagSignal, raiseCancelFlag } from './cancel';

test('flagSignal: a raised flag aborts the signal at the next read, and abort listeners fire', () => {
  const flag = createCancelFlag();
  const signal = flagSignal(flag);
  let fired = 0;
  signal.addEventListener('abort', () => fired++);
  assert.equal(signal.aborted, false);
  assert.equal(fired, 0);
  raiseCancelFlag(flag);
  assert.equal(signal.aborted, true);
  assert.equal(fired, 1);
  assert.equal(signal.aborted, true);
  assert.equal(fired, 1, 'fires once');
  // Still a real AbortSignal: composes with AbortSignal.any.
  assert.equal(AbortSignal.any([signal]).aborted, true);
});

test('flagSignal: another thread raising the flag stops a loop that never yields', async () => {
  const flag = createCancelFlag();
  const signal = flagSignal(flag);
  // The other thread raises the flag once it has started; this thread spins synchronously meanwhile.
  const w = new Worker(`const { workerData } = require('node:worker_threads'); setTimeout(() => Atomics.store(new Int32Array(workerData), 0, 1), 50);`, { eval: true, workerData: flag });
  const t0 = Date.now();
  let spins = 0;
  while (!signal.aborted) {
    spins++;
    if (Date.now() - t0 > 20000) break; // never reached when the flag works; keeps a broken build from hanging
  }
  await w.terminate();
  assert.equal(signal.aborted, true);
  assert.ok(spins > 0);
});
