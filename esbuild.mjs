// One build script for every target. Bundles (dist/, media/) are what ships; `--transpile` emits
// every source file one-to-one into out/ so node's test runner can load each module on its own.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const args = new Set(process.argv.slice(2));
const production = args.has('--production');

/** The wasm files the extension, the CLI and the tests all load: copied from their npm packages. */
function copyWasm() {
  mkdirSync('grammars', { recursive: true });
  // Copy only when different: a running server or test may be loading these files right now.
  const copy = (from, to) => {
    if (existsSync(to) && readFileSync(from).equals(readFileSync(to))) return;
    copyFileSync(from, to);
  };
  copy(require.resolve('tree-sitter-java/tree-sitter-java.wasm'), 'grammars/tree-sitter-java.wasm');
  copy(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), 'grammars/web-tree-sitter.wasm');
  copy(join(dirname(require.resolve('sql.js')), 'sql-wasm.wasm'), 'grammars/sql-wasm.wasm');
  // TensorFlow.js's WASM backend (the bench's neural detectors, in the worker bundle): an installed extension
  // has no node_modules, so its .wasm files ship in grammars/ (src/core/eval/detectors/tf.ts looks there first).
  const tfWasm = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  for (const f of readdirSync(tfWasm).filter((n) => n.endsWith('.wasm'))) copy(join(tfWasm, f), join('grammars', f));
}

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

// web-tree-sitter's ESM build breaks Parser.init() when bundled to CommonJS: point at its .cjs build.
const alias = { 'web-tree-sitter': require.resolve('web-tree-sitter').replace(/\.js$/, '.cjs') };

copyWasm();
if (args.has('--transpile')) {
  const entryPoints = [...walk('src'), ...walk('webview'), ...walk('test/webview')]; // test/webview: Chromium tests of the webview
  await esbuild.build({
    entryPoints, outdir: 'out', outbase: '.', bundle: false, format: 'cjs', platform: 'node',
    target: 'node20', sourcemap: 'inline', logLevel: 'warning',
  });
} else {
  const node = {
    bundle: true, format: 'cjs', platform: 'node', target: 'node20', sourcemap: !production,
    minify: production, alias, logLevel: 'warning', external: ['vscode'],
  };
  const targets = [
    { entryPoints: { extension: 'src/extension/main.ts' } },
    { entryPoints: { server: 'src/server/main.ts' } },
    { entryPoints: { worker: 'src/worker/main.ts' } },
    { entryPoints: { 'index-worker': 'src/core/workspace/index-worker.ts' } }, // parallel index pool (server, CLI)
    { entryPoints: { cli: 'src/cli/main.ts' } },
  ].filter((t) => Object.values(t.entryPoints).every((f) => { try { return statSync(f).isFile(); } catch { return false; } }));
  await Promise.all(targets.map((t) => esbuild.build({ ...node, ...t, outdir: 'dist' })));
  let webviews = [];
  try { webviews = readdirSync('webview').filter((f) => /^main.*\.ts$/.test(f)); } catch { /* no webview yet */ }
  if (webviews.length) {
    await esbuild.build({
      entryPoints: webviews.map((f) => join('webview', f)), outdir: 'media', bundle: true, format: 'iife',
      platform: 'browser', target: 'es2022', sourcemap: !production, minify: production, logLevel: 'warning',
    });
  }
}
