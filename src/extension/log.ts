// The "LogSynth" output channel, filtered by the `logsynth.log.level` setting.
import * as vscode from 'vscode';

export type Level = 'error' | 'warn' | 'info' | 'debug' | 'trace';
const RANK: Record<Level, number> = { error: 0, warn: 1, info: 2, debug: 3, trace: 4 };

export class Log implements vscode.Disposable {
  readonly channel = vscode.window.createOutputChannel('LogSynth');
  private level: Level = 'info';

  constructor() { this.readLevel(); }

  readLevel(): void {
    const l = vscode.workspace.getConfiguration('logsynth').get<string>('log.level', 'info');
    this.level = (l in RANK ? l : 'info') as Level;
  }

  write(level: Level, message: string): void {
    if (RANK[level] > RANK[this.level]) return;
    this.channel.appendLine(`${new Date().toISOString().slice(11, 23)} [${level}] ${message}`);
  }
  error(m: string): void { this.write('error', m); }
  warn(m: string): void { this.write('warn', m); }
  info(m: string): void { this.write('info', m); }
  debug(m: string): void { this.write('debug', m); }

  dispose(): void { this.channel.dispose(); }
}
