// The data-set folder, in the loghub shapes that loglizer, deep-loglizer and the parsing benchmarks read
// as they are, plus a JSON and a sql.js view of the same sequences:
//   <name>.log                   raw lines, one event per line
//   <name>.log_structured.csv    LineId,Date,Time,Level,Component,Content,EventId,EventTemplate,SessionId
//   <name>.log_templates.csv     EventId,EventTemplate,Occurrences
//   anomaly_label.csv            SessionId,Label
//   sessions.csv                 SessionId,Label,EventSequence   (event ids space-separated, as HDFS_100k_sessions.csv)
//   sequences.json               every LogSequence with entry, path, events, label reasons, verdict, multiplicity
//   dataset.sqlite               tables templates, sequences, events (keys and foreign keys)
// Everything is checked before the first byte is written, and an existing non-empty folder is only
// written into with `overwrite`.
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LogSequence } from '../model';
import { toCsv } from '../util/csv';
import { insertMany, openDatabase, saveDatabase } from '../db/sqlite';

export type DatasetFormat = 'loghub' | 'json' | 'sqlite';

export interface DatasetTemplate {
  eventId: string;
  template: string;
}

export interface DatasetInput {
  /** Base name of the loghub files (`HDFS` gives `HDFS.log`, `HDFS.log_structured.csv`, ...). */
  name: string;
  sequences: readonly LogSequence[];
  /** Every template of the index (templates never generated are listed with 0 occurrences). */
  templates: readonly DatasetTemplate[];
  overwrite?: boolean;
  /** Default: all three. */
  formats?: readonly DatasetFormat[];
}

export const STRUCTURED_HEADER = ['LineId', 'Date', 'Time', 'Level', 'Component', 'Content', 'EventId', 'EventTemplate', 'SessionId'] as const;
export const TEMPLATES_HEADER = ['EventId', 'EventTemplate', 'Occurrences'] as const;
export const LABELS_HEADER = ['SessionId', 'Label'] as const;
export const SESSIONS_HEADER = ['SessionId', 'Label', 'EventSequence'] as const;

/** E2 before E10: numeric order of the digits in an event id, then text. */
export function compareEventIds(a: string, b: string): number {
  const na = Number(/\d+/.exec(a)?.[0] ?? NaN);
  const nb = Number(/\d+/.exec(b)?.[0] ?? NaN);
  const pa = a.replace(/\d+.*$/, '');
  const pb = b.replace(/\d+.*$/, '');
  if (pa !== pb) return pa < pb ? -1 : 1;
  if (na !== nb && !Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

function checkInput(dir: string, input: DatasetInput): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(input.name)) throw new Error(`data set name '${input.name}' must be letters, digits, '.', '_' or '-' (it names files)`);
  const formats = input.formats ?? ['loghub', 'json', 'sqlite'];
  const bad = formats.filter((f) => !['loghub', 'json', 'sqlite'].includes(f));
  if (bad.length > 0 || formats.length === 0) throw new Error(`unknown data set format(s) ${bad.join(', ') || '(none given)'}: use loghub, json, sqlite`);
  const seen = new Set<string>();
  for (const s of input.sequences) {
    if (!s.sessionId || /[\s,]/.test(s.sessionId)) throw new Error(`session id '${s.sessionId}' is empty or has a space or comma`);
    if (seen.has(s.sessionId)) throw new Error(`session id '${s.sessionId}' appears twice: session ids must be unique`);
    seen.add(s.sessionId);
    for (const e of s.events) {
      if (!e.eventId || /\s/.test(e.eventId)) throw new Error(`session ${s.sessionId}: event id '${e.eventId}' is empty or has a space`);
    }
  }
  const tids = new Map<string, string>();
  for (const t of input.templates) {
    const prev = tids.get(t.eventId);
    if (prev !== undefined && prev !== t.template) throw new Error(`event id ${t.eventId} names two templates: '${prev}' and '${t.template}'`);
    tids.set(t.eventId, t.template);
  }
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new Error(`${dir} exists and is not a folder`);
    if (!input.overwrite && readdirSync(dir).length > 0) throw new Error(`${dir} is not empty: choose an empty folder or pass overwrite (--overwrite)`);
  }
}

/** Templates with occurrence counts: the given ones, plus any event id the sequences use that the list lacks. */
export function templateTable(sequences: readonly LogSequence[], templates: readonly DatasetTemplate[]): { eventId: string; template: string; occurrences: number }[] {
  const rows = new Map<string, { eventId: string; template: string; occurrences: number }>();
  for (const t of templates) if (!rows.has(t.eventId)) rows.set(t.eventId, { eventId: t.eventId, template: t.template, occurrences: 0 });
  for (const s of sequences) {
    for (const e of s.events) {
      let r = rows.get(e.eventId);
      if (!r) { r = { eventId: e.eventId, template: e.template, occurrences: 0 }; rows.set(e.eventId, r); }
      r.occurrences++;
    }
  }
  return [...rows.values()].sort((a, b) => compareEventIds(a.eventId, b.eventId));
}

