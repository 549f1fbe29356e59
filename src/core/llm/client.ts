// The one door to a chat-completions endpoint (OpenAI, Ollama /v1, vLLM, llama.cpp llama-server, LM Studio).
// It wraps the real `openai` client with its own retries switched off, because we want to own the policy:
// exponential backoff with jitter honouring Retry-After, a whole-request timeout (the client's own timeout
// stops at the headers, so a server that streams a body forever would hang), a call budget, a concurrency
// limit, a cache, structured output with a plain-text fallback, schema validation, and counters.
// Failures never throw: `complete` returns { ok: false, failure } and the caller falls back.
import OpenAI, { APIError, APIConnectionError, APIConnectionTimeoutError, APIUserAbortError } from 'openai';
import { cacheKey, type LlmCache, type CachedAnswer } from './cache';
import { checkEndpoint } from './endpoint';
import { extractLastJsonObject, validateAnswer, type AnswerSchema } from './schemas';
import { maskSecrets, redact } from './secrets';
import { createRng, type Rng } from '../util/rng';

export type FailureKind =
  | 'timeout' //          no complete answer within timeoutMs (includes a body that never ends)
  | 'refused' //          connection refused / host unreachable
  | 'connection' //       connection dropped or reset mid-request
  | 'rate-limit' //       429
  | 'server-error' //     5xx
  | 'client-error' //     other 4xx (bad model name, bad key, context too long)
  | 'malformed' //        a 2xx whose body is not a chat completion (truncated, not JSON, no choices)
  | 'invalid-answer' //   the model's answer is not JSON or does not match the schema (after one retry)
  | 'budget' //           --max-llm-calls reached
  | 'untrusted' //        untrusted workspace: no calls at all
  | 'remote-not-allowed' // non-loopback endpoint without consent
  | 'invalid-url'
  | 'aborted'; //         cancelled by the caller

export interface LlmClientOptions {
  /** e.g. http://127.0.0.1:11434/v1 (Ollama), https://api.openai.com/v1 */
  baseURL: string;
  model: string;
  /** From SecretStorage (extension) or LOGSYNTH_LLM_API_KEY / OPENAI_API_KEY (CLI). Local servers need none. */
  apiKey?: string;
  /** Default 0.2: near-deterministic judgements. */
  temperature?: number;
  /** Whole-request timeout per attempt, headers and body. Default 120000. */
  timeoutMs?: number;
  /** Requests in flight at once. Default 4. */
  maxConcurrency?: number;
  /** Retries of a transient failure (429, 5xx, timeout, connection, malformed body). Default 3. */
  maxRetries?: number;
  /** Budget of HTTP requests for the whole run (retries included). Default unlimited. */
  maxCalls?: number;
  /** Optional cap on answer tokens. */
  maxTokens?: number;
  /** Backoff: delay = min(max, base * 2^attempt) * (0.5 + jitter/2), at least Retry-After. Defaults 500 / 20000 ms. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Longest Retry-After honoured; a longer one gives up on the request (counted as rate-limit). Default 60000. */
  maxRetryAfterMs?: number;
  /** 'auto' tries response_format json_schema and falls back to plain text when the server rejects it. */
  structuredOutput?: 'auto' | 'always' | 'never';
  /** Consent rules (see endpoint.ts). */
  allowRemote?: boolean;
  trusted?: boolean;
  /** Persistent answer cache; answers are also memoized in memory for the run. */
  cache?: LlmCache;
  /** Seed of the backoff jitter (the pipeline never uses Math.random). */
  seed?: number;
  /** Trace sink: prompts and answers, already masked and redacted. */
  trace?: (line: string) => void;
  /** After this many consecutive refused connections every further request fails at once. Default 3. */
  circuitBreakerAfter?: number;
}

export interface LlmPrompt {
  id: string;
  version: number;
  system: string;
  user: string;
}

export type LlmOutcome<T> =
  | { ok: true; value: T; text: string; reasoning?: string; cached: boolean }
  | { ok: false; failure: FailureKind; message: string };

export interface LlmStats {
  /** HTTP requests sent (retries included). */
  calls: number;
  /** Answers served from the cache (persistent or this run's memo) or shared with an identical in-flight request. */
  cacheHits: number;
  tokensIn: number;
  tokensOut: number;
  /** Wall-clock seconds during which at least one request was in flight. */
  seconds: number;
  retries: number;
  /** Times the server rejected response_format and we switched to plain text + JSON extraction. */
  structuredFallbacks: number;
  /** Failed attempts by kind (one request may fail several times before it succeeds or gives up). */
  failures: Partial<Record<FailureKind, number>>;
  /** Requests that ended without a valid answer (the caller fell back). */
  gaveUp: number;
  maxInFlight: number;
}

