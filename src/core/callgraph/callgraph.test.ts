import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallSite } from '../model';
import { ViewBuilder } from './hand-built-view';
import { buildCallGraph, pickOverload } from './callgraph';
import { editDistance, parseSignature } from './signature';

const at = { file: 'x.java', line: 1, column: 1 };
const call = (name: string, arity: number, more: Partial<CallSite> = {}): CallSite => ({ name, arity, loc: at, ...more });

/** A small two-package workspace with imports, inheritance, inner classes, overloads and statics. */
function workspace(): ViewBuilder {
  const v = new ViewBuilder()
    .file('a/Node.java', 'a', ['b.Store', 'java.util.List', 'static b.Util.check', 'java.util.concurrent.Executor'])
    .file('a/Base.java', 'a')
    .file('b/Store.java', 'b')
    .file('b/Util.java', 'b')
    .file('b/Executor.java', 'b')
    .file('a/Sink.java', 'a');
  v.cls('a.Base', { file: 'a/Base.java' })
    .cls('a.Node', { file: 'a/Node.java', superClass: 'Base', fields: [{ name: 'store', type: 'Store' }, { name: 'items', type: 'List<String>' }] })
    .cls('a.Node.Worker', { file: 'a/Node.java' })
    .cls('a.Sink', { file: 'a/Sink.java', kind: 'interface' })
    .cls('b.Store', { file: 'b/Store.java' })
    .cls('b.Util', { file: 'b/Util.java' })
    .cls('b.Executor', { file: 'b/Executor.java' });
  v.method('a.Base:report(String)', [{ log: 'base' }], ['0>1', '1>x'])
    .method('a.Node:<init>()', [], ['0>x'])
    .method('a.Node:<init>(int)', [{ log: 'ctor' }], ['0>1', '1>x'])
    .method('a.Node:send(String)', [{ log: 's1' }], ['0>1', '1>x'])
    .method('a.Node:send(int)', [{ log: 's2' }], ['0>1', '1>x'])
    .method('a.Node:send(String,int)', [], ['0>x'])
    .method('a.Node:run()', [], ['0>x'])
    .method('a.Node.Worker:work()', [], ['0>x'])
    .method('a.Node:run$lambda$1()', [], ['0>x'])
    .method('b.Store:put(String,long)', [{ call: 'flush' }], ['0>1', '1>x'])
    .method('b.Store:flush()', [{ log: 'flush' }], ['0>1', '1>x'])
    .method('b.Util:check(int)', [{ log: 'check' }], ['0>1', '1>x'], { isStatic: true })
    .method('b.Util:format(String)', [], ['0>x'], { isStatic: true })
    .method('b.Executor:execute(Runnable)', [{ log: 'exec' }], ['0>1', '1>x']);
  return v;
}

test('resolves calls by scope: own class, superclass, enclosing class, this/super', () => {
  const g = buildCallGraph(workspace());
  assert.equal(g.resolve('a.Node:run()', call('send', 1, { argTypes: ['String'] })), 'a.Node:send(String)');
  assert.equal(g.resolve('a.Node:run()', call('send', 1, { argTypes: ['int'] })), 'a.Node:send(int)');
  assert.equal(g.resolve('a.Node:run()', call('send', 2)), 'a.Node:send(String,int)');
  assert.equal(g.resolve('a.Node:run()', call('report', 1)), 'a.Base:report(String)', 'inherited');
  assert.equal(g.resolve('a.Node:run()', call('report', 1, { receiver: 'super' })), 'a.Base:report(String)');
  assert.equal(g.resolve('a.Node:run()', call('send', 1, { receiver: 'this', argTypes: ['String'] })), 'a.Node:send(String)');
  assert.equal(g.resolve('a.Node.Worker:work()', call('report', 1)), 'a.Base:report(String)', 'inner class sees the outer class');
  assert.equal(g.resolve('a.Node:run$lambda$1()', call('send', 1, { argTypes: ['int'] })), 'a.Node:send(int)', 'lambda');
  assert.equal(g.resolve('a.Node.Worker:work()', call('send', 1, { receiver: 'Node.this', argTypes: ['int'] })), 'a.Node:send(int)');
  assert.equal(g.resolve('a.Node:run()', call('nothing', 0)), undefined);
  assert.equal(g.resolve('a.Node:run()', call('send', 3)), undefined, 'no overload of that arity');
});

