// Prompt 2: realistic runtime values for every `<*>` of a log sequence, consistent across the sequence.
import type { PromptTemplate } from './types';
import { DATA_RULE, dataBlock } from './data-block';

export interface ParamEventView {
  level: string;
  component: string;
  template: string;
  /** One entry per `<*>`, in order: the source expression, its declared type, the words before it. */
  slots: { expr: string; type?: string; context?: string }[];
}

export interface ParamsVars {
  entry: string;
  /** Distinguishes sessions so each gets its own values (and its own cache entry). */
  sessionId: string;
  events: ParamEventView[];
}

export const paramsPrompt: PromptTemplate<ParamsVars> = {
  id: 'log-params',
  version: 1,
  system: [
    'You generate realistic runtime values for the parameters of log messages of a Java system, as they would appear',
    'in its production logs (block ids, IP addresses and ports, host names, paths, sizes, durations, user names,',
    'exception messages, ...).',
    DATA_RULE,
    'Within one sequence, a parameter naming the same thing (the same variable or the same object) must keep the same',
    'value across events; different things get different, plausible values. Values are plain text on one line, without',
    'the surrounding template words.',
    'Answer with a JSON object {"reasoning": string, "values": string[][]}: values[i] holds, in order, exactly one value',
    'per <*> placeholder of event i, and there is exactly one entry per event (an empty list for an event without <*>).',
  ].join('\n'),
  user(v) {
    const lines = v.events.map((e, i) => {
      const slots = e.slots.map((s, j) => `    <*> #${j}: expr \`${s.expr}\`${s.type ? ` type ${s.type}` : ''}${s.context ? ` after "${s.context}"` : ''}`);
      return [`event ${i}: ${e.level.toUpperCase()} ${e.component}: ${e.template}`, ...slots].join('\n');
    });
    return [
      `Entry method: ${v.entry}`,
      `Session: ${v.sessionId} (choose values specific to this session)`,
      `The sequence has ${v.events.length} events:`,
      dataBlock('events', lines.join('\n')),
      '',
      'Give the values for every <*> of every event.',
    ].join('\n');
  },
};
