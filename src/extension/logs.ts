// The from-logs commands (LogSynthFSM): recover a state machine from a real log, synthesize from it, measure
// fidelity, code-meets-logs coverage, and open a report the CLI wrote. The work runs in the language server's
// worker thread; files are read and written only where the user points. API callers (tests) pass the paths.
import * as vscode from 'vscode';
import { ClearCoverageNotification, LogsJobRequest, type LogsJob, type LogsJobResult } from '../shared/protocol';
import { reportFromFile, ReportFileError } from './report-file';
import type { Ctx } from './ctx';

async function pickFile(title: string, filters?: Record<string, string[]>): Promise<string | undefined> {
  const r = await vscode.window.showOpenDialog({ title, canSelectFiles: true, canSelectFolders: false, canSelectMany: false, filters });
  return r?.[0]?.fsPath;
}

async function pickFolder(title: string, openLabel = 'Select'): Promise<string | undefined> {
  const r = await vscode.window.showOpenDialog({ title, canSelectFiles: false, canSelectFolders: true, canSelectMany: false, openLabel });
  return r?.[0]?.fsPath;
}

async function runJob(ctx: Ctx, title: string, job: LogsJob, quiet: boolean): Promise<LogsJobResult> {
  const res = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `LogSynth: ${title}…` },
    () => ctx.client.sendRequest(LogsJobRequest.type, job));
  if (res.error) {
    void vscode.window.showErrorMessage(`LogSynth: ${title} failed: ${res.error}`);
    return res;
  }
  ctx.log.info(`${title}: ${res.summary}`);
  if (res.report) {
    ctx.state.setReport(res.report);
    void vscode.commands.executeCommand('logsynth.graph.focus');
  }
  if (res.markdown && !quiet) {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: res.markdown });
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  }
  if (!quiet) void vscode.window.showInformationMessage(`LogSynth: ${res.summary}`);
  return res;
}

export interface RecoverArgs { log?: string; outDir?: string; format?: string; quiet?: boolean }
export async function recoverStateMachine(ctx: Ctx, a: RecoverArgs = {}): Promise<LogsJobResult | undefined> {
  const log = a.log ?? await pickFile('LogSynth: a real log (raw log file, or a loghub sessions CSV)');
  if (!log) return undefined;
  const outDir = a.outDir ?? await pickFolder('LogSynth: folder for the state machine and the relational database', 'Write here');
  if (!outDir) return undefined;
  return runJob(ctx, 'recovering a state machine', { op: 'recover', log, outDir, ...(a.format ? { format: a.format } : {}) }, a.quiet ?? false);
}

export interface SynthesizeArgs { fsmDir?: string; outDir?: string; traces?: number; seed?: number; quiet?: boolean }
export async function synthesizeFromLogs(ctx: Ctx, a: SynthesizeArgs = {}): Promise<LogsJobResult | undefined> {
  const fsmDir = a.fsmDir ?? await pickFolder('LogSynth: the state-machine folder (holds machine.json)');
  if (!fsmDir) return undefined;
  let traces = a.traces;
  if (traces === undefined) {
    const v = await vscode.window.showInputBox({
      title: 'LogSynth: how many synthetic traces?', value: '1000',
      validateInput: (x) => (/^[1-9]\d{0,6}$/.test(x) ? undefined : 'a whole number from 1 to 9,999,999'),
    });
    if (v === undefined) return undefined;
    traces = Number(v);
  }
  const outDir = a.outDir ?? await pickFolder('LogSynth: folder for the synthetic data set', 'Write here');
  if (!outDir) return undefined;
  return runJob(ctx, 'synthesizing from the state machine', { op: 'synthesize', fsmDir, outDir, traces, ...(a.seed !== undefined ? { seed: a.seed } : {}) }, a.quiet ?? false);
}

export interface FidelityArgs { fsmDir?: string; synDir?: string; quiet?: boolean }
export async function showFidelity(ctx: Ctx, a: FidelityArgs = {}): Promise<LogsJobResult | undefined> {
  const fsmDir = a.fsmDir ?? await pickFolder('LogSynth: the state-machine folder of the real log');
  if (!fsmDir) return undefined;
  const synDir = a.synDir ?? await pickFolder('LogSynth: the synthetic data-set folder');
  if (!synDir) return undefined;
  return runJob(ctx, 'measuring fidelity', { op: 'fidelity', fsmDir, synDir }, a.quiet ?? false);
}

export interface CoverageArgs { log?: string; format?: string; quiet?: boolean }
export async function showLogCoverage(ctx: Ctx, a: CoverageArgs = {}): Promise<LogsJobResult | undefined> {
  const log = a.log ?? await pickFile('LogSynth: a real log written by this code');
  if (!log) return undefined;
  const res = await runJob(ctx, 'matching the log against the source', { op: 'coverage', log, ...(a.format ? { format: a.format } : {}) }, a.quiet ?? false);
  // Code meets logs in the editor: an inline hint on every log call (the server's hover says the same).
  if (res.coverage) await ctx.decorations.setCoverage(res.coverage);
  return res;
}

/** Removes the coverage hints from the editors and the coverage line from the hover. */
export async function clearLogCoverage(ctx: Ctx): Promise<void> {
  await ctx.client.sendNotification(ClearCoverageNotification.type);
  await ctx.decorations.setCoverage(undefined);
}

/** Shows a fidelity.json or an eval summary.csv (written by the CLI) in the report view. */
export async function openReport(ctx: Ctx, file?: string): Promise<boolean> {
  const path = file ?? await pickFile('LogSynth: a report (fidelity.json or eval summary.csv)', { Reports: ['json', 'csv'] });
  if (!path) return false;
  try {
    ctx.state.setReport(reportFromFile(path));
  } catch (e) {
    if (!(e instanceof ReportFileError)) throw e;
    void vscode.window.showErrorMessage(`LogSynth: ${e.message}`);
    return false;
  }
  void vscode.commands.executeCommand('logsynth.graph.focus');
  return true;
}
