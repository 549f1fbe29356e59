// Raw log -> Drain events, streaming. Pass 1 reads the file once, fits each line to the format and feeds its
// Content to Drain, remembering only the cluster of each line (4 bytes a line). Templates are final only at the
// end, so pass 2 (`structuredRecords`) re-reads the file to hand out each line with its final EventId/EventTemplate,
// which is what the structured CSV, trace grouping and the state machine consume. Lines that do not fit the format
// are counted and kept aside with their line numbers (the benchmark's LineId counts fitting lines only).
import { Drain, type DrainOptions } from '../drain/drain';
import { type LogFormat, matchField, matchFields } from './format';
import { IntStore } from './line-store';
import { readLogLineBatches, newReadStats, type ReadOptions, type ReadStats } from './ingest';

export type BadLineReason = 'format' | 'empty' | 'too-long';

export interface BadLine {
  lineNo: number;
  reason: BadLineReason;
  /** The line (its first 1,000 characters). */
  text: string;
}

export interface TemplateInfo {
  eventId: string;
  template: string;
  occurrences: number;
}

export interface ParsedLog {
  file: string;
  format: LogFormat;
  drainOptions: DrainOptions;
  /** Lines that fit the format (LineId 1..parsed). */
  parsed: number;
  bad: BadLine[];
  /** All bad lines, including those beyond the kept ones. */
  badCount: number;
  badByReason: Record<BadLineReason, number>;
  read: ReadStats;
  /** Event id per Drain cluster index (clusters with equal final templates share one id). */
  clusterEventId: string[];
  templates: TemplateInfo[];
  /** Cluster index of each parsed line, LineId - 1 -> cluster (spilled to an anonymous temp file past 1M lines). */
  lineCluster: IntStore;
  /** Parameter count of each event's template (`<*>` tokens), by event id. */
  drain: Drain;
}

export interface ParseLogOptions extends ReadOptions {
  format: LogFormat;
  drain: DrainOptions;
  /** Bad lines kept with their text (all are counted). Default 10,000. */
  maxBadKept?: number;
  onProgress?(lines: number, bytes: number): void;
}

export interface StructuredRecord {
  lineId: number;
  /** Line number in the raw file (equal to lineId for CSV input). */
  lineNo: number;
  /** Format fields by name (Date, Time, Level, Content, ...). */
  fields: Record<string, string>;
  eventId: string;
  template: string;
}

/** Pass 1: Drain over the whole file. */
export async function parseLogFile(file: string, opts: ParseLogOptions): Promise<ParsedLog> {
  const drain = new Drain(opts.drain);
  const contentIdx = opts.format.headers.indexOf('Content');
  if (contentIdx < 0) throw new Error(`log format '${opts.format.format}' has no <Content> field`);
  const read = newReadStats();
  const maxBad = opts.maxBadKept ?? 10_000;
  const bad: BadLine[] = [];
  const badByReason: Record<BadLineReason, number> = { format: 0, empty: 0, 'too-long': 0 };
  let badCount = 0;
  const lineCluster = new IntStore();
  let parsed = 0;
  for await (const batch of readLogLineBatches(file, opts, read)) {
    for (const line of batch) {
      let reason: BadLineReason | undefined;
      let content: string | undefined;
      if (line.cut) reason = 'too-long';
      else if (line.text.trim() === '') reason = 'empty';
      else if ((content = matchField(opts.format, line.text, 'Content')) === undefined) reason = 'format';
      if (reason) {
        badCount++; badByReason[reason]++;
        if (bad.length < maxBad) bad.push({ lineNo: line.lineNo, reason, text: line.text.slice(0, 1000) });
        continue;
      }
      const c = drain.add(content!);
      lineCluster.push(c.index);
      parsed++;
    }
    if (opts.onProgress) opts.onProgress(parsed, read.bytes);
  }
  const { clusterEventId, templates } = assignEventIds(drain);
  return {
    file, format: opts.format, drainOptions: opts.drain, parsed, bad, badCount, badByReason, read,
    clusterEventId, templates, lineCluster, drain,
  };
}

/** E1, E2, ... by first appearance of each distinct final template. */
function assignEventIds(drain: Drain): { clusterEventId: string[]; templates: TemplateInfo[] } {
  const byTemplate = new Map<string, TemplateInfo>();
  const clusterEventId: string[] = [];
  for (const c of drain.clusters) {
    const t = drain.template(c);
    let info = byTemplate.get(t);
    if (!info) { info = { eventId: `E${byTemplate.size + 1}`, template: t, occurrences: 0 }; byTemplate.set(t, info); }
    info.occurrences += c.size;
    clusterEventId.push(info.eventId);
  }
  return { clusterEventId, templates: [...byTemplate.values()] };
}

/** Pass 2: the fitting lines again, each with its final event. Reads the same byte range as pass 1. */
export async function* structuredRecords(parsed: ParsedLog, opts: ReadOptions = {}): AsyncGenerator<StructuredRecord> {
  const byId = new Map(parsed.templates.map((t) => [t.eventId, t.template]));
  let lineId = 0;
  const readOpts: ReadOptions = { ...opts };
  for await (const batch of readLogLineBatches(parsed.file, readOpts)) {
    for (const line of batch) {
      if (lineId >= parsed.parsed) return;
      if (line.cut || line.text.trim() === '') continue;
      const f = matchFields(parsed.format, line.text);
      if (!f) continue;
      const eventId = parsed.clusterEventId[parsed.lineCluster.get(lineId)]!;
      lineId++;
      const fields: Record<string, string> = {};
      parsed.format.headers.forEach((h, i) => { fields[h] = f[i]!; });
      yield { lineId, lineNo: line.lineNo, fields, eventId, template: byId.get(eventId)! };
    }
  }
}
