// Small helpers over syntax nodes. Nothing here recurses: real code bases contain generated files
// nested thousands of levels deep, and the JS stack is not that deep.
import type { SyntaxNode } from './parser';

/** Named children without comments (they may appear anywhere, e.g. inside argument lists). */
export function namedKids(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const k of n.namedChildren) {
    if (!k) continue;
    const t = k.type;
    if (t !== 'line_comment' && t !== 'block_comment') out.push(k);
  }
  return out;
}

const MODIFIER = new Map<string, RegExp>();

/** True if the declaration's `modifiers` child has the keyword (`static`, `final`, ...). */
export function hasModifier(decl: SyntaxNode, keyword: string): boolean {
  // `modifiers` is always the first child; reading it alone avoids marshalling every child.
  const first = decl.firstChild;
  if (!first || first.type !== 'modifiers') return false;
  let text = first.text;
  if (text.includes('@')) text = text.replace(/@[\w.]+\s*(\((?:[^()"]|"(?:[^"\\]|\\.)*"|\([^()]*\))*\))?/g, ' ');
  let re = MODIFIER.get(keyword);
  if (!re) MODIFIER.set(keyword, (re = new RegExp(`(^|\\s)${keyword}(\\s|$)`)));
  return re.test(text);
}

/** Removes `<...>` type arguments (nesting-aware) and annotations from a type's source text. */
export function eraseGenerics(text: string): string {
  if (!/[<@\s]/.test(text)) return text; // the common case: nothing to erase
  let out = '';
  let depth = 0;
  for (const ch of text) {
    if (ch === '<') depth++;
    else if (ch === '>') depth = Math.max(0, depth - 1);
    else if (depth === 0) out += ch;
  }
  return out.replace(/@[\w.]+(\([^)]*\))?/g, '').replace(/\s+/g, '');
}

const PLAIN_NAME = /^[\w$]+$/;

/** A type as it appears in signatures: generics erased, simple name (`java.util.Map.Entry<K,V>` -> `Entry`), `T...` -> `T[]`. */
export function simpleType(text: string): string {
  if (PLAIN_NAME.test(text) && !text.startsWith('final')) return text; // `String`, `int`: most types, as written
  let t = eraseGenerics(text);
  t = t.replace(/^final/, '').replace(/\.\.\.$/, '[]');
  const dims = /(\[\])*$/.exec(t)![0];
  const base = t.slice(0, t.length - dims.length);
  const last = base.slice(base.lastIndexOf('.') + 1);
  return last + dims;
}

/** A type node's text in signature form. */
export function typeOf(node: SyntaxNode | null | undefined): string {
  return node ? simpleType(node.text) : '?';
}

export function line(n: SyntaxNode): number {
  return n.startRow + 1;
}

export function column(n: SyntaxNode): number {
  return n.startColumn + 1;
}

/** Drops any number of enclosing parentheses, without recursion. */
export function unparen(n: SyntaxNode): SyntaxNode {
  let cur = n;
  while (cur.type === 'parenthesized_expression') {
    let inner = cur.firstNamedChild; // the first that is not a comment, without making the list
    while (inner && (inner.type === 'line_comment' || inner.type === 'block_comment')) inner = inner.nextNamedSibling;
    if (!inner) break;
    cur = inner;
  }
  return cur;
}

/** Shortened source text for messages and CallSite fields (very long expressions would bloat the index). */
export function shortText(n: SyntaxNode, max = 200): string {
  const t = n.text;
  return t.length > max ? t.slice(0, max) + '…' : t;
}
