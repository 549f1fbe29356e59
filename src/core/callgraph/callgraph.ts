// The workspace call graph, pruned to logging: which workspace method each call site reaches (by name,
// arity, receiver type and scope, the way javac would pick it, minus full type inference), which methods
// can reach a log statement transitively, and the entry points ranked by how many templates they reach.
import type { CallEdge, CallResolver, CallSite, EntryPoint, IndexView, Lcfg, MethodInfo } from '../model';
import { findMethodIn, type FindMethodResult } from './signature';
import { TypeScope, eraseType, normalizeImport, simpleTypeName } from './type-names';
import { lambdasPassed, lambdasRun } from './lambdas';
import { scanLcfg } from '../lcfg/packed';

/** A resolver that can also report every target of a virtual call (interface dispatch). */
export interface DispatchingResolver extends CallResolver {
  /** All workspace targets of a call site (several for an interface method with implementations); [] = opaque. */
  resolveAll(callerId: string, call: CallSite): string[];
}

/** At most this many implementations of an interface method are considered targets of one call. */
export const MAX_DISPATCH_TARGETS = 8;

export interface EntriesOptions {
  top?: number;
  /** Call depth for counting reachable templates (default 5). */
  depth?: number;
}

/**
 * `reuse`: a graph of the same view before a change that left every file's resolution facts unchanged but
 * (at most) one file's (see reuse.ts); its resolutions of the call sites still in the view are taken as they are.
 */
export function buildCallGraph(view: IndexView, reuse?: CallGraph): CallGraph {
  return new CallGraph(view, reuse);
}

export class CallGraph implements DispatchingResolver {
  private edgeList: CallEdge[] | undefined;
  private readonly scope: TypeScope;
  private readonly byClass = new Map<string, MethodInfo[]>();
  private readonly logsOf = new Map<string, Set<string>>();
  private readonly calleeIds = new Map<string, string[]>();
  private readonly callerIds = new Map<string, string[]>();
  private readonly reaching = new Set<string>();
  // Every call site of the view's LCFGs, numbered in caller then node order, with its caller and (once
  // resolved) its targets: the graph's own walks go by number. A CallSite object belongs to one node of one
  // caller's LCFG (the index and the hand-built views of tests make one per node), so its caller never varies.
  private readonly sites: CallSite[] = [];
  private readonly siteCallers: string[] = [];
  private readonly siteTargets: (string[] | undefined)[] = [];
  /** Call site -> its number, for resolveAll() from outside; made on first use (the index never needs it). */
  private siteNumbers: Map<CallSite, number> | undefined;
  /** Resolutions of call sites that are in no LCFG of the view. */
  private readonly strays = new Map<CallSite, string[]>();
  /** Lambda method id -> the call sites that pass it (see lambdasRunAt). */
  private readonly lambdaSites = new Map<string, number[]>();
  /** class -> method name -> its methods of that name (lookups by name ran a filter over the class per call). */
  private readonly byName = new Map<string, Map<string, MethodInfo[]>>();
  private readonly behaviour = new Map<string, boolean>();
  /** method id -> receiver class -> dispatch targets. Callers share the arrays and must not modify them. */
  private readonly dispatched = new Map<string, Map<string, string[]>>();
  /** Names of all workspace methods. */
  private readonly methodNames = new Set<string>();

  /** Call sites resolved by this graph itself (the rest came from the graph it reused). */
  resolvedHere = 0;

  constructor(private readonly view: IndexView, reuse?: CallGraph) {
    const prior = reuse?.resolvedSites();
    this.scope = new TypeScope(view);
    for (const m of view.methods.values()) {
      this.methodNames.add(m.name);
      const list = this.byClass.get(m.className);
      if (list) list.push(m);
      else this.byClass.set(m.className, [m]);
    }
    for (const list of this.byClass.values()) list.sort((a, b) => a.loc.line - b.loc.line || a.loc.column - b.loc.column);
    for (const l of view.logs.values()) this.addLog(l.methodId, l.id);
    const sitesByName = new Map<string, number[]>(); // called name -> the numbers of the calls of that name (see findReaching)
    let caller = '';
    const onLog = (logId: string): void => this.addLog(caller, logId);
    const onCall = (call: CallSite): void => {
      const site = this.sites.length;
      this.sites.push(call);
      this.siteCallers.push(caller);
      this.siteTargets.push(prior?.get(call));
      const name = siteName(call);
      const b = sitesByName.get(name);
      if (b) b.push(site);
      else sitesByName.set(name, [site]);
      for (const l of lambdasPassed(call)) {
        const list = this.lambdaSites.get(l);
        if (list) list.push(site);
        else this.lambdaSites.set(l, [site]);
      }
    };
    // packed graphs answer from their rows: no node objects are made here
    for (const [methodId, g] of view.lcfgs) {
      caller = methodId;
      this.behaviour.set(methodId, scanLcfg(g, onLog, onCall));
    }
    this.findReaching(sitesByName);
  }

