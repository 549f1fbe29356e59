// Typed readers for a data-set folder written by writeDataset, and for the real loghub HDFS session file
// (`BlockId,Label,Split,EventSequence`): the evaluation bench reads both through readSessionsCsv.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Label, LogSequence } from '../model';
import { parseCsv } from '../util/csv';

export interface SessionRow {
  /** SessionId (ours) or BlockId (loghub HDFS). */
  sessionId: string;
  label: Label;
  /** The loghub benchmark split (`train`/`test`) when the file has a Split column. */
  split?: string;
  events: string[];
}

export interface StructuredRow {
  lineId: number;
  date: string;
  time: string;
  level: string;
  component: string;
  content: string;
  eventId: string;
  eventTemplate: string;
  sessionId: string;
}

export interface TemplateRow {
  eventId: string;
  eventTemplate: string;
  occurrences: number;
}

export interface LabelRow {
  sessionId: string;
  label: Label;
}

export interface Dataset {
  name: string;
  structured: StructuredRow[];
  templates: TemplateRow[];
  labels: LabelRow[];
  sessions: SessionRow[];
  /** sequences.json when the folder has it. */
  sequences?: LogSequence[];
  /** The raw `.log` lines. */
  lines: string[];
}

/** Rows of a CSV with a header, as objects; `need` lists columns that must be there (alternatives with '|'). */
function table(text: string, file: string, need: string[]): { header: string[]; rows: Record<string, string>[] } {
  const [header, ...body] = parseCsv(text);
  if (!header) throw new Error(`${file}: empty file (expected a header ${need.join(',')})`);
  for (const n of need) {
    if (!n.split('|').some((alt) => header.includes(alt))) throw new Error(`${file}: missing column ${n.replace('|', ' or ')} (header is ${header.join(',')})`);
  }
  const rows: Record<string, string>[] = [];
  body.forEach((r, i) => {
    if (r.length === 1 && r[0] === '') return; // blank line
    if (r.length !== header.length) throw new Error(`${file}: row ${i + 2} has ${r.length} fields, the header has ${header.length}`);
    rows.push(Object.fromEntries(header.map((h, j) => [h, r[j]!])));
  });
  return { header, rows };
}

export function parseLabel(value: string, file: string, row: number): Label {
  const v = value.trim().toLowerCase();
  if (v === 'normal' || v === '0') return 'Normal';
  if (v === 'anomaly' || v === '1') return 'Anomaly';
  throw new Error(`${file}: row ${row}: label '${value}' is not Normal or Anomaly`);
}

/** Sessions from text in either shape: `SessionId,Label,EventSequence` (ours) or `BlockId,Label,Split,EventSequence` (loghub HDFS). */
export function parseSessionsCsv(text: string, file = 'sessions.csv'): SessionRow[] {
  const { header, rows } = table(text, file, ['SessionId|BlockId', 'Label', 'EventSequence']);
  const idCol = header.includes('SessionId') ? 'SessionId' : 'BlockId';
  const hasSplit = header.includes('Split');
  return rows.map((r, i) => {
    const row: SessionRow = {
      sessionId: r[idCol]!,
      label: parseLabel(r['Label']!, file, i + 2),
      events: r['EventSequence']!.split(/\s+/).filter((e) => e !== ''),
    };
    if (hasSplit) row.split = r['Split'];
    return row;
  });
}

export function readSessionsCsv(file: string): SessionRow[] {
  return parseSessionsCsv(readText(file), file);
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

/** Reads a folder written by writeDataset (the loghub files must be there; sequences.json is optional). */
export function readDataset(dir: string): Dataset {
  if (!existsSync(dir)) throw new Error(`${dir}: no such folder`);
  const structuredFiles = readdirSync(dir).filter((f) => f.endsWith('.log_structured.csv'));
  if (structuredFiles.length !== 1) throw new Error(`${dir}: expected one <name>.log_structured.csv, found ${structuredFiles.length}`);
  const name = structuredFiles[0]!.slice(0, -'.log_structured.csv'.length);
  const sFile = join(dir, `${name}.log_structured.csv`);
  const structured = table(readText(sFile), sFile, ['LineId', 'Date', 'Time', 'Level', 'Component', 'Content', 'EventId', 'EventTemplate', 'SessionId']).rows.map((r) => ({
    lineId: Number(r['LineId']), date: r['Date']!, time: r['Time']!, level: r['Level']!, component: r['Component']!, content: r['Content']!,
    eventId: r['EventId']!, eventTemplate: r['EventTemplate']!, sessionId: r['SessionId']!,
  }));
  const tFile = join(dir, `${name}.log_templates.csv`);
  const templates = table(readText(tFile), tFile, ['EventId', 'EventTemplate', 'Occurrences']).rows.map((r) => ({
    eventId: r['EventId']!, eventTemplate: r['EventTemplate']!, occurrences: Number(r['Occurrences']),
  }));
  const lFile = join(dir, 'anomaly_label.csv');
  const labels = table(readText(lFile), lFile, ['SessionId|BlockId', 'Label']).rows.map((r, i) => ({
    sessionId: r['SessionId'] ?? r['BlockId']!, label: parseLabel(r['Label']!, lFile, i + 2),
  }));
  const sessions = readSessionsCsv(join(dir, 'sessions.csv'));
  const logText = readText(join(dir, `${name}.log`));
  const lines = logText === '' ? [] : logText.replace(/\r?\n$/, '').split(/\r?\n/);
  const jFile = join(dir, 'sequences.json');
  let sequences: LogSequence[] | undefined;
  if (existsSync(jFile)) {
    try {
      sequences = JSON.parse(readText(jFile)) as LogSequence[];
    } catch (e) {
      throw new Error(`${jFile}: not valid JSON (${(e as Error).message})`);
    }
  }
  return { name, structured, templates, labels, sessions, sequences, lines };
}
