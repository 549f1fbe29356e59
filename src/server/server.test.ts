// The real language server process, driven over IPC by a plain Node client: initialize on a copy of a small
// Java workspace, ask for entry points and CodeLenses, edit a file and see the index follow, hover a log call,
// and reopen for a warm start from the sql.js cache. (Generation and export: generate.test.ts.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeLensRequest, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, HoverRequest,
  DidChangeWatchedFilesNotification, DidDeleteFilesNotification, DidRenameFilesNotification, FileChangeType, type MarkupContent,
  DidChangeWorkspaceFoldersNotification,
} from 'vscode-languageserver-protocol/node';
import { repoRoot } from '../core/util/repo';
import {
  EntriesRequest, EntryGraphRequest, FileInfoRequest, MethodAtRequest,
  MethodLcfgRequest, ResolveMethodRequest, StatisticsRequest,
} from '../shared/protocol';
import { startTestServer } from './lsp-client';

const SERVER = join(repoRoot(), 'out', 'src', 'server', 'main.js');
const FIXTURE = join(repoRoot(), 'test', 'fixtures', 'java-small');
const SERVICE = 'src/main/java/org/demo/BlockService.java';
const STORE = 'src/main/java/org/demo/BlockStore.java';
const RECEIVE = 'org.demo.BlockService:receiveBlock(String,long,String)';
const DELETE = 'org.demo.BlockService:deleteBlock(String)';

