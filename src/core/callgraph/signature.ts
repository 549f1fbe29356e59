// User-written method signatures (`DataNode:receiveBlock(Block,String)`, `org.x.DataNode:run`, `DataNode.run`)
// matched to MethodInfo ids, with the nearest signatures as suggestions when nothing (or too much) matches.
import type { MethodInfo } from '../model';
import { simpleTypeName } from './type-names';

export interface FindMethodResult {
  /** The one method the signature names, if exactly one does. */
  match?: string;
  /** Nearest signatures (ambiguous candidates first, then by edit distance), at most `limit`. */
  suggestions: string[];
}

interface ParsedSignature {
  cls: string;
  name: string;
  params?: string[];
}

/** Splits a signature into class, method name and (optional) parameter types. Undefined when it has no class part. */
export function parseSignature(input: string): ParsedSignature | undefined {
  const s = input.trim().replace(/\s+(?=[(),])|(?<=[(),])\s+/g, '');
  const paren = s.indexOf('(');
  const head = paren < 0 ? s : s.slice(0, paren);
  let params: string[] | undefined;
  if (paren >= 0) {
    const close = s.lastIndexOf(')');
    const inner = s.slice(paren + 1, close < paren ? undefined : close).trim();
    params = inner === '' ? [] : splitTopLevel(inner).map((p) => simpleTypeName(p.trim().split(/\s+/)[0]!));
  }
  const colon = head.lastIndexOf(':');
  const sep = colon >= 0 ? colon : head.lastIndexOf('.');
  if (sep <= 0 || sep === head.length - 1) return undefined;
  return { cls: head.slice(0, sep), name: head.slice(sep + 1), params };
}

function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '<') depth++;
    else if (ch === '>') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

/** True if a class FQN is named by what the user wrote: the FQN, a dotted suffix of it, or `Outer$1`-style names. */
function classMatches(fqn: string, written: string): boolean {
  if (fqn === written) return true;
  if (fqn.endsWith(`.${written}`) || fqn.endsWith(`$${written}`)) return true;
  // Binary names of member classes (`Outer$Inner`) as javac and stack traces write them.
  const dotted = written.replace(/\$(?=[A-Za-z_])/g, '.');
  return dotted !== written && (fqn === dotted || fqn.endsWith(`.${dotted}`));
}

export function findMethodIn(input: string, methods: Iterable<MethodInfo>, limit = 5): FindMethodResult {
  const all = [...methods];
  const exact = all.find((m) => m.id === input.trim());
  if (exact) return { match: exact.id, suggestions: [] };
  const parsed = parseSignature(input);
  let candidates: MethodInfo[] = [];
  if (parsed) {
    const methodName = parsed.name === parsed.cls.split('.').at(-1) ? '<init>' : parsed.name;
    candidates = all.filter((m) =>
      classMatches(m.className, parsed.cls) &&
      (m.name === parsed.name || m.name === methodName || (parsed.name === '<init>' && m.isConstructor)) &&
      (!parsed.params || (m.paramTypes.length === parsed.params.length &&
        m.paramTypes.every((t, i) => simpleTypeName(t) === parsed.params![i]))));
    // `Foo:Foo` may name the constructor or a method called like the class: the method wins.
    if (candidates.length > 1) {
      const named = candidates.filter((m) => m.name === parsed.name);
      if (named.length > 0) candidates = named;
    }
    if (candidates.length === 1) return { match: candidates[0]!.id, suggestions: [] };
  }
  const ambiguous = candidates.map((m) => m.id).sort();
  const rest = nearest(input, all.filter((m) => !ambiguous.includes(m.id)), limit);
  return { suggestions: [...ambiguous, ...rest].slice(0, Math.max(limit, ambiguous.length)) };
}

/** The short form users tend to type: `Simple:name(T1,T2)`. */
export function shortSignature(m: MethodInfo): string {
  const simple = m.className.slice(Math.max(m.className.lastIndexOf('.'), m.className.lastIndexOf('$')) + 1);
  return `${simple}:${m.name}(${m.paramTypes.map(simpleTypeName).join(',')})`;
}

function nearest(input: string, methods: MethodInfo[], limit: number): string[] {
  const q = input.trim().toLowerCase().replace(/\s+/g, '');
  const scored = methods.map((m) => {
    const short = shortSignature(m).toLowerCase();
    const bare = short.slice(0, short.indexOf('('));
    const d = Math.min(editDistance(q, short), editDistance(q, bare), editDistance(q, m.id.toLowerCase()));
    return { id: m.id, d };
  });
  scored.sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return scored.slice(0, limit).map((s) => s.id);
}

/** Levenshtein distance with two rolling rows. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}
