import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MethodInfo, Path, PathStep, VerifyContext } from '../model';
import { NoVerifier, SymbolicVerifier, SourceFacts, checkPath } from './symbolic';
import { factsOf, caseLabels } from './conditions';
import { ViewBuilder } from '../callgraph/hand-built-view';
import { buildCallGraph } from '../callgraph/callgraph';
import { enumeratePaths } from '../paths/enumerate';

const M = 'p.Foo:run(Block)';
type S = Partial<PathStep> & { kind: PathStep['kind'] };
let lineNo = 0;
/** A path in one method (depth 0 unless given), steps on increasing lines 10, 11, ... */
function path(steps: S[]): Path {
  lineNo = 9;
  return {
    entry: M, raises: false, logIds: [],
    steps: steps.map((s, i) => ({ methodId: M, nodeId: i, depth: 0, loc: { file: 'p/Foo.java', line: (lineNo += 1), column: 0 }, ...s })),
  };
}
const br = (cond: string, polarity: boolean, more: Partial<PathStep> = {}): S =>
  ({ kind: 'branch', cond, polarity, edge: polarity ? 'true' : 'false', text: cond, ...more });
const ok = (p: Path, src?: SourceFacts) => assert.equal(checkPath(p, src).consistent, true, checkPath(p, src).reason);
const bad = (p: Path, kind: string, src?: SourceFacts) => {
  const v = checkPath(p, src);
  assert.equal(v.consistent, false, `expected a '${kind}' rejection`);
  assert.ok(v.reason.startsWith(`${kind}:`), v.reason);
  return v;
};

test('condition normalization meets equal conditions written differently', () => {
  const key = (c: string, v = true) => factsOf(c, v).map((f) => (f.kind === 'bool' ? `${f.key}=${f.value}` : f.kind));
  assert.deepEqual(key('blk == null'), ['blk==null=true']);
  assert.deepEqual(key('(null == blk)'), ['blk==null=true']);
  assert.deepEqual(key('blk != null'), ['blk==null=false']);
  assert.deepEqual(key('!(blk == null)'), ['blk==null=false']);
  assert.deepEqual(key('!  flag'), ['flag=false']);
  assert.deepEqual(key('flag == false'), ['flag=false']);
  assert.deepEqual(key('a.b( x ) && !c'), ['a.b(x)=true', 'c=false']);
  assert.deepEqual(key('a && b', false), []);
  assert.deepEqual(key('a || b', false), ['a=false', 'b=false']);
  assert.deepEqual(key('"x".equals(name)'), key('name.equals("x")'));
  assert.deepEqual(key('a < b'), key('a >= b', false));
  assert.deepEqual(key('a < b'), key('b > a'));
  assert.notDeepEqual(key('a < b'), key('b < a'));
  assert.deepEqual(key('true'), ['const']);
  assert.deepEqual(caseLabels('case A, B'), ['A', 'B']);
  assert.deepEqual(caseLabels('case State.READY'), ['READY']);
  assert.equal(caseLabels('default'), 'default');
});

test('the same condition taken both ways in one frame is a contradiction, with the reason and the steps', () => {
  const v = bad(path([{ kind: 'entry' }, br('blk == null', false), { kind: 'log' }, br('null == blk', true), { kind: 'exit' }]), 'contradiction');
  assert.equal(v.reason, "contradiction: 'blk == null' false at Foo.java:11, 'null == blk' true at Foo.java:13");
  assert.deepEqual(v.conflictingSteps, [1, 3]);
  assert.equal(v.verifier, 'symbolic');
  bad(path([br('!flag', true), br('flag', true)]), 'contradiction');
  bad(path([br('a != b', true), br('b == a', true)]), 'contradiction');
  bad(path([br('ready && blk != null', true), br('blk == null', true)]), 'contradiction');
  assert.equal(checkPath(path([br('last || blk != null', false), br('blk != null', true)])).reason,
    "contradiction: 'last || blk != null' false at Foo.java:10, 'blk != null' true at Foo.java:11");
});

