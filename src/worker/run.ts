// One generation run inside the worker: pick the verifier and run the pipeline on the worker's index view.
// Kept apart from the thread glue (main.ts) so it can be called in-process too.
import type { CallGraph } from '../core/callgraph/callgraph';
import type { WorkspaceIndex } from '../core/workspace/workspace-index';
import { generate } from '../core/pipeline/generate';
import type { GenerateProgress, GenerateResult } from '../core/pipeline/types';
import type { StartMessage } from './messages';
import { createRunVerifier } from './verifier';

/** How often LLM counts are re-reported while the verifier runs: the pipeline itself reports nothing then. */
const LLM_PROGRESS_EVERY_MS = 500;

export interface RunOutput {
  result: GenerateResult;
  /** The LLM stage's summary line when one ran. */
  llmSummary?: string;
}

export async function runGeneration(
  view: { index: WorkspaceIndex; graph: CallGraph },
  msg: StartMessage,
  signal: AbortSignal,
  onProgress: (p: GenerateProgress) => void,
  log: (level: 'warn' | 'info', message: string) => void,
): Promise<RunOutput> {
  const s = msg.settings;
  // Trace lines go out at 'info' so the output channel shows them without lowering its level: the user asked.
  const { verifier, stage, warning } = await createRunVerifier(s, msg.trusted, msg.llmCachePath, (line) => log('info', `LLM trace ${line}`));
  if (warning) log('warn', warning);
  let last: GenerateProgress | undefined;
  let reported = '';
  const report = (p: GenerateProgress) => {
    last = p;
    if (!stage) { onProgress(p); return; }
    const st = stage.stats();
    reported = `${st.calls}/${st.cacheHits}`;
    onProgress({ ...p, llmCalls: st.calls, cacheHits: st.cacheHits });
  };
  const timer = stage && setInterval(() => {
    const st = stage.stats();
    if (last && `${st.calls}/${st.cacheHits}` !== reported) report(last);
  }, LLM_PROGRESS_EVERY_MS);
  try {
    const result = await generate(view.index, view.graph, {
      entries: msg.entries, depth: s.depth, maxPaths: s.maxPaths, loopBound: s.loopBound, seed: s.seed, verifier,
      labelRules: msg.trusted ? s.labelRules : undefined, paramStyle: s.paramStyle, maxAnomalyShare: s.maxAnomalyShare,
      signal, onProgress: report,
      sourceRoot: msg.root,
    });
    if (!stage) return { result };
    if (last) report(last); // the final counts
    const llmSummary = stage.summary();
    log('info', llmSummary);
    return { result, llmSummary };
  } finally {
    if (timer) clearInterval(timer);
    stage?.close();
  }
}