interface AttemptError {
  kind: FailureKind;
  message: string;
  retryAfterMs?: number;
  status?: number;
}

/** Never more than `n` holders at once; waiters are served in order. */
export class Semaphore {
  private active = 0;
  private readonly waiters: (() => void)[] = [];
  constructor(private readonly n: number) {}
  async acquire(): Promise<() => void> {
    if (this.active >= this.n) await new Promise<void>((r) => this.waiters.push(r));
    else this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      if (next) next(); // the slot passes straight to the next waiter
      else this.active--;
    };
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Retry-After as milliseconds: `retry-after-ms`, delta-seconds or an HTTP date. */
export function retryAfterMs(headers: Headers | undefined): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const ra = headers.get('retry-after');
  if (!ra) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(ra)) return Math.max(0, Number(ra) * 1000);
  const at = Date.parse(ra);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

const PLACEHOLDER_KEY = 'no-key';

export class LlmClient {
  readonly model: string;
  readonly baseURL: string;
  readonly temperature: number;
  private readonly openai: OpenAI;
  private readonly apiKey: string | undefined;
  private readonly opts: Required<Pick<LlmClientOptions,
    'timeoutMs' | 'maxConcurrency' | 'maxRetries' | 'maxCalls' | 'backoffBaseMs' | 'backoffMaxMs' | 'maxRetryAfterMs' | 'circuitBreakerAfter'>>;
  private readonly limiter: Semaphore;
  private readonly memo = new Map<string, CachedAnswer>();
  private readonly pending = new Map<string, Promise<LlmOutcome<unknown>>>();
  private readonly rng: Rng;
  private structured: boolean;
  private readonly structuredMode: 'auto' | 'always' | 'never';
  private consecutiveRefusals = 0;
  private inFlight = 0;
  private busySince = 0;
  private readonly s: LlmStats = {
    calls: 0, cacheHits: 0, tokensIn: 0, tokensOut: 0, seconds: 0, retries: 0, structuredFallbacks: 0,
    failures: {}, gaveUp: 0, maxInFlight: 0,
  };
  private readonly refusal: { failure: FailureKind; message: string } | undefined;

  constructor(private readonly config: LlmClientOptions) {
    this.model = config.model;
    this.baseURL = config.baseURL;
    this.temperature = config.temperature ?? 0.2;
    this.apiKey = config.apiKey || undefined;
    this.opts = {
      timeoutMs: config.timeoutMs ?? 120_000,
      maxConcurrency: Math.max(1, config.maxConcurrency ?? 4),
      maxRetries: Math.max(0, config.maxRetries ?? 3),
      maxCalls: config.maxCalls ?? Number.POSITIVE_INFINITY,
      backoffBaseMs: config.backoffBaseMs ?? 500,
      backoffMaxMs: config.backoffMaxMs ?? 20_000,
      maxRetryAfterMs: config.maxRetryAfterMs ?? 60_000,
      circuitBreakerAfter: config.circuitBreakerAfter ?? 3,
    };
    this.limiter = new Semaphore(this.opts.maxConcurrency);
    this.rng = createRng(config.seed ?? 0x11a);
    this.structuredMode = config.structuredOutput ?? 'auto';
    this.structured = this.structuredMode !== 'never';
    const decision = checkEndpoint({ baseURL: config.baseURL, allowRemote: config.allowRemote, trusted: config.trusted });
    this.refusal = decision.allowed ? undefined : { failure: decision.reason, message: decision.message };
    // Everything the SDK would read from the environment is pinned here, so a stray OPENAI_BASE_URL or
    // OPENAI_ORG_ID cannot redirect prompts or leak into headers; its own retries and logging are off.
    this.openai = new OpenAI({
      baseURL: config.baseURL,
      apiKey: this.apiKey ?? PLACEHOLDER_KEY,
      organization: null,
      project: null,
      timeout: this.opts.timeoutMs,
      maxRetries: 0,
      logLevel: 'off',
    });
  }

  /** True when the consent rules allow calls at all (else every request fails at once, counted). */
  get allowed(): boolean {
    return this.refusal === undefined;
  }

