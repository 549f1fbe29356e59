// The warm-start cache on a real sql.js database file: every FileIndex of the bundled sample comes back equal,
// the rows are deflated (the file is far smaller than the JSON), and a cache of the previous schema is rebuilt.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../core/util/repo';
import { PackedLcfg } from '../core/lcfg/packed';
import { WorkspaceIndex } from '../core/workspace/workspace-index';
import { openDatabase, saveDatabase } from '../core/db/sqlite';
import { IndexStore, INDEX_CACHE_SCHEMA } from './index-store';

const SAMPLE = join(repoRoot(), 'examples', 'datanode');

test('index cache: save, reopen and read back the whole sample index', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'logsynth-store-'));
  try {
    const path = join(dir, 'index.sqlite');
    const idx = await WorkspaceIndex.build(SAMPLE, { workers: 1 });
    const files = [...idx.files.values()];
    assert.ok(files.length > 5 && files.some((f) => f.lcfgs.length > 0));
    const store = await IndexStore.open(path, 'v1');
    for (const f of files) store.put(f.file, f.hash, f);
    assert.equal(store.save(), true);
    assert.equal(store.save(), false, 'nothing changed since');
    store.close();

    const json = files.reduce((n, f) => n + Buffer.byteLength(JSON.stringify(f)), 0);
    assert.ok(statSync(path).size < json / 3, `cache ${statSync(path).size} bytes for ${json} bytes of JSON`);

    const again = await IndexStore.open(path, 'v1');
    assert.equal(again.discarded, undefined);
    assert.equal(again.size, files.length);
    // JSON round trip: undefined properties vanish, as they always did in the cache; LCFGs come back packed
    const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
    for (const f of files) {
      const back = again.get(f.file)!.index;
      assert.deepEqual(asJson(back), asJson(f), f.file);
      assert.ok(back.lcfgs.every((g) => g instanceof PackedLcfg), f.file);
    }
    again.setMeta('coverage', '{"log":"x","seen":{}}');
    assert.throws(() => again.setMeta('schema', '0'), /store's own/);
    again.delete(files[0]!.file);
    again.save();
    again.close();
    const third = await IndexStore.open(path, 'v1');
    assert.equal(third.getMeta('coverage'), '{"log":"x","seen":{}}', 'kept beside the index');
    third.setMeta('coverage', undefined);
    assert.equal(third.getMeta('coverage'), undefined);
    assert.equal(third.save(), true, 'a meta change alone is saved');
    third.close();
    assert.equal((await IndexStore.open(path, 'v1')).getMeta('coverage'), undefined);
    const all = await IndexStore.readAll(path);
    assert.deepEqual(all.map((f) => f.file), files.map((f) => f.file).slice(1).sort());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('index cache: a cache of the previous schema (rows as JSON text) is discarded, not misread', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'logsynth-store-'));
  try {
    const path = join(dir, 'index.sqlite');
    const db = await openDatabase();
    db.run('CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    db.run('CREATE TABLE files (file TEXT PRIMARY KEY, hash TEXT NOT NULL, json TEXT NOT NULL)');
    db.run('INSERT INTO meta VALUES (?, ?), (?, ?)', ['schema', String(INDEX_CACHE_SCHEMA - 1), 'version', 'v1']);
    db.run('INSERT INTO files VALUES (?, ?, ?)', ['A.java', 'h', '{}']);
    saveDatabase(db, path);
    db.close();
    const store = await IndexStore.open(path, 'v1');
    assert.match(store.discarded ?? '', new RegExp(`schema ${INDEX_CACHE_SCHEMA - 1}`));
    assert.equal(store.size, 0);
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
