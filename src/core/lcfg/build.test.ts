import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lcfgOfSnippet as buildSnippet, listPaths } from './test-kit';
import { lcfgProblems } from './check';
import { lcfgSummary, lcfgToDot } from './render';
import type { Lcfg } from '../model';

/** Every graph a test looks at must also be well formed. */
async function lcfgOfSnippet(...args: Parameters<typeof buildSnippet>): Promise<Lcfg> {
  const g = await buildSnippet(...args);
  assert.deepEqual(lcfgProblems(g), []);
  return g;
}

/** The summary as a sorted list, so expectations do not depend on the order edges were created in. */
const shape = (g: Lcfg): string[] => lcfgSummary(g).split('\n').sort();
const sorted = (lines: string[]): string[] => [...lines].sort();

/** Wraps method-body lines (starting at line 3) in `class T { void f(...) { ... } }`. */
const method = (params: string, ...lines: string[]): string => ['class T {', `  void f(${params}) {`, ...lines, '  }', '}'].join('\n');

test('straight line: logs and calls in order; a call may raise', async () => {
  const g = await lcfgOfSnippet(method('', '    LOG.info("a");', '    int y = compute(x) + 1;', '    log.warn("b");'));
  assert.deepEqual(shape(g), sorted([
    'entry -> log@3',
    'log@3 -> call:compute@4',
    'call:compute@4 -ex-> raise',
    'call:compute@4 -> log@5',
    'log@5 -> exit',
  ]));
  assert.equal(g.nodes.find((n) => n.kind === 'log')?.logId, '3:4');
});

test('statements without logs, calls or jumps produce no nodes', async () => {
  const g = await lcfgOfSnippet(method('int x', '    int y = x + 1;', '    if (y > 2) { y = 3; } else { y = 4; }', '    while (y > 0) { y--; }', '    for (int i = 0; i < 3; i++) { y += i; }'));
  assert.deepEqual(shape(g), ['entry -> exit']);
});

test('calls behind comments and shift-assignments are seen; comparisons and casts are not activity', async () => {
  const g = await lcfgOfSnippet(method('int x, int z',
    '    int y = (x + 1) >= 2 ? (int) x : 0;',
    '    y <<= check /* why */ (y);',
    '    z >>= 1;',
    '    LOG.info("a");'));
  assert.deepEqual(shape(g), sorted([
    'entry -> call:check@4',
    'call:check@4 -ex-> raise',
    'call:check@4 -> log@6',
    'log@6 -> exit',
  ]));
  assert.deepEqual(g.edges.find((e) => e.from === g.entry)?.assigns, ['y']);
  const toLog = g.edges.find((e) => g.nodes[e.to]?.kind === 'log');
  assert.deepEqual(toLog?.assigns, ['y', 'z']);
});

test('if / else-if / else chain, with a branch that only assigns', async () => {
  const g = await lcfgOfSnippet(method('int x',
    '    if (x > 0) {',
    '      LOG.info("pos");',
    '    } else if (x < 0) {',
    '      y = 1;',
    '    } else {',
    '      LOG.warn("zero");',
    '    }'));
  assert.deepEqual(shape(g), sorted([
    'entry -> branch(x > 0)',
    'branch(x > 0) -T-> log@4',
    'branch(x > 0) -F-> branch(x < 0)',
    'branch(x < 0) -T-> exit',
    'branch(x < 0) -F-> log@8',
    'log@4 -> exit',
    'log@8 -> exit',
  ]));
  const cond = g.edges.find((e) => e.kind === 'false' && e.cond === 'x > 0');
  assert.equal(cond?.polarity, false);
  assert.deepEqual(sorted(listPaths(g)), sorted([
    'entry > branch(x > 0) > log@4 > exit',
    'entry > branch(x > 0) > branch(x < 0) > exit',
    'entry > branch(x > 0) > branch(x < 0) > log@8 > exit',
  ]));
});

test('early return, then a contradicting test of the same condition', async () => {
  const g = await lcfgOfSnippet(method('Block block',
    '    if (block == null) return;',
    '    LOG.info("got");',
    '    if (block == null) LOG.error("impossible");'));
  assert.deepEqual(sorted(listPaths(g)), sorted([
    'entry > branch(block == null)@3 > return > exit',
    'entry > branch(block == null)@3 > log@4 > branch(block == null)@5 > log@5 > exit',
    'entry > branch(block == null)@3 > log@4 > branch(block == null)@5 > exit',
  ]));
  const conds = g.edges.filter((e) => e.cond === 'block == null').map((e) => `${e.kind}:${e.polarity}`);
  assert.deepEqual(conds.sort(), ['false:false', 'false:false', 'true:true', 'true:true']);
});

