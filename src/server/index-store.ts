// The warm-start cache of the language server: one FileIndex per file (JSON, deflated) with the sha1 of the
// bytes it was built from, in a sql.js database in the extension's workspace storage. Reopening a workspace
// re-parses only the files whose bytes changed. A cache that cannot be read is set aside (renamed) and rebuilt:
// never fatal.
import { existsSync, renameSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { packFileIndex, unpackFileIndex } from '../core/workspace/packed';
import type { FileIndex } from '../core/model';
import { openDatabase, saveDatabase, queryAll, type Database } from '../core/db/sqlite';

/** Bump when FileIndex's shape or the indexer's output changes in a way old entries would not reflect. */
export const INDEX_CACHE_SCHEMA = 2;

// Rows hold packed FileIndexes (deflated JSON, see packed.ts): sql.js keeps the database in an in-memory file
// that grows by 1/8 at a time, copying all of it each time, so 80 MB of JSON (a 400k-line workspace) took 3 s
// to insert. Deflated it is 6 MB, inserted in 40 ms, and the cache on disk is a twelfth of the size.

export interface CachedFile {
  hash: string;
  index: FileIndex;
  /** The index packed, when it came so (from an index worker) and has not changed since. */
  packed?: Uint8Array;
}

export function sha1(bytes: Uint8Array | string): string {
  return createHash('sha1').update(bytes).digest('hex');
}

export class IndexStore {
  private readonly entries = new Map<string, CachedFile>();
  private readonly dirty = new Set<string>();
  private readonly removed = new Set<string>();
  /** meta keys changed since the last save (undefined: delete the key). */
  private readonly metaChanges = new Map<string, string | undefined>();
  /** Why the cache was discarded at open, if it was. */
  discarded?: string;

  private constructor(private readonly db: Database, readonly path: string | undefined) {}

  /** Opens (or creates) the cache at `path`; undefined keeps everything in memory only. */
  static async open(path: string | undefined, version = 'unknown'): Promise<IndexStore> {
    let db: Database | undefined;
    let discarded: string | undefined;
    if (path && existsSync(path)) {
      try {
        db = await openDatabase(path);
        const meta = queryAll<{ key: string; value: string }>(db, 'SELECT key, value FROM meta');
        const m = new Map(meta.map((r) => [r.key, r.value]));
        if (m.get('schema') !== String(INDEX_CACHE_SCHEMA) || m.get('version') !== version) {
          discarded = `cache built by schema ${m.get('schema')} / version ${m.get('version')}`;
          db.close();
          db = undefined;
        }
      } catch (e) {
        discarded = `unreadable cache (${e instanceof Error ? e.message : String(e)})`;
        try { db?.close(); } catch { /* already unusable */ }
        db = undefined;
        // Keep the bad file for a post-mortem instead of deleting what we cannot read.
        try { renameSync(path, `${path}.bad-${Date.now()}`); } catch { /* read-only storage: rebuild in memory */ }
      }
    }
    if (!db) {
      db = await openDatabase();
      db.run('CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
      db.run('CREATE TABLE files (file TEXT PRIMARY KEY, hash TEXT NOT NULL, data BLOB NOT NULL)');
      db.run('INSERT INTO meta VALUES (?, ?), (?, ?)', ['schema', String(INDEX_CACHE_SCHEMA), 'version', version]);
    }
    const store = new IndexStore(db, path);
    store.discarded = discarded;
    if (!discarded) {
      for (const r of queryAll<{ file: string; hash: string; data: Uint8Array }>(db, 'SELECT file, hash, data FROM files')) {
        try { store.entries.set(r.file, { hash: r.hash, index: unpackFileIndex(r.data) }); } catch { /* one bad row: re-parse that file */ }
      }
    }
    return store;
  }

  /** Every FileIndex of a cache file, read-only (the generation worker loads what the server just saved). */
  static async readAll(path: string): Promise<FileIndex[]> {
    const db = await openDatabase(path);
    try {
      return queryAll<{ data: Uint8Array }>(db, 'SELECT data FROM files ORDER BY file').map((r) => unpackFileIndex(r.data));
    } finally {
      db.close();
    }
  }

  /** A value kept beside the index (e.g. the last coverage counts), saved with it. */
  getMeta(key: string): string | undefined {
    if (this.metaChanges.has(key)) return this.metaChanges.get(key);
    return queryAll<{ value: string }>(this.db, 'SELECT value FROM meta WHERE key = ?', [key])[0]?.value;
  }

  setMeta(key: string, value: string | undefined): void {
    if (key === 'schema' || key === 'version') throw new Error(`meta key '${key}' is the store's own`);
    this.metaChanges.set(key, value);
  }

  get size(): number { return this.entries.size; }
  get(file: string): CachedFile | undefined { return this.entries.get(file); }
  files(): string[] { return [...this.entries.keys()]; }

  /** `packed`: the same index already packed (as index workers send it), stored as it is. */
  put(file: string, hash: string, index: FileIndex, packed?: Uint8Array): void {
    this.entries.set(file, packed ? { hash, index, packed } : { hash, index });
    this.dirty.add(file);
    this.removed.delete(file);
  }

  delete(file: string): void {
    if (this.entries.delete(file)) { this.removed.add(file); this.dirty.delete(file); }
  }

  /** Writes pending changes to the database and the database to disk (no-op when nothing changed). */
  save(): boolean {
    if (this.dirty.size === 0 && this.removed.size === 0 && this.metaChanges.size === 0) return false;
    this.db.run('BEGIN');
    try {
      for (const [k, v] of this.metaChanges) {
        if (v === undefined) this.db.run('DELETE FROM meta WHERE key = ?', [k]);
        else this.db.run('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)', [k, v]);
      }
      const del = this.db.prepare('DELETE FROM files WHERE file = ?');
      for (const f of this.removed) del.run([f]);
      del.free();
      const ins = this.db.prepare('INSERT OR REPLACE INTO files (file, hash, data) VALUES (?, ?, ?)');
      for (const f of this.dirty) {
        const e = this.entries.get(f);
        if (e) ins.run([f, e.hash, e.packed ?? packFileIndex(e.index)]);
      }
      ins.free();
      this.db.run('COMMIT');
    } catch (e) {
      this.db.run('ROLLBACK');
      throw e;
    }
    this.dirty.clear();
    this.removed.clear();
    this.metaChanges.clear();
    if (this.path) {
      // Write beside and rename, so a crash mid-write never leaves a truncated cache.
      const tmp = `${this.path}.tmp-${process.pid}`;
      saveDatabase(this.db, tmp);
      renameSync(tmp, this.path);
    }
    return true;
  }

  close(): void {
    this.db.close();
  }
}
