// PLACEHOLDER until the real builder lands (owned by the LCFG work): a straight-line graph of the
// classified invocations in source order, so the indexer can be developed against the signature.
import type { Lcfg, LcfgNode, LcfgEdge } from '../model';
import type { SyntaxNode } from '../java/parser';
import type { StatementClassifier } from './classifier';

export interface LcfgOptions {
  file: string;
}

export function buildLcfg(methodId: string, body: SyntaxNode | null, classifier: StatementClassifier, opts: LcfgOptions): Lcfg {
  const nodes: LcfgNode[] = [{ id: 0, kind: 'entry', line: body?.startPosition.row ?? 0 }];
  const edges: LcfgEdge[] = [];
  let prev = 0;
  const visit = (n: SyntaxNode): void => {
    if (n.type === 'lambda_expression' || n.type === 'class_body') return;
    for (const c of n.namedChildren) if (c) visit(c);
    if (n.type === 'method_invocation' || n.type === 'object_creation_expression') {
      const c = classifier.classify(n);
      if (!c) return;
      const id = nodes.length;
      nodes.push(c.kind === 'log'
        ? { id, kind: 'log', line: n.startPosition.row + 1, logId: c.logId }
        : { id, kind: 'call', line: n.startPosition.row + 1, call: c.call });
      edges.push({ from: prev, to: id, kind: 'normal' });
      prev = id;
    }
  };
  if (body) visit(body);
  const exit = nodes.length;
  nodes.push({ id: exit, kind: 'exit', line: (body?.endPosition.row ?? 0) + 1 });
  edges.push({ from: prev, to: exit, kind: 'normal' });
  const raise = nodes.length;
  nodes.push({ id: raise, kind: 'raise', line: (body?.endPosition.row ?? 0) + 1 });
  void opts;
  return { methodId, nodes, edges, entry: 0, exit, raise };
}
