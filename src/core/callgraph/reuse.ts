// When a call graph may reuse the call resolutions of the previous one: after a one-file edit that leaves
// everything other files' calls are resolved against unchanged. Typing inside a method body is the common
// case, and re-resolving every call of a large workspace was most of the time from an edit to the CodeLens.
import type { FileIndex, IndexView, Lcfg } from '../model';
import { scanLcfg } from '../lcfg/packed';
import { buildCallGraph, type CallGraph } from './callgraph';

/**
 * What calls made elsewhere are resolved against, in one file: its package and imports, its classes (names,
 * kinds, supertypes, field names and types), its methods (ids, names, parameter and return types, static,
 * constructor, declaration order) and whether each method's LCFG does anything (dispatch skips bodiless
 * methods). Line numbers are not in it: lines added in one method move the others without changing a
 * resolution. Two files with the same facts resolve every call from other files the same way.
 */
export function resolutionFacts(f: FileIndex): string {
  const byLoc = [...f.methods].sort((a, b) => a.loc.line - b.loc.line || a.loc.column - b.loc.column);
  return JSON.stringify([
    f.package,
    f.imports,
    f.classes.map((c) => [c.name, c.simpleName, c.kind, c.superClass ?? null, c.interfaces, c.fields.map((x) => [x.name, x.type, x.isStatic])]),
    f.methods.map((m) => [m.id, m.className, m.name, m.paramTypes, m.returnType, m.isStatic, m.isConstructor]),
    byLoc.map((m) => m.id),
    f.lcfgs.map((g) => [g.methodId, hasBehaviour(g)]),
  ]);
}

/** True if an edit from `before` to `after` (one file's index; undefined: created or deleted) keeps every other
 *  file's call resolutions valid, so a graph built after it may reuse the previous one's. */
export function keepsResolutions(before: FileIndex | undefined, after: FileIndex | undefined): boolean {
  return before !== undefined && after !== undefined && resolutionFacts(before) === resolutionFacts(after);
}

/**
 * The graph the next call graph may take resolutions from: the last one built, for as long as every change since
 * kept the other files' resolutions valid. Edits in a row with no graph built between them keep the same one.
 * Shared by the language server's index and the generation worker's copy of it.
 */
export class GraphReuse {
  private last: CallGraph | undefined;

  /** After a change: `stable` when keepsResolutions held for it; `built`, the graph of the view before it, if any. */
  changed(stable: boolean, built: CallGraph | undefined): void {
    this.last = stable ? built ?? this.last : undefined;
  }

  /** After a change nothing may be reused across (a full scan, a new set of files). */
  forget(): void {
    this.last = undefined;
  }

  /** The call graph of `view`, with what it may reuse. */
  build(view: IndexView): CallGraph {
    const g = buildCallGraph(view, this.last);
    this.last = undefined;
    return g;
  }
}

/** True if the LCFG holds anything path enumeration could use (a log, a call, a throw): a method whose LCFG
 *  has none of them does nothing (dispatch skips it). */
export function hasBehaviour(g: Lcfg): boolean {
  return scanLcfg(g, ignore, ignore);
}

const ignore = (): void => {};
