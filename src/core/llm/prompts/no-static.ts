// The `--no-static` ablation: the model writes log sequences from the entry method's source alone,
// without the LCFG or path enumeration, choosing among the known log statements.
import type { PromptTemplate } from './types';
import { DATA_RULE, dataBlock } from './data-block';

export interface NoStaticVars {
  entry: string;
  file: string;
  source: string;
  /** The log statements the sequences may use, with short ids (L1, L2, ...). */
  templates: { id: string; level: string; template: string; method: string }[];
  count: number;
}

export const noStaticPrompt: PromptTemplate<NoStaticVars> = {
  id: 'no-static-sequences',
  version: 1,
  system: [
    'You simulate executions of a Java method and write down the log statements each execution emits, in order.',
    DATA_RULE,
    'Use only the log statement ids listed by the user. Write different plausible executions, normal ones and failing',
    'ones (exceptions, error handling), each as the ordered list of ids of the log statements it emits.',
    'Answer with a JSON object {"reasoning": string, "sequences": [{"log_ids": string[], "anomalous": boolean, "reason": string}]}.',
  ].join('\n'),
  user(v) {
    const list = v.templates.map((t) => `${t.id} ${t.level.toUpperCase()} "${t.template}" in ${t.method}`).join('\n');
    return [
      `Entry method: ${v.entry} (${v.file})`,
      dataBlock(`code ${v.entry}`, v.source),
      '',
      'Log statements that executions starting here can reach:',
      dataBlock('log statements', list),
      '',
      `Write up to ${v.count} distinct executions as ordered lists of log statement ids.`,
    ].join('\n');
  },
};
