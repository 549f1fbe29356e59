// The status-bar item: index state (indexing N/M files; ready: X log statements in Y methods).
import * as vscode from 'vscode';
import type { IndexState } from '../shared/protocol';

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('logsynth.status', vscode.StatusBarAlignment.Left, 20);

  constructor() {
    this.item.name = 'LogSynth';
    this.item.command = 'logsynth.showOutput';
    this.item.text = '$(loading~spin) LogSynth';
    this.item.tooltip = 'LogSynth: starting';
    this.item.show();
  }

  update(s: IndexState): void {
    switch (s.state) {
      case 'starting':
        this.item.text = '$(loading~spin) LogSynth';
        break;
      case 'indexing':
        this.item.text = `$(loading~spin) LogSynth: indexing ${s.done}/${s.total} files`;
        this.item.tooltip = 'LogSynth is indexing the Java sources';
        break;
      case 'ready':
        this.item.text = `$(pulse) LogSynth: ${s.logs} log statements in ${s.methods} methods`;
        this.item.tooltip = `${s.files} files, ${s.templates} templates, ${s.entryMethods} methods reach a log statement`
          + (s.seconds !== undefined ? `\nlast full index: ${s.seconds.toFixed(2)} s (${s.parsed ?? 0} files parsed, the rest from cache)` : '')
          + '\nClick to show the LogSynth output';
        break;
      case 'error':
        this.item.text = '$(error) LogSynth';
        this.item.tooltip = `LogSynth indexing failed: ${s.message ?? 'see the output'}`;
        break;
    }
  }

  busy(text: string | undefined): void {
    if (text) this.item.text = `$(loading~spin) LogSynth: ${text}`;
  }

  dispose(): void { this.item.dispose(); }
}
