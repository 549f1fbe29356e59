// Inter-procedural path enumeration: a depth-first walk over the entry method's LCFG that inlines the LCFG
// of each called workspace method that can reach a log (up to a call depth, never re-entering a method
// already on the inlining stack), bounds loops per head and frame, and stops at a path budget.
//
// One shared step stack is truncated on backtrack and copied only when a path is emitted, so the cost is
// linear in the size of the emitted paths rather than quadratic in the branching. The path budget is split
// among the successors at every decision (unused shares flow on to the next sibling), so a method with more
// paths than the budget is covered evenly instead of by the variations of its last few decisions, and a
// method with fewer is enumerated exactly.
import type { CallResolver, CallSite, IndexView, Lcfg, LcfgEdge, LcfgNode, Path, PathStep } from '../model';
import { createRng, type Rng } from '../util/rng';
import { matchCatch, simpleTypeName, type SuperclassLookup } from '../lcfg/exceptions';
import { graphOf, isDispatching, type Graph } from './lcfg-graph';
import { RaiseOracle } from './raises';
import { RUNS_ARGUMENT, lambdasRun } from '../callgraph/lambdas';

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
  /**
   * Called with each path as it is found, before it is copied: its `steps` and `logIds` are the walk's own
   * arrays, valid during the call only. False drops the path (it still counts as enumerated); the paths
   * kept are returned in order.
   */
  keep?: (path: Path) => boolean;
  /** A path longer than this many steps is abandoned (guards against malformed cyclic graphs). Default 5,000. */
  maxSteps?: number;
  /** Nodes visited before giving up (truncated = true). Default 4,000,000. */
  maxWork?: number;
  /** Steps held by all emitted paths together; past it enumeration stops (memory bound). Default 3,000,000. */
  maxTotalSteps?: number;
  /** The share of the path budget an exception edge gets at a decision, against 1 for each other
   *  successor (see Walker). Default 0.1: most executions do not fail at every call. */
  exceptionWeight?: number;
}

export interface EnumerateResult {
  paths: Path[];
  enumerated: number;
  truncated: boolean;
  /** True when the signal aborted the walk: `paths` holds what was found until then. */
  cancelled?: boolean;
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
  /** Parameters of this method that the call site filled with a lambda -> that lambda's method id. */
  bound?: ReadonlyMap<string, string>;
}


interface Task {
  frame: Frame;
  node: number;
  stepLen: number;
  logLen: number;
  /** The edge taken from the previous step (annotates it), if any. */
  edge?: LcfgEdge;
  /** The budget the paths below this task draw from. */
  budget: Budget;
  /** Set for one alternative of a decision: its share is carved out of `budget` when it starts. */
  slot?: Slot;
  /** A marker task: the subtree of `slot` is done, return its unused budget. */
  end?: boolean;
}

/** Paths a subtree may still emit. */
interface Budget {
  remaining: number;
}

/** One decision: the alternatives not started yet and their total weight. */
interface Decision {
  weightLeft: number;
}

interface Slot {
  decision: Decision;
  weight: number;
  own?: Budget;
}


/** Task target meaning "the path ends here" (an open-ended entry stopped by the loop bound). */
const OPEN_END = -2;

/** What a call node offers, computed once per node. */
interface CallInfo {
  /** Resolved workspace targets (several for interface dispatch). */
  targets: string[];
  /** Targets that may be inlined (reach a log, have an LCFG), before the depth and recursion checks. */
  inlinable: string[];
  /** Successors when the call is passed over: normal edges plus the exception edges it may take. */
  pass: LcfgEdge[];
}