  // -------------------------------------------------------------------------------------------
  // Resolution

  resolve(callerId: string, call: CallSite): string | undefined {
    const all = this.resolveAll(callerId, call);
    return all.find((t) => this.reaching.has(t)) ?? all[0];
  }

  resolveAll(callerId: string, call: CallSite): string[] {
    if (!this.siteNumbers) {
      this.siteNumbers = new Map();
      for (let k = 0; k < this.sites.length; k++) this.siteNumbers.set(this.sites[k]!, k);
    }
    const k = this.siteNumbers.get(call);
    if (k !== undefined) return this.targetsOf(k);
    let targets = this.strays.get(call);
    if (!targets) this.strays.set(call, (targets = this.resolveUncached(callerId, call)));
    return targets;
  }

  /** The targets of call site number `k`, resolved once. */
  private targetsOf(k: number): string[] {
    let t = this.siteTargets[k];
    if (!t) {
      this.resolvedHere++;
      this.siteTargets[k] = t = this.resolveUncached(this.siteCallers[k]!, this.sites[k]!);
    }
    return t;
  }

  /** The lambdas passed at site `k` that run on the caller's behalf (an edge caller -> lambda; see lambdas.ts). */
  private lambdasRunAt(k: number): readonly string[] {
    return lambdasRun(this.sites[k]!, () => this.targetsOf(k).length > 0);
  }

  /** The call sites resolved so far, with their targets (for a graph built after an edit to reuse). */
  resolvedSites(): Map<CallSite, string[]> {
    const out = new Map<CallSite, string[]>();
    for (let k = 0; k < this.sites.length; k++) {
      const t = this.siteTargets[k];
      if (t) out.set(this.sites[k]!, t);
    }
    return out;
  }

  private resolveUncached(callerId: string, call: CallSite): string[] {
    // Only workspace methods are targets: a call whose name no workspace method has (`append`, `println`)
    // resolves to nothing, whatever its receiver; most library calls stop here.
    if (call.name !== 'this' && call.name !== 'super' && call.name !== '<init>' && !this.methodNames.has(call.name)) return [];
    const caller = this.view.methods.get(callerId);
    if (!caller) return [];
    const cls = caller.className;
    const s = this.scope;
    const args = call.argTypes;

    // Constructor chaining and object creation.
    if ((call.name === 'this' || call.name === 'super') && (call.receiver === undefined || call.receiver === call.name)) {
      const target = call.name === 'this' ? cls : s.supertypes(cls).superClass;
      return target ? this.constructorOf(target, call.arity, args) : [];
    }
    if (call.name === '<init>') {
      const written = call.receiverType ?? call.receiver;
      const t = written ? s.resolve(written, cls) : undefined;
      return t ? this.constructorOf(t, call.arity, args) : [];
    }

    const recv = call.receiver?.trim();
    if (recv === undefined || recv === '') {
      // Unqualified: the class and its superclasses, then the enclosing classes (inner classes, lambdas).
      for (const c of s.lexicalChain(cls)) {
        const found = this.lookup(c, call.name, call.arity, args);
        if (found) return this.dispatch(found, c);
      }
      return this.staticImport(cls, call);
    }
    if (recv === 'this') return this.virtual(cls, call);
    if (recv === 'super') {
      const sup = s.supertypes(cls).superClass;
      const found = sup ? this.lookup(sup, call.name, call.arity, args) : undefined;
      return found ? [found.id] : [];
    }
    const outerThis = /^([\w$.]+)\.this$/.exec(recv);
    if (outerThis) {
      const t = s.resolve(outerThis[1]!, cls);
      return t ? this.virtual(t, call) : [];
    }
    if (call.receiverType) {
      const t = s.resolve(call.receiverType, cls);
      return t ? this.virtual(t, call) : [];
    }
    // The indexer could not type the receiver: try the caller's parameters and the visible fields, then a class name.
    const varType = this.variableType(caller, recv);
    if (varType !== undefined) {
      const t = s.resolve(varType, cls);
      return t ? this.virtual(t, call) : [];
    }
    if (/^[\w$]+(\.[\w$]+)*$/.test(recv) && /(^|\.)[A-Z]/.test(recv)) {
      const t = s.resolve(recv, cls);
      if (t) {
        const found = this.lookup(t, call.name, call.arity, args);
        return found ? [found.id] : [];
      }
    }
    // A chain (`datanode.getPipeline()`, `getChannel().getEndPoint()`, `((Foo) x)`): type it from declarations.
    const t = this.typeOfExpr(caller, recv, 0);
    return t ? this.virtual(t, call) : [];
  }

