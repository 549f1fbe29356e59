// The LogSynth language server: owns the Java index (full scan with progress, warm start from the sql.js cache,
// incremental updates from open editors and file events), answers CodeLens and hover through standard LSP and
// the typed custom requests of src/shared/protocol.ts, and runs generations in a worker thread.
import { readFile } from 'node:fs/promises';
import { join, relative, sep, isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  TextDocuments, TextDocumentSyncKind, FileChangeType, MarkupKind, CodeLensRefreshRequest, DidChangeWorkspaceFoldersNotification,
  type Connection, type CodeLens, type Hover, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  DidChangeSettingsNotification, EntriesRequest, EntryGraphRequest, ExportDatasetRequest, FileInfoRequest,
  GENERATE_FROM_HERE_COMMAND, GenerateProgressNotification, GenerateRequest, IndexStateNotification, LogNotification,
  ClearCoverageNotification, CoverageRequest, LogsJobProgressNotification, LogsJobRequest, MethodAtRequest, MethodLcfgRequest, ReindexRequest, ResolveMethodRequest, SequencesRequest, StatisticsRequest,
  type CoverageCounts, type GenerateFromHereArgs, type GenerateResponse, type ServerInitOptions,
} from '../shared/protocol';
import type { LogSequence } from '../core/model';
import { walkJavaFiles } from '../core/workspace/walk';
import { IndexStore } from './index-store';
import { IndexService } from './index-service';
import { defaultWorkerPath, GenerationHost } from './generation';
import { exportDataset } from './export';
import { isIndexable } from './indexable';
import { coverageHoverLine } from '../shared/coverage-text';
import { inFolders, workspaceRoots } from '../shared/roots';

const UPDATE_DEBOUNCE_MS = 150;
// sql.js writes the whole database at once (tens of MB for a large workspace, seconds of this thread): save
// after a quiet minute and at shutdown, not per edit. A file edited since the last save is simply re-parsed
// at the next start (its hash differs), so a crash loses nothing but time.
const SAVE_DEBOUNCE_MS = 60_000;
const KEPT_RUNS = 3;

interface Run { entries: string[]; sequences: LogSequence[] }