export async function writeDataset(dir: string, input: DatasetInput): Promise<{ files: string[] }> {
  checkInput(dir, input);
  const formats = new Set(input.formats ?? ['loghub', 'json', 'sqlite']);
  const { name, sequences } = input;
  const templates = templateTable(sequences, input.templates);
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const write = (file: string, text: string): void => {
    const p = join(dir, file);
    writeFileSync(p, text);
    files.push(p);
  };

  if (formats.has('loghub')) {
    const raw: string[] = [];
    const structured: (string | number)[][] = [];
    for (const s of sequences) {
      for (const e of s.events) {
        raw.push(e.raw);
        structured.push([structured.length + 1, e.date, e.time, e.level.toUpperCase(), e.component, e.content, e.eventId, e.template, s.sessionId]);
      }
    }
    write(`${name}.log`, raw.length > 0 ? raw.join('\n') + '\n' : '');
    write(`${name}.log_structured.csv`, toCsv(STRUCTURED_HEADER, structured));
    write(`${name}.log_templates.csv`, toCsv(TEMPLATES_HEADER, templates.map((t) => [t.eventId, t.template, t.occurrences])));
    write('anomaly_label.csv', toCsv(LABELS_HEADER, sequences.map((s) => [s.sessionId, s.label])));
    write('sessions.csv', toCsv(SESSIONS_HEADER, sequences.map((s) => [s.sessionId, s.label, s.events.map((e) => e.eventId).join(' ')])));
  }
  if (formats.has('json')) {
    // One sequence per line: diffable, and readable by streaming tools without loading a giant array.
    write('sequences.json', sequences.length === 0 ? '[]\n' : `[\n${sequences.map((s) => JSON.stringify(s)).join(',\n')}\n]\n`);
  }
  if (formats.has('sqlite')) {
    const file = join(dir, 'dataset.sqlite');
    await writeSqlite(file, sequences, templates);
    files.push(file);
  }
  return { files };
}

export const SQLITE_SCHEMA = `
CREATE TABLE templates (
  event_id TEXT PRIMARY KEY,
  template TEXT NOT NULL,
  occurrences INTEGER NOT NULL
);
CREATE TABLE sequences (
  session_id TEXT PRIMARY KEY,
  entry TEXT NOT NULL,
  label TEXT NOT NULL CHECK (label IN ('Normal', 'Anomaly')),
  label_reasons TEXT NOT NULL,   -- JSON array of strings
  consistent INTEGER NOT NULL,
  verifier TEXT NOT NULL,
  verdict TEXT NOT NULL,         -- JSON Verdict
  multiplicity INTEGER NOT NULL,
  path TEXT NOT NULL,            -- JSON array of file:line
  event_sequence TEXT NOT NULL   -- space-separated event ids, as sessions.csv
);
CREATE TABLE events (
  line_id INTEGER PRIMARY KEY,   -- LineId of the structured CSV
  session_id TEXT NOT NULL REFERENCES sequences(session_id),
  position INTEGER NOT NULL,     -- 0-based index within the session
  event_id TEXT NOT NULL REFERENCES templates(event_id),
  log_id TEXT NOT NULL,
  level TEXT NOT NULL,
  component TEXT NOT NULL,
  content TEXT NOT NULL,
  param_values TEXT NOT NULL,    -- JSON array of strings
  date TEXT NOT NULL,
  time TEXT NOT NULL,
  thread TEXT NOT NULL,
  raw TEXT NOT NULL,
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  UNIQUE (session_id, position)
);
CREATE INDEX events_by_event ON events(event_id);
`;

async function writeSqlite(file: string, sequences: readonly LogSequence[], templates: ReturnType<typeof templateTable>): Promise<void> {
  const db = await openDatabase();
  try {
    db.run(SQLITE_SCHEMA);
    insertMany(db, 'INSERT INTO templates VALUES (?, ?, ?)', templates.map((t) => [t.eventId, t.template, t.occurrences]));
    insertMany(db, 'INSERT INTO sequences VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', sequences.map((s) => [
      s.sessionId, s.entry, s.label, JSON.stringify(s.labelReasons), s.verdict.consistent ? 1 : 0, s.verdict.verifier,
      JSON.stringify(s.verdict), s.multiplicity, JSON.stringify(s.path), s.events.map((e) => e.eventId).join(' '),
    ]));
    let line = 0;
    const rows: (string | number)[][] = [];
    for (const s of sequences) {
      s.events.forEach((e, i) => {
        rows.push([++line, s.sessionId, i, e.eventId, e.logId, e.level.toUpperCase(), e.component, e.content, JSON.stringify(e.values),
          e.date, e.time, e.thread, e.raw, e.loc.file, e.loc.line]);
      });
    }
    insertMany(db, 'INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', rows);
    saveDatabase(db, file);
  } finally {
    db.close();
  }
}
