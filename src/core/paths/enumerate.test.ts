import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ViewBuilder } from '../callgraph/hand-built-view';
import { buildCallGraph } from '../callgraph/callgraph';
import { enumeratePaths, type EnumerateOptions } from './enumerate';

const base: EnumerateOptions = { depth: 5, maxPaths: 1000, loopBound: 1, seed: 7 };

function run(v: ViewBuilder, entry: string, opts: Partial<EnumerateOptions> = {}) {
  return enumeratePaths(entry, v, buildCallGraph(v), { ...base, ...opts });
}
const seqs = (r: { paths: { logIds: string[] }[] }) => r.paths.map((p) => p.logIds.join(' ')).sort();

test('if/else gives one path per branch with the condition and polarity on the branch step', () => {
  const v = new ViewBuilder().cls('p.A').method('p.A:run()',
    [{ log: 'A' }, { branch: 'blk == null' }, { log: 'T' }, { log: 'F' }, { kind: 'merge' }],
    ['0>1', '1>2', '2>3:T', '2>4:F', '3>5', '4>5', '5>x']);
  const r = run(v, 'p.A:run()');
  assert.deepEqual(seqs(r), ['A F', 'A T']);
  assert.equal(r.truncated, false);
  for (const p of r.paths) {
    const b = p.steps.find((s) => s.kind === 'branch')!;
    assert.equal(b.cond, 'blk == null');
    assert.equal(b.polarity, p.logIds[1] === 'T');
    assert.equal(p.raises, false);
    assert.deepEqual(p.steps.map((s) => s.kind).at(-1), 'exit');
    assert.equal(p.steps[0]!.loc.file, 'p/A.java');
  }
});

test('loop bodies are taken 0..loopBound times', () => {
  const v = new ViewBuilder().cls('p.A').method('p.A:loop()',
    [{ log: 'S' }, { branch: 'i < n' }, { log: 'B' }, { log: 'E' }],
    ['0>1', '1>2', '2>3:T', '3>2:B', '2>4:F', '4>x']);
  assert.deepEqual(seqs(run(v, 'p.A:loop()', { loopBound: 0 })), ['S E']);
  assert.deepEqual(seqs(run(v, 'p.A:loop()', { loopBound: 1 })), ['S B E', 'S E']);
  assert.deepEqual(seqs(run(v, 'p.A:loop()', { loopBound: 3 })), ['S B B B E', 'S B B E', 'S B E', 'S E']);
});

test('a loop body runs at most loopBound times, however it is left (break)', () => {
  // while (c) { LOG B; if (d) { LOG K; break; } }  LOG E
  const v = new ViewBuilder().cls('p.A').method('p.A:loop()',
    [{ branch: 'c' }, { log: 'B' }, { branch: 'd' }, { log: 'K' }, { log: 'E' }],
    ['0>1', '1>2:T', '2>3', '3>4:T', '4>5', '3>1:B', '1>5:F', '5>x']);
  assert.deepEqual(seqs(run(v, 'p.A:loop()', { loopBound: 1 })), ['B E', 'B K E', 'E']);
  assert.deepEqual(seqs(run(v, 'p.A:loop()', { loopBound: 2 })), ['B B E', 'B B K E', 'B E', 'B K E', 'E']);
});

test('the path budget truncates, and a budget at least the path count does not', () => {
  // Four independent if/else in a row: 16 paths.
  const nodes = [];
  const edges: string[] = [];
  let prev = 0;
  for (let i = 0; i < 4; i++) {
    const b = nodes.push({ branch: `c${i}` });
    const t = nodes.push({ log: `T${i}` });
    const f = nodes.push({ log: `F${i}` });
    const m = nodes.push({ kind: 'merge' as const });
    edges.push(`${prev}>${b}`, `${b}>${t}:T`, `${b}>${f}:F`, `${t}>${m}`, `${f}>${m}`);
    prev = m;
  }
  edges.push(`${prev}>x`);
  const v = new ViewBuilder().cls('p.A').method('p.A:m()', nodes, edges);
  const all = run(v, 'p.A:m()', { maxPaths: 16 });
  assert.equal(all.paths.length, 16);
  assert.equal(new Set(seqs(all)).size, 16);
  assert.equal(all.truncated, false);
  const some = run(v, 'p.A:m()', { maxPaths: 5 });
  assert.equal(some.paths.length, 5);
  assert.equal(some.enumerated, 5);
  assert.equal(some.truncated, true);

  // Deterministic per seed; other seeds explore other subsets.
  assert.deepEqual(run(v, 'p.A:m()', { maxPaths: 5, seed: 3 }).paths, run(v, 'p.A:m()', { maxPaths: 5, seed: 3 }).paths);
  const subsets = new Set<string>();
  for (let seed = 1; seed <= 8; seed++) subsets.add(seqs(run(v, 'p.A:m()', { maxPaths: 5, seed })).join('|'));
  assert.ok(subsets.size > 1, 'different seeds should explore different subsets');
});

