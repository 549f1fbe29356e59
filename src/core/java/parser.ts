import { Language, Parser, type Tree } from 'web-tree-sitter';
import { assetPath } from '../util/assets';
import { copyTree, type SyntaxTree, type WasmHeapHost } from './syntax-tree';

export type { SyntaxNode, SyntaxTree } from './syntax-tree';
export type { Tree } from 'web-tree-sitter';

/** The Emscripten module options: Emscripten stores its heap views on this object, which the tree copy reads. */
const host: WasmHeapHost & { locateFile: () => string } = { locateFile: () => assetPath('web-tree-sitter.wasm') };
let ready: Promise<Language> | undefined;

/** Loads the tree-sitter runtime and the Java grammar once per process (both are wasm, no native build). */
export function loadJava(): Promise<Language> {
  ready ??= (async () => {
    await Parser.init(host);
    return Language.load(assetPath('tree-sitter-java.wasm'));
  })();
  return ready;
}

/** A Java parser. Callers must `delete()` the parser and every tree they get: wasm memory is not garbage-collected. */
export async function createJavaParser(): Promise<Parser> {
  const lang = await loadJava();
  const p = new Parser();
  p.setLanguage(lang);
  return p;
}

/** A plain-object copy of `tree` (which `parser` parsed from `text`); the caller still deletes `tree`. */
export function copyParsed(parser: Parser, tree: Tree, text: string): SyntaxTree {
  return copyTree(tree, text, host, (t) => parser.parse(t));
}

/** Parses `text` into a plain-object tree (the wasm tree is freed before returning). */
export function parseJava(parser: Parser, text: string): SyntaxTree {
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    return copyParsed(parser, tree, text);
  } finally {
    tree.delete();
  }
}
