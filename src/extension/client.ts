// Starting the LogSynth language server (dist/server.js) over IPC. The server owns the index; the extension
// host only asks it questions, so activation stays cheap and indexing never blocks the editor.
import * as vscode from 'vscode';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { LogNotification, type ServerInitOptions } from '../shared/protocol';
import { generateSettings, indexExclude, indexIncludeTests } from './config';
import type { Log } from './log';

export function createClient(context: vscode.ExtensionContext, log: Log): LanguageClient {
  const module = context.asAbsolutePath(join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  // The warm-start cache lives in the extension's per-workspace storage, never in the workspace itself.
  let indexCachePath: string | undefined;
  let llmCachePath: string | undefined;
  if (context.storageUri) {
    mkdirSync(context.storageUri.fsPath, { recursive: true });
    indexCachePath = join(context.storageUri.fsPath, 'index.sqlite');
    llmCachePath = join(context.storageUri.fsPath, 'llm-cache.sqlite');
  }
  const init: ServerInitOptions = {
    indexCachePath,
    llmCachePath,
    exclude: indexExclude(),
    includeTests: indexIncludeTests(),
    workerPath: context.asAbsolutePath(join('dist', 'worker.js')),
    trusted: vscode.workspace.isTrusted,
    depth: generateSettings(vscode.workspace.isTrusted).depth,
    version: String(context.extension.packageJSON.version ?? 'dev'),
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'java' }],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.java') },
    initializationOptions: init,
    outputChannel: log.channel,
  };
  const client = new LanguageClient('logsynth', 'LogSynth', serverOptions, clientOptions);
  context.subscriptions.push(client.onNotification(LogNotification.type, (m) => log.write(m.level, `[server] ${m.message}`)));
  return client;
}
