// The language server's index: a full scan with a warm-start cache, incremental updates of single files, and
// the answers the editor asks for (entries, per-file methods and logs, graphs, statistics). The call graph is
// rebuilt lazily, on the first question after a change.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EntryPoint, FileIndex, LogStatement, MethodInfo } from '../core/model';
import { WorkspaceIndex } from '../core/workspace/workspace-index';
import { walkJavaFiles } from '../core/workspace/walk';
import { indexSource } from '../core/java/index-file';
import { createJavaParser } from '../core/java/parser';
import { buildCallGraph, type CallGraph } from '../core/callgraph/callgraph';
import type { EntryInfo, FileInfo, IndexState, IndexStatistics, LogSummary, MethodSummary } from '../shared/protocol';
import type { GraphData } from '../shared/graph';
import { IndexStore, sha1 } from './index-store';
import { entryGraph, lcfgGraph, methodLabel } from './graph-builder';

export interface IndexServiceOptions {
  root: string;
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
  private entryMap: Map<string, EntryPoint> | undefined;
  private state: IndexState = { state: 'starting', version: 0, done: 0, total: 0, files: 0, methods: 0, logs: 0, templates: 0, entryMethods: 0 };
  private cacheHits = 0;
  private lastUpdateMs: number | undefined;
  /** Bumped on every change, so clients can tell a stale answer. */
  version = 0;

  constructor(private readonly opts: IndexServiceOptions) {}

  get root(): string { return this.opts.root; }
  get view(): WorkspaceIndex { return this.index; }
  get depth(): number { return this.opts.depth; }
  set depth(d: number) { if (d !== this.opts.depth) { this.opts.depth = d; this.entryMap = undefined; } }

  /** Full scan: unchanged files (same sha1 as cached) are taken from the cache, the rest are parsed. */
  async scan(onProgress?: ScanProgress): Promise<IndexState> {
    const t0 = performance.now();
    this.state = { ...this.state, state: 'indexing', done: 0, total: 0 };
    const rel = await walkJavaFiles(this.opts.root, { exclude: this.opts.exclude, includeTests: this.opts.includeTests });
    this.state.total = rel.length;
    const store = this.opts.store;
    const files: FileIndex[] = [];
    let parsed = 0;
    let hits = 0;
    const parser = await createJavaParser();
    try {
      let lastYield = performance.now();
      for (let i = 0; i < rel.length; i++) {
        const file = rel[i]!;
        let bytes: Buffer;
        try { bytes = await readFile(join(this.opts.root, file)); } catch { continue; } // deleted while scanning
        const hash = sha1(bytes);
        const cached = store.get(file);
        if (cached && cached.hash === hash) {
          files.push(cached.index);
          hits++;
        } else {
          const fi = indexSource(file, bytes, parser);
          store.put(file, hash, fi);
          files.push(fi);
          parsed++;
        }
        this.state.done = i + 1;
        if (performance.now() - lastYield > 30) { onProgress?.(i + 1, rel.length); await tick(); lastYield = performance.now(); }
      }
    } finally {
      parser.delete();
    }
    const present = new Set(rel);
    for (const f of store.files()) if (!present.has(f)) store.delete(f);
    store.save();
    this.index = WorkspaceIndex.fromFiles(files);
    this.invalidate();
    this.cacheHits = hits;
    onProgress?.(rel.length, rel.length);
    this.state = { ...this.counts(), state: 'ready', version: this.version, done: rel.length, total: rel.length, parsed, seconds: (performance.now() - t0) / 1000 };
    return this.state;
  }

  /** Re-indexes one file from the given text (an open editor) or bytes; undefined = the file is gone. */
  async update(file: string, content: string | Uint8Array | undefined): Promise<boolean> {
    const t0 = performance.now();
    // Opening an editor sends the text the index already has: nothing to do then.
    if (content !== undefined && this.index.files.has(file) && this.opts.store.get(file)?.hash === sha1(content)) return false;
    await this.index.updateFile(file, content === undefined ? undefined : typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    const fi = this.index.files.get(file);
    if (fi && content !== undefined) this.opts.store.put(file, sha1(content), fi);
    else this.opts.store.delete(file);
    this.invalidate();
    this.lastUpdateMs = performance.now() - t0;
    if (this.state.state === 'ready') this.state = { ...this.state, ...this.counts() };
    return true;
  }

  hasFile(file: string): boolean { return this.index.files.has(file); }

  saveCache(): boolean { return this.opts.store.save(); }

  private invalidate(): void {
    this.graph = undefined;
    this.entryMap = undefined;
    this.version++;
  }

  callGraph(): CallGraph {
    this.graph ??= buildCallGraph(this.index);
    return this.graph;
  }

  private entriesById(): Map<string, EntryPoint> {
    if (!this.entryMap) {
      const all = this.callGraph().entries({ depth: this.opts.depth });
      this.entryMap = new Map(all.map((e) => [e.methodId, e]));
    }
    return this.entryMap;
  }

  private counts() {
    const templates = new Set<string>();
    for (const l of this.index.logs.values()) templates.add(l.eventId);
    return {
      files: this.index.files.size, methods: this.index.methods.size, logs: this.index.logs.size,
      templates: templates.size, entryMethods: this.entriesById().size,
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
    const e = this.entriesById().get(m.id);
    return {
      methodId: m.id, label: methodLabel(m.id), file: m.loc.file, line: m.loc.line, startLine: m.startLine, endLine: m.endLine,
      reachableTemplates: e?.reachableTemplates ?? 0, reachableLogs: e?.reachableLogs ?? 0,
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
    const ranked = this.entriesById();
    const list = [...seen].filter((m) => ranked.has(m))
      .sort((a, b) => (ranked.get(b)!.reachableTemplates - ranked.get(a)!.reachableTemplates) || a.localeCompare(b));
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