test('while with break and continue: loop-back and loop-exit edges', async () => {
  const g = await lcfgOfSnippet(method('int x',
    '    while (x > 0) {',
    '      if (x == 5) break;',
    '      if (x == 7) continue;',
    '      LOG.debug("loop");',
    '      x--;',
    '    }',
    '    LOG.info("done");'));
  assert.deepEqual(shape(g), sorted([
    'entry -> branch(x > 0)',
    'branch(x > 0) -T-> branch(x == 5)',
    'branch(x == 5) -T-> log@9',
    'branch(x == 5) -F-> branch(x == 7)',
    'branch(x == 7) -back:T-> branch(x > 0)',
    'branch(x == 7) -F-> log@6',
    'log@6 -back-> branch(x > 0)',
    'branch(x > 0) -exit-> log@9',
    'log@9 -> exit',
  ]));
  const exit = g.edges.find((e) => e.kind === 'loop-exit');
  assert.deepEqual({ cond: exit?.cond, polarity: exit?.polarity }, { cond: 'x > 0', polarity: false });
});

test('for with a calling update, enhanced for, do-while, labelled continue/break', async () => {
  const g = await lcfgOfSnippet([
    'class T {',
    '  void f(java.util.List<String> items) {',
    '    for (int i = 0; i < n; i = next(i)) {',
    '      LOG.info("i");',
    '    }',
    '    for (String s : items) {',
    '      if (s == null) continue;',
    '      LOG.debug("item");',
    '    }',
    '    do {',
    '      LOG.info("again");',
    '    } while (more());',
    '    outer:',
    '    while (a) {',
    '      for (;;) {',
    '        if (b) continue outer;',
    '        if (c) break outer;',
    '        LOG.info("inner");',
    '      }',
    '    }',
    '  }',
    '}'].join('\n'));
  assert.deepEqual(shape(g), sorted([
    'entry -> branch(i < n)',
    'branch(i < n) -T-> log@4',
    'log@4 -> call:next@3',
    'call:next@3 -ex-> raise',
    'call:next@3 -back-> branch(i < n)',
    'branch(i < n) -exit-> branch(s : items)',
    'branch(s : items) -T-> branch(s == null)',
    'branch(s == null) -F-> log@8',
    'log@8 -back-> branch(s : items)',
    'branch(s == null) -back:T-> branch(s : items)',
    'branch(s : items) -exit-> merge(do)',
    'merge(do) -> log@11',
    'log@11 -> call:more@12',
    'call:more@12 -ex-> raise',
    'call:more@12 -> branch(more())',
    'branch(more()) -back:T-> merge(do)',
    'branch(more()) -exit-> branch(a)',
    'branch(a) -T-> branch(b)',
    // for(;;) has no decision of its own: its body loops back onto its first decision
    'branch(b) -F-> branch(c)',
    'branch(c) -F-> log@18',
    'log@18 -back-> branch(b)',
    'branch(b) -back:T-> branch(a)',
    'branch(a) -exit-> exit',
    'branch(c) -T-> exit',
  ]));
});

test('switch: fall-through groups, default, arrow rules, switch without default', async () => {
  const g = await lcfgOfSnippet(method('int op',
    '    switch (op) {',
    '      case 1:',
    '        LOG.info("one");',
    '      case 2:',
    '      case 3:',
    '        LOG.info("two or three");',
    '        break;',
    '      default:',
    '        LOG.warn("other");',
    '    }',
    '    switch (op) {',
    '      case 4 -> LOG.info("four");',
    '      case 5, 6 -> { LOG.info("five"); }',
    '      default -> { }',
    '    }',
    '    switch (op) { case 7: LOG.info("seven"); break; }'));
  assert.deepEqual(shape(g), sorted([
    'entry -> branch(op)@3',
    'branch(op)@3 -[case 1]-> log@5',
    'log@5 -> log@8',
    'branch(op)@3 -[case 2]-> log@8',
    'branch(op)@3 -[case 3]-> log@8',
    'branch(op)@3 -[default]-> log@11',
    'log@11 -> branch(op)@13',
    'log@8 -> branch(op)@13',
    'branch(op)@13 -[case 4]-> log@14',
    'branch(op)@13 -[case 5]-> log@15',
    'branch(op)@13 -[case 6]-> log@15',
    'log@14 -> branch(op)@18',
    'log@15 -> branch(op)@18',
    'branch(op)@13 -[default]-> branch(op)@18',
    'branch(op)@18 -[case 7]-> log@18',
    'log@18 -> exit',
    'branch(op)@18 -[default]-> exit',
  ]));
  assert.ok(g.edges.filter((e) => e.kind === 'case').every((e) => e.polarity === true));
});

