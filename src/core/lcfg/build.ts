// The log-oriented control-flow graph of one method body (see LcfgNode/LcfgEdge in ../model).
//
// Only what matters to log sequences becomes a node: log calls, calls the classifier keeps, decisions
// around them, and control transfers (return, throw, catch, finally). Everything else is folded into
// edges. The builder threads a "flow" — the set of dangling edges that reach the current point — through
// the statements; the next node created receives all of them. This needs no merge nodes: a join is simply
// several edges into one node.
//
// Contract for path enumeration:
//  - entry is node 0, exit 1, raise 2. Exceptional paths out of the method end at `raise`.
//  - Every call node has 'exception' edges: to each catch that can take what it throws, through the
//    finally blocks on the way, and (unless a catch-all stops it) on to `raise`. Follow them when the
//    callee's own path ended at its `raise` (or, for an opaque call, when you choose to assume it threw).
//  - A throw node has only 'exception' edges (cond = thrown type when known).
//  - Loops: the loop 'branch' has a 'true' edge into the body and a 'loop-exit' edge (polarity false) out;
//    edges coming back from the body end / `continue` are 'loop-back' and keep the cond/polarity of the
//    decision they leave (if any). A do-while has a 'merge' head; its branch's 'loop-back' edge has polarity true.
//  - Every edge carries `assigns`: the variables (`x`, `this.f` written `f`, `a.b`) written by the statements
//    it passes over, so the verifier knows which facts an edge kills. (A degraded graph carries none.)
//  - finally blocks are copied on each kind of exit (normal, return, each break/continue target, each
//    exception type), so a path never leaves a finally towards the wrong continuation; each copy starts
//    with a 'finally' node. Copies with the same continuation are shared.
import type { CallSite, Lcfg, LcfgEdge, LcfgEdgeKind, LcfgNode, LcfgNodeKind } from '../model';
import type { SyntaxNode } from '../java/parser';
import type { StatementClassifier } from './classifier';
import { fileSuperclasses, matchCatch, simpleTypeName, type SuperclassLookup } from './exceptions';
import { unparen } from '../java/syntax';

export interface LcfgOptions {
  file: string;
  /** Superclass (simple name) of an exception type declared elsewhere in the workspace, if known. */
  superclassOf?: SuperclassLookup;
  /** Node budget per method; past it the method gets a degraded straight-line graph. Default 20,000. */
  maxNodes?: number;
  /** Nesting bound of the recursive walk; past it the graph degrades. Default 600. */
  maxDepth?: number;
  /**
   * The declaring method/lambda of `body`, whose parameters type `throw e`. Default `body.parent`.
   */
  decl?: SyntaxNode | null;
}

export const ENTRY = 0;
export const EXIT = 1;
export const RAISE = 2;

/** A dangling edge: from a node, of a kind, waiting for the next node. */
interface Pending {
  from: number;
  kind: LcfgEdgeKind;
  cond: string | undefined;
  polarity: boolean | undefined;
  /** Variables written since `from` along this edge. */
  assigns: Written | undefined;
}

/** A Pending with every property set: one object shape, so the code reading flows stays optimized. */
function pend(from: number, kind: LcfgEdgeKind, cond?: string, polarity?: boolean, assigns?: Written): Pending {
  return { from, kind, cond, polarity, assigns };
}

/**
 * Writes along a pending edge, newest batch first: appending is O(1) (a long straight run of
 * assignments used to copy the whole list at each statement); edges flatten it once.
 */
interface Written {
  names: readonly string[];
  prev: Written | undefined;
}

/**
 * `assigns` of the many edges that write nothing: one shared, frozen array (an empty array per edge was
 * a good part of what a big index keeps alive for the garbage collector to copy).
 */
const NO_ASSIGNS = Object.freeze([]) as unknown as string[];

/** The edge's `assigns`: the names in order of writing, each once. */
function flattenWritten(w: Written): string[] {
  if (!w.prev) return w.names.length === 0 ? NO_ASSIGNS : w.names.length === 1 ? [w.names[0]!] : [...new Set(w.names)];
  const batches: (readonly string[])[] = [];
  for (let x: Written | undefined = w; x; x = x.prev) batches.push(x.names);
  const seen = new Set<string>();
  for (let i = batches.length - 1; i >= 0; i--) for (const n of batches[i]!) seen.add(n);
  return [...seen];
}
type Flow = Pending[];

interface Handler {
  types: string[];
  clause: SyntaxNode;
  name?: string;
  nodeId?: number;
}

type Frame =
  | { kind: 'loop'; labels: string[]; breaks: Flow; continues: Flow }
  | { kind: 'switch'; breaks: Flow }
  | { kind: 'label'; labels: string[]; breaks: Flow }
  | { kind: 'try'; handlers: Handler[] | null; fin: SyntaxNode | null; finLine: number; finMemo: Map<string, FinallyCopy> };

/** A finally copy for one continuation: its first node, or (empty block) the variables it writes. */
type FinallyCopy = { entry: number } | { passAssigns: string[] };

interface Savepoint {
  nodes: number;
  edges: number;
  /** Frames open at the savepoint; a jump to one of them leaves the construct. */
  frameCount: number;
  jumps: number;
  assigns: number;
}

class Degrade extends Error {}

const SKIPPED = new Set([
  'lambda_expression', 'class_body', 'class_declaration', 'interface_declaration', 'enum_declaration',
  'record_declaration', 'annotation_type_declaration', 'line_comment', 'block_comment',
]);

/** Expression nodes that cannot contain a call, an assignment or a decision: never walked into. */
const INERT = new Set([
  'identifier', 'type_identifier', 'field_identifier', 'this', 'super', 'true', 'false', 'null_literal',
  'decimal_integer_literal', 'hex_integer_literal', 'octal_integer_literal', 'binary_integer_literal',
  'decimal_floating_point_literal', 'hex_floating_point_literal', 'character_literal', 'string_literal',
  'text_block', 'class_literal', 'scoped_identifier', 'scoped_type_identifier', 'generic_type', 'array_type',
  'integral_type', 'floating_point_type', 'boolean_type', 'void_type', 'type_arguments', 'dimensions',
  'modifiers', 'marker_annotation', 'annotation', 'method_reference', 'line_comment', 'block_comment',
]);