test('resolves receivers by declared type, imports, fields, parameters, class names and static imports', () => {
  const g = buildCallGraph(workspace());
  assert.equal(g.resolve('a.Node:run()', call('put', 2, { receiver: 's', receiverType: 'Store' })), 'b.Store:put(String,long)', 'import');
  assert.equal(g.resolve('a.Node:run()', call('put', 2, { receiver: 'store' })), 'b.Store:put(String,long)', 'field type');
  assert.equal(g.resolve('a.Node:run()', call('put', 2, { receiver: 'this.store' })), 'b.Store:put(String,long)');
  assert.equal(g.resolve('a.Node:send(String)', call('length', 0, { receiver: 'p0' })), undefined, 'String param: library');
  assert.equal(g.resolve('a.Node:run()', call('format', 1, { receiver: 'b.Util' })), 'b.Util:format(String)', 'qualified class');
  assert.equal(g.resolve('a.Node:run()', call('check', 1)), 'b.Util:check(int)', 'static import');
  assert.equal(g.resolve('a.Node:run()', call('add', 1, { receiver: 'items' })), undefined, 'java.util.List stays opaque');
  assert.equal(g.resolve('a.Node:run()', call('execute', 1, { receiver: 'ex', receiverType: 'Executor' })), undefined,
    'an import of a library class hides the workspace class of the same simple name');
  assert.equal(g.resolve('b.Store:put(String,long)', call('execute', 1, { receiver: 'ex', receiverType: 'Executor' })),
    'b.Executor:execute(Runnable)', 'same package');
  assert.equal(g.resolve('b.Store:put(String,long)', call('<init>', 1, { receiverType: 'a.Node' })), 'a.Node:<init>(int)');
  assert.equal(g.resolve('a.Node:run()', call('<init>', 0, { receiverType: 'Node' })), 'a.Node:<init>()');
  assert.equal(g.resolve('a.Node:<init>()', call('this', 1)), 'a.Node:<init>(int)', 'constructor chaining');
});

test('edges, callers/callees, reachesLog as a recursion-safe fixed point', () => {
  const v = new ViewBuilder().cls('p.A')
    .method('p.A:top()', [{ call: 'mid' }, { call: 'lonely' }, { call: 'println', arity: 1, receiver: 'System.out' }], ['0>1', '1>2', '2>3', '3>x'])
    .method('p.A:mid()', [{ call: 'even' }], ['0>1', '1>x'])
    .method('p.A:even()', [{ call: 'odd' }], ['0>1', '1>x'])
    .method('p.A:odd()', [{ branch: 'n > 0' }, { call: 'even' }, { log: 'L' }], ['0>1', '1>2:T', '1>3:F', '2>x', '3>x'])
    .method('p.A:lonely()', [{ call: 'loop' }], ['0>1', '1>x'])
    .method('p.A:loop()', [{ call: 'lonely' }], ['0>1', '1>x']);
  const g = buildCallGraph(v);
  assert.deepEqual(g.callees('p.A:top()'), ['p.A:mid()', 'p.A:lonely()']);
  assert.deepEqual(g.callers('p.A:even()'), ['p.A:mid()', 'p.A:odd()']);
  assert.deepEqual(g.edges.filter((e) => !e.resolved).map((e) => e.callee), ['?println/1']);
  for (const m of ['top', 'mid', 'even', 'odd']) assert.equal(g.reachesLog(`p.A:${m}()`), true, m);
  for (const m of ['lonely', 'loop']) assert.equal(g.reachesLog(`p.A:${m}()`), false, m);
});

test('entries are ranked by distinct reachable templates within the depth, then logs, then signature', () => {
  const v = new ViewBuilder().cls('p.A')
    .method('p.A:a()', [{ call: 'b' }, { log: 'a1' }], ['0>1', '1>2', '2>x'])
    .method('p.A:b()', [{ call: 'c' }, { log: 'b1' }, { log: 'b2' }], ['0>1', '1>2', '2>3', '3>x'])
    .method('p.A:c()', [{ log: 'c1' }], ['0>1', '1>x'])
    .method('p.A:z()', [{ log: 'z1' }, { log: 'z2' }, { log: 'z3' }], ['0>1', '1>2', '2>3', '3>x'])
    .method('p.A:quiet()', [], ['0>x']);
  const g = buildCallGraph(v);
  const all = g.entries();
  assert.deepEqual(all.map((e) => [e.methodId, e.reachableTemplates, e.reachableLogs]), [
    ['p.A:a()', 4, 4], ['p.A:b()', 3, 3], ['p.A:z()', 3, 3], ['p.A:c()', 1, 1],
  ]);
  assert.deepEqual(g.entries({ top: 2, depth: 1 }).map((e) => [e.methodId, e.reachableTemplates]), [['p.A:a()', 3], ['p.A:b()', 3]]);
  assert.deepEqual([...g.reachableEventIds('p.A:a()', 0)].length, 1);
  assert.equal(g.reachableEventIds('p.A:a()', 2).size, 4);
});

