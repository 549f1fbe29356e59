// What `npm run package` puts in the .vsix (vsce applies .vscodeignore): every bundle the manifest and the
// server start, every wasm file the bundles load at run time (tree-sitter, sql.js, TensorFlow.js's WASM
// backend), the webview bundle and every icon — and no sources, source maps or node_modules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../core/util/repo';

test('the packaged file list holds what the bundles load at run time, and nothing else', () => {
  const root = repoRoot();
  const listed = new Set(execFileSync(join(root, 'node_modules', '.bin', 'vsce'), ['ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' })
    .split('\n').map((l) => l.trim()).filter(Boolean));
  const main = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string }).main.replace(/^\.\//, '');
  const wasm = readdirSync(join(root, 'grammars')).filter((f) => f.endsWith('.wasm')).map((f) => `grammars/${f}`);
  assert.ok(wasm.includes('grammars/tfjs-backend-wasm.wasm') && wasm.includes('grammars/sql-wasm.wasm'), wasm.join(', '));
  const icons = readdirSync(join(root, 'media', 'icons')).map((f) => `media/icons/${f}`);
  const required = [main, 'dist/server.js', 'dist/worker.js', 'dist/index-worker.js', 'media/main.js', 'media/main.css', 'media/logsynth.svg', ...wasm, ...icons];
  for (const f of required) assert.ok(listed.has(f), `${f} is packaged`);
  const stray = [...listed].filter((f) => /\.(ts|map)$/.test(f) || f.startsWith('node_modules/') || f.startsWith('src/') || f === 'dist/cli.js');
  assert.deepEqual(stray, []);
});
