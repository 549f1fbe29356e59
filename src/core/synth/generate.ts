// Synthetic traces by walking the recovered machine. Each trace first picks a behaviour (sub-machine: Normal /
// Anomaly / Unlabeled, in the real proportions unless told), then walks from its initial state: it stops (in an
// accepting state) with the real probability of stopping there, else takes an outgoing transition with weight
// count^(1 - amplify): amplify 0 reproduces the real frequencies, 1 makes every valid branch equally likely, above 1
// favours the rare ones. A walk that nears the
// length cap heads to the nearest accepting state, so every trace is accepted by the machine. Times are drawn from
// each transition's fitted inter-event distribution, parameters from the slot models, one value per identifier
// group and trace (the session-key group gives the trace its id).
import type { Label } from '../model';
import { createRng, type Rng } from '../util/rng';
import { renderTemplate, type Trace, type TraceEvent } from '../logs/traces';
import { sampleDistribution } from '../fsm/distribution';
import { transitionIndex } from '../fsm/learn';
import { SESSION_GROUP } from '../fsm/slots';
import type { FsmTransition, MachineLabel, SlotModel, StateMachine } from '../fsm/types';

export interface SynthOptions {
  traces: number;
  /** Rare-path amplification, >= 0 (0: real frequencies, 1: uniform over valid choices, > 1: rare first). */
  amplify?: number;
  seed?: number;
  /** Share of Anomaly traces when the machine has both labels (default: the real share). */
  anomalyRatio?: number;
  /** Longest trace (default: twice the longest real trace, at least 10). */
  maxLength?: number;
  signal?: AbortSignal;
}

export interface SynthStats {
  traces: number;
  events: number;
  byLabel: Partial<Record<MachineLabel, number>>;
  /** Walks that hit the length cap and were steered to an accepting state. */
  steered: number;
  seconds: number;
}

export interface SynthResult {
  traces: Trace[];
  stats: SynthStats;
}

/** Distance (transitions) from every state to an accepting state; Infinity when none is reachable. */
function distanceToFinal(m: StateMachine): number[] {
  const dist = m.states.map((s) => (s.finalCount > 0 ? 0 : Infinity));
  const incoming = new Map<number, FsmTransition[]>();
  for (const t of m.transitions) (incoming.get(t.to) ?? incoming.set(t.to, []).get(t.to)!).push(t);
  const queue = m.states.filter((s) => s.finalCount > 0).map((s) => s.id);
  for (let i = 0; i < queue.length; i++) {
    const s = queue[i]!;
    for (const t of incoming.get(s) ?? []) if (dist[t.from] === Infinity) { dist[t.from] = dist[s]! + 1; queue.push(t.from); }
  }
  return dist;
}

/** A new value shaped like `like`: each digit replaced by a random digit (a leading non-zero digit stays non-zero). */
export function freshLike(like: string, rng: Rng): string {
  let out = '';
  for (let i = 0; i < like.length; i++) {
    const c = like[i]!;
    if (c >= '0' && c <= '9') {
      const lead = (i === 0 || !/[0-9]/.test(like[i - 1]!)) && c !== '0' && /[0-9]/.test(like[i + 1] ?? '');
      out += String(lead ? rng.int(1, 9) : rng.int(0, 9));
    } else out += c;
  }
  return out;
}

function weightedPick<T>(items: readonly T[], weights: readonly number[], rng: Rng): T {
  let total = 0;
  for (const w of weights) total += w;
  let r = rng.next() * total;
  for (let i = 0; i < items.length; i++) { r -= weights[i]!; if (r < 0) return items[i]!; }
  return items[items.length - 1]!;
}

function drawSlot(model: SlotModel | undefined, rng: Rng, groups: Map<number, string>): string {
  if (!model) return '';
  switch (model.kind) {
    case 'constant': return model.values![0]!.value;
    case 'categorical': return weightedPick(model.values!.map((v) => v.value), model.values!.map((v) => v.count), rng);
    case 'numeric': {
      const x = sampleDistribution(model.dist!, rng);
      return model.integer ? String(Math.round(x)) : x.toFixed(model.decimals ?? 2);
    }
    case 'identifier': {
      const g = model.group ?? -1;
      let v = groups.get(g);
      if (v === undefined) { v = freshLike(rng.pick(model.samples!), rng); groups.set(g, v); }
      return v;
    }
    default: {
      const v = rng.pick(model.samples ?? ['']);
      const id = groups.get(SESSION_GROUP);
      if (!model.listsKey || id === undefined) return v;
      // A list naming the trace's own id: put this trace's id in place of the word shaped like it.
      const words = v.split(' ');
      const shape = idShape(id);
      const at = words.findIndex((w) => idShape(w) === shape);
      words[at >= 0 ? at : 0] = id;
      return words.join(' ');
    }
  }
}

/** `blk_-123` and `blk_45` share the shape `blk_#`. */
function idShape(s: string): string {
  return s.replace(/-?\d+/g, '#');
}

