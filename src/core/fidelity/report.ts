// The fidelity report of synthetic traces against the real ones and the machine recovered from them:
// constraint validity, distributional similarity, process-level fitness and precision, rare-path amplification,
// plus the data the webview draws (directly-follows matrices as heatmaps, the machine as a graph).
import type { Trace } from '../logs/traces';
import { replay, transitionIndex, labelOf } from '../fsm/learn';
import type { MachineLabel, StateMachine } from '../fsm/types';
import { countMap, jsd, ks2 } from './metrics';

export const START = '<START>';
export const END = '<END>';

export interface FidelityOptions {
  /** A real path (event sequence) is rare when at most this share of the real traces follow it (default 0.01). */
  rareShare?: number;
  /** Foreign-key violations found in the synthetic database, when it was checked. */
  foreignKeyViolations?: number;
}

export interface FidelityReport {
  real: { traces: number; events: number };
  synthetic: { traces: number; events: number };
  constraints: {
    /** Share of synthetic traces the machine accepts (under their label's sub-machine). */
    accepted: number;
    foreignKeyViolations: number | null;
    /** Share of synthetic traces whose timestamps never go back (1 when there are no times). */
    monotonicTimestamps: number;
    /** Share of synthetic traces where every identifier group holds one value. */
    identifierConsistency: number;
  };
  similarity: {
    eventJsd: number;
    /** JSD of the directly-follows pair frequencies (with <START>/<END>). */
    transitionJsd: number;
    /** Mean JSD of the next-event distributions, rows weighted by real frequency. */
    transitionRowJsd: number;
    lengthKs: number;
    /** null when either side has no times. */
    interEventTimeKs: number | null;
  };
  process: {
    /** Mean share of each synthetic trace's events the machine replays. */
    fitness: number;
    /** Choices the synthetic log makes at visited states over the choices the machine allows there (ETC-style). */
    precision: number;
  };
  amplification: {
    rareShare: number;
    /** Share of real / synthetic traces following a rare real path. */
    realRareTraces: number;
    syntheticRareTraces: number;
    /** syntheticRareTraces / realRareTraces (null when the real log has no rare path). */
    pathFactor: number | null;
    /** syntheticRareTransitions / realRareTransitions: how much more often rare (valid) transitions are taken. */
    factor: number | null;
    /** Share of synthetic traces on a path never seen in the real log (valid: the machine accepts them). */
    novelPaths: number;
    /** Share of traces using a rare transition (probability < 0.05), real and synthetic. */
    realRareTransitions: number;
    syntheticRareTransitions: number;
  };
  labels: { real: Partial<Record<MachineLabel, number>>; synthetic: Partial<Record<MachineLabel, number>> };
  matrices: { events: string[]; real: number[][]; synthetic: number[][] };
  graph: {
    nodes: { id: number; label: MachineLabel; initial: boolean; final: boolean; visits: number }[];
    edges: { id: number; from: number; to: number; eventId: string; template: string; prob: number; count: number }[];
  };
}

function pairs(t: Trace): string[] {
  const ids = [START, ...t.events.map((e) => e.eventId), END];
  const out: string[] = [];
  for (let i = 1; i < ids.length; i++) out.push(`${ids[i - 1]}\u0000${ids[i]}`);
  return out;
}

function interEventTimes(traces: readonly Trace[]): number[] {
  const out: number[] = [];
  for (const t of traces) for (let i = 1; i < t.events.length; i++) {
    const a = t.events[i - 1]!.time, b = t.events[i]!.time;
    if (a !== undefined && b !== undefined) out.push(b - a);
  }
  return out;
}

function matrix(traces: readonly Trace[], events: string[]): number[][] {
  const at = new Map(events.map((e, i) => [e, i]));
  const m = events.map(() => events.map(() => 0));
  for (const t of traces) for (const p of pairs(t)) {
    const [a, b] = p.split('\u0000') as [string, string];
    const i = at.get(a), j = at.get(b);
    if (i !== undefined && j !== undefined) m[i]![j]!++;
  }
  return m.map((row) => { const s = row.reduce((x, y) => x + y, 0); return s ? row.map((v) => v / s) : row; });
}

/** Identifier groups of the machine: group -> slots. */
function identifierGroups(m: StateMachine): Map<number, Set<string>> {
  const g = new Map<number, Set<string>>();
  for (const s of m.slots) if (s.kind === 'identifier' && s.group !== undefined) (g.get(s.group) ?? g.set(s.group, new Set()).get(s.group)!).add(`${s.eventId}#${s.slot}`);
  return g;
}

