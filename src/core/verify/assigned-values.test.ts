// Constant assignments as facts, from real Java through the indexer, the LCFG builder, the call graph and
// path enumeration to the symbolic verifier.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createJavaParser } from '../java/parser';
import { indexSource } from '../java/index-file';
import { WorkspaceIndex } from '../workspace/workspace-index';
import { buildCallGraph } from '../callgraph/callgraph';
import { enumeratePaths } from '../paths/enumerate';
import { repoRoot } from '../util/repo';
import { SymbolicVerifier } from './symbolic';
import type { VerifyContext } from '../model';

const parserP = createJavaParser();
after(async () => (await parserP).delete());

/** Every path of `entry` in the one file as `template | template ... [raises] => ok|<reason>`, sorted. */
async function verdicts(file: string, source: string, entry: string): Promise<string[]> {
  const idx = WorkspaceIndex.fromFiles([indexSource(file, source, await parserP)]);
  const ctx: VerifyContext = {
    logs: idx.logs, methods: idx.methods,
    methodSource: (id) => {
      const m = idx.methods.get(id);
      return m ? source.split('\n').slice(m.startLine - 1, m.endLine).join('\n') : undefined;
    },
  };
  const id = [...idx.methods.keys()].find((k) => k.includes(`:${entry}(`));
  assert.ok(id, `no method ${entry}`);
  const { paths } = enumeratePaths(id, idx, buildCallGraph(idx), { depth: 3, maxPaths: 500, loopBound: 1, seed: 1 });
  const out = await new SymbolicVerifier().verify(paths, ctx);
  return [...new Set(paths.map((p, i) => {
    const seq = p.logIds.map((l) => idx.logs.get(l)!.template).join(' | ') + (p.raises ? ' [raises]' : '');
    return `${seq} => ${out[i]!.consistent ? 'ok' : out[i]!.reason}`;
  }))].sort();
}

const java = (body: string) => `package p;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.io.IOException;
public class Foo {
  private static final Logger LOG = LoggerFactory.getLogger(Foo.class);
  private Object state;
  private boolean open;
${body}
  void work() throws IOException { LOG.debug("work"); if (state == null) throw new IOException("x"); }
  void touch() { LOG.debug("touch"); }
}
`;

test('the bundled sample: a finally that tests a flag set at the end of the try keeps only the exceptional log', async () => {
  const file = 'examples/datanode/src/main/java/org/example/storage/BlockReceiver.java';
  const source = readFileSync(join(repoRoot(), file), 'utf8');
  const lines = source.split('\n');
  const set = lines.findIndex((l) => /^\s*responderClosed = true;/.test(l)) + 1;
  const test = lines.findIndex((l) => /if \(!responderClosed\)/.test(l)) + 1;
  const all = await verdicts(file, source, 'receiveBlock');
  const interrupting = all.filter((s) => s.includes('Interrupting PacketResponder'));
  // Completing the try sets the flag: logging "Interrupting" after it is rejected, with the two lines.
  const normal = interrupting.filter((s) => !s.includes('[raises]'));
  assert.ok(normal.length > 0);
  for (const s of normal) {
    assert.match(s, new RegExp(`=> contradiction: 'responderClosed = true' assigned at BlockReceiver\\.java:${set}, '!responderClosed' true at BlockReceiver\\.java:${test}$`));
  }
  // An exception before the assignment: the finally logs "Interrupting" and the path is kept.
  assert.ok(interrupting.some((s) => s.includes('[raises]') && s.endsWith('=> ok')), interrupting.join('\n'));
  // The normal completion without the log stays.
  assert.ok(all.some((s) => !s.includes('Interrupting') && !s.includes('[raises]') && s.endsWith('=> ok')));
});

test('a local flag: constant declaration and assignment contradict a later test; a reassignment in between does not', async () => {
  const src = java(`
  void run(int n) throws IOException {
    boolean done = false;
    work();
    done = true;
    touch();
    if (!done) {
      LOG.warn("not done");
    }
  }
  void again(int n) throws IOException {
    boolean done = false;
    work();
    done = true;
    touch();
    done = n > 3;
    if (!done) {
      LOG.warn("maybe not done");
    }
  }
  void count() {
    int tries = 0;
    touch();
    if (tries > 0) {
      LOG.warn("retried");
    }
  }`);
  assert.deepEqual(await verdicts('p/Foo.java', src, 'run'), [
    "work | touch | not done => contradiction: 'done = true' assigned at Foo.java:13, '!done' true at Foo.java:15",
    'work | touch => ok',
    'work [raises] => ok',
  ].sort());
  assert.deepEqual(await verdicts('p/Foo.java', src, 'again'), [
    'work | touch => ok',
    'work | touch | maybe not done => ok',
    'work [raises] => ok',
  ].sort());
  assert.deepEqual(await verdicts('p/Foo.java', src, 'count'), [
    "touch | retried => impossible range: tries == 0 ('tries = 0' assigned at Foo.java:30) and > 0 ('tries > 0' true at Foo.java:32)",
    'touch => ok',
  ].sort());
});

test('a field: null then tested non-null is rejected; a call in between keeps the path', async () => {
  const src = java(`
  void reset() {
    LOG.info("reset");
    state = null;
    if (state != null) {
      LOG.warn("still set");
    }
  }
  void resetThis() {
    LOG.info("reset");
    this.open = false;
    if (open) {
      LOG.warn("still open");
    }
  }
  void resetThenCall() {
    LOG.info("reset");
    this.state = null;
    touch();
    if (state != null) {
      LOG.warn("set by a callee");
    }
  }
  void conditional(boolean c) {
    LOG.info("reset");
    if (c)
      state = null;
    if (state != null) {
      LOG.warn("kept");
    }
  }`);
  assert.deepEqual(await verdicts('p/Foo.java', src, 'reset'), [
    "reset | still set => contradiction: 'state = null' assigned at Foo.java:12, 'state != null' true at Foo.java:13",
    'reset => ok',
  ].sort());
  assert.deepEqual(await verdicts('p/Foo.java', src, 'resetThis'), [
    "reset | still open => contradiction: 'open = false' assigned at Foo.java:19, 'open' true at Foo.java:20",
    'reset => ok',
  ].sort());
  assert.deepEqual(await verdicts('p/Foo.java', src, 'resetThenCall'), [
    'reset | touch => ok',
    'reset | touch | set by a callee => ok',
  ]);
  assert.deepEqual(await verdicts('p/Foo.java', src, 'conditional'), ['reset => ok', 'reset | kept => ok']);
});
