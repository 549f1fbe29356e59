// A plain JavaScript copy of a tree-sitter tree, made once per file, that the indexer and the LCFG builder
// read instead of web-tree-sitter's Node objects.
//
// Why: every Node property (type, children, fields, end offset) is a call into wasm that marshals the
// node through a transfer buffer and allocates a new Node object. The index reads millions of them, and
// those calls plus their garbage cost twice the parse itself. Here the whole tree is read in one pass:
//  - fast path: straight from the wasm heap (tree-sitter's Subtree and TSLanguage structs, the layout of
//    lib/src/subtree.h and parser.h), replicating the visibility, alias and field rules of node.c and
//    tree_cursor.c. Only done after a self-test has shown it gives exactly what the cursor path gives;
//  - fallback: a TreeCursor walk through the public API (correct everywhere; costs about twice the parse).
// The copy keeps web-tree-sitter's semantics for what it offers: offsets and columns in UTF-16 code
// units, anonymous nodes in `children`, and field names as TreeCursor reports them, which is what
// `childForFieldName` answers everywhere except inside ERROR nodes (there a field of a hidden wrapper
// also names its children). Tested node by node against web-tree-sitter (syntax-tree.test.ts).
import type { Language, Tree, TreeCursor } from 'web-tree-sitter';

export interface Point {
  row: number;
  column: number;
}

// Node columns, STRIDE ints per node, in pre-order (so node ids ascend in document order).
const PARENT = 0, FIRST = 1, NEXT = 2, LAST = 3, START = 4, END = 5, SROW = 6, SCOL = 7, EROW = 8, ECOL = 9, TYPE = 10, BITS = 11;
const STRIDE = 12;
const NAMED = 1, MISSING = 2;

/**
 * The copied tree: node data in one Int32Array (no per-node garbage while copying). SyntaxNode objects
 * are small views made on demand and not kept: short-lived objects cost the garbage collector nothing,
 * while caching them (and their child lists) made each file's nodes survive into the old generation.
 * So two views of one node are not ===; compare `id`s.
 */
export class SyntaxTree {
  /** Node data, STRIDE ints per node. */
  d: Int32Array;
  count = 0;
  readonly types: string[];
  readonly fieldNames: (string | null)[];
  private readonly fieldIds: Map<string, number>;

  constructor(readonly source: string, readonly language: Language) {
    this.types = language.types;
    this.fieldNames = language.fields;
    this.fieldIds = fieldIdsOf(language);
    const need = STRIDE * Math.max(64, source.length >> 2);
    if (spare && spare.length >= need) {
      this.d = spare;
      spare = undefined;
    } else {
      this.d = new Int32Array(need);
    }
  }

  /**
   * Hands the node data back for the next tree to reuse; the tree and its nodes must not be used after.
   * (Typed arrays live outside the JS heap: a fresh one per file made V8 collect far more often.)
   */
  release(): void {
    if (!spare || spare.length < this.d.length) spare = this.d;
    this.d = new Int32Array(0);
    this.count = 0;
  }

  get rootNode(): SyntaxNode {
    return this.node(0);
  }

  node(i: number): SyntaxNode {
    return new SyntaxNode(this, i);
  }

  typeName(i: number): string {
    return this.types[this.d[i * STRIDE + TYPE]!] || 'ERROR';
  }

  fieldId(name: string): number {
    return this.fieldIds.get(name) ?? -1;
  }

  // -- building (pre-order) --

