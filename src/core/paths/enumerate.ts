// Inter-procedural path enumeration: a depth-first walk over the entry method's LCFG that inlines the LCFG
// of each called workspace method that can reach a log (up to a call depth, never re-entering a method
// already on the inlining stack), bounds loops per head and frame, and stops at a path budget.
//
// One shared step stack is truncated on backtrack and copied only when a path is emitted, so the cost is
// linear in the size of the emitted paths rather than quadratic in the branching.
import type { CallResolver, CallSite, IndexView, Lcfg, LcfgEdge, LcfgNode, Path, PathStep, SourceLoc } from '../model';
import { createRng, type Rng } from '../util/rng';
import type { DispatchingResolver } from '../callgraph/callgraph';
import { matchCatch, simpleTypeName, type SuperclassLookup } from '../lcfg/exceptions';

export interface EnumerateOptions {
  /** Call depth: callees are inlined while the caller's depth is below this (0 = the entry method only). */
  depth: number;
  /** Path budget: enumeration stops after this many paths (truncated = true). */
  maxPaths: number;
  /** Loop bodies are taken 0..loopBound times: 'loop-back' edges per loop head per inlined frame. */
  loopBound: number;
  seed: number;
  signal?: AbortSignal;
  /** Called after each emitted path with the count so far. */
  onPath?: (n: number) => void;
  /** A path longer than this many steps is abandoned (guards against malformed cyclic graphs). Default 20,000. */
  maxSteps?: number;
  /** Nodes visited before giving up (truncated = true). Default 4,000,000. */
  maxWork?: number;
}

export interface EnumerateResult {
  paths: Path[];
  enumerated: number;
  truncated: boolean;
  /** True when the signal aborted the walk: `paths` holds what was found until then. */
  cancelled?: boolean;
}

/** An LCFG with the adjacency and step locations precomputed once. */
interface Graph {
  lcfg: Lcfg;
  nodes: Map<number, LcfgNode>;
  out: Map<number, LcfgEdge[]>;
  locs: Map<number, SourceLoc>;
}

/** One inlined activation. Immutable: a loop-back creates a new frame object with the count raised. */
interface Frame {
  methodId: string;
  g: Graph;
  depth: number;
  parent?: Frame;
  /** The call node in `parent` this frame was inlined at. */
  callNode: number;
  loops?: ReadonlyMap<number, number>;
}

interface Task {
  frame: Frame;
  node: number;
  stepLen: number;
  logLen: number;
  /** The edge taken from the previous step (annotates it), if any. */
  edge?: LcfgEdge;
}

/** Step under construction: the same shape for every step, trimmed when copied out. */
type MutableStep = PathStep;

const graphCache = new WeakMap<Lcfg, Graph>();

function graphOf(view: IndexView, lcfg: Lcfg): Graph {
  let g = graphCache.get(lcfg);
  if (g) return g;
  const file = view.methods.get(lcfg.methodId)?.loc.file ?? lcfg.methodId;
  const nodes = new Map<number, LcfgNode>();
  const out = new Map<number, LcfgEdge[]>();
  const locs = new Map<number, SourceLoc>();
  for (const n of lcfg.nodes) {
    nodes.set(n.id, n);
    const logLoc = n.logId ? view.logs.get(n.logId)?.loc : undefined;
    locs.set(n.id, logLoc ?? (n.call ? n.call.loc : { file, line: n.line, column: 0 }));
  }
  for (const e of lcfg.edges) {
    const list = out.get(e.from);
    if (list) list.push(e);
    else out.set(e.from, [e]);
  }
  g = { lcfg, nodes, out, locs };
  graphCache.set(lcfg, g);
  return g;
}

function isDispatching(r: CallResolver): r is DispatchingResolver {
  return typeof (r as Partial<DispatchingResolver>).resolveAll === 'function';
}

/**
 * Which exception edges of a call node a path may take when the call is not inlined.
 *
 * The LCFG gives every call node 'exception' edges (to the catches that can take what it throws, else on
 * to `raise`). A workspace callee that can raise (a throw, or a workspace callee of its own that raises,
 * not caught on the way) makes all of them possible. An opaque (library) call may throw too, but only
 * into a handler: assuming that every library call can abort the method would add, for each of them, a
 * path that simply stops there, and flood the data set with truncated sequences.
 */
export class RaiseOracle {
  private readonly memo = new Map<string, boolean>();
  private readonly toCatch = new WeakMap<Graph, Map<number, boolean>>();
  constructor(private readonly view: IndexView, private readonly resolver: CallResolver) {}

