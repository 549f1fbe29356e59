// Synthetic traces out: the same loghub-compatible data-set folder as the code-guided pipeline (through the shared
// writeDataset, so both kinds of synthetic data feed the bench the same way), plus the relational tables of the
// synthetic traces (relational/relational.sqlite + CSVs) so the fidelity checks can query real and synthetic alike.
import { join } from 'node:path';
import type { LogEvent, LogLevel, LogSequence } from '../model';
import { writeDataset } from '../export/dataset';
import type { Trace } from '../logs/traces';
import type { StateMachine } from '../fsm/types';
import { writeRelational, type RelationalFiles } from '../relational/write';

const LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

function toLevel(v: string | undefined): LogLevel {
  const s = (v ?? 'info').toLowerCase();
  if (s === 'warning') return 'warn';
  if (s === 'severe' || s === 'critical') return 'error';
  return (LEVELS as readonly string[]).includes(s) ? (s as LogLevel) : 'info';
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Date and Time fields written the way the source wrote them. */
export function formatTime(ms: number | undefined, style: 'hdfs' | 'iso' | undefined): { date: string; time: string } {
  const d = new Date(ms ?? 0);
  const Y = d.getUTCFullYear(), M = d.getUTCMonth() + 1, D = d.getUTCDate(), h = d.getUTCHours(), mi = d.getUTCMinutes(), s = d.getUTCSeconds();
  if (style === 'hdfs') return { date: `${pad(Y % 100)}${pad(M)}${pad(D)}`, time: `${pad(h)}${pad(mi)}${pad(s)}` };
  return { date: `${Y}-${pad(M)}-${pad(D)}`, time: `${pad(h)}:${pad(mi)}:${pad(s)},${pad(d.getUTCMilliseconds(), 3)}` };
}

/** Synthetic traces as the shared LogSequence objects (entry `fsm:<label>`, path = the transitions taken). */
export function toLogSequences(traces: readonly Trace[], m: StateMachine): LogSequence[] {
  const tpl = new Map(m.templates.map((t) => [t.eventId, t]));
  return traces.map((t) => {
    const events: LogEvent[] = t.events.map((e) => {
      const info = tpl.get(e.eventId);
      const level = toLevel(e.level ?? info?.level);
      const component = e.component ?? info?.component ?? 'fsm';
      const thread = e.thread ?? info?.thread ?? 'main';
      const { date, time } = formatTime(e.time, m.timeStyle);
      const content = e.content ?? info?.template ?? e.eventId;
      const raw = m.timeStyle === 'hdfs'
        ? `${date} ${time} ${thread} ${level.toUpperCase()} ${component}: ${content}`
        : `${date} ${time} ${level.toUpperCase()} [${thread}] ${component}: ${content}`;
      return {
        logId: e.eventId, eventId: e.eventId, template: info?.template ?? e.eventId, level, component, content,
        values: e.params, date, time, thread, raw, loc: { file: m.source || 'logs', line: 0, column: 0 },
      };
    });
    const label = t.label ?? 'Normal';
    return {
      sessionId: t.id, entry: `fsm:${t.label ?? 'Unlabeled'}`, events, label,
      labelReasons: label === 'Anomaly' ? ['path of the Anomaly sub-machine recovered from labeled logs'] : [],
      verdict: { consistent: true, reason: 'accepted by the recovered state machine', conflictingSteps: [], verifier: 'none' },
      path: t.events.map((e) => e.eventId), multiplicity: 1,
    };
  });
}

export interface SyntheticFiles {
  dataset: string[];
  relational: RelationalFiles;
}

export async function writeSynthetic(dir: string, m: StateMachine, traces: readonly Trace[], opts: { name?: string; overwrite?: boolean; meta?: Record<string, string | number> } = {}): Promise<SyntheticFiles> {
  const { files } = await writeDataset(dir, {
    name: opts.name ?? 'synthetic',
    sequences: toLogSequences(traces, m),
    templates: m.templates.map((t) => ({ eventId: t.eventId, template: t.template })),
    overwrite: opts.overwrite ?? false,
  });
  const relational = await writeRelational(join(dir, 'relational'), {
    traces, templates: new Map(m.templates.map((t) => [t.eventId, t.template])), machine: m, meta: { kind: 'synthetic', ...opts.meta },
  });
  return { dataset: files, relational };
}
