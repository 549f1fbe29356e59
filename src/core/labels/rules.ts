// The labelling rules: defaults in default-rules.json (readable, shipped), optionally overridden by a user JSON
// file of the same shape. A bad user file fails with a message naming the file and the offending key; it
// never silently falls back to the defaults.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import type { LogLevel } from '../model';

export interface LabelRules {
  description?: string;
  /** A path through a catch handler is an anomaly. */
  catchHandler: boolean;
  /** A path through a `throw` statement is an anomaly (caught or not). */
  throwStatement: boolean;
  /** A path ending by an exception escaping the entry method is an anomaly. */
  endsByRaising: boolean;
  /** Levels whose events make a sequence anomalous. */
  errorLevels: LogLevel[];
  /** Also treat WARN events as anomalous (off by default: HDFS-style WARNs are mostly benign). */
  warnEvents: boolean;
  /** An event logged with a trailing Throwable argument is an anomaly. */
  loggedThrowable: boolean;
  /** Match failure words in the template's literal text (default) or in the rendered message. */
  failureWordsIn: 'template' | 'content';
  /** Whole words or phrases, matched case-insensitively. */
  failureWords: string[];
}

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

const properties = {
  description: { type: 'string' },
  catchHandler: { type: 'boolean' },
  throwStatement: { type: 'boolean' },
  endsByRaising: { type: 'boolean' },
  errorLevels: { type: 'array', items: { enum: LEVELS } },
  warnEvents: { type: 'boolean' },
  loggedThrowable: { type: 'boolean' },
  failureWordsIn: { enum: ['template', 'content'] },
  failureWords: { type: 'array', items: { type: 'string', minLength: 1 } },
};
const REQUIRED = ['catchHandler', 'throwStatement', 'endsByRaising', 'errorLevels', 'warnEvents', 'loggedThrowable', 'failureWordsIn', 'failureWords'];

const userSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...properties,
    $schema: { type: 'string' },
    mode: { enum: ['merge', 'replace'] },
    addFailureWords: { type: 'array', items: { type: 'string', minLength: 1 } },
    removeFailureWords: { type: 'array', items: { type: 'string' } },
  },
};

const ajv = new Ajv({ allErrors: true });
const validateUser = ajv.compile(userSchema);
const validateFull = ajv.compile({ type: 'object', additionalProperties: false, required: REQUIRED, properties });

function describe(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => {
    const at = e.instancePath || '(top level)';
    if (e.keyword === 'additionalProperties') return `${at}: unknown key '${String(e.params['additionalProperty'])}' (known: ${[...Object.keys(userSchema.properties)].join(', ')})`;
    if (e.keyword === 'enum') return `${at} ${e.message}: ${(e.params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    return `${at} ${e.message ?? 'is invalid'}`;
  }).join('; ');
}

let defaults: LabelRules | undefined;

/** The shipped defaults. Bundles inline the JSON; transpiled tests read it from the source tree. */
export function defaultLabelRules(): LabelRules {
  if (!defaults) {
    let raw: unknown;
    try {
      raw = require('./default-rules.json');
    } catch {
      raw = JSON.parse(readFileSync(findDefaultRulesFile(), 'utf8'));
    }
    if (!validateFull(raw)) throw new Error(`default-rules.json is invalid: ${describe(validateFull.errors)}`);
    defaults = raw as unknown as LabelRules;
  }
  return structuredClone(defaults);
}

/** Where default-rules.json lives in the source tree (for users who want to copy it). */
export function findDefaultRulesFile(): string {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    for (const candidate of [join(dir, 'default-rules.json'), join(dir, 'src', 'core', 'labels', 'default-rules.json')]) {
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error('LogSynth: src/core/labels/default-rules.json not found');
}

/** Applies a user override (already parsed JSON) to the defaults. `source` names it in error messages. */
export function applyLabelRules(user: unknown, source: string, base: LabelRules = defaultLabelRules()): LabelRules {
  if (typeof user !== 'object' || user === null || Array.isArray(user)) throw new Error(`label rules ${source}: expected a JSON object like default-rules.json`);
  if (!validateUser(user)) throw new Error(`label rules ${source}: ${describe(validateUser.errors)}`);
  const u = user as Partial<LabelRules> & { mode?: 'merge' | 'replace'; addFailureWords?: string[]; removeFailureWords?: string[]; $schema?: string };
  const { mode = 'merge', addFailureWords = [], removeFailureWords = [], $schema: _schema, ...given } = u;
  let rules: LabelRules;
  if (mode === 'replace') {
    const missing = REQUIRED.filter((k) => !(k in given));
    if (missing.length > 0) throw new Error(`label rules ${source}: "mode": "replace" needs every key; missing ${missing.join(', ')}`);
    rules = given as LabelRules;
  } else {
    rules = { ...base, ...given };
  }
  const remove = new Set(removeFailureWords.map((w) => w.toLowerCase()));
  const words = [...rules.failureWords, ...addFailureWords].filter((w) => !remove.has(w.toLowerCase()));
  rules.failureWords = [...new Set(words)];
  return rules;
}

/** Defaults, or defaults overridden by the JSON file at `file`. */
export function loadLabelRules(file?: string): LabelRules {
  if (!file) return defaultLabelRules();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`label rules ${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`label rules ${file}: not valid JSON (${(e as Error).message})`);
  }
  return applyLabelRules(parsed, file);
}