/**
 * Text that may hold a call, an assignment or an increment: anything else is inert whatever its shape.
 * A call's `(` follows a name or `>` (`new ArrayList<>(`, `switch (`), possibly past spaces or comments;
 * a grouping or cast `(` and the `=` of `==`, `!=`, `<=`, `>=` are not activity, so conditions like
 * `(a + b) >= c` are not walked node by node. (`<<=` and `>>=` are assignments.) False positives only
 * cost time; this must never miss a real call or write.
 */
const ACTIVE_TEXT = /[\p{L}\p{N}_$>](?:\s|\/\*[\s\S]*?\*\/|\/\/[^\n]*\n)*\(|(?<![=!<>])=(?!=)|<<=|>>=|\+\+|--/u;

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();
const lineOf = (n: SyntaxNode): number => n.startRow + 1;
/** Named children, without comments and without nested declarations (lambdas, classes: separate methods). */
function named(n: SyntaxNode): SyntaxNode[] {
  const kids = n.namedChildren;
  // Most child lists need no filtering: return the (freshly made) list itself.
  if (kids.every((c) => c !== null && !SKIPPED.has(c.type))) return kids;
  return kids.filter((c): c is SyntaxNode => c !== null && !SKIPPED.has(c.type));
}

/** named(n)[0] without making the list. */
function firstNamed(n: SyntaxNode): SyntaxNode | null {
  let c = n.firstNamedChild;
  while (c && SKIPPED.has(c.type)) c = c.nextNamedSibling;
  return c;
}

/** The next sibling named() would list after `c`. */
function nextNamed(c: SyntaxNode): SyntaxNode | null {
  let x = c.nextNamedSibling;
  while (x && SKIPPED.has(x.type)) x = x.nextNamedSibling;
  return x;
}

/** How an assignment target is named in `assigns`: `x`, `this.f` -> `f`, `a.b`, `arr[i]` -> `arr`. */
function targetName(n: SyntaxNode): string {
  const t = unparen(n);
  if (t.type === 'field_access' && (t.childForFieldName('object')?.type ?? '') === 'this') return t.childForFieldName('field')?.text ?? oneLine(t.text);
  if (t.type === 'array_access') { const a = t.childForFieldName('array'); return a ? targetName(a) : oneLine(t.text); }
  return oneLine(t.text);
}


class Builder {
  readonly nodes: LcfgNode[] = [];
  readonly edges: LcfgEdge[] = [];
  private frames: Frame[] = [];
  private depth = 0;
  /**
   * Declared types of parameters, locals and catch parameters (method-wide; enough to type `throw e`): the
   * type node, read only if a `throw` of that variable asks (most locals are never thrown), or the type name.
   */
  private readonly vars = new Map<string, SyntaxNode | string>();
  /** Every variable write seen, in order; a rolled-back construct hands its writes to the flow it returns. */
  private readonly assignLog: string[] = [];
  /** The frame index each break/continue/yield went to, in order (to tell jumps out of a construct). */
  private readonly jumpLog: number[] = [];
  private readonly lookup: SuperclassLookup;
  private readonly maxNodes: number;
  private readonly maxDepth: number;

  constructor(private readonly classifier: StatementClassifier, body: SyntaxNode, opts: LcfgOptions) {
    let local: Map<string, string> | undefined; // read only when a throw or catch needs it
    this.lookup = (name) => (local ??= fileSuperclasses(body)).get(name) ?? opts.superclassOf?.(name);
    this.maxNodes = opts.maxNodes ?? 20000;
    this.maxDepth = opts.maxDepth ?? 600;
    const endLine = body.endRow + 1;
    this.addNode('entry', lineOf(body));
    this.addNode('exit', endLine);
    this.addNode('raise', endLine);
    this.params = () => (opts.decl !== undefined ? opts.decl : body.parent);
  }

  /** The declaring method/lambda, whose parameter types are read only if a `throw e` needs one. */
  private params: (() => SyntaxNode | null) | null;

  // ---- graph primitives -------------------------------------------------------------------

  // Node properties are passed one by one, not as an object: a small object per node in many shapes made
  // the reads here polymorphic and cost an allocation each.
  private addNode(kind: LcfgNodeKind, line: number, text?: string, logId?: string, call?: CallSite, catchTypes?: string[]): number {
    if (this.nodes.length >= this.maxNodes) throw new Degrade(`more than ${this.maxNodes} LCFG nodes`);
    const id = this.nodes.length;
    // Every property present (undefined ones vanish in JSON): one object shape for all nodes keeps the code
    // that reads graphs optimized.
    this.nodes.push({ id, kind, line, logId, call, text, catchTypes });
    return id;
  }

  private edge(p: Pending, to: number, kind: LcfgEdgeKind = p.kind, cond = p.cond): void {
    // one shape for every edge, as for nodes (undefined properties vanish in JSON)
    this.edges.push({ from: p.from, to, kind, cond, polarity: p.polarity, assigns: p.assigns ? flattenWritten(p.assigns) : NO_ASSIGNS });
  }

  private connect(flow: Flow, to: number, kind?: LcfgEdgeKind): void {
    for (const p of flow) this.edge(p, to, kind ?? p.kind);
  }

  /** A node that the current flow reaches. */
  private emit(flow: Flow, kind: LcfgNodeKind, line: number, text?: string, logId?: string, call?: CallSite): number {
    const id = this.addNode(kind, line, text, logId, call);
    this.connect(flow, id);
    return id;
  }

  /** The flow, having written `names`. */
  private assign(flow: Flow, names: string[]): Flow {
    if (names.length === 0) return flow;
    this.assignLog.push(...names);
    return flow.map((p) => pend(p.from, p.kind, p.cond, p.polarity, { names, prev: p.assigns }));
  }

  private savepoint(): Savepoint {
    return { nodes: this.nodes.length, edges: this.edges.length, frameCount: this.frames.length, jumps: this.jumpLog.length, assigns: this.assignLog.length };
  }

  /** True when a construct produced only its own `own` decision nodes and sent no jump outside itself. */
  private trivial(sp: Savepoint, own: number): boolean {
    if (this.nodes.length !== sp.nodes + own) return false;
    for (let i = sp.jumps; i < this.jumpLog.length; i++) if (this.jumpLog[i]! < sp.frameCount) return false;
    return true;
  }

  /** Undoes a construct that turned out to hold nothing; returns `flow` with the construct's writes. */
  private rollback(sp: Savepoint, flow: Flow): Flow {
    this.nodes.length = sp.nodes;
    this.edges.length = sp.edges;
    return this.assign(flow, this.assignLog.slice(sp.assigns));
  }

  /** Connects what reaches the end of the body to exit. */
  finish(flow: Flow): void {
    this.connect(flow, EXIT);
  }

  private enter(): void {
    if (++this.depth > this.maxDepth) throw new Degrade(`nesting deeper than ${this.maxDepth}`);
  }

  // ---- declarations ------------------------------------------------------------------------

  private recordParams(decl: SyntaxNode | null): void {
    const params = decl?.childForFieldName('parameters');
    if (!params) return;
    for (const p of named(params)) this.recordVar(p.childForFieldName('type'), p.childForFieldName('name') ?? p.namedChildren.at(-1) ?? null);
  }

  private recordVar(type: SyntaxNode | null, name: SyntaxNode | null): void {
    if (type && name && name.type === 'identifier') this.vars.set(name.text, type);
  }

  // ---- statements --------------------------------------------------------------------------

  stmts(list: SyntaxNode[], flow: Flow): Flow {
    let f = flow;
    for (const s of list) f = this.stmt(s, f);
    return f;
  }

  stmt(n: SyntaxNode, flow: Flow): Flow {
    this.enter();
    const out = this.stmtInner(n, flow);
    this.depth--;
    return out;
  }

  private stmtInner(n: SyntaxNode, flow: Flow): Flow {
    switch (n.type) {
      case 'block':
      case 'constructor_body': {
        let f = flow;
        for (let c = firstNamed(n); c; c = nextNamed(c)) f = this.stmt(c, f);
        return f;
      }
      case 'expression_statement': {
        if (!ACTIVE_TEXT.test(n.text)) return flow;
        const e = firstNamed(n);
        return e ? this.expr(e, flow) : flow;
      }
      case 'local_variable_declaration': {
        if (!n.text.includes('=')) return flow; // no initializer: nothing runs, nothing is written
        const type = n.childForFieldName('type');
        let f = flow;
        for (const d of n.childrenForFieldName('declarator')) {
          this.recordVar(type, d.childForFieldName('name'));
          const v = d.childForFieldName('value');
          const name = d.childForFieldName('name')?.text;
          if (v) f = this.expr(v, f);
          if (v && name) f = this.assign(f, [name]);
        }
        return f;
      }
      case 'if_statement': return this.ifChain(n, flow);
      case 'while_statement': return this.whileLoop(n, flow, []);
      case 'for_statement': return this.forLoop(n, flow, []);
      case 'enhanced_for_statement': return this.forEachLoop(n, flow, []);
      case 'do_statement': return this.doLoop(n, flow, []);
      case 'labeled_statement': return this.labeled(n, flow);
      case 'break_statement': return this.breakOrContinue(n, flow, 'break');
      case 'continue_statement': return this.breakOrContinue(n, flow, 'continue');
      case 'yield_statement': return this.yieldStmt(n, flow);
      case 'return_statement': return this.returnStmt(n, flow);
      case 'throw_statement': return this.throwStmt(n, flow);
      case 'try_statement':
      case 'try_with_resources_statement':
        return this.tryStmt(n, flow);
      case 'switch_expression': return this.switchBlock(n, flow);
      case 'synchronized_statement': {
        // The lock expression, then the body; the monitor release on exit has no log behaviour.
        let f = flow;
        const lock = named(n).find((c) => c.type === 'parenthesized_expression');
        if (lock) f = this.expr(lock, f);
        const body = n.childForFieldName('body');
        return body ? this.stmt(body, f) : f;
      }
      case 'assert_statement': return this.assertStmt(n, flow);
      default:
        if (SKIPPED.has(n.type)) return flow;
        return this.expr(n, flow);
    }
  }

  private ifChain(first: SyntaxNode, flow: Flow): Flow {
    // else-if chains are walked iteratively: long chains must not cost recursion depth.
    const sp = this.savepoint();
    const outs: Flow = [];
    let branches = 0;
    let condNodes = false; // a condition that itself calls something is never dropped
    let f = flow;
    let cur: SyntaxNode | null = first;
    while (cur) {
      const condNode = unparen(cur.childForFieldName('condition') ?? cur);
      const cond = oneLine(condNode.text);
      const before = this.nodes.length;
      f = this.expr(condNode, f);
      if (this.nodes.length !== before) condNodes = true;
      const b = this.emit(f, 'branch', lineOf(cur), cond);
      branches++;
      const then = cur.childForFieldName('consequence');
      const tEdge: Pending = pend(b, 'true', cond, true);
      const fEdge: Pending = pend(b, 'false', cond, false);
      outs.push(...(then ? this.stmt(then, [tEdge]) : [tEdge]));
      const alt: SyntaxNode | null = cur.childForFieldName('alternative');
      if (!alt) { outs.push(fEdge); break; }
      if (alt.type === 'if_statement') { cur = alt; f = [fEdge]; continue; }
      outs.push(...this.stmt(alt, [fEdge]));
      break;
    }
    if (!condNodes && this.trivial(sp, branches)) return this.rollback(sp, flow);
    return outs;
  }

  private loopFrame(labels: string[]): Extract<Frame, { kind: 'loop' }> {
    return { kind: 'loop', labels, breaks: [], continues: [] };
  }

  /**
   * The common loop shape: `head` is where loop-back edges go (the first node of the condition's
   * evaluation), `b` the decision. Returns the flow after the loop, or the incoming flow if the loop
   * holds nothing of interest.
   */
  private loop(
    flow: Flow, labels: string[], line: number, cond: string, infinite: boolean,
    evalCond: (f: Flow) => Flow, body: SyntaxNode | null, update: (f: Flow) => Flow, bodyAssigns: string[] = [],
  ): Flow {
    const sp = this.savepoint();
    const head = this.nodes.length;
    const f = evalCond(flow);
    const condNodes = this.nodes.length - head;
    const b = this.emit(f, 'branch', line, cond);
    const frame = this.loopFrame(labels);
    this.frames = [...this.frames, frame];
    const bodyIn: Flow = [pend(b, 'true', cond, true, { names: bodyAssigns, prev: undefined })];
    const bodyOut = body ? this.stmt(body, bodyIn) : bodyIn;
    this.frames = this.frames.slice(0, -1);
    const back = update([...bodyOut, ...frame.continues]);
    this.connect(back, head, 'loop-back');
    const out: Flow = infinite ? [] : [pend(b, 'loop-exit', cond, false)];
    out.push(...frame.breaks);
    if (condNodes === 0 && this.trivial(sp, 1)) {
      const f2 = this.rollback(sp, flow);
      return infinite ? [] : f2;
    }
    return out;
  }

  private whileLoop(n: SyntaxNode, flow: Flow, labels: string[]): Flow {
    const c = unparen(n.childForFieldName('condition') ?? n);
    const text = oneLine(c.text);
    return this.loop(flow, labels, lineOf(n), text, text === 'true', (f) => this.expr(c, f), n.childForFieldName('body'), (f) => f);
  }

  private forLoop(n: SyntaxNode, flow: Flow, labels: string[]): Flow {
    let f = flow;
    for (const init of n.childrenForFieldName('init')) f = this.stmt(init, f);
    const c = n.childForFieldName('condition');
    const text = c ? oneLine(c.text) : 'true';
    const updates = n.childrenForFieldName('update');
    return this.loop(f, labels, lineOf(n), text, text === 'true', (g) => (c ? this.expr(c, g) : g), n.childForFieldName('body'),
      (g) => updates.reduce((acc, u) => this.expr(u, acc), g));
  }

  private forEachLoop(n: SyntaxNode, flow: Flow, labels: string[]): Flow {
    const value = n.childForFieldName('value');
    const name = n.childForFieldName('name');
    const f = value ? this.expr(value, flow) : flow;
    this.recordVar(n.childForFieldName('type'), name);
    const text = oneLine(`${name?.text ?? '_'} : ${value?.text ?? ''}`);
    return this.loop(f, labels, lineOf(n), text, false, (g) => g, n.childForFieldName('body'), (g) => g, name ? [name.text] : []);
  }

  private doLoop(n: SyntaxNode, flow: Flow, labels: string[]): Flow {
    const sp = this.savepoint();
    const head = this.emit(flow, 'merge', lineOf(n), 'do');
    const frame = this.loopFrame(labels);
    this.frames = [...this.frames, frame];
    const body = n.childForFieldName('body');
    const bodyOut = body ? this.stmt(body, [pend(head, 'normal')]) : [pend(head, 'normal')];
    this.frames = this.frames.slice(0, -1);
    const c = unparen(n.childForFieldName('condition') ?? n);
    const cond = oneLine(c.text);
    const f = this.expr(c, [...bodyOut, ...frame.continues]);
    const b = this.emit(f, 'branch', lineOf(c), cond);
    this.edge(pend(b, 'loop-back', cond, true), head);
    const out: Flow = cond === 'true' ? [] : [pend(b, 'loop-exit', cond, false)];
    out.push(...frame.breaks);
    if (this.trivial(sp, 2)) {
      const f2 = this.rollback(sp, flow);
      return cond === 'true' ? [] : f2;
    }
    return out;
  }

  private labeled(n: SyntaxNode, flow: Flow): Flow {
    const labels: string[] = [];
    let cur: SyntaxNode | undefined = n;
    while (cur && cur.type === 'labeled_statement') {
      const kids = named(cur);
      const id = kids.find((k) => k.type === 'identifier');
      if (id) labels.push(id.text);
      cur = kids.find((k) => k.type !== 'identifier');
    }
    if (!cur) return flow;
    switch (cur.type) {
      case 'while_statement': return this.whileLoop(cur, flow, labels);
      case 'for_statement': return this.forLoop(cur, flow, labels);
      case 'enhanced_for_statement': return this.forEachLoop(cur, flow, labels);
      case 'do_statement': return this.doLoop(cur, flow, labels);
      default: {
        const frame: Frame = { kind: 'label', labels, breaks: [] };
        this.frames = [...this.frames, frame];
        const out = this.stmt(cur, flow);
        this.frames = this.frames.slice(0, -1);
        return [...out, ...frame.breaks];
      }
    }
  }

  private breakOrContinue(n: SyntaxNode, flow: Flow, what: 'break' | 'continue'): Flow {
    const label = named(n).find((c) => c.type === 'identifier')?.text;
    let target = -1;
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const f = this.frames[i]!;
      if (label !== undefined) {
        if ((f.kind === 'loop' || f.kind === 'label') && f.labels.includes(label)) { target = i; break; }
      } else if (f.kind === 'loop' || (what === 'break' && f.kind === 'switch')) { target = i; break; }
    }
    if (target < 0) return []; // not valid Java; nothing sensible to connect
    const frame = this.frames[target]!;
    this.jumpLog.push(target);
    this.routeJump(flow, target, `${what}:${target}`, (f) => {
      if (what === 'continue' && frame.kind === 'loop') frame.continues.push(...f);
      else if (frame.kind !== 'try') frame.breaks.push(...f);
    });
    return [];
  }

  private yieldStmt(n: SyntaxNode, flow: Flow): Flow {
    const value = firstNamed(n);
    const f = value ? this.expr(value, flow) : flow;
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const frame = this.frames[i]!;
      if (frame.kind === 'switch') {
        this.jumpLog.push(i);
        this.routeJump(f, i, `yield:${i}`, (g) => frame.breaks.push(...g));
        return [];
      }
    }
    return f;
  }

  private returnStmt(n: SyntaxNode, flow: Flow): Flow {
    const value = firstNamed(n);
    const f = value ? this.expr(value, flow) : flow;
    const r = this.emit(f, 'return', lineOf(n), value ? oneLine(value.text) : undefined);
    this.routeJump([pend(r, 'normal')], -1, 'return', (g) => this.connect(g, EXIT));
    return [];
  }

  private throwStmt(n: SyntaxNode, flow: Flow): Flow {
    const value = firstNamed(n);
    const f = value ? this.expr(value, flow) : flow;
    const t = this.emit(f, 'throw', lineOf(n), value ? oneLine(value.text) : '');
    this.routeException(t, value ? this.thrownType(value) : undefined);
    return [];
  }

  private thrownType(e: SyntaxNode): string | undefined {
    const x = unparen(e);
    if (x.type === 'object_creation_expression') {
      const t = x.childForFieldName('type');
      return t ? simpleTypeName(t.text) : undefined;
    }
    if (x.type === 'identifier') {
      if (this.params) { this.recordParams(this.params()); this.params = null; }
      const v = this.vars.get(x.text);
      const t = typeof v === 'string' || v === undefined ? v : simpleTypeName(v.text);
      return t && !t.includes('|') ? t : undefined;
    }
    if (x.type === 'cast_expression') {
      const t = x.childForFieldName('type');
      return t ? simpleTypeName(t.text) : undefined;
    }
    return undefined;
  }

  private assertStmt(n: SyntaxNode, flow: Flow): Flow {
    // `assert c : msg` — when c is false: evaluate msg, throw AssertionError.
    const [c, msg] = named(n);
    if (!c) return flow;
    const cond = oneLine(c.text);
    const f = this.expr(c, flow);
    const b = this.emit(f, 'branch', lineOf(n), cond);
    let fail: Flow = [pend(b, 'false', cond, false)];
    if (msg) fail = this.expr(msg, fail);
    const t = this.emit(fail, 'throw', lineOf(n), 'AssertionError');
    this.routeException(t, 'AssertionError');
    return [pend(b, 'true', cond, true)];
  }

  private tryStmt(n: SyntaxNode, flow: Flow): Flow {
    const kids = named(n);
    const handlers: Handler[] = kids.filter((k) => k.type === 'catch_clause').map((clause) => {
      const param = named(clause).find((k) => k.type === 'catch_formal_parameter');
      const typeNode = param && named(param).find((k) => k.type === 'catch_type');
      const types = typeNode ? named(typeNode).map((t) => simpleTypeName(t.text)) : ['Throwable'];
      return { types, clause, name: param?.childForFieldName('name')?.text };
    });
    const finClause = kids.find((k) => k.type === 'finally_clause');
    const fin = finClause ? (named(finClause).find((k) => k.type === 'block') ?? null) : null;
    const finLine = finClause ? lineOf(finClause) : 0;
    const finMemo = new Map<string, FinallyCopy>();
    const outer = this.frames;

    // The try block (and its resources) with the handlers in scope.
    this.frames = [...outer, { kind: 'try', handlers: handlers.length ? handlers : null, fin, finLine, finMemo }];
    let f = flow;
    const resources = n.childForFieldName('resources');
    if (resources) {
      for (const r of named(resources)) {
        this.recordVar(r.childForFieldName('type'), r.childForFieldName('name'));
        const v = r.childForFieldName('value');
        const name = r.childForFieldName('name')?.text;
        f = v ? this.expr(v, f) : f;
        if (v && name) f = this.assign(f, [name]);
      }
    }
    const body = n.childForFieldName('body');
    const outs: Flow = body ? this.stmt(body, f) : f;

    // Catch bodies: only the catches something can reach; their exceptions still pass the finally.
    this.frames = [...outer, { kind: 'try', handlers: null, fin, finLine, finMemo }];
    for (const h of handlers) {
      if (h.nodeId === undefined) continue;
      if (h.name) this.vars.set(h.name, h.types.length === 1 ? h.types[0]! : h.types.join('|'));
      const hb = h.clause.childForFieldName('body');
      const start: Flow = [pend(h.nodeId, 'normal', undefined, undefined, h.name ? { names: [h.name], prev: undefined } : undefined)];
      outs.push(...(hb ? this.stmt(hb, start) : start));
    }
    this.frames = outer;

    if (!fin || outs.length === 0) return outs;
    const sp = this.savepoint();
    const fnode = this.emit(outs, 'finally', finLine);
    const after = this.stmt(fin, [pend(fnode, 'normal')]);
    if (this.trivial(sp, 1)) return this.rollback(sp, outs);
    return after;
  }

  private catchNode(h: Handler): number {
    h.nodeId ??= this.addNode('catch', lineOf(h.clause), h.types.join(' | '), undefined, undefined, [...h.types]);
    return h.nodeId;
  }

  /**
   * A copy of frame i's finally block reached by `flow`, built in the context outside that try.
   * Returns its out-flow, or undefined when the block holds nothing (then `flow` passes through).
   */
  private finallyCopy(i: number, flow: Flow): { copy: FinallyCopy; out: Flow } {
    const frame = this.frames[i];
    if (!frame || frame.kind !== 'try' || !frame.fin) return { copy: { passAssigns: [] }, out: flow };
    const saved = this.frames;
    this.frames = saved.slice(0, i);
    const sp = this.savepoint();
    const entry = this.emit(flow, 'finally', frame.finLine);
    const out = this.stmt(frame.fin, [pend(entry, 'normal')]);
    const empty = this.trivial(sp, 1);
    this.frames = saved;
    if (!empty) return { copy: { entry }, out };
    const passAssigns = this.assignLog.slice(sp.assigns);
    return { copy: { passAssigns }, out: this.rollback(sp, flow) };
  }

  /** Sends `flow` through frame i's finally for continuation `key`: the out-flow, or undefined if delivered to a shared copy. */
  private throughFinally(i: number, key: string, flow: Flow): Flow | undefined {
    const frame = this.frames[i];
    if (!frame || frame.kind !== 'try' || !frame.fin) return flow;
    const memo = frame.finMemo.get(key);
    if (memo && 'entry' in memo) { this.connect(flow, memo.entry); return undefined; }
    if (memo) return this.assign(flow, memo.passAssigns);
    const { copy, out } = this.finallyCopy(i, flow);
    frame.finMemo.set(key, copy);
    return out;
  }

  /**
   * Pass `flow` outwards through frames above `target`, running each finally on the way (shared copies
   * per destination `key`), then hand it to `deliver`.
   */
  private routeJump(flow: Flow, target: number, key: string, deliver: (f: Flow) => void): void {
    let f = flow;
    for (let i = this.frames.length - 1; i > target; i--) {
      const next = this.throughFinally(i, key, f);
      if (!next) return;
      f = next;
    }
    deliver(f);
  }

  /** Exception edges from `thrower` to every catch that can take `type`, through finally blocks, else to raise. */
  private routeException(thrower: number, type: string | undefined): void {
    let flow: Flow = [pend(thrower, 'exception', type)];
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const frame = this.frames[i]!;
      if (frame.kind !== 'try') continue;
      for (const h of frame.handlers ?? []) {
        const m = matchCatch(type, h.types, this.lookup);
        if (m === 'no') continue;
        const c = this.catchNode(h);
        for (const p of flow) this.edge(p, c, p.kind, p.kind === 'exception' ? (type ?? h.types.join(' | ')) : p.cond);
        if (m === 'definite') return;
      }
      if (!frame.fin) continue;
      // After this finally the exception goes on outwards; its type matters only if a catch is still ahead.
      const key = this.frames.slice(0, i).some((f) => f.kind === 'try' && f.handlers) ? `throw:${type ?? '*'}` : 'throw';
      const next = this.throughFinally(i, key, flow);
      if (!next) return;
      flow = next;
    }
    this.connect(flow, RAISE);
  }

  private switchBlock(n: SyntaxNode, flow: Flow): Flow {
    const selNode = unparen(n.childForFieldName('condition') ?? n);
    const sel = oneLine(selNode.text);
    const f = this.expr(selNode, flow);
    const sp = this.savepoint();
    const b = this.emit(f, 'branch', lineOf(n), sel);
    const frame: Frame = { kind: 'switch', breaks: [] };
    this.frames = [...this.frames, frame];
    let hasDefault = false;
    let carry: Flow = []; // fall-through from the previous statement group
    const block = n.childForFieldName('body');
    for (const item of block ? named(block) : []) {
      if (item.type !== 'switch_block_statement_group' && item.type !== 'switch_rule') continue;
      const kids = named(item);
      const entry: Flow = [];
      for (const label of kids.filter((k) => k.type === 'switch_label')) {
        const values = named(label).filter((v) => v.type !== 'guard');
        const guard = named(label).find((v) => v.type === 'guard');
        const suffix = guard ? ` ${oneLine(guard.text)}` : '';
        for (const v of values) entry.push(pend(b, 'case', `case ${oneLine(v.text)}${suffix}`, true));
        if (/^default\b/.test(label.text) || /\bdefault\s*$/.test(label.text)) {
          hasDefault = true;
          entry.push(pend(b, 'case', 'default', true));
        }
      }
      const body = kids.filter((k) => k.type !== 'switch_label');
      if (item.type === 'switch_rule') {
        // Arrow rules never fall through.
        frame.breaks.push(...this.stmts(body, entry));
      } else {
        carry = this.stmts(body, [...carry, ...entry]);
      }
    }
    this.frames = this.frames.slice(0, -1);
    const out: Flow = [...carry, ...frame.breaks];
    if (!hasDefault) out.push(pend(b, 'case', 'default', true));
    if (this.trivial(sp, 1)) return this.rollback(sp, f);
    return out;
  }

  // ---- expressions -------------------------------------------------------------------------

  expr(n: SyntaxNode, flow: Flow): Flow {
    if (INERT.has(n.type) || !ACTIVE_TEXT.test(n.text)) return flow;
    this.enter();
    const out = this.exprInner(n, flow);
    this.depth--;
    return out;
  }

  private exprInner(n: SyntaxNode, flow: Flow): Flow {
    switch (n.type) {
      case 'method_invocation': {
        // a.b().c().d(): walk the receiver spine iteratively, then evaluate inside-out.
        // Children are [object, (type_arguments), name, arguments] or [name, arguments]: read once, by position.
        // (two parallel lists and a child walk: no list of children and no pair object per call)
        const invs: SyntaxNode[] = [];
        const argLists: (SyntaxNode | undefined)[] = [];
        let cur: SyntaxNode | null | undefined = n;
        while (cur && cur.type === 'method_invocation') {
          let count = 0;
          let first: SyntaxNode | null = null;
          let last: SyntaxNode | null = null;
          for (let c = firstNamed(cur); c; c = nextNamed(c)) { if (count++ === 0) first = c; last = c; }
          const args = last && last.type === 'argument_list' ? last : undefined;
          invs.push(cur);
          argLists.push(args);
          cur = count >= (args ? 3 : 2) ? first : undefined;
        }
        let f = cur ? this.expr(cur, flow) : flow;
        for (let i = invs.length - 1; i >= 0; i--) {
          const args = argLists[i];
          if (args) f = this.args(args, f);
          f = this.invocation(invs[i]!, f);
        }
        return f;
      }
      case 'object_creation_expression': {
        let f = flow;
        // `outer.new Inner()` evaluates `outer` first: a named child ending before the type.
        const type = n.childForFieldName('type');
        const first = firstNamed(n);
        if (first && type && first.endIndex <= type.startIndex && first.type !== 'type_arguments' && !first.type.includes('annotation')) f = this.expr(first, f);
        const args = n.childForFieldName('arguments');
        if (args) f = this.args(args, f);
        return this.invocation(n, f); // an anonymous class body (class_body) is its own class: not walked
      }
      case 'explicit_constructor_invocation': {
        const args = n.childForFieldName('arguments');
        const f = args ? this.args(args, flow) : flow;
        return this.invocation(n, f);
      }
      case 'ternary_expression': {
        const c = n.childForFieldName('condition');
        const cons = n.childForFieldName('consequence');
        const alt = n.childForFieldName('alternative');
        if (!c) return flow;
        const cu = unparen(c);
        const cond = oneLine(cu.text);
        const f = this.expr(cu, flow);
        const sp = this.savepoint();
        const b = this.emit(f, 'branch', lineOf(n), cond);
        const tIn: Flow = [pend(b, 'true', cond, true)];
        const fIn: Flow = [pend(b, 'false', cond, false)];
        const out = [...(cons ? this.expr(cons, tIn) : tIn), ...(alt ? this.expr(alt, fIn) : fIn)];
        if (this.trivial(sp, 1)) return this.rollback(sp, f);
        return out;
      }
      case 'binary_expression': {
        const op = n.childForFieldName('operator')?.type;
        if (op === '&&' || op === '||') return this.shortCircuit(n, op, flow);
        // a + b + c + ...: walk the left spine iteratively (long concatenations are common).
        const rights: SyntaxNode[] = [];
        let cur: SyntaxNode = n;
        while (cur.type === 'binary_expression') {
          const o = cur.childForFieldName('operator')?.type;
          if (o === '&&' || o === '||') break;
          const r = cur.childForFieldName('right');
          const l = cur.childForFieldName('left');
          if (r) rights.push(r);
          if (!l) break;
          cur = l;
        }
        let f = cur === n ? flow : this.expr(cur, flow);
        for (let i = rights.length - 1; i >= 0; i--) f = this.expr(rights[i]!, f);
        return f;
      }
      case 'switch_expression': return this.switchBlock(n, flow);
      case 'assignment_expression': {
        const l = n.childForFieldName('left');
        const r = n.childForFieldName('right');
        let f = flow;
        if (l && unparen(l).type !== 'identifier') f = this.expr(l, f); // `a[i()] = ...`, `get().f = ...`
        if (r) f = this.expr(r, f);
        return l ? this.assign(f, [targetName(l)]) : f;
      }
      case 'update_expression': {
        const operand = firstNamed(n);
        if (!operand) return flow;
        const f = unparen(operand).type === 'identifier' ? flow : this.expr(operand, flow);
        return this.assign(f, [targetName(operand)]);
      }
      case 'lambda_expression':
      case 'class_body':
        return flow; // separate methods
      default: {
        // child by child, no list: most expressions met here are leaves (names, literals)
        let f = flow;
        for (let c = firstNamed(n); c; c = nextNamed(c)) f = this.expr(c, f);
        return f;
      }
    }
  }

  private args(list: SyntaxNode, flow: Flow): Flow {
    let f = flow;
    for (let a = firstNamed(list); a; a = nextNamed(a)) f = this.expr(a, f);
    return f;
  }

  /** `a && b` evaluates b only when a holds; `a || b` only when it does not. */
  private shortCircuit(n: SyntaxNode, op: '&&' | '||', flow: Flow): Flow {
    const l = n.childForFieldName('left');
    const r = n.childForFieldName('right');
    if (!l || !r) return flow;
    const lu = unparen(l);
    const cond = oneLine(lu.text);
    const f = this.expr(lu, flow);
    const sp = this.savepoint();
    const b = this.emit(f, 'branch', lineOf(n), cond);
    const tEdge: Pending = pend(b, 'true', cond, true);
    const fEdge: Pending = pend(b, 'false', cond, false);
    const out = op === '&&' ? [...this.expr(r, [tEdge]), fEdge] : [tEdge, ...this.expr(r, [fEdge])];
    if (this.trivial(sp, 1)) return this.rollback(sp, f);
    return out;
  }

  private invocation(n: SyntaxNode, flow: Flow): Flow {
    const c = this.classifier.classify(n);
    if (!c) return flow;
    if (c.kind === 'log') return [pend(this.emit(flow, 'log', lineOf(n), undefined, c.logId), 'normal')];
    const id = this.emit(flow, 'call', lineOf(n), c.call.name, undefined, c.call);
    this.routeException(id, undefined);
    return [pend(id, 'normal')];
  }
}

