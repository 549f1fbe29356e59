// The worker's own copy of the index: FileIndex per file, kept current by update messages; the linked view and
// call graph are rebuilt only when a run needs them after a change.
import type { FileIndex } from '../core/model';
import { WorkspaceIndex } from '../core/workspace/workspace-index';
import type { CallGraph } from '../core/callgraph/callgraph';
import { GraphReuse, keepsResolutions } from '../core/callgraph/reuse';
import { reviveLcfgs } from '../core/lcfg/packed';
import { IndexStore } from '../server/index-store';

export class WorkerIndex {
  private readonly files = new Map<string, FileIndex>();
  private built: { index: WorkspaceIndex; graph: CallGraph } | undefined;
  private readonly reuse = new GraphReuse();

  get size(): number { return this.files.size; }

  /** Every FileIndex of the cache file the server has just saved. */
  async load(cachePath: string): Promise<void> {
    this.set(await IndexStore.readAll(cachePath));
  }

  set(files: readonly FileIndex[]): void {
    // files from the server come by structured clone, which drops the packed graphs' class
    for (const f of files) this.files.set(f.file, reviveLcfgs(f));
    this.built = undefined;
    this.reuse.forget();
  }

  apply(changes: readonly { file: string; index: FileIndex | null }[]): void {
    if (changes.length === 0) return;
    // Edits inside method bodies (the usual case): the next graph keeps the other files' resolutions.
    let stable = true;
    for (const c of changes) {
      const index = c.index ? reviveLcfgs(c.index) : undefined;
      if (!keepsResolutions(this.files.get(c.file), index)) stable = false;
      if (index) this.files.set(c.file, index);
      else this.files.delete(c.file);
    }
    this.reuse.changed(stable, this.built?.graph);
    this.built = undefined;
  }

  /** The linked index and call graph (rebuilt after changes), and how long that took. */
  view(): { index: WorkspaceIndex; graph: CallGraph; ms: number } {
    if (this.built) return { ...this.built, ms: 0 };
    const t0 = performance.now();
    const index = WorkspaceIndex.fromFiles([...this.files.values()]);
    this.built = { index, graph: this.reuse.build(index) };
    return { ...this.built, ms: performance.now() - t0 };
  }
}
