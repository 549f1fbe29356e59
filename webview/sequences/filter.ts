// Which sequences the list shows: a label choice and free text matched against everything a reader would
// search for (session id, event ids, templates, rendered lines, label reasons, verdict).
import type { Label, LogSequence } from '../../src/core/model';

export type LabelFilter = 'all' | Label;

export interface SequenceFilter { text: string; label: LabelFilter }

function haystack(q: LogSequence): string {
  const parts: string[] = [q.sessionId, q.label, q.entry, ...q.labelReasons, q.verdict.reason, q.verdict.reasoning ?? ''];
  for (const e of q.events) parts.push(e.eventId, e.template, e.raw);
  return parts.join('\n').toLowerCase();
}

const cache = new WeakMap<LogSequence, string>();

export function matches(q: LogSequence, f: SequenceFilter): boolean {
  if (f.label !== 'all' && q.label !== f.label) return false;
  const words = f.text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  let hay = cache.get(q);
  if (hay === undefined) { hay = haystack(q); cache.set(q, hay); }
  return words.every((w) => hay!.includes(w));
}
