// Malformed input: the builder never throws and always returns a well-formed graph, whatever
// tree-sitter recovered from the source.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyParsed, createJavaParser, parseJava } from '../java/parser';
import { repoRoot } from '../util/repo';
import { createRng } from '../util/rng';
import { buildLcfg } from './build';
import { lcfgProblems } from './check';
import { snippetClassifier } from './test-kit';

const SAMPLE = join(repoRoot(), 'examples', 'datanode', 'src', 'main', 'java', 'org', 'example', 'storage');

/** Damaged variants of a source: truncations, and a few characters deleted or inserted at random places. */
function damaged(src: string, seed: string): string[] {
  const rng = createRng(seed);
  const out: string[] = [];
  for (let i = 1; i <= 4; i++) out.push(src.slice(0, Math.floor((src.length * i) / 5)));
  for (let k = 0; k < 6; k++) {
    let s = src;
    for (let j = 0; j < 3; j++) {
      const at = rng.int(0, s.length - 1);
      s = rng.next() < 0.5 ? s.slice(0, at) + s.slice(at + 1) : s.slice(0, at) + rng.pick(['{', '}', '(', ')', ';', 'try', 'else', '"']) + s.slice(at);
    }
    out.push(s);
  }
  return out;
}

test('damaged sample files: every method body recovered by tree-sitter gets a well-formed LCFG', async () => {
  const parser = await createJavaParser();
  let graphs = 0;
  let broken = 0;
  try {
    for (const f of readdirSync(SAMPLE).filter((x) => x.endsWith('.java')).sort()) {
      for (const src of damaged(readFileSync(join(SAMPLE, f), 'utf8'), f)) {
        const tree = parser.parse(src);
        assert.ok(tree);
        if (tree.rootNode.hasError) broken++;
        for (const m of copyParsed(parser, tree, src).rootNode.descendantsOfType(['method_declaration', 'constructor_declaration', 'lambda_expression'])) {
          const g = buildLcfg(`${f}:${m.startPosition.row}`, m.childForFieldName('body'), snippetClassifier, { file: f });
          assert.deepEqual(lcfgProblems(g), [], `${f} method at line ${m.startPosition.row + 1}`);
          graphs++;
        }
        tree.delete();
      }
    }
  } finally {
    parser.delete();
  }
  assert.ok(broken > 60, `${broken} damaged files had parse errors`);
  assert.ok(graphs > 500, `${graphs} graphs`);
});

test('bodies made only of ERROR nodes, empty bodies and a missing body', async () => {
  const parser = await createJavaParser();
  try {
    for (const src of ['class A { void f() { ) ) ( LOG.info("x"); } }', 'class A { void f() {} }', 'class A { abstract void f(); }',
      'class A { void f() { if (x) } }', 'class A { void f() { try { } catch ( } }', 'class A { void f() { switch (x) { case -> } } }']) {
      const m = parseJava(parser, src).rootNode.descendantsOfType('method_declaration')[0]!;
      const g = buildLcfg('A:f()', m.childForFieldName('body'), snippetClassifier, { file: 'A.java' });
      assert.deepEqual(lcfgProblems(g), [], src);
    }
  } finally {
    parser.delete();
  }
});