// ---- post-processing --------------------------------------------------------------------------

/**
 * Reusable int arrays for the passes below, grown as needed (fresh typed arrays per method, each with its
 * own off-heap buffer, and maps of sets per node were a measurable share of indexing). Callers fill what
 * they read; slot k is owned by one pass at a time.
 */
const scratch: Int32Array[] = [];
function scratchInts(k: number, n: number): Int32Array {
  const a = scratch[k];
  if (a && a.length >= n) return a;
  return (scratch[k] = new Int32Array(Math.max(n, 256, (a?.length ?? 0) * 2)));
}

/**
 * Edge indexes grouped by `from` node, in edge order: node n's out-edges are idx[start[n]] .. idx[start[n+1]-1].
 * In scratch slots 0-2 (node ids are dense indexes into the node list).
 */
function outEdges(nN: number, edges: readonly LcfgEdge[]): { start: Int32Array; idx: Int32Array } {
  const start = scratchInts(0, nN + 1).fill(0, 0, nN + 1);
  for (const e of edges) start[e.from + 1]!++;
  for (let i = 0; i < nN; i++) start[i + 1]! += start[i]!;
  const idx = scratchInts(1, edges.length);
  const fill = scratchInts(2, nN);
  for (let i = 0; i < nN; i++) fill[i] = start[i]!;
  for (let i = 0; i < edges.length; i++) idx[fill[edges[i]!.from]!++] = i;
  return { start, idx };
}

