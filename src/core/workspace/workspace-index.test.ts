import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { WorkspaceIndex } from './workspace-index';

function tree(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(join(tmpdir(), 'logsynth-ws-'));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), content);
  }
  return root;
}

const GOOD = `package p;
import org.slf4j.*;
public class Good {
  private static final Logger LOG = LoggerFactory.getLogger(Good.class);
  public void serve(String block) {
    LOG.info("Serving {}", block);
    helper(block);
  }
  void helper(String block) { LOG.warn("Slow block " + block); }
}
`;

test('bad files each give a problem and the rest of the tree is indexed', async () => {
  const latin1 = Buffer.concat([
    Buffer.from('package p;\nclass Latin {\n  // caf'), Buffer.from([0xe9]), Buffer.from('\n  void m() { LOG.info("d\\u00e9j\\u00e0 vu"); }\n}\n'),
  ]);
  // a 10 MB generated file: over the 8 MiB default limit
  const method = '  void m%(int x) { if (x > 1) { LOG.info("value " + x); } }\n';
  const parts = ['class Huge {\n'];
  for (let i = 0, size = 0; size < 10 * 1024 * 1024; i++) { const m = method.replace('%', String(i)); parts.push(m); size += m.length; }
  const huge = parts.join('') + '}\n';
  const deep = 'class Deep {\n  void m(int x) {\n' + '{ if (x > 0) '.repeat(2000) + 'LOG.info("deep " + ' + '('.repeat(2000) + 'x' + ')'.repeat(2000) + ');' + ' }'.repeat(2000) + '\n  }\n}\n';
  const truncated = GOOD.replace('Good', 'Cut').slice(0, GOOD.indexOf('helper(block);'));
  const root = tree({
    'src/main/java/p/Good.java': GOOD,
    'src/main/java/p/Latin.java': latin1,
    'src/main/java/p/Huge.java': huge,
    'src/main/java/p/Deep.java': deep,
    'src/main/java/p/Cut.java': truncated,
  });
  try {
    const idx = await WorkspaceIndex.build(root, {});
    idx.dispose();
    const problemsOf = (f: string) => idx.files.get(`src/main/java/p/${f}`)!.problems;
    assert.equal(idx.files.size, 5);
    // the good file is fully indexed
    assert.deepEqual(problemsOf('Good.java'), []);
    assert.deepEqual(idx.files.get('src/main/java/p/Good.java')!.logs.map((l) => l.template), ['Serving <*>', 'Slow block <*>']);
    // non-UTF-8: a warning where the byte is, and the file still indexed (read as latin1)
    const lp = problemsOf('Latin.java');
    assert.equal(lp.length, 1);
    assert.equal(lp[0]!.severity, 'warning');
    assert.match(lp[0]!.message, /not valid UTF-8 \(byte 0xe9/);
    assert.deepEqual([lp[0]!.line, lp[0]!.column], [3, 9]);
    assert.deepEqual(idx.files.get('src/main/java/p/Latin.java')!.logs.map((l) => l.template), ['déjà vu']);
    // too big: skipped, with the limit in the message
    const hp = problemsOf('Huge.java');
    assert.equal(hp.length, 1);
    assert.match(hp[0]!.message, /skipped: 10\.\d MiB is over the 8\.0 MiB limit/);
    assert.ok(idx.files.get('src/main/java/p/Huge.java')!.lines > 100_000);
    // 2,000 levels of blocks and parentheses: no stack overflow, the log is found
    const deepFile = idx.files.get('src/main/java/p/Deep.java')!;
    assert.deepEqual(deepFile.logs.map((l) => l.template), ['deep <*>']);
    assert.deepEqual(deepFile.logs[0]!.params.map((p) => p.expr), ['x']); // redundant parentheses dropped
    // truncated: a syntax problem with its place, and what was recovered is indexed
    const cp = problemsOf('Cut.java');
    assert.ok(cp.some((p) => /unexpected end of file: 2 unclosed/.test(p.message)), JSON.stringify(cp));
    assert.ok(cp.every((p) => p.severity === 'error' && /syntax error|unexpected end of file/.test(p.message) && p.line >= 6), JSON.stringify(cp));
    assert.deepEqual(idx.files.get('src/main/java/p/Cut.java')!.logs.map((l) => l.template), ['Serving <*>']);
    const s = idx.stats();
    assert.equal(s.files, 5);
    assert.equal(s.problems, idx.problems.length);
    assert.equal(s.logStatements, 5);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('maxFileBytes is configurable', async () => {
  const root = tree({ 'A.java': GOOD });
  try {
    const idx = await WorkspaceIndex.build(root, { maxFileBytes: 100 });
    idx.dispose();
    assert.match(idx.problems[0]!.message, /over the 0\.0 MiB limit/);
    assert.equal(idx.logs.size, 0);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('event ids: equal templates share one, numbered by first occurrence in (file, line) order; updates renumber', async () => {
  const a = `class A { void m(int x) { LOG.info("second " + x); LOG.info("first"); } }`;
  const b = `class B {\n void m(int y) {\n LOG.debug("first");\n LOG.info("second {}", y);\n LOG.info("third");\n }\n}`;
  const root = tree({ 'b/B.java': b, 'a/A.java': a });
  try {
    const idx = await WorkspaceIndex.build(root, {});
    const ids = () => [...idx.logs.values()].map((l) => `${l.loc.file}:${l.loc.line} ${l.eventId} ${l.template}`);
    assert.deepEqual(ids(), [
      'a/A.java:1 E1 second <*>', 'a/A.java:1 E2 first',
      'b/B.java:3 E2 first', 'b/B.java:4 E1 second <*>', 'b/B.java:5 E3 third',
    ]);
    assert.deepEqual([...idx.templates.entries()], [['E1', 'second <*>'], ['E2', 'first'], ['E3', 'third']]);
    // a second build of the same tree gives the same ids
    const again = await WorkspaceIndex.build(root, {});
    again.dispose();
    assert.deepEqual([...again.logs.values()].map((l) => l.eventId), [...idx.logs.values()].map((l) => l.eventId));
    // deleting A renumbers from B; editing B re-parses only B
    await idx.updateFile('a/A.java', undefined);
    assert.deepEqual(ids(), ['b/B.java:3 E1 first', 'b/B.java:4 E2 second <*>', 'b/B.java:5 E3 third']);
    await idx.updateFile('b/B.java', Buffer.from(b.replace('"third"', '"fourth"')));
    assert.deepEqual(ids(), ['b/B.java:3 E1 first', 'b/B.java:4 E2 second <*>', 'b/B.java:5 E3 fourth']);
    assert.equal(idx.methods.has('B:m(int)'), true);
    assert.equal(idx.methods.has('A:m(int)'), false);
    assert.ok(idx.lcfgs.has('B:m(int)'));
    idx.dispose();
    // fromFiles links the same maps
    const copy = WorkspaceIndex.fromFiles([...idx.files.values()]);
    assert.deepEqual([...copy.logs.keys()], [...idx.logs.keys()]);
    assert.equal(copy.stats().templates, 3);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a logger field used from another file takes the component it was created with', async () => {
  const root = tree({
    'p/NameNode.java': 'package p; public class NameNode { public static final Log stateChangeLog = LogFactory.getLog("org.apache.hadoop.hdfs.StateChange"); public static final Log LOG = LogFactory.getLog(NameNode.class.getName()); }',
    'p/Other.java': 'package p; class Other { void m(String b) { NameNode.stateChangeLog.info("BLOCK* " + b); NameNode.LOG.info("nn"); Missing.LOG.info("unknown"); } }',
  });
  try {
    const idx = await WorkspaceIndex.build(root, {});
    idx.dispose();
    assert.deepEqual([...idx.logs.values()].map((l) => [l.template, l.component]), [
      ['BLOCK* <*>', 'org.apache.hadoop.hdfs.StateChange'], ['nn', 'NameNode'], ['unknown', 'Missing'],
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a build on two worker threads gives the same index as one thread', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 40; i++) {
    files[`src/p${i % 4}/C${i}.java`] = `package p${i % 4};
class C${i} {
  static final Logger LOG = LoggerFactory.getLogger(C${i}.class);
  void run${i}(int n) {
    for (int k = 0; k < n; k++) { LOG.info("C${i % 7} step {} of {}", k, n); }
    if (n > ${i}) LOG.warn("too many: " + n); else helper(n);
  }
  void helper(int n) { Runnable r = () -> LOG.debug("lambda " + n); }
}`;
  }
  files['src/Bad.java'] = 'class Bad { void m( { LOG.info("x"); }';
  const root = tree(files);
  try {
    const one = await WorkspaceIndex.build(root, { workers: 1 });
    one.dispose();
    const two = await WorkspaceIndex.build(root, { workers: 2 });
    two.dispose();
    assert.equal(two.threads, 2, 'the worker script is found beside the module');
    assert.equal(one.threads, 1);
    assert.equal(two.files.size, 41);
    assert.deepEqual([...two.files.keys()], [...one.files.keys()]);
    // Workers hand their results over as JSON (packed.ts): equal as JSON data, undefined properties aside.
    const asJson = (x: unknown): unknown => JSON.parse(JSON.stringify(x));
    assert.deepEqual(asJson([...two.files.values()]), asJson([...one.files.values()]));
    assert.deepEqual([...two.templates.entries()], [...one.templates.entries()]);
    assert.equal(two.stats().logStatements, 121);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
