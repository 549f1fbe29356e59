// Knowledge-driven labels: a sequence is an Anomaly when the path through the code or its events show a
// failure (a catch handler, a throw, an escaping exception, an ERROR/FATAL event, a failure word in a
// template, a logged Throwable). Every rule that fires adds a human-readable reason naming the place.
import type { Label, LogEvent, LogStatement, Path, SourceLoc } from '../model';
import type { LabelRules } from './rules';

export interface LabelInput {
  events: readonly LogEvent[];
  path: Path;
  logs: ReadonlyMap<string, LogStatement>;
}

export interface LabelResult {
  label: Label;
  reasons: string[];
}

function where(loc: SourceLoc): string {
  return `${loc.file.split('/').pop()}:${loc.line}`;
}

function shortMethod(methodId: string): string {
  // `org.x.DataNode:receiveBlock(Block)` -> `DataNode:receiveBlock`
  const [cls = '', rest = ''] = methodId.split(':');
  return `${cls.split('.').pop()}:${rest.replace(/\(.*$/, '')}`;
}

function clip(s: string, n = 80): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > n ? `${one.slice(0, n - 3)}...` : one;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A case-insensitive whole-word matcher for the words and phrases (a phrase's spaces match any whitespace). */
export function failureMatcher(words: readonly string[]): (text: string) => string | undefined {
  if (words.length === 0) return () => undefined;
  const alternatives = [...words].sort((a, b) => b.length - a.length).map((w) => escapeRe(w.trim()).replace(/\s+/g, '\\s+'));
  const re = new RegExp(`(?<![A-Za-z0-9_])(?:${alternatives.join('|')})(?![A-Za-z0-9_])`, 'i');
  return (text) => re.exec(text)?.[0].toLowerCase().replace(/\s+/g, ' ');
}

const matchers = new WeakMap<readonly string[], (text: string) => string | undefined>();

export function labelSequence(input: LabelInput, rules: LabelRules): LabelResult {
  const reasons: string[] = [];
  const add = (r: string): void => { if (!reasons.includes(r)) reasons.push(r); };
  const { path, events } = input;

  for (const step of path.steps) {
    if (step.kind === 'catch' && rules.catchHandler) {
      add(`passes through catch handler${step.text ? ` (${clip(step.text, 60)})` : ''} at ${where(step.loc)} in ${shortMethod(step.methodId)}`);
    } else if (step.kind === 'throw' && rules.throwStatement) {
      add(`passes through throw${step.text ? ` '${clip(step.text, 60)}'` : ''} at ${where(step.loc)} in ${shortMethod(step.methodId)}`);
    }
  }
  if ((path.raises || path.steps[path.steps.length - 1]?.kind === 'raise') && rules.endsByRaising) add(`ends by an exception escaping ${shortMethod(path.entry)}`);

  let match = matchers.get(rules.failureWords);
  if (!match) { match = failureMatcher(rules.failureWords); matchers.set(rules.failureWords, match); }
  const levels = new Set<string>(rules.errorLevels);
  if (rules.warnEvents) levels.add('warn');
  for (const ev of events) {
    const what = (): string => `${ev.eventId} '${clip(ev.template)}' at ${where(ev.loc)}`;
    if (levels.has(ev.level)) add(`contains ${ev.level.toUpperCase()} event ${what()}`);
    const word = match(rules.failureWordsIn === 'content' ? ev.content : ev.template.replace(/<\*>/g, ' '));
    if (word) add(`event ${what()} has failure word '${word}'`);
    const exception = rules.loggedThrowable ? input.logs.get(ev.logId)?.exception : undefined;
    if (exception) add(`event ${what()} logs a Throwable (${clip(exception, 40)})`);
  }
  return { label: reasons.length > 0 ? 'Anomaly' : 'Normal', reasons };
}