  /**
   * Appends a node as the last child of `parent` (-1 for the root); returns its id. `bits`: see nodeBits.
   * Kept small (growth apart) so that V8 inlines it into the copy loops, which call it for every node.
   */
  add(parent: number, type: number, bits: number, start: number, end: number, sr: number, sc: number, er: number, ec: number): number {
    const i = this.count++;
    if ((i + 1) * STRIDE > this.d.length) this.grow();
    const d = this.d;
    const o = i * STRIDE;
    d[o + PARENT] = parent; d[o + FIRST] = -1; d[o + NEXT] = -1; d[o + LAST] = -1;
    d[o + START] = start; d[o + END] = end; d[o + SROW] = sr; d[o + SCOL] = sc; d[o + EROW] = er; d[o + ECOL] = ec;
    d[o + TYPE] = type; d[o + BITS] = bits;
    if (parent >= 0) {
      const p = parent * STRIDE;
      const last = d[p + LAST]!;
      if (last < 0) d[p + FIRST] = i; else d[last * STRIDE + NEXT] = i;
      d[p + LAST] = i;
    }
    return i;
  }

  /** Doubles the node data (kept out of the copy loops, which check capacity themselves). */
  grow(): void {
    const bigger = new Int32Array(this.d.length * 2);
    bigger.set(this.d);
    this.d = bigger;
  }
}

/** The flags column of a node: named, missing, and the field it fills in its parent. */
function nodeBits(named: boolean, field: number, missing: boolean): number {
  return (named ? NAMED : 0) | (missing ? MISSING : 0) | (field << 8);
}

/** Node data of a released tree, reused by the next one. */
let spare: Int32Array | undefined;

/**
 * Punctuation tokens the copy leaves out when they are anonymous, fill no field and are not MISSING. Nothing
 * reads them (node text comes from the source, positions from the nodes around them), and they are a third
 * of all nodes: every child walk and the copy itself were paying for them.
 */
export const PUNCTUATION: ReadonlySet<string> = new Set([';', ',', '(', ')', '{', '}', '.', '"']);

/** True for a node both readers leave out: a PUNCTUATION leaf (`punct` from punctuationOf) that is anonymous,
 *  fills no field and is not MISSING. */
function leftOut(punct: Uint8Array, type: number, named: boolean, field: number, missing: boolean, leaf: boolean): boolean {
  return punct[type] === 1 && !named && field === 0 && !missing && leaf;
}

const punctuationCache = new WeakMap<Language, Uint8Array>();
/** Per public type id: 1 for a PUNCTUATION token. */
function punctuationOf(lang: Language): Uint8Array {
  let t = punctuationCache.get(lang);
  if (!t) {
    t = new Uint8Array(lang.types.length + 1);
    lang.types.forEach((name, i) => { if (name && PUNCTUATION.has(name)) t![i] = 1; });
    punctuationCache.set(lang, t);
  }
  return t;
}

const fieldIdCache = new WeakMap<Language, Map<string, number>>();
function fieldIdsOf(lang: Language): Map<string, number> {
  let m = fieldIdCache.get(lang);
  if (!m) {
    m = new Map();
    lang.fields.forEach((f, i) => { if (f) m!.set(f, i); });
    fieldIdCache.set(lang, m);
  }
  return m;
}

/** A node of a SyntaxTree, with the part of web-tree-sitter's Node interface the indexer uses. */
export class SyntaxNode {
  readonly type: string;

  constructor(readonly tree: SyntaxTree, readonly id: number) {
    this.type = tree.typeName(id);
  }

  private at(k: number): number {
    return this.tree.d[this.id * STRIDE + k]!;
  }

  get startIndex(): number { return this.at(START); }
  get endIndex(): number { return this.at(END); }
  get startRow(): number { return this.at(SROW); }
  get startColumn(): number { return this.at(SCOL); }
  get endRow(): number { return this.at(EROW); }
  get endColumn(): number { return this.at(ECOL); }
  get isNamed(): boolean { return (this.at(BITS) & NAMED) !== 0; }
  get isMissing(): boolean { return (this.at(BITS) & MISSING) !== 0; }
  get isError(): boolean { return this.type === 'ERROR'; }

  /** The field this node fills in its parent (`condition`, `body`, ...), or null. */
  get field(): string | null {
    const f = this.at(BITS) >> 8;
    return f ? this.tree.fieldNames[f] ?? null : null;
  }

