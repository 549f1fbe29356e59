// Parameter slot models: what each `<*>` of each event holds, learned from the values the traces carry.
// - identifier: the value is fixed inside a trace (every occurrence in a trace agrees, in >= 90% of the traces
//   where the slot occurs twice or more, or the value is shared with another slot of the trace) and varies across
//   traces. Identifier slots whose per-trace values coincide form a group: synthesis draws one value per group and
//   trace, which keeps identifiers consistent (the block id in every HDFS event of a block).
// - constant: one value only. categorical: few distinct values (<= 32 and at most half the occurrences).
// - numeric: every value a number. pattern: anything else (examples kept; new values are drawn from them).
import type { Trace } from '../logs/traces';
import { distributionOf } from './distribution';
import type { SlotModel } from './types';

const SAMPLE_SIZE = 64;
const NUMERIC = /^[-+]?\d+(\.\d+)?$/;

interface SlotStats {
  eventId: string;
  slot: number;
  counts: Map<string, number>;
  n: number;
  /** Traces where the slot occurs >= 2 times / of those, traces where all its values agree. */
  multi: number;
  agree: number;
  /** Traces where the slot's value equals a value of another slot of the same trace. */
  shared: number;
  traces: number;
  /** Traces where the slot's value is the trace's own id (the session key, e.g. the block id). */
  keyed: number;
  /** Traces where every value of the slot lists the trace's id among other words (`delete blk_1 blk_2`). */
  listsKey: number;
}

/** The identifier group of slots holding the trace's session key: synthesis gives it the synthetic trace id. */
export const SESSION_GROUP = 0;

export function slotKey(eventId: string, slot: number): string {
  return `${eventId}#${slot}`;
}

export function learnSlots(traces: readonly Trace[], templates: readonly { eventId: string; template: string }[]): SlotModel[] {
  const stats = new Map<string, SlotStats>();
  // Per trace: slot -> its (first) value, to find agreeing slots and groups.
  const pairAgree = new Map<string, number>();
  const slotArity = new Map<string, number>();
  for (const t of templates) slotArity.set(t.eventId, (t.template.match(/<\*>/g) ?? []).length);
  for (const trace of traces) {
    const perTrace = new Map<string, { values: Set<string>; count: number }>();
    for (const e of trace.events) {
      const arity = slotArity.get(e.eventId) ?? e.params.length;
      if (e.params.length !== arity) continue; // message did not fit its template: no reliable values
      e.params.forEach((v, slot) => {
        const key = slotKey(e.eventId, slot);
        let s = stats.get(key);
        if (!s) { s = { eventId: e.eventId, slot, counts: new Map(), n: 0, multi: 0, agree: 0, shared: 0, traces: 0, keyed: 0, listsKey: 0 }; stats.set(key, s); }
        s.n++;
        s.counts.set(v, (s.counts.get(v) ?? 0) + 1);
        const p = perTrace.get(key);
        if (p) { p.values.add(v); p.count++; } else perTrace.set(key, { values: new Set([v]), count: 1 });
      });
    }
    // Which trace-constant slots share their value.
    const byValue = new Map<string, string[]>();
    for (const [key, p] of perTrace) {
      const s = stats.get(key)!;
      s.traces++;
      if (p.values.size === 1 && p.values.has(trace.id)) s.keyed++;
      if ([...p.values].every((v) => v.split(/\s+/).includes(trace.id))) s.listsKey++;
      if (p.count >= 2) { s.multi++; if (p.values.size === 1) s.agree++; }
      if (p.values.size === 1) { const v = [...p.values][0]!; (byValue.get(v) ?? byValue.set(v, []).get(v)!).push(key); }
    }
    for (const keys of byValue.values()) {
      if (keys.length < 2) continue;
      for (const a of keys) stats.get(a)!.shared++;
      if (keys.length > 8) continue; // a value shared by many slots (0, true) says nothing about identity
      for (let i = 0; i < keys.length; i++) for (let j = i + 1; j < keys.length; j++) {
        const pk = keys[i]! < keys[j]! ? `${keys[i]}\u0000${keys[j]}` : `${keys[j]}\u0000${keys[i]}`;
        pairAgree.set(pk, (pairAgree.get(pk) ?? 0) + 1);
      }
    }
  }
  const models = new Map<string, SlotModel>();
  for (const [key, s] of stats) {
    const distinct = s.counts.size;
    const values = [...s.counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
    const m: SlotModel = { eventId: s.eventId, slot: s.slot, kind: 'pattern', n: s.n, distinct };
    const constantInTrace = (s.multi > 0 && s.agree / s.multi >= 0.9) || s.shared / s.traces >= 0.9;
    const variesAcross = distinct >= Math.min(10, Math.max(2, s.traces * 0.5));
    if (s.keyed / s.traces >= 0.9 && distinct > 1) { m.kind = 'identifier'; m.group = SESSION_GROUP; m.samples = sample(values); }
    else if (s.listsKey / s.traces >= 0.9 && distinct > 1) { m.kind = 'pattern'; m.listsKey = true; m.samples = sample(values); }
    else if (distinct === 1) { m.kind = 'constant'; m.values = values; }
    else if (constantInTrace && variesAcross && !values.every((v) => NUMERIC.test(v.value) && v.value.length <= 3)) { m.kind = 'identifier'; m.samples = sample(values); }
    else if (distinct <= 32 && distinct <= s.n / 2) { m.kind = 'categorical'; m.values = values; }
    else if (values.every((v) => NUMERIC.test(v.value))) {
      m.kind = 'numeric';
      m.integer = values.every((v) => !v.value.includes('.'));
      m.decimals = Math.max(0, ...values.map((v) => (v.value.split('.')[1] ?? '').length));
      const nums: number[] = [];
      for (const v of values) for (let i = 0; i < Math.min(v.count, 1000); i++) nums.push(Number(v.value));
      m.dist = distributionOf(nums)!;
    } else { m.kind = 'pattern'; m.samples = sample(values); }
    models.set(key, m);
  }
  // Identifier groups: identifier slots whose trace values agree in >= 90% of the traces holding both.
  const ids = [...models.values()].filter((m) => m.kind === 'identifier' && m.group !== SESSION_GROUP);
  const parent = new Map(ids.map((m) => [slotKey(m.eventId, m.slot), slotKey(m.eventId, m.slot)]));
  const find = (x: string): string => { while (parent.get(x) !== x) x = parent.get(x)!; return x; };
  for (const [pk, n] of pairAgree) {
    const [a, b] = pk.split('\u0000') as [string, string];
    if (!parent.has(a) || !parent.has(b)) continue;
    const both = Math.min(stats.get(a)!.traces, stats.get(b)!.traces);
    if (n / both >= 0.9) { const ra = find(a), rb = find(b); if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb); }
  }
  const groupNo = new Map<string, number>();
  for (const m of ids) {
    const r = find(slotKey(m.eventId, m.slot));
    if (!groupNo.has(r)) groupNo.set(r, groupNo.size + 1);
    m.group = groupNo.get(r)!;
  }
  return [...models.values()].sort((a, b) => a.eventId.localeCompare(b.eventId, 'en', { numeric: true }) || a.slot - b.slot);
}

/** Up to SAMPLE_SIZE values spread over the list (deterministic: no randomness in learning). */
function sample(values: { value: string }[]): string[] {
  if (values.length <= SAMPLE_SIZE) return values.map((v) => v.value);
  const out: string[] = [];
  for (let i = 0; i < SAMPLE_SIZE; i++) out.push(values[Math.floor((i * values.length) / SAMPLE_SIZE)]!.value);
  return out;
}