test('switch expression with yield and a throwing rule', async () => {
  const g = await lcfgOfSnippet(method('int op',
    '    int y = switch (op) {',
    '      case 1 -> 10;',
    '      case 2 -> { LOG.info("two"); yield 20; }',
    '      default -> throw new IllegalArgumentException("op");',
    '    };',
    '    LOG.info("y");'));
  assert.deepEqual(shape(g), sorted([
    'entry -> branch(op)',
    'branch(op) -[case 1]-> log@8',
    'branch(op) -[case 2]-> log@5',
    'log@5 -> log@8',
    'branch(op) -[default]-> throw(new IllegalArgumentException("op"))',
    'throw(new IllegalArgumentException("op")) -ex(IllegalArgumentException)-> raise',
    'log@8 -> exit',
  ]));
});

test('do-while with continue, old-style switch expression with yield, continue and break in a switch in a loop', async () => {
  const g = await lcfgOfSnippet(method('int x',
    '    do {',
    '      if (x == 1) continue;',
    '      LOG.info("body");',
    '    } while (x-- > 0);',
    '    int k = switch (x) {',
    '      case 1:',
    '        LOG.info("one");',
    '        yield 10;',
    '      default:',
    '        yield 0;',
    '    };',
    '    while (x > 0) {',
    '      switch (x) {',
    '        case 2: continue;',
    '        case 3: break;',
    '        default: LOG.warn("d");',
    '      }',
    '      LOG.info("after switch");',
    '    }'));
  assert.deepEqual(shape(g), sorted([
    'entry -> merge(do)',
    'merge(do) -> branch(x == 1)',
    'branch(x == 1) -F-> log@5',
    'log@5 -> branch(x-- > 0)',
    'branch(x == 1) -T-> branch(x-- > 0)', // continue goes to the condition
    'branch(x-- > 0) -back:T-> merge(do)',
    'branch(x-- > 0) -exit-> branch(x)@7',
    'branch(x)@7 -[case 1]-> log@9',
    'log@9 -> branch(x > 0)',
    'branch(x)@7 -[default]-> branch(x > 0)',
    'branch(x > 0) -T-> branch(x)@15',
    'branch(x)@15 -[default]-> log@18',
    'log@18 -> log@20',
    'branch(x)@15 -[case 3]-> log@20',
    'log@20 -back-> branch(x > 0)',
    'branch(x)@15 -back:T-> branch(x > 0)', // case 2: continue
    'branch(x > 0) -exit-> exit',
  ]));
  const cont = g.edges.find((e) => e.kind === 'loop-back' && e.cond === 'case 2');
  assert.equal(cont?.polarity, true);
  // the condition's own write happens before the decision: on the edges into it
  const test = g.nodes.find((n) => n.text === 'x-- > 0')!;
  assert.deepEqual(g.edges.filter((e) => e.to === test.id).map((e) => e.assigns), [['x'], ['x']]);
});

