// Text forms of an LCFG: Graphviz DOT for looking at a graph, and a compact one-edge-per-line summary
// that tests compare against exact expected shapes.
import type { Lcfg, LcfgEdge, LcfgNode, LogStatement } from '../model';

/** Base label of a node: `entry`, `log@12`, `call:send@7`, `branch(x > 0)`, `catch(IOException)`, `return(v)`. */
function baseLabel(n: LcfgNode): string {
  switch (n.kind) {
    case 'entry': case 'exit': case 'raise': return n.kind;
    case 'log': return `log@${n.line}`;
    case 'call': return `call:${n.call?.name ?? n.text ?? '?'}@${n.line}`;
    default: return n.text ? `${n.kind}(${n.text})` : n.kind;
  }
}

/**
 * Unique, readable labels: the base label, plus `@line` where two nodes would read the same, plus `#id`
 * where even that is not enough (finally copies, for instance).
 */
export function nodeLabels(g: Lcfg): Map<number, string> {
  const base = new Map(g.nodes.map((n) => [n.id, baseLabel(n)]));
  const count = (m: Map<number, string>): Map<string, number> => {
    const c = new Map<string, number>();
    for (const v of m.values()) c.set(v, (c.get(v) ?? 0) + 1);
    return c;
  };
  const c1 = count(base);
  const withLine = new Map(g.nodes.map((n) => {
    const b = base.get(n.id)!;
    return [n.id, c1.get(b)! > 1 && !b.includes('@') ? `${b}@${n.line}` : b];
  }));
  const c2 = count(withLine);
  return new Map(g.nodes.map((n) => {
    const l = withLine.get(n.id)!;
    return [n.id, c2.get(l)! > 1 ? `${l}#${n.id}` : l];
  }));
}

/** `->` normal, `-T->`/`-F->` true/false, `-[case 3]->`, `-ex(IOException)->`, `-back->`/`-back:F->`, `-exit->`. */
export function edgeArrow(e: LcfgEdge): string {
  const pol = e.polarity === undefined ? '' : e.polarity ? 'T' : 'F';
  switch (e.kind) {
    case 'normal': return '->';
    case 'true': return '-T->';
    case 'false': return '-F->';
    case 'case': return `-[${e.cond ?? ''}]->`;
    case 'exception': return e.cond ? `-ex(${e.cond})->` : '-ex->';
    case 'loop-back': return pol ? `-back:${pol}->` : '-back->';
    case 'loop-exit': return '-exit->';
  }
}

/** One line per edge, in edge order: `branch(x > 0) -T-> log@5`; with `assigns`, writes appended as ` {x,f}`. */
export function lcfgSummary(g: Lcfg, opts: { assigns?: boolean } = {}): string {
  const labels = nodeLabels(g);
  return g.edges.map((e) => {
    const w = opts.assigns && e.assigns?.length ? ` {${e.assigns.join(',')}}` : '';
    return `${labels.get(e.from)} ${edgeArrow(e)} ${labels.get(e.to)}${w}`;
  }).join('\n');
}

const dotEscape = (s: string): string => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** Graphviz DOT; log nodes show their template when `logs` is given. */
export function lcfgToDot(g: Lcfg, logs?: ReadonlyMap<string, LogStatement>): string {
  const labels = nodeLabels(g);
  const shape: Record<string, string> = {
    entry: 'Mdiamond', exit: 'Msquare', raise: 'doubleoctagon', branch: 'diamond', merge: 'circle', log: 'note',
  };
  const lines = [`digraph "${dotEscape(g.methodId)}" {`, '  node [fontname="monospace", shape=box];'];
  for (const n of g.nodes) {
    let label = labels.get(n.id)!;
    const stmt = n.logId ? logs?.get(n.logId) : undefined;
    if (stmt) label += `\n${stmt.level.toUpperCase()} ${stmt.template}`;
    lines.push(`  n${n.id} [label="${dotEscape(label)}"${shape[n.kind] ? `, shape=${shape[n.kind]}` : ''}];`);
  }
  for (const e of g.edges) {
    const arrow = edgeArrow(e);
    const label = arrow === '->' ? '' : arrow.slice(1, -2);
    const style = e.kind === 'exception' ? ', style=dashed, color=red' : e.kind === 'loop-back' ? ', style=dotted' : '';
    lines.push(`  n${e.from} -> n${e.to}${label ? ` [label="${dotEscape(label)}"${style}]` : style ? ` [${style.slice(2)}]` : ''};`);
  }
  lines.push('}');
  return lines.join('\n');
}