export function enumeratePaths(
  entry: string,
  view: IndexView,
  resolver: CallResolver,
  opts: EnumerateOptions,
): EnumerateResult {
  const entryLcfg = view.lcfgs.get(entry);
  if (!entryLcfg) return { paths: [], enumerated: 0, truncated: false };
  // Depth first while everything fits the budget: then the result is exact. If it does not fit, walk
  // again sharing the budget among the decisions (see Walker), so the paths cover the whole method.
  // Count first (no path is materialized): most large methods do not fit, and their depth-first prefix
  // would be thrown away.
  const oracle = new RaiseOracle(view, resolver);
  const count = new Walker(entry, entryLcfg, view, resolver, oracle, opts, false, false).run(opts.maxPaths);
  if (count.cancelled) return count;
  if (!count.truncated) return new Walker(entry, entryLcfg, view, resolver, oracle, opts, false).run(opts.maxPaths);
  const walker = new Walker(entry, entryLcfg, view, resolver, oracle, opts, true);
  let result = walker.run(opts.maxPaths);
  // Shares left unused by small subtrees flow only to later siblings; walk again with what is left
  // (known paths are skipped without cost) until the budget is spent or nothing new turns up.
  // (Counted as emitted, not as returned: `keep` may drop some.)
  for (let round = 0; round < 4 && result.truncated && !result.cancelled && result.enumerated < opts.maxPaths; round++) {
    const before = result.enumerated;
    result = walker.run(opts.maxPaths - before);
    if (result.enumerated === before) break;
  }
  return result;
}

/**
 * The walk over inlined LCFGs: one shared step stack, tasks that remember where to truncate it.
 *
 * Budget: the root task may emit maxPaths paths. At a decision with several successors, each successor,
 * when it starts, takes a share of what is left proportional to its weight (exception edges
 * `exceptionWeight`, others 1) among the successors not started yet; when its subtree is done, the unused
 * part goes back for the later ones. A subtree whose share is spent is cut (truncated = true).
 */
class Walker {
  private readonly maxSteps: number;
  private readonly maxWork: number;
  private readonly maxTotalSteps: number;
  private heldSteps = 0;
  private readonly loopBound: number;
  private readonly excWeight: number;
  private readonly rng: Rng;
  private readonly paths: Path[] = [];
  private readonly steps: PathStep[] = [];
  private readonly pool: PathStep[] = [];
  /** Per step, a number identifying (method, node): path identity without building strings. */
  private readonly stepKeys: number[] = [];
  /** Live lengths of steps/stepKeys and of logIds: the arrays are cut to them only when a path is emitted
   *  (setting an array's length on every backtrack is a runtime call each time). */
  private len = 0;
  private logLen = 0;
  private readonly logIds: string[] = [];
  private readonly stack: Task[] = [];
  private readonly callInfos = new Map<LcfgNode, CallInfo>();
  private readonly finishMemo = new Map<Graph, Map<string, boolean[]>>();
  private superOf?: Map<string, string>;
  /** The budget of the task being processed (successors inherit it). */
  private budget: Budget = { remaining: 0 };
  private work = 0;
  private rootBudget: Budget = { remaining: 0 };
  private readonly known = new Set<string>();
  private round = -1;
  private counted = 0;
  private cut = false;
  private cancelled = false;
  /** The entry never ends: paths of the entry frame end at a blocked loop-back instead. */
  private openEnded = false;

  constructor(
    private readonly entry: string,
    private readonly entryLcfg: Lcfg,
    private readonly view: IndexView,
    private readonly resolver: CallResolver,
    private readonly oracle: RaiseOracle,
    private readonly opts: EnumerateOptions,
    /** Share the budget among alternatives (else one budget for the whole walk: plain depth-first). */
    private readonly share: boolean,
    /** Build Path objects (else only count them). */
    private readonly materialize = true,
  ) {
    this.maxSteps = opts.maxSteps ?? 5_000;
    this.maxWork = opts.maxWork ?? 4_000_000;
    this.maxTotalSteps = opts.maxTotalSteps ?? 3_000_000;
    this.loopBound = Math.max(0, opts.loopBound);
    this.excWeight = opts.exceptionWeight ?? 0.1;
    this.rng = createRng(`${opts.seed}:${entry}`);
  }