test('callees that reach a log are inlined at the call, up to the depth bound', () => {
  const v = new ViewBuilder().cls('p.A')
    .method('p.A:run()', [{ log: 'A' }, { call: 'work' }, { call: 'quiet' }, { log: 'B' }], ['0>1', '1>2', '2>3', '3>4', '4>x'])
    .method('p.A:work()', [{ log: 'W' }, { call: 'deeper' }], ['0>1', '1>2', '2>x'])
    .method('p.A:deeper()', [{ log: 'D' }], ['0>1', '1>x'])
    .method('p.A:quiet()', [], ['0>x']);
  const r = run(v, 'p.A:run()');
  assert.deepEqual(seqs(r), ['A W D B']);
  const p = r.paths[0]!;
  assert.deepEqual(p.steps.filter((s) => s.kind === 'log').map((s) => [s.logId, s.depth, s.methodId]),
    [['A', 0, 'p.A:run()'], ['W', 1, 'p.A:work()'], ['D', 2, 'p.A:deeper()'], ['B', 0, 'p.A:run()']]);
  assert.ok(!p.steps.some((s) => s.methodId === 'p.A:quiet()'), 'a callee that logs nothing is passed over');
  assert.deepEqual(seqs(run(v, 'p.A:run()', { depth: 1 })), ['A W B']);
  assert.deepEqual(seqs(run(v, 'p.A:run()', { depth: 0 })), ['A B']);
});

test('recursion is bounded: a method already on the inlining stack is passed over', () => {
  const v = new ViewBuilder().cls('p.A')
    .method('p.A:run()', [{ call: 'r' }], ['0>1', '1>x'])
    .method('p.A:r()', [{ log: 'R' }, { branch: 'more' }, { call: 'r' }], ['0>1', '1>2', '2>3:T', '2>x:F', '3>x']);
  const r = run(v, 'p.A:run()', { depth: 10 });
  assert.deepEqual(seqs(r), ['R', 'R']);
  const recursive = r.paths.find((p) => p.steps.some((s) => s.kind === 'call' && s.depth === 1))!;
  assert.deepEqual(recursive.steps.map((s) => `${s.kind}@${s.depth}`),
    ['entry@0', 'call@0', 'entry@1', 'log@1', 'branch@1', 'call@1', 'exit@1', 'exit@0']);
  // The entry itself is on the stack too: its self-call is never inlined.
  assert.deepEqual(seqs(run(v, 'p.A:r()', { depth: 10 })), ['R', 'R']);
});

test('an exception raised in a callee continues at the caller\'s catch; a callee that cannot raise never reaches it', () => {
  const v = new ViewBuilder().cls('p.A')
    // try { check(); LOG OK } catch (IOException e) { LOG H }
    .method('p.A:run()', [{ call: 'check' }, { log: 'OK' }, { kind: 'catch', catchTypes: ['IOException'] }, { log: 'H' }],
      ['0>1', '1>2', '1>3:E=IOException', '3>4', '2>x', '4>x'])
    // if (bad) throw new IOException(); LOG C
    .method('p.A:check()', [{ branch: 'bad' }, { kind: 'throw', text: 'new IOException("bad")' }, { log: 'C' }],
      ['0>1', '1>2:T', '2>r:E=IOException', '1>3:F', '3>x'])
    .method('p.A:safeRun()', [{ call: 'safe' }, { log: 'OK' }, { kind: 'catch' }, { log: 'H' }],
      ['0>1', '1>2', '1>3:E', '3>4', '2>x', '4>x'])
    .method('p.A:safe()', [{ log: 'S' }], ['0>1', '1>x']);
  const r = run(v, 'p.A:run()');
  assert.deepEqual(seqs(r), ['C OK', 'H']);
  const caught = r.paths.find((p) => p.logIds[0] === 'H')!;
  assert.deepEqual(caught.steps.map((s) => `${s.kind}@${s.depth}`),
    ['entry@0', 'call@0', 'entry@1', 'branch@1', 'throw@1', 'raise@1', 'catch@0', 'log@0', 'exit@0']);
  assert.equal(caught.steps[5]!.edge, 'exception');
  assert.equal(caught.raises, false);
  assert.deepEqual(seqs(run(v, 'p.A:safeRun()')), ['S OK']);
});

