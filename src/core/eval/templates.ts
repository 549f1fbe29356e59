// Maps a synthetic data set's event ids onto the real data's vocabulary by template matching, so a
// detector trained on real + synthetic sessions sees one vocabulary. Templates written by different tools
// disagree on details (`<*>` vs `{}` vs `[*]`, `to /<*>` vs `to <*>`, case, spacing), hence two tests:
//  1. one template, read as a pattern (wildcards = any text), matches the other's text;
//  2. otherwise, token-level similarity (wildcards match any token) at or above SIMILARITY_THRESHOLD.
// An event that matches no real template keeps its own id, prefixed `S:`, as a detector would see an
// unknown event in production.
import type { Template } from './data';

export const SIMILARITY_THRESHOLD = 0.9;
/** A pattern match alone is trusted only if the two templates also share this much (guards `<*>` alone). */
export const PATTERN_MIN_SIMILARITY = 0.5;
const WILD = '\u0000';

/** Lower case, every wildcard spelling as one marker, whitespace collapsed. */
export function normalizeTemplate(t: string): string {
  return t
    .replace(/<\*>|\{\}|\[\*\]|\{[0-9]+\}|%[sd]/g, WILD)
    .replace(new RegExp(`${WILD}(\\s*${WILD})+`, 'g'), WILD)
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

function patternOf(norm: string): RegExp {
  const parts = norm.split(WILD).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s*'));
  return new RegExp(`^${parts.join('.*?')}$`, 's');
}

function tokens(norm: string): string[] {
  return norm.split(/[\s,;:=()[\]/]+/).filter(Boolean).map((t) => (t.includes(WILD) ? WILD : t));
}

/** A wildcard stands for a value (ids, numbers, paths), not for a plain word of the message. */
function isValue(t: string): boolean {
  return t === WILD || !/^[a-z]+$/.test(t);
}

/** 2 * LCS / (|a| + |b|) over tokens, a wildcard token matching any token. */
export function tokenSimilarity(a: string, b: string): number {
  const x = tokens(normalizeTemplate(a)), y = tokens(normalizeTemplate(b));
  if (x.length + y.length === 0) return 1;
  const dp = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = 1; i <= x.length; i++) for (let j = 1; j <= y.length; j++) {
    const eq = x[i - 1] === y[j - 1] || (x[i - 1] === WILD && isValue(y[j - 1]!)) || (y[j - 1] === WILD && isValue(x[i - 1]!));
    dp[i]![j] = eq ? dp[i - 1]![j - 1]! + 1 : Math.max(dp[i - 1]![j]!, dp[i]![j - 1]!);
  }
  return (2 * dp[x.length]![y.length]!) / (x.length + y.length);
}

export function templatesMatch(a: string, b: string): { match: boolean; similarity: number } {
  const na = normalizeTemplate(a), nb = normalizeTemplate(b);
  const similarity = tokenSimilarity(a, b);
  if (na === nb) return { match: true, similarity: 1 };
  const literal = (n: string) => n.replace(new RegExp(WILD, 'g'), '').replace(/[^a-z]/g, '').length >= 3;
  const pattern = (literal(na) && patternOf(na).test(nb)) || (literal(nb) && patternOf(nb).test(na));
  return { match: (pattern && similarity >= PATTERN_MIN_SIMILARITY) || similarity >= SIMILARITY_THRESHOLD, similarity };
}

export interface EventMapping {
  /** synthetic event id -> real event id, or `S:<id>` when unmatched. */
  map: Map<string, string>;
  matched: number;
  unmatched: number;
  /** For the report: each synthetic template and what it became. */
  details: { eventId: string; template: string; mappedTo: string; similarity: number }[];
}

/**
 * Maps the synthetic templates onto the real ones (best similarity among the matches). `unmatchedIds`
 * is shared across synthetic sets so that the same unknown template from two sets gets one id, and two
 * different unknown templates never share one.
 */
export function mapEvents(synthetic: readonly Template[], real: readonly Template[], unmatchedIds = new Map<string, string>()): EventMapping {
  const map = new Map<string, string>();
  const details: EventMapping['details'] = [];
  let matched = 0, unmatched = 0;
  const taken = new Set(unmatchedIds.values());
  for (const s of synthetic) {
    let best: { id: string; similarity: number } | undefined;
    for (const r of real) {
      const m = templatesMatch(s.template, r.template);
      if (m.match && (!best || m.similarity > best.similarity)) best = { id: r.eventId, similarity: m.similarity };
    }
    let to: string;
    if (best) { to = best.id; matched++; } else {
      const norm = normalizeTemplate(s.template);
      let id = unmatchedIds.get(norm);
      if (!id) {
        id = `S:${s.eventId}`;
        for (let k = 2; taken.has(id); k++) id = `S:${s.eventId}#${k}`;
        unmatchedIds.set(norm, id);
        taken.add(id);
      }
      to = id;
      unmatched++;
    }
    map.set(s.eventId, to);
    details.push({ eventId: s.eventId, template: s.template, mappedTo: to, similarity: best?.similarity ?? 0 });
  }
  return { map, matched, unmatched, details };
}
