import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node as TsNode } from 'web-tree-sitter';
import { copyParsed, createJavaParser } from './parser';
import { copyTreeByCursor, lastTreeReader, PUNCTUATION, sameTree, type SyntaxNode } from './syntax-tree';

const SAMPLE = join(__dirname, '..', '..', '..', '..', 'examples', 'datanode', 'src', 'main', 'java', 'org', 'example', 'storage');

const SNIPPETS: Record<string, string> = {
  empty: '',
  'only a comment': '// nothing here\n',
  'non-ASCII text and identifiers': 'class Ä { String s = "ünï ☃ 𝄞"; void f() { LOG.info("é {}", ß); } }\n',
  'CRLF line ends': 'class A {\r\n  void f() {\r\n    g();\r\n  }\r\n}\r\n',
  'syntax errors': 'class A { void f( { int = ; } void g() { LOG.info("x" } }',
  'truncated file': 'class A { void f() { if (x) { LOG.warn("cut',
  'deep nesting': `class A { int f() { return ${'('.repeat(1500)}1${')'.repeat(1500)}; } }`,
  'long line': `class A { String s = ${Array.from({ length: 3000 }, (_, i) => `"p${i}"`).join(' + ')}; }`,
  'text block and escapes': 'class A { String t = """\n  a \\u00e9 "b"\n  """; char c = \'\\n\'; }',
};

test('the heap reader copies every tree exactly as the TreeCursor walk does', async () => {
  const parser = await createJavaParser();
  try {
    const inputs = Object.entries(SNIPPETS);
    for (const f of readdirSync(SAMPLE).filter((x) => x.endsWith('.java'))) inputs.push([f, readFileSync(join(SAMPLE, f), 'utf8')]);
    for (const [name, text] of inputs) {
      const tree = parser.parse(text)!;
      try {
        const fast = copyParsed(parser, tree, text);
        assert.equal(lastTreeReader, 'heap', `${name}: fell back to the cursor`);
        const slow = copyTreeByCursor(tree, text);
        assert.ok(slow.count > 0);
        assert.ok(sameTree(fast, slow), `${name}: copies differ`);
      } finally {
        tree.delete();
      }
    }
  } finally {
    parser.delete();
  }
});

/** Walks the copy and tree-sitter's own nodes side by side, comparing what the indexer reads. */
function compareWithTreeSitter(copy: SyntaxNode, real: TsNode, fields: readonly string[], where: string): number {
  let compared = 0;
  const stack: [SyntaxNode, TsNode, boolean][] = [[copy, real, false]];
  while (stack.length) {
    const [c, r, inError] = stack.pop()!;
    // Inside ERROR nodes the copy names fields as TreeCursor does (through hidden wrappers), which
    // childForFieldName does not: compared everywhere else.
    const error = inError || r.type === 'ERROR';
    const at = `${where} ${r.type}@${r.startPosition.row + 1}:${r.startPosition.column}`;
    assert.equal(c.type, r.type, at);
    assert.equal(c.isNamed, r.isNamed, at);
    assert.equal(c.isMissing, r.isMissing, at);
    assert.equal(c.text, r.text, at);
    assert.deepEqual([c.startIndex, c.endIndex], [r.startIndex, r.endIndex], at);
    assert.deepEqual([c.startPosition, c.endPosition], [r.startPosition, r.endPosition], at);
    // the copy leaves out anonymous punctuation that fills no field (see PUNCTUATION)
    const kids = r.children.filter((k, i) => !(k && PUNCTUATION.has(k.type) && !k.isNamed && !k.isMissing && k.childCount === 0 && r.fieldNameForChild(i) === null)) as TsNode[];
    assert.equal(c.children.length, kids.length, at);
    assert.equal(c.namedChildren.length, r.namedChildCount, at);
    const key = (x: { type: string; startIndex: number } | null): string | null => (x ? `${x.type}@${x.startIndex}` : null);
    assert.equal(key(c.firstNamedChild), key(r.firstNamedChild), `${at} firstNamedChild`);
    assert.equal(key(c.nextNamedSibling), key(r.nextNamedSibling), `${at} nextNamedSibling`);
    for (const f of error ? [] : fields) {
      const cf = c.childForFieldName(f);
      const rf = r.childForFieldName(f);
      assert.equal(cf ? `${cf.type}@${cf.startIndex}` : null, rf ? `${rf.type}@${rf.startIndex}` : null, `${at} field ${f}`);
      assert.equal(c.childrenForFieldName(f).length, r.childrenForFieldName(f).length, `${at} fields ${f}`);
    }
    for (let i = 0; i < kids.length; i++) stack.push([c.children[i]!, kids[i]!, error]);
    compared++;
  }
  return compared;
}

test('copied nodes answer type, text, positions, children and fields as web-tree-sitter does', async () => {
  const parser = await createJavaParser();
  try {
    const fields = parser.language!.fields.filter((f): f is string => !!f);
    let compared = 0;
    const inputs = Object.entries(SNIPPETS).filter(([k]) => k !== 'deep nesting' && k !== 'long line');
    for (const f of readdirSync(SAMPLE).filter((x) => x.endsWith('.java'))) inputs.push([f, readFileSync(join(SAMPLE, f), 'utf8')]);
    for (const [name, text] of inputs) {
      const tree = parser.parse(text)!;
      try {
        compared += compareWithTreeSitter(copyParsed(parser, tree, text).rootNode, tree.rootNode, fields, name);
      } finally {
        tree.delete();
      }
    }
    assert.ok(compared > 8000, `${compared} nodes compared`);
  } finally {
    parser.delete();
  }
});

test('parent links, node ids in document order, and descendantsOfType', async () => {
  const parser = await createJavaParser();
  try {
    const text = 'class A { void f() { g(); if (x) h(1); } void k() { m(); } }';
    const tree = parser.parse(text)!;
    const root = copyParsed(parser, tree, text).rootNode;
    tree.delete();
    const calls = root.descendantsOfType('method_invocation');
    assert.deepEqual(calls.map((c) => c.text), ['g()', 'h(1)', 'm()']);
    assert.ok(calls[0]!.id < calls[1]!.id && calls[1]!.id < calls[2]!.id);
    let p: SyntaxNode | null = calls[1]!;
    const chain: string[] = [];
    while (p) { chain.push(p.type); p = p.parent; }
    assert.deepEqual(chain, ['method_invocation', 'expression_statement', 'if_statement', 'block', 'method_declaration', 'class_body', 'class_declaration', 'program']);
    const f = root.descendantsOfType('method_declaration')[0]!;
    assert.deepEqual(f.descendantsOfType(['method_invocation']).map((c) => c.text), ['g()', 'h(1)'], 'a subtree stops at its end');
  } finally {
    parser.delete();
  }
});
