import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createJavaParser } from './parser';

test('the shipped Java grammar parses a method with a log call', async () => {
  const parser = await createJavaParser();
  const tree = parser.parse('class A { void f(int x) { if (x > 0) LOG.info("x={}", x); } }');
  assert.ok(tree);
  const root = tree.rootNode;
  assert.equal(root.hasError, false);
  const call = root.descendantsOfType('method_invocation')[0];
  assert.equal(call?.childForFieldName('name')?.text, 'info');
  tree.delete();
  parser.delete();
});
