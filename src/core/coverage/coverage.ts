// Code meets logs: which logging statements of the workspace have ever printed a line of the real logs, how often,
// and which never have. Each source template becomes a regex (`<*>` = any text, first line only, as log files keep
// it); each log message is tried against the templates that share its first literal word (plus those that begin
// with a slot), and the most specific match (most literal characters) wins. Templates with almost no literal text
// (`LOG.info(msg)`) would match every line: they are reported as "cannot tell", not counted either way.
import type { LogStatement } from '../model';
import { templateToRegex } from '../java/template';

export interface CoverageEntry {
  logId: string;
  eventId: string;
  template: string;
  level: string;
  file: string;
  line: number;
  className: string;
  methodId: string;
  /** Log lines matched to this statement's template (shared by every statement with the same template); null: too generic to tell. */
  seen: number | null;
}

export interface CoverageReport {
  /** Source log statements, and those seen at least once / too generic to match. */
  statements: number;
  seenStatements: number;
  genericStatements: number;
  /** seenStatements / (statements - genericStatements). */
  coverage: number;
  /** Distinct source templates and those seen. */
  templates: number;
  seenTemplates: number;
  templateCoverage: number;
  /** Log lines read and those some source template explains. */
  logLines: number;
  matchedLines: number;
  /** Parsed log events (e.g. Drain templates) and the source event most of their lines matched, if any. */
  logEvents: { eventId: string; template: string; lines: number; sourceEventId: string | null; matchedShare: number }[];
  entries: CoverageEntry[];
}

interface CompiledTemplate {
  eventId: string;
  template: string;
  regex: RegExp;
  literal: number;
}

const MIN_LITERAL = 4;

function literalChars(template: string): number {
  return template.split('<*>').join('').replace(/\s+/g, '').length;
}

function firstWord(s: string): string {
  const m = /^\s*(\S+)/.exec(s);
  return m ? m[1]! : '';
}

/** Matches log messages to source templates (one instance per workspace index; reusable across logs). */
export class TemplateMatcher {
  private readonly byFirstWord = new Map<string, CompiledTemplate[]>();
  private readonly openStart: CompiledTemplate[] = [];
  private readonly cache = new Map<string, string | null>();
  readonly generic = new Set<string>();

  constructor(templates: Iterable<{ eventId: string; template: string }>) {
    const seen = new Set<string>();
    for (const t of templates) {
      if (seen.has(t.eventId)) continue;
      seen.add(t.eventId);
      const literal = literalChars(t.template.split('\n')[0]!);
      if (literal < MIN_LITERAL) { this.generic.add(t.eventId); continue; }
      const c: CompiledTemplate = { eventId: t.eventId, template: t.template, regex: templateToRegex(t.template, { firstLine: true }), literal };
      // The first word of the template, if it is all literal, must be the message's first word.
      const head = t.template.trimStart();
      const word = firstWord(head);
      if (!word || word.includes('<*>') || head.startsWith('<*>')) this.openStart.push(c);
      else (this.byFirstWord.get(word) ?? this.byFirstWord.set(word, []).get(word)!).push(c);
    }
    for (const list of this.byFirstWord.values()) list.sort((a, b) => b.literal - a.literal);
    this.openStart.sort((a, b) => b.literal - a.literal);
  }

  /** The source event id a message comes from, or null. */
  match(message: string): string | null {
    const msg = message.trim();
    const hit = this.cache.get(msg);
    if (hit !== undefined) return hit;
    let best: CompiledTemplate | undefined;
    for (const c of this.byFirstWord.get(firstWord(msg)) ?? []) { if (c.regex.test(msg)) { best = c; break; } }
    for (const c of this.openStart) {
      if (best && c.literal <= best.literal) break;
      if (c.regex.test(msg)) { best = c; break; }
    }
    const r = best?.eventId ?? null;
    if (this.cache.size > 100_000) this.cache.clear();
    this.cache.set(msg, r);
    return r;
  }
}

export interface LogMessage {
  content: string;
  /** The parsed log event (Drain event id) and template, to map log events onto source events. */
  eventId?: string;
  template?: string;
}

