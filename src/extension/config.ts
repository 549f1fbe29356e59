// Reading the `logsynth.*` settings in one place. In an untrusted workspace the settings that could make the
// extension read workspace-chosen files or send code away are ignored (see capabilities in package.json).
import * as vscode from 'vscode';
import { isAbsolute, join } from 'node:path';
import type { GenerateSettings, VerifierKind } from '../shared/protocol';
import type { ParamStyle } from '../core/pipeline/types';
import type { ExportFormat } from '../shared/protocol';

export const SECTION = 'logsynth';

export interface LlmSettings {
  baseUrl: string; model: string; allowRemote: boolean; maxCalls: number;
  temperature: number; timeoutSeconds: number; maxConcurrency: number; maxRetries: number;
  /** Log every prompt and answer (masked) to the output channel. */
  trace: boolean;
}

function intIn(v: unknown, fallback: number, min: number, max: number): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : fallback;
}

function numIn(v: unknown, fallback: number, min: number, max: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : fallback;
}

function shareOrUndefined(v: unknown): number | undefined {
  return typeof v === 'number' && v >= 0 && v <= 1 ? v : undefined;
}

export function generateSettings(trusted: boolean): GenerateSettings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const verifier = c.get<string>('generation.verifier', 'symbolic');
  const style = c.get<string>('generation.paramStyle', 'log4j');
  const rules = c.get<string>('generation.labelRules', '').trim();
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return {
    depth: intIn(c.get('generation.depth'), 5, 1, 50),
    maxPaths: intIn(c.get('generation.maxPaths'), 2000, 1, 1_000_000),
    loopBound: intIn(c.get('generation.loopBound'), 1, 0, 10),
    seed: intIn(c.get('generation.seed'), 42, 0, 2 ** 31 - 1),
    verifier: (trusted && (verifier === 'llm' || verifier === 'both') ? verifier : 'symbolic') as VerifierKind,
    labelRules: trusted && rules ? (isAbsolute(rules) || !root ? rules : join(root, rules)) : undefined,
    paramStyle: (style === 'hdfs' ? 'hdfs' : 'log4j') as ParamStyle,
    maxAnomalyShare: shareOrUndefined(c.get('generation.maxAnomalyShare')),
  };
}

export function llmSettings(): LlmSettings {
  const c = vscode.workspace.getConfiguration(SECTION);
  return {
    baseUrl: c.get<string>('llm.baseUrl', 'http://127.0.0.1:11434/v1'),
    model: c.get<string>('llm.model', ''),
    allowRemote: c.get<boolean>('llm.allowRemote', false),
    maxCalls: intIn(c.get('llm.maxCalls'), 500, 0, 1_000_000),
    temperature: numIn(c.get('llm.temperature'), 0.2, 0, 2),
    timeoutSeconds: numIn(c.get('llm.timeoutSeconds'), 120, 1, 3600),
    maxConcurrency: intIn(c.get('llm.maxConcurrency'), 4, 1, 64),
    maxRetries: intIn(c.get('llm.maxRetries'), 3, 0, 10),
    trace: c.get<boolean>('llm.trace', false) === true,
  };
}

export function indexExclude(): string[] {
  const v = vscode.workspace.getConfiguration(SECTION).get<unknown>('index.exclude', []);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function indexIncludeTests(): boolean {
  return vscode.workspace.getConfiguration(SECTION).get<boolean>('index.includeTests', false) === true;
}

export function exportFormats(): ExportFormat[] {
  const v = vscode.workspace.getConfiguration(SECTION).get<unknown>('export.formats', ['loghub', 'json', 'sqlite']);
  const ok: ExportFormat[] = ['loghub', 'json', 'sqlite'];
  return Array.isArray(v) ? ok.filter((f) => v.includes(f)) : ok;
}

export function graphMaxNodes(): number {
  return intIn(vscode.workspace.getConfiguration(SECTION).get('graph.maxNodes'), 600, 10, 10_000);
}
