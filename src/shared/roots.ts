// A multi-root workspace as one tree: the index's file keys are '/' paths relative to the deepest folder
// that holds every workspace folder, so `<root>/<key>` is the file everywhere (server, generation worker,
// extension). The walk covers the workspace folders only, each with its own ignore rules, never the rest of
// that common folder. One folder: the root is that folder and keys are as before.
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

export interface WorkspaceRoots {
  /** The deepest folder holding every workspace folder. */
  root: string;
  /** Each workspace folder relative to `root` ('/'-separated; '' for the root itself), in the given order. */
  folders: string[];
  /** Folders no common folder holds (another drive): not indexed. */
  outside: string[];
}

export function workspaceRoots(folderPaths: readonly string[]): WorkspaceRoots | undefined {
  const abs = [...new Set(folderPaths.map((p) => resolve(p)))];
  if (abs.length === 0) return undefined;
  let root = abs[0]!;
  for (const p of abs.slice(1)) {
    while (!isInside(root, p)) {
      const up = dirname(root);
      if (up === root) break; // a filesystem root: nothing above it (another drive cannot share one)
      root = up;
    }
  }
  const folders = abs.filter((p) => isInside(root, p)).map((p) => relative(root, p).split(sep).join('/'));
  // a folder inside another is walked as part of it
  const outer = folders.filter((f) => !folders.some((o) => o !== f && (o === '' || f.startsWith(`${o}/`))));
  return { root, folders: outer, outside: abs.filter((p) => !isInside(root, p)) };
}

/** True when `p` is `dir` or below it. */
function isInside(dir: string, p: string): boolean {
  const r = relative(dir, p);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}

/** True when the key (a '/' path relative to the root) lies in one of the workspace folders. */
export function inFolders(roots: Pick<WorkspaceRoots, 'folders'>, key: string): boolean {
  return roots.folders.some((f) => f === '' || key === f || key.startsWith(`${f}/`));
}