  /** Walks from the entry with a budget of `budget` new paths; paths accumulate over calls. */
  run(budget: number): EnumerateResult {
    const root: Frame = { methodId: this.entry, g: graphOf(this.view, this.entryLcfg), depth: 0, callNode: -1 };
    this.cut = false;
    this.stack.length = 0;
    this.round++;
    this.rootBudget = { remaining: Math.max(0, budget) };
    // No execution of the entry ever ends (a server loop that nothing leaves): its paths end where the
    // loop bound stops them instead, so the logs of its iterations are not lost.
    this.openEnded = this.cannotFinish(root, this.entryLcfg.entry);
    this.stack.push({ frame: root, node: this.entryLcfg.entry, stepLen: 0, logLen: 0, budget: this.rootBudget });
    while (this.stack.length > 0) {
      if (++this.work > this.maxWork || this.heldSteps > this.maxTotalSteps) { this.cut = true; break; }
      if ((this.work & 255) === 0 && this.opts.signal?.aborted) {
        this.cancelled = true;
        this.cut = true;
        break;
      }
      const task = this.stack.pop()!;
      if (task.end) {
        task.budget.remaining += task.slot!.own?.remaining ?? 0;
        continue;
      }
      if (task.slot) {
        const { decision, weight } = task.slot;
        const share = Math.ceil((task.budget.remaining * weight) / decision.weightLeft - 1e-9);
        decision.weightLeft -= weight;
        task.budget.remaining -= share;
        task.slot.own = { remaining: share };
        task.budget = task.slot.own;
      }
      if (task.budget.remaining <= 0) { this.cut = true; continue; }
      this.budget = task.budget;
      this.step(task);
    }
    return this.result();
  }

  private result(): EnumerateResult {
    return { paths: this.paths, enumerated: this.counted, truncated: this.cut, ...(this.cancelled ? { cancelled: true } : {}) };
  }

  /** Pushes alternatives (already in exploration order): each with a slot when there are several. */
  private pushAll(tasks: Omit<Task, 'budget'>[], weightOf: (t: Omit<Task, 'budget'>) => number): void {
    if (tasks.length === 1 || !this.share) {
      for (let i = tasks.length - 1; i >= 0; i--) {
        const t = tasks[i]! as Task;
        t.budget = this.budget;
        this.stack.push(t);
      }
      return;
    }
    const decision: Decision = { weightLeft: 0 };
    for (const t of tasks) decision.weightLeft += weightOf(t);
    // Alternate rounds run the alternatives in reverse: what earlier siblings left unused then reaches
    // the ones that were cut before (leftovers only flow to siblings that start later).
    const reverse = this.round % 2 === 1;
    for (let k = tasks.length - 1; k >= 0; k--) {
      const t = tasks[reverse ? tasks.length - 1 - k : k]! as Task;
      const slot: Slot = { decision, weight: weightOf(t) };
      t.budget = this.budget;
      t.slot = slot;
      const end: Task = { frame: t.frame, node: -1, stepLen: 0, logLen: 0, budget: this.budget, slot, end: true };
      this.stack.push(end, t);
    }
  }

