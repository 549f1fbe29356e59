// Which exception edges a path may take at a call it does not inline, and whether a method can end by an
// exception at all.
import type { CallResolver, CallSite, IndexView, LcfgEdge, LcfgNode } from '../model';
import { graphOf, isDispatching, type Graph } from './lcfg-graph';

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
      const n = g.nodes[cur];
      if (!n || cur === g.lcfg.raise || cur === g.lcfg.exit) continue;
      if (n.kind === 'catch') { r = true; break; }
      if (cur !== id && n.kind !== 'finally' && n.kind !== 'merge' && n.kind !== 'call' && n.kind !== 'log' && n.kind !== 'branch') continue;
      for (const e of g.out[cur] ?? []) {
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
      const n = g.nodes[id];
      if (!n) continue;
      if (id === lcfg.raise || n.kind === 'raise') { raises = true; break; }
      const all = g.out[id] ?? [];
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
