import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createJavaParser } from './parser';
import { indexSource } from './index-file';
import type { FileIndex } from '../model';
import { slotCount } from './template';

const parserP = createJavaParser();
after(async () => (await parserP).delete());

async function index(src: string, file = 'A.java'): Promise<FileIndex> {
  const fi = indexSource(file, src, await parserP);
  // invariants of every log statement: one parameter per slot, a method that exists
  for (const l of fi.logs) {
    assert.equal(slotCount(l.template), l.params.length, `${l.id}: ${l.template}`);
    assert.ok(fi.methods.some((m) => m.id === l.methodId), `${l.id}: no method ${l.methodId}`);
  }
  return fi;
}

/** Wraps statements into a class with an SLF4J logger and some typed locals. */
async function logsOf(body: string, header = ''): Promise<FileIndex['logs']> {
  const src = `package p;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
${header}
class A {
  private static final Logger LOG = LoggerFactory.getLogger(A.class);
  static final String PREFIX = "BLOCK* ";
  static final int N = 7;
  void m(String name, int count, long size, Block blk, IOException ioe) {
    ${body}
  }
}`;
  const fi = await index(src);
  assert.deepEqual(fi.problems, []);
  return fi.logs;
}

async function template(stmt: string): Promise<string> {
  const logs = await logsOf(stmt);
  assert.equal(logs.length, 1, `one log in ${stmt}`);
  return logs[0]!.template;
}

test('string literals are kept and Java escapes decoded', async () => {
  assert.equal(await template('LOG.info("a \\"quoted\\" \\\\ tab\\there \\u0041");'), 'a "quoted" \\ tab\there A');
});

test('{} placeholders take the arguments in order; extra {} stay literal; \\\\{} escapes', async () => {
  assert.equal(await template('LOG.info("Got {} of {}", name, count);'), 'Got <*> of <*>');
  assert.equal(await template('LOG.info("Got {} of {}", name);'), 'Got <*> of {}');
  assert.equal(await template('LOG.info("no args {}");'), 'no args {}');
  assert.equal(await template('LOG.info("lit \\\\{} and {}", name);'), 'lit {} and <*>');
  assert.equal(await template('LOG.info("literal arg {}", "here");'), 'literal arg here');
  assert.equal(await template('LOG.info("array {} {}", new Object[]{name, count});'), 'array <*> <*>');
});

test('+ concatenation: every non-literal operand is a slot, constants fold', async () => {
  assert.equal(await template('LOG.info("Receiving block " + blk + " src: " + name + ":" + count);'), 'Receiving block <*> src: <*>:<*>');
  assert.equal(await template('LOG.info(PREFIX + "ask " + N + \'!\' + 1 + true);'), 'BLOCK* ask 7!1true');
  assert.equal(await template('LOG.info("a" + ("b" + name) + (count + 1));'), 'ab<*><*>');
  assert.equal(await template('LOG.info(1 + 2 + " items " + A.PREFIX);'), '3 items BLOCK* ');
  assert.equal(await template('LOG.info(count + size + " total");'), '<*> total');
});

test('a non-literal message is one slot', async () => {
  const logs = await logsOf('LOG.info(name);');
  assert.equal(logs[0]!.template, '<*>');
  assert.deepEqual(logs[0]!.params, [{ expr: 'name', type: 'String' }]);
  assert.equal(await template('LOG.info(sb.toString());'), '<*>');
});

test('String.format and MessageFormat specifiers become slots', async () => {
  assert.equal(await template('LOG.info(String.format("Took %d ms, %5.2f%% of %s%n", count, 1.5, name));'), 'Took <*> ms, <*>% of <*>\n');
  assert.equal(await template('LOG.info(String.format("%2$s then %1$s", name, blk));'), '<*> then <*>');
  assert.equal(await template('LOG.info(MessageFormat.format("File {0} has {1,number} bytes, it\'\'s \'{2}\'", name, size));'), "File <*> has <*> bytes, it's {2}");
  assert.equal(await template('LOG.info("x=%s".formatted(name));'), 'x=<*>');
});