/** Coverage of the statements by the messages (consumed once, streaming). */
export async function computeCoverage(logs: Iterable<LogStatement>, messages: AsyncIterable<LogMessage> | Iterable<LogMessage>): Promise<CoverageReport> {
  const statements = [...logs];
  const matcher = new TemplateMatcher(statements);
  const seenBySource = new Map<string, number>();
  const perLogEvent = new Map<string, { template: string; lines: number; to: Map<string, number> }>();
  let logLines = 0, matchedLines = 0;
  for await (const m of messages) {
    logLines++;
    const src = matcher.match(m.content);
    if (src) { matchedLines++; seenBySource.set(src, (seenBySource.get(src) ?? 0) + 1); }
    if (m.eventId) {
      let e = perLogEvent.get(m.eventId);
      if (!e) { e = { template: m.template ?? m.eventId, lines: 0, to: new Map() }; perLogEvent.set(m.eventId, e); }
      e.lines++;
      if (src) e.to.set(src, (e.to.get(src) ?? 0) + 1);
    }
  }
  const entries: CoverageEntry[] = statements.map((s) => ({
    logId: s.id, eventId: s.eventId, template: s.template, level: s.level, file: s.loc.file, line: s.loc.line,
    className: s.className, methodId: s.methodId, seen: matcher.generic.has(s.eventId) ? null : seenBySource.get(s.eventId) ?? 0,
  }));
  const genericStatements = entries.filter((e) => e.seen === null).length;
  const seenStatements = entries.filter((e) => (e.seen ?? 0) > 0).length;
  const templateIds = new Set(statements.map((s) => s.eventId));
  const specific = [...templateIds].filter((id) => !matcher.generic.has(id));
  const seenTemplates = specific.filter((id) => (seenBySource.get(id) ?? 0) > 0).length;
  const logEvents = [...perLogEvent].map(([eventId, e]) => {
    let top: string | null = null, n = 0;
    for (const [src, c] of e.to) if (c > n) { top = src; n = c; }
    return { eventId, template: e.template, lines: e.lines, sourceEventId: top, matchedShare: e.lines ? n / e.lines : 0 };
  }).sort((a, b) => b.lines - a.lines);
  return {
    statements: statements.length, seenStatements, genericStatements,
    coverage: statements.length - genericStatements > 0 ? seenStatements / (statements.length - genericStatements) : 0,
    templates: templateIds.size, seenTemplates, templateCoverage: specific.length ? seenTemplates / specific.length : 0,
    logLines, matchedLines, logEvents,
    entries: entries.sort((a, b) => (b.seen ?? -1) - (a.seen ?? -1) || a.file.localeCompare(b.file) || a.line - b.line),
  };
}

/**
 * Observed transition weights between source events, for weighting code-guided path sampling when logs are
 * available: `weights.get(a).get(b)` is how often a line of source event `b` directly followed one of source event
 * `a` inside a trace of the real logs (`<START>`/`<END>` mark trace ends). Traces are log-event id sequences; the
 * report maps log events to source events (lines of unmatched log events are skipped).
 */
export function observedTransitionWeights(report: CoverageReport, traces: Iterable<readonly string[]>): Map<string, Map<string, number>> {
  const toSource = new Map(report.logEvents.filter((e) => e.sourceEventId).map((e) => [e.eventId, e.sourceEventId!]));
  const weights = new Map<string, Map<string, number>>();
  const add = (a: string, b: string) => {
    const row = weights.get(a) ?? weights.set(a, new Map()).get(a)!;
    row.set(b, (row.get(b) ?? 0) + 1);
  };
  for (const t of traces) {
    let prev = '<START>';
    for (const id of t) {
      const s = toSource.get(id);
      if (!s) continue;
      add(prev, s);
      prev = s;
    }
    add(prev, '<END>');
  }
  return weights;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function coverageMarkdown(r: CoverageReport, title = 'Log coverage'): string {
  const rows = (list: CoverageEntry[]) => list.map((e) => `| ${e.seen ?? '?'} | ${e.level.toUpperCase()} | \`${e.template.replace(/\|/g, '\\|').replace(/\n/g, ' ').slice(0, 120)}\` | ${e.file}:${e.line} |`);
  const never = r.entries.filter((e) => e.seen === 0);
  const seen = r.entries.filter((e) => (e.seen ?? 0) > 0);
  return [
    `# ${title}`,
    '',
    `**${pct(r.coverage)}** of the source log statements appear in the logs (${r.seenStatements} of ${r.statements - r.genericStatements}; ` +
      `${r.genericStatements} too generic to tell). Templates: ${r.seenTemplates} of ${r.templates} seen (${pct(r.templateCoverage)}).`,
    `Log lines explained by a source template: ${r.matchedLines} of ${r.logLines} (${pct(r.logLines ? r.matchedLines / r.logLines : 0)}).`,
    '',
    `## Seen (${seen.length})`,
    '| lines | level | template | where |', '|---:|---|---|---|',
    ...rows(seen.slice(0, 200)),
    '',
    `## Never seen (${never.length})`,
    '| lines | level | template | where |', '|---:|---|---|---|',
    ...rows(never.slice(0, 500)),
    '',
    `## Log events with no source template`,
    ...r.logEvents.filter((e) => !e.sourceEventId).slice(0, 100).map((e) => `- ${e.eventId} (${e.lines} lines): \`${e.template}\``),
    '',
  ].join('\n');
}