  /**
   * The workspace class an expression evaluates to, from declared types only: variables, fields, method
   * return types, casts and `new`. Undefined for anything else (library types, generics, literals). Bounded.
   */
  private typeOfExpr(caller: MethodInfo, expr: string, depth: number): string | undefined {
    let e = expr.trim();
    if (!e || depth > 8 || e.length > 300) return undefined;
    const s = this.scope;
    const cls = caller.className;
    while (e.startsWith('(') && closingParen(e, 0) === e.length - 1) e = e.slice(1, -1).trim();
    if (e === 'this') return cls;
    const cast = /^\(\s*([\w$.]+)\s*(?:<[^()]*>)?\s*\)\s*[\w$(]/.exec(e);
    if (cast && /^[A-Z]/.test(cast[1]!.split('.').pop()!)) return s.resolve(cast[1]!, cls);
    const creation = /^new\s+([\w$.]+)\s*(?:<[^()]*>)?\s*\(/.exec(e);
    if (creation) {
      const close = closingParen(e, creation[0].length - 1);
      if (close === e.length - 1 || (close > 0 && e.slice(close + 1).trim().startsWith('{') && e.endsWith('}'))) return s.resolve(creation[1]!, cls);
    }
    const dot = lastTopLevelDot(e);
    if (dot < 0) {
      if (/^[\w$]+$/.test(e)) {
        const v = this.variableType(caller, e);
        if (v !== undefined) return s.resolve(v, cls);
        return /^[A-Z]/.test(e) ? s.resolve(e, cls) : undefined;
      }
      const m = /^([\w$]+)\s*\(/.exec(e);
      if (m && closingParen(e, m[0].length - 1) === e.length - 1) {
        const arity = countArgs(e.slice(m[0].length, -1));
        for (const c of s.lexicalChain(cls)) {
          const found = this.lookup(c, m[1]!, arity);
          if (found) return s.resolve(found.returnType, found.className);
        }
      }
      return undefined;
    }
    const left = e.slice(0, dot).trim();
    const right = e.slice(dot + 1).trim();
    const call = /^([\w$]+)\s*\(/.exec(right);
    if (call && closingParen(right, call[0].length - 1) === right.length - 1) {
      const owner = this.ownerType(caller, left, depth);
      const found = owner ? this.lookup(owner, call[1]!, countArgs(right.slice(call[0].length, -1))) : undefined;
      return found ? s.resolve(found.returnType, found.className) : undefined;
    }
    if (/^[\w$]+$/.test(right)) {
      const whole = /^[\w$.]+$/.test(e) && /(^|\.)[A-Z]/.test(e) ? s.resolve(e, cls) : undefined;
      if (whole) return whole; // `Outer.Inner` or a qualified class name
      const owner = this.ownerType(caller, left, depth);
      if (!owner) return undefined;
      for (const c of s.superChain(owner)) {
        const f = s.classInfo(c)?.fields.find((x) => x.name === right);
        if (f) return s.resolve(f.type, c);
      }
    }
    return undefined;
  }

  /** The type whose members `left.x` names: the expression's type, or a class named by it (static access). */
  private ownerType(caller: MethodInfo, left: string, depth: number): string | undefined {
    const t = this.typeOfExpr(caller, left, depth + 1);
    if (t) return t;
    return /^[\w$.]+$/.test(left) && /(^|\.)[A-Z]/.test(left) ? this.scope.resolve(left, caller.className) : undefined;
  }

  /** A call on a receiver of static type `t`: the method found in t's hierarchy, or its implementations. */
  private virtual(t: string, call: CallSite): string[] {
    const found = this.lookup(t, call.name, call.arity, call.argTypes);
    return found ? this.dispatch(found, t) : [];
  }

  /**
   * Interface (or bodiless) methods dispatch to the overriding methods of the receiver type's subtypes.
   * Bounded: at most MAX_DISPATCH_TARGETS, in a stable order.
   */
  private dispatch(found: MethodInfo, receiverClass: string): string[] {
    // Static and constructor targets are themselves; the rest depends only on (method, receiver class), and
    // the same pair comes back at many call sites (a subtype walk each time showed in profiles).
    if (found.isStatic || found.isConstructor) return [found.id];
    let byRecv = this.dispatched.get(found.id);
    if (!byRecv) this.dispatched.set(found.id, (byRecv = new Map()));
    let out = byRecv.get(receiverClass);
    if (!out) byRecv.set(receiverClass, (out = this.dispatchUncached(found, receiverClass)));
    return out;
  }

  private dispatchUncached(found: MethodInfo, receiverClass: string): string[] {
    const declaring = this.scope.classInfo(found.className);
    const recvInfo = this.scope.classInfo(receiverClass);
    const bodiless = !this.hasBehaviour(found.id);
    if (declaring?.kind !== 'interface' && recvInfo?.kind !== 'interface' && !bodiless) return [found.id];
    const impls: string[] = [];
    const seen = new Set<string>([receiverClass]);
    const queue = [...this.scope.subtypesOf(receiverClass)];
    while (queue.length > 0 && impls.length < MAX_DISPATCH_TARGETS && seen.size < 256) {
      const c = queue.shift()!;
      if (seen.has(c)) continue;
      seen.add(c);
      const own = this.named(c, found.name).find((m) => !m.isStatic &&
        m.paramTypes.length === found.paramTypes.length &&
        m.paramTypes.every((p, i) => simpleTypeName(p) === simpleTypeName(found.paramTypes[i]!)));
      if (own) impls.push(own.id);
      queue.push(...this.scope.subtypesOf(c));
    }
    if (impls.length === 0) return [found.id];
    const out = bodiless ? impls : [found.id, ...impls];
    return [...new Set(out)].slice(0, MAX_DISPATCH_TARGETS);
  }

  /** True if the method's LCFG holds anything path enumeration could use (a log, a call, a throw); set for every
   *  LCFG by the constructor's pass over the nodes, so a method without one has none. */
  private hasBehaviour(methodId: string): boolean {
    return this.behaviour.get(methodId) ?? false;
  }

  /** Methods of class `c` named `name` (constructors included), in declaration order. */
  private named(c: string, name: string): MethodInfo[] {
    let m = this.byName.get(c);
    if (!m) {
      m = new Map();
      for (const x of this.byClass.get(c) ?? []) {
        const l = m.get(x.name);
        if (l) l.push(x); else m.set(x.name, [x]);
      }
      this.byName.set(c, m);
    }
    return m.get(name) ?? [];
  }

  private staticImport(cls: string, call: CallSite): string[] {
    const info = this.scope.classInfo(this.scope.lexicalChain(cls).at(-1) ?? cls);
    const file = info ? this.view.files.get(info.file) : undefined;
    if (!file) return [];
    for (const imp of this.scope.importsOf(file)) {
      if (!imp.isStatic) continue;
      let owner: string;
      if (imp.wildcard) owner = imp.name;
      else {
        const dot = imp.name.lastIndexOf('.');
        if (dot < 0 || imp.name.slice(dot + 1) !== call.name) continue;
        owner = imp.name.slice(0, dot);
      }
      const t = this.view.classes.has(owner) ? owner : this.scope.resolve(owner, cls);
      const found = t ? this.lookup(t, call.name, call.arity, call.argTypes) : undefined;
      if (found?.isStatic || (found && !imp.wildcard)) return [found.id];
    }
    return [];
  }

  /** Declared type of a parameter, `this.f`/`f` field of the class, its enclosing classes or superclasses. */
  private variableType(caller: MethodInfo, recv: string): string | undefined {
    const name = recv.startsWith('this.') ? recv.slice(5) : recv;
    if (!/^[\w$]+$/.test(name)) return undefined;
    if (!recv.startsWith('this.')) {
      const p = caller.paramNames.indexOf(name);
      if (p >= 0) return caller.paramTypes[p];
    }
    for (const c of this.scope.lexicalChain(caller.className)) {
      for (const s of this.scope.superChain(c)) {
        const f = this.scope.classInfo(s)?.fields.find((x) => x.name === name);
        if (f) return f.type;
      }
    }
    return undefined;
  }

  private constructorOf(t: string, arity: number, args?: (string | undefined)[]): string[] {
    const ctors = (this.byClass.get(t) ?? []).filter((m) => m.isConstructor || m.name === '<init>');
    const best = pickOverload(ctors, arity, args);
    return best ? [best.id] : [];
  }

  /** The method `name/arity` as seen from class `t`: declared there or inherited (superclasses, then interfaces). */
  private lookup(t: string, name: string, arity: number, args?: (string | undefined)[]): MethodInfo | undefined {
    // Many call sites ask the same question of the same class: answer each once.
    let memo = this.looked.get(t);
    if (!memo) this.looked.set(t, (memo = new Map()));
    const key = args ? `${name}/${arity}/${args.join(',')}` : `${name}/${arity}`;
    let r = memo.get(key);
    if (r === undefined && !memo.has(key)) memo.set(key, (r = this.lookupUncached(t, name, arity, args)));
    return r;
  }
  private readonly looked = new Map<string, Map<string, MethodInfo | undefined>>();

  private lookupUncached(t: string, name: string, arity: number, args?: (string | undefined)[]): MethodInfo | undefined {
    const chain = this.scope.superChain(t);
    for (const c of chain) {
      const found = pickOverload(this.named(c, name).filter((m) => !m.isConstructor), arity, args);
      if (found) return found;
    }
    // Default or abstract interface methods, breadth first.
    const seen = new Set<string>(chain);
    const queue = chain.flatMap((c) => this.scope.supertypes(c).interfaces);
    while (queue.length > 0 && seen.size < 256) {
      const i = queue.shift()!;
      if (seen.has(i)) continue;
      seen.add(i);
      const found = pickOverload(this.named(i, name), arity, args);
      if (found) return found;
      queue.push(...this.scope.supertypes(i).interfaces);
    }
    return undefined;
  }

  // -------------------------------------------------------------------------------------------
  // Graph

  private addLog(methodId: string, logId: string): void {
    let s = this.logsOf.get(methodId);
    if (!s) this.logsOf.set(methodId, (s = new Set()));
    s.add(logId);
  }

  /**
   * Which methods reach a log, resolving only the calls that can tell: backwards from the methods that log,
   * and for each name of a method found to reach one, the calls of that name (resolution never changes the
   * name; constructor calls all count as `<init>`). On jetty9 that is under half of the call sites. The edges
   * found are kept for reach() (every edge into a reaching method is among them); callees()/callers() build
   * the full lists on first use, reusing the resolutions made here.
   */
  private findReaching(sitesByName: ReadonlyMap<string, number[]>): void {
    const resolvedNames = new Set<string>();
    const work: string[] = [];
    for (const [m, logs] of this.logsOf) {
      if (logs.size > 0 && !this.reaching.has(m)) {
        this.reaching.add(m);
        work.push(m);
      }
    }
    while (work.length > 0) {
      const t = work.pop()!;
      const info = this.view.methods.get(t);
      const name = info ? methodName(info) : undefined;
      if (name !== undefined && !resolvedNames.has(name)) {
        resolvedNames.add(name);
        const b = sitesByName.get(name);
        if (b) for (const k of b) this.addPartialEdges(k);
      }
      // a lambda reaching a log: the methods that pass it where it runs reach one too
      for (const k of this.lambdaSites.get(t) ?? []) if (this.lambdasRunAt(k).includes(t)) this.addPartialEdge(this.siteCallers[k]!, t);
      for (const c of this.partialCallers.get(t) ?? []) {
        if (!this.reaching.has(c)) {
          this.reaching.add(c);
          work.push(c);
        }
      }
    }
  }

  /** Edges found by findReaching, until completeEdges makes the full lists (order does not matter here). */
  private partialCallees: Map<string, Set<string>> | undefined = new Map();
  private readonly partialCallers = new Map<string, Set<string>>();

  private addPartialEdges(site: number): void {
    const caller = this.siteCallers[site]!;
    for (const t of this.targetsOf(site)) this.addPartialEdge(caller, t);
  }

  private addPartialEdge(caller: string, t: string): void {
    let out = this.partialCallees!.get(caller);
    if (!out) this.partialCallees!.set(caller, (out = new Set()));
    out.add(t);
    let inn = this.partialCallers.get(t);
    if (!inn) this.partialCallers.set(t, (inn = new Set()));
    inn.add(caller);
  }

  /** Callees of a method for walks over reaching methods: the partial edges are enough there. */
  private reachCallees(m: string): Iterable<string> | undefined {
    return this.partialCallees ? this.partialCallees.get(m) : this.calleeIds.get(m);
  }

  /** The full callee and caller lists, in call-site order: resolutions made so far are reused. */
  private completeEdges(): void {
    if (!this.partialCallees) return;
    this.partialCallees = undefined;
    this.partialCallers.clear();
    // Duplicates are dropped while keeping call-site order. A caller's sites are consecutive, so its edges
    // are all added in one go: a caller already listed for a callee is the list's last entry (an includes()
    // scan was quadratic for utility methods with thousands of callers).
    let caller: string | undefined;
    let callees: string[] | undefined;
    let seen: Set<string> | undefined;
    for (let k = 0; k < this.sites.length; k++) {
      if (this.siteCallers[k] !== caller) {
        caller = this.siteCallers[k]!;
        callees = undefined;
        seen = undefined;
      }
      const lambdas = this.lambdasRunAt(k);
      for (const t of lambdas.length > 0 ? [...this.targetsOf(k), ...lambdas] : this.targetsOf(k)) {
        if (!callees) this.calleeIds.set(caller, (callees = [t]));
        else if (!(callees.length < 16 ? callees.includes(t) : (seen ??= new Set(callees)).has(t))) {
          callees.push(t);
          seen?.add(t);
        }
        const callers = this.callerIds.get(t);
        if (!callers) this.callerIds.set(t, [caller]);
        else if (callers[callers.length - 1] !== caller) callers.push(caller);
      }
    }
  }

  /**
   * Every call site with its targets (an unresolved one once, as `?name/arity`), in caller then site order.
   * Made on first use from the resolutions already cached: the graph itself does not need the list.
   */
  get edges(): CallEdge[] {
    if (this.edgeList) return this.edgeList;
    const out: CallEdge[] = [];
    for (let k = 0; k < this.sites.length; k++) {
      const caller = this.siteCallers[k]!, call = this.sites[k]!;
      const targets = this.targetsOf(k);
      if (targets.length === 0) out.push({ caller, callee: `?${call.name}/${call.arity}`, loc: call.loc, resolved: false });
      for (const t of targets) out.push({ caller, callee: t, loc: call.loc, resolved: true });
    }
    return (this.edgeList = out);
  }

  reachesLog(methodId: string): boolean {
    return this.reaching.has(methodId);
  }

  /** Resolved callees, in call-site order, without duplicates. */
  callees(methodId: string): string[] {
    this.completeEdges();
    return this.calleeIds.get(methodId) ?? [];
  }

  callers(methodId: string): string[] {
    this.completeEdges();
    return this.callerIds.get(methodId) ?? [];
  }

  /** Log statement ids written directly in the method. */
  logsIn(methodId: string): ReadonlySet<string> {
    return this.logsOf.get(methodId) ?? new Set();
  }

  /** Event ids of the logs reachable from `methodId` through at most `depth` calls. */
  reachableEventIds(methodId: string, depth: number): Set<string> {
    return this.reach(methodId, depth).events;
  }

  private reach(methodId: string, depth: number): { events: Set<string>; logs: number } {
    const events = new Set<string>();
    let logs = 0;
    const seen = new Set<string>([methodId]);
    let frontier = [methodId];
    for (let d = 0; frontier.length > 0; d++) {
      const next: string[] = [];
      for (const m of frontier) {
        for (const id of this.logsOf.get(m) ?? []) {
          logs++;
          const ev = this.view.logs.get(id)?.eventId;
          if (ev) events.add(ev);
        }
        if (d >= depth) continue;
        for (const c of this.reachCallees(m) ?? []) {
          if (!seen.has(c) && this.reaching.has(c)) {
            seen.add(c);
            next.push(c);
          }
        }
      }
      frontier = next;
    }
    return { events, logs };
  }

  /** Methods reaching >= 1 log, ranked by distinct reachable templates, then reachable logs, then signature. */
  entries(opts: EntriesOptions = {}): EntryPoint[] {
    const depth = opts.depth ?? 5;
    const out: EntryPoint[] = [];
    for (const m of this.reaching) {
      const info = this.view.methods.get(m);
      if (!info) continue;
      const r = this.reach(m, depth);
      if (r.logs === 0) continue;
      out.push({ methodId: m, reachableTemplates: r.events.size, reachableLogs: r.logs, loc: info.loc });
    }
    out.sort((a, b) => b.reachableTemplates - a.reachableTemplates || b.reachableLogs - a.reachableLogs ||
      (a.methodId < b.methodId ? -1 : a.methodId > b.methodId ? 1 : 0));
    return opts.top !== undefined ? out.slice(0, opts.top) : out;
  }

  /** Accepts `Class:method(T1,T2)` (simple or qualified class), `Class:method` when unambiguous, `Class.method`. */
  findMethod(sig: string): FindMethodResult {
    return findMethodIn(sig, this.view.methods.values());
  }

  lcfg(methodId: string): Lcfg | undefined {
    return this.view.lcfgs.get(methodId);
  }
}

/** What a call is matched against by name: constructor calls (`new`, `this(...)`, `super(...)`) all as `<init>`. */
function siteName(call: CallSite): string {
  return call.name === 'this' || call.name === 'super' ? '<init>' : call.name;
}

/** A method's name as calls name it (constructors `<init>`). */
function methodName(m: MethodInfo): string {
  return m.isConstructor ? '<init>' : m.name;
}

/**
 * Among same-named methods, the one a call with `arity` arguments of (partly known) `args` types picks:
 * exact arity before varargs, then the most argument types equal to parameter types, then declaration order.
 */
export function pickOverload(cands: MethodInfo[], arity: number, args?: (string | undefined)[]): MethodInfo | undefined {
  let best: MethodInfo | undefined;
  let bestScore = -Infinity;
  for (const m of cands) {
    const n = m.paramTypes.length;
    let score: number;
    if (n === arity) score = 1000;
    else if (n > 0 && arity >= n - 1 && eraseType(m.paramTypes[n - 1]!).endsWith('[]')) score = 500; // varargs
    else continue;
    if (args) {
      for (let i = 0; i < Math.min(n, args.length); i++) {
        const a = args[i];
        if (!a) continue;
        const p = simpleTypeName(m.paramTypes[i]!);
        const at = simpleTypeName(a);
        if (p === at) score += 10;
        else if (p === 'Object' || /^[A-Z]$/.test(p)) score += 1; // Object or a type variable takes anything
        else if (isPrimitiveLike(p) !== isPrimitiveLike(at) || (isPrimitiveLike(p) && isPrimitiveLike(at))) score -= 5;
      }
    }
    if (score > bestScore) {
      bestScore = score;
      best = m;
    }
  }
  return best;
}

/** Index of the parenthesis closing the one at `open`, or -1 (string literals skipped). */
function closingParen(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '"' || c === "'") {
      for (i++; i < s.length && s[i] !== c; i++) if (s[i] === '\\') i++;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** The last '.' outside parentheses, brackets, generics and literals (the final member access), or -1. */
function lastTopLevelDot(s: string): number {
  let depth = 0;
  let last = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"' || c === "'") {
      for (i++; i < s.length && s[i] !== c; i++) if (s[i] === '\\') i++;
      continue;
    }
    if (c === '(' || c === '[' || c === '<') depth++;
    else if (c === ')' || c === ']' || (c === '>' && s[i - 1] !== '-')) depth--;
    else if (c === '.' && depth === 0) last = i;
  }
  return last;
}

/** Arguments in an argument list text (top-level commas). */
function countArgs(inner: string): number {
  if (inner.trim() === '') return 0;
  let depth = 0;
  let n = 1;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '"' || c === "'") {
      for (i++; i < inner.length && inner[i] !== c; i++) if (inner[i] === '\\') i++;
      continue;
    }
    if (c === '(' || c === '[' || c === '{' || c === '<') depth++;
    else if (c === ')' || c === ']' || c === '}' || (c === '>' && inner[i - 1] !== '-')) depth--;
    else if (c === ',' && depth === 0) n++;
  }
  return n;
}

const PRIMITIVE_LIKE = new Set(['int', 'long', 'short', 'byte', 'char', 'boolean', 'double', 'float', 'String',
  'Integer', 'Long', 'Short', 'Byte', 'Character', 'Boolean', 'Double', 'Float']);
function isPrimitiveLike(t: string): boolean {
  return PRIMITIVE_LIKE.has(t);
}
