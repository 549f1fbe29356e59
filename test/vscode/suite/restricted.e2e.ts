// Restricted Mode (an untrusted workspace): indexing, CodeLens and generation work with the embedded symbolic
// verifier; an LLM verifier asked for in the settings makes no call at all (a loopback endpoint counts them);
// the API-key command is not offered.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as vscode from 'vscode';
import type { AddressInfo } from 'node:net';
import type { LogSynthApi } from '../../../src/extension/main';
import type { GenerateResponse } from '../../../src/shared/protocol';

const RECEIVE = 'org.demo.BlockService:receiveBlock(String,long,String)';

suite('LogSynth in Restricted Mode', () => {
  let api: LogSynthApi;
  let calls = 0;
  let server: http.Server;

  suiteSetup(async () => {
    server = http.createServer((req, res) => { calls++; res.writeHead(500); res.end(); });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const ext = vscode.extensions.getExtension<LogSynthApi>('logsynth.logsynth')!;
    api = await ext.activate();
    await api.whenIndexed();
  });
  suiteTeardown(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    const c = vscode.workspace.getConfiguration('logsynth');
    for (const k of ['generation.verifier', 'llm.baseUrl', 'llm.model']) await c.update(k, undefined, vscode.ConfigurationTarget.Global);
  });

  test('the workspace is untrusted and the extension runs in limited mode', () => {
    assert.equal(vscode.workspace.isTrusted, false);
    assert.equal(api.indexState()?.state, 'ready');
    assert.equal(api.indexState()?.logs, 7);
  });

  test('CodeLens still shows the entry points', async () => {
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, ...'src/main/java/org/demo/BlockService.java'.split('/'));
    await vscode.window.showTextDocument(uri);
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    assert.deepEqual(lenses.map((l) => l.command?.title), ['Generate logs (5 templates reachable)', 'Generate logs (2 templates reachable)']);
  });

  test('an LLM verifier in the settings makes no call: generation uses the symbolic verifier', async () => {
    const c = vscode.workspace.getConfiguration('logsynth');
    const port = (server.address() as AddressInfo).port;
    await c.update('generation.verifier', 'llm', vscode.ConfigurationTarget.Global);
    await c.update('llm.baseUrl', `http://127.0.0.1:${port}/v1`, vscode.ConfigurationTarget.Global);
    await c.update('llm.model', 'any-model', vscode.ConfigurationTarget.Global);
    const res = await vscode.commands.executeCommand<GenerateResponse>('logsynth.generateFromHere', { methodId: RECEIVE, quiet: true, showView: false });
    assert.ok(res && !res.error, res?.error);
    assert.ok(res.sequences.length > 0);
    assert.ok(res.sequences.every((s) => s.verdict.verifier === 'symbolic'), 'verified locally');
    assert.equal(calls, 0, 'no request reached the LLM endpoint');
  });
});