  get text(): string {
    const d = this.tree.d, o = this.id * STRIDE;
    return this.tree.source.slice(d[o + START], d[o + END]);
  }

  get startPosition(): Point {
    return { row: this.at(SROW), column: this.at(SCOL) };
  }

  get endPosition(): Point {
    return { row: this.at(EROW), column: this.at(ECOL) };
  }

  get parent(): SyntaxNode | null {
    const p = this.at(PARENT);
    return p >= 0 ? this.tree.node(p) : null;
  }

  get children(): SyntaxNode[] {
    const t = this.tree, d = t.d;
    const out: SyntaxNode[] = [];
    for (let c = d[this.id * STRIDE + FIRST]!; c >= 0; c = d[c * STRIDE + NEXT]!) out.push(t.node(c));
    return out;
  }

  get namedChildren(): SyntaxNode[] {
    const t = this.tree, d = t.d;
    const out: SyntaxNode[] = [];
    for (let c = d[this.id * STRIDE + FIRST]!; c >= 0; c = d[c * STRIDE + NEXT]!) if (d[c * STRIDE + BITS]! & NAMED) out.push(t.node(c));
    return out;
  }

  /** The first named child (no array made: for walks that stop early or go child by child). */
  get firstNamedChild(): SyntaxNode | null {
    const d = this.tree.d;
    for (let c = d[this.id * STRIDE + FIRST]!; c >= 0; c = d[c * STRIDE + NEXT]!) if (d[c * STRIDE + BITS]! & NAMED) return this.tree.node(c);
    return null;
  }

  /** The next named sibling (null for the last one, and for the root). */
  get nextNamedSibling(): SyntaxNode | null {
    const d = this.tree.d;
    for (let c = d[this.id * STRIDE + NEXT]!; c >= 0; c = d[c * STRIDE + NEXT]!) if (d[c * STRIDE + BITS]! & NAMED) return this.tree.node(c);
    return null;
  }

  get firstChild(): SyntaxNode | null {
    const c = this.at(FIRST);
    return c >= 0 ? this.tree.node(c) : null;
  }

  childForFieldName(name: string): SyntaxNode | null {
    const t = this.tree, d = t.d;
    const f = t.fieldId(name);
    for (let c = d[this.id * STRIDE + FIRST]!; c >= 0; c = d[c * STRIDE + NEXT]!) if (d[c * STRIDE + BITS]! >> 8 === f) return t.node(c);
    return null;
  }

  childrenForFieldName(name: string): SyntaxNode[] {
    const t = this.tree, d = t.d;
    const f = t.fieldId(name);
    const out: SyntaxNode[] = [];
    for (let c = d[this.id * STRIDE + FIRST]!; c >= 0; c = d[c * STRIDE + NEXT]!) if (d[c * STRIDE + BITS]! >> 8 === f) out.push(t.node(c));
    return out;
  }

  /** Descendants (self included) of the given types, in document order. */
  descendantsOfType(types: string | readonly string[]): SyntaxNode[] {
    const want = new Set(typeof types === 'string' ? [types] : types);
    const t = this.tree;
    const out: SyntaxNode[] = [];
    // pre-order ids: the subtree of a node is the id range up to the end of its last descendant
    const end = subtreeEnd(t, this.id);
    for (let i = this.id; i < end; i++) if (want.has(t.typeName(i))) out.push(t.node(i));
    return out;
  }
}

/** One past the last pre-order id inside the subtree of node `i`. */
function subtreeEnd(t: SyntaxTree, i: number): number {
  const d = t.d;
  for (let n = i; n >= 0; n = d[n * STRIDE + PARENT]!) {
    const next = d[n * STRIDE + NEXT]!;
    if (next >= 0) return next;
  }
  return t.count;
}

/** For walks by id (document order) that need no node objects. */
export const nodeColumns = { STRIDE, PARENT, TYPE, BITS, FIRST, NEXT } as const;

