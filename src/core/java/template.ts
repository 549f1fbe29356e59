// Templates: the message of a logging call with every runtime value replaced by `<*>`.
// Built from "pieces" (literal text or a parameter slot) so the placeholder syntaxes of the logging
// libraries (SLF4J/log4j2 `{}`, java.util.logging / MessageFormat `{0}`, String.format `%s`) are applied the
// way the library itself applies them, and the result matches what the program really prints.
import type { LogParam } from '../model';
import { trimmed } from '../util/trimmed';

export const SLOT = '<*>';

export type Piece = { lit: string } | { param: LogParam };

/** The value of one formatting argument, as pieces (a literal argument folds into the text). */
export type ArgValue = { pieces: Piece[]; expr: string; type?: string };

export interface RegexOptions {
  /**
   * Match only what the first physical line of the message can be. A message with a newline (a stack trace
   * appended, `":\n" + details`) spans several lines of a log file, and loghub-style data sets keep the first.
   */
  firstLine?: boolean;
}

/** A RegExp matching every message the template can render to (each `<*>` matches any text, also empty). */
export function templateToRegex(template: string, opts: RegexOptions = {}): RegExp {
  const t = opts.firstLine && template.includes('\n') ? template.slice(0, template.indexOf('\n')) : template;
  const parts = t.split(SLOT).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // on the first line, a slot cannot run past the line end
  const slot = opts.firstLine ? '([^\\n]*?)' : '(.*?)';
  return new RegExp(`^${parts.join(slot)}$`, 's');
}

/** Fills the `<*>` slots in order; slots without a value stay `<*>`. */
export function renderTemplate(template: string, values: readonly string[]): string {
  const parts = template.split(SLOT);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i++) out += (values[i - 1] ?? SLOT) + parts[i];
  return out;
}

/** Number of `<*>` slots in a template. */
export function slotCount(template: string): number {
  return template.split(SLOT).length - 1;
}

function isLit(p: Piece): p is { lit: string } {
  return 'lit' in p;
}

/** Adjacent literals merged; empty literals dropped. */
export function normalizePieces(pieces: Piece[]): Piece[] {
  // Usually already normal (it is applied at every formatting step): then the list itself, not a copy.
  let prevLit = false;
  let normal = true;
  for (const p of pieces) {
    const lit = isLit(p);
    if (lit && (prevLit || p.lit === '')) { normal = false; break; }
    prevLit = lit;
  }
  if (normal) return pieces;
  const out: Piece[] = [];
  for (const p of pieces) {
    if (isLit(p)) {
      if (p.lit === '') continue;
      const last = out[out.length - 1];
      if (last && isLit(last)) out[out.length - 1] = { lit: last.lit + p.lit };
      else out.push(p);
    } else out.push(p);
  }
  return out;
}

/** The argument as pieces: literal arguments print as themselves, anything else is one slot. */
function argPieces(arg: ArgValue): Piece[] {
  if (arg.pieces.every(isLit)) return arg.pieces;
  return [{ param: { expr: arg.expr, ...(arg.type ? { type: arg.type } : {}) } }];
}

/** At most this many words of preceding template text go into LogParam.context. */
const CONTEXT_WORDS = 5;

/** Whitespace as `\s` in a regular expression matches it. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * The last `n` words of `text` joined by single spaces: `text.split(/\s+/).filter(Boolean).slice(-n).join(' ')`,
 * read from the end (a long literal before a slot was split whole for every parameter).
 */
export function lastWords(text: string, n: number): string {
  const words: string[] = [];
  let i = text.length - 1;
  while (words.length < n) {
    while (i >= 0 && isSpace(text.charCodeAt(i))) i--;
    if (i < 0) break;
    const end = i + 1;
    while (i >= 0 && !isSpace(text.charCodeAt(i))) i--;
    words.push(text.slice(i + 1, end));
  }
  return words.reverse().join(' ');
}

/** The template text and its parameters, each with the words just before its slot. */
export function piecesToTemplate(pieces: Piece[]): { template: string; params: LogParam[] } {
  // joined, not appended: `+=` leaves a tree of string fragments, and the index keeps every template
  const parts: string[] = [];
  const params: LogParam[] = [];
  let sinceSlot = '';
  for (const p of normalizePieces(pieces)) {
    if (isLit(p)) { parts.push(p.lit); sinceSlot += p.lit; continue; }
    parts.push(SLOT);
    const context = lastWords(sinceSlot, CONTEXT_WORDS);
    const param: LogParam = { expr: p.param.expr };
    if (p.param.type) param.type = p.param.type;
    if (context) param.context = context;
    params.push(param);
    sinceSlot = '';
  }
  return { template: parts.join(''), params: trimmed(params) };
}

