// The call graph over real Java (tree-sitter + the indexer's call sites): scopes, imports, inner classes,
// lambdas, static imports, overloads by argument type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createJavaParser } from '../java/parser';
import { indexSource } from '../java/index-file';
import { WorkspaceIndex } from '../workspace/workspace-index';
import { buildCallGraph } from './callgraph';

const FILES: Record<string, string> = {
  "org/ex/Base.java": `package org.ex;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public abstract class Base {
  protected static final Logger LOG = LoggerFactory.getLogger(Base.class);
  protected void report(String what) {
    LOG.info("report {}", what);
  }
  protected abstract void work(int n);
}
`,
  "org/ex/util/Checks.java": `package org.ex.util;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class Checks {
  private static final Logger LOG = LoggerFactory.getLogger(Checks.class);
  public static void check(int n) {
    LOG.debug("check {}", n);
  }
  public static void check(String s) {
    LOG.debug("check string {}", s);
  }
}
`,
  "org/ex/Worker.java": `package org.ex;

import static org.ex.util.Checks.check;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class Worker extends Base {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
  private final Helper helper = new Helper();
  private Executor executor;

  @Override
  protected void work(int n) {
    check(n);
    check("n");
    super.report("start");
    this.helper.assist(n);
    executor.execute(() -> finish(n));
    new Inner().run();
    List<String> items = null;
    items.add("x");
  }

  void finish(int n) {
    LOG.info("finished {}", n);
  }

  class Inner {
    void run() {
      report("inner");
      finish(1);
    }
  }

  static class Helper {
    void assist(int n) {
      LOG.info("assist {}", n);
    }
  }
}
`,
};

test('Java: every call site resolves to the method javac would pick, library calls stay opaque', async () => {
  const parser = await createJavaParser();
  let idx: WorkspaceIndex;
  try {
    idx = WorkspaceIndex.fromFiles(Object.entries(FILES).map(([f, t]) => indexSource(f, t, parser)));
  } finally {
    parser.delete();
  }
  const g = buildCallGraph(idx);
  const calls = g.edges.map((e) => `${e.caller.replace('org.ex.', '')} @${e.loc.line} -> ${e.callee.replace('org.ex.', '')}`);
  assert.deepEqual(calls.sort(), [
    'Worker.Inner:run() @32 -> Base:report(String)',
    'Worker.Inner:run() @33 -> Worker:finish(int)',
    'Worker:work$lambda$1() @20 -> Worker:finish(int)',
    'Worker:work(int) @16 -> util.Checks:check(int)',
    'Worker:work(int) @17 -> util.Checks:check(String)',
    'Worker:work(int) @18 -> Base:report(String)',
    'Worker:work(int) @19 -> Worker.Helper:assist(int)',
    'Worker:work(int) @20 -> ?execute/1',
    'Worker:work(int) @21 -> ?<init>/0',
    'Worker:work(int) @21 -> Worker.Inner:run()',
    'Worker:work(int) @23 -> ?add/1',
  ]);
  assert.equal(g.reachesLog('org.ex.Worker:work(int)'), true);
  assert.deepEqual(g.entries({ top: 1 }).map((e) => [e.methodId, e.reachableTemplates]), [['org.ex.Worker:work(int)', 5]]);
  assert.equal(g.findMethod('Worker.Helper.assist').match, 'org.ex.Worker.Helper:assist(int)');
  assert.equal(g.findMethod('Checks:check(String)').match, 'org.ex.util.Checks:check(String)');
});
