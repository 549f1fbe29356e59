// "Export dataset": pick a folder and the formats, never overwrite silently, then offer "Open folder".
// API callers (tests, other extensions) may pass `{ dir, name, formats, overwrite }` to skip the dialogs.
import * as vscode from 'vscode';
import { ExportDatasetRequest, type ExportFormat, type ExportResponse } from '../shared/protocol';
import { exportFormats } from './config';
import type { Ctx } from './ctx';

export interface ExportArgs {
  dir?: string;
  name?: string;
  formats?: ExportFormat[];
  overwrite?: boolean;
}

const FORMAT_ITEMS: { format: ExportFormat; label: string; detail: string }[] = [
  { format: 'loghub', label: 'Loghub CSVs', detail: '<name>.log, <name>.log_structured.csv, <name>.log_templates.csv, anomaly_label.csv, sessions.csv' },
  { format: 'json', label: 'sequences.json', detail: 'every sequence with its events, label, reasons and path' },
  { format: 'sqlite', label: 'dataset.sqlite', detail: 'the same data as a relational SQLite file' },
];

export async function exportDataset(ctx: Ctx, args: ExportArgs = {}): Promise<ExportResponse | undefined> {
  const run = ctx.lastRun;
  if (!run) {
    void vscode.window.showWarningMessage('LogSynth: nothing to export yet — run "Generate logs from here" first.');
    return undefined;
  }
  const interactive = args.dir === undefined;
  let dir = args.dir;
  if (dir === undefined) {
    const picked = await vscode.window.showOpenDialog({
      title: 'LogSynth: export the data set into…', canSelectFolders: true, canSelectFiles: false, canSelectMany: false,
      openLabel: 'Export here', defaultUri: ctx.root(),
    });
    if (!picked?.[0]) return undefined;
    dir = picked[0].fsPath;
  }
  let formats = args.formats;
  if (!formats) {
    const defaults = new Set(exportFormats());
    const items = FORMAT_ITEMS.map((f) => ({ ...f, picked: defaults.has(f.format) }));
    const picks = await vscode.window.showQuickPick(items, { title: 'LogSynth: export formats', canPickMany: true });
    if (!picks || picks.length === 0) return undefined;
    formats = picks.map((p) => p.format);
  }
  let name = args.name;
  if (name === undefined) {
    name = await vscode.window.showInputBox({
      title: 'LogSynth: data set name', value: 'logsynth', ignoreFocusOut: true,
      validateInput: (v) => (/^[\w.-]+$/.test(v) ? undefined : "letters, digits, '.', '_' and '-' only"),
    });
    if (name === undefined) return undefined;
  }
  let overwrite = args.overwrite ?? false;
  let res = await ctx.client.sendRequest(ExportDatasetRequest.type, { runId: run.runId, dir, name, formats, overwrite });
  if (res.exists && interactive) {
    const shown = res.exists.slice(0, 5).join(', ') + (res.exists.length > 5 ? ', …' : '');
    const pick = await vscode.window.showWarningMessage(
      `${dir} is not empty (${shown}). Overwrite the data set files there?`, { modal: true }, 'Overwrite',
    );
    if (pick !== 'Overwrite') return res;
    overwrite = true;
    res = await ctx.client.sendRequest(ExportDatasetRequest.type, { runId: run.runId, dir, name, formats, overwrite });
  }
  if (res.error) {
    void vscode.window.showErrorMessage(`LogSynth: export failed: ${res.error}`);
  } else if (res.exists) {
    ctx.log.warn(`export to ${dir} refused: folder not empty and overwrite not asked`);
  } else {
    ctx.log.info(`exported ${res.files.length} files to ${dir}`);
    const target = vscode.Uri.file(dir);
    void vscode.window.showInformationMessage(`LogSynth: data set written to ${dir} (${res.files.length} files).`, 'Open folder').then((p) => {
      if (p !== 'Open folder') return;
      // Local: the OS file manager; remote (code-server, SSH): a new window on the folder.
      if (vscode.env.remoteName) void vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow: true });
      else void vscode.commands.executeCommand('revealFileInOS', target);
    });
  }
  return res;
}
