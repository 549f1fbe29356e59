// Turns a session's log statements and their parameter values into LogEvents with raw lines in one of two
// layouts, both in UTC so a run renders the same everywhere:
//   log4j: `2008-11-09 20:35:18,123 [DataXceiver-3] INFO  org.example.storage.DataNode - Receiving block ...`
//          (log4j's `%d{ISO8601} [%t] %-5p %c - %m`)
//   hdfs:  `081109 203518 148 INFO dfs.DataNode$DataXceiver: Receiving block ...`
//          (the HDFS_v1 shape `<Date> <Time> <Pid> <Level> <Component>: <Content>`, component as log4j `%c{2}`)
// One event is one line: a line break inside a message is written as the two characters `\n` in the raw line
// (the structured CSV keeps the message as it is), so `.log` lines and CSV rows stay aligned.
import type { LogEvent, LogLevel, LogStatement } from '../model';
import type { Rng } from '../util/rng';
import { renderTemplate } from '../java/template';

export type RenderStyle = 'log4j' | 'hdfs';

export interface RenderOptions {
  style: RenderStyle;
  /** Epoch milliseconds of the first event. */
  start: number;
  rng: Rng;
  /** log4j thread name (stable for the session); default drawn from the rng and the first statement's class. */
  thread?: string;
  /** hdfs pid (stable for the session); default drawn from the rng. */
  pid?: number;
}

export interface RenderedSession {
  events: LogEvent[];
  /** Epoch ms of each event (strictly increasing), and of the last one, so a caller can chain sessions. */
  times: number[];
  end: number;
}

// The indexer's own filler: what we render is exactly what its templates describe.
export { renderTemplate };

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Date and time columns as loghub splits them for each layout. */
export function formatTimestamp(ms: number, style: RenderStyle): { date: string; time: string } {
  const d = new Date(ms);
  const [Y, M, D, h, m, s, S] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()];
  if (style === 'hdfs') return { date: `${pad(Y % 100)}${pad(M)}${pad(D)}`, time: `${pad(h)}${pad(m)}${pad(s)}` };
  return { date: `${Y}-${pad(M)}-${pad(D)}`, time: `${pad(h)}:${pad(m)}:${pad(s)},${pad(S, 3)}` };
}

/**
 * The logger name as Java prints it: a nested class written `pkg.Outer.Inner` in source is `pkg.Outer$Inner`
 * at run time (Class.getName()). Segments after the first capitalized one are nested classes.
 */
export function binaryName(component: string): string {
  const parts = component.split('.');
  const firstClass = parts.findIndex((p) => /^[A-Z]/.test(p));
  if (firstClass < 0 || firstClass === parts.length - 1) return component;
  return [...parts.slice(0, firstClass), parts.slice(firstClass).join('$')].join('.');
}

/**
 * The logger name a statement prints under. The index records the class named in `getLogger(X.class)`, often a
 * simple name; the running logger is named by the qualified class, so qualify it from the enclosing class.
 */
export function loggerName(log: Pick<LogStatement, 'component' | 'className'>): string {
  const c = log.component;
  if (c === '' || c.includes('.') || !log.className) return c || log.className;
  const parts = log.className.split('.');
  const firstClass = parts.findIndex((p) => /^[A-Z]/.test(p));
  const pkg = firstClass > 0 ? parts.slice(0, firstClass) : [];
  const classes = firstClass >= 0 ? parts.slice(firstClass) : [];
  // `getLogger(Outer.class)` inside Outer.Inner: the logger is Outer's.
  const i = classes.indexOf(c);
  if (i >= 0) return [...pkg, classes.slice(0, i + 1).join('$')].join('.');
  return [...pkg, c].join('.');
}

/** log4j `%c{2}`: the last two dotted segments (`org.apache.hadoop.dfs.DataNode$DataXceiver` -> `dfs.DataNode$DataXceiver`). */
export function shortComponent(component: string): string {
  return binaryName(component).split('.').slice(-2).join('.');
}

const components = new WeakMap<LogStatement, { hdfs: string; log4j: string }>();

/** The component column for a statement in a layout (cached: every session through the statement prints the same). */
function componentOf(log: LogStatement, style: RenderStyle): string {
  let c = components.get(log);
  if (!c) {
    const name = loggerName(log);
    c = { hdfs: shortComponent(name), log4j: binaryName(name) };
    components.set(log, c);
  }
  return c[style];
}

export function levelName(level: LogLevel): string {
  return level.toUpperCase();
}

function oneLine(s: string): string {
  return s.replace(/\r\n|\r|\n/g, '\\n');
}

/** The gap before the next event: the hdfs layout shows whole seconds, so its gaps are >= 1 s to keep time visibly increasing. */
function gap(style: RenderStyle, rng: Rng): number {
  return style === 'hdfs' ? rng.int(1000, rng.next() < 0.8 ? 4000 : 60000) : rng.int(1, rng.next() < 0.8 ? 120 : 3000);
}

/** Renders one session. `values[i]` fills `logs[i]`. */
export function renderSession(logs: readonly LogStatement[], values: readonly (readonly string[])[], opts: RenderOptions): RenderedSession {
  if (values.length !== logs.length) throw new Error(`renderEvents: ${logs.length} log statements but ${values.length} value lists`);
  const { style, rng } = opts;
  const first = logs[0];
  const thread = opts.thread ?? `${(first?.className ?? 'main').split(/[.$]/).pop()}-${rng.int(0, 15)}`;
  const pid = opts.pid ?? rng.int(13, 999);
  const events: LogEvent[] = [];
  const times: number[] = [];
  let t = opts.start;
  logs.forEach((log, i) => {
    if (i > 0) t += gap(style, rng);
    const vals = [...values[i]!];
    const content = renderTemplate(log.template, vals);
    const { date, time } = formatTimestamp(t, style);
    const level = levelName(log.level);
    const component = componentOf(log, style);
    const raw = style === 'hdfs'
      ? `${date} ${time} ${pid} ${level} ${component}: ${oneLine(content)}`
      : `${date} ${time} [${thread}] ${level.padEnd(5)} ${component} - ${oneLine(content)}`;
    events.push({
      logId: log.id, eventId: log.eventId, template: log.template, level: log.level, component, content, values: vals,
      date, time, thread: style === 'hdfs' ? String(pid) : thread, raw, loc: log.loc,
    });
    times.push(t);
  });
  return { events, times, end: t };
}

export function renderEvents(logs: readonly LogStatement[], values: readonly (readonly string[])[], opts: RenderOptions): LogEvent[] {
  return renderSession(logs, values, opts).events;
}
