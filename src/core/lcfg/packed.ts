// The LCFGs of one file, kept packed: their nodes and edges as rows of one Int32Array, and the strings, call
// sites and lists the rows point at in one array beside it. Each graph's `nodes` and `edges` are made from
// the rows the first time something reads them.
//
// Why: an index keeps every method's LCFG for as long as it lives, and as plain objects that was 600k
// node and edge objects (77 MB) for the 400k-line corpus, which the young-generation collector copied on
// every collection while the index grew. Measured on that corpus, keeping them cost 6-11% of the whole
// index time against dropping them. Packed, the graph objects of one file die young; what stays is two
// arrays per file. The call graph reads the rows it needs (log and call nodes) without making the objects.
import type { CallSite, FileIndex, Lcfg, LcfgEdge, LcfgEdgeKind, LcfgNode, LcfgNodeKind } from '../model';
import { trimmed } from '../util/trimmed';

const NODE_KINDS: readonly LcfgNodeKind[] = ['entry', 'exit', 'raise', 'log', 'call', 'branch', 'merge', 'throw', 'catch', 'finally', 'return'];
const EDGE_KINDS: readonly LcfgEdgeKind[] = ['normal', 'true', 'false', 'case', 'exception', 'loop-back', 'loop-exit'];
const LOG = 3;
const CALL = 4;
const THROW = 7;

// Switches, not a Map: packing looks a kind up for each of the index's 600k nodes and edges.
function nodeCode(k: LcfgNodeKind): number {
  switch (k) {
    case 'entry': return 0; case 'exit': return 1; case 'raise': return 2; case 'log': return LOG; case 'call': return CALL;
    case 'branch': return 5; case 'merge': return 6; case 'throw': return THROW; case 'catch': return 8; case 'finally': return 9;
    case 'return': return 10;
  }
}

function edgeCode(k: LcfgEdgeKind): number {
  switch (k) {
    case 'normal': return 0; case 'true': return 1; case 'false': return 2; case 'case': return 3; case 'exception': return 4;
    case 'loop-back': return 5; case 'loop-exit': return 6;
  }
}

// Node row: kind, line, then refs (index into `refs`, -1 for undefined) of text, logId, call, catchTypes.
const NODE_W = 6;
// Edge row: from, to, kind, polarity (0 undefined, 1 true, 2 false), refs of cond and assigns (-2: no writes).
const EDGE_W = 6;
const NONE = -1;
const NO_WRITES = -2;

/** One shared empty `assigns`, as the builder gives edges that write nothing (frozen: nobody may add to it). */
const NO_ASSIGNS = Object.freeze([]) as unknown as string[];

/** What the rows of one file point at; shared by that file's graphs. */
interface Store {
  readonly ints: Int32Array;
  readonly refs: readonly unknown[];
}

/** An LCFG read from packed rows; `nodes` and `edges` are made on first use and then kept. */
export class PackedLcfg implements Lcfg {
  readonly entry: number;
  readonly exit: number;
  readonly raise: number;
  readonly degraded?: string;
  private madeNodes: LcfgNode[] | undefined;
  private madeEdges: LcfgEdge[] | undefined;

  constructor(
    readonly methodId: string,
    readonly store: Store,
    /** Row offsets (in ints) and counts. */
    readonly nodeAt: number,
    readonly nodeCount: number,
    readonly edgeAt: number,
    readonly edgeCount: number,
    ends: { entry: number; exit: number; raise: number },
    degraded: string | undefined,
  ) {
    this.entry = ends.entry;
    this.exit = ends.exit;
    this.raise = ends.raise;
    if (degraded !== undefined) this.degraded = degraded;
  }

  get nodes(): LcfgNode[] {
    return (this.madeNodes ??= this.makeNodes());
  }

  get edges(): LcfgEdge[] {
    return (this.madeEdges ??= this.makeEdges());
  }

  /** The plain shape (JSON drops the undefined properties), as the cache and the workers write it. */
  toJSON(): Lcfg {
    const g: Lcfg = { methodId: this.methodId, nodes: this.nodes, edges: this.edges, entry: this.entry, exit: this.exit, raise: this.raise };
    if (this.degraded !== undefined) g.degraded = this.degraded;
    return g;
  }

  /** Calls `onLog` for each log node's log id and `onCall` for each call node's site, in node order, without
   *  making node objects; returns whether the graph has a log, call or throw node. */
  scan(onLog: (logId: string) => void, onCall: (call: CallSite) => void): boolean {
    const { ints, refs } = this.store;
    let behaviour = false;
    for (let o = this.nodeAt, end = o + this.nodeCount * NODE_W; o < end; o += NODE_W) {
      const k = ints[o]!;
      if (k === LOG) {
        behaviour = true;
        const r = ints[o + 3]!;
        if (r >= 0 && refs[r]) onLog(refs[r] as string);
      } else if (k === CALL) {
        behaviour = true;
        const r = ints[o + 4]!;
        if (r >= 0 && refs[r]) onCall(refs[r] as CallSite);
      } else if (k === THROW) behaviour = true;
    }
    return behaviour;
  }

