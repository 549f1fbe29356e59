// One place that turns user settings (CLI flags, VS Code settings) into a ready LLM stage: options
// checked with clear messages, the key taken from the caller or the environment, the cache opened,
// the verifier composed with the embedded one, and a one-line summary for the end of a run.
import type { Verifier } from '../model';
import { LlmClient, type FailureKind, type LlmClientOptions, type LlmStats } from './client';
import { LlmCache } from './cache';
import { checkEndpoint } from './endpoint';
import { LlmVerifier, type LlmVerifierMode, type LlmVerifyReport } from './verifier';

/** Where a local OpenAI-compatible server usually listens (Ollama). */
export const DEFAULT_BASE_URL = 'http://127.0.0.1:11434/v1';

export class LlmConfigError extends Error {}

/** The API key for the CLI: LOGSYNTH_LLM_API_KEY, else OPENAI_API_KEY. Never read from settings files. */
export function apiKeyFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.LOGSYNTH_LLM_API_KEY || env.OPENAI_API_KEY || undefined;
}

export interface LlmSettings {
  baseURL?: string;
  model?: string;
  temperature?: number;
  timeoutMs?: number;
  maxConcurrency?: number;
  maxRetries?: number;
  /** --max-llm-calls */
  maxCalls?: number;
  /** --llm-allow-remote / the extension's consent answer */
  allowRemote?: boolean;
  /** false in an untrusted workspace */
  trusted?: boolean;
  apiKey?: string;
  /** sql.js file for cached answers; omitted = this run only */
  cacheFile?: string;
  seed?: number;
  trace?: (line: string) => void;
}

/** CLI flag values as node:util parseArgs returns them (`--llm-base-url`, `--llm-model`, `--llm-temperature`,
 *  `--llm-timeout` in seconds, `--llm-concurrency`, `--llm-retries`, `--max-llm-calls`, `--llm-allow-remote`,
 *  `--llm-cache`). */
export type LlmFlags = Partial<Record<string, string | boolean | undefined>>;

/** Turns CLI flags into settings; a flag that is not a number where one is expected is a LlmConfigError. */
export function llmSettingsFromFlags(flags: LlmFlags): LlmSettings {
  const str = (k: string) => (typeof flags[k] === 'string' ? (flags[k] as string) : undefined);
  const num = (k: string, integer: boolean) => {
    const v = str(k);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
      throw new LlmConfigError(`--${k} must be ${integer ? 'an integer' : 'a number'} (got '${v}')`);
    }
    return n;
  };
  const timeout = num('llm-timeout', false);
  return {
    baseURL: str('llm-base-url'),
    model: str('llm-model'),
    temperature: num('llm-temperature', false),
    timeoutMs: timeout === undefined ? undefined : timeout * 1000,
    maxConcurrency: num('llm-concurrency', true),
    maxRetries: num('llm-retries', true),
    maxCalls: num('max-llm-calls', true),
    allowRemote: flags['llm-allow-remote'] === true,
    cacheFile: str('llm-cache'),
  };
}

/** Checks settings and fills defaults; throws LlmConfigError with a one-line message on bad input. */
export function resolveLlmOptions(s: LlmSettings): LlmClientOptions {
  const baseURL = (s.baseURL ?? DEFAULT_BASE_URL).trim();
  try {
    const u = new URL(baseURL);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
  } catch {
    throw new LlmConfigError(`--llm-base-url must be an http(s) URL such as ${DEFAULT_BASE_URL} (got '${baseURL.replace(/\/\/[^@/]*@/, '//…@')}')`);
  }
  const model = s.model?.trim();
  if (!model) throw new LlmConfigError('--llm-model is required with --verifier llm|both or --no-static (e.g. llama3.1:8b, gpt-4o-mini)');
  const num = (v: number | undefined, name: string, min: number, max = Number.POSITIVE_INFINITY) => {
    if (v === undefined) return undefined;
    if (!Number.isFinite(v) || v < min || v > max) throw new LlmConfigError(`${name} must be a number in [${min}, ${max === Number.POSITIVE_INFINITY ? '∞' : max}] (got ${v})`);
    return v;
  };
  return {
    baseURL, model, apiKey: s.apiKey,
    temperature: num(s.temperature, 'LLM temperature', 0, 2),
    timeoutMs: num(s.timeoutMs, 'LLM timeout', 1),
    maxConcurrency: num(s.maxConcurrency, 'LLM max concurrency', 1),
    maxRetries: num(s.maxRetries, 'LLM max retries', 0),
    maxCalls: num(s.maxCalls, '--max-llm-calls', 0),
    allowRemote: s.allowRemote, trusted: s.trusted, seed: s.seed, trace: s.trace,
  };
}

export interface LlmStage {
  client: LlmClient;
  /** Present when a verifier mode was asked for. */
  verifier?: LlmVerifier;
  cache: LlmCache | undefined;
  /** A refusal that means no call will be made (untrusted, remote without consent). */
  refusal?: { failure: FailureKind; message: string };
  stats(): LlmStats;
  report(): LlmVerifyReport | undefined;
  /** e.g. `LLM: 42 calls, 10 cache hits, 12345 tokens in / 2345 out, 35.2 s; 3 paths used the symbolic verdict (timeout 2, budget 1)` */
  summary(): string;
  /** Saves the cache file. */
  close(): void;
}

export async function createLlmStage(s: LlmSettings & { mode?: LlmVerifierMode; fallback?: Verifier }): Promise<LlmStage> {
  const options = resolveLlmOptions(s);
  const cache = s.cacheFile ? await LlmCache.open(s.cacheFile) : undefined;
  const client = new LlmClient({ ...options, cache });
  const verifier = s.mode && s.fallback ? new LlmVerifier({ client, fallback: s.fallback, mode: s.mode }) : undefined;
  const decision = checkEndpoint(options);
  return {
    client, verifier, cache,
    refusal: decision.allowed ? undefined : { failure: decision.reason, message: decision.message },
    stats: () => client.stats(),
    report: () => verifier?.report(),
    summary: () => formatLlmSummary(client.stats(), verifier?.report()),
    close: () => cache?.close(),
  };
}

export function formatLlmSummary(st: LlmStats, r?: LlmVerifyReport): string {
  let line = `LLM: ${st.calls} calls, ${st.cacheHits} cache hits, ${st.tokensIn} tokens in / ${st.tokensOut} out, ${st.seconds.toFixed(1)} s`;
  if (st.retries) line += `, ${st.retries} retries`;
  if (r) {
    line += `; ${r.judgedByLlm}/${r.paths} paths judged by the model (${r.rejectedByLlm} rejected)`;
    if (r.fallbacks) {
      const kinds = Object.entries(r.fallbackKinds).map(([k, n]) => `${k} ${n}`).join(', ');
      line += `; ${r.fallbacks} paths used the symbolic verdict (${kinds})`;
    }
  }
  return line;
}
