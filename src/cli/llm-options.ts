// CLI flags for the LLM stage (--verifier llm|both, --no-static). The key comes from the environment only.
import { join } from 'node:path';
import { CliError } from './args';
import type { Verifier } from '../core/model';
import { SymbolicVerifier } from '../core/verify/symbolic';
import { apiKeyFromEnv, createLlmStage, llmSettingsFromFlags, LlmConfigError, type LlmStage } from '../core/llm';

export const llmCliOptions = {
  'llm-base-url': { type: 'string' },
  'llm-model': { type: 'string' },
  'llm-temperature': { type: 'string' },
  'llm-timeout': { type: 'string' },
  'llm-concurrency': { type: 'string' },
  'llm-retries': { type: 'string' },
  'max-llm-calls': { type: 'string' },
  'llm-allow-remote': { type: 'boolean' },
  'llm-cache': { type: 'string' },
  'no-static': { type: 'boolean' },
} as const;

export type LlmCliFlags = { [K in keyof typeof llmCliOptions]?: (typeof llmCliOptions)[K]['type'] extends 'boolean' ? boolean : string };

/**
 * Builds the LLM stage from flags. The answer cache lives with the workspace (`<root>/.logsynth/llm-cache.sqlite`
 * unless --llm-cache says otherwise), so a re-run into another output folder still costs no calls.
 */
export async function createCliLlmStage(mode: 'llm' | 'both' | undefined, flags: LlmCliFlags, workspaceRoot: string): Promise<LlmStage> {
  let stage: LlmStage;
  try {
    const settings = llmSettingsFromFlags(flags as Record<string, string | boolean | undefined>);
    stage = await createLlmStage({
      ...settings,
      apiKey: apiKeyFromEnv(),
      cacheFile: settings.cacheFile ?? join(workspaceRoot, '.logsynth', 'llm-cache.sqlite'),
      mode,
      fallback: mode ? new SymbolicVerifier() : undefined,
    });
  } catch (e) {
    if (e instanceof LlmConfigError) throw new CliError(e.message);
    throw e;
  }
  if (stage.refusal) throw new CliError(`${stage.refusal.message}`);
  return stage;
}

export async function createCliVerifier(mode: 'llm' | 'both', flags: LlmCliFlags, workspaceRoot: string): Promise<{ verifier: Verifier; stage: LlmStage; close: () => Promise<string | undefined> }> {
  const stage = await createCliLlmStage(mode, flags, workspaceRoot);
  return { verifier: stage.verifier!, stage, close: async () => { stage.close(); return stage.summary(); } };
}
