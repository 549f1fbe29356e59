// The index of a whole source tree: every file's FileIndex plus the maps the later stages read
// (IndexView). Event ids are assigned here, across files, so equal templates share one id.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Parser } from 'web-tree-sitter';
import type { ClassInfo, FileIndex, IndexView, Lcfg, LogStatement, MethodInfo, ParseProblem } from '../model';
import { createJavaParser } from '../java/parser';
import { indexSource, type IndexSourceOptions } from '../java/index-file';
import { componentOfInitText, LOGGER_FACTORY } from '../java/loggers';
import { walkJavaFiles, type WalkOptions } from './walk';
import { indexInPool, indexWorkerScript } from './index-pool';
import { unreadableIndex } from './index-worker';
import { availableParallelism, loadavg } from 'node:os';

export interface IndexOptions extends WalkOptions, IndexSourceOptions {
  /** Threads for a full build (see defaultWorkers); 2+ needs the worker script beside the module. */
  workers?: number | undefined;
}

/** Below this many files a worker's start-up (its own wasm parser) costs more than it saves. */
export const PARALLEL_MIN_FILES = 200;

/**
 * Two threads when the tree is big and two cores are idle besides the one this thread runs on. Each worker
 * warms up its own JIT and the main thread parses their results again (about 0.4 s of JSON for the 400k-line
 * corpus): on the 2-core machine two workers took 60-80% more CPU than one thread and no less time (jetty9
 * 2.8 s against 2.4 s, the corpus 3.1 s against 3.1 s), so a machine with fewer free cores indexes on one thread.
 */
export function defaultWorkers(files: number): number {
  const cores = availableParallelism();
  if (files < PARALLEL_MIN_FILES || cores < 3) return 1;
  return loadavg()[0]! <= cores - 2 ? 2 : 1;
}

export interface IndexStats {
  files: number;
  lines: number;
  methods: number;
  logStatements: number;
  /** Distinct templates (event ids). */
  templates: number;
  problems: number;
  /** Wall time of the last full build (0 for an index made from files). */
  seconds: number;
}

export type IndexProgress = (done: number, total: number, file: string) => void;

export class WorkspaceIndex implements IndexView {
  readonly files = new Map<string, FileIndex>();
  readonly methods = new Map<string, MethodInfo>();
  readonly classes = new Map<string, ClassInfo>();
  readonly logs = new Map<string, LogStatement>();
  readonly lcfgs = new Map<string, Lcfg>();
  /** Event id -> template. */
  readonly templates = new Map<string, string>();
  private parser: Parser | undefined;
  private seconds = 0;
  /** Threads the last full build ran on (1 when it indexed on the calling thread only). */
  threads = 1;

  private constructor(private readonly opts: IndexSourceOptions = {}) {}

  /** Walks `root`, indexes every selected .java file (on worker threads for big trees), and links the result. */
  static async build(root: string, opts: IndexOptions = {}, onProgress?: IndexProgress): Promise<WorkspaceIndex> {
    const t0 = performance.now();
    const files = await walkJavaFiles(root, opts);
    const idx = new WorkspaceIndex({ ...(opts.maxFileBytes !== undefined ? { maxFileBytes: opts.maxFileBytes } : {}), ...(opts.lcfgs !== undefined ? { lcfgs: opts.lcfgs } : {}) });
    let done = 0;
    const add = (fi: FileIndex) => {
      idx.files.set(fi.file, fi);
      onProgress?.(++done, files.length, fi.file);
    };
    let todo: readonly string[] = files;
    const workers = opts.workers ?? defaultWorkers(files.length);
    const script = workers > 1 ? indexWorkerScript() : undefined;
    if (script) {
      todo = (await indexInPool(script, root, files, workers, idx.opts, add)).left;
      idx.threads = workers;
    }
    if (todo.length) {
      const parser = await idx.getParser();
      for (const rel of todo) {
        let bytes: Uint8Array;
        try {
          // Synchronous on purpose: indexing a file is synchronous anyway, and fs/promises' open/stat/read/
          // close round trips through the thread pool cost several times the CPU of the read itself.
          bytes = readFileSync(join(root, rel));
        } catch (e) {
          add(unreadableIndex(rel, e));
          continue;
        }
        add(indexSource(rel, bytes, parser, idx.opts));
      }
    }
    idx.link();
    idx.seconds = (performance.now() - t0) / 1000;
    return idx;
  }