test('an opaque call may throw into a catch; an exception with no handler escapes the caller', () => {
  const v = new ViewBuilder().cls('p.A')
    .method('p.A:io()', [{ call: 'read', receiver: 'in', receiverType: 'java.io.InputStream' }, { log: 'R' }, { kind: 'catch' }, { log: 'H' }],
      ['0>1', '1>2', '1>3:E=IOException', '2>x', '3>4', '4>x'])
    .method('p.A:outer()', [{ log: 'O' }, { call: 'inner' }, { log: 'P' }], ['0>1', '1>2', '2>3', '3>x'])
    .method('p.A:inner()', [{ branch: 'x' }, { kind: 'throw' }, { log: 'I' }], ['0>1', '1>2:T', '2>r:E', '1>3:F', '3>x']);
  assert.deepEqual(seqs(run(v, 'p.A:io()')), ['H', 'R']);
  const r = run(v, 'p.A:outer()');
  assert.deepEqual(seqs(r), ['O', 'O I P']);
  assert.equal(r.paths.find((p) => p.logIds.length === 1)!.raises, true);
  assert.equal(r.paths.find((p) => p.logIds.length === 3)!.raises, false);
});

test('an interface call branches over the implementations in the workspace', () => {
  const v = new ViewBuilder()
    .cls('p.Handler', { kind: 'interface' }).cls('p.Fast', { interfaces: ['Handler'] }).cls('p.Slow', { interfaces: ['Handler'] })
    .cls('p.Main', { fields: [{ name: 'h', type: 'Handler' }] })
    .method('p.Handler:handle()')
    .method('p.Fast:handle()', [{ log: 'F' }], ['0>1', '1>x'])
    .method('p.Slow:handle()', [{ log: 'S' }], ['0>1', '1>x'])
    .method('p.Main:go()', [{ call: 'handle', receiver: 'h' }], ['0>1', '1>x']);
  assert.deepEqual(seqs(run(v, 'p.Main:go()')), ['F', 'S']);
});

test('cancellation returns what was found so far; an unknown entry yields nothing', () => {
  const nodes = [];
  const edges: string[] = [];
  let prev = 0;
  for (let i = 0; i < 12; i++) {
    const b = nodes.push({ branch: `c${i}` });
    const t = nodes.push({ log: `T${i}` });
    const m = nodes.push({ kind: 'merge' as const });
    edges.push(`${prev}>${b}`, `${b}>${t}:T`, `${b}>${m}:F`, `${t}>${m}`);
    prev = m;
  }
  edges.push(`${prev}>x`);
  const v = new ViewBuilder().cls('p.A').method('p.A:m()', nodes, edges);
  const ac = new AbortController();
  const r = run(v, 'p.A:m()', { maxPaths: 100_000, signal: ac.signal, onPath: (n) => { if (n === 50) ac.abort(); } });
  assert.equal(r.cancelled, true);
  assert.equal(r.truncated, true);
  assert.ok(r.paths.length >= 50 && r.paths.length < 4096);
  assert.deepEqual(run(v, 'p.A:nope()'), { paths: [], enumerated: 0, truncated: false });
});

test('over budget, the paths are spread over the early decisions, with exception edges getting a small share', () => {
  // LOG S; if (first) LOG X else LOG Y; then six independent if/else: 128 paths in all.
  const nodes: Parameters<ViewBuilder['method']>[1] = [{ log: 'S' }, { branch: 'first' }, { log: 'X' }, { log: 'Y' }, { kind: 'merge' }];
  const edges = ['0>1', '1>2', '2>3:T', '2>4:F', '3>5', '4>5'];
  let prev = 5;
  for (let i = 0; i < 6; i++) {
    const b = nodes.push({ branch: `c${i}` });
    const t = nodes.push({ log: `T${i}` });
    const m = nodes.push({ kind: 'merge' });
    edges.push(`${prev}>${b}`, `${b}>${t}:T`, `${b}>${m}:F`, `${t}>${m}`);
    prev = m;
  }
  edges.push(`${prev}>x`);
  const v = new ViewBuilder().cls('p.A').method('p.A:m()', nodes, edges);
  for (let seed = 1; seed <= 5; seed++) {
    const r = run(v, 'p.A:m()', { maxPaths: 10, seed });
    assert.equal(r.paths.length, 10);
    assert.equal(r.truncated, true);
    const x = r.paths.filter((p) => p.logIds[1] === 'X').length;
    assert.equal(x, 5, `seed ${seed}: both sides of the first decision get half of the budget`);
    assert.equal(new Set(r.paths.map((p) => p.logIds.join(' '))).size, 10);
  }
  // try { io(); LOG OK; ...128 paths... } catch { LOG H }: the handler gets about a tenth of the budget.
  const w = new ViewBuilder().cls('p.B').method('p.B:m()',
    [{ call: 'read', receiver: 'in', receiverType: 'java.io.InputStream' }, { kind: 'catch' }, { log: 'H' }, ...nodes],
    ['0>1', '1>2:E=IOException', '2>3', '3>x', '1>4', ...edges.slice(1).map((e) => e.replace(/\d+/g, (n) => String(Number(n) + 3)))]);
  const r = run(w, 'p.B:m()', { maxPaths: 50 });
  assert.equal(r.paths.length, 50);
  assert.equal(r.paths.filter((p) => p.logIds[0] === 'H').length, 1, 'the handler subtree has one path');
  assert.equal(run(w, 'p.B:m()', { maxPaths: 50, exceptionWeight: 1 }).paths.filter((p) => p.logIds[0] === 'H').length, 1);
});