  private targets(callerId: string, call: CallSite): string[] {
    const all = isDispatching(this.resolver) ? this.resolver.resolveAll(callerId, call) : [this.resolver.resolve(callerId, call)];
    return all.filter((t): t is string => t !== undefined);
  }

  /** The exception edges of a not-inlined call node that may be taken. */
  allowedExceptionEdges(callerId: string, g: Graph, node: LcfgNode, edges: LcfgEdge[]): LcfgEdge[] {
    const exc = edges.filter((e) => e.kind === 'exception');
    if (exc.length === 0 || !node.call) return exc;
    const targets = this.targets(callerId, node.call);
    if (targets.length > 0) return targets.some((t) => this.canRaise(t)) ? exc : [];
    return exc.filter((e) => this.leadsToCatch(g, e.to));
  }

  /** True if the node is a catch, or a finally from which a catch can be reached (an outer handler). */
  private leadsToCatch(g: Graph, id: number): boolean {
    let memo = this.toCatch.get(g);
    if (!memo) this.toCatch.set(g, (memo = new Map()));
    let r = memo.get(id);
    if (r !== undefined) return r;
    r = false;
    const seen = new Set<number>([id]);
    const queue = [id];
    while (queue.length > 0 && !r) {
      const cur = queue.pop()!;
      const n = g.nodes.get(cur);
      if (!n || cur === g.lcfg.raise || cur === g.lcfg.exit) continue;
      if (n.kind === 'catch') { r = true; break; }
      if (cur !== id && n.kind !== 'finally' && n.kind !== 'merge' && n.kind !== 'call' && n.kind !== 'log' && n.kind !== 'branch') continue;
      for (const e of g.out.get(cur) ?? []) {
        if (!seen.has(e.to)) {
          seen.add(e.to);
          queue.push(e.to);
        }
      }
    }
    memo.set(id, r);
    return r;
  }

  /** True if the method can end at its raise node (see the class comment for what counts). */
  canRaise(methodId: string): boolean {
    const cached = this.memo.get(methodId);
    if (cached !== undefined) return cached;
    const lcfg = this.view.lcfgs.get(methodId);
    if (!lcfg) return true; // a workspace method without a body we know (abstract): assume it may throw
    // Recursion: a method in progress counts as not raising (least fixed point; a recursive cycle
    // raises only if something on it throws).
    this.memo.set(methodId, false);
    const g = graphOf(this.view, lcfg);
    const seen = new Set<number>([lcfg.entry]);
    const queue = [lcfg.entry];
    let raises = false;
    while (queue.length > 0 && !raises) {
      const id = queue.pop()!;
      const n = g.nodes.get(id);
      if (!n) continue;
      if (id === lcfg.raise || n.kind === 'raise') { raises = true; break; }
      const all = g.out.get(id) ?? [];
      if (n.kind === 'throw' && all.length === 0) { raises = true; break; }
      const edges = n.kind === 'call'
        ? [...all.filter((e) => e.kind !== 'exception'), ...this.allowedExceptionEdges(methodId, g, n, all)]
        : all;
      for (const e of edges) {
        if (!seen.has(e.to)) {
          seen.add(e.to);
          queue.push(e.to);
        }
      }
    }
    this.memo.set(methodId, raises);
    return raises;
  }
}

