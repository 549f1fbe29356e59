// Java source text -> the characters the program really prints, and raw bytes -> source text.
// Templates must match real log lines, so escapes, text blocks and char literals are decoded exactly.
import { isUtf8 } from 'node:buffer';

/** Decodes the escapes of a Java string or char literal body (without the quotes). */
export function unescapeJava(body: string): string {
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '\\' || i + 1 >= body.length) { out += ch; continue; }
    const nx = body[++i]!;
    switch (nx) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'b': out += '\b'; break;
      case 'r': out += '\r'; break;
      case 'f': out += '\f'; break;
      case 's': out += ' '; break;
      case '"': out += '"'; break;
      case '\'': out += '\''; break;
      case '\\': out += '\\'; break;
      case '\n': break; // text-block line continuation
      case 'u': {
        // \uXXXX (javac allows several u's)
        let j = i;
        while (body[j] === 'u') j++;
        const hex = body.slice(j, j + 4);
        if (/^[0-9a-fA-F]{4}$/.test(hex)) { out += String.fromCharCode(parseInt(hex, 16)); i = j + 3; } else out += '\\u';
        break;
      }
      default:
        if (nx >= '0' && nx <= '7') {
          // octal escape: up to 3 digits, max \377
          let digits = nx;
          const max = nx <= '3' ? 3 : 2;
          while (digits.length < max && body[i + 1] !== undefined && body[i + 1]! >= '0' && body[i + 1]! <= '7') digits += body[++i];
          out += String.fromCharCode(parseInt(digits, 8));
        } else out += nx;
    }
  }
  return out;
}

/** The value of a string literal's source text: `"..."` or a text block `"""\n..."""`. */
export function stringLiteralValue(text: string): string {
  if (text.startsWith('"""')) return textBlockValue(text);
  return unescapeJava(text.slice(1, text.endsWith('"') && text.length >= 2 ? -1 : undefined));
}

/** JLS 3.10.6: strip the opening line, the common indentation (closing delimiter line included) and trailing spaces. */
function textBlockValue(text: string): string {
  const inner = text.slice(3, text.endsWith('"""') && text.length >= 6 ? -3 : undefined);
  const nl = inner.indexOf('\n');
  const content = nl >= 0 ? inner.slice(nl + 1) : inner;
  const lines = content.split('\n');
  const last = lines[lines.length - 1]!;
  const closingOnOwnLine = /^[ \t]*$/.test(last);
  let indent = Infinity;
  lines.forEach((l, i) => {
    const blank = /^[ \t]*$/.test(l);
    if (blank && !(i === lines.length - 1 && closingOnOwnLine)) return;
    indent = Math.min(indent, l.length - l.trimStart().length);
  });
  if (!Number.isFinite(indent)) indent = 0;
  const stripped = lines.map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length)).replace(/[ \t]+$/, ''));
  return unescapeJava(stripped.join('\n'));
}

/** The value of a char literal's source text `'x'`. */
export function charLiteralValue(text: string): string {
  return unescapeJava(text.slice(1, -1));
}

/** Offset of the first byte that is not valid UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) { i++; continue; }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; } else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; } else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; } else return i;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

export interface DecodedSource {
  text: string;
  /** Set when the bytes were not UTF-8: where the first bad byte is (1-based line and column). */
  badByte?: { offset: number; line: number; column: number; value: number };
}

/** UTF-8 when valid (BOM dropped), else latin1 so every byte still maps to one character and nothing is lost. */
export function decodeSource(bytes: Uint8Array | string): DecodedSource {
  if (typeof bytes === 'string') return { text: bytes.charCodeAt(0) === 0xfeff ? bytes.slice(1) : bytes };
  // node's native check first (almost every file is valid); the JS scan only to say where a bad byte is
  const bad = isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes);
  if (bad < 0) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  }
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < bad; i++) if (bytes[i] === 10) { line++; lineStart = i + 1; }
  return {
    text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'),
    badByte: { offset: bad, line, column: bad - lineStart + 1, value: bytes[bad]! },
  };
}

/** Counts lines the way editors do (a trailing newline does not start a new line). */
export function countLines(text: string | Uint8Array): number {
  let n = 0;
  if (typeof text === 'string') {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
    return text.length === 0 ? 0 : text.endsWith('\n') ? n : n + 1;
  }
  for (let i = 0; i < text.length; i++) if (text[i] === 10) n++;
  return text.length === 0 ? 0 : text[text.length - 1] === 10 ? n : n + 1;
}

/**
 * `{` minus `}` outside strings, chars, text blocks and comments. A positive count at the end of a file
 * with syntax errors usually means the file was cut short.
 */
export function unclosedBraces(text: string): number {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text[i];
    if (ch === '/' && text[i + 1] === '/') { const e = text.indexOf('\n', i); if (e < 0) break; i = e; continue; }
    if (ch === '/' && text[i + 1] === '*') { const e = text.indexOf('*/', i + 2); if (e < 0) break; i = e + 1; continue; }
    if (ch === '"' && text.startsWith('"""', i)) { const e = text.indexOf('"""', i + 3); if (e < 0) break; i = e + 2; continue; }
    if (ch === '"' || ch === '\'') {
      let j = i + 1;
      while (j < n && text[j] !== ch && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      i = j;
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
  }
  return depth;
}
