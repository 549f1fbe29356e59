// From real Java (tree-sitter, the indexer, the LCFG builder) through the call graph, path enumeration and
// the symbolic verifier: exact template sequences and verdicts.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createJavaParser } from '../java/parser';
import { indexSource } from '../java/index-file';
import { WorkspaceIndex } from '../workspace/workspace-index';
import { buildCallGraph } from '../callgraph/callgraph';
import { enumeratePaths } from './enumerate';
import { compressPaths } from './compress';
import { SymbolicVerifier } from '../verify/symbolic';
import type { VerifyContext } from '../model';

const parserP = createJavaParser();
after(async () => (await parserP).delete());

const HEADER = `import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.io.IOException;
`;

async function workspace(files: Record<string, string>) {
  const parser = await parserP;
  const idx = WorkspaceIndex.fromFiles(Object.entries(files).map(([f, t]) => indexSource(f, t, parser)));
  for (const f of idx.files.values()) assert.deepEqual(f.problems, [], f.file);
  const graph = buildCallGraph(idx);
  const ctx: VerifyContext = {
    logs: idx.logs, methods: idx.methods,
    methodSource: (id) => {
      const m = idx.methods.get(id);
      return m ? files[m.loc.file]?.split('\n').slice(m.startLine - 1, m.endLine).join('\n') : undefined;
    },
  };
  /** Every path of `entry` as `template | template ... [raises]` with its verdict (`ok` or the reason kind). */
  const sequences = async (entry: string, loopBound = 1, depth = 5) => {
    const { paths, truncated } = enumeratePaths(entry, idx, graph, { depth, maxPaths: 500, loopBound, seed: 1 });
    assert.equal(truncated, false);
    const verdicts = await new SymbolicVerifier().verify(paths, ctx);
    return paths.map((p, i) => {
      const seq = p.logIds.map((id) => idx.logs.get(id)!.template).join(' | ') + (p.raises ? ' [raises]' : '');
      const v = verdicts[i]!;
      return `${seq} => ${v.consistent ? 'ok' : v.reason.slice(0, v.reason.indexOf(':'))}`;
    }).sort();
  };
  return { idx, graph, sequences };
}

const RECEIVER = `package org.ex;
${HEADER}
public class Receiver {
  private static final Logger LOG = LoggerFactory.getLogger(Receiver.class);
  private final Store store = new Store();

  public void receive(Block block, String src) {
    if (block == null) {
      LOG.warn("No block from {}", src);
      return;
    }
    LOG.info("Receiving block {} src: {}", block, src);
    try {
      store.write(block);
      LOG.info("Received block {}", block);
    } catch (IOException e) {
      LOG.error("Exception in receiveBlock for block {}", block, e);
    }
    if (block == null) {
      LOG.error("Block vanished");
    }
    for (int i = 0; i < 3; i++) {
      LOG.debug("Packet {}", i);
    }
  }
}
`;
const STORE = `package org.ex;
${HEADER}
public class Store {
  private static final Logger LOG = LoggerFactory.getLogger(Store.class);
  static final long LIMIT = 1024;

  public void write(Block b) throws IOException {
    if (b.size() > LIMIT) {
      throw new IOException("too big");
    }
    LOG.info("Wrote {}", b);
  }
}
`;

test('Java: callee inlined, its throw caught by the caller, early return and a re-tested parameter rejected', async () => {
  const { graph, sequences } = await workspace({ 'org/ex/Receiver.java': RECEIVER, 'org/ex/Store.java': STORE });
  assert.deepEqual(graph.callees('org.ex.Receiver:receive(Block,String)'), ['org.ex.Store:write(Block)']);
  assert.equal(graph.findMethod('Receiver:receive').match, 'org.ex.Receiver:receive(Block,String)');
  assert.deepEqual(await sequences('org.ex.Receiver:receive(Block,String)'), [
    'No block from <*> => ok',
    'Receiving block <*> src: <*> | Exception in receiveBlock for block <*> => ok',
    'Receiving block <*> src: <*> | Exception in receiveBlock for block <*> | Block vanished => contradiction',
    'Receiving block <*> src: <*> | Exception in receiveBlock for block <*> | Block vanished | Packet <*> => contradiction',
    'Receiving block <*> src: <*> | Exception in receiveBlock for block <*> | Packet <*> => ok',
    'Receiving block <*> src: <*> | Wrote <*> | Received block <*> => ok',
    'Receiving block <*> src: <*> | Wrote <*> | Received block <*> | Block vanished => contradiction',
    'Receiving block <*> src: <*> | Wrote <*> | Received block <*> | Block vanished | Packet <*> => contradiction',
    'Receiving block <*> src: <*> | Wrote <*> | Received block <*> | Packet <*> => ok',
  ]);
});