export function enumeratePaths(
  entry: string,
  view: IndexView,
  resolver: CallResolver,
  opts: EnumerateOptions,
): EnumerateResult {
  const entryLcfg = view.lcfgs.get(entry);
  if (!entryLcfg) return { paths: [], enumerated: 0, truncated: false };
  const maxSteps = opts.maxSteps ?? 20_000;
  const maxWork = opts.maxWork ?? 4_000_000;
  const loopBound = Math.max(0, opts.loopBound);
  const rng: Rng = createRng(`${opts.seed}:${entry}`);
  const oracle = new RaiseOracle(view, resolver);
  const paths: Path[] = [];
  const steps: MutableStep[] = [];
  const logIds: string[] = [];
  const stack: Task[] = [];
  let truncated = false;
  let cancelled = false;
  let work = 0;

  const targetsOf = (frame: Frame, call: CallSite): string[] => {
    const all = isDispatching(resolver) ? resolver.resolveAll(frame.methodId, call) : [resolver.resolve(frame.methodId, call)];
    return all.filter((t): t is string => t !== undefined);
  };
  const onStack = (frame: Frame, methodId: string): boolean => {
    for (let f: Frame | undefined = frame; f; f = f.parent) if (f.methodId === methodId) return true;
    return false;
  };

  /** Queues the successors reached by `edges` (in seeded random order), applying the loop bound. */
  const pushEdges = (frame: Frame, edges: LcfgEdge[], stepLen: number, logLen: number): void => {
    const order = edges.length > 1 ? rng.shuffle(edges.slice()) : edges;
    for (let i = order.length - 1; i >= 0; i--) {
      const e = order[i]!;
      let f = frame;
      if (e.kind === 'loop-back') {
        const count = frame.loops?.get(e.to) ?? 0;
        if (count >= loopBound) continue;
        const loops = new Map(frame.loops ?? []);
        loops.set(e.to, count + 1);
        f = { ...frame, loops };
      }
      if (cannotFinish(f, e.to)) continue;
      stack.push({ frame: f, node: e.to, stepLen, logLen, edge: e });
    }
  };

  /**
   * True if, with the loop heads of this frame that reached the bound blocked, node `to` can no longer
   * reach the frame's exit or raise: entering it would only walk into a dead end (e.g. a second pass of
   * a loop body whose only way out is the blocked loop-back), possibly through expensive inlined calls.
   */
  const finishMemo = new Map<Graph, Map<string, boolean>>();
  const cannotFinish = (frame: Frame, to: number): boolean => {
    if (!frame.loops) return false;
    const blocked: number[] = [];
    for (const [h, c] of frame.loops) if (c >= loopBound) blocked.push(h);
    if (blocked.length === 0) return false;
    blocked.sort((a, b) => a - b);
    const key = `${to}|${blocked.join(',')}`;
    const g = frame.g;
    let memo = finishMemo.get(g);
    if (!memo) finishMemo.set(g, (memo = new Map()));
    let ok = memo.get(key);
    if (ok === undefined) {
      ok = false;
      const seen = new Set<number>([to]);
      const queue = [to];
      while (queue.length > 0 && !ok) {
        const id = queue.pop()!;
        const n = g.nodes.get(id);
        const edges = g.out.get(id) ?? [];
        if (id === g.lcfg.exit || id === g.lcfg.raise || n?.kind === 'exit' || n?.kind === 'raise') ok = true;
        // The implicit ways out through the raise node (see finishFrame and the throw case below).
        else if (n?.kind === 'throw' && edges.length === 0) ok = true;
        else if (n?.kind === 'call' && n.call && !edges.some((e) => e.kind === 'exception') &&
          targetsOf(frame, n.call).some((t) => oracle.canRaise(t))) ok = true; // propagates with no handler edge
        for (const e of edges) {
          if (e.kind === 'loop-back' && blocked.includes(e.to)) continue;
          if (!seen.has(e.to)) {
            seen.add(e.to);
            queue.push(e.to);
          }
        }
      }
      memo.set(key, ok);
    }
    return !ok;
  };

  const emit = (raises: boolean): void => {
    paths.push({
      entry,
      steps: steps.map(copyStep),
      logIds: logIds.slice(),
      raises,
    });
    opts.onPath?.(paths.length);
  };

  /** A frame reached its exit (normal) or raise node: return into the caller, or end the path. */
  const finishFrame = (frame: Frame, raised: boolean): void => {
    const parent = frame.parent;
    if (!parent) {
      emit(raised);
      return;
    }
    const edges = parent.g.out.get(frame.callNode) ?? [];
    let chosen = edges.filter((e) => (e.kind === 'exception') === raised);
    if (raised) chosen = matchingHandlers(parent.g, chosen, thrownType());
    if (raised && chosen.length === 0) {
      // No handler edge at the call site: the exception propagates out of the caller too.
      stack.push({
        frame: parent, node: parent.g.lcfg.raise, stepLen: steps.length, logLen: logIds.length,
        edge: { from: frame.callNode, to: parent.g.lcfg.raise, kind: 'exception' },
      });
      return;
    }
    pushEdges(parent, chosen, steps.length, logIds.length);
  };

  /** The type the callee threw, when the step before its raise node says (a throw's exception edge). */
  const thrownType = (): string | undefined => {
    const before = steps[steps.length - 2];
    const raiseStep = steps[steps.length - 1];
    if (!before || !raiseStep || before.depth !== raiseStep.depth || before.edge !== 'exception' || !before.cond) return undefined;
    return before.cond.includes('|') ? undefined : simpleTypeName(before.cond);
  };
  let superOf: Map<string, string> | undefined;
  const lookup: SuperclassLookup = (simple) => {
    if (!superOf) {
      superOf = new Map();
      for (const c of view.classes.values()) if (c.superClass) superOf.set(c.simpleName, simpleTypeName(c.superClass));
    }
    return superOf.get(simple);
  };
  /** Of a call node's exception edges, those a `thrown` exception can take: no catch that cannot take it,
   *  and not past a catch that surely takes it. */
  const matchingHandlers = (g: Graph, exc: LcfgEdge[], thrown: string | undefined): LcfgEdge[] => {
    if (!thrown) return exc;
    let definite = false;
    const kept = exc.filter((e) => {
      const n = g.nodes.get(e.to);
      if (n?.kind !== 'catch' || !n.catchTypes?.length) return true;
      const m = matchCatch(thrown, n.catchTypes, lookup);
      if (m === 'definite') definite = true;
      return m !== 'no';
    });
    return definite ? kept.filter((e) => e.to !== g.lcfg.raise) : kept;
  };

  const root: Frame = { methodId: entry, g: graphOf(view, entryLcfg), depth: 0, callNode: -1 };
  stack.push({ frame: root, node: entryLcfg.entry, stepLen: 0, logLen: 0 });

  while (stack.length > 0) {
    if (paths.length >= opts.maxPaths) { truncated = true; break; }
    if (++work > maxWork) { truncated = true; break; }
    if ((work & 255) === 0 && opts.signal?.aborted) { truncated = true; cancelled = true; break; }
    const task = stack.pop()!;
    const { frame } = task;
    steps.length = task.stepLen;
    logIds.length = task.logLen;
    if (task.stepLen > 0) {
      const prev = steps[task.stepLen - 1]!;
      prev.cond = task.edge?.cond;
      prev.polarity = task.edge?.cond !== undefined || task.edge?.polarity !== undefined ? task.edge?.polarity : undefined;
      prev.edge = task.edge?.kind;
      prev.assigns = task.edge?.assigns;
    }
    if (steps.length >= maxSteps) continue;
    const g = frame.g;
    const node = g.nodes.get(task.node);
    if (!node) continue; // an edge to a missing node: a malformed graph, this path is dropped
    steps.push({
      methodId: frame.methodId, nodeId: node.id, kind: node.kind, loc: g.locs.get(node.id)!, depth: frame.depth,
      cond: undefined, polarity: undefined, logId: node.logId, text: node.text, edge: undefined, assigns: undefined,
    });
    if (node.kind === 'log' && node.logId) logIds.push(node.logId);

    if (node.id === g.lcfg.exit || node.kind === 'exit') { finishFrame(frame, false); continue; }
    if (node.id === g.lcfg.raise || node.kind === 'raise') { finishFrame(frame, true); continue; }

    const edges = g.out.get(node.id) ?? [];
    if (node.kind === 'call' && node.call) {
      const targets = targetsOf(frame, node.call);
      const inline = frame.depth < opts.depth
        ? targets.filter((t) => resolver.reachesLog(t) && view.lcfgs.has(t) && !onStack(frame, t))
        : [];
      if (inline.length > 0) {
        const order = inline.length > 1 ? rng.shuffle(inline.slice()) : inline;
        for (let i = order.length - 1; i >= 0; i--) {
          const t = order[i]!;
          const callee = view.lcfgs.get(t)!;
          stack.push({
            frame: { methodId: t, g: graphOf(view, callee), depth: frame.depth + 1, parent: frame, callNode: node.id },
            node: callee.entry, stepLen: steps.length, logLen: logIds.length,
          });
        }
        continue;
      }
      // Passed over: normal successors, and the exception edges the callee can take (see RaiseOracle).
      const allowed = [...edges.filter((e) => e.kind !== 'exception'), ...oracle.allowedExceptionEdges(frame.methodId, g, node, edges)];
      pushEdges(frame, allowed, steps.length, logIds.length);
      continue;
    }
    if (node.kind === 'throw' && edges.length === 0) {
      stack.push({
        frame, node: g.lcfg.raise, stepLen: steps.length, logLen: logIds.length,
        edge: { from: node.id, to: g.lcfg.raise, kind: 'exception' },
      });
      continue;
    }
    pushEdges(frame, edges, steps.length, logIds.length);
  }
  return { paths, enumerated: paths.length, truncated, ...(cancelled ? { cancelled } : {}) };
}

/** A step as handed out: its own object, without the undefined fields. */
function copyStep(s: MutableStep): PathStep {
  const out: MutableStep = { methodId: s.methodId, nodeId: s.nodeId, kind: s.kind, loc: { ...s.loc }, depth: s.depth };
  if (s.cond !== undefined) out.cond = s.cond;
  if (s.polarity !== undefined) out.polarity = s.polarity;
  if (s.edge !== undefined) out.edge = s.edge;
  if (s.assigns !== undefined) out.assigns = s.assigns.slice();
  if (s.logId !== undefined) out.logId = s.logId;
  if (s.text !== undefined) out.text = s.text;
  return out;
}
