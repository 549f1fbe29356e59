// What each node kind looks like and says: sizes, label text, the short marks on conditional edges.
// Colours live in media/main.css (classes kind-*, level-*, edge-*), on VS Code's theme variables.
import type { GraphEdge, GraphNode } from '../../src/shared/graph';
import { clip } from '../ui/dom';

export const NODE_FONT_PX = 11;
export const EDGE_FONT_PX = 10;
/** Labels longer than this are cut; the full text is in the node's title (tooltip). */
export const MAX_LABEL_CHARS = 40;
export const NODE_HEIGHT = 26;
export const TERMINAL_HEIGHT = 24;
export const MERGE_SIZE = 10;
export const LEVEL_CHIP_GAP = 6;

export interface NodeFace {
  /** The level tag shown before a log node's template, if any. */
  level?: string;
  text: string;
  /** Full text for the tooltip. */
  title: string;
}

export function nodeFace(n: GraphNode): NodeFace {
  const where = `${n.file}:${n.line}`;
  if (n.kind === 'merge') return { text: '', title: `merge · ${where}` };
  if (n.kind === 'log') {
    const level = (n.level ?? 'info').toUpperCase();
    const tpl = n.template ?? n.label.replace(/^[A-Z]+\s+/, '');
    return { level, text: clip(tpl, MAX_LABEL_CHARS - level.length - 1), title: `${level} ${tpl}${n.eventId ? `  [${n.eventId}]` : ''}\n${where}` };
  }
  const text = n.label || n.kind;
  return { text: clip(text, MAX_LABEL_CHARS), title: `${n.kind}: ${text}\n${where}` };
}

/** The mark written on an edge, or undefined for none. */
export function edgeMark(e: GraphEdge): string | undefined {
  switch (e.kind) {
    case 'true': return 'T';
    case 'false': return 'F';
    case 'case': return e.cond ? clip(e.cond.replace(/^case\s+/, ''), 14) : undefined;
    case 'exception': return e.cond ? clip(e.cond, 18) : undefined;
    default: return undefined;
  }
}

export function isTerminal(kind: GraphNode['kind']): boolean {
  return kind === 'entry' || kind === 'exit' || kind === 'raise';
}
