// The language server's index: a full scan with a warm-start cache, incremental updates of single files, and
// the answers the editor asks for (entries, per-file methods and logs, graphs, statistics). The call graph is
// rebuilt lazily, on the first question after a change.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileIndex, LogStatement, MethodInfo } from '../core/model';
import { WorkspaceIndex } from '../core/workspace/workspace-index';
import { walkJavaFiles } from '../core/workspace/walk';
import { indexInPool, indexWorkerScript } from '../core/workspace/index-pool';
import { PARALLEL_MIN_FILES } from '../core/workspace/workspace-index';
import { availableParallelism } from 'node:os';
import { indexSource } from '../core/java/index-file';
import { createJavaParser } from '../core/java/parser';
import type { CallGraph } from '../core/callgraph/callgraph';
import { GraphReuse, keepsResolutions } from '../core/callgraph/reuse';
import type { EntryInfo, FileInfo, IndexState, IndexStatistics, LogSummary, MethodSummary } from '../shared/protocol';
import type { GraphData } from '../shared/graph';
import { IndexStore, sha1 } from './index-store';
import { entryGraph, lcfgGraph, methodLabel } from './graph-builder';

export interface IndexServiceOptions {
  root: string;
  /** The workspace folders to walk, relative to `root` ('' or absent: all of it; see shared/roots.ts). */
  folders?: string[];
  exclude?: string[];
  includeTests?: boolean;
  /** Call depth for "templates reachable" (CodeLens, entries). */
  depth: number;
  store: IndexStore;
}

export interface ScanProgress {
  (done: number, total: number): void;
}

/** Yield to the event loop now and then during long loops, so LSP messages keep flowing. */
const tick = () => new Promise<void>((r) => setImmediate(r));

export class IndexService {
  private index: WorkspaceIndex = WorkspaceIndex.fromFiles([]);
  private graph: CallGraph | undefined;
  private readonly reuse = new GraphReuse();
  private readonly reachCache = new Map<string, { templates: number; logs: number }>();
  private state: IndexState = { state: 'starting', version: 0, done: 0, total: 0, files: 0, methods: 0, logs: 0, templates: 0, entryMethods: 0 };
  private cacheHits = 0;
  private lastUpdateMs: number | undefined;
  /** Bumped on every change, so clients can tell a stale answer. */
  version = 0;

  constructor(private readonly opts: IndexServiceOptions) {}

  get root(): string { return this.opts.root; }

  /** New workspace folders (see shared/roots.ts): takes effect at the next scan. */
  setRoots(root: string, folders: string[]): void {
    this.opts.root = root;
    this.opts.folders = folders;
  }
  get view(): WorkspaceIndex { return this.index; }
  get depth(): number { return this.opts.depth; }
  set depth(d: number) { if (d !== this.opts.depth) { this.opts.depth = d; this.reachCache.clear(); } }

  /** Full scan: unchanged files (same sha1 as cached) are taken from the cache, the rest are parsed. */
  async scan(onProgress?: ScanProgress): Promise<IndexState> {
    const t0 = performance.now();
    this.state = { ...this.state, state: 'indexing', done: 0, total: 0 };
    const rel = await this.walk();
    this.state.total = rel.length;
    const store = this.opts.store;
    const byFile = new Map<string, FileIndex>();
    const misses: { file: string; hash: string }[] = [];
    let hits = 0;
    // Pass 1: hash every file; unchanged ones come from the cache. Files are read synchronously: an await per
    // file left this thread idle for 0.7 s of a 400k-line scan, and the loop yields every 30 ms anyway.
    let lastYield = performance.now();
    for (let i = 0; i < rel.length; i++) {
      const file = rel[i]!;
      let bytes: Buffer;
      try { bytes = readFileSync(join(this.opts.root, file)); } catch { continue; } // deleted while scanning
      const hash = sha1(bytes);
      const cached = store.get(file);
      if (cached && cached.hash === hash) { byFile.set(file, cached.index); hits++; } else misses.push({ file, hash });
      if (performance.now() - lastYield > 30) { this.state.done = hits; onProgress?.(hits, rel.length); await tick(); lastYield = performance.now(); }
    }
    // Pass 2: parse the rest, on two worker threads when there are many (the core's index pool), else here.
    // Unlike the CLI (defaultWorkers), even on two cores: this thread then stays free for the editor's requests,
    // and the workers hand over their results packed as the cache stores them.
    let done = hits;
    const hashOf = new Map(misses.map((m) => [m.file, m.hash]));
    const add = (fi: FileIndex, packed?: Uint8Array) => {
      byFile.set(fi.file, fi);
      store.put(fi.file, hashOf.get(fi.file) ?? '', fi, packed);
      this.state.done = ++done;
      const now = performance.now();
      if (now - lastYield > 30) { onProgress?.(done, rel.length); lastYield = now; }
    };
    let todo = misses.map((m) => m.file);
    const script = todo.length >= PARALLEL_MIN_FILES ? indexWorkerScript() : undefined;
    if (script) todo = (await indexInPool(script, this.opts.root, todo, Math.min(2, availableParallelism()), {}, add)).left;
    if (todo.length > 0) {
      const parser = await createJavaParser();
      try {
        for (const file of todo) {
          let bytes: Buffer;
          try { bytes = readFileSync(join(this.opts.root, file)); } catch { continue; }
          add(indexSource(file, bytes, parser));
          if (performance.now() - lastYield > 30) { await tick(); lastYield = performance.now(); }
        }
      } finally {
        parser.delete();
      }
    }
    const parsed = misses.length;
    const threads = script ? Math.min(2, availableParallelism()) : 1;
    const files = rel.filter((f) => byFile.has(f)).map((f) => byFile.get(f)!);
    // The cache holds exactly the indexed files (the generation worker loads it as the index).
    for (const f of store.files()) if (!byFile.has(f)) store.delete(f);
    store.save();
    this.index = WorkspaceIndex.fromFiles(files);
    this.invalidate();
    this.reuse.forget();
    this.cacheHits = hits;
    onProgress?.(rel.length, rel.length);
    this.state = { ...this.counts(), state: 'ready', version: this.version, done: rel.length, total: rel.length, parsed, threads, seconds: (performance.now() - t0) / 1000 };
    return this.state;
  }

