// Java branch conditions as the symbolic verifier compares them: normalized text, split into the facts a
// taken branch implies (`a && b` true -> a, b; `a || b` false -> !a, !b), each a boolean atom with a
// canonical key (`null == x`, `x != null`, `!(x == null)` all meet as one key), plus numeric ranges for
// comparisons against literals.
import { memoized } from '../util/memoized';

/** What taking a condition one way tells us. */
export type Fact =
  | { kind: 'bool'; key: string; value: boolean; vars: VarRef[]; invokes: boolean }
  | { kind: 'range'; key: string; range: Range; vars: VarRef[]; invokes: boolean }
  | { kind: 'const'; value: boolean };

/** A variable the condition reads: `blk` (root blk), `this.count` (root count, member false), `a.b` (root a, member true). */
export interface VarRef {
  root: string;
  member: boolean;
}

/** A real interval; the verifier only rejects what is empty over the reals, so doubles are safe too. */
export interface Range {
  lo: number;
  loOpen: boolean;
  hi: number;
  hiOpen: boolean;
}

const FULL: Range = { lo: -Infinity, loOpen: true, hi: Infinity, hiOpen: true };

export function intersect(a: Range, b: Range): Range {
  const lo = a.lo > b.lo ? a : b.lo > a.lo ? b : { lo: a.lo, loOpen: a.loOpen || b.loOpen };
  const hi = a.hi < b.hi ? a : b.hi < a.hi ? b : { hi: a.hi, hiOpen: a.hiOpen || b.hiOpen };
  return { lo: lo.lo, loOpen: lo.loOpen, hi: hi.hi, hiOpen: hi.hiOpen };
}

export function isEmpty(r: Range): boolean {
  return r.lo > r.hi || (r.lo === r.hi && (r.loOpen || r.hiOpen));
}

export function showRange(r: Range): string {
  if (r.lo === r.hi && !r.loOpen && !r.hiOpen) return `== ${r.lo}`;
  const parts: string[] = [];
  if (r.lo !== -Infinity) parts.push(`${r.loOpen ? '>' : '>='} ${r.lo}`);
  if (r.hi !== Infinity) parts.push(`${r.hiOpen ? '<' : '<='} ${r.hi}`);
  return parts.join(' and ');
}

/** Collapses whitespace, drops it around punctuation and operators, and strips wrapping parentheses. */
// Remembered: every branch step of every path asks (checkBranch), the same few thousand texts, two regex passes each.
export const cleanCondition = memoized((text: string): string => {
  let s = text.trim().replace(/\s+/g, ' ').replace(/\s*([()[\]{}.,!=<>&|+\-*/%?:^~;])\s*/g, '$1');
  while (s.startsWith('(') && matchingClose(s, 0) === s.length - 1) s = s.slice(1, -1);
  return s;
});

function matchingClose(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i]!;
    if (c === '"' || c === "'") { i = skipLiteral(s, i); continue; }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function skipLiteral(s: string, i: number): number {
  const q = s[i];
  for (let j = i + 1; j < s.length; j++) {
    if (s[j] === '\\') j++;
    else if (s[j] === q) return j;
  }
  return s.length - 1;
}

/** Positions of top-level (outside parentheses and literals) occurrences of any of `ops`. */
function topLevel(s: string, ops: string[]): { at: number; op: string }[] {
  const out: { at: number; op: string }[] = [];
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '"' || c === "'") { i = skipLiteral(s, i); continue; }
    if (c === '(' || c === '[' || c === '{') { depth++; continue; }
    if (c === ')' || c === ']' || c === '}') { depth--; continue; }
    if (depth !== 0) continue;
    for (const op of ops) {
      if (!s.startsWith(op, i)) continue;
      // `<`/`>` that belong to shifts, lambdas or `<=`/`>=` are not this operator.
      if ((op === '<' || op === '>') && (s[i + 1] === op || s[i + 1] === '=' || s[i - 1] === op || s[i - 1] === '-')) continue;
      out.push({ at: i, op });
      i += op.length - 1;
      break;
    }
  }
  return out;
}

