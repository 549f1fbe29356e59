import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Path } from '../model';
import { collapseRepeats, compressPaths } from './compress';
import { ViewBuilder } from '../callgraph/hand-built-view';
import { buildCallGraph } from '../callgraph/callgraph';
import { enumeratePaths } from './enumerate';

const path = (ids: string, extra: Partial<Path> = {}): Path => ({
  entry: 'p.A:m()', steps: [], logIds: ids ? ids.split(' ') : [], raises: false, ...extra,
});

test('collapseRepeats removes immediate repetitions of blocks of any length', () => {
  assert.deepEqual(collapseRepeats('ABBBC'.split('')), ['A', 'B', 'C']);
  assert.deepEqual(collapseRepeats('ABCBCBCD'.split('')), ['A', 'B', 'C', 'D']);
  assert.deepEqual(collapseRepeats('ABAB'.split('')), ['A', 'B']);
  assert.deepEqual(collapseRepeats('ABCA'.split('')), ['A', 'B', 'C', 'A'], 'not adjacent: kept');
  assert.deepEqual(collapseRepeats('ABBABB'.split('')), ['A', 'B']);
  assert.deepEqual(collapseRepeats([]), []);
});

test('identical and loop-repeated sequences become one representative with a multiplicity, in stable order', () => {
  const groups = compressPaths([
    path('A B C'), path('X'), path('A B B B C'), path('A C'), path('A B C'), path('X X'), path(''),
  ]);
  assert.deepEqual(groups.map((g) => [g.path.logIds.join(' '), g.multiplicity]), [
    ['A B C', 3], ['X', 2], ['A C', 1], ['', 1],
  ]);
  const apart = compressPaths([path('A B'), path('A B', { raises: true }), path('A B B')], { separateExceptional: true });
  assert.deepEqual(apart.map((g) => [g.path.logIds.join(' '), g.path.raises, g.multiplicity]), [['A B', false, 2], ['A B', true, 1]]);
});

test('enumerated loop paths compress to the loop-free and the once-around sequences', () => {
  const v = new ViewBuilder().cls('p.A').method('p.A:loop()',
    [{ log: 'S' }, { branch: 'i < n' }, { log: 'B' }, { log: 'E' }],
    ['0>1', '1>2', '2>3:T', '3>2:B', '2>4:F', '4>x']);
  const { paths } = enumeratePaths('p.A:loop()', v, buildCallGraph(v), { depth: 5, maxPaths: 100, loopBound: 4, seed: 1 });
  assert.equal(paths.length, 5);
  const groups = compressPaths(paths);
  assert.deepEqual(groups.map((g) => g.multiplicity).sort(), [1, 4]);
  assert.deepEqual(groups.map((g) => g.path.logIds.length === 2 ? 'S E' : 'S B+ E').sort(), ['S B+ E', 'S E']);
});
