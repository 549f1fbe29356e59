// A plain-Node LSP client for the LogSynth server: forks the server module with `--node-ipc` and speaks the
// protocol over that channel, exactly as vscode-languageclient does. Used by the server's tests and the bench.
import { fork, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection, IPCMessageReader, IPCMessageWriter, InitializeRequest, InitializedNotification,
  ShutdownRequest, ExitNotification, type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { IndexStateNotification, type IndexState, type ServerInitOptions } from '../shared/protocol';

export interface TestServer {
  conn: ProtocolConnection;
  child: ProcessHandle;
  /** Every IndexState notification so far, in order. */
  states: IndexState[];
  /** Resolves with the first notified state matching `pred` (past ones included). */
  waitState(pred: (s: IndexState) => boolean, timeoutMs?: number): Promise<IndexState>;
  /** Server log lines (LogNotification). */
  logs: string[];
  stop(): Promise<void>;
}

type ProcessHandle = ChildProcess;

/** `root`: the workspace folder, or several (a multi-root workspace). */
export async function startTestServer(serverModule: string, root: string | readonly string[], init: ServerInitOptions): Promise<TestServer> {
  const child = fork(serverModule, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
  const conn = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  const states: IndexState[] = [];
  const logs: string[] = [];
  const waiters: { pred: (s: IndexState) => boolean; resolve: (s: IndexState) => void }[] = [];
  conn.onNotification(IndexStateNotification.type, (s) => {
    states.push(s);
    for (const w of [...waiters]) if (w.pred(s)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(s); }
  });
  conn.onNotification('logsynth/log', (m: { level: string; message: string }) => { logs.push(`[${m.level}] ${m.message}`); });
  // Work-done progress and CodeLens refresh are client capabilities we do not announce; nothing else to answer.
  conn.listen();
  const folders = (typeof root === 'string' ? [root] : root).map((r, i) => ({ uri: pathToFileURL(r).toString(), name: `ws${i || ''}` }));
  await conn.sendRequest(InitializeRequest.type, {
    processId: process.pid, rootUri: folders[0]!.uri, workspaceFolders: folders,
    capabilities: {}, initializationOptions: init,
  });
  await conn.sendNotification(InitializedNotification.type, {});
  const waitState = (pred: (s: IndexState) => boolean, timeoutMs = 30000) => {
    const past = states.find(pred);
    if (past) return Promise.resolve(past);
    return new Promise<IndexState>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no matching index state in ${timeoutMs} ms; seen ${JSON.stringify(states.map((s) => s.state))}; stderr: ${stderr}; logs: ${logs.join(' | ')}`)), timeoutMs);
      waiters.push({ pred, resolve: (s) => { clearTimeout(t); resolve(s); } });
    });
  };
  const stop = async () => {
    try {
      await conn.sendRequest(ShutdownRequest.type);
      await conn.sendNotification(ExitNotification.type);
    } catch { /* already gone */ }
    conn.dispose();
    if (child.exitCode === null) {
      await new Promise<void>((r) => {
        const t = setTimeout(() => { child.kill(); r(); }, 3000);
        child.once('exit', () => { clearTimeout(t); r(); });
      });
    }
  };
  return { conn, child, states, waitState, logs, stop };
}
