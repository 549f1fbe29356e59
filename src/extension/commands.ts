// The command table: everything the extension can do, in one place, registered in one loop as `logsynth.<name>`.
// package.json's `contributes.commands` lists the same names (a test checks they agree).
import * as vscode from 'vscode';
import { EntriesRequest, MethodLcfgRequest, ReindexRequest, ResolveMethodRequest, StatisticsRequest, type MethodSummary } from '../shared/protocol';
import type { Ctx } from './ctx';
import type { EntryFunction } from './entries';
import { generate } from './generate';
import { exportDataset, type ExportArgs } from './export';
import { setApiKey } from './llm';
import { clearLogCoverage, openReport, recoverStateMachine, showFidelity, showLogCoverage, synthesizeFromLogs } from './logs';
import { evaluateSynthetic, type EvaluateArgs } from './evaluate';
import { GraphPanel } from './webview/graph-panel';

type Factory = (ctx: Ctx) => (...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

async function pickEntry(ctx: Ctx): Promise<MethodSummary | undefined> {
  const [entries, here] = await Promise.all([
    ctx.client.sendRequest(EntriesRequest.type, { top: 500 }),
    ctx.methodAtCursor().catch(() => null),
  ]);
  type Item = vscode.QuickPickItem & { methodId: string };
  const items: Item[] = entries.map((e) => ({
    label: e.label, methodId: e.methodId,
    description: `${plural(e.reachableTemplates, 'template')} · ${plural(e.reachableLogs, 'log statement')}`,
    detail: `${e.loc.file}:${e.loc.line}`,
  }));
  if (here && here.reachableTemplates > 0) {
    const i = items.findIndex((x) => x.methodId === here.methodId);
    const [item] = i >= 0 ? items.splice(i, 1) : [{ label: here.label, methodId: here.methodId, description: plural(here.reachableTemplates, 'template') }];
    items.unshift({ ...item!, label: `$(debug-start) ${item!.label}`, detail: `at the cursor — ${item!.detail ?? here.file}` });
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage('LogSynth: no method of this workspace reaches a log statement (yet).');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(items, {
    title: 'LogSynth: generate logs from…', placeHolder: 'entry methods, ranked by reachable log templates', matchOnDetail: true,
  });
  return pick ? (await ctx.client.sendRequest(ResolveMethodRequest.type, { signature: pick.methodId })) ?? undefined : undefined;
}

/** Resolves the command argument to a method that reaches logs, or explains why not. */
async function targetMethod(ctx: Ctx, arg: unknown): Promise<MethodSummary | undefined> {
  let m = await ctx.methodFrom(arg);
  if (m === undefined) m = (await pickEntry(ctx)) ?? null;
  if (!m) {
    if (arg !== undefined) void vscode.window.showWarningMessage('LogSynth: that line is not inside a method of the index.');
    return undefined;
  }
  if (m.reachableTemplates === 0) {
    void vscode.window.showWarningMessage(`LogSynth: ${m.label} reaches no log statement within the call depth.`);
    return undefined;
  }
  return m;
}

const apiOpts = (arg: unknown) => (typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri)
  ? { quiet: (arg as { quiet?: boolean }).quiet, showView: (arg as { showView?: boolean }).showView } : {});

export const commands: Record<string, Factory> = {
  generateFromHere: (ctx) => async (arg?: unknown) => {
    const m = await targetMethod(ctx, arg);
    return m ? generate(ctx, [m.methodId], apiOpts(arg)) : undefined;
  },

  addEntryFunction: (ctx) => async (arg?: unknown) => {
    const m = await targetMethod(ctx, arg);
    if (!m) return false;
    const added = await ctx.entries.add(m);
    void vscode.window.showInformationMessage(added ? `LogSynth: ${m.label} added to the entry functions.` : `LogSynth: ${m.label} is already an entry function.`);
    ctx.decorations.refreshAll();
    return added;
  },

  removeEntryFunction: (ctx) => async (e?: EntryFunction) => {
    if (e) { await ctx.entries.remove(e.methodId); ctx.decorations.refreshAll(); }
  },
  moveEntryUp: (ctx) => async (e?: EntryFunction) => { if (e) await ctx.entries.move(e.methodId, -1); },
  moveEntryDown: (ctx) => async (e?: EntryFunction) => { if (e) await ctx.entries.move(e.methodId, 1); },
  clearEntryFunctions: (ctx) => async () => { await ctx.entries.clear(); ctx.decorations.refreshAll(); },
  revealEntry: (ctx) => async (e?: EntryFunction) => { if (e) await ctx.reveal(e.file, e.line); },

  generateFromEntries: (ctx) => async (arg?: unknown) => {
    const list = ctx.entries.all();
    if (list.length === 0) {
      void vscode.window.showInformationMessage('LogSynth: no entry functions yet — right-click a method\'s line number and choose "Add as entry function".');
      return undefined;
    }
    return generate(ctx, list.map((e) => e.methodId), apiOpts(arg));
  },

  exportDataset: (ctx) => async (args?: ExportArgs) => exportDataset(ctx, args ?? {}),

  setLlmApiKey: (ctx) => async () => setApiKey(ctx),

  recoverStateMachine: (ctx) => async (a?: Parameters<typeof recoverStateMachine>[1]) => recoverStateMachine(ctx, a),
  synthesizeFromLogs: (ctx) => async (a?: Parameters<typeof synthesizeFromLogs>[1]) => synthesizeFromLogs(ctx, a),
  showFidelity: (ctx) => async (a?: Parameters<typeof showFidelity>[1]) => showFidelity(ctx, a),
  showLogCoverage: (ctx) => async (a?: Parameters<typeof showLogCoverage>[1]) => showLogCoverage(ctx, a),
  clearLogCoverage: (ctx) => async () => clearLogCoverage(ctx),
  evaluateSynthetic: (ctx) => async (a?: EvaluateArgs) => evaluateSynthetic(ctx, a ?? {}),
  openReport: (ctx) => async (file?: unknown) => openReport(ctx, typeof file === 'string' ? file : file instanceof vscode.Uri ? file.fsPath : undefined),

  openGraphPanel: (ctx) => () => { GraphPanel.show(ctx.context.extensionUri, ctx.bridgeDeps()); },

  showMethodGraph: (ctx) => async (arg?: unknown) => {
    const m = (await ctx.methodFrom(arg)) ?? (await ctx.methodAtCursor());
    if (!m) { void vscode.window.showWarningMessage('LogSynth: put the cursor inside a method.'); return undefined; }
    const g = await ctx.client.sendRequest(MethodLcfgRequest.type, { methodId: m.methodId });
    if (g) { ctx.state.setGraph(g); void vscode.commands.executeCommand('logsynth.graph.focus'); }
    return g;
  },

  showOutput: (ctx) => () => ctx.log.channel.show(true),

  reindex: (ctx) => async () => ctx.client.sendRequest(ReindexRequest.type),

  showStatistics: (ctx) => async () => {
    const s = await ctx.client.sendRequest(StatisticsRequest.type);
    ctx.log.channel.show(true);
    ctx.log.channel.appendLine(`LogSynth index: ${s.files} files, ${s.lines} lines, ${s.methods} methods, ${s.logs} log statements, `
      + `${s.templates} templates, ${s.entryMethods} methods reaching logs, ${s.problems} parse problems; `
      + `last full index ${s.seconds?.toFixed(2) ?? '?'} s with ${s.cacheHits} files from cache`
      + (s.lastUpdateMs !== undefined ? `; last one-file update ${s.lastUpdateMs.toFixed(1)} ms` : ''));
    return s;
  },
};

export function registerCommands(ctx: Ctx): vscode.Disposable[] {
  return Object.entries(commands).map(([name, factory]) => vscode.commands.registerCommand(`logsynth.${name}`, factory(ctx)));
}
