// The graph viewer: GraphData (an LCFG or the inter-procedural graph from an entry) laid out with elkjs and
// drawn as SVG, methods as titled groups, with pan/zoom, node click -> reveal source, and path highlighting.
// DOM contract (test/vscode/ui-e2e.mjs relies on it): every node is an element with data-node-id and data-line.
import type { GraphData, GraphNode } from '../../src/shared/graph';
import { h, s, clip, textWidth } from '../ui/dom';
import { curvePath, layout, roundedPath, type LayoutEdge, type LayoutGroup, type LayoutNode, type LayoutResult } from './layout';
import { Viewport, type ViewTransform } from './viewport';
import {
  EDGE_FONT_PX, LEVEL_CHIP_GAP, MERGE_SIZE, NODE_FONT_PX, NODE_HEIGHT, TERMINAL_HEIGHT,
  edgeMark, isTerminal, nodeFace,
} from './style';

export interface GraphViewEvents {
  reveal(node: GraphNode): void;
  /** Double-click on a method's title bar in an inter-procedural graph. */
  openMethod?(methodId: string): void;
  transformChanged?(t: ViewTransform): void;
}

export interface RenderTiming { layoutMs: number; renderMs: number; nodes: number; edges: number }

const GROUP_HEADER = 22;
const MARKERS = ['normal', 'exception', 'call', 'back', 'path'] as const;

function codeFont(): string {
  const fam = getComputedStyle(document.documentElement).getPropertyValue('--vscode-editor-font-family').trim();
  return fam || 'ui-monospace, Menlo, Consolas, monospace';
}

function uiFont(): string {
  const fam = getComputedStyle(document.documentElement).getPropertyValue('--vscode-font-family').trim();
  return fam || 'system-ui, sans-serif';
}

export class GraphView {
  readonly element: HTMLElement;
  private readonly svg: SVGSVGElement;
  private readonly layer: SVGGElement;
  private readonly viewport: Viewport;
  private readonly empty: HTMLElement;
  private graph: GraphData | undefined;
  private laid: LayoutResult | undefined;
  private nodeEls = new Map<string, SVGGElement>();
  private edgeEls: { el: SVGPathElement; id: string; from: string; to: string }[] = [];
  private highlighted = new Set<string>();
  /** Edges of the highlighted path; undefined: every edge between two highlighted nodes. */
  private highlightedEdges: Set<string> | undefined;
  private generation = 0;

  constructor(private readonly events: GraphViewEvents) {
    this.svg = s('svg', { class: 'graph', tabindex: 0, role: 'application', 'aria-label': 'Graph. Drag or arrow keys to pan, wheel or +/- to zoom, 0 to fit; Tab to the nodes, Enter to open a node\'s source line.' });
    this.layer = s('g', { class: 'viewport' });
    this.svg.append(this.defs(), this.layer);
    this.viewport = new Viewport(this.svg, this.layer, (t) => this.events.transformChanged?.(t));
    this.empty = h('div', { class: 'empty' }, 'No graph yet. Run “Generate logs from here” on a Java method, or “Show method LCFG”.');
    this.element = h('div', { class: 'graph-host' }, this.svg, this.empty);
    this.svg.classList.add('hidden');
  }

  get current(): GraphData | undefined { return this.graph; }
  get transform(): ViewTransform { return this.viewport.transform; }

  fit(): void { this.viewport.fit(); }
  zoomIn(): void { this.viewport.zoomBy(1.25); }
  zoomOut(): void { this.viewport.zoomBy(1 / 1.25); }