test('a trailing Throwable is the exception, not a parameter', async () => {
  let logs = await logsOf('try { f(); } catch (IOException e) { LOG.warn("Failed on {}", name, e); }');
  assert.equal(logs[0]!.template, 'Failed on <*>');
  assert.equal(logs[0]!.exception, 'e');
  assert.equal(logs[0]!.params.length, 1);
  logs = await logsOf('LOG.error("Broken " + name, ioe);');
  assert.equal(logs[0]!.template, 'Broken <*>');
  assert.equal(logs[0]!.exception, 'ioe');
  logs = await logsOf('LOG.error("wrapped", new RuntimeException("x"));');
  assert.equal(logs[0]!.exception, 'new RuntimeException("x")');
  // a `{}` left for it: SLF4J 1.x / log4j2 print the Throwable there (toString), not as a stack trace
  logs = await logsOf('LOG.error("Failed {}", ioe);');
  assert.equal(logs[0]!.template, 'Failed <*>');
  assert.equal(logs[0]!.exception, undefined);
  assert.deepEqual(logs[0]!.params, [{ expr: 'ioe', type: 'IOException', context: 'Failed' }]);
  logs = await logsOf('LOG.error("Failed {} after {}", name, ioe);');
  assert.equal(logs[0]!.params.length, 2);
  assert.equal(logs[0]!.exception, undefined);
  logs = await logsOf('LOG.error("Failed {} \\\\{}", name, ioe);');
  assert.equal(logs[0]!.template, 'Failed <*> \\{}'); // arguments used up: SLF4J prints the rest verbatim
  assert.equal(logs[0]!.exception, 'ioe');
  logs = await logsOf('LOG.error("not an exception {}", blk);');
  assert.equal(logs[0]!.exception, undefined);
  assert.equal(logs[0]!.template, 'not an exception <*>');
});

test('parameters record expression, type and preceding words', async () => {
  const logs = await logsOf('LOG.info("Receiving block " + blk + " src: " + name + " of size " + size);');
  assert.deepEqual(logs[0]!.params, [
    { expr: 'blk', type: 'Block', context: 'Receiving block' },
    { expr: 'name', type: 'String', context: 'src:' },
    { expr: 'size', type: 'long', context: 'of size' },
  ]);
});

test('levels: SLF4J names, JUL names, log(Level.X, ...), logp', async () => {
  const src = `package p;
import java.util.logging.Level;
import java.util.logging.Logger;
class J {
  private static final Logger logger = Logger.getLogger(J.class.getName());
  void m(String f, int n, Exception ex) {
    logger.severe("sev");
    logger.warning("warn");
    logger.fine("fine");
    logger.finest("finest");
    logger.log(Level.INFO, "Opened {0} with {1} rows", new Object[]{f, n});
    logger.log(Level.WARNING, "Cannot open " + f, ex);
    logger.log(Level.FINE, "no format {} here", f);
    logger.logp(Level.SEVERE, "J", "m", "From logp {0}", f);
    logger.isLoggable(Level.FINE);
  }
}`;
  const fi = await index(src, 'J.java');
  assert.deepEqual(fi.logs.map((l) => [l.level, l.template, l.exception ?? null]), [
    ['error', 'sev', null], ['warn', 'warn', null], ['debug', 'fine', null], ['trace', 'finest', null],
    ['info', 'Opened <*> with <*> rows', null], ['warn', 'Cannot open <*>', 'ex'], ['debug', 'no format {} here', null],
    ['error', 'From logp <*>', null],
  ]);
  assert.ok(fi.logs.every((l) => l.component === 'J'));
});

test('logger declaration styles: factories, typed fields, locals, conventional names, getters', async () => {
  const src = `package p;
class S {
  private static final org.apache.logging.log4j.Logger L4 = LogManager.getLogger(Other.class);
  private static final Log JCL = LogFactory.getLog("my.component");
  private final System.Logger sys = System.getLogger("sys");
  private InternalLogger internal;
  private static final Log AUDIT = LogFactory.getLog(S.class.getName() + ".audit");
  void m(String x) {
    L4.info("log4j2 {}", x);
    L4.printf(Level.WARN, "printf %s=%d", x, 3);
    JCL.fatal("jcl");
    sys.log(System.Logger.Level.INFO, "system {0}", x);
    internal.trace("internal");
    Logger local = LoggerFactory.getLogger("local.name");
    local.debug("local");
    log.info("lombok");
    LOGGER.warn("upper");
    getLog().info("maven");
    this.internal.info("via this");
    AUDIT.info("audit");
    notALogger.info("nope");
  }
}`;
  const fi = await index(src, 'S.java');
  assert.deepEqual(fi.logs.map((l) => [l.logger, l.level, l.template, l.component]), [
    ['L4', 'info', 'log4j2 <*>', 'Other'],
    ['L4', 'warn', 'printf <*>=<*>', 'Other'],
    ['JCL', 'fatal', 'jcl', 'my.component'],
    ['sys', 'info', 'system <*>', 'sys'],
    ['internal', 'trace', 'internal', 'S'],
    ['local', 'debug', 'local', 'local.name'],
    ['log', 'info', 'lombok', 'S'],
    ['LOGGER', 'warn', 'upper', 'S'],
    ['getLog()', 'info', 'maven', 'S'],
    ['this.internal', 'info', 'via this', 'S'],
    ['AUDIT', 'info', 'audit', 'S'],
  ]);
});

