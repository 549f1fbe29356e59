// LLM-proposed runtime parameters for a sequence: one value per `<*>` per event, consistent across the
// sequence. Every answer is validated (event count, slot count, one-line values); anything else falls
// back to the embedded synthesizer's values, so a sequence always gets parameters.
import type { LogStatement } from '../model';
import type { FailureKind, LlmClient } from './client';
import { paramsPrompt } from './prompts/params';
import { paramsSchema, type ParamsAnswer } from './schemas';
import { shortMethod } from './path-view';

/** Number of `<*>` slots of a template. */
export function slotCount(template: string): number {
  return template.split('<*>').length - 1;
}

export interface LlmParametersInput {
  client: LlmClient;
  entry: string;
  sessionId: string;
  /** The sequence's log statements, in order. */
  logs: LogStatement[];
  /** The embedded synthesizer (e.g. src/core/params fill per event): used when the model cannot answer. */
  fallback: (logs: LogStatement[]) => string[][];
  signal?: AbortSignal;
  /** Longest accepted value. Default 200 characters. */
  maxValueLength?: number;
}

export interface LlmParametersResult {
  /** values[i][j]: value of the j-th `<*>` of logs[i]. */
  values: string[][];
  source: 'llm' | 'fallback';
  failure?: FailureKind;
  reasoning?: string;
}

/** Checks the answer's shape against the sequence; returns a problem text or undefined. */
export function checkParams(answer: ParamsAnswer, logs: LogStatement[], maxLen = 200): string | undefined {
  if (answer.values.length !== logs.length) return `expected ${logs.length} events, got ${answer.values.length}`;
  for (let i = 0; i < logs.length; i++) {
    const want = slotCount(logs[i]!.template);
    const got = answer.values[i]!;
    if (got.length !== want) return `event ${i}: expected ${want} values, got ${got.length}`;
    for (const v of got) {
      if (/[\r\n]/.test(v)) return `event ${i}: a value spans several lines`;
      if (v.length > maxLen) return `event ${i}: a value is longer than ${maxLen} characters`;
      if (v.includes('<*>')) return `event ${i}: a value still contains <*>`;
    }
  }
  return undefined;
}

export async function llmParameters(input: LlmParametersInput): Promise<LlmParametersResult> {
  const { client, logs } = input;
  if (logs.every((l) => slotCount(l.template) === 0)) return { values: logs.map(() => []), source: 'llm' };
  const vars = {
    entry: shortMethod(input.entry),
    sessionId: input.sessionId,
    events: logs.map((l) => ({
      level: l.level, component: l.component, template: l.template,
      slots: l.params.slice(0, slotCount(l.template)).map((p) => ({ expr: p.expr, type: p.type, context: p.context })),
    })),
  };
  const prompt = { id: paramsPrompt.id, version: paramsPrompt.version, system: paramsPrompt.system, user: paramsPrompt.user(vars) };
  const res = await client.complete(prompt, paramsSchema, {
    signal: input.signal,
    check: (a) => checkParams(a, logs, input.maxValueLength ?? 200),
  });
  if (res.ok) return { values: res.value.values, source: 'llm', reasoning: res.reasoning };
  return { values: input.fallback(logs), source: 'fallback', failure: res.failure };
}
