// Events grouped into traces (sessions). A trace is what the state machine learns from and what synthesis emits:
// event ids in time order, with times and parameter values where the source has them. Sources: parsed raw logs or
// loghub structured CSVs (grouped by a session key: a regex over the message, a field, or a time window), and
// loghub sessions CSVs (`BlockId|SessionId,Label,EventSequence`: event ids only, with labels).
import { readFileSync } from 'node:fs';
import type { Label } from '../model';
import { parseCsvRecords } from '../util/csv';
import type { StructuredRecord } from './parse-log';

export interface TraceEvent {
  eventId: string;
  /** Milliseconds since the epoch (UTC as written), when the source has times. */
  time?: number;
  /** Values of the template's `<*>` slots in order (empty when unknown). */
  params: string[];
  lineId?: number;
  content?: string;
  /** From the line's fields when the source has them (Level; Component; Pid, Process or Thread). */
  level?: string;
  component?: string;
  thread?: string;
}

/** How the source wrote times: HDFS `081109 203615`, or ISO-like `2015-10-18 18:01:47,978`. */
export type TimeStyle = 'hdfs' | 'iso';

export interface Trace {
  id: string;
  label?: Label;
  events: TraceEvent[];
}

export interface TraceSet {
  traces: Trace[];
  /** eventId -> template. */
  templates: Map<string, string>;
  /** Events that matched no session (e.g. a line with no block id). */
  unkeyed: number;
  /** Where the traces came from, for reports. */
  source: string;
  timeStyle?: TimeStyle;
}

export type SessionKey =
  | { kind: 'regex'; pattern: string }
  | { kind: 'field'; field: string }
  | { kind: 'window'; seconds: number };

/** `regex:blk_-?\d+` (or a bare regex), `field:Pid`, `window:60` (seconds). */
export function parseSessionKey(spec: string): SessionKey {
  const m = /^(regex|field|window):(.*)$/s.exec(spec);
  const kind = m ? m[1] : 'regex';
  const value = m ? m[2]! : spec;
  if (kind === 'field') {
    if (!value) throw new Error('session key field: give a field name, e.g. field:Pid');
    return { kind: 'field', field: value };
  }
  if (kind === 'window') {
    const seconds = Number(value);
    if (!(seconds > 0)) throw new Error(`session key window: seconds must be > 0 (got '${value}')`);
    return { kind: 'window', seconds };
  }
  try { new RegExp(value); } catch (e) { throw new Error(`session key regex '${value}' is invalid: ${e instanceof Error ? e.message : String(e)}`); }
  if (!value) throw new Error('session key regex is empty');
  return { kind: 'regex', pattern: value };
}

/**
 * A timestamp from loghub Date/Time fields: `081109 203615` (HDFS yyMMdd HHmmss, also the 5-digit `81109` pandas
 * leaves), `2015-10-18 18:01:47,978`, `2015-10-18T18:01:47.978`. Read as UTC so times are stable across machines.
 */
export function parseTimestamp(date: string | undefined, time: string | undefined): number | undefined {
  const d = (date ?? '').trim();
  const t = (time ?? '').trim();
  let y: number, mo: number, da: number;
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ](.*))?$/.exec(d);
  let rest = t;
  if (m) { y = +m[1]!; mo = +m[2]!; da = +m[3]!; if (m[4] && !rest) rest = m[4]; }
  else if ((m = /^(\d{5,6})$/.exec(d))) {
    const s = m[1]!.padStart(6, '0');
    y = 2000 + +s.slice(0, 2); mo = +s.slice(2, 4); da = +s.slice(4, 6);
  } else return undefined;
  let h = 0, mi = 0, se = 0, ms = 0;
  let tm = /^(\d{1,2}):(\d{2}):(\d{2})(?:[.,](\d{1,6}))?/.exec(rest);
  if (tm) { h = +tm[1]!; mi = +tm[2]!; se = +tm[3]!; ms = tm[4] ? Math.round(+`0.${tm[4]}` * 1000) : 0; }
  else if ((tm = /^(\d{6})$/.exec(rest))) { h = +tm[1]!.slice(0, 2); mi = +tm[1]!.slice(2, 4); se = +tm[1]!.slice(4, 6); }
  else if (rest) return undefined;
  const v = Date.UTC(y, mo - 1, da, h, mi, se, ms);
  return Number.isFinite(v) ? v : undefined;
}