test('try/catch/finally: calls reach every catch, throws reach the matching one, finally on every exit', async () => {
  const g = await lcfgOfSnippet(method('int x',
    '    try {',
    '      LOG.info("start");',
    '      send(x);',
    '      if (x < 0) throw new IllegalArgumentException("neg");',
    '      if (x == 0) throw new IOException("zero");',
    '    } catch (IOException e) {',
    '      LOG.warn("io", e);',
    '    } catch (IllegalStateException e) {',
    '      LOG.error("state");',
    '    } finally {',
    '      cleanup();',
    '    }',
    '    LOG.info("end");'));
  assert.deepEqual(shape(g), sorted([
    'entry -> log@4',
    'log@4 -> call:send@5',
    'call:send@5 -ex(IOException)-> catch(IOException)',
    'call:send@5 -ex(IllegalStateException)-> catch(IllegalStateException)',
    // what no catch takes runs the finally (one shared copy for every uncaught exception) and leaves
    'call:send@5 -ex-> finally@12#7',
    'finally@12#7 -> call:cleanup@13#8',
    'call:cleanup@13#8 -ex-> raise',
    'call:cleanup@13#8 -> raise',
    'call:send@5 -> branch(x < 0)',
    'branch(x < 0) -T-> throw(new IllegalArgumentException("neg"))',
    'throw(new IllegalArgumentException("neg")) -ex(IllegalArgumentException)-> finally@12#7',
    'branch(x < 0) -F-> branch(x == 0)',
    'branch(x == 0) -T-> throw(new IOException("zero"))',
    'throw(new IOException("zero")) -ex(IOException)-> catch(IOException)',
    'catch(IOException) -> log@9',
    'catch(IllegalStateException) -> log@11',
    'branch(x == 0) -F-> finally@12#15',
    'log@9 -> finally@12#15',
    'log@11 -> finally@12#15',
    'finally@12#15 -> call:cleanup@13#16',
    'call:cleanup@13#16 -ex-> raise',
    'call:cleanup@13#16 -> log@15',
    'log@15 -> exit',
  ]));
  assert.deepEqual(g.nodes.find((n) => n.kind === 'catch')?.catchTypes, ['IOException']);
});

