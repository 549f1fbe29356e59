// Drawable graphs from the index: one method's LCFG, or the inter-procedural graph from an entry (the LCFGs of
// the methods it reaches within a call depth, joined by call edges from each call node to the callee's entry).
import { lambdasRun } from '../core/callgraph/lambdas';
import type { CallResolver, IndexView, Lcfg, LcfgNode, LogStatement, MethodInfo } from '../core/model';
import type { GraphData, GraphEdge, GraphNode } from '../shared/graph';

const MAX_LABEL = 72;

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > MAX_LABEL ? `${one.slice(0, MAX_LABEL - 1)}…` : one;
}

/** `Class.method(T1,T2)` from `pkg.Class:method(T1,T2)`. */
export function methodLabel(id: string): string {
  const colon = id.indexOf(':');
  if (colon < 0) return id;
  const cls = id.slice(0, colon);
  const simple = cls.slice(cls.lastIndexOf('.') + 1);
  return `${simple}.${id.slice(colon + 1)}`;
}

function nodeLabel(n: LcfgNode, m: MethodInfo, log: LogStatement | undefined): string {
  switch (n.kind) {
    case 'entry': return methodLabel(m.id);
    case 'exit': return 'exit';
    case 'raise': return 'raise';
    case 'log': return clip(log ? `${log.level.toUpperCase()} ${log.template}` : n.text ?? 'log');
    case 'call': return clip(n.call ? `${n.call.receiver ? `${n.call.receiver}.` : ''}${n.call.name}(…)` : n.text ?? 'call');
    case 'branch': return clip(n.text ?? 'branch');
    case 'merge': return '';
    case 'throw': return clip(`throw ${n.text ?? ''}`);
    case 'catch': return clip(`catch ${n.catchTypes?.join(' | ') ?? n.text ?? ''}`);
    case 'finally': return 'finally';
    case 'return': return clip(`return ${n.text ?? ''}`);
  }
}

const nid = (methodId: string, id: number) => `${methodId}#${id}`;

function addMethod(view: IndexView, lcfg: Lcfg, m: MethodInfo, nodes: GraphNode[], edges: GraphEdge[]): void {
  for (const n of lcfg.nodes) {
    const log = n.logId ? view.logs.get(n.logId) : undefined;
    const g: GraphNode = {
      id: nid(m.id, n.id), label: nodeLabel(n, m, log), kind: n.kind, file: m.loc.file, line: n.line, methodId: m.id,
    };
    if (log) { g.level = log.level; g.eventId = log.eventId; g.template = log.template; }
    nodes.push(g);
  }
  lcfg.edges.forEach((e, i) => {
    const g: GraphEdge = { id: `${m.id}#e${i}`, from: nid(m.id, e.from), to: nid(m.id, e.to), kind: e.kind };
    if (e.cond !== undefined) g.cond = e.cond;
    if (e.polarity !== undefined) g.polarity = e.polarity;
    edges.push(g);
  });
}

function methodRef(m: MethodInfo) {
  return { id: m.id, name: methodLabel(m.id), file: m.loc.file, line: m.loc.line };
}

export function lcfgGraph(view: IndexView, methodId: string): GraphData | null {
  const m = view.methods.get(methodId);
  const lcfg = view.lcfgs.get(methodId);
  if (!m || !lcfg) return null;
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  addMethod(view, lcfg, m, nodes, edges);
  return { kind: 'lcfg', root: methodId, title: methodLabel(methodId), methods: [methodRef(m)], nodes, edges, truncated: false };
}

export interface EntryGraphOptions {
  depth: number;
  /** Node budget: methods that would exceed it are left out and the graph is marked truncated. */
  maxNodes: number;
}

export function entryGraph(view: IndexView, resolver: CallResolver, entry: string, opts: EntryGraphOptions): GraphData | null {
  const root = view.methods.get(entry);
  if (!root || !view.lcfgs.has(entry)) return null;
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const methods: GraphData['methods'] = [];
  const depthOf = new Map<string, number>([[entry, 0]]);
  const queue = [entry];
  const callEdges: { from: string; callee: string }[] = [];
  let truncated = false;
  // Breadth first, so the methods closest to the entry are the ones kept when the budget runs out.
  while (queue.length > 0) {
    const id = queue.shift()!;
    const m = view.methods.get(id);
    const lcfg = view.lcfgs.get(id);
    if (!m || !lcfg) continue;
    if (nodes.length + lcfg.nodes.length > opts.maxNodes && methods.length > 0) { truncated = true; continue; }
    addMethod(view, lcfg, m, nodes, edges);
    methods.push(methodRef(m));
    const d = depthOf.get(id)!;
    for (const n of lcfg.nodes) {
      if (n.kind !== 'call' || !n.call) continue;
      const resolved = resolver.resolve(id, n.call);
      // lambdas passed here run inside the callee or the library call (callgraph/lambdas.ts): drawn as callees too
      const lambdas = lambdasRun(n.call, () => resolved !== undefined);
      for (const callee of resolved !== undefined ? [resolved, ...lambdas] : lambdas) {
        if (!resolver.reachesLog(callee) || !view.lcfgs.has(callee)) continue;
        if (!depthOf.has(callee)) {
          if (d + 1 > opts.depth) { truncated = true; continue; }
          depthOf.set(callee, d + 1);
          queue.push(callee);
        }
        callEdges.push({ from: nid(id, n.id), callee });
      }
    }
  }
  const drawn = new Set(methods.map((m) => m.id));
  callEdges.forEach((c, i) => {
    if (!drawn.has(c.callee)) return;
    edges.push({ id: `call#${i}`, from: c.from, to: nid(c.callee, view.lcfgs.get(c.callee)!.entry), kind: 'call' });
  });
  return { kind: 'interprocedural', root: entry, title: `from ${methodLabel(entry)}`, methods, nodes, edges, truncated };
}