// ---- fallback: the public cursor API ------------------------------------------------------------

/** The tree read node by node through a TreeCursor: slow (several wasm calls per node) but always right. */
export function copyTreeByCursor(tree: Tree, source: string): SyntaxTree {
  const st = new SyntaxTree(source, tree.language);
  const punct = punctuationOf(tree.language);
  const cursor: TreeCursor = tree.walk();
  const add = (parent: number): number => {
    // the leaf test moves the cursor, so it runs only for a node that would otherwise be left out
    if (leftOut(punct, cursor.nodeTypeId, cursor.nodeIsNamed, cursor.currentFieldId, cursor.nodeIsMissing, true)) {
      if (!cursor.gotoFirstChild()) return -1; // a leaf: nothing below it is lost
      cursor.gotoParent();
    }
    const s = cursor.startPosition;
    const e = cursor.endPosition;
    return st.add(parent, cursor.nodeTypeId, nodeBits(cursor.nodeIsNamed, cursor.currentFieldId, cursor.nodeIsMissing), cursor.startIndex, cursor.endIndex, s.row, s.column, e.row, e.column);
  };
  try {
    let cur = add(-1);
    const parents: number[] = [];
    for (;;) {
      if (cursor.gotoFirstChild()) {
        parents.push(cur);
        cur = add(cur);
        continue;
      }
      for (;;) {
        if (cursor.gotoNextSibling()) {
          cur = add(parents[parents.length - 1]!);
          break;
        }
        if (!cursor.gotoParent()) return st;
        cur = parents.pop()!;
      }
    }
  } finally {
    cursor.delete();
  }
}

// ---- fast path: the wasm heap ---------------------------------------------------------------------

/** The Emscripten module object passed to `Parser.init`: Emscripten keeps its heap views on it. */
export interface WasmHeapHost {
  HEAPU8?: Uint8Array;
}

/** What the reader needs from a TSLanguage, copied out of wasm memory once per language. */
interface LanguageTables {
  symbolCount: number;
  types: string[];
  fieldNames: (string | null)[];
  publicSymbol: Uint16Array;
  aliasNamed: Uint8Array;
  maxAliasLength: number;
  /** alias symbol per (production id * maxAliasLength + structural child index); 0 = none. */
  aliasSequences: Uint16Array;
  productionCount: number;
  /** per production: field ids by structural child index (non-inherited entries only; 0 = none). */
  fieldsByChild: (Uint16Array | undefined)[];
}


function cString(u8: Uint8Array, addr: number): string {
  let end = addr;
  while (u8[end] !== 0) end++;
  return Buffer.from(u8.buffer, u8.byteOffset + addr, end - addr).toString('utf8');
}

/**
 * Reads the language's tables from its TSLanguage struct (lib/src/parser.h, wasm32: 4-byte pointers).
 * Returns undefined when what it reads disagrees with the public API (another layout than expected).
 */