  /** Why calls are refused, if they are. */
  get refusedBecause(): { failure: FailureKind; message: string } | undefined {
    return this.refusal;
  }

  /** A copy of the counters. Contains no prompt text and no key. */
  stats(): LlmStats {
    const s = { ...this.s, failures: { ...this.s.failures } };
    if (this.inFlight > 0) s.seconds += (performance.now() - this.busySince) / 1000;
    return s;
  }

  /** Masks secrets and redacts the key: applied to every prompt, trace line, error message and stored answer. */
  sanitize(text: string): string {
    return maskSecrets(redact(text, [this.apiKey]));
  }

  /**
   * Sends one prompt and returns its validated JSON answer (or why there is none). Identical prompts are
   * answered once per run (in flight or memoized) and once ever with a persistent cache.
   * `check` adds a semantic validation (e.g. one value per `<*>`); a failing check counts as an invalid answer.
   */
  async complete<T>(
    prompt: LlmPrompt,
    schema: AnswerSchema<T>,
    opts: { signal?: AbortSignal; check?: (value: T) => string | undefined } = {},
  ): Promise<LlmOutcome<T>> {
    if (this.refusal) return this.giveUp(this.refusal.failure, this.refusal.message) as LlmOutcome<T>;
    const system = this.sanitize(prompt.system);
    const user = this.sanitize(prompt.user);
    const meta = { promptId: prompt.id, promptVersion: prompt.version, model: this.model, temperature: this.temperature };
    const key = cacheKey({ ...meta, endpoint: endpointOf(this.baseURL), system, user });

    const hit = this.lookup<T>(key, schema, opts.check);
    if (hit) return hit;
    const shared = this.pending.get(key);
    if (shared) {
      const r = (await shared) as LlmOutcome<T>;
      if (r.ok) this.s.cacheHits++;
      return r.ok ? { ...r, cached: true } : r;
    }
    const run = this.run<T>(key, meta, system, user, schema, opts);
    this.pending.set(key, run as Promise<LlmOutcome<unknown>>);
    try {
      return await run;
    } finally {
      this.pending.delete(key);
    }
  }

  private lookup<T>(key: string, schema: AnswerSchema<T>, check?: (v: T) => string | undefined): LlmOutcome<T> | undefined {
    const found = this.memo.get(key) ?? this.config.cache?.get(key);
    if (!found) return undefined;
    // A cached answer is re-validated: a schema change must not serve an answer of the old shape.
    if (validateAnswer(schema, found.answer) !== undefined) return undefined;
    if (check?.(found.answer as T) !== undefined) return undefined;
    this.memo.set(key, found);
    this.s.cacheHits++;
    const value = found.answer as T & { reasoning?: string };
    return { ok: true, value, text: found.text, reasoning: value.reasoning, cached: true };
  }