  private makeNodes(): LcfgNode[] {
    const { ints, refs } = this.store;
    const ref = (r: number): unknown => (r >= 0 ? refs[r] : undefined);
    const out: LcfgNode[] = new Array(this.nodeCount);
    for (let i = 0, o = this.nodeAt; i < this.nodeCount; i++, o += NODE_W) {
      // every property present, in the builder's order: one object shape for all nodes
      out[i] = {
        id: i, kind: NODE_KINDS[ints[o]!]!, line: ints[o + 1]!,
        logId: ref(ints[o + 3]!) as string | undefined, call: ref(ints[o + 4]!) as CallSite | undefined,
        text: ref(ints[o + 2]!) as string | undefined, catchTypes: ref(ints[o + 5]!) as string[] | undefined,
      };
    }
    return out;
  }

  private makeEdges(): LcfgEdge[] {
    const { ints, refs } = this.store;
    const out: LcfgEdge[] = new Array(this.edgeCount);
    for (let i = 0, o = this.edgeAt; i < this.edgeCount; i++, o += EDGE_W) {
      const p = ints[o + 3]!;
      const c = ints[o + 4]!;
      const a = ints[o + 5]!;
      out[i] = {
        from: ints[o]!, to: ints[o + 1]!, kind: EDGE_KINDS[ints[o + 2]!]!,
        cond: c >= 0 ? (refs[c] as string) : undefined,
        polarity: p === 0 ? undefined : p === 1,
        assigns: a === NO_WRITES ? NO_ASSIGNS : a >= 0 ? (refs[a] as string[]) : undefined,
      };
    }
    return out;
  }
}

/** Growable rows for one file at a time (reused: one exact-size copy per file is all that is kept). */
let rows = new Int32Array(4096);

/** Packs the LCFGs of one file. Their node ids must be their indexes (as buildLcfg makes them). */
export function packLcfgs(graphs: readonly Lcfg[]): PackedLcfg[] {
  let size = 0;
  for (const g of graphs) size += g.nodes.length * NODE_W + g.edges.length * EDGE_W;
  if (rows.length < size) rows = new Int32Array(Math.max(size, rows.length * 2));
  const refs: unknown[] = [];
  const ref = (v: unknown): number => {
    if (v === undefined) return NONE;
    refs.push(v);
    return refs.length - 1;
  };
  let at = 0;
  const spans: number[] = [];
  for (const g of graphs) {
    const nodeAt = at;
    for (let i = 0; i < g.nodes.length; i++) {
      const n = g.nodes[i]!;
      if (n.id !== i) throw new Error(`LCFG ${g.methodId}: node ${i} has id ${n.id}`);
      rows[at] = nodeCode(n.kind);
      rows[at + 1] = n.line;
      rows[at + 2] = ref(n.text);
      rows[at + 3] = ref(n.logId);
      rows[at + 4] = ref(n.call);
      rows[at + 5] = ref(n.catchTypes);
      at += NODE_W;
    }
    const edgeAt = at;
    for (const e of g.edges) {
      rows[at] = e.from;
      rows[at + 1] = e.to;
      rows[at + 2] = edgeCode(e.kind);
      rows[at + 3] = e.polarity === undefined ? 0 : e.polarity ? 1 : 2;
      rows[at + 4] = ref(e.cond);
      rows[at + 5] = e.assigns !== undefined && e.assigns.length === 0 ? NO_WRITES : ref(e.assigns);
      at += EDGE_W;
    }
    spans.push(nodeAt, edgeAt);
  }
  const store: Store = { ints: rows.slice(0, at), refs: trimmed(refs) };
  return graphs.map((g, i) => new PackedLcfg(g.methodId, store, spans[2 * i]!, g.nodes.length, spans[2 * i + 1]!, g.edges.length, g, g.degraded));
}

/**
 * The log ids and call sites of a graph's log and call nodes, in node order, and whether it has any log,
 * call or throw node; packed graphs answer from their rows.
 */
export function scanLcfg(g: Lcfg, onLog: (logId: string) => void, onCall: (call: CallSite) => void): boolean {
  if (g instanceof PackedLcfg) return g.scan(onLog, onCall);
  let behaviour = false;
  for (const n of g.nodes) {
    const k = n.kind;
    if (k === 'log') { behaviour = true; if (n.logId) onLog(n.logId); }
    else if (k === 'call') { behaviour = true; if (n.call) onCall(n.call); }
    else if (k === 'throw') behaviour = true;
  }
  return behaviour;
}

/**
 * A file's LCFGs as packed graphs, whatever form they arrived in: packed already, plain (JSON, hand-built), or a
 * packed graph that lost its class in a structured clone (a message to a worker thread).
 */
export function reviveLcfgs(f: FileIndex): FileIndex {
  if (f.lcfgs.every((g) => g instanceof PackedLcfg)) return f;
  f.lcfgs = f.lcfgs.map((g) => {
    if (g instanceof PackedLcfg) return g;
    const c = g as Partial<PackedLcfg>;
    if (c.store && c.store.ints instanceof Int32Array && Array.isArray(c.store.refs)) {
      return new PackedLcfg(g.methodId, c.store, c.nodeAt!, c.nodeCount!, c.edgeAt!, c.edgeCount!, g, g.degraded);
    }
    return packLcfgs([g])[0]!;
  });
  return f;
}
