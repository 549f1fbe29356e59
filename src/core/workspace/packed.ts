// A FileIndex as bytes: JSON, deflated. How index workers hand their results to the main thread and how the
// language server's cache stores them. Why not structured cloning: V8's deserializer took 2.4 s of the main
// thread for a 400k-line workspace, more than the workers saved; JSON.parse of the same data takes a third of
// that, the deflated bytes move between threads without a copy, and the cache stores them as they are.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { FileIndex } from '../model';
import { packLcfgs } from '../lcfg/packed';

/** Level 3: smaller than 1 and no slower on this JSON (about 6 MB for the 400k-line corpus's 80 MB). */
export function packFileIndex(index: FileIndex): Uint8Array {
  return deflateRawSync(JSON.stringify(index), { level: 3 });
}

export function unpackFileIndex(bytes: Uint8Array): FileIndex {
  const index = JSON.parse(inflateRawSync(bytes).toString('utf8')) as FileIndex;
  // kept as long as the index lives: packed rows, not one object per node and edge (see lcfg/packed.ts)
  index.lcfgs = packLcfgs(index.lcfgs);
  return index;
}