test('logger fields of other classes', async () => {
  const src = `package p;
class U {
  BeanFactory factory;
  void m(Block b, String node) {
    NameNode.stateChangeLog.info("BLOCK* allocate " + b);
    DataNode.LOG.warn("dn {}", node);
    FSNamesystem.auditLog.info("audit " + node);
    Other.helper.info("not a logger name");
    org.apache.hadoop.hdfs.DataNode.LOG.info("qualified");
    this.factory.logger.debug("other object's logger");
  }
}`;
  const fi = await index(src, 'U.java');
  assert.deepEqual(fi.logs.map((l) => [l.logger, l.template, l.component]), [
    ['NameNode.stateChangeLog', 'BLOCK* allocate <*>', 'NameNode'],
    ['DataNode.LOG', 'dn <*>', 'DataNode'],
    ['FSNamesystem.auditLog', 'audit <*>', 'FSNamesystem'],
    ['org.apache.hadoop.hdfs.DataNode.LOG', 'qualified', 'DataNode'],
    ['this.factory.logger', "other object's logger", 'BeanFactory'],
  ]);
});

test('classes, methods, ids: inner, anonymous, enum, record, interface, lambdas, generics, varargs', async () => {
  const src = `package a.b;
import static java.lang.Math.max;
import java.util.*;
public class Outer<T> extends Base<T> implements Runnable, Comparable<Outer<T>> {
  private static final Logger LOG = LoggerFactory.getLogger(Outer.class);
  private Map<String, List<Integer>> map = new HashMap<>();
  Outer(String... names) { super(names.length); }
  <R> List<R> f(final Map.Entry<K, V> e, int[] arr, java.util.List<String> l) {
    Runnable r = () -> LOG.info("lambda one");
    Runnable q = () -> { Runnable in = () -> LOG.info("nested"); };
    new Thread(new Runnable() { public void run() { LOG.info("anon"); } });
    return null;
  }
  static class Inner { void g() {} }
  enum Color { RED { void h() {} }, GREEN; Color() {} }
  record Pair(int a, String b) { Pair { } }
  interface Api { default void d() {} void abs(); }
  static { LOG.info("static init"); }
  public void run() {}
}`;
  const fi = await index(src, 'Outer.java');
  assert.equal(fi.package, 'a.b');
  assert.deepEqual(fi.imports, ['static java.lang.Math.max', 'java.util.*']);
  const outer = fi.classes.find((c) => c.name === 'a.b.Outer')!;
  assert.equal(outer.superClass, 'Base');
  assert.deepEqual(outer.interfaces, ['Runnable', 'Comparable']);
  assert.deepEqual(outer.fields.map((f) => [f.name, f.type, f.isStatic]), [['LOG', 'Logger', true], ['map', 'Map', false]]);
  assert.deepEqual(fi.classes.map((c) => [c.name, c.kind]), [
    ['a.b.Outer', 'class'], ['a.b.Outer$1', 'anonymous'], ['a.b.Outer.Inner', 'class'], ['a.b.Outer.Color', 'enum'],
    ['a.b.Outer.Color$1', 'anonymous'], ['a.b.Outer.Pair', 'record'], ['a.b.Outer.Api', 'interface'],
  ]);
  assert.deepEqual(fi.methods.map((m) => m.id), [
    'a.b.Outer:<init>(String[])',
    'a.b.Outer:f(Entry,int[],List)',
    'a.b.Outer:f$lambda$1()',
    'a.b.Outer:f$lambda$2()',
    'a.b.Outer:f$lambda$2$lambda$1()',
    'a.b.Outer$1:run()',
    'a.b.Outer.Inner:g()',
    'a.b.Outer.Color$1:h()',
    'a.b.Outer.Color:<init>()',
    'a.b.Outer.Pair:<init>(int,String)',
    'a.b.Outer.Api:d()',
    'a.b.Outer.Api:abs()',
    'a.b.Outer:<clinit>()',
    'a.b.Outer:run()',
  ]);
  assert.deepEqual(fi.logs.map((l) => [l.template, l.methodId, l.className]), [
    ['lambda one', 'a.b.Outer:f$lambda$1()', 'a.b.Outer'],
    ['nested', 'a.b.Outer:f$lambda$2$lambda$1()', 'a.b.Outer'],
    ['anon', 'a.b.Outer$1:run()', 'a.b.Outer$1'],
    ['static init', 'a.b.Outer:<clinit>()', 'a.b.Outer'],
  ]);
  // one LCFG per method; the enclosing method's graph does not contain the lambda's or anonymous class's log
  assert.equal(fi.lcfgs.length, fi.methods.length);
  const f = fi.lcfgs.find((g) => g.methodId === 'a.b.Outer:f(Entry,int[],List)')!;
  assert.deepEqual(f.nodes.filter((n) => n.kind === 'log'), []);
  const lam = fi.lcfgs.find((g) => g.methodId === 'a.b.Outer:f$lambda$1()')!;
  assert.deepEqual(lam.nodes.filter((n) => n.kind === 'log').map((n) => n.logId), [fi.logs[0]!.id]);
  assert.equal(fi.logs[0]!.id, 'Outer.java:9:24');
});

