// Pan (drag, arrow keys) and zoom (wheel, +/-, buttons, fit) of an SVG drawing: one transform on one group.
// A drag that moved more than a few pixels swallows the click that ends it, so panning never reveals a node.

export interface ViewTransform { x: number; y: number; k: number }

const MIN_K = 0.05;
const MAX_K = 4;
const DRAG_SLOP = 4;

export class Viewport {
  private t: ViewTransform = { x: 0, y: 0, k: 1 };
  private content = { width: 0, height: 0 };
  private drag: { id: number; x: number; y: number; tx: number; ty: number; moved: boolean } | undefined;
  private swallowClick = false;

  constructor(
    private readonly svg: SVGSVGElement,
    private readonly layer: SVGGElement,
    private readonly onChange: (t: ViewTransform) => void = () => {},
  ) {
    svg.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    svg.addEventListener('pointerdown', (e) => this.onDown(e));
    svg.addEventListener('pointermove', (e) => this.onMove(e));
    svg.addEventListener('pointerup', (e) => this.onUp(e));
    svg.addEventListener('pointercancel', (e) => this.onUp(e));
    svg.addEventListener('click', (e) => {
      if (this.swallowClick) { e.stopPropagation(); e.preventDefault(); this.swallowClick = false; }
    }, true);
    svg.addEventListener('keydown', (e) => this.onKey(e));
  }

  get transform(): ViewTransform { return { ...this.t }; }

  setContentSize(width: number, height: number): void { this.content = { width, height }; }

  set(t: ViewTransform): void {
    this.t = { x: t.x, y: t.y, k: Math.min(MAX_K, Math.max(MIN_K, t.k)) };
    this.layer.setAttribute('transform', `translate(${this.t.x.toFixed(1)},${this.t.y.toFixed(1)}) scale(${this.t.k.toFixed(4)})`);
    this.svg.dataset.zoom = this.t.k.toFixed(3);
    this.onChange(this.transform);
  }

  private size(): { w: number; h: number } {
    const r = this.svg.getBoundingClientRect();
    return { w: Math.max(1, r.width), h: Math.max(1, r.height) };
  }

  /** Whole drawing in view, centred; never magnified beyond 1.25 (a tiny graph stays at a natural size). */
  fit(): void {
    const { w, h } = this.size();
    const cw = Math.max(1, this.content.width), ch = Math.max(1, this.content.height);
    const k = Math.min(1.25, (w - 16) / cw, (h - 16) / ch);
    this.set({ k, x: (w - cw * k) / 2, y: (h - ch * k) / 2 });
  }

  /** Centre a box of the drawing (content coordinates), zooming out if needed so it fits, in if it is tiny. */
  focus(box: { x: number; y: number; width: number; height: number }, minK = 0.6): void {
    const { w, h } = this.size();
    const k = Math.max(Math.min(this.t.k, (w - 32) / Math.max(1, box.width), (h - 32) / Math.max(1, box.height)), Math.min(minK, this.t.k));
    this.set({ k, x: w / 2 - (box.x + box.width / 2) * k, y: h / 2 - (box.y + box.height / 2) * k });
  }

  /** Zoom by factor `f` about a point of the SVG element (its centre by default). */
  zoomBy(f: number, cx?: number, cy?: number): void {
    const { w, h } = this.size();
    const px = cx ?? w / 2, py = cy ?? h / 2;
    const k = Math.min(MAX_K, Math.max(MIN_K, this.t.k * f));
    const r = k / this.t.k;
    this.set({ k, x: px - (px - this.t.x) * r, y: py - (py - this.t.y) * r });
  }

  panBy(dx: number, dy: number): void { this.set({ ...this.t, x: this.t.x + dx, y: this.t.y + dy }); }

  private onWheel(e: WheelEvent): void {
    e.preventDefault();
    const r = this.svg.getBoundingClientRect();
    // Pinch gestures and ctrl+wheel arrive with ctrlKey: zoom faster; a plain wheel zooms gently.
    const f = Math.exp(-e.deltaY * (e.ctrlKey ? 0.01 : 0.0015));
    this.zoomBy(f, e.clientX - r.left, e.clientY - r.top);
  }

  private onDown(e: PointerEvent): void {
    if (e.button !== 0) return;
    this.drag = { id: e.pointerId, x: e.clientX, y: e.clientY, tx: this.t.x, ty: this.t.y, moved: false };
  }

  private onMove(e: PointerEvent): void {
    const d = this.drag;
    if (!d || d.id !== e.pointerId) return;
    const dx = e.clientX - d.x, dy = e.clientY - d.y;
    if (!d.moved && Math.hypot(dx, dy) < DRAG_SLOP) return;
    if (!d.moved) { d.moved = true; this.svg.setPointerCapture(e.pointerId); this.svg.classList.add('panning'); }
    this.set({ ...this.t, x: d.tx + dx, y: d.ty + dy });
  }

  private onUp(e: PointerEvent): void {
    const d = this.drag;
    if (!d || d.id !== e.pointerId) return;
    this.drag = undefined;
    if (d.moved) {
      this.swallowClick = true;
      // A pointerup outside the drawing produces no click: forget the swallow on the next turn.
      setTimeout(() => { this.swallowClick = false; }, 0);
      this.svg.classList.remove('panning');
      if (this.svg.hasPointerCapture(e.pointerId)) this.svg.releasePointerCapture(e.pointerId);
    }
  }

  private onKey(e: KeyboardEvent): void {
    const step = 60;
    switch (e.key) {
      case '+': case '=': this.zoomBy(1.2); break;
      case '-': case '_': this.zoomBy(1 / 1.2); break;
      case '0': this.fit(); break;
      case 'ArrowLeft': if (e.target !== this.svg) return; this.panBy(step, 0); break;
      case 'ArrowRight': if (e.target !== this.svg) return; this.panBy(-step, 0); break;
      case 'ArrowUp': if (e.target !== this.svg) return; this.panBy(0, step); break;
      case 'ArrowDown': if (e.target !== this.svg) return; this.panBy(0, -step); break;
      default: return;
    }
    e.preventDefault();
  }
}
