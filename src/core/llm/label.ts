// Optional second opinion on a sequence's label. It never changes the label by itself: the caller
// decides (e.g. shows disagreements in the webview, or counts them in the run summary).
import type { Label, LogSequence } from '../model';
import type { FailureKind, LlmClient } from './client';
import { labelPrompt } from './prompts/label';
import { labelSchema } from './schemas';
import { shortMethod } from './path-view';

export type LabelOpinion =
  | { ok: true; label: Label; reason: string; agrees: boolean; reasoning?: string }
  | { ok: false; failure: FailureKind };

export async function llmLabelOpinion(client: LlmClient, seq: LogSequence, signal?: AbortSignal): Promise<LabelOpinion> {
  const vars = {
    entry: shortMethod(seq.entry),
    label: seq.label,
    reasons: seq.labelReasons,
    lines: seq.events.map((e) => `${e.level.toUpperCase()} ${e.component}: ${e.content}`),
    exceptional: seq.labelReasons.some((r) => /catch|throw|exception|rais/i.test(r)),
  };
  const prompt = { id: labelPrompt.id, version: labelPrompt.version, system: labelPrompt.system, user: labelPrompt.user(vars) };
  const res = await client.complete(prompt, labelSchema, { signal });
  if (!res.ok) return { ok: false, failure: res.failure };
  return { ok: true, label: res.value.label, reason: res.value.reason, agrees: res.value.label === seq.label, reasoning: res.reasoning };
}