export function startServer(connection: Connection, serverDir: string): void {
  const documents = new TextDocuments(TextDocument);
  let root = '';
  /** The workspace folders under `root` ('' = all of it; see shared/roots.ts). */
  let folders: string[] = [''];
  /** The workspace folders' URIs, as the client last told them. */
  let folderUris: string[] = [];

  /** Every workspace folder on disk, as one tree under their common folder (shared/roots.ts). True if it changed. */
  const applyFolders = (): boolean => {
    const paths = folderUris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    const next = workspaceRoots(paths) ?? { root: '', folders: [''], outside: [] };
    const changed = next.root !== root || next.folders.join('\n') !== folders.join('\n');
    root = next.root;
    folders = next.folders;
    const left = folderUris.filter((u) => !u.startsWith('file:'));
    // logged once the initialize exchange is over
    setImmediate(() => {
      if (left.length > 0) log('warn', `not on disk, not indexed: ${left.join(', ')}`);
      if (next.outside.length > 0) log('warn', `no folder holds these and ${root} together (another drive?), not indexed: ${next.outside.join(', ')}`);
      if (folders.length > 1) log('info', `${folders.length} workspace folders, indexed as one tree under ${root}`);
    });
    return changed;
  };
  let init: ServerInitOptions = { trusted: false };
  let service: IndexService | undefined;
  let ready: Promise<void> = new Promise(() => { /* replaced in onInitialized */ });
  let codeLensRefresh = false;
  let workDoneProgress = false;
  const pending = new Map<string, NodeJS.Timeout>();
  const runs = new Map<string, Run>();
  let saveTimer: NodeJS.Timeout | undefined;
  let generation: GenerationHost | undefined;
  let notifyTimer: NodeJS.Timeout | undefined;
  /** Counts of the last coverage job (code meets logs), shown in the hover until cleared; kept in the index
   *  cache's meta table, so a reopened workspace still shows them. */
  let coverage: CoverageCounts | undefined;
  let store: IndexStore | undefined;
  const keepCoverage = (c: CoverageCounts | undefined) => {
    coverage = c;
    store?.setMeta('coverage', c ? JSON.stringify(c) : undefined);
    scheduleSave();
  };

  const log = (level: 'error' | 'warn' | 'info' | 'debug' | 'trace', message: string) =>
    void connection.sendNotification(LogNotification.type, { level, message });

  /** Workspace-relative '/' path of any file or folder URI under the root. */
  const relAny = (uri: string): string | undefined => {
    if (!root || !uri.startsWith('file:')) return undefined;
    let abs: string;
    try { abs = fileURLToPath(uri); } catch { return undefined; }
    const rel = relative(root, abs);
    if (!rel || rel.startsWith('..') || isAbsolute(rel)) return undefined;
    const key = rel.split(sep).join('/');
    return inFolders({ folders }, key) ? key : undefined;
  };

  /** Workspace-relative path of a file the index takes (a .java file the walker would pick), else undefined. */
  const relOf = (uri: string): string | undefined => {
    const p = relAny(uri);
    return p !== undefined && isIndexable(p, init.exclude, init.includeTests) ? p : undefined;
  };

  const notifyChanged = () => {
    if (notifyTimer) return;
    notifyTimer = setTimeout(() => {
      notifyTimer = undefined;
      if (!service) return;
      void connection.sendNotification(IndexStateNotification.type, service.getState());
      if (codeLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => { /* client gone */ });
    }, 50);
  };

  const scheduleSave = () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      saveTimer = undefined;
      try { service?.saveCache(); } catch (e) { log('warn', `index cache not saved: ${String(e)}`); }
    }, SAVE_DEBOUNCE_MS);
  };

  const applyUpdate = async (rel: string, content: string | Uint8Array | undefined) => {
    await ready;
    if (!service) return;
    try {
      if (!(await service.update(rel, content))) return;
      generation?.changed(rel, service.view.files.get(rel));
      log('debug', `re-indexed ${rel}${content === undefined ? ' (deleted)' : ''}`);
    } catch (e) {
      log('error', `re-indexing ${rel} failed: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    notifyChanged();
    scheduleSave();
  };

  /** Editor changes arrive per keystroke: re-index a file once typing pauses. */
  const schedule = (rel: string, content: () => string | Uint8Array | undefined | Promise<string | Uint8Array | undefined>) => {
    const t = pending.get(rel);
    if (t) clearTimeout(t);
    pending.set(rel, setTimeout(() => {
      pending.delete(rel);
      void Promise.resolve(content()).then((c) => applyUpdate(rel, c));
    }, UPDATE_DEBOUNCE_MS));
  };

  const readDisk = async (rel: string): Promise<Uint8Array | undefined> => {
    try { return await readFile(`${root}/${rel}`); } catch { return undefined; }
  };

  async function fullScan(): Promise<void> {
    if (!service) return;
    const reporter = workDoneProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    reporter?.begin('LogSynth: indexing Java', 0, 'scanning…', false);
    let lastNote = 0;
    try {
      const state = await service.scan((done, total) => {
        reporter?.report(total ? Math.floor((done / total) * 100) : 0, `${done}/${total} files`);
        const now = performance.now();
        if (now - lastNote > 200) {
          lastNote = now;
          void connection.sendNotification(IndexStateNotification.type, service!.getState());
        }
      });
      log('info', `indexed ${state.files} files (${state.parsed ?? 0} parsed on ${state.threads ?? 1} thread(s), ${state.files - (state.parsed ?? 0)} from cache): `
        + `${state.logs} log statements in ${state.methods} methods, ${state.templates} templates, ${state.seconds?.toFixed(2)} s`);
    } catch (e) {
      log('error', `indexing failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      void connection.sendNotification(IndexStateNotification.type, { ...service.getState(), state: 'error', message: String(e) });
      return;
    } finally {
      reporter?.done();
    }
    void connection.sendNotification(IndexStateNotification.type, service.getState());
    if (codeLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    folderUris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    if (folderUris.length === 0 && params.rootPath) folderUris = [pathToFileURL(params.rootPath).toString()];
    applyFolders();
    init = { trusted: false, ...(params.initializationOptions as Partial<ServerInitOptions> | undefined) };
    codeLensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    workDoneProgress = params.capabilities.window?.workDoneProgress === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        codeLensProvider: { resolveProvider: false },
        hoverProvider: true,
        // Folder deletes and renames from the editor: the *.java file watcher does not report the files inside.
        workspace: {
          fileOperations: { didDelete: { filters: [{ pattern: { glob: '**/*' } }] }, didRename: { filters: [{ pattern: { glob: '**/*' } }] } },
          workspaceFolders: { supported: true, changeNotifications: true },
        },
      },
      serverInfo: { name: 'logsynth', version: init.version },
    };
  });

  connection.onInitialized(() => {
    // Folders added or removed: the tree (and so every key) may change, so index again. Registered here, after
    // the library's own workspace-folder feature, which would otherwise replace this handler.
    connection.onNotification(DidChangeWorkspaceFoldersNotification.type, ({ event }) => {
      const removed = new Set(event.removed.map((f) => f.uri));
      folderUris = [...folderUris.filter((u) => !removed.has(u)), ...event.added.map((f) => f.uri).filter((u) => !folderUris.includes(u))];
      if (!applyFolders()) return;
      void (async () => {
        await ready;
        if (!service) return;
        service.setRoots(root, folders);
        ready = fullScan();
        await ready;
      })().catch((e) => log('error', `re-indexing after a workspace folder change failed: ${String(e)}`));
    });
    ready = (async () => {
      store = await IndexStore.open(init.indexCachePath, init.version);
      if (store.discarded) log('warn', `index cache rebuilt: ${store.discarded}`);
      const saved = store.getMeta('coverage');
      if (saved) {
        let c: Partial<CoverageCounts> | undefined;
        try { c = JSON.parse(saved) as Partial<CoverageCounts>; } catch { c = undefined; }
        if (c && typeof c.log === 'string' && c.seen && typeof c.seen === 'object') coverage = c as CoverageCounts;
        else log('warn', 'saved coverage counts unreadable: dropped');
      }
      service = new IndexService({ root, folders, exclude: init.exclude, includeTests: init.includeTests, depth: init.depth ?? 5, store });
      if (!root) { log('warn', 'no workspace folder: nothing to index'); return; }
      await fullScan();
      generation = new GenerationHost(init.workerPath ?? defaultWorkerPath(serverDir), {
        saveCache: () => service!.savedCachePath(),
        files: () => service!.files(),
      }, log);
      generation.warmUp();
    })();
    ready.catch((e) => log('error', `server start failed: ${String(e)}`));
  });

  connection.onNotification(ClearCoverageNotification.type, () => keepCoverage(undefined));
  connection.onRequest(CoverageRequest.type, async () => {
    await ready;
    return coverage ?? null;
  });

  connection.onNotification(DidChangeSettingsNotification.type, (s) => {
    init.trusted = s.trusted;
    if (service && service.depth !== s.depth) { service.depth = s.depth; notifyChanged(); }
  });

  documents.onDidChangeContent((e) => {
    const rel = relOf(e.document.uri);
    if (!rel) return;
    // On open, skip the re-parse when the editor shows exactly what the index already has.
    schedule(rel, () => documents.get(e.document.uri)?.getText() ?? undefined);
  });
  documents.onDidClose((e) => {
    const rel = relOf(e.document.uri);
    if (rel) schedule(rel, () => readDisk(rel)); // unsaved edits are dropped: the disk is the truth again
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const c of changes) {
      const rel = relOf(c.uri);
      if (!rel) continue;
      if (c.type === FileChangeType.Deleted) schedule(rel, () => undefined);
      else if (!documents.get(c.uri)) schedule(rel, () => readDisk(rel)); // an open editor's text wins
    }
  });

  const dropUnder = async (uri: string) => {
    await ready;
    const rel = relAny(uri);
    if (rel && service) for (const f of service.filesUnder(rel)) schedule(f, () => undefined);
  };
  const addUnder = async (uri: string) => {
    await ready;
    const rel = relAny(uri);
    if (rel === undefined) return;
    const one = relOf(uri);
    if (one) { schedule(one, () => readDisk(one)); return; }
    // A folder: index what the walker would pick in it.
    const found = await walkJavaFiles(join(root, rel), { exclude: init.exclude, includeTests: init.includeTests }).catch(() => [] as string[]);
    for (const f of found) {
      const p = `${rel}/${f}`;
      if (isIndexable(p, init.exclude, init.includeTests)) schedule(p, () => readDisk(p));
    }
  };
  connection.workspace.onDidDeleteFiles(({ files }) => { for (const f of files) void dropUnder(f.uri); });
  connection.workspace.onDidRenameFiles(({ files }) => {
    for (const f of files) void dropUnder(f.oldUri).then(() => addUnder(f.newUri));
  });

  // ---- standard LSP -------------------------------------------------------------------------------------------
  connection.onCodeLens(async ({ textDocument }): Promise<CodeLens[]> => {
    await ready;
    const rel = relOf(textDocument.uri);
    if (!rel || !service) return [];
    return service.fileInfo(rel).methods.filter((m) => m.reachableTemplates > 0).map((m) => {
      const args: GenerateFromHereArgs = { methodId: m.methodId, uri: textDocument.uri, line: m.line };
      const n = m.reachableTemplates;
      return {
        range: { start: { line: m.line - 1, character: 0 }, end: { line: m.line - 1, character: 0 } },
        command: { title: `Generate logs (${n} template${n === 1 ? '' : 's'} reachable)`, command: GENERATE_FROM_HERE_COMMAND, arguments: [args] },
      };
    });
  });

  connection.onHover(async ({ textDocument, position }): Promise<Hover | null> => {
    await ready;
    const rel = relOf(textDocument.uri);
    if (!rel || !service) return null;
    const line = position.line + 1;
    const logs = service.fileInfo(rel).logs.filter((l) => l.line === line);
    if (logs.length === 0) return null;
    const parts = logs.map((l) => {
      const { entries, total } = service!.reachingEntries(l.methodId, 5);
      const reach = total === 0 ? '_No entry point reaches it within the depth bound._'
        : `Reached from ${total} entry point${total === 1 ? '' : 's'}: ${entries.map((e) => `\`${e.replace(/^.*?([^.]+:)/, '$1')}\``).join(', ')}${total > entries.length ? ', …' : ''}`;
      const seen = coverage ? `\n\n${coverageHoverLine(coverage, l.template)}` : '';
      return `**${l.level.toUpperCase()}** ${l.eventId}\n\n\`\`\`text\n${l.template}\n\`\`\`\n\n${reach}${seen}`;
    });
    return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') } };
  });

  // ---- custom requests ----------------------------------------------------------------------------------------
  connection.onRequest(EntriesRequest.type, async ({ top }) => { await ready; return service?.entries(top) ?? []; });
  connection.onRequest(FileInfoRequest.type, async ({ uri }) => {
    await ready;
    const rel = relOf(uri);
    return rel && service ? service.fileInfo(rel) : { file: null, methods: [], logs: [] };
  });
  connection.onRequest(MethodAtRequest.type, async ({ uri, line }) => {
    await ready;
    const rel = relOf(uri);
    return rel && service ? service.methodAt(rel, line) : null;
  });
  connection.onRequest(ResolveMethodRequest.type, async ({ signature }) => { await ready; return service?.resolveMethod(signature) ?? null; });
  connection.onRequest(MethodLcfgRequest.type, async ({ methodId }) => { await ready; return service?.lcfg(methodId) ?? null; });
  connection.onRequest(EntryGraphRequest.type, async ({ entry, depth, maxNodes }) => {
    await ready;
    return service?.entryGraph(entry, depth, maxNodes) ?? null;
  });
  connection.onRequest(StatisticsRequest.type, async () => {
    await ready;
    return service!.statistics();
  });
  connection.onRequest(ReindexRequest.type, async () => {
    await ready;
    ready = fullScan();
    await ready;
    // The worker's copy may differ in many files now: the next run starts a fresh worker from the cache.
    await generation?.dispose();
    return service!.getState();
  });

  connection.onRequest(GenerateRequest.type, async (params, token): Promise<GenerateResponse> => {
    await ready;
    const empty = (error: string): GenerateResponse => ({
      runId: params.runId, sequences: [], total: 0, cancelled: false, error, timings: { handoffMs: 0, generateMs: 0 },
      stats: { entries: params.entries.length, pathsEnumerated: 0, pathsRejected: 0, rejectReasons: {}, sequences: 0, normal: 0, anomaly: 0, seconds: 0, truncated: false },
    });
    if (!service || !generation) return empty('the index is not ready');
    if (params.entries.length === 0) return empty('no entry method given');
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      const out = await generation.run(params.runId, {
        root, entries: params.entries, settings: params.settings, trusted: init.trusted, llmCachePath: init.llmCachePath,
      }, (p) => void connection.sendNotification(GenerateProgressNotification.type, {
        runId: params.runId, entry: p.entry, entriesDone: p.entriesDone, entriesTotal: p.entriesTotal,
        enumerated: p.enumerated, rejected: p.rejected, kept: p.kept,
        ...(p.llmCalls !== undefined ? { llmCalls: p.llmCalls, cacheHits: p.cacheHits ?? 0 } : {}),
      }), abort.signal);
      runs.set(params.runId, { entries: params.entries, sequences: out.result.sequences });
      while (runs.size > KEPT_RUNS) runs.delete(runs.keys().next().value!);
      const s = out.result.stats;
      log('info', `run ${params.runId}: ${s.sequences} sequences (${s.normal} normal, ${s.anomaly} anomaly), ${s.pathsEnumerated} paths, `
        + `${s.pathsRejected} rejected${out.result.cancelled ? ', cancelled' : ''}; handoff ${out.handoffMs.toFixed(0)} ms, generate ${out.generateMs.toFixed(0)} ms`);
      const all = out.result.sequences;
      return {
        runId: params.runId, sequences: params.pageSize === undefined ? all : all.slice(0, params.pageSize), total: all.length,
        stats: s, cancelled: out.result.cancelled,
        timings: { handoffMs: out.handoffMs, generateMs: out.generateMs },
        ...(out.llmSummary ? { llmSummary: out.llmSummary } : {}),
      };
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      log('error', `run ${params.runId} failed: ${msg}`);
      return empty(msg);
    } finally {
      sub.dispose();
    }
  });

  connection.onRequest(SequencesRequest.type, ({ runId, offset, limit, label, sessionIds }) => {
    const run = runs.get(runId);
    if (!run) return { sequences: [], total: 0 };
    const ids = sessionIds ? new Set(sessionIds) : undefined;
    const all = run.sequences.filter((s) => (!label || s.label === label) && (!ids || ids.has(s.sessionId)));
    const start = Math.max(0, offset ?? 0);
    return { sequences: all.slice(start, limit === undefined ? undefined : start + Math.max(0, limit)), total: all.length };
  });

  connection.onRequest(LogsJobRequest.type, async (job, token) => {
    await ready;
    if (!generation) return { summary: '', files: [], error: 'the index is not ready' };
    const t0 = performance.now();
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    const progressId = job.op === 'evaluate' ? job.progressId : undefined;
    const r = await generation.logsJob(job, root, {
      signal: abort.signal,
      ...(progressId ? { onProgress: (p) => void connection.sendNotification(LogsJobProgressNotification.type, { progressId, ...p }) } : {}),
    }).finally(() => sub.dispose());
    if (r.coverage) keepCoverage(r.coverage);
    log(r.error ? 'warn' : 'info', `logs job ${job.op}: ${r.error ?? r.summary} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    return r;
  });

  connection.onRequest(ExportDatasetRequest.type, async (params) => {
    await ready;
    const run = runs.get(params.runId);
    if (!run || !service) return { files: [], error: `no generated sequences for run ${params.runId} (generate first)` };
    return exportDataset(params, run.sequences, service.templates());
  });

  connection.onShutdown(async () => {
    try { service?.saveCache(); } catch { /* best effort */ }
    await generation?.dispose();
  });

  documents.listen(connection);
  connection.listen();
}
