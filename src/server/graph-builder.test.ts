// The inter-procedural graph the side panel draws: a lambda a path can run through is drawn beside the method it
// is passed to, so the steps of such a path all have nodes to highlight. Real Java, parsed and indexed.
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../core/util/repo';
import assert from 'node:assert/strict';
import { createJavaParser } from '../core/java/parser';
import { indexSource } from '../core/java/index-file';
import { WorkspaceIndex } from '../core/workspace/workspace-index';
import { buildCallGraph } from '../core/callgraph/callgraph';
import { enumeratePaths } from '../core/paths/enumerate';
import { entryGraph } from './graph-builder';

const SOURCE = readFileSync(join(repoRoot(), 'test', 'fixtures', 'lambdas', 'org', 'ex', 'Svc.java'), 'utf8');

test('entry graph: lambdas passed where they run are drawn, and every step of a path through them has its node', async () => {
  const parser = await createJavaParser();
  let idx: WorkspaceIndex;
  try {
    idx = WorkspaceIndex.fromFiles([indexSource('org/ex/Svc.java', SOURCE, parser)]);
  } finally {
    parser.delete();
  }
  const graph = buildCallGraph(idx);
  const entry = 'org.ex.Svc:registerQuietly()';
  const view = entryGraph(idx, graph, entry, { depth: 5, maxNodes: 500 })!;
  // quietly logs nothing itself: not drawn, and a path runs its lambda at the call to it
  assert.deepEqual(view.methods.map((m) => m.id).sort(), ['org.ex.Svc:ping()', 'org.ex.Svc:registerQuietly$lambda$1()', 'org.ex.Svc:registerQuietly()']);
  const withHelper = entryGraph(idx, graph, 'org.ex.Svc:register()', { depth: 5, maxNodes: 500 })!;
  assert.deepEqual(withHelper.methods.map((m) => m.id).sort(), [
    'org.ex.Svc:ping()', 'org.ex.Svc:register$lambda$1()', 'org.ex.Svc:register()', 'org.ex.Svc:retry(Callable)',
  ], 'retry logs: drawn, and the lambda beside the call to it');
  const drawn = new Set(view.nodes.map((n) => n.id));
  const paths = enumeratePaths(entry, idx, graph, { depth: 5, maxPaths: 20, loopBound: 1, seed: 1 }).paths;
  const through = paths.find((p) => p.steps.some((s) => s.methodId.includes('$lambda$')));
  assert.ok(through, 'a path runs the lambda');
  const missing = through.steps.filter((s) => !drawn.has(`${s.methodId}#${s.nodeId}`));
  assert.deepEqual(missing.map((s) => `${s.methodId}#${s.nodeId}`), []);
});
