// One generation run inside the worker: pick the verifier and run the pipeline on the worker's index view.
// Kept apart from the thread glue (main.ts) so it can be called in-process too.
import type { CallGraph } from '../core/callgraph/callgraph';
import type { WorkspaceIndex } from '../core/workspace/workspace-index';
import { generate } from '../core/pipeline/generate';
import type { GenerateProgress, GenerateResult } from '../core/pipeline/types';
import type { StartMessage } from './messages';
import { createRunVerifier } from './verifier';

export async function runGeneration(
  view: { index: WorkspaceIndex; graph: CallGraph },
  msg: StartMessage,
  signal: AbortSignal,
  onProgress: (p: GenerateProgress) => void,
  log: (level: 'warn' | 'info', message: string) => void,
): Promise<GenerateResult> {
  const s = msg.settings;
  const { verifier, stage, warning } = await createRunVerifier(s, msg.trusted, msg.llmCachePath);
  if (warning) log('warn', warning);
  try {
    const result = await generate(view.index, view.graph, {
      entries: msg.entries, depth: s.depth, maxPaths: s.maxPaths, loopBound: s.loopBound, seed: s.seed, verifier,
      labelRules: msg.trusted ? s.labelRules : undefined, paramStyle: s.paramStyle, signal, onProgress,
      sourceRoot: msg.root,
    });
    if (stage) log('info', stage.summary());
    return result;
  } finally {
    stage?.close();
  }
}
