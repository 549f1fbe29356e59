// Structural invariants every LCFG from buildLcfg satisfies. Used by the tests on real and malformed
// code, and handy when a later stage meets a graph it does not understand.
import type { Lcfg } from '../model';

const CONDITIONAL = new Set(['true', 'false', 'case', 'loop-exit']);

/** Human-readable violations; empty when the graph is well formed. */
export function lcfgProblems(g: Lcfg): string[] {
  const out: string[] = [];
  const n = g.nodes.length;
  g.nodes.forEach((node, i) => { if (node.id !== i) out.push(`node ${i} has id ${node.id}`); });
  if (g.nodes[g.entry]?.kind !== 'entry') out.push('entry is not an entry node');
  if (g.nodes[g.exit]?.kind !== 'exit') out.push('exit is not an exit node');
  if (g.nodes[g.raise]?.kind !== 'raise') out.push('raise is not a raise node');
  const outs = new Map<number, number>();
  for (const e of g.edges) {
    const tag = `edge ${e.from}->${e.to} (${e.kind})`;
    if (e.from < 0 || e.from >= n || e.to < 0 || e.to >= n) { out.push(`${tag} points outside the graph`); continue; }
    outs.set(e.from, (outs.get(e.from) ?? 0) + 1);
    const from = g.nodes[e.from]!;
    if (from.kind === 'exit' || from.kind === 'raise') out.push(`${tag} leaves a terminal node`);
    if (CONDITIONAL.has(e.kind) && (e.cond === undefined || e.polarity === undefined)) out.push(`${tag} lacks cond/polarity`);
    if (e.kind === 'exception' && from.kind !== 'call' && from.kind !== 'throw') out.push(`${tag} leaves a ${from.kind} node`);
    if (from.kind === 'throw' && e.kind !== 'exception') out.push(`${tag} leaves a throw without an exception edge`);
    if (!g.degraded && !Array.isArray(e.assigns)) out.push(`${tag} has no assigns`);
  }
  for (const node of g.nodes) {
    if (node.kind === 'exit' || node.kind === 'raise') continue;
    if (!outs.get(node.id)) out.push(`node ${node.id} (${node.kind}, line ${node.line}) has no way out`);
    if (node.kind === 'log' && !node.logId) out.push(`log node ${node.id} has no logId`);
    if (node.kind === 'call' && !node.call) out.push(`call node ${node.id} has no call site`);
  }
  // Everything but exit and raise is reachable from entry.
  const adj = new Map<number, number[]>();
  for (const e of g.edges) (adj.get(e.from) ?? adj.set(e.from, []).get(e.from)!).push(e.to);
  const seen = new Set([g.entry]);
  const stack = [g.entry];
  while (stack.length) for (const t of adj.get(stack.pop()!) ?? []) if (!seen.has(t)) { seen.add(t); stack.push(t); }
  for (const node of g.nodes) if (!seen.has(node.id) && node.id !== g.exit && node.id !== g.raise) out.push(`node ${node.id} (${node.kind}) is unreachable`);
  return out;
}