export function synthesize(m: StateMachine, opts: SynthOptions): SynthResult {
  const t0 = performance.now();
  if (!(Number.isInteger(opts.traces) && opts.traces >= 0)) throw new Error(`traces must be an integer >= 0 (got ${opts.traces})`);
  const amplify = opts.amplify ?? 0;
  if (!(amplify >= 0)) throw new Error(`amplify must be >= 0 (got ${amplify})`);
  const rng = createRng(opts.seed ?? 1);
  const maxLength = opts.maxLength ?? Math.max(10, 2 * m.lengths.max);
  const index = transitionIndex(m);
  const dist = distanceToFinal(m);
  const exponent = 1 - amplify;
  const slots = new Map(m.slots.map((s) => [`${s.eventId}#${s.slot}`, s]));
  const arity = new Map(m.templates.map((t) => [t.eventId, (t.template.match(/<\*>/g) ?? []).length]));
  const templates = new Map(m.templates.map((t) => [t.eventId, t.template]));
  const sessionSlot = m.slots.find((s) => s.group === SESSION_GROUP);
  // Label mix.
  const labels = m.labels;
  const labelWeights = labels.map((l) => m.traceCounts[l] ?? 0);
  if (opts.anomalyRatio !== undefined && labels.includes('Anomaly') && labels.includes('Normal')) {
    if (!(opts.anomalyRatio >= 0 && opts.anomalyRatio <= 1)) throw new Error(`anomaly ratio must be in [0, 1] (got ${opts.anomalyRatio})`);
    labels.forEach((l, i) => { labelWeights[i] = l === 'Anomaly' ? opts.anomalyRatio! : l === 'Normal' ? 1 - opts.anomalyRatio! : 0; });
  }
  // Per-state choices, weights precomputed: the outgoing transitions, then "stop" (undefined) when accepting.
  const choices = new Map<number, { items: (FsmTransition | undefined)[]; weights: number[] }>();
  for (const s of m.states) {
    const items: (FsmTransition | undefined)[] = [...(index.get(s.id)?.values() ?? [])].filter((t) => dist[t.to]! < Infinity);
    if (s.finalCount > 0) items.push(undefined);
    // Stopping keeps its real probability (so amplification moves traces onto rare branches without making them
    // longer); the rest is shared among the transitions by count^(1 - amplify).
    const outCount = items.reduce((n, t) => n + (t ? t.count : 0), 0);
    const pStop = s.finalCount / (s.finalCount + outCount || 1);
    const raw = items.map((t) => (t ? t.count ** exponent : 0));
    const rawSum = raw.reduce((a, b) => a + b, 0);
    choices.set(s.id, { items, weights: items.map((t, i) => (t ? (rawSum ? (raw[i]! / rawSum) * (1 - pStop) : 0) : pStop)) });
  }
  const usedIds = new Set<string>();
  const out: Trace[] = [];
  const stats: SynthStats = { traces: 0, events: 0, byLabel: {}, steered: 0, seconds: 0 };
  const span = m.starts ? m.starts : undefined;
  for (let n = 0; n < opts.traces; n++) {
    if (opts.signal?.aborted) break;
    const label = weightedPick(labels, labelWeights, rng);
    const groups = new Map<number, string>();
    // The trace id: the session identifier when the logs have one, else a counter.
    let id = `syn_${n + 1}`;
    if (sessionSlot?.samples?.length) {
      for (let tries = 0; tries < 20; tries++) {
        const v = freshLike(rng.pick(sessionSlot.samples), rng);
        if (!usedIds.has(v) && !/[\s,]/.test(v)) { id = v; break; }
      }
      if (usedIds.has(id)) id = `${id}_${n + 1}`;
      groups.set(SESSION_GROUP, id);
    }
    usedIds.add(id);
    const events: TraceEvent[] = [];
    let state = m.initial[label]!;
    let time = span ? Math.round(sampleDistribution(span, rng)) : undefined;
    let steered = false;
    for (;;) {
      const c = choices.get(state)!;
      let pick: FsmTransition | undefined;
      if (events.length + dist[state]! >= maxLength) {
        // Head home: only choices that bring an accepting state nearer (or stop here).
        steered = true;
        if (m.states[state]!.finalCount > 0) break;
        const home = c.items.filter((t) => t && dist[t.to]! < dist[state]!);
        pick = weightedPick(home, home.map((t) => c.weights[c.items.indexOf(t)]!), rng);
      } else {
        if (c.items.length === 0) break;
        pick = weightedPick(c.items, c.weights, rng);
      }
      if (!pick) break;
      if (time !== undefined && pick.dt && events.length > 0) time += Math.round(sampleDistribution(pick.dt, rng));
      const k = arity.get(pick.eventId) ?? 0;
      const params: string[] = [];
      for (let s = 0; s < k; s++) params.push(drawSlot(slots.get(`${pick.eventId}#${s}`), rng, groups));
      const ev: TraceEvent = { eventId: pick.eventId, params, content: renderTemplate(templates.get(pick.eventId) ?? pick.eventId, params) };
      if (time !== undefined) ev.time = time;
      events.push(ev);
      state = pick.to;
    }
    if (steered) stats.steered++;
    const trace: Trace = { id, events };
    if (label !== 'Unlabeled') trace.label = label as Label;
    out.push(trace);
    stats.traces++;
    stats.events += events.length;
    stats.byLabel[label] = (stats.byLabel[label] ?? 0) + 1;
  }
  stats.seconds = (performance.now() - t0) / 1000;
  return { traces: out, stats };
}
