// Prompt 3 (optional): a second opinion on a sequence's Normal/Anomaly label, with a reason.
import type { PromptTemplate } from './types';
import { DATA_RULE, dataBlock } from './data-block';

export interface LabelVars {
  entry: string;
  label: 'Normal' | 'Anomaly';
  reasons: string[];
  /** Rendered log lines of the sequence. */
  lines: string[];
  /** Whether the path passes a catch/throw or ends by an exception. */
  exceptional: boolean;
}

export const labelPrompt: PromptTemplate<LabelVars> = {
  id: 'label-opinion',
  version: 1,
  system: [
    'You review labels of log sequences used to train log anomaly detectors. A sequence is an Anomaly when it records',
    'a failure or an abnormal execution (errors, exceptions, failed operations, timeouts, corruption, lost data), and',
    'Normal otherwise. Warnings about expected situations are Normal.',
    DATA_RULE,
    'Reason step by step, then answer with a JSON object {"reasoning": string, "label": "Normal" | "Anomaly", "reason": string}.',
  ].join('\n'),
  user(v) {
    return [
      `Entry method: ${v.entry}`,
      `The execution ${v.exceptional ? 'goes through exception handling' : 'has no exception handling on its path'}.`,
      `Current label: ${v.label}${v.reasons.length ? ` because: ${v.reasons.join('; ')}` : ''}`,
      'Log lines:',
      dataBlock('log lines', v.lines.join('\n')),
      '',
      'Which label is right?',
    ].join('\n');
  },
};
