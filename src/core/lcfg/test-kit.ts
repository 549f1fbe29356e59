// Helpers for the LCFG tests (and anyone who wants to look at a graph from a snippet): a classifier that
// treats `LOG`/`log`/`logger` receivers as logs and every other method invocation as a call, a builder
// that runs on real tree-sitter parses, and an exhaustive path lister for small graphs.
import type { Lcfg } from '../model';
import { createJavaParser, parseJava, type SyntaxNode } from '../java/parser';
import type { StatementClassifier } from './classifier';
import { buildLcfg, type LcfgOptions } from './build';
import { nodeLabels } from './render';

const LOGGERS = new Set(['LOG', 'log', 'logger']);

/** logId = `line:column` (1-based line, 0-based column) for logs; CallSite for other method invocations. */
export const snippetClassifier: StatementClassifier = {
  classify(node) {
    if (node.type !== 'method_invocation') return undefined;
    const obj = node.childForFieldName('object');
    const name = node.childForFieldName('name')?.text ?? '?';
    const line = node.startPosition.row + 1;
    if (obj && LOGGERS.has(obj.text)) return { kind: 'log', logId: `${line}:${node.startPosition.column}` };
    const args = node.childForFieldName('arguments');
    return {
      kind: 'call',
      call: {
        name, arity: args ? args.namedChildren.filter((c) => c && !c.type.endsWith('comment')).length : 0,
        ...(obj ? { receiver: obj.text } : {}),
        loc: { file: 'T.java', line, column: node.startPosition.column + 1 },
      },
    };
  },
};

function findMethod(root: SyntaxNode, name: string): SyntaxNode | undefined {
  const decls = root.descendantsOfType(['method_declaration', 'constructor_declaration']);
  return decls.find((d) => d.childForFieldName('name')?.text === name);
}

/** Parses `code` (a whole compilation unit) and builds the LCFG of the method or constructor `name`. */
export async function lcfgOfSnippet(code: string, name = 'f', opts: Partial<LcfgOptions> = {}): Promise<Lcfg> {
  const parser = await createJavaParser();
  try {
    const m = findMethod(parseJava(parser, code).rootNode, name);
    if (!m) throw new Error(`method ${name} not found in snippet`);
    return buildLcfg(`T:${name}()`, m.childForFieldName('body'), snippetClassifier, { file: 'T.java', ...opts });
  } finally {
    parser.delete();
  }
}

/**
 * Every path from entry to exit or raise, as `entry > log@3 > exit`. Each loop-back edge is taken at most
 * once around per loop: a loop head is re-entered by a loop-back edge at most once per path. Throws past `limit` paths: it is meant for small graphs.
 */
export function listPaths(g: Lcfg, limit = 2000): string[] {
  const labels = nodeLabels(g);
  const outs = new Map<number, typeof g.edges>();
  for (const e of g.edges) {
    const l = outs.get(e.from);
    if (l) l.push(e); else outs.set(e.from, [e]);
  }
  const result: string[] = [];
  const usedBack = new Set<number>(); // loop heads already re-entered on this path
  const walk = (node: number, trail: number[]): void => {
    if (result.length > limit) throw new Error(`more than ${limit} paths`);
    if (node === g.exit || node === g.raise) { result.push([...trail, node].map((n) => labels.get(n)).join(' > ')); return; }
    for (const e of outs.get(node) ?? []) {
      if (e.kind === 'loop-back') {
        if (usedBack.has(e.to)) continue;
        usedBack.add(e.to);
        walk(e.to, [...trail, node]);
        usedBack.delete(e.to);
      } else {
        walk(e.to, [...trail, node]);
      }
    }
  };
  walk(g.entry, []);
  return result;
}
