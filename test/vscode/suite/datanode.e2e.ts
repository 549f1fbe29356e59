// The extension on the bundled sample (examples/datanode) in a real extension host: activation and index,
// CodeLens count, "Generate logs from here" on a known method from the editor context (cursor in its body),
// an export on disk, and the extension host's event loop
// staying responsive while a generation runs (measured and printed; speed is not asserted in tests), and code
// meets logs: "Show log coverage" against the real HDFS_2k log puts a hint on every log call and its count in
// the hover, and "Clear log coverage" takes both away.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { LogSynthApi } from '../../../src/extension/main';
import type { ExportResponse, GenerateResponse, LogsJobResult } from '../../../src/shared/protocol';

const PKG = 'src/main/java/org/example/storage';
const XCEIVER_RUN = 'org.example.storage.DataXceiver:run()';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 30000): Promise<T> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const v = await fn();
    if (v !== undefined) return v;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

suite('LogSynth on examples/datanode', () => {
  let api: LogSynthApi;
  const uriOf = (f: string) => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, ...`${PKG}/${f}`.split('/'));

  suiteSetup(async () => {
    const t0 = Date.now();
    await vscode.window.showTextDocument(uriOf('DataXceiver.java'));
    const ext = vscode.extensions.getExtension<LogSynthApi>('logsynth.logsynth')!;
    api = await ext.activate();
    const s = await api.whenIndexed();
    console.log(`datanode: activated + first index in ${Date.now() - t0} ms: ${JSON.stringify(s)}`);
  });

  test('indexes the sample', () => {
    const s = api.indexState()!;
    assert.equal(s.state, 'ready');
    assert.equal(s.files, 12);
    assert.ok(s.logs >= 60 && s.entryMethods >= 20, JSON.stringify(s));
  });

  test('CodeLens on every method of DataXceiver.java that reaches a log, one per gutter entry mark', async () => {
    const uri = uriOf('DataXceiver.java');
    const doc = await vscode.workspace.openTextDocument(uri);
    const runLine = doc.getText().split('\n').findIndex((l) => /public void run\(\)/.test(l));
    const lenses = await until('CodeLenses', async () => {
      const l = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
      return l.length > 0 ? l : undefined;
    });
    for (const l of lenses) assert.match(l.command?.title ?? '', /^Generate logs \(\d+ templates? reachable\)$/);
    const marks = await until('gutter marks', () => api.drawnMarks(uri));
    assert.equal(lenses.length, marks.entries);
    assert.ok(lenses.length >= 4, `${lenses.length} lenses`);
    // The lens sits on the method's first line: its annotation (`@Override`) when it has one.
    const onRun = lenses.find((l) => l.command!.arguments?.[0]?.methodId === XCEIVER_RUN);
    assert.ok(onRun, 'a CodeLens on run()');
    assert.ok(onRun.range.start.line === runLine || (onRun.range.start.line === runLine - 1 && /@Override/.test(doc.lineAt(runLine - 1).text)));
  });

  test('"Generate logs from here" inside DataXceiver.run(), while the extension host stays responsive', async () => {
    const editor = await vscode.window.showTextDocument(uriOf('DataXceiver.java'));
    const lines = editor.document.getText().split('\n');
    const runLine = lines.findIndex((l) => /public void run\(\)/.test(l));
    editor.selection = new vscode.Selection(runLine + 2, 6, runLine + 2, 6);
    // The same measure with nothing running, for scale (on a busy machine the baseline is not zero).
    const idle = monitorEventLoopDelay({ resolution: 5 });
    idle.enable();
    await sleep(1000);
    idle.disable();
    const idleStall = idle.max / 1e6;
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const t0 = Date.now();
    const res = await vscode.commands.executeCommand<GenerateResponse>('logsynth.generateFromHere', editor.document.uri);
    delay.disable();
    const stall = delay.max / 1e6;
    assert.ok(res && !res.error, res?.error);
    assert.ok(res.total > 10, `${res.total} sequences`);
    assert.equal(res.sequences.length, Math.min(res.total, 200), 'the first page comes back; the rest stays on the server');
    assert.equal(api.view().total, res.total);
    assert.ok(res.sequences.every((s) => s.entry === XCEIVER_RUN));
    assert.ok(res.stats.normal > 0 && res.stats.anomaly > 0, JSON.stringify(res.stats));
    const line = `generation from DataXceiver.run(): ${res.total} sequences in ${Date.now() - t0} ms `
      + `(handoff ${res.timings.handoffMs.toFixed(0)} ms, generate ${res.timings.generateMs.toFixed(0)} ms); `
      + `largest extension-host event-loop stall ${stall.toFixed(1)} ms (idle baseline ${idleStall.toFixed(1)} ms)`;
    console.log(line);
    const artifacts = process.env.LOGSYNTH_ARTIFACTS;
    if (artifacts) {
      fs.mkdirSync(artifacts, { recursive: true });
      fs.writeFileSync(path.join(artifacts, 'extension-host-stall.json'), JSON.stringify({ stallMs: stall, idleStallMs: idleStall, sequences: res.total, ...res.timings }, null, 2));
    }
  });

  test('export on disk', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logsynth-datanode-'));
    const res = await vscode.commands.executeCommand<ExportResponse>('logsynth.exportDataset', { dir: path.join(dir, 'out'), name: 'datanode', formats: ['loghub'] });
    assert.ok(res && !res.error && !res.exists, JSON.stringify(res));
    const sessions = fs.readFileSync(path.join(dir, 'out', 'sessions.csv'), 'utf8').trim().split('\n');
    assert.equal(sessions[0], 'SessionId,Label,EventSequence');
    assert.equal(sessions.length - 1, api.lastRun()!.total);
    assert.ok(fs.existsSync(path.join(dir, 'out', 'datanode.log_templates.csv')));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('log coverage: inline hints on the log calls and the count in their hover, until cleared', async () => {
    const log = process.env.LOGSYNTH_HDFS_LOG;
    assert.ok(log && fs.existsSync(log), `the HDFS_2k log (LOGSYNTH_HDFS_LOG=${log})`);
    const editor = await vscode.window.showTextDocument(uriOf('DataXceiver.java'));
    const uri = editor.document.uri;
    const res = await vscode.commands.executeCommand<LogsJobResult>('logsynth.showLogCoverage', { log, quiet: true });
    assert.ok(res && !res.error && res.coverage, res?.error);
    const hints = api.drawnMarks(uri)?.coverage;
    assert.ok(hints && hints.length > 0, 'hints drawn in the open editor');
    const logLines = editor.document.getText().split('\n').map((t, i) => (/\bLOG\.(trace|debug|info|warn|error)\(/.test(t) ? i + 1 : 0)).filter((n) => n > 0);
    assert.deepEqual(hints.map((h) => h.line), logLines, 'one hint per log call line');
    const kinds = hints.map((h) => (/seen [\d,]+ times? in production logs/.test(h.text) ? 'seen' : /never seen in the logs/.test(h.text) ? 'never' : /too generic/.test(h.text) ? 'generic' : h.text));
    assert.ok(kinds.every((k) => ['seen', 'never', 'generic'].includes(k)), kinds.join(', '));
    assert.ok(kinds.includes('seen') && kinds.includes('never'), `the HDFS log shows some of these calls and not others: ${kinds.join(', ')}`);

    const hoverAt = async (line: number) => {
      const col = editor.document.lineAt(line - 1).firstNonWhitespaceCharacterIndex + 1;
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line - 1, col));
      return (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    };
    const seen = hints.find((h) => /seen [\d,]+ times?/.test(h.text) && !/never|generic|;/.test(h.text))!;
    const count = /seen ([\d,]+) times?/.exec(seen.text)![1]!;
    assert.match(await hoverAt(seen.line), new RegExp(`\\*\\*Logs:\\*\\* seen ${count} times? in production logs`), 'the hover gives the same count');
    const never = hints.find((h) => /never seen/.test(h.text) && !/;/.test(h.text))!;
    assert.match(await hoverAt(never.line), /\*\*Logs:\*\* never seen in the logs/);

    await vscode.commands.executeCommand('logsynth.clearLogCoverage');
    assert.equal(api.drawnMarks(uri)?.coverage, undefined, 'hints removed');
    const after = await hoverAt(never.line);
    assert.match(after, /\*\*(TRACE|DEBUG|INFO|WARN|ERROR|FATAL)\*\*/, 'the log call\'s hover stays');
    assert.doesNotMatch(after, /\*\*Logs:\*\*/, 'without the coverage line');
  });
});