test('no contradiction for different variables, an assignment between, a loop-back between, other frames', () => {
  ok(path([br('blk == null', false), br('other == null', true)]));
  ok(path([br('blk == null', false), br('blk == null', false)]));
  ok(path([br('blk == null', false, { assigns: ['blk'] }), br('blk == null', true)]));
  ok(path([br('this.blk == null', false), { kind: 'merge', assigns: ['this.blk'] }, br('blk == null', true)]));
  bad(path([br('blk == null', false), { kind: 'merge', assigns: ['other'] }, br('blk == null', true)]), 'contradiction');
  ok(path([br('i < n', true), { kind: 'log', edge: 'loop-back' }, br('i < n', false)]));
  ok(path([br('a || b', true), br('a', false)]));
  // x = callee(): the assignment is on the caller's edge out of the call, annotated on the callee's exit step.
  ok(path([br('x == null', false), { kind: 'call' }, { kind: 'entry', depth: 1 }, { kind: 'exit', depth: 1, assigns: ['x'] },
    br('x == null', true)]));
  bad(path([br('x == null', false), { kind: 'call' }, { kind: 'entry', depth: 1 }, { kind: 'exit', depth: 1, assigns: ['y'] },
    br('x == null', true)]), 'contradiction', new SourceFacts({ methods: new Map([[M, { id: M, paramNames: ['x'], startLine: 9 } as unknown as MethodInfo]]) }));
  // The same method inlined twice: each activation has its own state.
  ok(path([{ kind: 'call' }, br('x == null', true, { depth: 1 }), { kind: 'exit', depth: 1 }, { kind: 'call' },
    br('x == null', false, { depth: 1 }), { kind: 'exit', depth: 1 }]));
});

test('calls between kill facts on fields and invocations but not on plain locals and parameters', () => {
  const info = { id: M, paramNames: ['blk'], startLine: 9 } as unknown as MethodInfo;
  const methods = new Map([[M, info]]);
  const noSource = new SourceFacts({ methods, methodSource: () => undefined });
  // `blk` is a parameter: a callee cannot reassign it.
  bad(path([br('blk == null', false), { kind: 'call' }, br('blk == null', true)]), 'contradiction', noSource);
  ok(path([br('state == null', false), { kind: 'call' }, br('state == null', true)]), noSource);
  ok(path([br('blk.isEmpty()', false), { kind: 'call' }, br('blk.isEmpty()', true)]), noSource);
  ok(path([br('blk.size > 0', true), { kind: 'call' }, br('blk.size < 0', true)]), noSource);
  bad(path([br('blk.isEmpty()', false), { kind: 'log' }, br('blk.isEmpty()', true)]), 'contradiction', noSource);
});

test('the method source shows assignments between the two tests', () => {
  const info = { id: M, paramNames: [], startLine: 9 } as unknown as MethodInfo;
  const src = (lines: string[]) => new SourceFacts({ methods: new Map([[M, info]]), methodSource: () => lines.join('\n') });
  const lines = ['void run() {', '  Block blk = find();', '  if (blk == null) {', '    blk = create();', '  }', '  if (blk == null) LOG.warn("x");', '}'];
  // Steps on lines 10, 11, 12 (see path()): move the tests to lines 11 and 14 with a hand-set loc.
  const p = path([{ kind: 'entry' }, br('blk == null', true), { kind: 'merge' }, br('blk == null', true)]);
  p.steps[1]!.polarity = true;
  p.steps[1]!.loc.line = 11;
  p.steps[3]!.polarity = false;
  p.steps[3]!.edge = 'false';
  p.steps[3]!.loc.line = 14;
  ok(p, src(lines));
  const unassigned = ['void run() {', '  Block blk = find();', '  if (blk == null) {', '    LOG.warn("none");', '  }', '  if (blk == null) LOG.warn("x");', '}'];
  bad(p, 'contradiction', src(unassigned));
  const counted = ['void run() {', '  int n = 0;', '  if (n > 5) {', '    n++;', '  }', '  if (n > 5) LOG.warn("x");', '}'];
  const q = path([{ kind: 'entry' }, br('n > 5', true), { kind: 'merge' }, br('n > 5', false)]);
  q.steps[1]!.loc.line = 11;
  q.steps[3]!.loc.line = 14;
  ok(q, src(counted));
});

test('constant conditions: if (false) taken, while (true) left by its condition', () => {
  bad(path([br('false', true)]), 'constant condition');
  ok(path([br('false', false)]));
  bad(path([{ kind: 'branch', text: 'true', edge: 'loop-exit' }]), 'constant condition');
  ok(path([{ kind: 'branch', text: 'true', edge: 'true', cond: 'true', polarity: true }]));
  bad(path([br('(1 > 2)', true)]), 'constant condition');
});

test('integer comparisons on one variable that cannot both hold', () => {
  const v = bad(path([br('x > 5', true), br('x < 3', true)]), 'impossible range');
  assert.deepEqual(v.conflictingSteps, [0, 1]);
  assert.equal(v.reason, "impossible range: x > 5 ('x > 5' true at Foo.java:10) and < 3 ('x < 3' true at Foo.java:11)");
  bad(path([br('x >= 5', false), br('10 < x', true)]), 'impossible range');
  bad(path([br('count == 0', true), br('count > 0', true)]), 'impossible range');
  ok(path([br('x > 5', true), br('x < 6', true)])); // over the reals 5.5 satisfies both
  ok(path([br('x > 5', true), br('y < 3', true)]));
  ok(path([br('x > 5', true, { assigns: ['x'] }), br('x < 3', true)]));
});