function splitOn(s: string, op: string): string[] | undefined {
  const hits = topLevel(s, [op]).filter((h) => h.op === op);
  if (hits.length === 0) return undefined;
  const parts: string[] = [];
  let start = 0;
  for (const h of hits) {
    parts.push(s.slice(start, h.at));
    start = h.at + op.length;
  }
  parts.push(s.slice(start));
  return parts.map(cleanCondition);
}

const NUMBER = /^-?(?:0[xX][0-9a-fA-F_]+|\d[\d_]*(?:\.\d*)?(?:[eE][+-]?\d+)?)[lLfFdD]?$/;

function numberValue(s: string): number | undefined {
  if (!NUMBER.test(s)) return undefined;
  const t = s.replace(/_/g, '').replace(/[lLfFdD]$/, '');
  const n = /^-?0[xX]/.test(t) ? parseInt(t, 16) : Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** Literals and constants (`null`, `3`, `"x"`, `MAX_SIZE`, `State.READY`) go on the right of a canonical comparison. */
function isConstantLike(s: string): boolean {
  return s === 'null' || s === 'true' || s === 'false' || numberValue(s) !== undefined || /^["']/.test(s) ||
    /^([\w$]+\.)*[A-Z][A-Z0-9_]*$/.test(s);
}

const KEYWORDS = new Set(['null', 'true', 'false', 'instanceof', 'new', 'this', 'super', 'class', 'int', 'long',
  'short', 'byte', 'char', 'boolean', 'double', 'float']);

/** The variables an expression reads (string literals and class-like names left out). */
export function varsOf(expr: string): VarRef[] {
  const noLiterals = expr.replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'/g, '""');
  const out: VarRef[] = [];
  const seen = new Set<string>();
  for (const m of noLiterals.matchAll(/(?<![\w$.])([A-Za-z_$][\w$]*)((?:\.[A-Za-z_$][\w$]*)*)(\s*\()?/g)) {
    let root = m[1]!;
    let rest = m[2] ?? '';
    if (root === 'this' && rest) {
      root = rest.slice(1).split('.')[0]!;
      rest = rest.slice(root.length + 1);
    }
    if (KEYWORDS.has(root)) continue;
    if (!rest && m[3]) continue; // an unqualified method call `foo(...)`: counted as an invocation, not a variable
    if (/^[A-Z]/.test(root) && (rest || /^[A-Z0-9_]+$/.test(root))) continue; // `Foo.bar`, `MAX`: class or constant
    const member = rest.length > 0;
    const k = `${root}${member ? '.' : ''}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ root, member });
  }
  return out;
}

function invokes(expr: string): boolean {
  return /[\w$)\]]\s*\(/.test(expr.replace(/"(?:\\.|[^"\\])*"/g, '""'));
}

/**
 * The facts implied by taking `cond` with truth value `value`. Empty when nothing usable follows
 * (e.g. `a || b` true). Never throws.
 */
export function factsOf(cond: string, value: boolean): Fact[] {
  return value ? factsIfTrue(cond) : factsIfFalse(cond);
}
// The same few conditions come back on every path through a method: parse each once.
const factsIfTrue = memoized((cond) => parseFacts(cond, true, 0));
const factsIfFalse = memoized((cond) => parseFacts(cond, false, 0));

function parseFacts(cond: string, value: boolean, depth: number): Fact[] {
  const s = cleanCondition(cond);
  if (!s || depth > 32) return [];
  if (s === 'true' || s === 'false') return [{ kind: 'const', value: (s === 'true') === value }];
  const ors = splitOn(s, '||');
  if (ors) return value ? [] : ors.flatMap((p) => parseFacts(p, false, depth + 1));
  const ands = splitOn(s, '&&');
  if (ands) return value ? ands.flatMap((p) => parseFacts(p, true, depth + 1)) : [];
  if (topLevel(s, ['?']).length > 0) return [atom(s, value)];
  if (topLevel(s, [':']).length > 0) return []; // an enhanced-for header `x : items`: nothing to compare
  if (s.startsWith('!') && !s.startsWith('!=')) {
    const rest = s.slice(1);
    // `!x`, `!x.y()`, `!(...)`: a negation of the whole rest (unary ! binds tighter than comparisons).
    if (rest.startsWith('(') ? matchingClose(rest, 0) === rest.length - 1 : topLevel(rest, ['==', '!=', '<=', '>=', '<', '>', 'instanceof']).length === 0) {
      return parseFacts(rest, !value, depth + 1);
    }
  }
  const eq = topLevel(s, ['==', '!=']);
  if (eq.length === 1) {
    const { at, op } = eq[0]!;
    let l = cleanCondition(s.slice(0, at));
    let r = cleanCondition(s.slice(at + 2));
    const v = op === '==' ? value : !value;
    if (isConstantLike(l) && !isConstantLike(r)) [l, r] = [r, l];
    else if (isConstantLike(l) === isConstantLike(r) && r < l) [l, r] = [r, l];
    if (r === 'true' || r === 'false') return parseFacts(l, r === 'true' ? v : !v, depth + 1);
    const facts: Fact[] = [{ kind: 'bool', key: `${l}==${r}`, value: v, vars: varsOf(`${l} ${r}`), invokes: invokes(`${l} ${r}`) }];
    const n = numberValue(r);
    if (n !== undefined && v && !isConstantLike(l)) {
      facts.push({ kind: 'range', key: l, range: { lo: n, loOpen: false, hi: n, hiOpen: false }, vars: varsOf(l), invokes: invokes(l) });
    }
    return facts;
  }
  const rel = topLevel(s, ['<=', '>=', '<', '>']);
  if (eq.length === 0 && rel.length === 1) {
    const { at, op } = rel[0]!;
    const l = cleanCondition(s.slice(0, at));
    const r = cleanCondition(s.slice(at + op.length));
    // Canonical form: everything as `a<b` or `a<=b` (a > b is b < a), negation flips to the other form.
    let a = l, b = r, strict = op === '<' || op === '>';
    if (op === '>' || op === '>=') [a, b] = [r, l];
    // a<b false == b<=a true; a<=b false == b<a true
    let v = value;
    if (!v) {
      [a, b] = [b, a];
      strict = !strict;
      v = true;
    }
    const facts: Fact[] = [];
    const nb = numberValue(b);
    const na = numberValue(a);
    if (nb !== undefined && na === undefined) {
      facts.push({ kind: 'range', key: a, range: { ...FULL, hi: nb, hiOpen: strict }, vars: varsOf(a), invokes: invokes(a) });
    } else if (na !== undefined && nb === undefined) {
      facts.push({ kind: 'range', key: b, range: { ...FULL, lo: na, loOpen: strict }, vars: varsOf(b), invokes: invokes(b) });
    } else if (na !== undefined && nb !== undefined) {
      return [{ kind: 'const', value: strict ? na < nb : na <= nb }];
    } else {
      // Between two expressions: `a<b` true and `b<=a` true are one atom taken both ways.
      const key = strict ? `${a}<${b}` : `${b}<${a}`;
      facts.push({ kind: 'bool', key, value: strict, vars: varsOf(`${a} ${b}`), invokes: invokes(`${a} ${b}`) });
    }
    return facts;
  }
  const eqCall = /^(.+)\.equals\((.+)\)$/.exec(s);
  if (eqCall && matchingClose(s, s.length - 1 - (eqCall[2]!.length + 1)) === s.length - 1) {
    const x = cleanCondition(eqCall[1]!);
    const y = cleanCondition(eqCall[2]!);
    const [p, q] = x <= y ? [x, y] : [y, x];
    return [{ kind: 'bool', key: `${p}.equals(${q})`, value, vars: varsOf(`${x} ${y}`), invokes: invokes(`${x} ${y}`) }];
  }
  return [atom(s, value)];
}

function atom(s: string, value: boolean): Fact {
  return { kind: 'bool', key: s, value, vars: varsOf(s), invokes: invokes(s) };
}

/** Case labels of a switch edge (`case A`, `case 1, 2`, `A`), or 'default'. Qualified enum labels keep their last name. */
export function caseLabels(cond: string): string[] | 'default' {
  const s = cleanCondition(cond);
  if (s === 'default' || s === 'default:') return 'default';
  const body = s.replace(/^case\s*/, '').replace(/(:|->)$/, '');
  return body.split(',').map((x) => {
    const t = cleanCondition(x);
    return /^[\w$.]+$/.test(t) && !/^-?\d/.test(t) ? t.slice(t.lastIndexOf('.') + 1) : t;
  }).filter((x) => x.length > 0);
}