export function identifiersConsistent(t: Trace, groups: Map<number, Set<string>>): boolean {
  for (const slots of groups.values()) {
    let v: string | undefined;
    for (const e of t.events) e.params.forEach((p, i) => {
      if (!slots.has(`${e.eventId}#${i}`)) return;
      if (v === undefined) v = p; else if (v !== p) v = '\u0000mismatch';
    });
    if (v === '\u0000mismatch') return false;
  }
  return true;
}

export function fidelityReport(m: StateMachine, real: readonly Trace[], synthetic: readonly Trace[], opts: FidelityOptions = {}): FidelityReport {
  const index = transitionIndex(m);
  const rareShare = opts.rareShare ?? 0.01;
  const share = (n: number, d: number) => (d === 0 ? 1 : n / d);
  // Constraints.
  let accepted = 0, monotonic = 0, consistent = 0, fitSum = 0;
  const groups = identifierGroups(m);
  const visits = new Map<number, number>();
  const used = new Map<number, Set<string>>();
  const replayOne = (t: Trace) => {
    const ids = t.events.map((e) => e.eventId);
    const label = t.label && m.initial[t.label] !== undefined ? t.label : m.labels.find((l) => replay(m, ids, l, index).accepted) ?? m.labels[0]!;
    return { r: replay(m, ids, label, index), label };
  };
  for (const t of synthetic) {
    const { r, label } = replayOne(t);
    if (r.accepted) accepted++;
    fitSum += t.events.length ? r.replayed / t.events.length : r.accepted ? 1 : 0;
    if (t.events.every((e, i) => i === 0 || e.time === undefined || t.events[i - 1]!.time === undefined || e.time >= t.events[i - 1]!.time!)) monotonic++;
    if (identifiersConsistent(t, groups)) consistent++;
    // Precision bookkeeping along the replayed prefix.
    let s = m.initial[label];
    const step = (state: number, choice: string) => {
      visits.set(state, (visits.get(state) ?? 0) + 1);
      (used.get(state) ?? used.set(state, new Set()).get(state)!).add(choice);
    };
    for (let i = 0; i < r.replayed && s !== undefined; i++) {
      step(s, t.events[i]!.eventId);
      s = index.get(s)?.get(t.events[i]!.eventId)?.to;
    }
    if (r.accepted && s !== undefined) step(s, END);
  }
  let precNum = 0, precDen = 0;
  for (const [s, v] of visits) {
    const allowed = (index.get(s)?.size ?? 0) + (m.states[s]!.finalCount > 0 ? 1 : 0);
    precNum += v * used.get(s)!.size;
    precDen += v * allowed;
  }
  // Similarity.
  const events = (ts: readonly Trace[]) => countMap(ts.flatMap((t) => t.events.map((e) => e.eventId)));
  const realPairs = countMap(real.flatMap(pairs));
  const synPairs = countMap(synthetic.flatMap(pairs));
  const rowOf = (pm: Map<string, number>) => {
    const rows = new Map<string, Map<string, number>>();
    for (const [k, n] of pm) { const [a, b] = k.split('\u0000') as [string, string]; (rows.get(a) ?? rows.set(a, new Map()).get(a)!).set(b, n); }
    return rows;
  };
  const realRows = rowOf(realPairs), synRows = rowOf(synPairs);
  let rowJsd = 0, rowW = 0;
  for (const [a, row] of realRows) {
    let w = 0;
    for (const n of row.values()) w += n;
    rowJsd += w * jsd(row, synRows.get(a) ?? new Map());
    rowW += w;
  }
  const realDt = interEventTimes(real), synDt = interEventTimes(synthetic);
  // Amplification.
  const variant = (t: Trace) => t.events.map((e) => e.eventId).join(' ');
  const realVariants = countMap(real.map(variant));
  const rare = new Set([...realVariants].filter(([, n]) => n / real.length <= rareShare).map(([v]) => v));
  const realRare = real.filter((t) => rare.has(variant(t))).length / Math.max(1, real.length);
  const synRare = synthetic.filter((t) => rare.has(variant(t))).length / Math.max(1, synthetic.length);
  const novel = synthetic.filter((t) => !realVariants.has(variant(t))).length / Math.max(1, synthetic.length);
  const rareTr = new Set(m.transitions.filter((t) => t.prob < 0.05).map((t) => t.id));
  const usesRare = (ts: readonly Trace[]) => ts.filter((t) => replayOne(t).r.transitions.some((id) => rareTr.has(id))).length / Math.max(1, ts.length);
  const realRareTr = usesRare(real), synRareTr = usesRare(synthetic);
  const labelCounts = (ts: readonly Trace[]) => {
    const c: Partial<Record<MachineLabel, number>> = {};
    for (const t of ts) c[labelOf(t)] = (c[labelOf(t)] ?? 0) + 1;
    return c;
  };
  const eventList = [START, ...m.templates.map((t) => t.eventId), END];
  const tplOf = new Map(m.templates.map((t) => [t.eventId, t.template]));
  const nEvents = (ts: readonly Trace[]) => ts.reduce((n, t) => n + t.events.length, 0);
  return {
    real: { traces: real.length, events: nEvents(real) },
    synthetic: { traces: synthetic.length, events: nEvents(synthetic) },
    constraints: {
      accepted: share(accepted, synthetic.length),
      foreignKeyViolations: opts.foreignKeyViolations ?? null,
      monotonicTimestamps: share(monotonic, synthetic.length),
      identifierConsistency: share(consistent, synthetic.length),
    },
    similarity: {
      eventJsd: jsd(events(real), events(synthetic)),
      transitionJsd: jsd(realPairs, synPairs),
      transitionRowJsd: rowW ? rowJsd / rowW : 0,
      lengthKs: ks2(real.map((t) => t.events.length), synthetic.map((t) => t.events.length)),
      interEventTimeKs: realDt.length && synDt.length ? ks2(realDt, synDt) : null,
    },
    process: { fitness: synthetic.length ? fitSum / synthetic.length : 1, precision: precDen ? precNum / precDen : 1 },
    amplification: {
      rareShare, realRareTraces: realRare, syntheticRareTraces: synRare, pathFactor: realRare > 0 ? synRare / realRare : null,
      novelPaths: novel, realRareTransitions: realRareTr, syntheticRareTransitions: synRareTr, factor: realRareTr > 0 ? synRareTr / realRareTr : null,
    },
    labels: { real: labelCounts(real), synthetic: labelCounts(synthetic) },
    matrices: { events: eventList, real: matrix(real, eventList), synthetic: matrix(synthetic, eventList) },
    graph: {
      nodes: m.states.map((s) => ({ id: s.id, label: s.label, initial: s.initial, final: s.finalCount > 0, visits: s.visits })),
      edges: m.transitions.map((t) => ({ id: t.id, from: t.from, to: t.to, eventId: t.eventId, template: tplOf.get(t.eventId) ?? t.eventId, prob: t.prob, count: t.count })),
    },
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const num = (x: number | null) => (x === null ? 'n/a' : x.toFixed(4));

export function fidelityMarkdown(r: FidelityReport): string {
  const c = r.constraints, s = r.similarity, a = r.amplification;
  return [
    '# Fidelity report',
    '',
    `Real: ${r.real.traces} traces, ${r.real.events} events. Synthetic: ${r.synthetic.traces} traces, ${r.synthetic.events} events.`,
    '',
    '## Constraint validity',
    '| check | value |', '|---|---|',
    `| accepted by the machine | ${pct(c.accepted)} |`,
    `| foreign-key violations | ${c.foreignKeyViolations ?? 'not checked'} |`,
    `| monotonic timestamps | ${pct(c.monotonicTimestamps)} |`,
    `| identifier consistency | ${pct(c.identifierConsistency)} |`,
    '',
    '## Distributional similarity (0 = identical)',
    '| metric | value |', '|---|---|',
    `| JSD of event frequencies | ${num(s.eventJsd)} |`,
    `| JSD of transition (directly-follows) frequencies | ${num(s.transitionJsd)} |`,
    `| mean JSD of next-event distributions | ${num(s.transitionRowJsd)} |`,
    `| KS statistic, trace lengths | ${num(s.lengthKs)} |`,
    `| KS statistic, inter-event times | ${num(s.interEventTimeKs)} |`,
    '',
    '## Process level',
    `Fitness ${num(r.process.fitness)}, precision ${num(r.process.precision)}.`,
    '',
    '## Rare paths',
    `Traces using a rare transition (probability < 5%): real ${pct(a.realRareTransitions)}, synthetic ${pct(a.syntheticRareTransitions)}` +
      (a.factor === null ? '.' : ` (amplification x${a.factor.toFixed(2)}).`),
    `Rare real paths (each followed by <= ${pct(a.rareShare)} of real traces): ${pct(a.realRareTraces)} of real traces, ${pct(a.syntheticRareTraces)} of synthetic traces.`,
    `Synthetic traces on valid paths never seen in the real log: ${pct(a.novelPaths)}.`,
    '',
    `Labels: real ${JSON.stringify(r.labels.real)}, synthetic ${JSON.stringify(r.labels.synthetic)}.`,
    '',
  ].join('\n');
}
