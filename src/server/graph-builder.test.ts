// The inter-procedural graph the side panel draws: a lambda a path can run through is drawn beside the method it
// is passed to, so the steps of such a path all have nodes to highlight. Real Java, parsed and indexed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createJavaParser } from '../core/java/parser';
import { indexSource } from '../core/java/index-file';
import { WorkspaceIndex } from '../core/workspace/workspace-index';
import { buildCallGraph } from '../core/callgraph/callgraph';
import { enumeratePaths } from '../core/paths/enumerate';
import { entryGraph } from './graph-builder';

const SOURCE = `package org.ex;

import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class Svc {
  private static final Logger LOG = LoggerFactory.getLogger(Svc.class);

  void register() throws Exception {
    retry(() -> {
      ping();
      return null;
    });
    LOG.info("registered");
  }

  void ping() {
    LOG.info("ping");
  }

  <T> T retry(Callable<T> action) throws Exception {
    return action.call();
  }
}
`;

test('entry graph: lambdas passed where they run are drawn, and every step of a path through them has its node', async () => {
  const parser = await createJavaParser();
  let idx: WorkspaceIndex;
  try {
    idx = WorkspaceIndex.fromFiles([indexSource('org/ex/Svc.java', SOURCE, parser)]);
  } finally {
    parser.delete();
  }
  const graph = buildCallGraph(idx);
  const entry = 'org.ex.Svc:register()';
  const view = entryGraph(idx, graph, entry, { depth: 5, maxNodes: 500 })!;
  // retry logs nothing itself: not drawn, and a path runs its lambda at the call to it
  assert.deepEqual(view.methods.map((m) => m.id).sort(), ['org.ex.Svc:ping()', 'org.ex.Svc:register$lambda$1()', 'org.ex.Svc:register()']);
  const drawn = new Set(view.nodes.map((n) => n.id));
  const paths = enumeratePaths(entry, idx, graph, { depth: 5, maxPaths: 20, loopBound: 1, seed: 1 }).paths;
  const through = paths.find((p) => p.steps.some((s) => s.methodId.includes('$lambda$')));
  assert.ok(through, 'a path runs the lambda');
  const missing = through.steps.filter((s) => !drawn.has(`${s.methodId}#${s.nodeId}`));
  assert.deepEqual(missing.map((s) => `${s.methodId}#${s.nodeId}`), []);
});
