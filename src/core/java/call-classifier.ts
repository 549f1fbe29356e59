// The StatementClassifier the LCFG builder calls for every invocation of a method body: a logging call
// (its LogStatement id), a call to something that may reach a log (with what is known of the receiver
// and argument types, for overload resolution), or nothing (calls on loggers like isDebugEnabled()).
import type { CallSite } from '../model';
import type { Classified, StatementClassifier } from '../lcfg/classifier';
import type { SyntaxNode } from './parser';
import type { FileScope, UnitCtx } from './scope';
import { LOGGER_FACTORY } from './loggers';
import { column, eraseGenerics, line, namedKids, shortText, unparen } from './syntax';

/** Identifies an invocation node independently of the Node object the builder holds. */
export function nodeKey(n: SyntaxNode): string {
  return `${n.startIndex}:${n.endIndex}`;
}

/** `a.b.C`, `Outer.Inner`: a receiver written as a class name (static call). */
function looksLikeClassName(text: string): boolean {
  const segs = text.split('.');
  if (!segs.every((s) => /^[A-Za-z_$][\w$]*$/.test(s))) return false;
  const last = segs[segs.length - 1]!;
  if (!/^[A-Z]/.test(last)) return false;
  if (segs.length === 1) return true;
  // `Other.CONSTANT` is a field; `java.util.UUID` is a class (lowercase package before it).
  return !/^[A-Z][A-Z0-9_]*$/.test(last) || /^[a-z]/.test(segs[segs.length - 2]!);
}

/**
 * Identifies a node of one tree independently of the SyntaxNode view held (views are made on demand, so
 * two views of one node are not ===): its pre-order id in the copied tree.
 */
export function nodeIdKey(n: SyntaxNode): number {
  return n.id;
}

export class UnitClassifier implements StatementClassifier {
  private readonly cache = new Map<number, Classified>();

  constructor(
    private readonly scope: FileScope,
    private readonly unit: UnitCtx,
    private readonly file: string,
    /** Invocation (nodeIdKey) -> LogStatement id, for the logging calls of this file. */
    private readonly logs: ReadonlyMap<number, string>,
    /** Invocations (nodeIdKey) whose receiver is a logger: their non-logging calls are not interesting. */
    private readonly loggerCalls: ReadonlySet<number>,
  ) {}

  classify(node: SyntaxNode): Classified {
    const key = nodeIdKey(node);
    if (this.cache.has(key)) return this.cache.get(key);
    const r = this.compute(node);
    this.cache.set(key, r);
    return r;
  }

  private compute(node: SyntaxNode): Classified {
    const logId = this.logs.get(nodeIdKey(node));
    if (logId && node.type === 'method_invocation') return { kind: 'log', logId };
    const loc = { file: this.file, line: line(node), column: column(node) };
    const argsNode = node.childForFieldName('arguments');
    const args = argsNode ? namedKids(argsNode) : [];
    const argTypes = args.map((a) => this.scope.typeOfExpr(a, this.unit, this.unit.cls));
    const withArgs = (c: CallSite): Classified => {
      if (argTypes.some((t) => t !== undefined)) c.argTypes = argTypes;
      return { kind: 'call', call: c };
    };
    const cls = this.unit.cls;
    switch (node.type) {
      case 'object_creation_expression': {
        const t = node.childForFieldName('type');
        return withArgs({ name: '<init>', arity: args.length, receiverType: eraseGenerics(t?.text ?? '?'), loc });
      }
      case 'explicit_constructor_invocation': {
        const ctor = node.childForFieldName('constructor')?.type === 'super' ? 'super' : 'this';
        const receiverType = ctor === 'super' ? cls.info.superClass : cls.info.name;
        const c = { name: ctor, arity: args.length } as CallSite;
        if (receiverType) c.receiverType = receiverType;
        c.loc = loc;
        return withArgs(c);
      }
      case 'method_invocation': {
        const name = node.childForFieldName('name')?.text ?? '?';
        const obj = node.childForFieldName('object');
        if (!obj) return withArgs({ name, arity: args.length, loc });
        if (LOGGER_FACTORY.test(`${name}(`)) return undefined; // LoggerFactory.getLogger(...) and the like
        if (this.loggerCalls.has(nodeIdKey(node))) return undefined;
        const receiver = shortText(obj);
        const receiverType = this.receiverType(obj);
        // fields set one by one, in the order a spread gave them (a spread into a literal is slow in V8)
        const c = { name, arity: args.length, receiver } as CallSite;
        if (receiverType) c.receiverType = receiverType;
        c.loc = loc;
        return withArgs(c);
      }
      default:
        return undefined;
    }
  }

  private receiverType(obj: SyntaxNode): string | undefined {
    const o = unparen(obj);
    const cls = this.unit.cls;
    const ot = o.type;
    if (ot === 'this') return cls.info.name;
    if (ot === 'super') return cls.info.superClass;
    const t = this.scope.typeOfExpr(o, this.unit, cls);
    if (t) return t;
    if ((ot === 'identifier' || ot === 'field_access' || ot === 'scoped_identifier') && looksLikeClassName(o.text)) {
      // a class of this file by its qualified name, else as written
      return this.scope.classNamed(o.text)?.info.name ?? o.text;
    }
    return undefined;
  }
}
