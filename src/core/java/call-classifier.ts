// The StatementClassifier the LCFG builder calls for every invocation of a method body: a logging call
// (its LogStatement id), a call to something that may reach a log (with what is known of the receiver
// and argument types, for overload resolution), or nothing (calls on loggers like isDebugEnabled()).
import type { CallSite } from '../model';
import type { Classified, StatementClassifier } from '../lcfg/classifier';
import type { SyntaxNode } from './parser';
import type { FileScope, UnitCtx } from './scope';
import { LOGGER_FACTORY } from './loggers';
import { column, eraseGenerics, line, shortText, unparen } from './syntax';
import { trimmed } from '../util/trimmed';

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

/**
 * A call site with every property present, also when undefined (absent in JSON): call sites are read at
 * every resolution, and objects of one shape keep that code fast (with optional properties set or not,
 * the index held eight shapes of them).
 */
function call(name: string, arity: number, receiver: string | undefined, receiverType: string | undefined,
  argTypes: (string | undefined)[] | undefined, loc: CallSite['loc'], lambdaArgs?: (string | null)[]): Classified {
  const c: CallSite = { name, arity, receiver, receiverType, argTypes, lambdaArgs, loc };
  return { kind: 'call', call: c };
}

/** Cached "not a call of interest" (a Map value of undefined would need a second lookup to tell from a miss). */
const NOTHING = { kind: 'nothing' } as unknown as Classified;

/**
 * Invocation (nodeIdKey) -> its classification, for one file. Node ids are unique in a file's tree and an
 * invocation belongs to one unit, so one map serves every unit of the file (a map per method showed in
 * allocation profiles); a finally block walked again per exit classifies its calls once.
 */
export type ClassifierCache = Map<number, Classified>;

export class UnitClassifier implements StatementClassifier {
  constructor(
    private readonly cache: ClassifierCache,
    private readonly scope: FileScope,
    private readonly unit: UnitCtx,
    private readonly file: string,
    /** Invocation (nodeIdKey) -> LogStatement id, for the logging calls of this file. */
    private readonly logs: ReadonlyMap<number, string>,
    /** Invocations (nodeIdKey) whose receiver is a logger: their non-logging calls are not interesting. */
    private readonly loggerCalls: ReadonlySet<number>,
    /** Lambda expressions (nodeIdKey) of the file -> the method id the indexer gave each. */
    private readonly lambdas: ReadonlyMap<number, string> = new Map(),
  ) {}

  classify(node: SyntaxNode): Classified {
    const key = nodeIdKey(node);
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit === NOTHING ? undefined : hit;
    const r = this.compute(node);
    this.cache.set(key, r ?? NOTHING);
    return r;
  }

  private compute(node: SyntaxNode): Classified {
    const logId = this.logs.get(nodeIdKey(node));
    if (logId && node.type === 'method_invocation') return { kind: 'log', logId };
    const loc = { file: this.file, line: line(node), column: column(node) };
    // the arguments' types, walked child by child (comments skipped): no list of nodes is made
    const argsNode = node.childForFieldName('arguments');
    const types: (string | undefined)[] = [];
    let typed = false;
    let lambdaArgs: (string | null)[] | undefined;
    for (let a = argsNode ? argsNode.firstNamedChild : null; a; a = a.nextNamedSibling) {
      const t = a.type;
      if (t === 'line_comment' || t === 'block_comment') continue;
      if (t === 'lambda_expression') {
        const id = this.lambdas.get(nodeIdKey(a));
        if (id) {
          lambdaArgs ??= [];
          while (lambdaArgs.length < types.length) lambdaArgs.push(null);
          lambdaArgs.push(id);
        }
      }
      const ty = this.scope.typeOfExpr(a, this.unit, this.unit.cls);
      types.push(ty);
      if (ty !== undefined) typed = true;
    }
    const arity = types.length;
    const argTypes = typed ? trimmed(types) : undefined;
    if (lambdaArgs) while (lambdaArgs.length < arity) lambdaArgs.push(null);
    const cls = this.unit.cls;
    switch (node.type) {
      case 'object_creation_expression': {
        const t = node.childForFieldName('type');
        return call('<init>', arity, undefined, eraseGenerics(t?.text ?? '?'), argTypes, loc, lambdaArgs);
      }
      case 'explicit_constructor_invocation': {
        const ctor = node.childForFieldName('constructor')?.type === 'super' ? 'super' : 'this';
        return call(ctor, arity, undefined, ctor === 'super' ? cls.info.superClass : cls.info.name, argTypes, loc, lambdaArgs);
      }
      case 'method_invocation': {
        const name = node.childForFieldName('name')?.text ?? '?';
        const obj = node.childForFieldName('object');
        if (!obj) return call(name, arity, undefined, undefined, argTypes, loc, lambdaArgs);
        if (LOGGER_FACTORY.test(`${name}(`)) return undefined; // LoggerFactory.getLogger(...) and the like
        if (this.loggerCalls.has(nodeIdKey(node))) return undefined;
        return call(name, arity, shortText(obj), this.receiverType(obj), argTypes, loc, lambdaArgs);
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