test('Java: interface dispatch, static helpers, an uncaught exception escaping, a reassigned field, loops compressed', async () => {
  const files = {
    'org/ex/Handler.java': `package org.ex;\npublic interface Handler {\n  void handle(String op) throws IOException;\n}\n`,
    'org/ex/Fast.java': `package org.ex;
${HEADER}
public class Fast implements Handler {
  private static final Logger LOG = LoggerFactory.getLogger(Fast.class);
  public void handle(String op) throws IOException {
    LOG.info("Fast path for {}", op);
    if (op.isEmpty()) {
      throw new IOException("empty op");
    }
  }
}
`,
    'org/ex/Slow.java': `package org.ex;
${HEADER}
public class Slow implements Handler {
  private static final Logger LOG = LoggerFactory.getLogger(Slow.class);
  public void handle(String op) {
    LOG.info("Slow path for {}", op);
  }
}
`,
    'org/ex/Util.java': `package org.ex;
${HEADER}
public final class Util {
  private static final Logger LOG = LoggerFactory.getLogger(Util.class);
  static void audit(String what) {
    LOG.info("audit {}", what);
  }
}
`,
    'org/ex/Server.java': `package org.ex;
${HEADER}
public class Server {
  private static final Logger LOG = LoggerFactory.getLogger(Server.class);
  private Handler handler;
  private String state;

  void serve(String op) throws IOException {
    Util.audit(op);
    if (state == null) {
      state = "ready";
    }
    handler.handle(op);
    if (state == null) {
      LOG.warn("No state");
    }
    while (op.length() > 0) {
      LOG.debug("Pending {}", op);
    }
  }
}
`,
  };
  const { graph, sequences } = await workspace(files);
  assert.deepEqual(graph.callees('org.ex.Server:serve(String)').sort(),
    ['org.ex.Fast:handle(String)', 'org.ex.Slow:handle(String)', 'org.ex.Util:audit(String)']);
  assert.deepEqual(graph.entries({ top: 1 }).map((e) => [e.methodId, e.reachableTemplates]), [['org.ex.Server:serve(String)', 5]]);
  // `state` is a field assigned between the two tests (the LCFG edge says so): no contradiction either way.
  assert.deepEqual(await sequences('org.ex.Server:serve(String)'), [
    'audit <*> | Fast path for <*> => ok',
    'audit <*> | Fast path for <*> [raises] => ok',
    'audit <*> | Fast path for <*> | No state => ok',
    'audit <*> | Fast path for <*> | No state | Pending <*> => ok',
    'audit <*> | Fast path for <*> | Pending <*> => ok',
    'audit <*> | Slow path for <*> => ok',
    'audit <*> | Slow path for <*> | No state => ok',
    'audit <*> | Slow path for <*> | No state | Pending <*> => ok',
    'audit <*> | Slow path for <*> | Pending <*> => ok',
  ]);
  const { idx } = await workspace(files);
  const { paths } = enumeratePaths('org.ex.Server:serve(String)', idx, graph, { depth: 5, maxPaths: 500, loopBound: 3, seed: 9 });
  const groups = compressPaths(paths);
  assert.equal(paths.length, 17);
  // Pending repeated 1..3 times is one sequence; the raising Fast path logs what a normal one does.
  assert.equal(groups.length, 8);
  assert.equal(groups.reduce((n, g) => n + g.multiplicity, 0), 17);
  assert.equal(compressPaths(paths, { separateExceptional: true }).length, 9);
});

test('Java: switch cases on the same subject, ranges across a loop with a decrement, while (true) left by break', async () => {
  const { sequences } = await workspace({ 'org/ex/Pump.java': `package org.ex;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class Pump {
  private static final Logger LOG = LoggerFactory.getLogger(Pump.class);
  enum Mode { FAST, SLOW }

  void pump(Mode mode, int n) {
    switch (mode) {
      case FAST:
        LOG.info("fast");
        break;
      default:
        LOG.info("other");
    }
    if (n > 10) {
      LOG.info("big {}", n);
    }
    while (true) {
      LOG.debug("tick");
      if (n < 5) {
        LOG.warn("small {}", n);
        break;
      }
      n--;
    }
    switch (mode) {
      case FAST -> LOG.info("fast again");
      case SLOW -> LOG.info("slow again");
    }
  }
}
` });
  const all = await sequences('org.ex.Pump:pump(Mode,int)');
  const rejected = all.filter((s) => !s.endsWith('=> ok'));
  assert.deepEqual(rejected, [
    'fast | big <*> | tick | small <*> => impossible range',
    'fast | big <*> | tick | small <*> | fast again => impossible range',
    'fast | big <*> | tick | small <*> | slow again => impossible range',
    'fast | big <*> | tick | tick | small <*> | slow again => switch',
    'fast | tick | small <*> | slow again => switch',
    'fast | tick | tick | small <*> | slow again => switch',
    'other | big <*> | tick | small <*> => impossible range',
    'other | big <*> | tick | small <*> | fast again => impossible range',
    'other | big <*> | tick | small <*> | slow again => impossible range',
  ]);
  assert.equal(all.length, 24);
  // n > 10 then, after n-- on the way around the loop, n < 5: feasible.
  assert.ok(all.includes('other | big <*> | tick | tick | small <*> | slow again => ok'));
});