test('findMethod accepts the documented signature forms and suggests near names', () => {
  const g = buildCallGraph(workspace());
  assert.equal(g.findMethod('a.Node:send(String)').match, 'a.Node:send(String)');
  assert.equal(g.findMethod('Node:send(java.lang.String)').match, 'a.Node:send(String)');
  assert.equal(g.findMethod('Node:send( String , int )').match, 'a.Node:send(String,int)');
  assert.equal(g.findMethod('Store:put').match, 'b.Store:put(String,long)');
  assert.equal(g.findMethod('Store.put').match, 'b.Store:put(String,long)');
  assert.equal(g.findMethod('b.Store.put').match, 'b.Store:put(String,long)');
  assert.equal(g.findMethod('Node.Worker:work()').match, 'a.Node.Worker:work()');
  assert.equal(g.findMethod('a.Node$Worker:work').match, 'a.Node.Worker:work()');
  assert.equal(g.findMethod('Node:Node(int)').match, 'a.Node:<init>(int)');
  const amb = g.findMethod('Node:send');
  assert.equal(amb.match, undefined);
  assert.deepEqual(amb.suggestions.slice(0, 3), ['a.Node:send(String)', 'a.Node:send(String,int)', 'a.Node:send(int)']);
  const typo = g.findMethod('Store:flsh()');
  assert.equal(typo.match, undefined);
  assert.equal(typo.suggestions[0], 'b.Store:flush()');
  assert.equal(g.findMethod('nothing').match, undefined);
});

test('signature parsing, edit distance and overload picking', () => {
  assert.deepEqual(parseSignature('x.Y:m(Map<String, Integer>, int)'), { cls: 'x.Y', name: 'm', params: ['Map', 'int'] });
  assert.deepEqual(parseSignature('Y.m'), { cls: 'Y', name: 'm', params: undefined });
  assert.equal(parseSignature('m()'), undefined);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('', 'abc'), 3);
  const v = workspace();
  const sends = [...v.methods.values()].filter((m) => m.name === 'send');
  assert.equal(pickOverload(sends, 1, [undefined])?.id, 'a.Node:send(String)', 'unknown types: declaration order');
  assert.equal(pickOverload(sends, 1, ['int'])?.id, 'a.Node:send(int)');
});

test('receivers that are chains are typed from declarations: return types, fields, casts, new', () => {
  const v = new ViewBuilder()
    .cls('p.Node', { fields: [{ name: 'pipe', type: 'Pipeline' }, { name: 'self', type: 'Node' }] })
    .cls('p.Pipeline', { fields: [{ name: 'next', type: 'Pipeline' }] })
    .method('p.Node:getPipeline()', [], ['0>x'], { returnType: 'Pipeline' })
    .method('p.Node:peer(String,int)', [], ['0>x'], { returnType: 'Node' })
    .method('p.Node:names()', [], ['0>x'], { returnType: 'List<String>' })
    .method('p.Node:run()', [], ['0>x'])
    .method('p.Pipeline:transfer(String)', [{ log: 't' }], ['0>1', '1>x']);
  const g = buildCallGraph(v);
  const T = 'p.Pipeline:transfer(String)';
  const r = (recv: string) => g.resolve('p.Node:run()', call('transfer', 1, { receiver: recv }));
  assert.equal(r('getPipeline()'), T);
  assert.equal(r('this.getPipeline()'), T);
  assert.equal(r('peer("a, b", 3).getPipeline()'), T, 'arity from top-level commas, literals skipped');
  assert.equal(r('self.pipe.next'), T, 'field chain');
  assert.equal(r('((Pipeline) obj)'), T, 'cast');
  assert.equal(r('new Pipeline()'), T);
  assert.equal(r('peer(x -> x.y(), 2).pipe'), T, 'a lambda argument');
  assert.equal(r('names().get(0)'), undefined, 'library type: opaque');
  assert.equal(r('peer(1).getPipeline()'), undefined, 'no peer/1');
});

test('reachability is settled without resolving every call; callers and callees of any method are complete when asked', () => {
  const v = new ViewBuilder().cls('p.A').cls('p.B')
    .method('p.A:top()', [{ call: '<init>', receiverType: 'B' }, { call: 'lonely' }], ['0>1', '1>2', '2>x'])
    .method('p.B:<init>()', [{ log: 'made' }], ['0>1', '1>x'])
    .method('p.A:lonely()', [{ call: 'loop' }], ['0>1', '1>x'])
    .method('p.A:loop()', [{ call: 'lonely' }, { call: 'helper' }], ['0>1', '1>2', '2>x'])
    .method('p.A:helper()', [], ['0>x']);
  const g = buildCallGraph(v);
  // asked first: the constructor call makes top() reach a log; the lonely/loop cycle reaches none
  assert.equal(g.reachesLog('p.A:top()'), true);
  assert.equal(g.reachesLog('p.B:<init>()'), true);
  for (const m of ['lonely', 'loop', 'helper']) assert.equal(g.reachesLog(`p.A:${m}()`), false, m);
  assert.deepEqual(g.entries().map((e) => [e.methodId, e.reachableLogs]), [['p.A:top()', 1], ['p.B:<init>()', 1]]);
  // then the parts of the graph that do not reach a log, in call-site order
  assert.deepEqual(g.callees('p.A:loop()'), ['p.A:lonely()', 'p.A:helper()']);
  assert.deepEqual(g.callers('p.A:lonely()'), ['p.A:top()', 'p.A:loop()']);
  assert.deepEqual(g.callees('p.A:top()'), ['p.B:<init>()', 'p.A:lonely()']);
});
