// Where a lambda passed as an argument runs (shared by the call graph and path enumeration): inside the workspace
// method it is passed to, or on the spot inside the library methods below, perhaps not at all (an empty
// collection, an absent value, a key already present). Methods that hand it to another thread (`submit`,
// `execute`, `runAsync`) are not here: those run apart from the caller's path.
import type { CallSite } from '../model';

export const RUNS_ARGUMENT: ReadonlySet<string> = new Set([
  'forEach', 'forEachOrdered', 'forEachRemaining', 'ifPresent', 'ifPresentOrElse', 'computeIfAbsent', 'computeIfPresent',
  'compute', 'merge', 'removeIf', 'replaceAll', 'orElseGet', 'orElseThrow', 'map', 'flatMap', 'filter', 'peek',
  'anyMatch', 'allMatch', 'noneMatch', 'reduce', 'collect', 'toMap',
]);

const NONE: readonly string[] = [];

/** The lambdas a call site passes (method ids, in argument order). */
export function lambdasPassed(call: CallSite): readonly string[] {
  return call.lambdaArgs ? call.lambdaArgs.filter((id): id is string => id !== null) : NONE;
}

/**
 * The lambdas a call site passes that run on the caller's behalf: all of them when the call goes to a workspace
 * method (it may invoke them) or to a library method in RUNS_ARGUMENT, else none (handed to another thread).
 * `hasWorkspaceTarget` is asked only when it matters (resolution has a cost).
 */
export function lambdasRun(call: CallSite, hasWorkspaceTarget: () => boolean): readonly string[] {
  if (!call.lambdaArgs) return NONE;
  return RUNS_ARGUMENT.has(call.name) || hasWorkspaceTarget() ? lambdasPassed(call) : NONE;
}
