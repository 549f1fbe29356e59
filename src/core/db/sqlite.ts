import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { assetPath } from '../util/assets';

export type { Database } from 'sql.js';

let sql: Promise<SqlJsStatic> | undefined;

/** sql.js (SQLite compiled to wasm), loaded once per process from grammars/sql-wasm.wasm. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  sql ??= initSqlJs({ locateFile: () => assetPath('sql-wasm.wasm') });
  return sql;
}

/** Opens a database file (or a new empty database when the file does not exist). Foreign keys are enforced. */
export async function openDatabase(file?: string): Promise<Database> {
  const SQL = await loadSqlJs();
  const db = file && existsSync(file) ? new SQL.Database(readFileSync(file)) : new SQL.Database();
  db.run('PRAGMA foreign_keys = ON');
  return db;
}

/** Writes the whole database to a file (sql.js keeps it in memory). */
export function saveDatabase(db: Database, file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, db.export()); // a Uint8Array as it is: Buffer.from() would copy it (180 MB for a large export)
}

/** Runs `rows` through one prepared insert inside a transaction (orders of magnitude faster than one-by-one). */
export function insertMany(db: Database, sqlText: string, rows: Iterable<(string | number | null | Uint8Array)[]>): number {
  const stmt = db.prepare(sqlText);
  let n = 0;
  db.run('BEGIN');
  try {
    for (const r of rows) { stmt.run(r); n++; }
    db.run('COMMIT');
  } catch (e) {
    db.run('ROLLBACK');
    throw e;
  } finally {
    stmt.free();
  }
  return n;
}

/** All rows of a query as objects. */
export function queryAll<T = Record<string, unknown>>(db: Database, sqlText: string, params: (string | number | null)[] = []): T[] {
  const stmt = db.prepare(sqlText);
  const out: T[] = [];
  try {
    stmt.bind(params);
    while (stmt.step()) out.push(stmt.getAsObject() as T);
  } finally {
    stmt.free();
  }
  return out;
}