  private async run<T>(
    key: string,
    meta: { promptId: string; promptVersion: number; model: string; temperature: number },
    system: string,
    user: string,
    schema: AnswerSchema<T>,
    opts: { signal?: AbortSignal; check?: (value: T) => string | undefined },
  ): Promise<LlmOutcome<T>> {
    const release = await this.limiter.acquire();
    try {
      let transient = 0;
      let invalid = 0;
      for (;;) {
        if (opts.signal?.aborted) return this.giveUp('aborted', 'cancelled') as LlmOutcome<T>;
        if (this.consecutiveRefusals >= this.opts.circuitBreakerAfter) {
          return this.giveUp('refused', `LLM endpoint ${this.endpointLabel()} refused ${this.consecutiveRefusals} connections in a row; not trying again this run`) as LlmOutcome<T>;
        }
        if (this.s.calls >= this.opts.maxCalls) {
          return this.giveUp('budget', `LLM call budget of ${this.opts.maxCalls} reached`) as LlmOutcome<T>;
        }
        const structured = this.structured;
        this.trace(`→ ${meta.promptId}@${meta.promptVersion} ${key.slice(0, 12)} ${structured ? 'json_schema' : 'plain'}\n[system]\n${system}\n[user]\n${user}`);
        const attempt = await this.attempt(system, user, schema, structured, opts.signal);
        if ('error' in attempt) {
          const e = attempt.error;
          this.count(e.kind);
          this.trace(`✗ ${meta.promptId} ${key.slice(0, 12)} ${e.kind}: ${e.message}`);
          if (e.kind === 'refused') this.consecutiveRefusals++;
          else this.consecutiveRefusals = 0;
          // A server without json_schema support answers 400/422/501 naming the feature: switch to plain text
          // for good. Other 4xx (context too long, unknown model) are not about the format and are not retried.
          if (structured && this.structuredMode === 'auto' && e.status !== undefined && rejectsFormat(e.status, e.message)) {
            this.structured = false;
            this.s.structuredFallbacks++;
            continue;
          }
          if (e.kind === 'aborted') return this.giveUp('aborted', 'cancelled') as LlmOutcome<T>;
          const retryable = ['timeout', 'refused', 'connection', 'rate-limit', 'server-error', 'malformed'].includes(e.kind);
          if (!retryable || transient >= this.opts.maxRetries) return this.giveUp(e.kind, e.message) as LlmOutcome<T>;
          if (e.retryAfterMs !== undefined && e.retryAfterMs > this.opts.maxRetryAfterMs) {
            return this.giveUp(e.kind, `${e.message}; server asks to wait ${Math.round(e.retryAfterMs / 1000)} s, more than allowed`) as LlmOutcome<T>;
          }
          const backoff = Math.min(this.opts.backoffMaxMs, this.opts.backoffBaseMs * 2 ** transient) * (0.5 + this.rng.next() / 2);
          transient++;
          this.s.retries++;
          await sleep(Math.max(backoff, e.retryAfterMs ?? 0), opts.signal);
          continue;
        }
        this.consecutiveRefusals = 0;
        // Answers are redacted (the key) but not masked: masking could rewrite generated values.
        const text = redact(attempt.text, [this.apiKey]);
        this.trace(`← ${meta.promptId} ${key.slice(0, 12)}\n${text}`);
        const parsed = this.parseAnswer(text, structured);
        let problem = parsed === undefined ? 'no JSON object in the answer' : validateAnswer(schema, parsed.value);
        if (parsed && problem === undefined) problem = opts.check?.(parsed.value as T);
        if (parsed && problem === undefined) {
          const value = parsed.value as T & { reasoning?: string };
          const reasoning = value.reasoning ?? parsed.before;
          if (value.reasoning === undefined && parsed.before) (value as { reasoning?: string }).reasoning = parsed.before;
          const entry: CachedAnswer = { answer: value, text };
          this.memo.set(key, entry);
          this.config.cache?.put(key, meta, entry);
          return { ok: true, value, text, reasoning: reasoning || undefined, cached: false };
        }
        this.count('invalid-answer');
        this.trace(`✗ ${meta.promptId} ${key.slice(0, 12)} invalid-answer: ${problem}`);
        if (invalid >= 1) return this.giveUp('invalid-answer', `answer does not match the schema: ${problem}`) as LlmOutcome<T>;
        invalid++;
        this.s.retries++;
      }
    } finally {
      release();
    }
  }