function readLanguage(u8: Uint8Array, lang: Language): LanguageTables | undefined {
  const base = (lang as unknown as { [0]: number })[0];
  if (!base || base % 4 !== 0 || base + 88 > u8.length) return undefined;
  const dv = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  const u32 = (a: number): number => dv.getUint32(a, true);
  const u16 = (a: number): number => dv.getUint16(a, true);
  // symbol ids run over the grammar's symbols, then its aliases (ts_language_symbol_count)
  const symbolCount = u32(base + 4) + u32(base + 8);
  const productionCount = u32(base + 28);
  const fieldCount = u32(base + 32);
  const maxAliasLength = u16(base + 36);
  const symbolNames = u32(base + 56);
  const fieldNamesPtr = u32(base + 60);
  const fieldMapSlices = u32(base + 64);
  const fieldMapEntries = u32(base + 68);
  const symbolMetadata = u32(base + 72);
  const publicSymbolMap = u32(base + 76);
  const aliasSequences = u32(base + 84);
  if (symbolCount !== lang.types.length || fieldCount + 1 !== lang.fields.length) return undefined;
  for (let i = 0; i < symbolCount; i++) {
    const t = lang.types[i];
    if (t !== undefined && cString(u8, u32(symbolNames + 4 * i)) !== t) return undefined;
  }
  const fieldNames: (string | null)[] = [null];
  for (let i = 1; i <= fieldCount; i++) {
    const name = cString(u8, u32(fieldNamesPtr + 4 * i));
    if (name !== lang.fields[i]) return undefined;
    fieldNames.push(name);
  }
  const publicSymbol = new Uint16Array(symbolCount);
  const aliasNamed = new Uint8Array(symbolCount);
  for (let i = 0; i < symbolCount; i++) {
    publicSymbol[i] = u16(publicSymbolMap + 2 * i);
    aliasNamed[i] = u8[symbolMetadata + 3 * i + 1]!; // TSSymbolMetadata { visible, named, supertype }
  }
  const seqs = new Uint16Array(productionCount * maxAliasLength);
  for (let i = 0; i < seqs.length; i++) seqs[i] = u16(aliasSequences + 2 * i);
  const fieldsByChild: (Uint16Array | undefined)[] = [];
  for (let p = 0; p < productionCount; p++) {
    if (fieldCount === 0) { fieldsByChild.push(undefined); continue; }
    const index = u16(fieldMapSlices + 4 * p);
    const length = u16(fieldMapSlices + 4 * p + 2);
    let byChild: Uint16Array | undefined;
    for (let k = 0; k < length; k++) {
      const e = fieldMapEntries + 4 * (index + k); // TSFieldMapEntry { u16 field_id; u8 child_index; bool inherited }
      if (u8[e + 3]) continue;
      const child = u8[e + 2]!;
      byChild ??= new Uint16Array(256);
      if (!byChild[child]) byChild[child] = u16(e);
    }
    fieldsByChild.push(byChild);
  }
  return { symbolCount, types: lang.types, fieldNames, publicSymbol, aliasNamed, maxAliasLength, aliasSequences: seqs, productionCount, fieldsByChild };
}

// The iteration state (lib/src/node.c NodeChildIterator) of the subtrees enclosing the one being read,
// FRAME ints each, in a reused array (an object per subtree was most of the copy's cost in garbage).
const F_CHILDREN = 0, F_COUNT = 1, F_INDEX = 2, F_STRUCTURAL = 3, F_BYTES = 4, F_ROW = 5, F_COLUMN = 6, F_PRODUCTION = 7, F_PARENT = 8;
/** Field of a hidden subtree, passed on to its visible descendants (tree_cursor.c current_field_id). */
const F_INHERITED = 9;
const FRAME = 10;
let frames = new Int32Array(FRAME * 256);

/**
 * The tree read from the wasm heap (lib/src/subtree.h: 8-byte Subtree slots, inline leaves flagged by
 * bit 0; heap subtrees with their children stored just before them). Offsets in memory are UTF-16 bytes.
 */
function copyTreeFromHeap(tree: Tree, source: string, u8: Uint8Array, t: LanguageTables): SyntaxTree {
  // Made out here: V8 would otherwise spend its inlining budget for the loop below on this once-per-file
  // constructor instead of on SyntaxTree.add, which runs for every node.
  return readHeap(new SyntaxTree(source, tree.language), tree, u8, t);
}