test('call sites carry receiver and argument types', async () => {
  const src = `package p;
class Base { protected Store store; }
class C extends Base {
  private Helper helper;
  static final Logger LOG = LoggerFactory.getLogger(C.class);
  C() { this(1); }
  C(int x) { super(); }
  void m(Block b, int n) {
    Worker w = new Worker(b, n);
    var v = new Pipeline();
    w.run("s", 3L, b);
    v.flush();
    helper.help();
    store.put(b);
    this.own();
    super.toString();
    Util.check(n);
    own();
    java.util.Objects.requireNonNull(b);
    LOG.isDebugEnabled();
    for (Item it : items) it.go();
    try { x(); } catch (IOException e) { e.printStackTrace(); }
  }
  void own() {}
}`;
  const fi = await index(src, 'C.java');
  // one entry per call site in source order (a builder may copy nodes, e.g. for finally blocks)
  const seen = new Map<string, unknown[]>();
  for (const g of fi.lcfgs) {
    for (const n of g.nodes) {
      if (n.kind !== 'call') continue;
      seen.set(`${String(n.call!.loc.line).padStart(4, '0')}:${String(n.call!.loc.column).padStart(4, '0')}`,
        [g.methodId.split(':')[1], n.call!.name, n.call!.receiverType ?? null, n.call!.argTypes ?? null]);
    }
  }
  const calls = [...seen.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, v]) => v);
  assert.deepEqual(calls, [
    ['<init>()', 'this', 'p.C', ['int']],
    ['<init>(int)', 'super', 'Base', null],
    ['m(Block,int)', '<init>', 'Worker', ['Block', 'int']],
    ['m(Block,int)', '<init>', 'Pipeline', null],
    ['m(Block,int)', 'run', 'Worker', ['String', 'long', 'Block']],
    ['m(Block,int)', 'flush', 'Pipeline', null],
    ['m(Block,int)', 'help', 'Helper', null],
    ['m(Block,int)', 'put', 'Store', ['Block']],
    ['m(Block,int)', 'own', 'p.C', null],
    ['m(Block,int)', 'toString', 'Base', null],
    ['m(Block,int)', 'check', 'Util', ['int']],
    ['m(Block,int)', 'own', null, null],
    ['m(Block,int)', 'requireNonNull', 'java.util.Objects', ['Block']],
    ['m(Block,int)', 'go', 'Item', null],
    ['m(Block,int)', 'x', null, null],
    ['m(Block,int)', 'printStackTrace', 'IOException', null],
  ]);
});