/**
 * Drops decisions whose every outcome leads to the same node (nothing to choose), until none is left.
 * Edges into a dropped decision go straight to that node, carrying what the dropped edges assigned.
 */
function collapseUselessBranches(nodes: LcfgNode[], edges: LcfgEdge[]): LcfgEdge[] {
  const nN = nodes.length, nE = edges.length;
  // Most graphs have no such decision: find that out with two flat arrays before anything else.
  const target = scratchInts(0, nN).fill(-1, 0, nN);
  const keep = scratchInts(1, nN).fill(0, 0, nN);
  for (const e of edges) {
    const f = e.from;
    if (nodes[f]?.kind !== 'branch') continue;
    if (e.to === f || e.kind === 'loop-back' || e.kind === 'exception' || (target[f]! >= 0 && target[f] !== e.to)) keep[f] = 1;
    else target[f] = e.to;
  }
  if (!nodes.some((n) => n.kind === 'branch' && target[n.id]! >= 0 && !keep[n.id])) return edges;

  // Out-edges per node (they never change but for whole nodes dropped): edge indexes grouped by `from`,
  // in edge order. In-edges per node: linked lists in edge order, appended to as edges are redirected.
  const { start: outStart, idx: outIdx } = outEdges(nN, edges);
  const inHead = scratchInts(3, nN).fill(-1, 0, nN);
  const inTail = scratchInts(4, nN).fill(-1, 0, nN);
  const inNext = scratchInts(5, nE);
  const dead = scratchInts(6, nE).fill(0, 0, nE);
  const dropped = scratchInts(7, nN).fill(0, 0, nN);
  const appendIn = (node: number, ei: number): void => {
    inNext[ei] = -1;
    if (inTail[node]! < 0) inHead[node] = ei; else inNext[inTail[node]!] = ei;
    inTail[node] = ei;
  };
  for (let i = 0; i < nE; i++) appendIn(edges[i]!.to, i);
  const work = nodes.filter((n) => n.kind === 'branch').map((n) => n.id);
  const moving: number[] = [];
  while (work.length) {
    const id = work.pop()!;
    if (nodes[id]?.kind !== 'branch' || dropped[id]) continue;
    const o0 = outStart[id]!, o1 = outStart[id + 1]!;
    if (o0 === o1) continue;
    const to = edges[outIdx[o0]!]!.to;
    if (to === id) continue;
    let same = true;
    for (let k = o0; k < o1; k++) {
      const e = edges[outIdx[k]!]!;
      if (e.to !== to || e.kind === 'loop-back' || e.kind === 'exception') { same = false; break; }
    }
    if (!same) continue;
    // the decision's edges die (and so leave `to`'s in-list); the node is dropped
    const passed: string[] = [];
    for (let k = o0; k < o1; k++) {
      dead[outIdx[k]!] = 1;
      const a = edges[outIdx[k]!]!.assigns;
      if (a) for (const x of a) passed.push(x);
    }
    dropped[id] = 1;
    moving.length = 0;
    for (let ei = inHead[id]!; ei >= 0; ei = inNext[ei]!) if (!dead[ei]) moving.push(ei);
    inHead[id] = inTail[id] = -1;
    for (const ei of moving) {
      const e = edges[ei]!;
      e.to = to;
      if (passed.length) e.assigns = [...new Set([...(e.assigns ?? []), ...passed])];
      appendIn(to, ei);
      work.push(e.from);
    }
  }
  const out: LcfgEdge[] = [];
  for (let i = 0; i < nE; i++) if (!dead[i]) out.push(edges[i]!);
  return out;
}

