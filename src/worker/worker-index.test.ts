// The generation worker's copy of the index after an edit: a body edit re-resolves only the edited file's calls,
// a signature change re-resolves everything, and either way the graph is the one a fresh build gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../core/util/repo';
import { WorkspaceIndex } from '../core/workspace/workspace-index';
import { buildCallGraph } from '../core/callgraph/callgraph';
import { createJavaParser } from '../core/java/parser';
import { indexSource } from '../core/java/index-file';
import { WorkerIndex } from './worker-index';

const ROOT = join(repoRoot(), 'examples', 'datanode');
const FILE = 'src/main/java/org/example/storage/BlockReceiver.java';
const ANCHOR = '    LOG.info("Receiving block {} src: {} dest: {}", block, inAddr, myAddr);\n';

test('worker index: call resolutions reused across a body edit, not across a signature change', async () => {
  const idx = await WorkspaceIndex.build(ROOT, { workers: 1 });
  const w = new WorkerIndex();
  w.set([...idx.files.values()]);
  const first = w.view().graph;
  for (const m of idx.methods.keys()) first.callees(m);
  const all = first.resolvedHere;

  const parser = await createJavaParser();
  try {
    const text = readFileSync(join(ROOT, FILE), 'utf8');
    const body = text.replace(ANCHOR, `${ANCHOR}    LOG.info("Edited {}", block);\n`);
    w.apply([{ file: FILE, index: indexSource(FILE, Buffer.from(body), parser) }]);
    const afterBody = w.view();
    const sitesInFile = afterBody.index.files.get(FILE)!.lcfgs.reduce((n, g) => n + g.nodes.filter((x) => x.kind === 'call').length, 0);
    assert.ok(afterBody.graph.resolvedHere > 0 && afterBody.graph.resolvedHere <= sitesInFile,
      `only the edited file's ${sitesInFile} call sites resolved again (got ${afterBody.graph.resolvedHere} of ${all})`);
    assert.ok(afterBody.index.logs.size === idx.logs.size + 1, 'the new log statement is in the view');
    const fresh = buildCallGraph(afterBody.index);
    for (const m of afterBody.index.methods.keys()) {
      assert.deepEqual(afterBody.graph.callees(m), fresh.callees(m), m);
      assert.equal(afterBody.graph.reachesLog(m), fresh.reachesLog(m), m);
    }
    assert.equal(fresh.resolvedHere, all);

    const renamed = body.replace('private void cleanupQuietly() {', 'private void cleanupQuietly2() {');
    w.apply([{ file: FILE, index: indexSource(FILE, Buffer.from(renamed), parser) }]);
    const afterRename = w.view().graph;
    for (const m of w.view().index.methods.keys()) afterRename.callees(m);
    assert.equal(afterRename.resolvedHere, all, 'a renamed method: every call site resolved again');
  } finally {
    parser.delete();
  }
});
