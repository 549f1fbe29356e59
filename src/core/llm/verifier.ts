// The LLM chain-of-thought verifier. It composes with the embedded (symbolic) verifier:
//   mode 'llm'  - the model judges every path; where it cannot (fault, budget, no consent, invalid answer
//                 twice) the fallback's verdict is used and marked 'symbolic-fallback'.
//   mode 'both' - a path is kept only if both accept it; paths the fallback rejects cost no call.
// Callee sub-paths shared by several paths (the same callee path reached from different callers or
// branches) are verified once on their own; a rejected one rejects every path through it, an accepted
// one is shown collapsed in the full-path prompts (fewer tokens).
import type { Path, Verdict, Verifier, VerifyContext } from '../model';
import type { FailureKind, LlmClient } from './client';
import { calleeSegments, renderPath, segmentPath, shortMethod, type CalleeSegment } from './path-view';
import { verifyPathPrompt } from './prompts/verify-path';
import { pathVerdictSchema, type PathVerdictAnswer } from './schemas';

export type LlmVerifierMode = 'llm' | 'both';

export interface LlmVerifierOptions {
  client: LlmClient;
  /** Used where the model cannot judge (and first, in mode 'both'); normally `new SymbolicVerifier()`. */
  fallback: Verifier;
  mode?: LlmVerifierMode;
  /** Verify shared callee sub-paths once (default true). */
  shareSubPaths?: boolean;
  /** Methods longer than this are shown as windows around the visited lines (default 80). */
  maxCodeLines?: number;
}

export interface LlmVerifyReport {
  paths: number;
  /** Verdicts given by the model (directly or through a shared sub-path). */
  judgedByLlm: number;
  rejectedByLlm: number;
  /** Mode 'both': rejected by the fallback before any call. */
  rejectedByFallback: number;
  /** Paths the model could not judge; the fallback verdict was used. */
  fallbacks: number;
  fallbackKinds: Partial<Record<FailureKind, number>>;
  /** Distinct shared callee sub-paths sent on their own, and paths rejected through one of them. */
  sharedSubPaths: number;
  rejectedThroughSubPath: number;
}

type Outcome = { ok: true; answer: PathVerdictAnswer; reasoning?: string } | { ok: false; failure: FailureKind };

export class LlmVerifier implements Verifier {
  readonly name: string;
  private readonly mode: LlmVerifierMode;
  private readonly r: LlmVerifyReport = {
    paths: 0, judgedByLlm: 0, rejectedByLlm: 0, rejectedByFallback: 0, fallbacks: 0, fallbackKinds: {},
    sharedSubPaths: 0, rejectedThroughSubPath: 0,
  };

  constructor(private readonly opts: LlmVerifierOptions) {
    this.mode = opts.mode ?? 'llm';
    this.name = this.mode === 'both' ? 'both' : 'llm';
  }

  /** Counters over every verify() call so far. */
  report(): LlmVerifyReport {
    return { ...this.r, fallbackKinds: { ...this.r.fallbackKinds } };
  }

  async verify(paths: Path[], ctx: VerifyContext): Promise<Verdict[]> {
    const client = this.opts.client;
    // The fallback runs first (it is cheap); progress is reported once, by this verifier.
    const base = await this.opts.fallback.verify(paths, { ...ctx, onProgress: undefined });
    this.r.paths += paths.length;
    const out: (Verdict | undefined)[] = new Array(paths.length).fill(undefined);
    const total = paths.length;
    let done = 0;
    const progress = () => ctx.onProgress?.(++done, total);

    const todo: number[] = [];
    paths.forEach((_, i) => {
      if (this.mode === 'both' && !base[i]!.consistent) {
        out[i] = base[i]!;
        this.r.rejectedByFallback++;
        progress();
      } else todo.push(i);
    });

    // Shared callee sub-paths with at least one condition: verified once each.
    const segs = new Map<number, CalleeSegment[]>();
    const uses = new Map<string, { path: number; seg: CalleeSegment }[]>();
    if (this.opts.shareSubPaths !== false) {
      for (const i of todo) {
        const list = calleeSegments(paths[i]!).filter((s) => s.hasCond);
        segs.set(i, list);
        for (const s of list) {
          const u = uses.get(s.key) ?? [];
          if (!u.some((x) => x.path === i)) u.push({ path: i, seg: s });
          uses.set(s.key, u);
        }
      }
    }
    const shared = [...uses.entries()].filter(([, u]) => u.length > 1);
    this.r.sharedSubPaths += shared.length;
    const segOutcome = new Map<string, Outcome>();
    await Promise.all(shared.map(async ([key, u]) => {
      const first = u[0]!;
      segOutcome.set(key, await this.ask(segmentPath(paths[first.path]!, first.seg), ctx, []));
    }));

    await Promise.all(todo.map(async (i) => {
      const path = paths[i]!;
      const mine = (segs.get(i) ?? []).filter((s) => segOutcome.has(s.key));
      // A callee sub-path the model rejected rejects this path without another call.
      for (const s of mine) {
        const o = segOutcome.get(s.key)!;
        if (o.ok && !o.answer.consistent) {
          const n = s.end - s.start + 1;
          out[i] = {
            consistent: false,
            reason: `callee sub-path ${shortMethod(s.methodId)}: ${o.answer.reason}`,
            conflictingSteps: o.answer.conflicting_steps.filter((k) => k >= 0 && k < n).map((k) => k + s.start),
            verifier: 'llm',
            reasoning: o.reasoning,
          };
          this.r.judgedByLlm++;
          this.r.rejectedByLlm++;
          this.r.rejectedThroughSubPath++;
          progress();
          return;
        }
      }
      const collapsed = mine.filter((s) => { const o = segOutcome.get(s.key)!; return o.ok && o.answer.consistent; });
      const o = await this.ask(path, ctx, collapsed);
      if (o.ok) {
        const valid = o.answer.conflicting_steps.filter((k) => Number.isInteger(k) && k >= 0 && k < path.steps.length);
        out[i] = { consistent: o.answer.consistent, reason: o.answer.reason, conflictingSteps: o.answer.consistent ? [] : valid, verifier: 'llm', reasoning: o.reasoning };
        this.r.judgedByLlm++;
        if (!o.answer.consistent) this.r.rejectedByLlm++;
      } else {
        const b = base[i]!;
        out[i] = {
          ...b,
          verifier: 'symbolic-fallback',
          // A rejection keeps the fallback's reason as is (the run's reject table groups by its prefix).
          reason: b.consistent ? `LLM could not judge (${o.failure}); symbolic verdict used` : b.reason,
        };
        this.r.fallbacks++;
        this.r.fallbackKinds[o.failure] = (this.r.fallbackKinds[o.failure] ?? 0) + 1;
      }
      progress();
    }));
    return out as Verdict[];
  }

  private async ask(path: Path, ctx: VerifyContext, collapsed: CalleeSegment[]): Promise<Outcome> {
    const vars = renderPath(path, ctx, { collapsed, maxCodeLines: this.opts.maxCodeLines });
    const prompt = { id: verifyPathPrompt.id, version: verifyPathPrompt.version, system: verifyPathPrompt.system, user: verifyPathPrompt.user(vars) };
    const res = await this.opts.client.complete(prompt, pathVerdictSchema, { signal: ctx.signal });
    if (!res.ok) return { ok: false, failure: res.failure };
    return { ok: true, answer: res.value, reasoning: res.reasoning ?? res.value.reasoning };
  }
}