/**
 * Keeps nodes reachable from entry (plus exit and raise), renumbered densely in creation order.
 * Renumbers the given (freshly built, unshared) node and edge objects in place.
 */
function prune(methodId: string, nodes: LcfgNode[], edges: LcfgEdge[], degraded?: string): Lcfg {
  const nN = nodes.length, nE = edges.length;
  const { start, idx } = outEdges(nN, edges);
  const seen = scratchInts(3, nN).fill(0, 0, nN);
  seen[ENTRY] = seen[EXIT] = seen[RAISE] = 1;
  const stack = scratchInts(4, nN);
  let sp = 0;
  stack[sp++] = ENTRY;
  while (sp > 0) {
    const n = stack[--sp]!;
    for (let k = start[n]!; k < start[n + 1]!; k++) {
      const t = edges[idx[k]!]!.to;
      if (!seen[t]) { seen[t] = 1; stack[sp++] = t; }
    }
  }
  const remap = scratchInts(5, nN);
  const kept: LcfgNode[] = [];
  for (const n of nodes) if (seen[n.id]) { remap[n.id] = kept.length; n.id = kept.length; kept.push(n); }
  const keptEdges: LcfgEdge[] = [];
  for (let i = 0; i < nE; i++) {
    const e = edges[i]!;
    if (!seen[e.from] || !seen[e.to]) continue;
    e.from = remap[e.from]!;
    e.to = remap[e.to]!;
    keptEdges.push(e);
  }
  const g: Lcfg = { methodId, nodes: kept, edges: keptEdges, entry: ENTRY, exit: EXIT, raise: RAISE };
  if (degraded) g.degraded = degraded;
  return g;
}

