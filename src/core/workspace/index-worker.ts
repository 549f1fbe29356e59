// Worker thread of the parallel index build: asks the pool for batches of files, indexes them with its
// own parser, and posts each FileIndex back packed (see packed.ts), its bytes transferred rather than copied.
import { parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createJavaParser } from '../java/parser';
import { indexSource, type IndexSourceOptions } from '../java/index-file';
import type { FileIndex } from '../model';
import { packFileIndex } from './packed';

export interface WorkerInit { root: string; opts: IndexSourceOptions }
export type ToWorker = { type: 'files'; files: string[] } | { type: 'stop' };
export type FromWorker = { type: 'ready' } | { type: 'file'; file: string; packed: Uint8Array } | { type: 'batch-done' };

export function unreadableIndex(file: string, e: unknown): FileIndex {
  return {
    file, hash: '', lines: 0, classes: [], methods: [], logs: [], lcfgs: [], imports: [], package: '',
    problems: [{ file, line: 1, column: 1, severity: 'error', message: `unreadable: ${e instanceof Error ? e.message : String(e)}` }],
  };
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const { root, opts } = workerData as WorkerInit;
  const parser = await createJavaParser();
  port.on('message', async (msg: ToWorker) => {
    if (msg.type === 'stop') {
      parser.delete();
      port.close();
      return;
    }
    for (const file of msg.files) {
      let index: FileIndex;
      try {
        index = indexSource(file, readFileSync(join(root, file)) /* sync: cheaper than fs/promises, see workspace-index */, parser, opts);
      } catch (e) {
        index = unreadableIndex(file, e);
      }
      let packed = packFileIndex(index);
      // a small Buffer may be a slice of node's shared pool: transfer only a buffer of its own
      if (packed.byteOffset !== 0 || packed.byteLength !== packed.buffer.byteLength) packed = new Uint8Array(packed);
      port.postMessage({ type: 'file', file, packed } satisfies FromWorker, [packed.buffer as ArrayBuffer]);
    }
    port.postMessage({ type: 'batch-done' } satisfies FromWorker);
  });
  port.postMessage({ type: 'ready' } satisfies FromWorker);
}

if (parentPort && (workerData as WorkerInit | undefined)?.root !== undefined) void main();
