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
  /** How groups are placed: 'flow' lays each group out on its own (DOWN) and places the groups left to right by
   *  the edges between them (edges across groups come back as curves to draw); 'joint' lays out everything at
   *  once (elk INCLUDE_CHILDREN), which is slower and stacks groups into a tall column. Default 'flow'. */
  groupPlacement?: 'flow' | 'joint';
  /** Direction the groups follow one another in 'flow' placement (RIGHT for a wide view, DOWN for a tall one). */
  groupFlow?: 'RIGHT' | 'DOWN';
}

export interface LayoutResult {
  width: number;
  height: number;
  nodes: Map<string, Box>;
  groups: Map<string, Box>;
  /** `curve`: an edge across groups in 'flow' placement, to draw as a cubic curve through its 4 points. */
  edges: Map<string, { points: Point[]; label?: Box; curve?: boolean }>;
  ms: number;
}

let elk: InstanceType<typeof ELK> | undefined;

/** Network simplex places nodes straighter and more compactly; Brandes-Koepf is about twice as fast, which
 *  matters more on big graphs (see scripts/bench/webview.mjs). */
const SIMPLEX_MAX_NODES = 120;
function placement(input: LayoutInput): string {
  return input.nodes.length <= SIMPLEX_MAX_NODES ? 'NETWORK_SIMPLEX' : 'BRANDES_KOEPF';
}

/** Options of the graph inside a group (flow placement lays each group out on its own). */
function inner(input: LayoutInput): Record<string, string> {
  return {
    'elk.algorithm': 'layered',
    'elk.direction': input.direction ?? 'DOWN',
    'elk.edgeRouting': input.routing ?? 'ORTHOGONAL',
    'elk.spacing.nodeNode': String(input.nodeSpacing ?? 18),
    'elk.layered.spacing.nodeNodeBetweenLayers': String(input.layerSpacing ?? 26),
    'elk.spacing.edgeNode': '12',
    'elk.spacing.edgeEdge': '8',
    'elk.layered.nodePlacement.strategy': placement(input),
    'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    'elk.edgeLabels.placement': 'CENTER',
  };
}

export async function layout(input: LayoutInput): Promise<LayoutResult> {
  const t0 = performance.now();
  elk ??= new ELK();
  const groups = new Map<string, ElkNode>();
  for (const g of input.groups ?? []) {
    groups.set(g.id, {
      id: g.id, children: [], edges: [],
      layoutOptions: {
        'elk.padding': `[top=${g.header + 10},left=12,bottom=12,right=12]`, 'elk.nodeSize.minimum': `(${g.minWidth}, 40)`, 'elk.nodeSize.constraints': 'MINIMUM_SIZE',
        ...inner(input),
      },
    });
  }
  const flow = (input.groupPlacement ?? 'flow') === 'flow' && groups.size > 0;
  const root: ElkNode = {
    id: '__root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': flow ? input.groupFlow ?? 'RIGHT' : input.direction ?? 'DOWN',
      'elk.edgeRouting': input.routing ?? 'ORTHOGONAL',
      'elk.hierarchyHandling': flow ? 'SEPARATE_CHILDREN' : 'INCLUDE_CHILDREN',
      'elk.json.edgeCoords': 'ROOT',
      'elk.json.shapeCoords': 'ROOT',
      'elk.spacing.nodeNode': String(input.nodeSpacing ?? 18),
      'elk.layered.spacing.nodeNodeBetweenLayers': String(input.layerSpacing ?? 26),
      'elk.spacing.edgeNode': '12',
      'elk.spacing.edgeEdge': '8',
      'elk.spacing.componentComponent': '28',
      'elk.layered.nodePlacement.strategy': placement(input),
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.edgeLabels.placement': 'CENTER',
      'elk.padding': '[top=16,left=16,bottom=16,right=16]',
      ...(flow ? { 'elk.layered.spacing.nodeNodeBetweenLayers': '70', 'elk.spacing.nodeNode': '28', 'elk.aspectRatio': '1.6' } : {}),
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
  const across: LayoutEdge[] = [];
  const groupLinks = new Set<string>();
  for (const e of input.edges) {
    if (!parentOf.has(e.from) || !parentOf.has(e.to)) continue;
    const edge: ElkExtendedEdge = { id: e.id, sources: [e.from], targets: [e.to] };
    if (e.label) edge.labels = [{ text: ' ', width: e.label.width, height: e.label.height }];
    // An edge inside one group is declared in that group; an edge between groups at the root (joint), or
    // replaced by one edge between the two groups that only orders them (flow).
    const pf = parentOf.get(e.from), pt = parentOf.get(e.to);
    if (pf !== undefined && pf === pt) { groups.get(pf)!.edges!.push(edge); continue; }
    if (!flow) { root.edges!.push(edge); continue; }
    across.push(e);
    const a = pf ?? e.from, b = pt ?? e.to;
    if (a !== b && !groupLinks.has(`${a}\u0000${b}`)) {
      groupLinks.add(`${a}\u0000${b}`);
      root.edges!.push({ id: `__link${groupLinks.size}`, sources: [a], targets: [b] });
    }
  }
  const out = await elk.layout(root);
  const res: LayoutResult = { width: out.width ?? 0, height: out.height ?? 0, nodes: new Map(), groups: new Map(), edges: new Map(), ms: 0 };
  const box = (n: ElkNode): Box => ({ x: n.x ?? 0, y: n.y ?? 0, width: n.width ?? 0, height: n.height ?? 0 });
  const visit = (n: ElkNode) => {
    for (const c of n.children ?? []) {
      if (groups.has(c.id)) { res.groups.set(c.id, box(c)); visit(c); } else res.nodes.set(c.id, box(c));
    }
    for (const e of (n.edges ?? []) as ElkExtendedEdge[]) {
      if (e.id.startsWith('__link')) continue;
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
  // Edges across groups (flow): a curve from the source's side facing the target to the target's facing side.
  for (const e of across) {
    const a = res.nodes.get(e.from), b = res.nodes.get(e.to);
    if (!a || !b) continue;
    if (input.groupFlow === 'DOWN' && b.y >= a.y + a.height) {
      const p0 = { x: a.x + a.width / 2, y: a.y + a.height }, p3 = { x: b.x + b.width / 2, y: b.y };
      const dy = Math.max(40, (p3.y - p0.y) / 2);
      res.edges.set(e.id, { points: [p0, { x: p0.x, y: p0.y + dy }, { x: p3.x, y: p3.y - dy }, p3], curve: true });
      continue;
    }
    const right = b.x >= a.x + a.width;
    const p0 = right ? { x: a.x + a.width, y: a.y + a.height / 2 } : { x: a.x, y: a.y + a.height / 2 };
    const p3 = right ? { x: b.x, y: b.y + b.height / 2 } : { x: b.x + b.width, y: b.y + b.height / 2 };
    const dx = Math.max(40, Math.abs(p3.x - p0.x) / 2) * (right ? 1 : -1);
    res.edges.set(e.id, { points: [p0, { x: p0.x + dx, y: p0.y }, { x: p3.x - dx, y: p3.y }, p3], curve: true });
  }
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

/** An SVG cubic curve through 4 points (start, two controls, end). */
export function curvePath(p: readonly Point[]): string {
  const f = (n: number) => Math.round(n * 10) / 10;
  if (p.length !== 4) return roundedPath(p);
  return `M${f(p[0]!.x)},${f(p[0]!.y)} C${f(p[1]!.x)},${f(p[1]!.y)} ${f(p[2]!.x)},${f(p[2]!.y)} ${f(p[3]!.x)},${f(p[3]!.y)}`;
}