function readHeap(st: SyntaxTree, tree: Tree, u8: Uint8Array, t: LanguageTables): SyntaxTree {
  // Aligned views (tree-sitter's structs are naturally aligned): indexing them is cheaper than DataView calls.
  const u32 = new Uint32Array(u8.buffer, u8.byteOffset, u8.byteLength >> 2);
  const u16 = new Uint16Array(u8.buffer, u8.byteOffset, u8.byteLength >> 1);
  const root = tree.rootNode;
  const rootSlot = root.id;
  const { publicSymbol, symbolCount, aliasSequences, aliasNamed, fieldsByChild, productionCount } = t;
  const punct = punctuationOf(tree.language);
  const maxAlias = t.maxAliasLength;

  // The root: always visible, no alias (web-tree-sitter's rootNode), starting after its padding.
  const rootPtr = u32[rootSlot >> 2]!;
  const rootInline = (u8[rootSlot]! & 1) === 1;
  {
    const sym = rootInline ? u8[rootSlot + 1]! : u16[(rootPtr + 40) >> 1]!;
    const sizeBytes = rootInline ? u8[rootSlot + 7]! : u32[(rootPtr + 16) >> 2]!;
    const sizeRow = rootInline ? 0 : u32[(rootPtr + 20) >> 2]!;
    const sizeCol = rootInline ? sizeBytes : u32[(rootPtr + 24) >> 2]!;
    const sb = root.startIndex * 2;
    const sp = root.startPosition;
    const sc = sp.column * 2;
    const er = sp.row + sizeRow;
    const ec = sizeRow > 0 ? sizeCol : sc + sizeCol;
    const named = rootInline ? (u8[rootSlot]! & 4) !== 0 : (u16[(rootPtr + 44) >> 1]! & 2) !== 0;
    const missing = rootInline ? (u8[rootSlot]! & 32) !== 0 : (u16[(rootPtr + 44) >> 1]! & 512) !== 0;
    st.add(-1, sym < symbolCount ? publicSymbol[sym]! : sym, nodeBits(named, 0, missing), sb >> 1, (sb + sizeBytes) >> 1, sp.row, sc >> 1, er, ec >> 1);
  }
  if (rootInline || u32[(rootPtr + 36) >> 2]! === 0) return st;

  let d = st.d;
  // The subtree being iterated lives in locals; enclosing ones wait in `frames` (saved on descent).
  let children = rootPtr - u32[(rootPtr + 36) >> 2]! * 8;
  let count = u32[(rootPtr + 36) >> 2]!;
  let index = 0, structural = 0;
  let bytes = root.startIndex * 2, row = root.startPosition.row, column = root.startPosition.column * 2;
  let production = u16[(rootPtr + 66) >> 1]!;
  let parent = 0, inherited = 0;
  let top = -1;
  for (;;) {
    if (index === count) {
      if (top < 0) break;
      const f = frames;
      children = f[top + F_CHILDREN]!; count = f[top + F_COUNT]!; index = f[top + F_INDEX]!; structural = f[top + F_STRUCTURAL]!;
      bytes = f[top + F_BYTES]!; row = f[top + F_ROW]!; column = f[top + F_COLUMN]!;
      production = f[top + F_PRODUCTION]!; parent = f[top + F_PARENT]!; inherited = f[top + F_INHERITED]!;
      top -= FRAME;
      continue;
    }
    const slot = children + index * 8;
    const b0 = u8[slot]!;
    const inline = (b0 & 1) === 1;
    const ptr = inline ? 0 : u32[slot >> 2]!;
    let sym: number, visible: boolean, named: boolean, extra: boolean, missing: boolean;
    let padBytes: number, padRow: number, padCol: number, sizeBytes: number, sizeRow: number, sizeCol: number;
    if (inline) {
      visible = (b0 & 2) !== 0; named = (b0 & 4) !== 0; extra = (b0 & 8) !== 0; missing = (b0 & 32) !== 0;
      sym = u8[slot + 1]!;
      padCol = u8[slot + 4]!; padRow = u8[slot + 5]! & 15; padBytes = u8[slot + 6]!;
      sizeBytes = u8[slot + 7]!; sizeRow = 0; sizeCol = sizeBytes;
    } else {
      const flags = u16[(ptr + 44) >> 1]!;
      visible = (flags & 1) !== 0; named = (flags & 2) !== 0; extra = (flags & 4) !== 0; missing = (flags & 512) !== 0;
      sym = u16[(ptr + 40) >> 1]!;
      padBytes = u32[(ptr + 4) >> 2]!; padRow = u32[(ptr + 8) >> 2]!; padCol = u32[(ptr + 12) >> 2]!;
      sizeBytes = u32[(ptr + 16) >> 2]!; sizeRow = u32[(ptr + 20) >> 2]!; sizeCol = u32[(ptr + 24) >> 2]!;
    }
    let alias = 0;
    let field = 0;
    if (!extra) {
      if (production && maxAlias) alias = aliasSequences[production * maxAlias + structural]!;
      const fields = production < productionCount ? fieldsByChild[production] : undefined;
      field = (fields ? fields[structural]! : 0) || inherited;
      structural++;
    }
    if (index > 0) {
      bytes += padBytes;
      if (padRow > 0) { row += padRow; column = padCol; } else column += padCol;
    }
    const sb = bytes, sr = row, sc = column;
    bytes += sizeBytes;
    if (sizeRow > 0) { row += sizeRow; column = sizeCol; } else column += sizeCol;
    index++;
    const childCount = inline ? 0 : u32[(ptr + 36) >> 2]!;
    let childParent = parent, childInherited = field;
    const s = alias || sym;
    const type = s < symbolCount ? publicSymbol[s]! : s;
    const isNamed = alias ? aliasNamed[alias] === 1 : named;
    if ((visible || alias !== 0) && !leftOut(punct, type, isNamed, field, missing, childCount === 0)) {
      // SyntaxTree.add, written out: it is too big for V8 to inline here, and this runs for every node
      const i = st.count++;
      if ((i + 1) * STRIDE > d.length) { st.grow(); d = st.d; }
      const o = i * STRIDE;
      d[o + PARENT] = parent; d[o + FIRST] = -1; d[o + NEXT] = -1; d[o + LAST] = -1;
      d[o + START] = sb >> 1; d[o + END] = bytes >> 1; d[o + SROW] = sr; d[o + SCOL] = sc >> 1; d[o + EROW] = row; d[o + ECOL] = column >> 1;
      d[o + TYPE] = type;
      d[o + BITS] = (isNamed ? NAMED : 0) | (missing ? MISSING : 0) | (field << 8);
      const p = parent * STRIDE; // parent >= 0: the root was added above
      const last = d[p + LAST]!;
      if (last < 0) d[p + FIRST] = i; else d[last * STRIDE + NEXT] = i;
      d[p + LAST] = i;
      childParent = i;
      childInherited = 0;
    }
    if (childCount > 0) {
      // descend: save this subtree's iteration, continue with the child's children
      top += FRAME;
      if (top + FRAME > frames.length) {
        const bigger = new Int32Array(frames.length * 2);
        bigger.set(frames);
        frames = bigger;
      }
      const f = frames;
      f[top + F_CHILDREN] = children; f[top + F_COUNT] = count; f[top + F_INDEX] = index; f[top + F_STRUCTURAL] = structural;
      f[top + F_BYTES] = bytes; f[top + F_ROW] = row; f[top + F_COLUMN] = column;
      f[top + F_PRODUCTION] = production; f[top + F_PARENT] = parent; f[top + F_INHERITED] = inherited;
      children = ptr - childCount * 8; count = childCount; index = 0; structural = 0;
      bytes = sb; row = sr; column = sc;
      production = u16[(ptr + 66) >> 1]!; parent = childParent; inherited = childInherited;
    }
  }
  return st;
}