  private parseAnswer(text: string, structured: boolean): { value: unknown; before?: string } | undefined {
    if (structured) {
      try {
        return { value: JSON.parse(text) };
      } catch {
        /* some servers accept response_format and still wrap the JSON in prose: fall through */
      }
    }
    const found = extractLastJsonObject(text);
    if (!found) return undefined;
    const before = text.slice(0, found.start).replace(/```(?:json)?\s*$/i, '').trim();
    return { value: found.value, before: before || undefined };
  }

  /** One HTTP request, bounded end to end by timeoutMs. */
  private async attempt(
    system: string,
    user: string,
    schema: AnswerSchema<unknown>,
    structured: boolean,
    signal: AbortSignal | undefined,
  ): Promise<{ text: string } | { error: AttemptError }> {
    this.s.calls++;
    const timer = new AbortController();
    let timedOut = false;
    const t = setTimeout(() => { timedOut = true; timer.abort(); }, this.opts.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timer.signal]) : timer.signal;
    this.enter();
    try {
      const body: OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming = {
        model: this.model,
        temperature: this.temperature,
        messages: [{ role: 'system', content: system }, { role: 'user', content: user }],
        ...(this.config.maxTokens ? { max_tokens: this.config.maxTokens } : {}),
        ...(structured
          ? { response_format: { type: 'json_schema', json_schema: { name: schema.name, schema: schema.schema, strict: true } } }
          : {}),
      };
      const res = await this.openai.chat.completions.create(body, { signal: combined, timeout: this.opts.timeoutMs, maxRetries: 0 });
      const content = (res as Partial<OpenAI.Chat.Completions.ChatCompletion> | undefined)?.choices?.[0]?.message?.content;
      if (typeof content !== 'string') {
        return { error: { kind: 'malformed', message: 'response has no choices[0].message.content' } };
      }
      this.s.tokensIn += res.usage?.prompt_tokens ?? 0;
      this.s.tokensOut += res.usage?.completion_tokens ?? 0;
      return { text: content };
    } catch (err) {
      return { error: this.classify(err, timedOut, signal?.aborted === true) };
    } finally {
      clearTimeout(t);
      this.leave();
    }
  }

  private classify(err: unknown, timedOut: boolean, aborted: boolean): AttemptError {
    if (aborted && !timedOut) return { kind: 'aborted', message: 'cancelled' };
    if (timedOut || err instanceof APIConnectionTimeoutError) {
      return { kind: 'timeout', message: `no complete answer within ${this.opts.timeoutMs} ms` };
    }
    if (err instanceof APIUserAbortError) return { kind: 'aborted', message: 'cancelled' };
    if (err instanceof APIConnectionError) {
      const cause = describeCause(err.cause);
      const refused = /ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN/.test(cause);
      return { kind: refused ? 'refused' : 'connection', message: this.sanitize(`${refused ? 'connection refused' : 'connection failed'} (${this.endpointLabel()}): ${cause || err.message}`) };
    }
    if (err instanceof APIError && typeof err.status === 'number') {
      const status = err.status;
      const kind: FailureKind = status === 429 ? 'rate-limit' : status >= 500 ? 'server-error' : 'client-error';
      return { kind, status, retryAfterMs: retryAfterMs(err.headers), message: this.sanitize(`HTTP ${err.message}`.slice(0, 500)) };
    }
    // A body that is not JSON (SyntaxError) or that was cut off mid-way (undici "terminated").
    const msg = err instanceof Error ? `${err.name}: ${err.message}${err.cause ? ` (${describeCause(err.cause)})` : ''}` : String(err);
    const kind: FailureKind = err instanceof SyntaxError ? 'malformed' : /terminated|socket|ECONNRESET|other side closed|premature/i.test(msg) ? 'connection' : 'malformed';
    return { kind, message: this.sanitize(msg.slice(0, 500)) };
  }

  private giveUp(kind: FailureKind, message: string): LlmOutcome<never> {
    this.s.gaveUp++;
    if (kind === 'budget' || kind === 'untrusted' || kind === 'remote-not-allowed' || kind === 'invalid-url' || kind === 'aborted' || (kind === 'refused' && message.includes('not trying again'))) {
      this.count(kind);
    }
    return { ok: false, failure: kind, message: this.sanitize(message) };
  }

  private count(kind: FailureKind): void {
    this.s.failures[kind] = (this.s.failures[kind] ?? 0) + 1;
  }

  private enter(): void {
    if (this.inFlight === 0) this.busySince = performance.now();
    this.inFlight++;
    this.s.maxInFlight = Math.max(this.s.maxInFlight, this.inFlight);
  }

  private leave(): void {
    this.inFlight--;
    if (this.inFlight === 0) this.s.seconds += (performance.now() - this.busySince) / 1000;
  }

  private trace(line: string): void {
    // Lines are built from already-sanitized text; sanitize again so nothing slips through a new code path.
    if (this.config.trace) this.config.trace(this.sanitize(line));
  }

  private endpointLabel(): string {
    try {
      return new URL(this.baseURL).host;
    } catch {
      return 'endpoint';
    }
  }
}

/** Does this error say the server cannot do structured output? */
function rejectsFormat(status: number, message: string): boolean {
  if (status === 422 || status === 501) return true;
  return (status === 400 || status === 404) && /response_format|json_schema|schema|structured|guided|grammar|format/i.test(message);
}

function describeCause(cause: unknown): string {
  if (!cause) return '';
  if (cause instanceof Error) {
    const code = (cause as { code?: string }).code;
    const inner = (cause as { cause?: unknown }).cause;
    return [code, cause.message, inner ? describeCause(inner) : ''].filter(Boolean).join(' ');
  }
  return String(cause);
}

/** A base URL as the cache tells endpoints apart: origin and path, without credentials, query or a trailing `/`. */
export function endpointOf(baseURL: string): string {
  try {
    const u = new URL(baseURL);
    return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return baseURL.trim();
  }
}