const slotRegexCache = new Map<string, RegExp | null>();

/** The regex that matches messages of a template, one lazy group per `<*>` (whitespace runs match any whitespace). */
export function templateRegex(template: string): RegExp | null {
  let re = slotRegexCache.get(template);
  if (re !== undefined) return re;
  const src = template.trim().split('<*>').map((lit) => lit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')).join('(.*?)');
  try { re = new RegExp(`^${src}$`, 's'); } catch { re = null; }
  if (slotRegexCache.size > 10_000) slotRegexCache.clear();
  slotRegexCache.set(template, re);
  return re;
}

/** The parameter values of a message under its template (empty when the message does not fit it). */
export function extractParams(template: string, content: string): string[] {
  if (!template.includes('<*>')) return [];
  const m = templateRegex(template)?.exec(content.trim());
  return m ? m.slice(1).map((v) => v ?? '') : [];
}

/** Fills `<*>` slots in order. */
export function renderTemplate(template: string, values: readonly string[]): string {
  let i = 0;
  return template.replace(/<\*>/g, () => values[i++] ?? '');
}

/** Groups structured records into traces by the session key, each ordered by time (file order among equal times). */
export async function tracesFromRecords(records: AsyncIterable<StructuredRecord> | Iterable<StructuredRecord>, key: SessionKey, source = ''): Promise<TraceSet> {
  const traces = new Map<string, Trace>();
  const templates = new Map<string, string>();
  let unkeyed = 0;
  const re = key.kind === 'regex' ? new RegExp(key.pattern, 'g') : undefined;
  let windowStart: number | undefined;
  let timeStyle: TimeStyle | undefined;
  let windowNo = 0;
  const push = (id: string, ev: TraceEvent) => {
    let t = traces.get(id);
    if (!t) { t = { id, events: [] }; traces.set(id, t); }
    t.events.push(ev);
  };
  for await (const r of records) {
    templates.set(r.eventId, r.template);
    const content = r.fields.Content ?? '';
    const ev: TraceEvent = {
      eventId: r.eventId,
      params: extractParams(r.template, content),
      lineId: r.lineId,
      content,
    };
    const f = r.fields;
    if (f.Level) ev.level = f.Level;
    if (f.Component) ev.component = f.Component;
    const thread = f.Pid ?? f.Process ?? f.Thread;
    if (thread) ev.thread = thread;
    const time = parseTimestamp(f.Date, f.Time);
    if (time !== undefined) { ev.time = time; timeStyle ??= /^\d{5,6}$/.test(f.Date ?? '') ? 'hdfs' : 'iso'; }
    if (key.kind === 'regex') {
      // A line naming several sessions (HDFS: a delete of many blocks) belongs to each, as loglizer does it.
      const ids = new Set(content.match(re!) ?? []);
      if (ids.size === 0) { unkeyed++; continue; }
      for (const id of ids) push(id, ids.size === 1 ? ev : { ...ev });
    } else if (key.kind === 'field') {
      const id = r.fields[key.field];
      if (id === undefined) throw new Error(`session key field '${key.field}' is not a field of this log (fields: ${Object.keys(r.fields).join(', ')})`);
      if (id === '') { unkeyed++; continue; }
      push(id, ev);
    } else {
      if (time === undefined) { unkeyed++; continue; }
      windowStart ??= time;
      while (time >= windowStart + key.seconds * 1000) { windowStart += key.seconds * 1000; windowNo++; }
      push(`window_${windowNo}`, ev);
    }
  }
  for (const t of traces.values()) sortByTime(t.events);
  const set: TraceSet = { traces: [...traces.values()], templates, unkeyed, source };
  if (timeStyle) set.timeStyle = timeStyle;
  return set;
}

function sortByTime(events: TraceEvent[]): void {
  if (events.every((e, i) => i === 0 || (e.time ?? 0) >= (events[i - 1]!.time ?? 0))) return;
  const idx = events.map((e, i) => [e, i] as const);
  idx.sort((a, b) => (a[0].time ?? 0) - (b[0].time ?? 0) || a[1] - b[1]);
  idx.forEach(([e], i) => { events[i] = e; });
}

/** Applies labels from a loghub anomaly_label.csv (`BlockId|SessionId,Label`). Returns how many traces got one. */
export function applyLabels(set: TraceSet, labelCsv: string): number {
  const rows = parseCsvRecords(labelCsv);
  const map = new Map<string, Label>();
  for (const r of rows) {
    const id = r.BlockId ?? r.SessionId ?? Object.values(r)[0];
    const label = normalizeLabel(r.Label);
    if (id && label) map.set(id, label);
  }
  let n = 0;
  for (const t of set.traces) { const l = map.get(t.id); if (l) { t.label = l; n++; } }
  return n;
}

export function normalizeLabel(v: string | undefined): Label | undefined {
  const s = (v ?? '').trim().toLowerCase();
  if (s === 'normal' || s === '0' || s === 'false') return 'Normal';
  if (s === 'anomaly' || s === 'abnormal' || s === '1' || s === 'true') return 'Anomaly';
  return undefined;
}

/**
 * Traces from a loghub sessions CSV (`BlockId` or `SessionId`, `Label`, `EventSequence` of space- or comma-separated
 * event ids, brackets and quotes tolerated). Templates come from an optional templates CSV.
 */
export function tracesFromSessionsCsv(text: string, templatesCsv?: string, source = ''): TraceSet {
  const rows = parseCsvRecords(text);
  if (rows.length && !('EventSequence' in rows[0]!)) throw new Error(`sessions CSV needs an EventSequence column (has: ${Object.keys(rows[0]!).join(', ')})`);
  const templates = new Map<string, string>();
  if (templatesCsv) for (const r of parseCsvRecords(templatesCsv)) if (r.EventId) templates.set(r.EventId, r.EventTemplate ?? r.EventId);
  const traces: Trace[] = rows.map((r, i) => {
    const ids = (r.EventSequence ?? '').match(/[A-Za-z0-9_.:-]+/g) ?? [];
    for (const e of ids) if (!templates.has(e)) templates.set(e, e);
    const t: Trace = { id: r.BlockId || r.SessionId || `session_${i + 1}`, events: ids.map((eventId) => ({ eventId, params: [] })) };
    const label = normalizeLabel(r.Label);
    if (label) t.label = label;
    return t;
  });
  return { traces, templates, unkeyed: 0, source };
}

/** Structured records from a loghub `*_structured.csv` (LineId, fields..., EventId, EventTemplate). */
export function* recordsFromStructuredCsv(text: string): Generator<StructuredRecord> {
  const rows = parseCsvRecords(text);
  if (rows.length && !('EventId' in rows[0]! && 'EventTemplate' in rows[0]!)) {
    throw new Error(`structured CSV needs EventId and EventTemplate columns (has: ${Object.keys(rows[0]!).join(', ')})`);
  }
  let i = 0;
  for (const r of rows) {
    i++;
    const { LineId, EventId, EventTemplate, ...fields } = r;
    const lineId = Number(LineId) || i;
    yield { lineId, lineNo: lineId, fields, eventId: EventId!, template: EventTemplate! };
  }
}

export function readText(file: string): string {
  return readFileSync(file, 'utf8');
}