/** Straight-line graph of the classified invocations in evaluation order; walked without recursion. */
function degradedLcfg(methodId: string, body: SyntaxNode, classifier: StatementClassifier, reason: string): Lcfg {
  const end = body.endRow + 1;
  const nodes: LcfgNode[] = [
    { id: ENTRY, kind: 'entry', line: lineOf(body) }, { id: EXIT, kind: 'exit', line: end }, { id: RAISE, kind: 'raise', line: end },
  ];
  const edges: LcfgEdge[] = [];
  let prev = ENTRY;
  // Post-order with an explicit stack: children (arguments, receivers) before the invocation itself.
  const stack: { n: SyntaxNode; done: boolean }[] = [{ n: body, done: false }];
  while (stack.length) {
    const top = stack.pop()!;
    if (SKIPPED.has(top.n.type)) continue;
    if (!top.done) {
      stack.push({ n: top.n, done: true });
      const kids = top.n.namedChildren;
      for (let i = kids.length - 1; i >= 0; i--) { const k = kids[i]; if (k) stack.push({ n: k, done: false }); }
      continue;
    }
    const t = top.n.type;
    if (t !== 'method_invocation' && t !== 'object_creation_expression' && t !== 'explicit_constructor_invocation') continue;
    const c = classifier.classify(top.n);
    if (!c) continue;
    const id = nodes.length;
    nodes.push(c.kind === 'log'
      ? { id, kind: 'log', line: lineOf(top.n), logId: c.logId }
      : { id, kind: 'call', line: lineOf(top.n), call: c.call, text: c.call.name });
    edges.push({ from: prev, to: id, kind: 'normal' });
    prev = id;
  }
  edges.push({ from: prev, to: EXIT, kind: 'normal' });
  return { methodId, nodes, edges, entry: ENTRY, exit: EXIT, raise: RAISE, degraded: reason };
}