// ---- choosing the path ----------------------------------------------------------------------------

/** Constructs the self-test parses: declarations, generics, lambdas, switch rules, text blocks, non-ASCII text, an error. */
const SELF_TEST_SOURCE = `package a.b;
import java.util.*;
@SuppressWarnings("x") public final class Ünïcode<T extends Comparable<T>> extends Base implements I, J {
  private static final String P = "ä" + "b"; int[] a = {1, 2}, b[];
  enum E { A(1) { void f() {} }, B; E(int x) {} }
  record R(int x, String y) { R { if (x < 0) throw new IllegalArgumentException(); } }
  /** doc */ <U> U f(final List<? super T> xs, int... ys) throws Exception {
    LOG.info("x={} {}", xs.size(), ys.length); // comment
    for (var x : xs) { if (x == null) continue; else break; }
    label: while (true) { do { i++; } while (i < 10 && !done); break label; }
    switch (k) { case 1, 2 -> g(); case 3 -> { yield h(); } default -> {} }
    int r = switch (s) { case "a": yield 1; default: yield 2; };
    try (var in = open()) { Runnable q = () -> LOG.debug("q"); } catch (IOException | RuntimeException e) { throw e; } finally { close(); }
    String tb = """
      text \u00e9 block""";
    Object o = new Object() { public String toString() { return this.a + ~b >> 2 >>> 1; } };
    assert o instanceof String s && s.isEmpty() : "msg";
    synchronized (this) { x = y ? z : w; x += 1; a[i] = b[j].c; }
    return (U) Optional.<T>empty().map(T::toString).orElse(null);
  }
  void broken( { int = ; }
}
`;