  /** An index over FileIndex values made elsewhere (a cache, a worker, a test). */
  static fromFiles(files: readonly FileIndex[], opts: IndexSourceOptions = {}): WorkspaceIndex {
    const idx = new WorkspaceIndex(opts);
    for (const f of files) idx.files.set(f.file, f);
    idx.link();
    return idx;
  }

  /** Re-parses one file (`bytes` undefined: the file was deleted) and re-links; event ids are recomputed. */
  async updateFile(relPath: string, bytes: Uint8Array | undefined): Promise<void> {
    const rel = relPath.replace(/\\/g, '/');
    if (bytes === undefined) this.files.delete(rel);
    else this.files.set(rel, indexSource(rel, bytes, await this.getParser(), this.opts));
    this.link();
  }

  /** Every problem of every file, in file order. */
  get problems(): ParseProblem[] {
    return [...this.files.values()].flatMap((f) => f.problems);
  }

  stats(): IndexStats {
    let lines = 0;
    let problems = 0;
    for (const f of this.files.values()) { lines += f.lines; problems += f.problems.length; }
    return {
      files: this.files.size, lines, methods: this.methods.size, logStatements: this.logs.size,
      templates: this.templates.size, problems, seconds: this.seconds,
    };
  }

  /** Frees the parser's wasm memory (the index stays usable; a later update makes a new parser). */
  dispose(): void {
    this.parser?.delete();
    this.parser = undefined;
  }

  private async getParser(): Promise<Parser> {
    this.parser ??= await createJavaParser();
    return this.parser;
  }

  /**
   * Rebuilds the maps. Event ids: files in path order, logs in (line, column) order; a template gets the
   * next id at its first occurrence, so ids are deterministic for a given tree.
   */
  private link(): void {
    for (const m of [this.methods, this.classes, this.logs, this.lcfgs, this.templates]) m.clear();
    const paths = [...this.files.keys()].sort();
    const sorted = new Map<string, FileIndex>();
    for (const p of paths) sorted.set(p, this.files.get(p)!);
    this.files.clear();
    for (const [p, f] of sorted) this.files.set(p, f);
    const ids = new Map<string, string>();
    for (const f of this.files.values()) {
      for (const c of f.classes) this.classes.set(c.name, c);
      for (const m of f.methods) this.methods.set(m.id, m);
      for (const g of f.lcfgs) this.lcfgs.set(g.methodId, g);
      for (const l of inSourceOrder(f.logs)) {
        let id = ids.get(l.template);
        if (!id) {
          id = `E${ids.size + 1}`;
          ids.set(l.template, id);
          this.templates.set(id, l.template);
        }
        l.eventId = id;
        this.logs.set(l.id, l);
      }
    }
    this.fixCrossFileComponents();
  }

  /** `DataNode.LOG.info(...)` in another file: the component is what DataNode's LOG was created with. */
  private fixCrossFileComponents(): void {
    const bySimple = new Map<string, ClassInfo>();
    for (const c of this.classes.values()) if (!bySimple.has(c.simpleName)) bySimple.set(c.simpleName, c);
    for (const l of this.logs.values()) {
      if (!l.logger.includes('.')) continue; // `LOG`, `log`: this class's own logger, nothing to fix
      const m = /^([\w.$]+)\.(\w+)$/.exec(l.logger);
      if (!m || m[1] === 'this') continue;
      const owner = m[1]!.slice(m[1]!.lastIndexOf('.') + 1);
      const cls = bySimple.get(owner);
      const field = cls?.fields.find((f) => f.name === m[2]);
      if (!cls || !field?.init || !LOGGER_FACTORY.test(field.init)) continue;
      l.component = componentOfInitText(field.init, cls.simpleName);
    }
  }
}

/** The file's logs by (line, column); they usually are in that order already, and then are not copied. */
function inSourceOrder(logs: readonly LogStatement[]): readonly LogStatement[] {
  const before = (a: LogStatement, b: LogStatement): number => a.loc.line - b.loc.line || a.loc.column - b.loc.column;
  for (let i = 1; i < logs.length; i++) if (before(logs[i - 1]!, logs[i]!) > 0) return [...logs].sort(before);
  return logs;
}