  private step(task: Task): void {
    const { frame } = task;
    const steps = this.steps;
    this.len = task.stepLen;
    this.logLen = task.logLen;
    if (task.stepLen > 0) {
      const prev = steps[task.stepLen - 1]!;
      prev.cond = task.edge?.cond;
      prev.polarity = task.edge?.cond !== undefined || task.edge?.polarity !== undefined ? task.edge?.polarity : undefined;
      prev.edge = task.edge?.kind;
      prev.assigns = task.edge?.assigns;
    }
    if (task.node === OPEN_END) return this.emit(false);
    if (this.len >= this.maxSteps) return;
    const g = frame.g;
    const node = g.nodes[task.node];
    if (!node) return; // an edge to a missing node: a malformed graph, this path is dropped
    // Step objects are reused per position (paths get copies): walking allocates almost nothing.
    let st = this.pool[this.len];
    if (!st) {
      st = { methodId: '', nodeId: 0, kind: 'entry', loc: g.locs[node.id]!, depth: 0 };
      this.pool[this.len] = st;
    }
    st.methodId = frame.methodId;
    st.nodeId = node.id;
    st.kind = node.kind;
    st.loc = g.locs[node.id]!;
    st.depth = frame.depth;
    st.cond = undefined;
    st.polarity = undefined;
    st.logId = node.logId;
    st.text = node.text;
    st.edge = undefined;
    st.assigns = undefined;
    steps[this.len] = st;
    this.stepKeys[this.len] = (Math.imul(g.hash, 31) + node.id) | 0;
    this.len++;
    if (node.kind === 'log' && node.logId) this.logIds[this.logLen++] = node.logId;

    if (node.id === g.lcfg.exit || node.kind === 'exit') return this.finishFrame(frame, false);
    if (node.id === g.lcfg.raise || node.kind === 'raise') return this.finishFrame(frame, true);

    const edges = g.out[node.id] ?? [];
    if (node.kind === 'call' && node.call) {
      const info = this.callInfo(frame, node);
      // A callee no execution of which ends (it loops forever) is passed over: inlining it would only
      // walk into dead ends.
      const inline = frame.depth < this.opts.depth
        ? info.inlinable.filter((t) => !onStack(frame, t) && !this.neverEnds(t, frame))
        : [];
      if (inline.length > 0) {
        const order = inline.length > 1 ? this.rng.shuffle(inline.slice()) : inline;
        this.pushAll(order.map((t) => this.calleeTask(frame, node.id, t, this.bindLambdas(t, node.call!))), () => 1);
        return;
      }
      const lambdas = frame.depth < this.opts.depth ? this.lambdasAt(frame, node.call, info) : undefined;
      if (lambdas) return this.pushLambdas(frame, node, lambdas.ids, lambdas.optional ? info.pass : undefined);
      return this.pushEdges(frame, info.pass);
    }
    if (node.kind === 'throw' && edges.length === 0) return this.pushRaise(frame, node.id);
    this.pushEdges(frame, edges);
  }

  /** Entering method `t` (a callee, or a lambda run there) from call node `callNode` of `frame`. */
  private calleeTask(frame: Frame, callNode: number, t: string, bound?: Map<string, string>): Omit<Task, 'budget'> {
    const lcfg = this.view.lcfgs.get(t)!;
    return {
      frame: { methodId: t, g: graphOf(this.view, lcfg), depth: frame.depth + 1, parent: frame, callNode, ...(bound ? { bound } : {}) },
      node: lcfg.entry, stepLen: this.len, logLen: this.logLen,
    };
  }

  /** The callee's parameters that this call fills with lambdas, if any. */
  private bindLambdas(callee: string, call: CallSite): Map<string, string> | undefined {
    if (!call.lambdaArgs) return undefined;
    const params = this.view.methods.get(callee)?.paramNames;
    let bound: Map<string, string> | undefined;
    call.lambdaArgs.forEach((id, i) => {
      const p = params?.[i];
      if (id && p) (bound ??= new Map()).set(p, id);
    });
    return bound;
  }

  /**
   * Lambdas that run at a call with no workspace method to inline: the one bound to the receiver (a method
   * invoking its functional parameter, `action.call()`), which surely runs; those passed to a workspace method
   * not inlined because it logs nothing itself (it runs them, as `retry(() -> ...)` does); those passed to a
   * library method that runs its argument on the spot (RUNS_ARGUMENT), which may also not run.
   */
  private lambdasAt(frame: Frame, call: CallSite, info: CallInfo): { ids: string[]; optional: boolean } | undefined {
    const usable = (id: string) => this.view.lcfgs.has(id) && this.resolver.reachesLog(id) && !onStack(frame, id) && !this.neverEnds(id, frame);
    const receiver = call.receiver?.trim();
    const bound = receiver ? frame.bound?.get(receiver) : undefined;
    if (bound) return usable(bound) ? { ids: [bound], optional: false } : undefined;
    const ids = lambdasRun(call, () => info.targets.length > 0).filter(usable);
    // a library method may not run them at all; a workspace method that takes them is taken to run them
    return ids.length > 0 ? { ids, optional: RUNS_ARGUMENT.has(call.name) } : undefined;
  }