/**
 * The LCFG of one method body (a `block`, a `constructor_body`, or a lambda's expression/block body).
 * Never throws on odd input: past the nesting or size bounds it returns a straight-line graph of the
 * method's logs and calls, with `degraded` saying why.
 */
export function buildLcfg(methodId: string, body: SyntaxNode | null, classifier: StatementClassifier, opts: LcfgOptions): Lcfg {
  if (!body) {
    return prune(methodId, [
      { id: ENTRY, kind: 'entry', line: 0 }, { id: EXIT, kind: 'exit', line: 0 }, { id: RAISE, kind: 'raise', line: 0 },
    ], [{ from: ENTRY, to: EXIT, kind: 'normal', assigns: [] }]);
  }
  let b: Builder;
  try {
    b = new Builder(classifier, body, opts);
    const out = body.type === 'block' || body.type === 'constructor_body' ? b.stmt(body, [pend(ENTRY, 'normal')])
      : b.expr(body, [pend(ENTRY, 'normal')]); // expression-bodied lambda
    b.finish(out);
  } catch (err) {
    if (err instanceof Degrade) return degradedLcfg(methodId, body, classifier, err.message);
    if (err instanceof RangeError) return degradedLcfg(methodId, body, classifier, `stack exhausted (${err.message})`);
    throw err;
  }
  return prune(methodId, b.nodes, collapseUselessBranches(b.nodes, b.edges));
}