  /** The .java files of every workspace folder, as keys relative to the root (each folder with its own ignore rules). */
  private async walk(): Promise<string[]> {
    const opts = { exclude: this.opts.exclude, includeTests: this.opts.includeTests };
    const folders = this.opts.folders ?? [''];
    if (folders.length === 1 && folders[0] === '') return walkJavaFiles(this.opts.root, opts);
    const out: string[] = [];
    for (const f of folders) {
      const found = await walkJavaFiles(f ? join(this.opts.root, f) : this.opts.root, opts).catch(() => [] as string[]);
      for (const rel of found) out.push(f ? `${f}/${rel}` : rel);
    }
    return out.sort();
  }

  /** Re-indexes one file from the given text (an open editor) or bytes; undefined = the file is gone. */
  async update(file: string, content: string | Uint8Array | undefined): Promise<boolean> {
    const t0 = performance.now();
    const hash = content === undefined ? undefined : sha1(content);
    // Opening an editor sends the text the index already has: nothing to do then.
    if (hash !== undefined && this.index.files.has(file) && this.opts.store.get(file)?.hash === hash) return false;
    if (content === undefined && !this.index.files.has(file)) return false; // already gone (folder and file events both came)
    const before = this.index.files.get(file);
    await this.index.updateFile(file, content === undefined ? undefined : typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    const fi = this.index.files.get(file);
    if (fi && hash !== undefined) this.opts.store.put(file, hash, fi);
    else this.opts.store.delete(file);
    // An edit inside method bodies: the next graph keeps the resolutions of the other files' calls.
    this.reuse.changed(keepsResolutions(before, fi), this.graph);
    this.invalidate();
    this.lastUpdateMs = performance.now() - t0;
    if (this.state.state === 'ready') this.state = { ...this.state, ...this.counts() };
    return true;
  }

  hasFile(file: string): boolean { return this.index.files.has(file); }

  /** Indexed files at `rel` or below it (a folder). */
  filesUnder(rel: string): string[] {
    return [...this.index.files.keys()].filter((f) => f === rel || f.startsWith(`${rel}/`));
  }

  saveCache(): boolean { return this.opts.store.save(); }

  /** Saves the cache and returns its file, or undefined when the cache is in memory only. */
  savedCachePath(): string | undefined {
    this.opts.store.save();
    return this.opts.store.path;
  }

  private invalidate(): void {
    this.graph = undefined;
    this.reachCache.clear();
    this.version++;
  }

  callGraph(): CallGraph {
    return (this.graph ??= this.reuse.build(this.index));
  }

  /**
   * Reachable templates / logs of one method within the depth bound, computed on demand and kept until the
   * next change: a CodeLens or hover needs a handful of methods, not the whole workspace ranked.
   */
  private reach(methodId: string): { templates: number; logs: number } {
    let r = this.reachCache.get(methodId);
    if (r) return r;
    const g = this.callGraph();
    const events = new Set<string>();
    let logs = 0;
    if (g.reachesLog(methodId)) {
      const seen = new Set<string>([methodId]);
      let frontier = [methodId];
      for (let d = 0; frontier.length > 0; d++) {
        const next: string[] = [];
        for (const m of frontier) {
          for (const id of g.logsIn(m)) {
            logs++;
            const ev = this.index.logs.get(id)?.eventId;
            if (ev) events.add(ev);
          }
          if (d >= this.opts.depth) continue;
          for (const c of g.callees(m)) if (!seen.has(c) && g.reachesLog(c)) { seen.add(c); next.push(c); }
        }
        frontier = next;
      }
    }
    r = { templates: events.size, logs };
    this.reachCache.set(methodId, r);
    return r;
  }

  private counts() {
    const templates = new Set<string>();
    for (const l of this.index.logs.values()) templates.add(l.eventId);
    const g = this.callGraph();
    let entryMethods = 0;
    for (const m of this.index.methods.keys()) if (g.reachesLog(m)) entryMethods++;
    return {
      files: this.index.files.size, methods: this.index.methods.size, logs: this.index.logs.size,
      templates: templates.size, entryMethods,
    };
  }

  getState(): IndexState { return { ...this.state, version: this.version }; }

  statistics(): IndexStatistics {
    let problems = 0;
    let lines = 0;
    for (const f of this.index.files.values()) { problems += f.problems.length; lines += f.lines; }
    return { ...this.state, version: this.version, problems, lines, cacheHits: this.cacheHits, lastUpdateMs: this.lastUpdateMs };
  }

  entries(top?: number): EntryInfo[] {
    const ranked = this.callGraph().entries({ top, depth: this.opts.depth });
    return ranked.map((e) => ({ ...e, label: methodLabel(e.methodId) }));
  }

  private summary(m: MethodInfo): MethodSummary {
    const r = this.reach(m.id);
    return {
      methodId: m.id, label: methodLabel(m.id), file: m.loc.file, line: m.loc.line, startLine: m.startLine, endLine: m.endLine,
      reachableTemplates: r.templates, reachableLogs: r.logs,
    };
  }

  fileInfo(file: string): FileInfo {
    const fi = this.index.files.get(file);
    if (!fi) return { file: null, methods: [], logs: [] };
    const logs: LogSummary[] = fi.logs.map((l) => {
      const cur = this.index.logs.get(l.id) ?? l; // event ids are renumbered workspace-wide by the index
      return { id: cur.id, line: cur.loc.line, column: cur.loc.column, level: cur.level, eventId: cur.eventId, template: cur.template, methodId: cur.methodId };
    });
    return { file, methods: fi.methods.map((m) => this.summary(m)), logs };
  }

  /** The innermost method whose body spans the line (lambdas and local classes sit inside their outer method). */
  methodAt(file: string, line: number): MethodSummary | null {
    const fi = this.index.files.get(file);
    if (!fi) return null;
    let best: MethodInfo | undefined;
    for (const m of fi.methods) {
      const start = Math.min(m.loc.line, m.startLine);
      if (line < start || line > m.endLine) continue;
      if (!best || m.endLine - start < best.endLine - Math.min(best.loc.line, best.startLine)) best = m;
    }
    return best ? this.summary(best) : null;
  }

  resolveMethod(signature: string): MethodSummary | null {
    const direct = this.index.methods.get(signature);
    if (direct) return this.summary(direct);
    const found = this.callGraph().findMethod(signature);
    const m = found.match ? this.index.methods.get(found.match) : undefined;
    return m ? this.summary(m) : null;
  }

  log(id: string): LogStatement | undefined { return this.index.logs.get(id); }

  /** Entry points that reach a method within the depth bound (its callers' closure), best-ranked first. */
  reachingEntries(methodId: string, limit: number): { entries: string[]; total: number } {
    const g = this.callGraph();
    const seen = new Set<string>([methodId]);
    let frontier = [methodId];
    for (let d = 0; d < this.opts.depth && frontier.length > 0; d++) {
      const next: string[] = [];
      for (const m of frontier) for (const c of g.callers(m)) if (!seen.has(c)) { seen.add(c); next.push(c); }
      frontier = next;
    }
    const list = [...seen].filter((m) => this.reach(m).logs > 0)
      .sort((a, b) => (this.reach(b).templates - this.reach(a).templates) || a.localeCompare(b));
    return { entries: list.slice(0, limit), total: list.length };
  }

  lcfg(methodId: string): GraphData | null {
    return lcfgGraph(this.index, methodId);
  }

  entryGraph(entry: string, depth?: number, maxNodes = 600): GraphData | null {
    return entryGraph(this.index, this.callGraph(), entry, { depth: depth ?? this.opts.depth, maxNodes });
  }

  /** Every template of the index (the data set lists those never generated with 0 occurrences). */
  templates(): { eventId: string; template: string }[] {
    return [...this.index.templates].map(([eventId, template]) => ({ eventId, template }));
  }

  files(): FileIndex[] { return [...this.index.files.values()]; }
}