  /** Inlines lambdas at a call node as alternatives; with `passOver`, passing over them is one more. */
  private pushLambdas(frame: Frame, node: LcfgNode, ids: string[], passOver: LcfgEdge[] | undefined): void {
    const tasks = ids.map((t) => this.calleeTask(frame, node.id, t));
    if (passOver) tasks.push(...this.inWalkOrder(this.edgeTasks(frame, passOver)));
    if (tasks.length === 0) return;
    this.pushAll(tasks, (t) => (t.edge?.kind === 'exception' ? this.excWeight : 1));
  }

  private pushRaise(frame: Frame, from: number): void {
    const raise = frame.g.lcfg.raise;
    this.stack.push({
      frame, node: raise, stepLen: this.len, logLen: this.logLen, edge: { from, to: raise, kind: 'exception' },
      budget: this.budget,
    });
  }

  private callInfo(frame: Frame, node: LcfgNode): CallInfo {
    let info = this.callInfos.get(node);
    if (info) return info;
    const call = node.call!;
    const all = isDispatching(this.resolver) ? this.resolver.resolveAll(frame.methodId, call) : [this.resolver.resolve(frame.methodId, call)];
    const targets = all.filter((t): t is string => t !== undefined);
    const inlinable = targets.filter((t) => this.resolver.reachesLog(t) && this.view.lcfgs.has(t));
    const edges = frame.g.out[node.id] ?? [];
    const pass = [...edges.filter((e) => e.kind !== 'exception'), ...this.oracle.allowedExceptionEdges(frame.methodId, frame.g, node, edges)];
    info = { targets, inlinable, pass };
    this.callInfos.set(node, info);
    return info;
  }

  /** Queues the successors reached by `edges` in seeded random order, applying the loop bound. */
  private pushEdges(frame: Frame, edges: LcfgEdge[]): void {
    const tasks = this.inWalkOrder(this.edgeTasks(frame, edges));
    if (tasks.length === 0) return;
    this.pushAll(tasks, (t) => (t.edge?.kind === 'exception' ? this.excWeight : 1));
  }

  /** Successor tasks in seeded random order, exception edges last: the normal flow takes its share of the
   *  budget first and leaves what it does not use. Sorts in place. */
  private inWalkOrder(tasks: Omit<Task, 'budget'>[]): Omit<Task, 'budget'>[] {
    if (tasks.length > 1) {
      this.rng.shuffle(tasks);
      tasks.sort((a, b) => Number(a.edge?.kind === 'exception') - Number(b.edge?.kind === 'exception'));
    }
    return tasks;
  }

  /** The successors reached by `edges`, in edge order, with the loop bound applied. */
  private edgeTasks(frame: Frame, edges: LcfgEdge[]): Omit<Task, 'budget'>[] {
    const tasks: Omit<Task, 'budget'>[] = [];
    let ends = false;
    for (const e of edges) {
      let f = frame;
      // A loop whose body ran loopBound times already only leaves.
      if (e.kind === 'true' && frame.loops && this.bodyBlocked(frame.g, e.from, frame.loops)) continue;
      if (e.kind === 'loop-back') {
        const count = frame.loops?.get(e.to) ?? 0;
        if (count >= this.loopBound) {
          if (this.openEnded && frame.depth === 0) ends = true;
          continue;
        }
        const loops = new Map(frame.loops ?? []);
        loops.set(e.to, count + 1);
        f = { ...frame, loops };
      }
      if (this.cannotFinish(f, e.to)) continue;
      tasks.push({ frame: f, node: e.to, stepLen: this.len, logLen: this.logLen, edge: e });
    }
    if (ends) tasks.push({ frame, node: OPEN_END, stepLen: this.len, logLen: this.logLen });
    return tasks;
  }

