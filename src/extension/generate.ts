// Running a generation from the editor: a cancellable progress notification counting paths enumerated,
// rejected and kept; the work itself runs in the language server's worker thread (never on this thread).
// Cancel keeps what was generated so far. The result goes to the views and to the export command.
import * as vscode from 'vscode';
import { GenerateProgressNotification, GenerateRequest, type GenerateResponse } from '../shared/protocol';
import { generateSettings } from './config';
import { withLlm } from './llm';
import type { Ctx } from './ctx';

export interface GenerateOptions {
  /** Focus the graph view when done (default true). */
  showView?: boolean;
  /** Skip the summary notification (API callers). */
  quiet?: boolean;
}

let runCounter = 0;

/** Sequences carried back with the result; the views page through the rest (keeps the host's event loop free). */
export const VIEW_PAGE = 200;

export async function generate(ctx: Ctx, entries: string[], opts: GenerateOptions = {}): Promise<GenerateResponse | undefined> {
  const base = generateSettings(ctx.trusted);
  const settings = await withLlm(ctx, base);
  if (!settings) return undefined; // the user declined the LLM consent prompt and chose not to continue
  const runId = `run-${Date.now().toString(36)}-${++runCounter}`;
  const short = entries.length === 1 ? entries[0]!.replace(/^.*?([^.]+:)/, '$1') : `${entries.length} entry functions`;
  ctx.log.info(`generate ${runId} from ${entries.join(', ')} (depth ${settings.depth}, maxPaths ${settings.maxPaths}, loopBound ${settings.loopBound}, seed ${settings.seed}, verifier ${settings.verifier})`);

  const res = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `LogSynth: generating from ${short}`, cancellable: true },
    async (progress, token) => {
      const sub = ctx.client.onNotification(GenerateProgressNotification.type, (p) => {
        if (p.runId !== runId) return;
        progress.report({
          message: `${p.enumerated} paths enumerated, ${p.rejected} rejected, ${p.kept} kept`
            + (p.llmCalls !== undefined ? ` · LLM ${p.llmCalls} calls, ${p.cacheHits ?? 0} cached` : '')
            + (p.entriesTotal > 1 ? ` (entry ${Math.min(p.entriesDone + 1, p.entriesTotal)}/${p.entriesTotal})` : ''),
        });
      });
      token.onCancellationRequested(() => ctx.log.info(`${runId}: cancel requested; keeping what was generated so far`));
      try {
        return await ctx.client.sendRequest(GenerateRequest.type, { entries, settings, runId, pageSize: VIEW_PAGE }, token);
      } finally {
        sub.dispose();
      }
    },
  );

  if (res.error) {
    void vscode.window.showErrorMessage(`LogSynth: generation failed: ${res.error}`);
    return res;
  }
  ctx.lastRun = res;
  ctx.state.setRun({ runId, entries, sequences: res.sequences, total: res.total, stats: res.stats, cancelled: res.cancelled });
  await ctx.showEntryGraph(entries[0]!).catch((e) => ctx.log.warn(`graph for ${entries[0]}: ${String(e)}`));
  if (opts.showView !== false) void vscode.commands.executeCommand('logsynth.graph.focus');
  const s = res.stats;
  const summary = `LogSynth: ${s.sequences} sequences (${s.normal} Normal, ${s.anomaly} Anomaly) from ${short}; `
    + `${s.pathsEnumerated} paths, ${s.pathsRejected} rejected${res.cancelled ? ' — cancelled, partial result kept' : ''}${s.truncated ? ' (path budget reached)' : ''}`
    + (res.llmSummary ? `. ${res.llmSummary}` : '');
  ctx.log.info(summary);
  if (!opts.quiet) {
    // Not awaited: the command returns while the notification stays up.
    void vscode.window.showInformationMessage(summary, 'Export dataset', 'Open graph').then((pick) => {
      if (pick === 'Export dataset') void vscode.commands.executeCommand('logsynth.exportDataset');
      if (pick === 'Open graph') void vscode.commands.executeCommand('logsynth.openGraphPanel');
    });
  }
  return res;
}
