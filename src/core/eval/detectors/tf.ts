// Loads TensorFlow.js for the neural detectors: the WASM backend (about 8x faster than the pure-JS CPU
// backend on this kind of model), its .wasm files read from the package's grammars/ folder (copied there by
// esbuild.mjs, so an installed .vsix without node_modules has them) or node_modules — never downloaded. Falls back
// to the CPU backend if the WASM one cannot start.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from '../../util/repo';

export type Tf = typeof import('@tensorflow/tfjs');

let loading: Promise<{ tf: Tf; backend: string }> | undefined;

const WASM = 'tfjs-backend-wasm.wasm';

/** grammars/ of the package (the build copies the .wasm files there): bundles (dist/) and out/ sit below it. */
function shippedDir(): string | undefined {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'grammars', WASM))) return join(dir, 'grammars');
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

/** Where the WASM backend's .wasm files are: shipped with the extension first, else the npm package. */
export function wasmDir(): string | undefined {
  const candidates: string[] = [];
  const shipped = shippedDir();
  if (shipped) candidates.push(shipped);
  try { candidates.push(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))); } catch { /* bundled */ }
  try { candidates.push(join(repoRoot(), 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist')); } catch { /* no root */ }
  return candidates.find((d) => existsSync(join(d, WASM)));
}

export function loadTf(): Promise<{ tf: Tf; backend: string }> {
  loading ??= (async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const tf = require('@tensorflow/tfjs') as Tf;
    tf.env().set('PROD', true); // silences the "install tfjs-node" banner; we deliberately stay pure JS/WASM
    const dir = wasmDir();
    if (dir) {
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const wasm = require('@tensorflow/tfjs-backend-wasm') as typeof import('@tensorflow/tfjs-backend-wasm');
        wasm.setWasmPaths(dir.endsWith('/') ? dir : dir + '/');
        if (await tf.setBackend('wasm')) { await tf.ready(); return { tf, backend: 'wasm' }; }
      } catch { /* fall through to cpu */ }
    }
    await tf.setBackend('cpu');
    await tf.ready();
    return { tf, backend: 'cpu' };
  })();
  return loading;
}
