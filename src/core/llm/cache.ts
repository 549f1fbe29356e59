// Every validated model answer, kept in a sql.js database so a re-run of the same prompts costs no calls.
// The key is a sha256 of (prompt id, prompt version, prompt text, endpoint, model, temperature): a changed
// prompt, template version, server or model never reuses a stale answer (two servers may serve different
// weights under one model name). Nothing secret is stored: prompts are masked
// before they are hashed, the API key is not part of the key, and answers are redacted before storage.
import { createHash } from 'node:crypto';
import { openDatabase, saveDatabase, queryAll, type Database } from '../db/sqlite';

export interface CacheKeyParts {
  promptId: string;
  promptVersion: number;
  system: string;
  user: string;
  /** The endpoint: origin and path of the base URL (no credentials, no query). */
  endpoint: string;
  model: string;
  temperature: number;
}

export function cacheKey(p: CacheKeyParts): string {
  return createHash('sha256')
    .update(JSON.stringify([p.promptId, p.promptVersion, p.system, p.user, p.endpoint, p.model, p.temperature]))
    .digest('hex');
}

export interface CachedAnswer {
  /** The validated JSON answer. */
  answer: unknown;
  /** The raw answer text (chain of thought + JSON), for the trace and the webview. */
  text: string;
}

const SCHEMA = `CREATE TABLE IF NOT EXISTS llm_cache (
  key TEXT PRIMARY KEY,
  prompt_id TEXT NOT NULL,
  prompt_version INTEGER NOT NULL,
  model TEXT NOT NULL,
  temperature REAL NOT NULL,
  answer TEXT NOT NULL,
  text TEXT NOT NULL,
  created TEXT NOT NULL
)`;

export class LlmCache {
  private dirty = false;

  private constructor(readonly db: Database, readonly file: string | undefined) {
    db.run(SCHEMA);
  }

  /** Opens (or creates) a cache file; without a file the cache lives in memory for this run only. */
  static async open(file?: string): Promise<LlmCache> {
    const db = await openDatabase(file);
    return new LlmCache(db, file);
  }

  /** Uses a table in an existing database (e.g. the workspace index database); the owner saves it. */
  static inDatabase(db: Database): LlmCache {
    return new LlmCache(db, undefined);
  }

  get(key: string): CachedAnswer | undefined {
    const rows = queryAll<{ answer: string; text: string }>(this.db, 'SELECT answer, text FROM llm_cache WHERE key = ?', [key]);
    const row = rows[0];
    if (!row) return undefined;
    try {
      return { answer: JSON.parse(row.answer), text: row.text };
    } catch {
      return undefined; // a damaged row is a miss, never a crash
    }
  }

  put(key: string, meta: Omit<CacheKeyParts, 'system' | 'user' | 'endpoint'>, value: CachedAnswer): void {
    this.db.run(
      'INSERT OR REPLACE INTO llm_cache (key, prompt_id, prompt_version, model, temperature, answer, text, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [key, meta.promptId, meta.promptVersion, meta.model, meta.temperature, JSON.stringify(value.answer), value.text, new Date().toISOString()],
    );
    this.dirty = true;
  }

  size(): number {
    return Number(queryAll<{ n: number }>(this.db, 'SELECT COUNT(*) AS n FROM llm_cache')[0]?.n ?? 0);
  }

  /** Writes the cache file (when opened from a file and changed). */
  save(): void {
    if (this.file && this.dirty) {
      saveDatabase(this.db, this.file);
      this.dirty = false;
    }
  }

  close(): void {
    this.save();
    if (this.file) this.db.close();
  }
}
