// Layered layout with elkjs, for any graph the views draw (an LCFG, the inter-procedural graph, a state
// machine). elk.bundled.js runs on the main thread: a worker does not load under the webview's CSP.
// All coordinates come back absolute (elk.json.*Coords = ROOT), so nested method groups need no offsets.
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';

export interface Point { x: number; y: number }
export interface Box { x: number; y: number; width: number; height: number }

export interface LayoutNode { id: string; width: number; height: number; /** Group (compound node) it belongs to. */ group?: string }
export interface LayoutEdge { id: string; from: string; to: string; /** Room for a label, if the edge has one. */ label?: { width: number; height: number } }
export interface LayoutGroup { id: string; /** Height of the group's title bar. */ header: number; minWidth: number }

export interface LayoutInput {
  nodes: LayoutNode[];
  edges: LayoutEdge[];
  groups?: LayoutGroup[];
  direction?: 'DOWN' | 'RIGHT';
  /** Orthogonal suits control flow; splines suit state machines with many parallel transitions. */
  routing?: 'ORTHOGONAL' | 'SPLINES' | 'POLYLINE';
  nodeSpacing?: number;
  layerSpacing?: number;
}

export interface LayoutResult {
  width: number;
  height: number;
  nodes: Map<string, Box>;
  groups: Map<string, Box>;
  edges: Map<string, { points: Point[]; label?: Box }>;
  ms: number;
}

let elk: InstanceType<typeof ELK> | undefined;

export async function layout(input: LayoutInput): Promise<LayoutResult> {
  const t0 = performance.now();
  elk ??= new ELK();
  const groups = new Map<string, ElkNode>();
  for (const g of input.groups ?? []) {
    groups.set(g.id, {
      id: g.id, children: [], edges: [],
      layoutOptions: { 'elk.padding': `[top=${g.header + 10},left=12,bottom=12,right=12]`, 'elk.nodeSize.minimum': `(${g.minWidth}, 40)`, 'elk.nodeSize.constraints': 'MINIMUM_SIZE' },
    });
  }
  const root: ElkNode = {
    id: '__root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': input.direction ?? 'DOWN',
      'elk.edgeRouting': input.routing ?? 'ORTHOGONAL',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.json.edgeCoords': 'ROOT',
      'elk.json.shapeCoords': 'ROOT',
      'elk.spacing.nodeNode': String(input.nodeSpacing ?? 18),
      'elk.layered.spacing.nodeNodeBetweenLayers': String(input.layerSpacing ?? 26),
      'elk.spacing.edgeNode': '12',
      'elk.spacing.edgeEdge': '8',
      'elk.spacing.componentComponent': '28',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.edgeLabels.placement': 'CENTER',
      'elk.padding': '[top=16,left=16,bottom=16,right=16]',
    },
    children: [],
    edges: [],
  };
  const parentOf = new Map<string, string | undefined>();
  for (const n of input.nodes) {
    const p = n.group !== undefined ? groups.get(n.group) : undefined;
    (p ?? root).children!.push({ id: n.id, width: n.width, height: n.height });
    parentOf.set(n.id, p ? n.group : undefined);
  }
  for (const g of groups.values()) root.children!.push(g);
  for (const e of input.edges) {
    if (!parentOf.has(e.from) || !parentOf.has(e.to)) continue;
    const edge: ElkExtendedEdge = { id: e.id, sources: [e.from], targets: [e.to] };
    if (e.label) edge.labels = [{ text: ' ', width: e.label.width, height: e.label.height }];
    // An edge inside one group is declared in that group; an edge between groups at the root.
    const pf = parentOf.get(e.from), pt = parentOf.get(e.to);
    const holder = pf !== undefined && pf === pt ? groups.get(pf)! : root;
    holder.edges!.push(edge);
  }
  const out = await elk.layout(root);
  const res: LayoutResult = { width: out.width ?? 0, height: out.height ?? 0, nodes: new Map(), groups: new Map(), edges: new Map(), ms: 0 };
  const box = (n: ElkNode): Box => ({ x: n.x ?? 0, y: n.y ?? 0, width: n.width ?? 0, height: n.height ?? 0 });
  const visit = (n: ElkNode) => {
    for (const c of n.children ?? []) {
      if (groups.has(c.id)) { res.groups.set(c.id, box(c)); visit(c); } else res.nodes.set(c.id, box(c));
    }
    for (const e of (n.edges ?? []) as ElkExtendedEdge[]) {
      const points: Point[] = [];
      for (const sct of e.sections ?? []) {
        if (points.length === 0) points.push(sct.startPoint);
        points.push(...(sct.bendPoints ?? []), sct.endPoint);
      }
      const l = e.labels?.[0];
      const entry: { points: Point[]; label?: Box } = { points };
      if (l && l.x !== undefined) entry.label = { x: l.x, y: l.y ?? 0, width: l.width ?? 0, height: l.height ?? 0 };
      res.edges.set(e.id, entry);
    }
  };
  visit(out);
  res.ms = performance.now() - t0;
  return res;
}

/** An SVG path through `points` with rounded corners of radius `r` (orthogonal routes read better rounded). */
export function roundedPath(points: readonly Point[], r = 6): string {
  if (points.length === 0) return '';
  const f = (n: number) => Math.round(n * 10) / 10;
  let d = `M${f(points[0]!.x)},${f(points[0]!.y)}`;
  for (let i = 1; i < points.length; i++) {
    const p = points[i]!;
    const next = points[i + 1];
    if (!next) { d += ` L${f(p.x)},${f(p.y)}`; break; }
    const prev = points[i - 1]!;
    const d1 = Math.hypot(p.x - prev.x, p.y - prev.y), d2 = Math.hypot(next.x - p.x, next.y - p.y);
    const rr = Math.min(r, d1 / 2, d2 / 2);
    if (rr < 0.5) { d += ` L${f(p.x)},${f(p.y)}`; continue; }
    const a = { x: p.x + ((prev.x - p.x) / d1) * rr, y: p.y + ((prev.y - p.y) / d1) * rr };
    const b = { x: p.x + ((next.x - p.x) / d2) * rr, y: p.y + ((next.y - p.y) / d2) * rr };
    d += ` L${f(a.x)},${f(a.y)} Q${f(p.x)},${f(p.y)} ${f(b.x)},${f(b.y)}`;
  }
  return d;
}