test('switch cases on the same unmodified subject', () => {
  const cs = (label: string, more: Partial<PathStep> = {}): S => ({ kind: 'branch', text: 'state', cond: label, polarity: true, edge: 'case', ...more });
  const v = bad(path([cs('case READY'), { kind: 'log' }, cs('case CLOSED', { nodeId: 9 })]), 'switch');
  assert.equal(v.reason, "switch: 'state' took case READY at Foo.java:10, case CLOSED at Foo.java:12");
  ok(path([cs('case READY'), cs('case READY, CLOSED')]));
  ok(path([cs('case READY', { assigns: ['state'] }), cs('case CLOSED')]));
  ok(path([cs('default'), cs('case CLOSED')])); // the default of another switch
  bad(path([cs('case READY', { nodeId: 5 }), { kind: 'log' }, cs('default', { nodeId: 5 })]), 'switch');
  ok(path([cs('case READY', { nodeId: 5 }), { kind: 'merge', edge: 'loop-back' }, cs('default', { nodeId: 5 })]));
});

test('a catch entered from something that cannot throw; a log after a return', () => {
  const v = bad(path([{ kind: 'log', edge: 'exception' }, { kind: 'catch' }]), 'unreachable catch');
  assert.deepEqual(v.conflictingSteps, [0, 1]);
  ok(path([{ kind: 'call', edge: 'exception' }, { kind: 'catch' }]));
  ok(path([{ kind: 'raise', depth: 1, edge: 'exception' }, { kind: 'catch' }]));
  // try { try { call(); } finally { LOG } } catch (...): the finally's log hands the exception on.
  ok(path([{ kind: 'call', edge: 'exception' }, { kind: 'finally' }, { kind: 'log', edge: 'exception' }, { kind: 'catch' }]));
  bad(path([{ kind: 'call' }, { kind: 'finally' }, { kind: 'log', edge: 'exception' }, { kind: 'catch' }]), 'unreachable catch');
  bad(path([{ kind: 'return' }, { kind: 'log' }]), 'log after return');
  ok(path([{ kind: 'return' }, { kind: 'finally' }, { kind: 'log' }, { kind: 'exit' }]));
});

test('end to end: the early-return pattern leaves exactly the infeasible path rejected', async () => {
  // void receive(Block block) { if (block == null) { LOG.warn(A); return; } LOG.info(B); if (block == null) LOG.error(C); LOG.info(D); }
  const v = new ViewBuilder().cls('p.Foo').method('p.Foo:receive(Block)',
    [{ branch: 'block == null' }, { log: 'A' }, { kind: 'return' }, { log: 'B' }, { branch: 'block == null' }, { log: 'C' }, { log: 'D' }],
    ['0>1', '1>2:T', '2>3', '3>x', '1>4:F', '4>5', '5>6:T', '6>7', '5>7:F', '7>x'], { paramNames: ['block'] });
  const { paths } = enumeratePaths('p.Foo:receive(Block)', v, buildCallGraph(v), { depth: 3, maxPaths: 100, loopBound: 1, seed: 1 });
  assert.equal(paths.length, 3);
  const ctx: VerifyContext = { methodSource: () => undefined, logs: v.logs, methods: v.methods };
  const verdicts = await new SymbolicVerifier().verify(paths, ctx);
  const byPath = paths.map((p, i) => [p.logIds.join(' '), verdicts[i]!.consistent]).sort();
  assert.deepEqual(byPath, [['A', true], ['B C D', false], ['B D', true]]);
  assert.deepEqual((await new NoVerifier().verify(paths)).map((x) => [x.consistent, x.verifier]), paths.map(() => [true, 'none']));
});

test('verify reports progress and stops on an aborted signal', async () => {
  const paths = [path([br('a', true)]), path([br('a', true), br('a', false)])];
  const seen: [number, number][] = [];
  const ctx: VerifyContext = { methodSource: () => undefined, logs: new Map(), onProgress: (d, t) => seen.push([d, t]) };
  const v = await new SymbolicVerifier().verify(paths, ctx);
  assert.deepEqual(v.map((x) => x.consistent), [true, false]);
  assert.deepEqual(seen.at(-1), [2, 2]);
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(new SymbolicVerifier().verify(paths, { ...ctx, signal: ac.signal }), /cancelled/);
});
