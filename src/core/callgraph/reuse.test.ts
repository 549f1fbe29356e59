// A call graph built after a one-file edit, reusing the previous graph's resolutions, is the graph a fresh build
// gives, on the bundled sample; and only an edit that leaves the file's resolution facts alone may reuse them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../util/repo';
import { WorkspaceIndex } from '../workspace/workspace-index';
import { buildCallGraph, type CallGraph } from './callgraph';
import { resolutionFacts } from './reuse';

const ROOT = join(repoRoot(), 'examples', 'datanode');
const FILE = 'src/main/java/org/example/storage/BlockReceiver.java';
const ANCHOR = '    LOG.info("Receiving block {} src: {} dest: {}", block, inAddr, myAddr);\n';

/** Everything the graph answers, as one comparable value. */
function answers(idx: WorkspaceIndex, g: CallGraph): unknown {
  const methods = [...idx.methods.keys()].sort();
  return {
    reaching: methods.filter((m) => g.reachesLog(m)),
    entries: g.entries({ top: 100000, depth: 5 }),
    adjacency: methods.map((m) => [m, g.callees(m), g.callers(m)]),
    edges: g.edges,
  };
}

function callSitesIn(idx: WorkspaceIndex, file: string): number {
  let n = 0;
  for (const g of idx.files.get(file)!.lcfgs) for (const node of g.nodes) if (node.kind === 'call' && node.call) n++;
  return n;
}

test('call graph after a body edit: resolutions reused, answers identical to a fresh build', async () => {
  const idx = await WorkspaceIndex.build(ROOT, { workers: 1 });
  const before = await WorkspaceIndex.build(ROOT, { workers: 1 });
  const g0 = buildCallGraph(idx);
  answers(idx, g0); // resolves every call site
  const total = g0.resolvedHere;
  assert.ok(total > 50, `${total} call sites in the sample`);

  const text = readFileSync(join(ROOT, FILE), 'utf8');
  assert.ok(text.includes(ANCHOR));
  const oldFacts = resolutionFacts(idx.files.get(FILE)!);
  // a new log statement and a new call inside receiveBlock's body: lines below move, nothing else changes
  const edited = text.replace(ANCHOR, `${ANCHOR}    LOG.info("Edited {}", block);\n    cleanupQuietly();\n`);
  await idx.updateFile(FILE, Buffer.from(edited));
  assert.equal(resolutionFacts(idx.files.get(FILE)!), oldFacts, 'a body edit keeps the resolution facts');
  assert.notEqual(idx.logs.size, before.logs.size, 'the edit added a log statement');

  const reused = buildCallGraph(idx, g0);
  const fresh = buildCallGraph(idx);
  assert.deepEqual(answers(idx, reused), answers(idx, fresh));
  assert.ok(reused.resolvedHere > 0 && reused.resolvedHere <= callSitesIn(idx, FILE),
    `only the edited file's ${callSitesIn(idx, FILE)} call sites are resolved again (got ${reused.resolvedHere})`);
  assert.equal(fresh.resolvedHere, total + 1, 'a fresh build resolves every site, one more than before');
  assert.notDeepEqual(answers(idx, fresh), answers(before, buildCallGraph(before)), 'the edit changed the graph');
});

test('resolution facts: a renamed method, a new field type or an emptied body changes them', async () => {
  const idx = await WorkspaceIndex.build(ROOT, { workers: 1 });
  const text = readFileSync(join(ROOT, FILE), 'utf8');
  const facts = resolutionFacts(idx.files.get(FILE)!);
  const variants: [string, string][] = [
    ['renamed method', text.replace('private void cleanupQuietly() {', 'private void cleanupQuietly2() {')],
    ['field type', text.replace('private final String mirrorAddr;', 'private final Object mirrorAddr;').replace('private String mirrorAddr;', 'private Object mirrorAddr;')],
    ['new import', text.replace('import ', 'import java.util.List;\nimport ')],
  ];
  for (const [what, variant] of variants) {
    assert.notEqual(variant, text, what);
    await idx.updateFile(FILE, Buffer.from(variant));
    assert.notEqual(resolutionFacts(idx.files.get(FILE)!), facts, what);
  }
  // a method whose body no longer does anything: dispatch to it changes
  const m = /private void cleanupQuietly\(\) \{[\s\S]*?\n {2}\}\n/.exec(text);
  assert.ok(m, 'cleanupQuietly in the sample');
  await idx.updateFile(FILE, Buffer.from(text.replace(m[0], 'private void cleanupQuietly() {\n  }\n')));
  assert.notEqual(resolutionFacts(idx.files.get(FILE)!), facts, 'emptied body');
  await idx.updateFile(FILE, Buffer.from(text));
  assert.equal(resolutionFacts(idx.files.get(FILE)!), facts, 'back to the original');
});
