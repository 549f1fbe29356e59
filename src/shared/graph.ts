// Graph data as the viewer draws it: the LCFG of one method, or the inter-procedural graph from an entry
// (the LCFGs of the methods it reaches, joined by call edges). Plain JSON, shared by the language server
// (which builds it), the extension host (which forwards it) and the webview bundle (which lays it out).
import type { LcfgEdgeKind, LcfgNodeKind, LogLevel } from '../core/model';

export interface GraphNode {
  /** `${methodId}#${lcfgNodeId}`: unique across the methods of one graph. */
  id: string;
  label: string;
  kind: LcfgNodeKind;
  /** Workspace-relative file ('/' separators) and 1-based line, for "reveal source". */
  file: string;
  line: number;
  /** The method this node belongs to (the viewer groups nodes by it). */
  methodId: string;
  /** For log nodes. */
  level?: LogLevel;
  eventId?: string;
  template?: string;
}

export type GraphEdgeKind = LcfgEdgeKind | 'call';

export interface GraphEdge {
  id: string;
  from: string;
  to: string;
  kind: GraphEdgeKind;
  /** Condition text on conditional edges, exception type on exception edges. */
  cond?: string;
  /** For conditional edges: true when the condition holds along this edge. */
  polarity?: boolean;
}

export interface GraphData {
  kind: 'lcfg' | 'interprocedural';
  /** The method (LCFG) or the entry method (inter-procedural). */
  root: string;
  title: string;
  /** The methods drawn, in discovery order. */
  methods: { id: string; name: string; file: string; line: number }[];
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** True when the graph was cut at the node budget. */
  truncated: boolean;
}

/**
 * The nodes a generated sequence went through. A LogSequence carries its path as `file:line` steps (not node
 * ids, so it stays meaningful after re-indexing); every graph node on one of those lines is on the path.
 */
export function pathNodeIds(graph: GraphData, path: readonly string[]): string[] {
  const steps = new Set(path);
  return graph.nodes.filter((n) => steps.has(`${n.file}:${n.line}`)).map((n) => n.id);
}
