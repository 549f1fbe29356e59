import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { insertMany, openDatabase, queryAll, saveDatabase } from './sqlite';

test('a database written to disk reopens with its rows, and foreign keys are enforced', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'ls-db-')), 'x.sqlite');
  const db = await openDatabase();
  db.run('CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (id INTEGER PRIMARY KEY, p INTEGER NOT NULL REFERENCES p(id))');
  assert.equal(insertMany(db, 'INSERT INTO p VALUES (?)', [[1], [2]]), 2);
  insertMany(db, 'INSERT INTO c VALUES (?, ?)', [[10, 1]]);
  assert.throws(() => insertMany(db, 'INSERT INTO c VALUES (?, ?)', [[11, 99]]), /FOREIGN KEY/);
  saveDatabase(db, file);
  db.close();
  const again = await openDatabase(file);
  assert.deepEqual(queryAll(again, 'SELECT id, p FROM c'), [{ id: 10, p: 1 }]);
  again.close();
});