test('finally runs on return, break, continue and throw, each towards its own continuation', async () => {
  const g = await lcfgOfSnippet([
    'class T {',
    '  int f(int x) {',
    '    while (x > 0) {',
    '      try {',
    '        if (x == 1) return 1;',
    '        if (x == 2) break;',
    '        if (x == 3) continue;',
    '        if (x == 4) throw new IllegalStateException();',
    '        LOG.info("body");',
    '      } finally {',
    '        LOG.info("fin");',
    '      }',
    '    }',
    '    return 0;',
    '  }',
    '}'].join('\n'));
  // Every path through a finally copy continues to the place its jump was going, and each kind of exit occurs.
  const paths = listPaths(g);
  const expectAfter: [string, RegExp][] = [
    ['return(1) > finally', /return\(1\) > finally@10#\d+ > log@11#\d+ > exit$/],
    ['throw(new IllegalStateException()) > finally', /throw\(new IllegalStateException\(\)\) > finally@10#\d+ > log@11#\d+ > raise$/],
    ['branch(x == 2) > finally', /branch\(x == 2\) > finally@10#\d+ > log@11#\d+ > return\(0\) > exit$/],
    ['branch(x == 3) > finally', /branch\(x == 3\) > finally@10#\d+ > log@11#\d+ > branch\(x > 0\)/],
    ['log@9 > finally', /log@9 > finally@10#\d+ > log@11#\d+ > branch\(x > 0\)/],
  ];
  for (const [marker, re] of expectAfter) {
    const through = paths.filter((p) => p.includes(marker));
    assert.ok(through.length > 0, marker);
    for (const p of through) assert.match(p, re);
  }
  assert.equal(g.nodes.filter((n) => n.kind === 'finally').length, 5); // return, break, continue, throw, normal
  assert.ok(g.nodes.filter((n) => n.kind === 'finally').every((f) => f.line === 10));
});

test('an exception declared in the same file is caught by its supertype, through an inner finally; rethrow leaves', async () => {
  const g = await lcfgOfSnippet([
    'class ChecksumException extends IOException { }',
    'class T {',
    '  void f(int x) {',
    '    try {',
    '      try {',
    '        if (x > 0) throw new ChecksumException();',
    '        LOG.info("ok");',
    '      } finally {',
    '        LOG.info("inner fin");',
    '      }',
    '    } catch (IOException e) {',
    '      LOG.error("caught", e);',
    '      throw e;',
    '    }',
    '  }',
    '}'].join('\n'));
  assert.deepEqual(shape(g), sorted([
    'entry -> branch(x > 0)',
    'branch(x > 0) -T-> throw(new ChecksumException())',
    'throw(new ChecksumException()) -ex(ChecksumException)-> finally@8#5',
    'finally@8#5 -> log@9#6',
    'log@9#6 -> catch(IOException)',
    'branch(x > 0) -F-> log@7',
    'log@7 -> finally@8#9',
    'finally@8#9 -> log@9#10',
    'catch(IOException) -> log@12',
    'log@12 -> throw(e)',
    'throw(e) -ex(IOException)-> raise',
    'log@9#10 -> exit',
  ]));
});

test('exception matching: unrelated known types skip a catch, catch-alls stop propagation, unknown types may pass', async () => {
  const g = await lcfgOfSnippet(method('int x',
    '    try {',
    '      if (x == 1) throw new FileNotFoundException("f");',
    '      if (x == 2) throw new NullPointerException();',
    '      if (x == 3) throw new QuotaExceeded();',
    '    } catch (IOException e) {',
    '      LOG.warn("io");',
    '    } catch (Exception e) {',
    '      LOG.error("other");',
    '    }'));
  const targets = (thrown: string): string[] => {
    const t = g.nodes.find((n) => n.kind === 'throw' && n.text?.includes(thrown))!;
    return g.edges.filter((e) => e.from === t.id).map((e) => g.nodes[e.to]!.text ?? g.nodes[e.to]!.kind);
  };
  assert.deepEqual(targets('FileNotFound'), ['IOException']); // definite: stops at the first catch
  assert.deepEqual(targets('NullPointer'), ['Exception']); // known unchecked: not an IOException
  assert.deepEqual(targets('QuotaExceeded'), ['IOException', 'Exception']); // ancestry unknown: maybe, then catch-all
});

test('ternary and && decide a log call; a ternary without one is folded away', async () => {
  const g = await lcfgOfSnippet(method('Block b',
    '    String s = b == null ? LOG.warn("none") : render(b);',
    '    boolean ok = b != null && LOG.isDebugEnabled();',
    '    int k = b.len > 0 ? 1 : 2;',
    '    boolean z = b.len > 3 || LOG.isTraceEnabled();'));
  assert.deepEqual(shape(g), sorted([
    'entry -> branch(b == null)',
    'branch(b == null) -T-> log@3',
    'branch(b == null) -F-> call:render@3',
    'call:render@3 -ex-> raise',
    'log@3 -> branch(b != null)',
    'call:render@3 -> branch(b != null)',
    'branch(b != null) -T-> log@4',
    'log@4 -> branch(b.len > 3)',
    'branch(b != null) -F-> branch(b.len > 3)',
    'branch(b.len > 3) -T-> exit',
    'branch(b.len > 3) -F-> log@6',
    'log@6 -> exit',
  ]));
});

test('synchronized, try-with-resources, assert, labelled block; lambdas, anonymous and local classes are not walked', async () => {
  const g = await lcfgOfSnippet(method('Block b',
    '    synchronized (lock) {',
    '      LOG.info("locked");',
    '    }',
    '    try (Reader r = open(b)) {',
    '      LOG.info("read");',
    '    } catch (IOException e) {',
    '      LOG.warn("failed");',
    '    }',
    '    assert b.len > 0 : describe(b);',
    '    Runnable run = () -> LOG.info("lambda");',
    '    Object o = new Object() { void g() { LOG.info("anon"); } };',
    '    class Local { void h() { LOG.info("local"); } }',
    '    done: {',
    '      if (b.len == 0) break done;',
    '      LOG.info("nonempty");',
    '    }'));
  assert.deepEqual(shape(g), sorted([
    'entry -> log@4',
    'log@4 -> call:open@6',
    'call:open@6 -ex(IOException)-> catch(IOException)',
    'call:open@6 -ex-> raise',
    'call:open@6 -> log@7',
    'catch(IOException) -> log@9',
    'log@7 -> branch(b.len > 0)',
    'log@9 -> branch(b.len > 0)',
    'branch(b.len > 0) -F-> call:describe@11',
    'call:describe@11 -ex-> raise',
    'call:describe@11 -> throw(AssertionError)',
    'throw(AssertionError) -ex(AssertionError)-> raise',
    'branch(b.len > 0) -T-> branch(b.len == 0)',
    'branch(b.len == 0) -F-> log@17',
    'log@17 -> exit',
    'branch(b.len == 0) -T-> exit',
  ]));
});

test('constructor bodies and explicit constructor calls', async () => {
  const g = await lcfgOfSnippet(['class T {', '  T(int x) {', '    this(init(x), 2);', '    LOG.info("made");', '  }', '}'].join('\n'), 'T');
  assert.deepEqual(shape(g), sorted([
    'entry -> call:init@3',
    'call:init@3 -ex-> raise',
    'call:init@3 -> log@4',
    'log@4 -> exit',
  ]));
});

test('2,000-deep nesting degrades to a straight line instead of crashing', async () => {
  const n = 2000;
  const deep = method('boolean x', ...Array(n).fill('if (x) {'), 'LOG.info("deep");', ...Array(n).fill('}'));
  const g = await lcfgOfSnippet(deep);
  assert.match(g.degraded ?? '', /nesting deeper than/);
  assert.deepEqual(shape(g), sorted([`entry -> log@${n + 3}`, `log@${n + 3} -> exit`]));
  const parens = method('', '    LOG.info("a");', `    int y = ${'('.repeat(n)}g()${')'.repeat(n)};`);
  const g2 = await lcfgOfSnippet(parens);
  assert.ok(g2.degraded);
  assert.deepEqual(shape(g2), sorted(['entry -> log@3', 'log@3 -> call:g@4', 'call:g@4 -> exit']));
});

test('long else-if chains and long concatenations are walked without recursion', async () => {
  const chain = ['    if (x == 0) { LOG.info("0"); }'];
  for (let i = 1; i < 3000; i++) chain.push(`    else if (x == ${i}) { LOG.info("${i}"); }`);
  const g = await lcfgOfSnippet(method('int x', ...chain));
  assert.equal(g.degraded, undefined);
  assert.equal(g.nodes.filter((n) => n.kind === 'branch').length, 3000);
  assert.equal(g.nodes.filter((n) => n.kind === 'log').length, 3000);
  const terms = Array.from({ length: 3000 }, (_, i) => `v${i}`).join(' + ');
  const g2 = await lcfgOfSnippet(method('', `    String s = "a" + ${terms} + h(s);`, '    LOG.info(s);'));
  assert.equal(g2.degraded, undefined);
  assert.deepEqual(shape(g2), sorted(['entry -> call:h@3', 'call:h@3 -ex-> raise', 'call:h@3 -> log@4', 'log@4 -> exit']));
});

test('edges record the variables written along them, including inside folded constructs', async () => {
  const g = await lcfgOfSnippet(method('Block b, int n',
    '    if (b == null) { b = load(); }',
    '    LOG.info("x");',
    '    count++;',
    '    this.total = n;',
    '    if (n > 0) { n = 0; }',
    '    for (String s : items) { LOG.info(s); }',
    '    try { send(b); } catch (IOException e) { LOG.warn("w"); } finally { busy = false; }'));
  const withWrites = (x: Lcfg): string[] => lcfgSummary(x, { assigns: true }).split('\n').sort();
  assert.deepEqual(withWrites(g), sorted([
    'entry -> branch(b == null)',
    'branch(b == null) -T-> call:load@3',
    'call:load@3 -ex-> raise',
    'call:load@3 -> log@4 {b}',
    'branch(b == null) -F-> log@4',
    'log@4 -> branch(s : items) {count,total,n}',
    'branch(s : items) -T-> log@8 {s}',
    'log@8 -back-> branch(s : items)',
    'branch(s : items) -exit-> call:send@9',
    'call:send@9 -ex(IOException)-> catch(IOException)',
    'call:send@9 -ex-> raise {busy}',
    'call:send@9 -> exit {busy}',
    'catch(IOException) -> log@9 {e}',
    'log@9 -> exit {busy}',
  ]));
  assert.ok(g.edges.every((e) => Array.isArray(e.assigns)), 'a full graph states its writes on every edge');
});

test('DOT output names every node and edge', async () => {
  const g = await lcfgOfSnippet(method('int x', '    if (x > 0) LOG.info("p");'));
  const dot = lcfgToDot(g);
  assert.match(dot, /^digraph "T:f\(\)" \{/);
  assert.match(dot, /n3 \[label="branch\(x > 0\)", shape=diamond\];/);
  assert.match(dot, /n3 -> n4 \[label="T"\];/);
  assert.equal(dot.split('\n').filter((l) => l.includes(' -> ')).length, g.edges.length);
});