  private neverEnds(methodId: string, caller: Frame): boolean {
    const lcfg = this.view.lcfgs.get(methodId)!;
    const probe: Frame = { methodId, g: graphOf(this.view, lcfg), depth: caller.depth + 1, parent: caller, callNode: -1 };
    return this.cannotFinish(probe, lcfg.entry);
  }

  /** True if `branch` decides a loop whose body already ran loopBound times in this frame. */
  private bodyBlocked(g: Graph, branch: number, loops: ReadonlyMap<number, number>): boolean {
    const head = g.loopBranch.get(branch);
    return head !== undefined && (loops.get(head) ?? 0) >= this.loopBound;
  }

  /**
   * True if node `to` can no longer reach the frame's exit or raise, with the loops of this frame that
   * reached the bound blocked and only the exception edges a path may take: entering it would only walk
   * into a dead end (a second pass of a loop body whose only way out is the blocked loop-back, a
   * `while (true)` that nothing can leave), possibly through expensive inlined calls.
   */
  private cannotFinish(frame: Frame, to: number): boolean {
    if (this.openEnded && frame.depth === 0) return false;
    // Asked for every successor of every step: memoized per graph, per set of blocked loops (usually none:
    // no key to build then), per node.
    let blocked: number[] | undefined;
    if (frame.loops) for (const [h, c] of frame.loops) if (c >= this.loopBound) (blocked ??= []).push(h);
    const blockedKey = blocked ? blocked.sort((a, b) => a - b).join(',') : '';
    const g = frame.g;
    let byBlocked = this.finishMemo.get(g);
    if (!byBlocked) this.finishMemo.set(g, (byBlocked = new Map()));
    let memo = byBlocked.get(blockedKey);
    if (!memo) byBlocked.set(blockedKey, (memo = []));
    let ok = memo[to];
    if (ok === undefined) {
      ok = false;
      const seen = new Set<number>([to]);
      const queue = [to];
      while (queue.length > 0 && !ok) {
        const id = queue.pop()!;
        const n = g.nodes[id];
        if (!n) continue;
        let edges = g.out[id] ?? [];
        if (id === g.lcfg.exit || id === g.lcfg.raise || n.kind === 'exit' || n.kind === 'raise') ok = true;
        else if (n.kind === 'throw' && edges.length === 0) ok = true; // the implicit way out (see pushRaise)
        else if (n.kind === 'call' && n.call) {
          const info = this.callInfo(frame, n);
          // An inlined callee that raises continues on the exception edges too.
          edges = info.inlinable.some((t) => this.oracle.canRaise(t)) ? edges : info.pass;
        }
        for (const e of edges) {
          // The walk takes neither a blocked loop-back nor a blocked head's edge into its body (pushEdges).
          if (blocked && e.kind === 'loop-back' && blocked.includes(e.to)) continue;
          if (blocked && e.kind === 'true' && g.loopBranch.has(e.from) && blocked.includes(g.loopBranch.get(e.from)!)) continue;
          if (!seen.has(e.to)) {
            seen.add(e.to);
            queue.push(e.to);
          }
        }
      }
      memo[to] = ok;
    }
    return !ok;
  }

