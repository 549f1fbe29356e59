// LLM settings for a run: the API key lives in SecretStorage (never in settings), nothing is sent from an
// untrusted workspace, and a non-loopback endpoint needs consent (the `logsynth.llm.allowRemote` user setting
// or a yes to the prompt, for this session and this host only).
import * as vscode from 'vscode';
import { isLoopback } from '../core/llm/endpoint';
import type { GenerateSettings } from '../shared/protocol';
import { llmSettings } from './config';
import type { Ctx } from './ctx';

export const API_KEY_SECRET = 'logsynth.llm.apiKey';

export async function setApiKey(ctx: Ctx): Promise<boolean> {
  const key = await vscode.window.showInputBox({
    title: 'LogSynth: LLM API key', prompt: 'Stored in VS Code\'s secret storage; leave empty to remove it.',
    password: true, ignoreFocusOut: true,
  });
  if (key === undefined) return false;
  if (key.trim() === '') {
    await ctx.context.secrets.delete(API_KEY_SECRET);
    void vscode.window.showInformationMessage('LogSynth: LLM API key removed.');
  } else {
    await ctx.context.secrets.store(API_KEY_SECRET, key.trim());
    void vscode.window.showInformationMessage('LogSynth: LLM API key saved in secret storage.');
  }
  return true;
}

/** The settings with the LLM part filled in, the verifier downgraded to symbolic when it may not be used, or
 *  undefined when the user cancelled. */
export async function withLlm(ctx: Ctx, s: GenerateSettings): Promise<GenerateSettings | undefined> {
  if (s.verifier === 'symbolic') return s;
  const symbolic: GenerateSettings = { ...s, verifier: 'symbolic' };
  if (!ctx.trusted) {
    ctx.log.warn('untrusted workspace: no LLM calls; using the symbolic verifier');
    return symbolic;
  }
  const llm = llmSettings();
  if (!llm.model) {
    void vscode.window.showWarningMessage('LogSynth: set "logsynth.llm.model" to use the LLM verifier; using the symbolic verifier.');
    return symbolic;
  }
  let host: string;
  try { host = new URL(llm.baseUrl).host; } catch {
    void vscode.window.showErrorMessage(`LogSynth: "logsynth.llm.baseUrl" is not a URL: ${llm.baseUrl}`);
    return undefined;
  }
  let allowRemote = llm.allowRemote || ctx.remoteConsent.has(host);
  if (!isLoopback(llm.baseUrl) && !allowRemote) {
    const yes = 'Send for this session';
    const no = 'Use symbolic verifier';
    const pick = await vscode.window.showWarningMessage(
      `LogSynth would send source excerpts of the enumerated paths to ${host}, which is not on this machine. Allow it?`,
      { modal: true }, yes, no,
    );
    if (pick === undefined) return undefined;
    if (pick === no) return symbolic;
    ctx.remoteConsent.add(host);
    allowRemote = true;
  }
  const apiKey = await ctx.context.secrets.get(API_KEY_SECRET);
  return {
    ...s,
    llm: {
      baseUrl: llm.baseUrl, model: llm.model, apiKey, allowRemote, maxCalls: llm.maxCalls,
      temperature: llm.temperature, timeoutMs: llm.timeoutSeconds * 1000, maxConcurrency: llm.maxConcurrency,
      maxRetries: llm.maxRetries, trace: llm.trace,
    },
  };
}