test('fluent APIs (SLF4J 2, Flogger), message suppliers, inline getLogger', async () => {
  const src = `package p;
import org.slf4j.Logger;
import com.google.common.flogger.FluentLogger;
class F {
  private static final Logger LOG = LoggerFactory.getLogger(F.class);
  private static final FluentLogger flog = FluentLogger.forEnclosingClass();
  private static final org.apache.logging.log4j.Logger L4 = LogManager.getLogger();
  void m(String user, int n, Exception err) {
    LOG.atInfo().addArgument(user).addArgument(n).log("User {} has {} items");
    LOG.atWarn().setMessage("Lost {}").addArgument(user).setCause(err).log();
    LOG.atDebug().log("direct {}", n);
    flog.atWarning().withCause(err).log("Flogger %s of %d", user, n);
    flog.atInfo().log("as text %s", err);
    L4.info(() -> "supplied " + user);
    LoggerFactory.getLogger(Other.class).info("inline {}", n);
  }
}`;
  const fi = await index(src, 'F.java');
  assert.deepEqual(fi.logs.map((l) => [l.logger, l.level, l.template, l.params.map((p) => p.expr), l.exception ?? null, l.component]), [
    ['LOG', 'info', 'User <*> has <*> items', ['user', 'n'], null, 'F'],
    ['LOG', 'warn', 'Lost <*>', ['user'], 'err', 'F'],
    ['LOG', 'debug', 'direct <*>', ['n'], null, 'F'],
    ['flog', 'warn', 'Flogger <*> of <*>', ['user', 'n'], 'err', 'F'],
    ['flog', 'info', 'as text <*>', ['err'], null, 'F'],
    ['L4', 'info', 'supplied <*>', ['user'], null, 'F'],
    ['LoggerFactory.getLogger(Other.class)', 'info', 'inline <*>', ['n'], null, 'Other'],
  ]);
  // the chain's inner calls (atInfo, addArgument, ...) are not call sites of the method
  const m = fi.lcfgs.find((g) => g.methodId === 'p.F:m(String,int,Exception)')!;
  assert.deepEqual(m.nodes.filter((n) => n.kind === 'call').map((n) => n.call!.name), []);
});

test('modifiers: annotations mentioning a keyword do not make a field static', async () => {
  const fi = await indexSource('M.java', 'class M { @SuppressWarnings("static") int a; @Ann(x = "final") static final int B = 1; public static String c; }', await parserP);
  assert.deepEqual(fi.classes[0]!.fields.map((f) => [f.name, f.isStatic]), [['a', false], ['B', true], ['c', true]]);
});

test('method ids stay unique: several initializer blocks, repeated methods in broken code', async () => {
  const fi = await indexSource('I.java', 'class I { static { a(); } static { b(); } { c(); } { d(); } void m() {} void m() {} }', await parserP);
  assert.deepEqual(fi.methods.map((m) => m.id), ['I:<clinit>()', 'I:<clinit>$2()', 'I:<instinit>()', 'I:<instinit>$2()', 'I:m()', 'I:m$2()']);
  assert.equal(new Set(fi.lcfgs.map((g) => g.methodId)).size, 6);
});

test('a String local assigned once before the log is inlined; reassigned or ambiguous ones are not', async () => {
  const logs = await logsOf(`
    String msg = "Failed to open " + name + " after " + count + " tries";
    LOG.error(msg, ioe);
    var fmt = "Got {} items";
    LOG.info(fmt, count);
    String changed = "first " + name;
    changed = "second";
    LOG.info(changed);
    String plain = name.trim();
    LOG.info(plain);
    if (count > 0) { String twice = "a " + name; LOG.info(twice); } else { String twice = "b"; LOG.info(twice); }
    Runnable r = () -> LOG.warn(msg);
    int n2 = count;
    n2++;
  `);
  assert.deepEqual(logs.map((l) => [l.template, l.params.map((p) => p.expr), l.exception ?? null]), [
    ['Failed to open <*> after <*> tries', ['name', 'count'], 'ioe'],
    ['Got <*> items', ['count'], null],
    ['<*>', ['changed'], null],
    ['<*>', ['plain'], null],
    ['<*>', ['twice'], null],
    ['<*>', ['twice'], null],
    ['Failed to open <*> after <*> tries', ['name', 'count'], null],
  ]);
});

test('a 3,000-long chain of constants does not recurse deep: near ones fold, far ones are a slot', async () => {
  let src = 'class K {\n static final String A0 = "x";\n';
  for (let i = 1; i <= 3000; i++) src += ` static final String A${i} = A${i - 1} + "y";\n`;
  src += ' void m() { LOG.info(A3000); LOG.info(A3); }\n}\n';
  const fi = await index(src, 'K.java');
  assert.deepEqual(fi.problems, []);
  assert.deepEqual(fi.logs.map((l) => l.template), ['<*>', 'xyyy']);
});