  private defs(): SVGDefsElement {
    const d = s('defs');
    for (const m of MARKERS) {
      d.append(s('marker', { id: `arrow-${m}`, class: `marker marker-${m}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
        s('path', { d: 'M0,1 L10,5 L0,9 z' })));
    }
    return d;
  }

  /** Lays out and draws `g`; resolves when it is on screen. A newer call supersedes an older one still laying out. */
  async show(g: GraphData, opts: { transform?: ViewTransform } = {}): Promise<RenderTiming | undefined> {
    const gen = ++this.generation;
    this.element.classList.add('loading');
    const font = codeFont();
    const nodeFont = `${NODE_FONT_PX}px ${font}`;
    const edgeFont = `${EDGE_FONT_PX}px ${uiFont()}`;
    const grouped = g.methods.length > 1;
    const faces = new Map(g.nodes.map((n) => [n.id, nodeFace(n)]));
    const nodes: LayoutNode[] = g.nodes.map((n) => {
      if (n.kind === 'merge') return { id: n.id, width: MERGE_SIZE, height: MERGE_SIZE, ...(grouped ? { group: n.methodId } : {}) };
      const f = faces.get(n.id)!;
      const chip = f.level ? textWidth(f.level, `600 ${nodeFont}`) + LEVEL_CHIP_GAP + 8 : 0;
      const w = Math.ceil(Math.max(isTerminal(n.kind) ? 44 : 56, textWidth(f.text, nodeFont) + chip + (n.kind === 'call' ? 30 : 20)));
      return { id: n.id, width: w, height: isTerminal(n.kind) ? TERMINAL_HEIGHT : NODE_HEIGHT, ...(grouped ? { group: n.methodId } : {}) };
    });
    const ids = new Set(g.nodes.map((n) => n.id));
    const edges: LayoutEdge[] = g.edges.filter((e) => ids.has(e.from) && ids.has(e.to)).map((e) => {
      const mark = edgeMark(e);
      return mark ? { id: e.id, from: e.from, to: e.to, label: { width: Math.ceil(textWidth(mark, edgeFont)) + 8, height: 14 } } : { id: e.id, from: e.from, to: e.to };
    });
    const groups: LayoutGroup[] = grouped
      ? g.methods.map((m) => ({ id: m.id, header: GROUP_HEADER, minWidth: Math.min(320, Math.ceil(textWidth(clip(m.name, 48), `600 ${NODE_FONT_PX}px ${uiFont()}`)) + 24) }))
      : [];
    let laid: LayoutResult;
    try {
      // Methods follow one another across a wide view and down a tall one (the side bar), so fit keeps them legible.
      const r = this.element.getBoundingClientRect();
      laid = await layout({ nodes, edges, groups, groupFlow: r.height > r.width * 1.2 ? 'DOWN' : 'RIGHT' });
    } finally {
      if (gen === this.generation) this.element.classList.remove('loading');
    }
    if (gen !== this.generation) return undefined;
    const t0 = performance.now();
    this.graph = g;
    this.laid = laid;
    this.draw(g, laid, faces, nodeFont);
    this.viewport.setContentSize(laid.width, laid.height);
    if (opts.transform) this.viewport.set(opts.transform); else this.viewport.fit();
    this.applyHighlight();
    const timing = { layoutMs: laid.ms, renderMs: performance.now() - t0, nodes: g.nodes.length, edges: g.edges.length };
    this.svg.dataset.rendered = String(gen);
    this.svg.dataset.layoutMs = laid.ms.toFixed(1);
    return timing;
  }

  clear(): void {
    this.generation++;
    this.graph = undefined;
    this.laid = undefined;
    this.layer.replaceChildren();
    this.nodeEls.clear();
    this.edgeEls = [];
    this.svg.classList.add('hidden');
    this.empty.classList.remove('hidden');
  }

  private draw(g: GraphData, laid: LayoutResult, faces: Map<string, ReturnType<typeof nodeFace>>, nodeFont: string): void {
    this.nodeEls.clear();
    this.edgeEls = [];
    const groupLayer = s('g', { class: 'groups' });
    const edgeLayer = s('g', { class: 'edges' });
    const labelLayer = s('g', { class: 'edge-labels' });
    const nodeLayer = s('g', { class: 'nodes' });
    for (const m of g.methods) {
      const b = laid.groups.get(m.id);
      if (!b) continue;
      const root = m.id === g.root;
      const group = s('g', { class: `group${root ? ' root' : ''}`, 'data-method': m.id },
        s('title', {}, `${m.name}\n${m.file}:${m.line}${this.events.openMethod ? '\nDouble-click: this method\'s LCFG' : ''}`),
        s('rect', { x: b.x, y: b.y, width: b.width, height: b.height, rx: 6 }),
        s('rect', { class: 'group-header', x: b.x, y: b.y, width: b.width, height: GROUP_HEADER, rx: 6 }),
        s('text', { x: b.x + 10, y: b.y + 15 }, clip(m.name, Math.max(8, Math.floor((b.width - 20) / 6.5)))));
      if (this.events.openMethod) group.addEventListener('dblclick', (e) => { e.stopPropagation(); this.events.openMethod?.(m.id); });
      groupLayer.append(group);
    }
    const kindOf = new Map(g.nodes.map((n) => [n.id, n.kind]));
    for (const e of g.edges) {
      const r = laid.edges.get(e.id);
      if (!r || r.points.length < 2) continue;
      const back = e.kind === 'loop-back';
      const marker = e.kind === 'exception' ? 'exception' : e.kind === 'call' ? 'call' : back ? 'back' : 'normal';
      const into = kindOf.get(e.to) === 'merge';
      const path = s('path', {
        class: `edge edge-${e.kind}${e.polarity === false ? ' neg' : ''}`, d: r.curve ? curvePath(r.points) : roundedPath(r.points),
        'marker-end': into ? undefined : `url(#arrow-${marker})`, 'data-edge-id': e.id, 'data-from': e.from, 'data-to': e.to,
      });
      if (e.cond) path.append(s('title', {}, `${e.kind}: ${e.cond}`));
      edgeLayer.append(path);
      this.edgeEls.push({ el: path, id: e.id, from: e.from, to: e.to });
      const mark = edgeMark(e);
      if (mark && r.label) {
        labelLayer.append(s('g', { class: `edge-label edge-${e.kind}` },
          s('rect', { x: r.label.x, y: r.label.y, width: r.label.width, height: r.label.height, rx: 3 }),
          s('text', { x: r.label.x + r.label.width / 2, y: r.label.y + r.label.height / 2 + 3.5, 'text-anchor': 'middle' }, mark)));
      }
    }
    for (const n of g.nodes) {
      const b = laid.nodes.get(n.id);
      if (!b) continue;
      const f = faces.get(n.id)!;
      const el = this.drawNode(n, b, f, nodeFont);
      this.nodeEls.set(n.id, el);
      nodeLayer.append(el);
    }
    this.layer.replaceChildren(groupLayer, edgeLayer, labelLayer, nodeLayer);
    this.svg.classList.remove('hidden');
    this.empty.classList.add('hidden');
    this.svg.dataset.kind = g.kind;
    this.svg.dataset.nodes = String(g.nodes.length);
  }

  private drawNode(n: GraphNode, b: { x: number; y: number; width: number; height: number }, f: ReturnType<typeof nodeFace>, nodeFont: string): SVGGElement {
    const cls = `node kind-${n.kind}${n.level ? ` level-${n.level}` : ''}${n.methodId === this.graph?.root && n.kind === 'entry' ? ' root' : ''}`;
    const g = s('g', {
      class: cls, transform: `translate(${b.x},${b.y})`, 'data-node-id': n.id, 'data-line': n.line, 'data-file': n.file, 'data-kind': n.kind,
      tabindex: n.kind === 'merge' ? undefined : 0, role: n.kind === 'merge' ? undefined : 'button',
      'aria-label': n.kind === 'merge' ? undefined : `${n.kind}${f.level ? ` ${f.level}` : ''} ${f.text}, line ${n.line}`,
    }, s('title', {}, f.title));
    const { width: w, height: hh } = b;
    if (n.kind === 'merge') {
      g.append(s('circle', { class: 'shape', cx: w / 2, cy: hh / 2, r: w / 2 }));
      return this.wire(g, n);
    }
    if (n.kind === 'branch') {
      const c = 8;
      g.append(s('path', { class: 'shape', d: `M${c},0 H${w - c} L${w},${hh / 2} L${w - c},${hh} H${c} L0,${hh / 2} Z` }));
    } else {
      g.append(s('rect', { class: 'shape', width: w, height: hh, rx: isTerminal(n.kind) ? hh / 2 : 4 }));
    }
    if (n.kind === 'call') {
      g.append(s('path', { class: 'call-bars', d: `M7,0 V${hh} M${w - 7},0 V${hh}` }));
    }
    let x = n.kind === 'call' ? 15 : isTerminal(n.kind) ? w / 2 : 10;
    const text = s('text', { class: 'label', x, y: hh / 2 + NODE_FONT_PX / 2 - 1.5, 'text-anchor': isTerminal(n.kind) ? 'middle' : undefined });
    if (f.level) {
      const cw = textWidth(f.level, `600 ${nodeFont}`) + 8;
      g.append(s('rect', { class: 'level-chip', x: 4, y: 4, width: cw, height: hh - 8, rx: 3 }));
      g.append(s('text', { class: 'level-text', x: 4 + cw / 2, y: hh / 2 + NODE_FONT_PX / 2 - 1.5, 'text-anchor': 'middle' }, f.level));
      x = 4 + cw + LEVEL_CHIP_GAP;
      text.setAttribute('x', String(x));
    }
    text.textContent = f.text;
    g.append(text);
    return this.wire(g, n);
  }

  private wire(g: SVGGElement, n: GraphNode): SVGGElement {
    if (n.kind === 'merge') return g;
    const open = () => {
      this.svg.querySelectorAll('.node.selected').forEach((el) => el.classList.remove('selected'));
      g.classList.add('selected');
      this.events.reveal(n);
    };
    g.addEventListener('click', (e) => { e.stopPropagation(); open(); });
    g.addEventListener('dblclick', (e) => e.stopPropagation());
    g.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); }
    });
    return g;
  }

  /** Marks the nodes of a path, and the edges it took (given) or else every edge joining two of the nodes;
   *  an empty list clears the highlight. */
  highlight(ids: readonly string[], edgeIds?: readonly string[]): void {
    this.highlighted = new Set(ids);
    this.highlightedEdges = edgeIds ? new Set(edgeIds) : undefined;
    this.applyHighlight();
  }

  /** Brings the highlighted nodes into view (zooming out only as far as needed). */
  revealHighlight(): void {
    if (!this.laid || this.highlighted.size === 0) return;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const id of this.highlighted) {
      const b = this.laid.nodes.get(id);
      if (!b) continue;
      x0 = Math.min(x0, b.x); y0 = Math.min(y0, b.y); x1 = Math.max(x1, b.x + b.width); y1 = Math.max(y1, b.y + b.height);
    }
    if (x0 === Infinity) return;
    this.viewport.focus({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 });
  }

  private applyHighlight(): void {
    const on = this.highlighted;
    let n = 0;
    for (const [id, el] of this.nodeEls) {
      const hit = on.has(id);
      el.classList.toggle('on-path', hit);
      if (hit) n++;
    }
    const edges = this.highlightedEdges;
    for (const e of this.edgeEls) e.el.classList.toggle('on-path', edges ? edges.has(e.id) : on.has(e.from) && on.has(e.to));
    this.svg.classList.toggle('has-path', n > 0);
    this.svg.dataset.highlighted = String(n);
  }
}
