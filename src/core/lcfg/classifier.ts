import type { CallSite } from '../model';
import type { SyntaxNode } from '../java/parser';

/**
 * How the LCFG builder learns what an invocation is. The indexer owns the knowledge of loggers, receiver
 * types and scopes; the LCFG builder owns control flow. They meet here.
 */
export type Classified = { kind: 'log'; logId: string } | { kind: 'call'; call: CallSite } | undefined;

export interface StatementClassifier {
  /** Called for every `method_invocation`, `object_creation_expression` and explicit constructor invocation. */
  classify(node: SyntaxNode): Classified;
}
