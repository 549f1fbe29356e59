// Which edges of a drawn graph a sequence went along. A LogSequence carries its path as `file:line` steps, so
// an edge is on it when it joins two consecutive steps (or two nodes of one line), looking through merge nodes,
// which are no steps of their own. Edges between two on-path nodes that the path never took stay unmarked.
import type { GraphData } from '../../src/shared/graph';

export function pathEdgeIds(g: GraphData, path: readonly string[]): string[] {
  const key = new Map(g.nodes.map((n) => [n.id, `${n.file}:${n.line}`]));
  const merge = new Set(g.nodes.filter((n) => n.kind === 'merge').map((n) => n.id));
  const steps = new Set(path);
  const pairs = new Set<string>();
  for (let i = 1; i < path.length; i++) pairs.add(`${path[i - 1]}\u0000${path[i]}`);
  const out = new Map<string, { id: string; to: string }[]>();
  for (const e of g.edges) (out.get(e.from) ?? out.set(e.from, []).get(e.from)!).push({ id: e.id, to: e.to });
  const on = new Set<string>();
  for (const n of g.nodes) {
    if (merge.has(n.id)) continue;
    const a = key.get(n.id)!;
    if (!steps.has(a)) continue;
    // Walk out of n through merge nodes; keep the route to every real node that is a next step.
    const stack: { node: string; route: string[] }[] = [{ node: n.id, route: [] }];
    const seen = new Set<string>([n.id]);
    while (stack.length) {
      const { node, route } = stack.pop()!;
      for (const e of out.get(node) ?? []) {
        if (merge.has(e.to)) {
          if (!seen.has(e.to)) { seen.add(e.to); stack.push({ node: e.to, route: [...route, e.id] }); }
          continue;
        }
        const b = key.get(e.to);
        if (b !== undefined && (pairs.has(`${a}\u0000${b}`) || (a === b && steps.has(b)))) for (const id of [...route, e.id]) on.add(id);
      }
    }
  }
  return [...on];
}
