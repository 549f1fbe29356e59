// What the generation worker does with a start message: rebuild the index view from the FileIndex list,
// build the call graph, pick the verifier and run the pipeline. Kept apart from the thread glue (main.ts)
// so it can be called in-process too.
import { WorkspaceIndex } from '../core/workspace/workspace-index';
import { buildCallGraph } from '../core/callgraph/callgraph';
import { generate } from '../core/pipeline/generate';
import type { GenerateProgress, GenerateResult } from '../core/pipeline/types';
import type { StartMessage } from './messages';
import { createRunVerifier } from './verifier';

export interface RunOutput {
  result: GenerateResult;
  /** Rebuilding the index view and call graph from the FileIndex list. */
  viewMs: number;
  generateMs: number;
}

export async function runGeneration(
  msg: StartMessage,
  signal: AbortSignal,
  onProgress: (p: GenerateProgress) => void,
  log: (level: 'warn' | 'info', message: string) => void,
): Promise<RunOutput> {
  const t0 = performance.now();
  const index = WorkspaceIndex.fromFiles(msg.files);
  const graph = buildCallGraph(index);
  const t1 = performance.now();
  const s = msg.settings;
  const { verifier, stage, warning } = await createRunVerifier(s, msg.trusted, msg.llmCachePath);
  if (warning) log('warn', warning);
  try {
    const result = await generate(index, graph, {
      entries: msg.entries, depth: s.depth, maxPaths: s.maxPaths, loopBound: s.loopBound, seed: s.seed, verifier,
      labelRules: msg.trusted ? s.labelRules : undefined, paramStyle: s.paramStyle, signal, onProgress,
      sourceRoot: msg.root,
    });
    if (stage) log('info', stage.summary());
    return { result, viewMs: t1 - t0, generateMs: performance.now() - t1 };
  } finally {
    stage?.close();
  }
}