  private emit(raises: boolean): void {
    if (this.share) {
      // Shared budgets are walked in rounds: a path found in an earlier round costs nothing.
      // Identity: two independent 32-bit hashes of the (method, node) sequence.
      let h1 = 2166136261;
      let h2 = 0x9e3779b9;
      for (let i = 0; i < this.len; i++) {
        const k = this.stepKeys[i]!;
        h1 = Math.imul(h1 ^ k, 16777619);
        h2 = Math.imul(h2 ^ (k + i), 2246822519) ^ (h2 >>> 13);
      }
      const key = `${h1 >>> 0}:${h2 >>> 0}:${this.len}`;
      if (this.known.has(key)) return;
      this.known.add(key);
    }
    this.budget.remaining--;
    this.counted++;
    if (!this.materialize) return;
    this.steps.length = this.len;
    this.logIds.length = this.logLen;
    this.heldSteps += this.len;
    if (!this.opts.keep || this.opts.keep({ entry: this.entry, steps: this.steps, logIds: this.logIds, raises })) {
      this.paths.push({ entry: this.entry, steps: this.steps.map(copyStep), logIds: this.logIds.slice(), raises });
    }
    this.opts.onPath?.(this.counted);
  }

  /** A frame reached its exit (normal) or raise node: return into the caller, or end the path. */
  private finishFrame(frame: Frame, raised: boolean): void {
    const parent = frame.parent;
    if (!parent) return this.emit(raised);
    const edges = parent.g.out[frame.callNode] ?? [];
    let chosen = edges.filter((e) => (e.kind === 'exception') === raised);
    if (raised) chosen = this.matchingHandlers(parent.g, chosen, this.thrownType());
    // No handler edge at the call site: the exception propagates out of the caller too.
    if (raised && chosen.length === 0) return this.pushRaise(parent, frame.callNode);
    this.pushEdges(parent, chosen);
  }

  /** The type the callee threw, when the step before its raise node says (a throw's exception edge). */
  private thrownType(): string | undefined {
    const before = this.steps[this.len - 2];
    const raiseStep = this.steps[this.len - 1];
    if (!before || !raiseStep || before.depth !== raiseStep.depth || before.edge !== 'exception' || !before.cond) return undefined;
    return before.cond.includes('|') ? undefined : simpleTypeName(before.cond);
  }

  private readonly lookup: SuperclassLookup = (simple) => {
    if (!this.superOf) {
      this.superOf = new Map();
      for (const c of this.view.classes.values()) if (c.superClass) this.superOf.set(c.simpleName, simpleTypeName(c.superClass));
    }
    return this.superOf.get(simple);
  };

  /**
   * Of a call node's exception edges (in the LCFG's order: inner handlers first, then finally blocks and
   * outer handlers), those a `thrown` exception can take: not a catch that cannot take it, and nothing
   * after the first catch that surely takes it.
   */
  private matchingHandlers(g: Graph, exc: LcfgEdge[], thrown: string | undefined): LcfgEdge[] {
    if (!thrown) return exc;
    const kept: LcfgEdge[] = [];
    for (const e of exc) {
      const n = g.nodes[e.to];
      if (n?.kind !== 'catch' || !n.catchTypes?.length) {
        kept.push(e);
        continue;
      }
      const m = matchCatch(thrown, n.catchTypes, this.lookup);
      if (m === 'no') continue;
      if (m === 'definite') return [...kept.filter((k) => g.nodes[k.to]?.kind === 'catch'), e];
      kept.push(e);
    }
    return kept;
  }
}

function onStack(frame: Frame, methodId: string): boolean {
  for (let f: Frame | undefined = frame; f; f = f.parent) if (f.methodId === methodId) return true;
  return false;
}

/** A step as handed out: its own object without the undefined fields (SourceLoc objects are shared: read-only). */
function copyStep(s: PathStep): PathStep {
  const out: PathStep = { methodId: s.methodId, nodeId: s.nodeId, kind: s.kind, loc: s.loc, depth: s.depth };
  if (s.cond !== undefined) out.cond = s.cond;
  if (s.polarity !== undefined) out.polarity = s.polarity;
  if (s.edge !== undefined) out.edge = s.edge;
  if (s.assigns !== undefined) out.assigns = s.assigns; // the LCFG edge's array: shared, read-only
  if (s.logId !== undefined) out.logId = s.logId;
  if (s.text !== undefined) out.text = s.text;
  return out;
}
