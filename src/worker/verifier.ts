// The verifier a worker run uses: the embedded symbolic one, or the LLM one (trusted workspaces only, with
// the consent the extension collected), wrapped so a cancel keeps what was already enumerated.
import type { Path, Verdict, Verifier, VerifyContext } from '../core/model';
import { SymbolicVerifier } from '../core/verify/symbolic';
import { createLlmStage, type LlmStage } from '../core/llm/stage';
import type { GenerateSettings } from '../shared/protocol';

/**
 * When a cancel arrives during enumeration, the paths found so far still have to be verified to become
 * sequences ("Cancel keeps partial results"). A verifier told the run is cancelled would refuse them, so
 * those are checked by the local symbolic verifier, without the signal. A cancel during verification itself
 * (a slow LLM) still stops it.
 */
export class KeepPartialVerifier implements Verifier {
  readonly name: string;
  private readonly local = new SymbolicVerifier();
  constructor(private readonly inner: Verifier) { this.name = inner.name; }

  verify(paths: Path[], ctx: VerifyContext): Promise<Verdict[]> {
    if (ctx.signal?.aborted) return this.local.verify(paths, { ...ctx, signal: undefined });
    return this.inner.verify(paths, ctx);
  }
}

export interface RunVerifier {
  verifier: Verifier;
  /** The LLM stage when one was made (for its summary and to save its cache). */
  stage?: LlmStage;
  /** Why the LLM is not used although asked for. */
  warning?: string;
}

/** `trace` receives the stage's prompt/answer lines (already masked) when `s.llm.trace` is on. */
export async function createRunVerifier(
  s: GenerateSettings, trusted: boolean, llmCachePath: string | undefined, trace?: (line: string) => void,
): Promise<RunVerifier> {
  const symbolic = new SymbolicVerifier();
  if (s.verifier === 'symbolic') return { verifier: new KeepPartialVerifier(symbolic) };
  if (!trusted) return { verifier: new KeepPartialVerifier(symbolic), warning: 'untrusted workspace: no LLM calls; using the symbolic verifier' };
  if (!s.llm) return { verifier: new KeepPartialVerifier(symbolic), warning: 'no LLM settings were given; using the symbolic verifier' };
  try {
    const stage = await createLlmStage({
      baseURL: s.llm.baseUrl, model: s.llm.model, apiKey: s.llm.apiKey, allowRemote: s.llm.allowRemote, trusted,
      maxCalls: s.llm.maxCalls, cacheFile: llmCachePath, seed: s.seed, mode: s.verifier, fallback: symbolic,
      temperature: s.llm.temperature, timeoutMs: s.llm.timeoutMs, maxConcurrency: s.llm.maxConcurrency,
      maxRetries: s.llm.maxRetries, trace: s.llm.trace ? trace : undefined,
    });
    if (!stage.verifier) return { verifier: new KeepPartialVerifier(symbolic), stage, warning: 'LLM verifier unavailable; using the symbolic verifier' };
    return { verifier: new KeepPartialVerifier(stage.verifier), stage, warning: stage.refusal?.message };
  } catch (e) {
    return { verifier: new KeepPartialVerifier(symbolic), warning: `LLM settings: ${e instanceof Error ? e.message : String(e)}; using the symbolic verifier` };
  }
}
