// Writes traces (and the machine learned from them, when given) to the relational schema: a sql.js `.sqlite`
// file plus one CSV per table. Also reads traces back, which is how `fidelity` loads real and synthetic data.
import { writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, saveDatabase, insertMany, queryAll, type Database } from '../db/sqlite';
import { toCsv } from '../util/csv';
import type { Trace } from '../logs/traces';
import { transitionIndex, labelOf } from '../fsm/learn';
import type { StateMachine } from '../fsm/types';
import type { Label } from '../model';
import { SCHEMA_SQL, TABLES } from './schema';

export interface RelationalInput {
  traces: readonly Trace[];
  /** eventId -> template. */
  templates: ReadonlyMap<string, string>;
  machine?: StateMachine;
  meta?: Record<string, string | number>;
}

export interface RelationalFiles {
  sqlite: string;
  csv: Record<string, string>;
  rows: Record<string, number>;
}

/** Builds the database in memory (keys enforced while inserting). */
export async function buildRelational(input: RelationalInput): Promise<Database> {
  const db = await openDatabase();
  db.exec(SCHEMA_SQL);
  const m = input.machine;
  const occurrences = new Map<string, number>();
  for (const t of input.traces) for (const e of t.events) occurrences.set(e.eventId, (occurrences.get(e.eventId) ?? 0) + 1);
  const templateIds = new Set([...input.templates.keys(), ...occurrences.keys(), ...(m?.templates.map((t) => t.eventId) ?? [])]);
  insertMany(db, 'INSERT INTO meta VALUES (?, ?)', Object.entries({ schema: 1, created: new Date().toISOString(), ...input.meta }).map(([k, v]) => [k, String(v)]));
  insertMany(db, 'INSERT INTO templates VALUES (?, ?, ?)', [...templateIds].map((id) => [id, input.templates.get(id) ?? m?.templates.find((t) => t.eventId === id)?.template ?? id, occurrences.get(id) ?? 0]));
  if (m) {
    insertMany(db, 'INSERT INTO states VALUES (?, ?, ?, ?, ?)', m.states.map((s) => [s.id, s.label, s.initial ? 1 : 0, s.visits, s.finalCount]));
    insertMany(db, 'INSERT INTO transitions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', m.transitions.map((t) => [
      t.id, t.from, t.to, t.eventId, t.count, t.prob, t.dt?.n ?? null, t.dt?.mean ?? null, t.dt?.std ?? null, t.dt?.min ?? null, t.dt?.max ?? null,
    ]));
    insertMany(db, 'INSERT INTO slot_models VALUES (?, ?, ?, ?, ?, ?, ?)', m.slots.map((s) => {
      const { eventId, slot, kind, group, n, distinct, ...model } = s;
      return [eventId, slot, kind, group ?? null, n, distinct, JSON.stringify(model)];
    }));
  }
  insertMany(db, 'INSERT INTO traces VALUES (?, ?, ?, ?, ?)', input.traces.map((t) => [
    t.id, t.label ?? null, t.events.length, t.events[0]?.time ?? null, t.events[t.events.length - 1]?.time ?? null,
  ]));
  const index = m ? transitionIndex(m) : undefined;
  function* eventRows(): Generator<(string | number | null)[]> {
    for (const t of input.traces) {
      let state = m ? m.initial[labelOf(t)] : undefined;
      for (let i = 0; i < t.events.length; i++) {
        const e = t.events[i]!;
        const tr = state !== undefined ? index!.get(state)?.get(e.eventId) : undefined;
        state = tr?.to;
        yield [t.id, i + 1, e.eventId, e.time ?? null, e.lineId ?? null, tr?.id ?? null, e.content ?? null];
      }
    }
  }
  insertMany(db, 'INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)', eventRows());
  function* paramRows(): Generator<(string | number | null)[]> {
    for (const t of input.traces) {
      for (let i = 0; i < t.events.length; i++) {
        const p = t.events[i]!.params;
        for (let s = 0; s < p.length; s++) yield [t.id, i + 1, s, p[s]!];
      }
    }
  }
  insertMany(db, 'INSERT INTO parameters VALUES (?, ?, ?, ?)', paramRows());
  return db;
}

/** Writes `<name>.sqlite` and `<table>.csv` for every table into `dir`. */
export async function writeRelational(dir: string, input: RelationalInput, name = 'relational'): Promise<RelationalFiles> {
  mkdirSync(dir, { recursive: true });
  const db = await buildRelational(input);
  try {
    const files: RelationalFiles = { sqlite: join(dir, `${name}.sqlite`), csv: {}, rows: {} };
    saveDatabase(db, files.sqlite);
    for (const table of TABLES) {
      const stmt = db.prepare(`SELECT * FROM ${table}`);
      const header = stmt.getColumnNames();
      const rows: (string | number | null)[][] = [];
      while (stmt.step()) rows.push(stmt.get() as (string | number | null)[]);
      stmt.free();
      files.csv[table] = join(dir, `${table}.csv`);
      files.rows[table] = rows.length;
      writeFileSync(files.csv[table]!, toCsv(header, rows));
    }
    return files;
  } finally {
    db.close();
  }
}

/** Foreign-key violations (PRAGMA foreign_key_check): empty when the database is consistent. */
export function foreignKeyViolations(db: Database): Record<string, unknown>[] {
  return queryAll(db, 'PRAGMA foreign_key_check');
}

/** Traces (with times, parameters, labels) read back from a relational database file. */
export async function readTraces(sqliteFile: string): Promise<{ traces: Trace[]; templates: Map<string, string>; db: Database }> {
  if (!existsSync(sqliteFile)) throw new Error(`no relational database at ${sqliteFile}`);
  const db = await openDatabase(sqliteFile);
  const templates = new Map(queryAll<{ event_id: string; template: string }>(db, 'SELECT event_id, template FROM templates').map((r) => [r.event_id, r.template]));
  const traces = new Map<string, Trace>();
  for (const r of queryAll<{ trace_id: string; label: string | null }>(db, 'SELECT trace_id, label FROM traces ORDER BY rowid')) {
    const t: Trace = { id: r.trace_id, events: [] };
    if (r.label) t.label = r.label as Label;
    traces.set(r.trace_id, t);
  }
  for (const r of queryAll<{ trace_id: string; event_id: string; time_ms: number | null; line_id: number | null; content: string | null }>(
    db, 'SELECT trace_id, event_id, time_ms, line_id, content FROM events ORDER BY trace_id, seq')) {
    const e: Trace['events'][number] = { eventId: r.event_id, params: [] };
    if (r.time_ms !== null) e.time = r.time_ms;
    if (r.line_id !== null) e.lineId = r.line_id;
    if (r.content !== null) e.content = r.content;
    traces.get(r.trace_id)!.events.push(e);
  }
  const stmt = db.prepare('SELECT trace_id, seq, slot, value FROM parameters ORDER BY trace_id, seq, slot');
  while (stmt.step()) {
    const [tid, seq, slot, value] = stmt.get() as [string, number, number, string];
    traces.get(tid)!.events[seq - 1]!.params[slot] = value;
  }
  stmt.free();
  return { traces: [...traces.values()], templates, db };
}
