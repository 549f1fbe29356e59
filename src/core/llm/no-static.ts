// The `--no-static` ablation ("without static analysis"): no LCFG, no path enumeration. The model reads
// the entry method's source and the list of log statements reachable from it, and writes executions as
// ordered lists of those statements. Every list is validated against the known statements; lists with an
// unknown id are dropped and counted. The result is Paths (log steps only), so the rest of the pipeline
// (parameters, rendering, labels, export) treats them like enumerated paths.
import type { LogStatement, Path } from '../model';
import type { FailureKind, LlmClient } from './client';
import { noStaticPrompt } from './prompts/no-static';
import { noStaticSchema } from './schemas';
import { shortMethod } from './path-view';

/** What reachableLogStatements needs from the call graph (CallGraph implements it). */
export interface ReachGraph {
  callees(methodId: string): string[];
  logsIn(methodId: string): ReadonlySet<string>;
}

/** The log statements reachable from `entry` through at most `depth` calls, breadth first, each once
 *  (the vocabulary the model may use in the `--no-static` ablation). */
export function reachableLogStatements(graph: ReachGraph, logs: ReadonlyMap<string, LogStatement>, entry: string, depth: number): LogStatement[] {
  const out: LogStatement[] = [];
  const seen = new Set<string>([entry]);
  let frontier = [entry];
  for (let d = 0; frontier.length > 0 && d <= depth; d++) {
    const next: string[] = [];
    for (const m of frontier) {
      const here = [...graph.logsIn(m)].map((id) => logs.get(id)).filter((l): l is LogStatement => l !== undefined);
      here.sort((a, b) => a.loc.line - b.loc.line || a.loc.column - b.loc.column);
      out.push(...here);
      for (const c of graph.callees(m)) if (!seen.has(c)) { seen.add(c); next.push(c); }
    }
    frontier = next;
  }
  return out;
}

export interface NoStaticInput {
  client: LlmClient;
  /** Entry method id. */
  entry: string;
  /** Its file (relative) and source text. */
  file: string;
  source: string;
  /** The log statements the sequences may use (e.g. those reachable from the entry). */
  logs: LogStatement[];
  /** How many sequences to ask for (default 20). */
  count?: number;
  signal?: AbortSignal;
}

export interface NoStaticSequence {
  path: Path;
  /** The model's own view of the execution (a hint; labels still come from the label rules). */
  anomalous: boolean;
  reason: string;
}

export interface NoStaticResult {
  sequences: NoStaticSequence[];
  /** Lists dropped: an unknown id, empty, or a duplicate. */
  rejected: number;
  rejectReasons: string[];
  failure?: FailureKind;
  reasoning?: string;
}

export async function llmNoStaticSequences(input: NoStaticInput): Promise<NoStaticResult> {
  const ids = new Map<string, LogStatement>();
  input.logs.forEach((l, k) => ids.set(`L${k + 1}`, l));
  if (ids.size === 0) return { sequences: [], rejected: 0, rejectReasons: [] };
  const vars = {
    entry: shortMethod(input.entry), file: input.file, source: input.source, count: input.count ?? 20,
    templates: [...ids].map(([id, l]) => ({ id, level: l.level, template: l.template, method: shortMethod(l.methodId) })),
  };
  const prompt = { id: noStaticPrompt.id, version: noStaticPrompt.version, system: noStaticPrompt.system, user: noStaticPrompt.user(vars) };
  const res = await input.client.complete(prompt, noStaticSchema, { signal: input.signal });
  if (!res.ok) return { sequences: [], rejected: 0, rejectReasons: [], failure: res.failure };

  const out: NoStaticSequence[] = [];
  const seen = new Set<string>();
  const rejectReasons: string[] = [];
  res.value.sequences.forEach((s, k) => {
    const unknown = s.log_ids.filter((id) => !ids.has(id.trim()));
    if (s.log_ids.length === 0) { rejectReasons.push(`sequence ${k}: empty`); return; }
    if (unknown.length) { rejectReasons.push(`sequence ${k}: unknown log ids ${unknown.slice(0, 5).join(', ')}`); return; }
    const key = s.log_ids.map((id) => id.trim()).join(' ');
    if (seen.has(key)) { rejectReasons.push(`sequence ${k}: duplicate`); return; }
    seen.add(key);
    const logs = s.log_ids.map((id) => ids.get(id.trim())!);
    out.push({
      anomalous: s.anomalous,
      reason: s.reason,
      path: {
        entry: input.entry,
        // Log steps only: there is no control-flow evidence in this ablation.
        steps: logs.map((l) => ({
          methodId: l.methodId, nodeId: -1, kind: 'log' as const, loc: l.loc, logId: l.id,
          depth: l.methodId === input.entry ? 0 : 1,
        })),
        logIds: logs.map((l) => l.id),
        raises: false,
      },
    });
  });
  return { sequences: out, rejected: rejectReasons.length, rejectReasons, reasoning: res.reasoning };
}