test('an opaque call does not end the method by an exception unless a handler can catch it', () => {
  const v = new ViewBuilder().cls('p.A').method('p.A:m()',
    [{ log: 'A' }, { call: 'size', receiver: 'list', receiverType: 'java.util.List' }, { log: 'B' }],
    ['0>1', '1>2', '2>3', '2>r:E', '3>x']);
  const r = run(v, 'p.A:m()');
  assert.deepEqual(seqs(r), ['A B']);
  assert.equal(r.paths[0]!.raises, false);
});

test('malformed graphs (a cycle without loop-back, an edge to a missing node) end within the limits', () => {
  const v = new ViewBuilder().cls('p.A')
    .method('p.A:cyc()', [{ log: 'A' }, { branch: 'c' }], ['0>1', '1>2', '2>1:T', '2>x:F'])
    .method('p.A:dangling()', [{ log: 'A' }, { branch: 'c' }], ['0>1', '1>2', '2>57:T', '2>x:F']);
  const r = run(v, 'p.A:cyc()', { maxPaths: 20, maxSteps: 50 });
  assert.ok(r.paths.length > 0 && r.paths.length <= 20);
  assert.ok(r.paths.every((p) => p.steps.length <= 50 && p.logIds.every((id) => id === 'A')));
  assert.deepEqual(seqs(run(v, 'p.A:dangling()')), ['A']);
});

test('a callee\'s thrown type picks the first catch that takes it', () => {
  const v = new ViewBuilder().cls('p.A')
    // try { check(); } catch (IOException e) { LOG IO } catch (RuntimeException e) { LOG RT }  (else: raise)
    .method('p.A:run()', [{ call: 'check' }, { kind: 'catch', catchTypes: ['IOException'] }, { log: 'IO' },
      { kind: 'catch', catchTypes: ['RuntimeException'] }, { log: 'RT' }, { log: 'OK' }],
    ['0>1', '1>6', '6>x', '1>2:E', '2>3', '3>x', '1>4:E', '4>5', '5>x', '1>r:E'])
    .method('p.A:check()', [{ branch: 'bad' }, { kind: 'throw', text: 'new IllegalStateException()' }, { log: 'C' }],
      ['0>1', '1>2:T', '2>r:E=IllegalStateException', '1>3:F', '3>x'])
    .method('p.A:runUnknown()', [{ call: 'check2' }, { kind: 'catch', catchTypes: ['IOException'] }, { log: 'IO' }, { log: 'OK' }],
      ['0>1', '1>4', '4>x', '1>2:E', '2>3', '3>x', '1>r:E'])
    .method('p.A:check2()', [{ branch: 'bad' }, { kind: 'throw', text: 'e' }, { log: 'C' }],
      ['0>1', '1>2:T', '2>r:E', '1>3:F', '3>x']);
  assert.deepEqual(seqs(run(v, 'p.A:run()')), ['C OK', 'RT']);
  // Unknown thrown type: any handler may take it, or none.
  const unknown = run(v, 'p.A:runUnknown()');
  assert.deepEqual(seqs(unknown), ['', 'C OK', 'IO']);
  assert.equal(unknown.paths.find((p) => p.logIds.length === 0)!.raises, true);
});

test('an entry that never ends (a server loop) yields its iterations up to the loop bound; such a callee is passed over', () => {
  // while (true) { LOG A; if (c) LOG B; }
  const v = new ViewBuilder().cls('p.A')
    .method('p.A:serve()', [{ log: 'A' }, { branch: 'c' }, { log: 'B' }], ['0>1', '1>2', '2>3:T', '3>1:B', '2>1:B'])
    .method('p.A:main()', [{ log: 'M' }, { call: 'serve' }, { log: 'N' }], ['0>1', '1>2', '2>3', '3>x']);
  const r = run(v, 'p.A:serve()');
  assert.deepEqual(seqs(r), ['A A', 'A A B', 'A B A', 'A B A B']);
  assert.ok(r.paths.every((p) => !p.raises));
  assert.deepEqual(seqs(run(v, 'p.A:serve()', { loopBound: 0 })), ['A', 'A B']);
  assert.deepEqual(seqs(run(v, 'p.A:main()')), ['M N']);
});
