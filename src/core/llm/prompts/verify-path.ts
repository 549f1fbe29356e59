// Prompt 1: is this inter-procedural path a logically consistent execution? (AnomalyGen's CoT check)
import type { PromptTemplate } from './types';
import { DATA_RULE, dataBlock } from './data-block';

export interface PathStepView {
  /** Index into Path.steps, or a range `a-b` for a collapsed callee sub-path. */
  index: string;
  depth: number;
  method: string;
  where: string;
  what: string;
}

export interface PathLogView {
  step: number;
  eventId: string;
  level: string;
  template: string;
  where: string;
}

export interface VerifyPathVars {
  entry: string;
  raises: boolean;
  steps: PathStepView[];
  logs: PathLogView[];
  /** Numbered code of the methods on the path (possibly windows around the visited lines). */
  code: { method: string; file: string; text: string }[];
  /** Callee sub-paths already judged consistent on their own (rendered collapsed in `steps`). */
  verifiedCallees: string[];
}

export const verifyPathPrompt: PromptTemplate<VerifyPathVars> = {
  id: 'verify-path',
  version: 1,
  system: [
    'You are a careful Java program analyst. You decide whether an execution path through Java code, found by static',
    'analysis, can really happen at run time, i.e. whether it is a logically consistent execution.',
    DATA_RULE,
    'Reason step by step: walk the path in order; for every branch taken, state what it implies about the variables',
    'involved; track assignments and calls that may change them; check whether a later condition, a thrown or caught',
    'exception, a loop exit or a log event contradicts what earlier steps established. Judge only definite',
    'contradictions: unknown library behaviour, unknown input values or unknown callee effects are NOT contradictions.',
    'Answer with a JSON object {"reasoning": string, "consistent": boolean, "reason": string, "conflicting_steps": integer[]}.',
    'If you cannot answer in pure JSON, write your reasoning first and end with that JSON object (reasoning may be omitted there).',
    '"reason" is one short sentence; "conflicting_steps" lists the step indexes that contradict each other (empty when consistent).',
  ].join('\n'),
  user(v) {
    const steps = v.steps.map((s) => `${s.index} | ${s.depth} | ${s.method} | ${s.where} | ${s.what}`).join('\n');
    const logs = v.logs.length
      ? v.logs.map((l) => `step ${l.step}: ${l.eventId} ${l.level.toUpperCase()} "${l.template}" at ${l.where}`).join('\n')
      : '(no log events)';
    const parts = [
      `Entry method: ${v.entry}`,
      `The path ends ${v.raises ? 'with an exception escaping the entry method' : 'normally'}.`,
      '',
      'Steps of the path (index | call depth | method | location | what happens):',
      dataBlock('steps', steps),
      '',
      'Log events emitted along the path, in order:',
      dataBlock('log events', logs),
    ];
    if (v.verifiedCallees.length) {
      parts.push('', 'Collapsed steps are callee sub-paths already verified consistent on their own; check only how they fit the caller:',
        v.verifiedCallees.map((c) => `- ${c}`).join('\n'));
    }
    for (const c of v.code) parts.push('', `Code of ${c.method} (${c.file}), with line numbers:`, dataBlock(`code ${c.method}`, c.text));
    parts.push('', 'Is this path a logically consistent execution? Reason step by step, then give the JSON verdict.');
    return parts.join('\n');
  },
};