function workspace(): { root: string; cache: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'logsynth-lsp-'));
  const root = join(dir, 'ws');
  cpSync(FIXTURE, root, { recursive: true });
  return { root, cache: join(dir, 'storage', 'index.sqlite'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

test('language server: index, entries, CodeLens, hover, graphs, edits, file events, warm start', async () => {
  const ws = workspace();
  let server = await startTestServer(SERVER, ws.root, { trusted: true, indexCachePath: ws.cache, version: 'test' });
  try {
    const ready = await server.waitState((s) => s.state === 'ready');
    assert.equal(ready.files, 2);
    assert.equal(ready.parsed, 2, 'first start parses every file');
    assert.equal(ready.logs, 7);

    // Entry points, ranked by reachable templates: receiveBlock reaches its 4 logs + BlockStore.write's debug.
    const entries = await server.conn.sendRequest(EntriesRequest.type, {});
    const byId = new Map(entries.map((e) => [e.methodId, e]));
    assert.equal(entries[0]!.methodId, RECEIVE);
    assert.equal(byId.get(RECEIVE)!.reachableTemplates, 5);
    assert.equal(byId.get(DELETE)!.reachableTemplates, 2);
    assert.equal(byId.get('org.demo.BlockService:countBlocks()'), undefined, 'a method reaching no log is no entry');
    assert.equal(byId.get(RECEIVE)!.label, 'BlockService.receiveBlock(String,long,String)');

    const uri = pathToFileURL(join(ws.root, SERVICE)).toString();
    const lenses = (await server.conn.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? [];
    assert.deepEqual(lenses.map((l) => [l.range.start.line + 1, l.command?.title]), [
      [11, 'Generate logs (5 templates reachable)'],
      [25, 'Generate logs (2 templates reachable)'],
    ]);
    assert.deepEqual(lenses[0]!.command!.arguments, [{ methodId: RECEIVE, uri, line: 11 }]);

    const at = await server.conn.sendRequest(MethodAtRequest.type, { uri, line: 19 });
    assert.equal(at?.methodId, RECEIVE);
    assert.equal(await server.conn.sendRequest(MethodAtRequest.type, { uri, line: 2 }), null);
    assert.equal((await server.conn.sendRequest(ResolveMethodRequest.type, { signature: 'BlockService:deleteBlock(String)' }))?.methodId, DELETE);

    // Hover on a log call: template, level, and the entry points reaching it.
    const hover = await server.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 18, character: 12 } });
    const text = (hover?.contents as MarkupContent).value;
    assert.match(text, /\*\*INFO\*\*/);
    assert.match(text, /Received block <\*> of size <\*>/);
    assert.match(text, /Reached from 1 entry point: `BlockService:receiveBlock/);
    const storeUri = pathToFileURL(join(ws.root, STORE)).toString();
    const storeHover = await server.conn.sendRequest(HoverRequest.type, { textDocument: { uri: storeUri }, position: { line: 17, character: 8 } });
    assert.match((storeHover?.contents as MarkupContent).value, /Reached from 2 entry points/);

    // Graphs.
    const lcfg = await server.conn.sendRequest(MethodLcfgRequest.type, { methodId: DELETE });
    assert.ok(lcfg && lcfg.kind === 'lcfg');
    assert.equal(lcfg.nodes.filter((n) => n.kind === 'log').length, 2);
    assert.ok(lcfg.edges.some((e) => e.kind === 'true') && lcfg.edges.some((e) => e.kind === 'false'));
    const inter = await server.conn.sendRequest(EntryGraphRequest.type, { entry: RECEIVE });
    assert.deepEqual(inter?.methods.map((m) => m.id), [RECEIVE, 'org.demo.BlockStore:write(String,long)']);
    assert.ok(inter!.edges.some((e) => e.kind === 'call' && e.to.startsWith('org.demo.BlockStore:write(String,long)#')));

    // Edit in an open editor: add a log call to deleteBlock; the index follows without a save.
    const original = readFileSync(join(ws.root, SERVICE), 'utf8');
    await server.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'java', version: 1, text: original } });
    const before = server.states.at(-1)!.version;
    await server.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 25, character: 0 }, end: { line: 25, character: 0 } }, text: '        LOG.debug("Deleting block {}", blockId);\n' }],
    });
    const after = await server.waitState((s) => s.version > before && s.logs === 8);
    assert.equal(after.state, 'ready');
    const edited = await server.conn.sendRequest(EntriesRequest.type, {});
    assert.equal(edited.find((e) => e.methodId === DELETE)!.reachableTemplates, 3);
    const info = await server.conn.sendRequest(FileInfoRequest.type, { uri });
    assert.deepEqual(info.logs.filter((l) => l.line === 26).map((l) => [l.level, l.template]), [['debug', 'Deleting block <*>']]);

    // A file deleted on disk leaves the index.
    rmSync(join(ws.root, STORE));
    await server.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: storeUri, type: FileChangeType.Deleted }] });
    const v1 = server.states.at(-1)!.version;
    const gone = await server.waitState((s) => s.version > v1 && s.files === 1);
    assert.equal(gone.logs, 7);
    writeFileSync(join(ws.root, STORE), readFileSync(join(FIXTURE, STORE)));
    await server.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: storeUri, type: FileChangeType.Created }] });
    await server.waitState((s) => s.version > gone.version && s.files === 2 && s.logs === 8);

  } finally {
    await server.stop();
  }

  // Warm start: the cache holds both files; nothing is re-parsed (the edit above was never saved to disk,
  // so BlockService.java's cached entry is the editor's version and gets re-parsed from disk bytes).
  server = await startTestServer(SERVER, ws.root, { trusted: true, indexCachePath: ws.cache, version: 'test' });
  try {
    const warm = await server.waitState((s) => s.state === 'ready');
    assert.equal(warm.files, 2);
    assert.equal(warm.parsed, 1, 'only the file whose bytes differ from the cached version is parsed');
    assert.equal(warm.logs, 7);
    const stats = await server.conn.sendRequest(StatisticsRequest.type);
    assert.equal(stats.cacheHits, 1);
  } finally {
    await server.stop();
  }
  server = await startTestServer(SERVER, ws.root, { trusted: true, indexCachePath: ws.cache, version: 'test' });
  try {
    assert.equal((await server.waitState((s) => s.state === 'ready')).parsed, 0, 'third start: everything from the cache');
  } finally {
    await server.stop();
    ws.cleanup();
  }
});

test('language server: a corrupt cache is set aside and rebuilt', async () => {
  const ws = workspace();
  const { mkdirSync } = await import('node:fs');
  mkdirSync(join(ws.cache, '..'), { recursive: true });
  writeFileSync(ws.cache, 'this is not a sqlite file');
  const server = await startTestServer(SERVER, ws.root, { trusted: true, indexCachePath: ws.cache, version: 'test' });
  try {
    const s = await server.waitState((x) => x.state === 'ready');
    assert.equal(s.parsed, 2);
    assert.ok(server.logs.some((l) => /index cache rebuilt: unreadable cache/.test(l)), server.logs.join('\n'));
    assert.ok(readdirSync(join(ws.cache, '..')).some((f) => f.startsWith('index.sqlite.bad-')), 'the bad file is kept aside');
  } finally {
    await server.stop();
    ws.cleanup();
  }
});

test('language server: folder rename and folder delete from the editor (file operations)', async () => {
  const ws = workspace();
  const server = await startTestServer(SERVER, ws.root, { trusted: true, version: 'test' });
  try {
    await server.waitState((s) => s.state === 'ready' && s.files === 2);
    const from = join(ws.root, 'src/main/java/org/demo');
    const to = join(ws.root, 'src/main/java/org/moved');
    renameSync(from, to);
    const v0 = server.states.at(-1)!.version;
    await server.conn.sendNotification(DidRenameFilesNotification.type, { files: [{ oldUri: pathToFileURL(from).toString(), newUri: pathToFileURL(to).toString() }] });
    await server.waitState((s) => s.version > v0 && s.files === 2 && s.logs === 7);
    const moved = await server.conn.sendRequest(FileInfoRequest.type, { uri: pathToFileURL(join(to, 'BlockService.java')).toString() });
    assert.equal(moved.file, 'src/main/java/org/moved/BlockService.java');
    assert.equal(moved.logs.length, 6);
    const old = await server.conn.sendRequest(FileInfoRequest.type, { uri: pathToFileURL(join(from, 'BlockService.java')).toString() });
    assert.equal(old.file, null, 'nothing left under the old folder');

    rmSync(to, { recursive: true });
    const v1 = server.states.at(-1)!.version;
    await server.conn.sendNotification(DidDeleteFilesNotification.type, { files: [{ uri: pathToFileURL(to).toString() }] });
    const empty = await server.waitState((s) => s.version > v1 && s.files === 0);
    assert.equal(empty.logs, 0);
  } finally {
    await server.stop();
    ws.cleanup();
  }
});

test('language server: a multi-root workspace is indexed as one tree, calls resolved across its folders', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'logsynth-lsp-multi-'));
  const pkg = 'src/main/java/org/demo';
  try {
    // BlockService calls BlockStore.write (a debug log): one folder each, and a third folder left out
    for (const [folder, file] of [['service', SERVICE], ['store', STORE], ['outside', SERVICE]] as const) {
      mkdirSync(join(dir, folder, pkg), { recursive: true });
      cpSync(join(FIXTURE, file), join(dir, folder, file));
    }
    const server = await startTestServer(SERVER, [join(dir, 'service'), join(dir, 'store')], { trusted: true, version: 'test' });
    try {
      const ready = await server.waitState((s) => s.state === 'ready');
      assert.equal(ready.files, 2, 'the folder outside the workspace is not indexed');
      assert.equal(ready.logs, 7);
      const entries = await server.conn.sendRequest(EntriesRequest.type, {});
      assert.equal(entries.find((e) => e.methodId === RECEIVE)?.reachableTemplates, 5, 'receiveBlock reaches BlockStore.write in the other folder');
      const store = await server.conn.sendRequest(FileInfoRequest.type, { uri: pathToFileURL(join(dir, 'store', STORE)).toString() });
      assert.equal(store.file, `store/${STORE}`);
      const outside = await server.conn.sendRequest(FileInfoRequest.type, { uri: pathToFileURL(join(dir, 'outside', SERVICE)).toString() });
      assert.equal(outside.file, null);
      const uri = pathToFileURL(join(dir, 'service', SERVICE)).toString();
      const lenses = (await server.conn.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? [];
      assert.deepEqual(lenses.map((l) => [l.range.start.line + 1, l.command?.title]), [
        [11, 'Generate logs (5 templates reachable)'],
        [25, 'Generate logs (2 templates reachable)'],
      ]);
      assert.ok(server.logs.some((l) => /2 workspace folders, indexed as one tree/.test(l)), server.logs.join('\n'));
    } finally {
      await server.stop();
    }

    // Folders added and removed while the server runs: indexed again as the new tree.
    const one = await startTestServer(SERVER, join(dir, 'service'), { trusted: true, version: 'test' });
    try {
      const first = await one.waitState((s) => s.state === 'ready');
      assert.equal(first.files, 1);
      const alone = await one.conn.sendRequest(FileInfoRequest.type, { uri: pathToFileURL(join(dir, 'service', SERVICE)).toString() });
      assert.equal(alone.file, SERVICE, 'one folder: keys relative to it');
      const storeFolder = { uri: pathToFileURL(join(dir, 'store')).toString(), name: 'store' };
      let v = one.states.at(-1)!.version;
      await one.conn.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [storeFolder], removed: [] } });
      const both = await one.waitState((s) => s.state === 'ready' && s.version > v && s.files === 2);
      assert.equal(both.logs, 7);
      const entries = await one.conn.sendRequest(EntriesRequest.type, {});
      assert.equal(entries.find((e) => e.methodId === RECEIVE)?.reachableTemplates, 5);
      const moved = await one.conn.sendRequest(FileInfoRequest.type, { uri: pathToFileURL(join(dir, 'service', SERVICE)).toString() });
      assert.equal(moved.file, `service/${SERVICE}`);
      v = one.states.at(-1)!.version;
      await one.conn.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [], removed: [storeFolder] } });
      const back = await one.waitState((s) => s.state === 'ready' && s.version > v && s.files === 1);
      assert.equal(back.logs, 6);
    } finally {
      await one.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