let chosen: { u8: () => Uint8Array; tables: LanguageTables } | null | undefined;
let chosenFor: Language | undefined;

/** Same nodes, same data, same links. */
export function sameTree(a: SyntaxTree, b: SyntaxTree): boolean {
  if (a.count !== b.count) return false;
  const n = a.count * nodeColumns.STRIDE;
  for (let i = 0; i < n; i++) if (a.d[i] !== b.d[i]) return false;
  return true;
}

/**
 * Enables the heap reader for trees of `tree`'s parser when the host module exposes its heap, the language
 * tables read back as the API reports them, and a self-test parse copies identically both ways.
 */
function heapReader(tree: Tree, host: WasmHeapHost | undefined, parse: (text: string) => Tree | null): typeof chosen {
  if (chosenFor === tree.language && chosen !== undefined) return chosen;
  chosenFor = tree.language;
  chosen = null;
  const u8 = (): Uint8Array => host!.HEAPU8!;
  if (!host?.HEAPU8) return chosen;
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) return chosen; // wasm memory is little-endian; typed arrays are native
  const tables = readLanguage(u8(), tree.language);
  if (!tables) return chosen;
  const probe = parse(SELF_TEST_SOURCE);
  if (!probe) return chosen;
  try {
    const fast = copyTreeFromHeap(probe, SELF_TEST_SOURCE, u8(), tables);
    const slow = copyTreeByCursor(probe, SELF_TEST_SOURCE);
    if (sameTree(fast, slow)) chosen = { u8, tables };
  } catch {
    chosen = null;
  } finally {
    probe.delete();
  }
  return chosen;
}

/** Which reader copied the last tree (printed by the bench). */
export let lastTreeReader: 'heap' | 'cursor' = 'cursor';

/**
 * Copies `tree` (parsed from `source`) into plain objects. `parse` parses with the same parser (for the
 * one-time self-test); `host` is the module object given to `Parser.init`.
 */
export function copyTree(tree: Tree, source: string, host: WasmHeapHost | undefined, parse: (text: string) => Tree | null): SyntaxTree {
  const reader = heapReader(tree, host, parse);
  if (reader) {
    try {
      const st = copyTreeFromHeap(tree, source, reader.u8(), reader.tables);
      // cheap per-tree check: the copy ends where the tree does and has as many top-level children
      const root = st.rootNode;
      if (root.endIndex === tree.rootNode.endIndex && root.namedChildren.length === tree.rootNode.namedChildCount) {
        lastTreeReader = 'heap';
        return st;
      }
    } catch {
      // fall through to the cursor
    }
  }
  lastTreeReader = 'cursor';
  return copyTreeByCursor(tree, source);
}
