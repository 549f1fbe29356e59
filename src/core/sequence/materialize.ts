// One verified path -> one LogSequence: parameter values (params/), rendered events (render/), a label
// (labels/). Session ids: in the hdfs style a sequence that names a block is identified by that block, as
// HDFS_v1 groups its sessions (`blk_-1608999687919862906`); otherwise the caller's id is kept (use
// `sessionIdFor(entry, n)`: `S<8 hex of the entry's hash>-<n>`, stable for an entry and its n-th sequence).
import type { LogSequence, LogStatement, Path, Verdict } from '../model';
import { hashString, type Rng } from '../util/rng';
import { createSession, fill } from '../params/session';
import { slotCount } from '../params/classify';
import { renderSession, type RenderStyle } from '../render/render';
import { labelSequence } from '../labels/label';
import type { LabelRules } from '../labels/rules';

export interface MaterializeInput {
  /** Fallback session id (see sessionIdFor); replaced by the primary block id in the hdfs style. */
  sessionId: string;
  path: Path;
  verdict: Verdict;
  multiplicity: number;
  logs: ReadonlyMap<string, LogStatement>;
  /** Values and timing derive from this Rng salted with `sessionId`, so one Rng may serve every session. */
  rng: Rng;
  style: RenderStyle;
  rules: LabelRules;
  /** Epoch ms of the first event. */
  start: number;
  /**
   * Parameter values proposed elsewhere (e.g. the LLM stage), `values[i]` for the i-th log of the path.
   * Used when every list has one value per `<*>` slot; otherwise the embedded synthesizer's values are used.
   */
  values?: readonly (readonly string[])[];
  /** Shared by the sequences of one run (see LocationNames). */
  locations?: LocationNames;
}

/**
 * `file:line` strings made once per location for a whole run: the sequences of a run pass through the same
 * statements again and again, and one string per step of every path was 185 MB of jetty9's top-50 run.
 */
export class LocationNames {
  private readonly byFile = new Map<string, string[]>();

  of(file: string, line: number): string {
    let lines = this.byFile.get(file);
    if (!lines) this.byFile.set(file, (lines = []));
    return (lines[line] ??= `${file}:${line}`);
  }
}

export interface Materialized {
  sequence: LogSequence;
  /** Epoch ms of the last event: start the next session after it to keep the `.log` file in time order. */
  end: number;
}

export function sessionIdFor(entry: string, n: number): string {
  return `S${hashString(entry).toString(16).padStart(8, '0')}-${n}`;
}

/** `file:line` of each step, consecutive repeats collapsed (branch, merge and log nodes often share a line). */
export function pathLocations(path: Path, names: LocationNames = new LocationNames()): string[] {
  const out: string[] = [];
  for (const s of path.steps) {
    const here = names.of(s.loc.file, s.loc.line);
    if (out[out.length - 1] !== here) out.push(here);
  }
  return out;
}

/** The embedded synthesizer's values for a sequence of statements (the LLM stage's fallback has this shape). */
export function synthesizeValues(statements: readonly LogStatement[], rng: Rng): { values: string[][]; primaryBlock?: string } {
  const session = createSession(rng);
  const values = statements.map((log) => fill(log, session));
  return { values, primaryBlock: session.primaryBlock };
}

function valuesFit(values: readonly (readonly string[])[], statements: readonly LogStatement[]): boolean {
  return values.length === statements.length && statements.every((l, i) => values[i]!.length === slotCount(l.template));
}

export function materialize(input: MaterializeInput): Materialized {
  const { path, logs, style } = input;
  const missing = path.logIds.filter((id) => !logs.has(id));
  if (missing.length > 0) throw new Error(`materialize ${input.sessionId}: log statement(s) not in the index: ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', ...' : ''}`);
  const statements = path.logIds.map((id) => logs.get(id)!);
  let values: string[][];
  let primaryBlock: string | undefined;
  if (input.values && valuesFit(input.values, statements)) {
    values = input.values.map((v) => [...v]);
    primaryBlock = values.flat().join(' ').match(/blk_-?\d+/)?.[0];
  } else {
    ({ values, primaryBlock } = synthesizeValues(statements, input.rng.fork(`params:${input.sessionId}`)));
  }
  const entryClass = (path.entry.split(':')[0] ?? '').split(/[.$]/).pop() || 'main';
  const renderRng = input.rng.fork(`render:${input.sessionId}`);
  const rendered = renderSession(statements, values, { style, start: input.start, rng: renderRng, thread: `${entryClass}-${renderRng.int(0, 15)}` });
  const { label, reasons } = labelSequence({ events: rendered.events, path, logs }, input.rules);
  const sessionId = style === 'hdfs' && primaryBlock ? primaryBlock : input.sessionId;
  return {
    sequence: {
      sessionId, entry: path.entry, events: rendered.events, label, labelReasons: reasons, verdict: input.verdict,
      path: pathLocations(path, input.locations), multiplicity: input.multiplicity,
    },
    end: rendered.end,
  };
}

export function materializeSequence(input: MaterializeInput): LogSequence {
  return materialize(input).sequence;
}
