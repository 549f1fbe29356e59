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
