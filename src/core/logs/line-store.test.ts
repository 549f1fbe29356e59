import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IntStore } from './line-store';

test('IntStore spills past its chunk and reads back every value in and out of order', () => {
  const s = new IntStore(1000);
  for (let i = 0; i < 4500; i++) s.push((i * 7919) % 10007);
  assert.equal(s.length, 4500);
  assert.equal(s.onDisk, true);
  for (let i = 0; i < 4500; i++) assert.equal(s.get(i), (i * 7919) % 10007);
  for (const i of [4499, 0, 2500, 999, 1000, 3999, 4000]) assert.equal(s.get(i), (i * 7919) % 10007);
  assert.deepEqual([...s].slice(0, 3), [0, 7919, 15838 % 10007]);
  assert.throws(() => s.get(4500), RangeError);
  const small = new IntStore(10);
  small.push(5);
  assert.equal(small.onDisk, false);
  assert.equal(small.get(0), 5);
});
