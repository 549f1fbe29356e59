// "Evaluate synthetic data…": train the bench's detectors on a real sessions CSV with and without synthetic
// data sets and show precision / recall / F1 and the F1 change in the report view. The bench runs in the
// language server's worker thread (an `evaluate` logs job), never on this thread; a cancellable progress
// notification counts the runs, and a cancel keeps (and writes) the runs finished so far.
import * as vscode from 'vscode';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { LogsJobProgressNotification, LogsJobRequest, type LogsJobResult } from '../shared/protocol';
import { EVAL_MODELS } from '../shared/eval-models';
import type { Ctx } from './ctx';

export interface EvaluateArgs {
  /** The real sessions CSV (`SessionId,Label,EventSequence[,Split]`). */
  real?: string;
  /** Synthetic data-set folders (each holds sessions.csv). */
  synthetic?: string[];
  /** `fast` (default), `all`, or model names. */
  models?: string | string[];
  seeds?: number;
  /** Results folder; default `eval-<time>` beside the first synthetic folder. */
  out?: string;
  /** API callers (tests): no notification, no editor opened. */
  quiet?: boolean;
}

export interface EvaluateResult extends LogsJobResult {
  out: string;
}

let counter = 0;

/** Sessions CSVs of the workspace (and the shared HDFS data beside it), then a file dialog. */
async function pickReal(): Promise<string | undefined> {
  const found = await vscode.workspace.findFiles('**/*sessions*.csv', '**/node_modules/**', 50);
  const paths = new Set(found.map((u) => u.fsPath));
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (root) {
    const shared = join(dirname(root), 'shared', 'data', 'hdfs', 'HDFS_100k_sessions.csv');
    if (existsSync(shared)) paths.add(shared);
  }
  const browse = '$(folder-opened) Browse…';
  const items: vscode.QuickPickItem[] = [...paths].sort().map((p) => ({ label: p.replace(/^.*[\\/]/, ''), description: p }));
  items.push({ label: browse, description: 'a loghub-style sessions CSV anywhere' });
  const pick = items.length > 1
    ? await vscode.window.showQuickPick(items, { title: 'LogSynth: the real sessions (SessionId,Label,EventSequence[,Split])', matchOnDescription: true })
    : items[0];
  if (!pick) return undefined;
  if (pick.label !== browse) return pick.description;
  const r = await vscode.window.showOpenDialog({ title: 'LogSynth: the real sessions CSV', canSelectFiles: true, canSelectMany: false, filters: { CSV: ['csv'] } });
  return r?.[0]?.fsPath;
}

async function pickSynthetic(): Promise<string[] | undefined> {
  const r = await vscode.window.showOpenDialog({
    title: 'LogSynth: synthetic data-set folders (each with sessions.csv); several for a side-by-side table',
    canSelectFiles: false, canSelectFolders: true, canSelectMany: true, openLabel: 'Evaluate these',
  });
  return r && r.length > 0 ? r.map((u) => u.fsPath) : undefined;
}

async function pickModels(): Promise<string | string[] | undefined> {
  const fast = EVAL_MODELS.filter((m) => !m.neural).map((m) => m.name);
  type Item = vscode.QuickPickItem & { spec: 'fast' | 'all' | 'choose' };
  const pick = await vscode.window.showQuickPick<Item>([
    { label: 'Fast', description: fast.join(', '), detail: 'the count-matrix models and the n-gram: seconds', spec: 'fast' },
    { label: 'All', description: 'adds DeepLog (LSTM) and the Transformer', detail: 'the neural models take minutes on HDFS_100k', spec: 'all' },
    { label: 'Choose models…', spec: 'choose' },
  ], { title: 'LogSynth: which detectors?' });
  if (!pick) return undefined;
  if (pick.spec !== 'choose') return pick.spec;
  const chosen = await vscode.window.showQuickPick(
    EVAL_MODELS.map((m) => ({ label: m.name, description: m.description, picked: !m.neural })),
    { title: 'LogSynth: detectors to train', canPickMany: true },
  );
  return chosen && chosen.length > 0 ? chosen.map((c) => c.label) : undefined;
}

async function pickSeeds(): Promise<number | undefined> {
  const v = await vscode.window.showInputBox({
    title: 'LogSynth: how many seeds? (mean and spread over them)', value: '3',
    validateInput: (x) => (/^[1-9]\d?$/.test(x) ? undefined : 'a whole number from 1 to 99'),
  });
  return v === undefined ? undefined : Number(v);
}

/** In the Explorer when the folder is inside the workspace, else the system's file manager (a new window if none). */
async function openResultsFolder(out: string): Promise<void> {
  const results = vscode.Uri.file(join(out, 'results.csv'));
  const inside = vscode.workspace.getWorkspaceFolder(results) !== undefined;
  await vscode.commands.executeCommand(inside ? 'revealInExplorer' : 'revealFileInOS', results).then(undefined,
    () => vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(out), { forceNewWindow: true }));
}

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');

export async function evaluateSynthetic(ctx: Ctx, a: EvaluateArgs = {}): Promise<EvaluateResult | undefined> {
  const real = a.real ?? await pickReal();
  if (!real) return undefined;
  const synthetic = a.synthetic ?? await pickSynthetic();
  if (!synthetic) return undefined;
  const models = a.models ?? await pickModels();
  if (!models) return undefined;
  const seeds = a.seeds ?? await pickSeeds();
  if (seeds === undefined) return undefined;
  const out = a.out ?? join(dirname(synthetic[0]!), `eval-${stamp()}`);
  const progressId = `eval-${Date.now().toString(36)}-${++counter}`;
  ctx.log.info(`evaluate ${progressId}: real ${real}, synthetic ${synthetic.join(', ')}, models ${String(models)}, ${seeds} seed(s), out ${out}`);

  const res = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'LogSynth: evaluating detectors', cancellable: true },
    async (progress, token) => {
      let reported = 0;
      const sub = ctx.client.onNotification(LogsJobProgressNotification.type, (p) => {
        if (p.progressId !== progressId) return;
        // `increment` is relative: report the growth of the finished share of runs.
        const share = p.total > 0 ? (100 * p.done) / p.total : reported;
        progress.report({ message: p.total > 0 ? `${p.done}/${p.total} runs — ${p.message}` : p.message, increment: Math.max(0, share - reported) });
        reported = Math.max(reported, share);
      });
      token.onCancellationRequested(() => ctx.log.info(`${progressId}: cancel requested; the finished runs are kept`));
      try {
        return await ctx.client.sendRequest(LogsJobRequest.type, { op: 'evaluate', real, synthetic, models, seeds, out, progressId }, token);
      } finally {
        sub.dispose();
      }
    },
  );

  if (res.error) {
    void vscode.window.showErrorMessage(`LogSynth: evaluation failed: ${res.error}`);
    return { ...res, out };
  }
  ctx.log.info(`evaluate ${progressId}: ${res.summary}; ${res.files.join(', ')}`);
  if (res.report) {
    ctx.state.setReport(res.report);
    void vscode.commands.executeCommand('logsynth.graph.focus');
  }
  if (!a.quiet) {
    void vscode.window.showInformationMessage(`LogSynth: ${res.summary}`, 'Open results folder', 'Open results.md').then(async (pick) => {
      if (pick === 'Open results folder') await openResultsFolder(out);
      if (pick === 'Open results.md') await vscode.window.showTextDocument(vscode.Uri.file(join(out, 'results.md')), { preview: true });
    });
  }
  return { ...res, out };
}