/**
 * SLF4J / log4j2 parameter substitution (org.slf4j.helpers.MessageFormatter): each `{}` takes the next
 * argument; `\{}` prints `{}`; `\\{}` prints `\` and the argument; `{}` left over without an argument stay.
 */
export function applyBraces(pattern: Piece[], args: ArgValue[]): Piece[] {
  if (args.length === 0) return pattern;
  const out: Piece[] = [];
  let next = 0;
  for (const p of pattern) {
    if (!isLit(p) || next >= args.length) { out.push(p); continue; }
    const s = p.lit;
    let i = 0;
    for (;;) {
      const j = next < args.length ? s.indexOf('{}', i) : -1;
      if (j < 0) { out.push({ lit: s.slice(i) }); break; }
      if (j > 0 && s[j - 1] === '\\') {
        if (j > 1 && s[j - 2] === '\\') {
          out.push({ lit: s.slice(i, j - 1) }, ...argPieces(args[next++]!));
          i = j + 2;
        } else {
          out.push({ lit: s.slice(i, j - 1) + '{' });
          i = j + 1;
        }
      } else {
        out.push({ lit: s.slice(i, j) }, ...argPieces(args[next++]!));
        i = j + 2;
      }
    }
  }
  return normalizePieces(out);
}

/**
 * java.text.MessageFormat: `{n}` / `{n,type,style}` take argument n (`{n}` with no such argument prints
 * as written), `'...'` quotes literal text, `''` is one quote.
 */
export function applyMessageFormat(pattern: Piece[], args: ArgValue[]): Piece[] {
  const out: Piece[] = [];
  let quoted = false;
  for (const p of pattern) {
    if (!isLit(p)) { out.push(p); continue; }
    const s = p.lit;
    let buf = '';
    for (let i = 0; i < s.length; i++) {
      const ch = s[i]!;
      if (ch === '\'') {
        if (s[i + 1] === '\'') { buf += '\''; i++; } else quoted = !quoted;
        continue;
      }
      if (!quoted && ch === '{') {
        const close = s.indexOf('}', i);
        const m = close > 0 ? /^\{\s*(\d+)\s*(?:,[^}]*)?\}$/.exec(s.slice(i, close + 1)) : null;
        if (m) {
          const n = Number(m[1]);
          const arg = args[n];
          out.push({ lit: buf });
          buf = '';
          if (arg) out.push(...argPieces(arg));
          else out.push({ lit: `{${n}}` });
          i = close;
          continue;
        }
      }
      buf += ch;
    }
    out.push({ lit: buf });
  }
  return normalizePieces(out);
}

const PRINTF = /%(\d+\$|<)?([-#+ 0,(]*)(\d+)?(\.\d+)?([tT][a-zA-Z]|[a-zA-Z%])/g;

/** java.util.Formatter (String.format, printf): every conversion is a slot, `%n` a newline, `%%` a percent sign. */
export function applyPrintf(pattern: Piece[], args: ArgValue[]): Piece[] {
  const out: Piece[] = [];
  let ordinary = 0;
  let last = -1;
  for (const p of pattern) {
    if (!isLit(p)) { out.push(p); continue; }
    const s = p.lit;
    let i = 0;
    PRINTF.lastIndex = 0;
    for (let m = PRINTF.exec(s); m; m = PRINTF.exec(s)) {
      out.push({ lit: s.slice(i, m.index) });
      i = m.index + m[0].length;
      const conv = m[5]!;
      if (conv === '%') { out.push({ lit: '%' }); continue; }
      if (conv === 'n') { out.push({ lit: '\n' }); continue; }
      let idx: number;
      if (m[1] === '<') idx = last;
      else if (m[1]) idx = Number(m[1].slice(0, -1)) - 1;
      else idx = ordinary++;
      last = idx;
      const arg = args[idx];
      // A plain %s of a literal prints the literal; any other conversion may reformat it: a slot.
      if (arg && conv === 's' && !m[2] && !m[3] && !m[4] && arg.pieces.every(isLit)) out.push(...arg.pieces);
      else out.push({ param: { expr: arg?.expr ?? m[0], ...(arg?.type ? { type: arg.type } : {}) } });
    }
    out.push({ lit: s.slice(i) });
  }
  return normalizePieces(out);
}
