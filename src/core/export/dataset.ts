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
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, statSync, writeFileSync, writeSync } from 'node:fs';
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
    // Written a megabyte at a time: as one string it doubled the export's peak memory (174 MB for jetty9's top 50).
    const p = join(dir, 'sequences.json');
    const fd = openSync(p, 'w');
    try {
      if (sequences.length === 0) writeSync(fd, '[]\n');
      else {
        let chunk = '[\n';
        sequences.forEach((seq, i) => {
          chunk += JSON.stringify(seq) + (i < sequences.length - 1 ? ',\n' : '\n]\n');
          if (chunk.length > 1 << 20) { writeSync(fd, chunk); chunk = ''; }
        });
        if (chunk) writeSync(fd, chunk);
      }
    } finally {
      closeSync(fd);
    }
    files.push(p);
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

/**
 * Text bound as UTF-8 bytes and cast back to TEXT by SQLite: sql.js encodes a bound string with a JavaScript
 * loop, a byte at a time, which took 2.2 s of a 180 MB export (jetty9, top 50 entries); node's encoder is native.
 * The stored value is the same TEXT.
 */
const utf8 = (s: string): Uint8Array => Buffer.from(s, 'utf8');
const T = 'CAST(? AS TEXT)';

async function writeSqlite(file: string, sequences: readonly LogSequence[], templates: ReturnType<typeof templateTable>): Promise<void> {
  const db = await openDatabase();
  try {
    // 64 KiB pages: a fifth of the pages and page writes of the default 4 KiB for rows of paths and log lines
    db.run('PRAGMA page_size = 65536');
    db.run(SQLITE_SCHEMA);
    // Rows are made as they are inserted (generators): lists of them all were 200 MB more at the export's peak.
    insertMany(db, `INSERT INTO templates VALUES (${T}, ${T}, ?)`, templates.map((t) => [utf8(t.eventId), utf8(t.template), t.occurrences]));
    function* sequenceRows(): Generator<(number | Uint8Array)[]> {
      for (const s of sequences) {
        yield [utf8(s.sessionId), utf8(s.entry), utf8(s.label), utf8(JSON.stringify(s.labelReasons)), s.verdict.consistent ? 1 : 0, utf8(s.verdict.verifier),
          utf8(JSON.stringify(s.verdict)), s.multiplicity, utf8(JSON.stringify(s.path)), utf8(s.events.map((e) => e.eventId).join(' '))];
      }
    }
    insertMany(db, `INSERT INTO sequences VALUES (${T}, ${T}, ${T}, ${T}, ?, ${T}, ${T}, ?, ${T}, ${T})`, sequenceRows());
    function* eventRows(): Generator<(number | Uint8Array)[]> {
      let line = 0;
      for (const s of sequences) {
        const session = utf8(s.sessionId);
        for (let i = 0; i < s.events.length; i++) {
          const e = s.events[i]!;
          yield [++line, session, i, utf8(e.eventId), utf8(e.logId), utf8(e.level.toUpperCase()), utf8(e.component), utf8(e.content), utf8(JSON.stringify(e.values)),
            utf8(e.date), utf8(e.time), utf8(e.thread), utf8(e.raw), utf8(e.loc.file), e.loc.line];
        }
      }
    }
    insertMany(db, `INSERT INTO events VALUES (?, ${T}, ?, ${T}, ${T}, ${T}, ${T}, ${T}, ${T}, ${T}, ${T}, ${T}, ${T}, ${T}, ?)`, eventRows());
    saveDatabase(db, file);
  } finally {
    db.close();
  }
}
