// An LCFG with its adjacency, step locations and loop heads precomputed once (cached per LCFG object),
// shared by path enumeration and the raise analysis.
import type { CallResolver, IndexView, Lcfg, LcfgEdge, LcfgNode, SourceLoc } from '../model';
import { hashString } from '../util/rng';
import type { DispatchingResolver } from '../callgraph/callgraph';

/** Per node id (ids are dense after the builder's pruning; arrays, not maps: the walk reads them at every step). */
export interface Graph {
  lcfg: Lcfg;
  nodes: (LcfgNode | undefined)[];
  out: (LcfgEdge[] | undefined)[];
  locs: (SourceLoc | undefined)[];
  /** Targets of 'loop-back' edges. */
  heads: Set<number>;
  /** The decision of each loop (branch node -> its loop head): the head itself, or the branch its
   *  condition's calls lead to (`while (it.hasNext())` loops back to the hasNext call). */
  loopBranch: Map<number, number>;
  /** Hash of the method id, for path identity keys. */
  hash: number;
}

const graphCache = new WeakMap<Lcfg, Graph>();

export function graphOf(view: IndexView, lcfg: Lcfg): Graph {
  let g = graphCache.get(lcfg);
  if (g) return g;
  const file = view.methods.get(lcfg.methodId)?.loc.file ?? lcfg.methodId;
  const nodes: (LcfgNode | undefined)[] = [];
  const out: (LcfgEdge[] | undefined)[] = [];
  const locs: (SourceLoc | undefined)[] = [];
  for (const n of lcfg.nodes) {
    nodes[n.id] = n;
    const logLoc = n.logId ? view.logs.get(n.logId)?.loc : undefined;
    locs[n.id] = logLoc ?? (n.call ? n.call.loc : { file, line: n.line, column: 0 });
  }
  for (const e of lcfg.edges) {
    const list = out[e.from];
    if (list) list.push(e);
    else out[e.from] = [e];
  }
  const heads = new Set(lcfg.edges.filter((e) => e.kind === 'loop-back').map((e) => e.to));
  const loopBranch = new Map<number, number>();
  for (const h of heads) {
    // A do-while's head is a merge before its body: its decision is at the end, not found this way.
    let cur = h;
    for (let i = 0; i < 16; i++) {
      const n = nodes[cur];
      if (!n || (n.kind !== 'branch' && n.kind !== 'call')) break;
      if (n.kind === 'branch') {
        loopBranch.set(cur, h);
        break;
      }
      const next = (out[cur] ?? []).filter((e) => e.kind !== 'exception');
      if (next.length !== 1) break;
      cur = next[0]!.to;
    }
  }
  g = { lcfg, nodes, out, locs, heads, loopBranch, hash: hashString(lcfg.methodId) };
  graphCache.set(lcfg, g);
  return g;
}

export function isDispatching(r: CallResolver): r is DispatchingResolver {
  return typeof (r as Partial<DispatchingResolver>).resolveAll === 'function';
}
