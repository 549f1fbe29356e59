// The extension in a real VS Code extension host, on a copy of test/fixtures/java-small: activation and the
// first index, the command table, CodeLenses, "Generate logs from here" (API args and editor context), the
// views' state, export on disk, gutter marks, entry functions, and an edit flowing through to the CodeLens.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LogSynthApi } from '../../../src/extension/main';
import type { GenerateResponse, ExportResponse, LogsJobResult } from '../../../src/shared/protocol';
import type { EvaluateResult } from '../../../src/extension/evaluate';
import { parseCsvRecords, toCsv } from '../../../src/core/util/csv';

const SERVICE = 'src/main/java/org/demo/BlockService.java';
const RECEIVE = 'org.demo.BlockService:receiveBlock(String,long,String)';
const DELETE = 'org.demo.BlockService:deleteBlock(String)';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 20000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < end) {
    last = await fn();
    if (last !== undefined && last !== false) return last;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

function root(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'a workspace folder is open');
  return f.uri;
}

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
  return (lenses ?? []).filter((l) => l.command?.command === 'logsynth.generateFromHere').map((l) => `${l.range.start.line + 1}:${l.command!.title}`);
}

suite('LogSynth in the VS Code extension host', () => {
  let api: LogSynthApi;
  const serviceUri = () => vscode.Uri.joinPath(root(), ...SERVICE.split('/'));

  suiteSetup(async () => {
    const doc = await vscode.workspace.openTextDocument(serviceUri());
    await vscode.window.showTextDocument(doc);
    const ext = vscode.extensions.getExtension<LogSynthApi>('logsynth.logsynth');
    assert.ok(ext, 'the extension is installed');
    api = await ext.activate();
    const activateMs = Math.round(api.activationMs);
    const t0 = Date.now();
    const s = await api.whenIndexed();
    const indexMs = Date.now() - t0;
    console.log(`activate() ${activateMs} ms; first index ready ${indexMs} ms later: ${JSON.stringify(s)}`);
    if (process.env.LOGSYNTH_ARTIFACTS) {
      fs.mkdirSync(process.env.LOGSYNTH_ARTIFACTS, { recursive: true });
      fs.writeFileSync(path.join(process.env.LOGSYNTH_ARTIFACTS, 'activation.json'), JSON.stringify({ activateMs, firstIndexAfterActivateMs: indexMs, files: s.files }));
    }
  });

  test('activates on a Java workspace and indexes it', () => {
    const s = api.indexState();
    assert.equal(s?.state, 'ready');
    assert.equal(s?.files, 2);
    assert.equal(s?.logs, 7);
    assert.equal(s?.entryMethods, 3);
  });

  test('every contributed command is registered', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    const ext = vscode.extensions.getExtension('logsynth.logsynth')!;
    const contributed: { command: string }[] = ext.packageJSON.contributes.commands;
    assert.ok(contributed.length >= 10);
    for (const c of contributed) assert.ok(all.has(c.command), `${c.command} registered`);
  });

  test('CodeLens on methods that reach log statements', async () => {
    assert.deepEqual(await until('CodeLenses', async () => {
      const t = await lensTitles(serviceUri());
      return t.length ? t : undefined;
    }), ['11:Generate logs (5 templates reachable)', '25:Generate logs (2 templates reachable)']);
  });

  test('gutter marks: entry candidates and level-coloured log calls', async () => {
    const marks = await until('gutter marks', () => api.drawnMarks(serviceUri()));
    assert.deepEqual({ entries: marks.entries, logs: marks.logs }, { entries: 2, logs: 6 });
  });

  test('"Generate logs from here" from the API / CodeLens arguments', async () => {
    const res = await vscode.commands.executeCommand<GenerateResponse>('logsynth.generateFromHere', { methodId: RECEIVE, quiet: true });
    assert.ok(res, 'a result');
    assert.equal(res.error, undefined, res.error);
    assert.equal(res.cancelled, false);
    assert.ok(res.sequences.length >= 3, `${res.sequences.length} sequences`);
    assert.ok(res.sequences.some((s) => s.label === 'Anomaly') && res.sequences.some((s) => s.label === 'Normal'));
    for (const s of res.sequences) assert.equal(s.events[0]?.template, 'Receiving block <*> of size <*> from <*>');
    // The views got the run and the inter-procedural graph from the entry.
    const v = api.view();
    assert.equal(v.sequences, res.sequences.length);
    assert.ok(v.graphNodes > 10, `graph nodes: ${v.graphNodes}`);
    assert.match(v.graphTitle ?? '', /receiveBlock/);
    console.log(`generate: ${res.sequences.length} sequences, handoff ${res.timings.handoffMs.toFixed(0)} ms, generate ${res.timings.generateMs.toFixed(0)} ms`);
  });

  test('"Generate logs from here" from the editor context menu (URI + cursor)', async () => {
    const editor = await vscode.window.showTextDocument(serviceUri());
    editor.selection = new vscode.Selection(28, 14, 28, 14); // inside deleteBlock, on its second log call
    const res = await vscode.commands.executeCommand<GenerateResponse>('logsynth.generateFromHere', serviceUri());
    assert.ok(res && !res.error, res?.error);
    assert.ok(res.sequences.length >= 1);
    assert.ok(res.sequences.every((s) => s.entry === DELETE), 'the method under the cursor is the entry');
    assert.deepEqual(new Set(res.sequences.flatMap((s) => s.events.map((e) => e.template))), new Set(['Deleted block <*>', 'Block <*> not found for deletion']));
  });

  test('Export dataset writes the files and never overwrites silently', async () => {
    await vscode.commands.executeCommand('logsynth.generateFromHere', { methodId: RECEIVE, quiet: true, showView: false });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logsynth-export-'));
    const out = path.join(dir, 'data');
    const res = await vscode.commands.executeCommand<ExportResponse>('logsynth.exportDataset', { dir: out, name: 'demo', formats: ['loghub', 'json', 'sqlite'] });
    assert.ok(res && !res.error && !res.exists, JSON.stringify(res));
    for (const f of ['demo.log', 'demo.log_structured.csv', 'demo.log_templates.csv', 'anomaly_label.csv', 'sessions.csv', 'sequences.json', 'dataset.sqlite']) {
      assert.ok(fs.existsSync(path.join(out, f)), `${f} written`);
    }
    const seqs = JSON.parse(fs.readFileSync(path.join(out, 'sequences.json'), 'utf8'));
    const events = seqs.reduce((n: number, s: { events: unknown[] }) => n + s.events.length, 0);
    const structuredRows = fs.readFileSync(path.join(out, 'demo.log_structured.csv'), 'utf8').trim().split('\n').length - 1;
    assert.equal(structuredRows, events);
    const before = fs.statSync(path.join(out, 'sequences.json')).mtimeMs;
    const again = await vscode.commands.executeCommand<ExportResponse>('logsynth.exportDataset', { dir: out, name: 'demo', formats: ['json'] });
    assert.ok(again?.exists?.includes('sequences.json'), JSON.stringify(again));
    assert.equal(fs.statSync(path.join(out, 'sequences.json')).mtimeMs, before, 'nothing rewritten');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('Add as entry function from the line-number menu', async () => {
    const added = await vscode.commands.executeCommand<boolean>('logsynth.addEntryFunction', { lineNumber: 25, uri: serviceUri() });
    assert.equal(added, true);
    assert.deepEqual(api.entryFunctions(), [DELETE]);
    const marks = await until('picked mark', () => { const m = api.drawnMarks(serviceUri()); return m && m.picked === 1 ? m : undefined; });
    assert.equal(marks.entries, 2);
    const res = await vscode.commands.executeCommand<GenerateResponse>('logsynth.generateFromEntries', { quiet: true, showView: false });
    assert.ok(res && !res.error && res.sequences.every((s) => s.entry === DELETE));
    await vscode.commands.executeCommand('logsynth.clearEntryFunctions');
    assert.deepEqual(api.entryFunctions(), []);
  });

  test('the graph opens in an editor panel too, and its webview completes the handshake', async () => {
    await vscode.commands.executeCommand('logsynth.openGraphPanel');
    const tab = await until('a LogSynth graph tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs)
      .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('logsynth.graphPanel')), 5000)
      .catch((e) => { throw new Error(`${e.message}; tabs: ${JSON.stringify(vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => [t.label, (t.input as { viewType?: string })?.viewType]))}`); });
    await until('panel handshake', () => (api.graphPanelReady() ? true : undefined));
    await vscode.window.tabGroups.close(tab);
    assert.equal(api.graphPanelReady(), false);
  });

  test('hover on a log call shows its template, level and the entry points reaching it', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', serviceUri(), new vscode.Position(18, 14));
    const text = (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n');
    assert.match(text, /\*\*INFO\*\* E\d+/);
    assert.match(text, /Received block <\*> of size <\*>/);
    assert.match(text, /Reached from 1 entry point: `BlockService:receiveBlock\(String,long,String\)`/);
  });

  test('entry functions: add, reorder, remove', async () => {
    assert.equal(await vscode.commands.executeCommand('logsynth.addEntryFunction', { methodId: RECEIVE }), true);
    assert.equal(await vscode.commands.executeCommand('logsynth.addEntryFunction', { methodId: DELETE }), true);
    assert.equal(await vscode.commands.executeCommand('logsynth.addEntryFunction', { methodId: DELETE }), false, 'no duplicates');
    assert.deepEqual(api.entryFunctions(), [RECEIVE, DELETE]);
    await vscode.commands.executeCommand('logsynth.moveEntryDown', { methodId: RECEIVE });
    assert.deepEqual(api.entryFunctions(), [DELETE, RECEIVE]);
    await vscode.commands.executeCommand('logsynth.moveEntryDown', { methodId: RECEIVE });
    assert.deepEqual(api.entryFunctions(), [DELETE, RECEIVE], 'the last one stays last');
    const res = await vscode.commands.executeCommand<GenerateResponse>('logsynth.generateFromEntries', { quiet: true, showView: false });
    assert.ok(res && !res.error);
    assert.deepEqual(new Set(res.sequences.map((s) => s.entry)), new Set([DELETE, RECEIVE]), 'one run from both entries');
    await vscode.commands.executeCommand('logsynth.removeEntryFunction', { methodId: DELETE });
    assert.deepEqual(api.entryFunctions(), [RECEIVE]);
    await vscode.commands.executeCommand('logsynth.clearEntryFunctions');
  });

  test('from logs: recover a state machine, synthesize, fidelity in the report view, coverage', async function () {
    const log = process.env.LOGSYNTH_HDFS_LOG;
    assert.ok(log && fs.existsSync(log), `the HDFS_2k log (LOGSYNTH_HDFS_LOG=${log})`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logsynth-fsm-'));
    try {
      const fsm = path.join(dir, 'fsm');
      const rec = await vscode.commands.executeCommand<LogsJobResult>('logsynth.recoverStateMachine', { log, outDir: fsm, quiet: true });
      assert.ok(rec && !rec.error, rec?.error);
      assert.ok(fs.existsSync(path.join(fsm, 'machine.json')));
      const syn = path.join(dir, 'syn');
      const s = await vscode.commands.executeCommand<LogsJobResult>('logsynth.synthesizeFromLogs', { fsmDir: fsm, outDir: syn, traces: 30, quiet: true });
      assert.ok(s && !s.error, s?.error);
      const f = await vscode.commands.executeCommand<LogsJobResult>('logsynth.showFidelity', { fsmDir: fsm, synDir: syn, quiet: true });
      assert.ok(f && !f.error && f.report?.kind === 'fidelity', f?.error);
      assert.equal(api.view().report, 'fidelity', 'the report view got the fidelity report');
      const c = await vscode.commands.executeCommand<LogsJobResult>('logsynth.showLogCoverage', { log, quiet: true });
      assert.match(c?.summary ?? '', /of 7 log statements seen/);
      assert.equal(await vscode.commands.executeCommand('logsynth.openReport', path.join(syn, 'fidelity.json')), true);

      // "Evaluate synthetic data…" with arguments: a slice of the real HDFS_100k sessions (its Split column)
      // plus the set just synthesized, fast models, one seed; the bench runs in the server's worker.
      const hdfs = path.dirname(log);
      const sessions = parseCsvRecords(fs.readFileSync(path.join(hdfs, 'HDFS_100k_sessions.csv'), 'utf8'));
      const slice = [...sessions.filter((r) => r.Split === 'train').slice(0, 300), ...sessions.filter((r) => r.Split === 'test').slice(0, 100)];
      const real = path.join(dir, 'slice_sessions.csv');
      fs.writeFileSync(real, toCsv(['BlockId', 'Label', 'Split', 'EventSequence'], slice.map((r) => [r.BlockId!, r.Label!, r.Split!, r.EventSequence!])));
      fs.copyFileSync(path.join(hdfs, 'HDFS_100k_templates.csv'), path.join(dir, 'slice_templates.csv'));
      const out = path.join(dir, 'eval');
      const ev = await vscode.commands.executeCommand<EvaluateResult>('logsynth.evaluateSynthetic', { real, synthetic: [syn], models: 'fast', seeds: 1, out, quiet: true });
      assert.ok(ev && !ev.error, ev?.error);
      assert.equal(ev.out, out);
      for (const f of ['results.csv', 'summary.csv', 'results.md']) assert.ok(fs.existsSync(path.join(out, f)), f);
      const rows = parseCsvRecords(fs.readFileSync(path.join(out, 'results.csv'), 'utf8'));
      assert.equal(rows.length, 3 * 8, 'real, real+syn, real+oversample x 8 fast models');
      assert.equal(api.view().report, 'eval', 'the report view shows the evaluation');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an edit updates the CodeLens without saving', async () => {
    const editor = await vscode.window.showTextDocument(serviceUri());
    const t0 = Date.now();
    const ok = await editor.edit((b) => b.insert(new vscode.Position(25, 0), '        LOG.debug("Deleting block {}", blockId);\n'));
    assert.ok(ok);
    const titles = await until('updated CodeLens', async () => {
      const t = await lensTitles(serviceUri());
      return t.includes('25:Generate logs (3 templates reachable)') ? t : undefined;
    });
    console.log(`one-line edit -> updated CodeLens in ${Date.now() - t0} ms`);
    assert.equal(titles.length, 2);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
