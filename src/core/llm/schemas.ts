// JSON schemas of every model answer. The same schema is sent as `response_format` (strict structured
// output, where the server supports it) and used to validate the answer with ajv, whichever way it came.
import Ajv, { type ValidateFunction } from 'ajv';

export type JsonSchema = Record<string, unknown>;

/** A schema for one kind of answer. `lenient` names properties that may be missing when the server
 *  did not use structured output (e.g. `reasoning`, which then is the free text before the JSON). */
export interface AnswerSchema<T> {
  name: string;
  schema: JsonSchema;
  lenient: string[];
  /** Type marker only. */
  readonly __type?: T;
}

const str = { type: 'string' } as const;

export interface PathVerdictAnswer {
  reasoning?: string;
  consistent: boolean;
  reason: string;
  conflicting_steps: number[];
}

export const pathVerdictSchema: AnswerSchema<PathVerdictAnswer> = {
  name: 'path_verdict',
  lenient: ['reasoning'],
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['reasoning', 'consistent', 'reason', 'conflicting_steps'],
    properties: {
      reasoning: str,
      consistent: { type: 'boolean' },
      reason: str,
      // No 'minimum': some strict structured-output implementations reject the keyword; ranges are checked by the verifier.
      conflicting_steps: { type: 'array', items: { type: 'integer' } },
    },
  },
};

export interface ParamsAnswer {
  reasoning?: string;
  /** values[i][j]: the value of the j-th `<*>` of the i-th event. */
  values: string[][];
}

export const paramsSchema: AnswerSchema<ParamsAnswer> = {
  name: 'log_parameters',
  lenient: ['reasoning'],
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['reasoning', 'values'],
    properties: {
      reasoning: str,
      values: { type: 'array', items: { type: 'array', items: str } },
    },
  },
};

export interface LabelAnswer {
  reasoning?: string;
  label: 'Normal' | 'Anomaly';
  reason: string;
}

export const labelSchema: AnswerSchema<LabelAnswer> = {
  name: 'label_opinion',
  lenient: ['reasoning'],
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['reasoning', 'label', 'reason'],
    properties: { reasoning: str, label: { type: 'string', enum: ['Normal', 'Anomaly'] }, reason: str },
  },
};

export interface NoStaticAnswer {
  reasoning?: string;
  sequences: { log_ids: string[]; anomalous: boolean; reason: string }[];
}

export const noStaticSchema: AnswerSchema<NoStaticAnswer> = {
  name: 'log_sequences',
  lenient: ['reasoning'],
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['reasoning', 'sequences'],
    properties: {
      reasoning: str,
      sequences: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['log_ids', 'anomalous', 'reason'],
          properties: { log_ids: { type: 'array', items: str }, anomalous: { type: 'boolean' }, reason: str },
        },
      },
    },
  },
};

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new WeakMap<AnswerSchema<unknown>, ValidateFunction>();

/** Validates `value` against the schema (lenient properties optional); returns an error text or undefined. */
export function validateAnswer<T>(s: AnswerSchema<T>, value: unknown): string | undefined {
  let fn = compiled.get(s as AnswerSchema<unknown>);
  if (!fn) {
    const required = (s.schema.required as string[] | undefined)?.filter((r) => !s.lenient.includes(r));
    fn = ajv.compile({ ...s.schema, required });
    compiled.set(s as AnswerSchema<unknown>, fn);
  }
  if (fn(value)) return undefined;
  return ajv.errorsText(fn.errors, { dataVar: 'answer' });
}

/** The last top-level JSON object in free text (after a chain of thought, inside a ```json fence or not). */
export function extractLastJsonObject(text: string): { value: Record<string, unknown>; start: number } | undefined {
  // Scan backwards for each '}' and, for each, backwards for a '{' whose span balances and parses; the
  // first candidate from the end wins. Bounded so a pathological answer cannot stall the run.
  let budget = 5000;
  for (let end = text.lastIndexOf('}'); end >= 0; end = end > 0 ? text.lastIndexOf('}', end - 1) : -1) {
    for (let start = text.lastIndexOf('{', end); start >= 0; start = start > 0 ? text.lastIndexOf('{', start - 1) : -1) {
      if (--budget < 0) return undefined;
      const candidate = text.slice(start, end + 1);
      if (!balanced(candidate)) continue;
      try {
        const v: unknown = JSON.parse(candidate);
        if (v && typeof v === 'object' && !Array.isArray(v)) return { value: v as Record<string, unknown>, start };
      } catch {
        /* try a wider span */
      }
    }
  }
  return undefined;
}

/** Cheap pre-check: braces balance outside strings and the span starts and ends at depth 0. */
function balanced(s: string): boolean {
  let depth = 0;
  let inStr = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inStr) {
      if (c === '\\') i++;
      else if (c === '"') inStr = false;
    } else if (c === '"') inStr = true;
    else if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0 && i !== s.length - 1) return false;
      if (depth < 0) return false;
    }
  }
  return depth === 0 && !inStr;
}
