import { Language, Parser } from 'web-tree-sitter';
import { assetPath } from '../util/assets';

export type { Node as SyntaxNode, Tree } from 'web-tree-sitter';

let ready: Promise<Language> | undefined;

/** Loads the tree-sitter runtime and the Java grammar once per process (both are wasm, no native build). */
export function loadJava(): Promise<Language> {
  ready ??= (async () => {
    await Parser.init({ locateFile: () => assetPath('web-tree-sitter.wasm') });
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
