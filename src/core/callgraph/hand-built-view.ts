// Small IndexViews written by hand: for tests of the call graph, path enumeration and verification that
// must not depend on the Java indexer, and for documenting what those stages expect from an index.
import type {
  CallSite, ClassInfo, FieldInfo, FileIndex, IndexView, Lcfg, LcfgEdge, LcfgEdgeKind, LcfgNode, LogStatement, MethodInfo,
} from '../model';

export const EXIT = 98;
export const RAISE = 99;

export interface ClassSpec {
  kind?: ClassInfo['kind'];
  superClass?: string;
  interfaces?: string[];
  fields?: { name: string; type: string; isStatic?: boolean }[];
  /** File holding the class (default: derived from the outermost class name). */
  file?: string;
}

export type NodeSpec =
  | { log: string; line?: number }
  | { call: string; arity?: number; receiver?: string; receiverType?: string; argTypes?: (string | undefined)[]; line?: number }
  | { branch: string; line?: number }
  | { kind: LcfgNode['kind']; text?: string; line?: number; catchTypes?: string[] };

/**
 * Edge shorthand: `'1>2'` normal, `'1>2:T'`/`'1>2:F'` true/false with the source node's text as condition,
 * `'1>2:B'` loop-back, `'1>2:X'` loop-exit, `'1>2:E'` exception, `'1>2:C=case A'` a case edge.
 * Node names `x` and `r` stand for the exit and raise nodes.
 */
export type EdgeSpec = string | (LcfgEdge & { assigns?: string[] });

export class ViewBuilder implements IndexView {
  readonly files = new Map<string, FileIndex>();
  readonly methods = new Map<string, MethodInfo>();
  readonly classes = new Map<string, ClassInfo>();
  readonly logs = new Map<string, LogStatement>();
  readonly lcfgs = new Map<string, Lcfg>();
  private nextEvent = 1;
  private readonly events = new Map<string, string>();

  /** Declares a file with its package and imports (classes added later under this file pick them up). */
  file(path: string, pkg: string, imports: string[] = []): this {
    this.files.set(path, {
      file: path, hash: '', lines: 0, classes: [], methods: [], logs: [], lcfgs: [], problems: [], imports, package: pkg,
    });
    return this;
  }

  cls(name: string, spec: ClassSpec = {}): this {
    const pkgEnd = name.search(/\.[A-Z]/);
    const pkg = pkgEnd < 0 ? '' : name.slice(0, pkgEnd);
    const outer = name.slice(pkgEnd + 1).split(/[.$]/)[0]!;
    const file = spec.file ?? `${pkg.replace(/\./g, '/')}${pkg ? '/' : ''}${outer}.java`;
    const simple = name.slice(Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1);
    const fields: FieldInfo[] = (spec.fields ?? []).map((f) => ({ className: name, name: f.name, type: f.type, isStatic: !!f.isStatic }));
    const info: ClassInfo = {
      name, simpleName: simple, package: pkg, kind: spec.kind ?? 'class', superClass: spec.superClass,
      interfaces: spec.interfaces ?? [], file, fields,
    };
    this.classes.set(name, info);
    this.files.get(file)?.classes.push(info);
    return this;
  }

  /**
   * A method from its id `pkg.C:name(T1,T2)`, with an LCFG of the given nodes (ids 1..n in order, entry 0,
   * exit 98, raise 99) and edges. Parameter names default to p0, p1, ...
   */
  method(id: string, nodes: NodeSpec[] = [], edges: EdgeSpec[] = [], extra: Partial<MethodInfo> = {}): this {
    const m = /^(.+):([^(]+)\((.*)\)$/.exec(id);
    if (!m) throw new Error(`bad method id ${id}`);
    const [, className, name, params] = m as unknown as [string, string, string, string];
    const paramTypes = params === '' ? [] : params.split(',');
    const file = this.classes.get(className)?.file ?? `${className.replace(/\./g, '/')}.java`;
    const line = 10 * (this.methods.size + 1);
    const info: MethodInfo = {
      id, className, name, paramTypes, paramNames: paramTypes.map((_, i) => `p${i}`), returnType: 'void',
      isStatic: false, isConstructor: name === '<init>', loc: { file, line, column: 1 }, startLine: line, endLine: line + 9,
      ...extra,
    };
    this.methods.set(id, info);
    const lnodes: LcfgNode[] = [{ id: 0, kind: 'entry', line }];
    nodes.forEach((spec, i) => {
      const nid = i + 1;
      const nline = spec.line ?? line + nid;
      if ('log' in spec) {
        const logId = spec.log;
        lnodes.push({ id: nid, kind: 'log', line: nline, logId });
        let ev = this.events.get(logId);
        if (!ev) this.events.set(logId, (ev = `E${this.nextEvent++}`));
        this.logs.set(logId, {
          id: logId, eventId: ev, level: 'info', template: `event ${logId}`, params: [], logger: 'LOG', component: className,
          loc: { file, line: nline, column: 5 }, className, methodId: id,
        });
      } else if ('call' in spec) {
        const call: CallSite = {
          name: spec.call, arity: spec.arity ?? 0, receiver: spec.receiver, receiverType: spec.receiverType,
          argTypes: spec.argTypes, loc: { file, line: nline, column: 5 },
        };
        lnodes.push({ id: nid, kind: 'call', line: nline, call, text: spec.call });
      } else if ('branch' in spec) {
        lnodes.push({ id: nid, kind: 'branch', line: nline, text: spec.branch });
      } else {
        lnodes.push({ id: nid, kind: spec.kind, line: nline, text: spec.text, catchTypes: spec.catchTypes });
      }
    });
    lnodes.push({ id: EXIT, kind: 'exit', line: line + 9 }, { id: RAISE, kind: 'raise', line: line + 9 });
    const byId = new Map(lnodes.map((n) => [n.id, n]));
    const ledges = edges.map((e) => (typeof e === 'string' ? parseEdge(e, byId) : e));
    this.lcfgs.set(id, { methodId: id, nodes: lnodes, edges: ledges, entry: 0, exit: EXIT, raise: RAISE });
    return this;
  }
}

function parseEdge(s: string, nodes: Map<number, LcfgNode>): LcfgEdge {
  const m = /^(\w+)>(\w+)(?::(\w)(?:=(.*))?)?$/.exec(s.trim());
  if (!m) throw new Error(`bad edge ${s}`);
  const id = (t: string) => (t === 'x' ? EXIT : t === 'r' ? RAISE : Number(t));
  const from = id(m[1]!);
  const to = id(m[2]!);
  const kinds: Record<string, LcfgEdgeKind> = { T: 'true', F: 'false', B: 'loop-back', X: 'loop-exit', E: 'exception', C: 'case' };
  const kind = m[3] ? kinds[m[3]] : 'normal';
  if (!kind) throw new Error(`bad edge kind in ${s}`);
  const edge: LcfgEdge = { from, to, kind };
  if (kind === 'true' || kind === 'false') {
    edge.cond = nodes.get(from)?.text;
    edge.polarity = kind === 'true';
  } else if (kind === 'case') {
    edge.cond = m[4];
    edge.polarity = true;
  } else if (kind === 'exception' && m[4]) {
    edge.cond = m[4];
  }
  return edge;
}
