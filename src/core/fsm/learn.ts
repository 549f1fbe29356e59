// State-machine recovery: a prefix-tree acceptor (PTA) per label, merged by k-tails (Biermann & Feldman 1972):
// two PTA states merge when the sets of event strings of length <= k that can follow them (with an end marker
// where a trace may stop) are equal; merges that leave a state with two successors on one event are then folded
// (the successors merged too) so the machine stays deterministic. Merging only ever adds paths, so every trace
// the machine is built from is still accepted. Normal and anomalous traces get separate sub-machines, which is
// how the machine keeps "which paths are which".
import type { Trace } from '../logs/traces';
import { distributionOf } from './distribution';
import { learnSlots } from './slots';
import type { FsmState, FsmTransition, MachineLabel, StateMachine } from './types';

export interface LearnOptions {
  /** k of k-tails (default 2). Larger k: more states, a tighter machine. */
  k?: number;
  templates?: ReadonlyMap<string, string>;
  source?: string;
  timeStyle?: 'hdfs' | 'iso';
}

/** The most common value of a field per event id. */
class Mode {
  private counts = new Map<string, Map<string, number>>();
  add(eventId: string, v: string | undefined): void {
    if (v === undefined) return;
    const m = this.counts.get(eventId) ?? this.counts.set(eventId, new Map()).get(eventId)!;
    m.set(v, (m.get(v) ?? 0) + 1);
  }
  get(eventId: string): string | undefined {
    let best: string | undefined, n = 0;
    for (const [v, c] of this.counts.get(eventId) ?? []) if (c > n) { best = v; n = c; }
    return best;
  }
}

interface PtaNode {
  children: Map<string, number>;
  ends: number;
  visits: number;
}

const END = '$';

function buildPta(traces: readonly Trace[]): PtaNode[] {
  const nodes: PtaNode[] = [{ children: new Map(), ends: 0, visits: 0 }];
  for (const t of traces) {
    let cur = 0;
    nodes[0]!.visits++;
    for (const e of t.events) {
      let next = nodes[cur]!.children.get(e.eventId);
      if (next === undefined) { next = nodes.length; nodes.push({ children: new Map(), ends: 0, visits: 0 }); nodes[cur]!.children.set(e.eventId, next); }
      cur = next;
      nodes[cur]!.visits++;
    }
    nodes[cur]!.ends++;
  }
  return nodes;
}

/** The k-tail signature of every PTA node, computed bottom-up by depth (children have larger ids). */
function kTailSignatures(nodes: PtaNode[], k: number): string[] {
  // tails[d][n]: the set of tails of length <= d from node n, as strings.
  let prev: Set<string>[] = nodes.map(() => new Set(['']));
  for (let d = 1; d <= k; d++) {
    const cur: Set<string>[] = new Array(nodes.length);
    for (let n = 0; n < nodes.length; n++) {
      const s = new Set<string>();
      const node = nodes[n]!;
      if (node.ends > 0) s.add(END);
      if (node.children.size === 0 && node.ends === 0) s.add('');
      for (const [ev, c] of node.children) for (const t of prev[c]!) s.add(t === '' ? ev : `${ev} ${t}`);
      cur[n] = s;
    }
    prev = cur;
  }
  return prev.map((s) => [...s].sort().join('\n'));
}

class UnionFind {
  private parent: Int32Array;
  constructor(n: number) { this.parent = Int32Array.from({ length: n }, (_, i) => i); }
  find(x: number): number {
    let r = x;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[x] !== r) { const nx = this.parent[x]!; this.parent[x] = r; x = nx; }
    return r;
  }
  /** Keeps the smaller id as representative (the root stays 0). */
  union(a: number, b: number): boolean {
    const ra = this.find(a), rb = this.find(b);
    if (ra === rb) return false;
    if (ra < rb) this.parent[rb] = ra; else this.parent[ra] = rb;
    return true;
  }
}

/** Merged PTA: representative of each node, deterministic by folding. */
function kTails(nodes: PtaNode[], k: number): UnionFind {
  const uf = new UnionFind(nodes.length);
  const sig = kTailSignatures(nodes, k);
  const bySig = new Map<string, number>();
  for (let n = 0; n < nodes.length; n++) {
    const first = bySig.get(sig[n]!);
    if (first === undefined) bySig.set(sig[n]!, n); else uf.union(first, n);
  }
  // Fold until deterministic: one successor per (state, event).
  for (let changed = true; changed;) {
    changed = false;
    const succ = new Map<string, number>();
    for (let n = 0; n < nodes.length; n++) {
      const from = uf.find(n);
      for (const [ev, c] of nodes[n]!.children) {
        const key = `${from}\u0000${ev}`;
        const to = uf.find(c);
        const seen = succ.get(key);
        if (seen === undefined) succ.set(key, to);
        else if (uf.find(seen) !== to) { uf.union(seen, to); changed = true; }
      }
    }
  }
  return uf;
}

export function labelOf(t: Trace): MachineLabel {
  return t.label ?? 'Unlabeled';
}

export function learnMachine(traces: readonly Trace[], opts: LearnOptions = {}): StateMachine {
  const k = opts.k ?? 2;
  if (!(Number.isInteger(k) && k >= 1)) throw new Error(`k-tails: k must be an integer >= 1 (got ${k})`);
  if (traces.length === 0) throw new Error('no traces to learn a state machine from');
  const groups = new Map<MachineLabel, Trace[]>();
  for (const t of traces) {
    const l = labelOf(t);
    (groups.get(l) ?? groups.set(l, []).get(l)!).push(t);
  }
  const order: MachineLabel[] = (['Normal', 'Anomaly', 'Unlabeled'] as MachineLabel[]).filter((l) => groups.has(l));
  const states: FsmState[] = [];
  const transitions: FsmTransition[] = [];
  const initial: Partial<Record<MachineLabel, number>> = {};
  const traceCounts: Partial<Record<MachineLabel, number>> = {};
  let ptaStates = 0;
  for (const label of order) {
    const group = groups.get(label)!;
    traceCounts[label] = group.length;
    const pta = buildPta(group);
    ptaStates += pta.length;
    const uf = kTails(pta, k);
    const stateOf = new Map<number, number>(); // representative -> global state id
    const sid = (n: number): number => {
      const r = uf.find(n);
      let s = stateOf.get(r);
      if (s === undefined) {
        s = states.length;
        stateOf.set(r, s);
        states.push({ id: s, label, initial: r === 0, visits: 0, finalCount: 0 });
      }
      return s;
    };
    initial[label] = sid(0);
    const byKey = new Map<string, FsmTransition>();
    for (let n = 0; n < pta.length; n++) {
      const from = sid(n);
      for (const [ev, c] of pta[n]!.children) {
        const to = sid(c);
        const key = `${from}\u0000${ev}`;
        const tr = byKey.get(key);
        if (tr) tr.count += pta[c]!.visits;
        else {
          const t: FsmTransition = { id: transitions.length, from, to, eventId: ev, count: pta[c]!.visits, prob: 0 };
          byKey.set(key, t);
          transitions.push(t);
        }
      }
    }
  }
  const machine: StateMachine = {
    version: 1, k, labels: order, initial, states, transitions, templates: [], slots: [], traceCounts,
    lengths: distributionOf(traces.map((t) => t.events.length))!, ptaStates, source: opts.source ?? '',
  };
  // Replay every trace: visits, final counts, inter-event times per transition.
  const index = transitionIndex(machine);
  const dts = new Map<number, number[]>();
  const eventCounts = new Map<string, number>();
  const starts: number[] = [];
  const levels = new Mode(), components = new Mode(), threads = new Mode();
  for (const t of traces) {
    let s = initial[labelOf(t)]!;
    states[s]!.visits++;
    let prevTime: number | undefined;
    if (t.events[0]?.time !== undefined) starts.push(t.events[0].time);
    for (const e of t.events) {
      eventCounts.set(e.eventId, (eventCounts.get(e.eventId) ?? 0) + 1);
      levels.add(e.eventId, e.level); components.add(e.eventId, e.component); threads.add(e.eventId, e.thread);
      const tr = index.get(s)?.get(e.eventId);
      if (!tr) throw new Error(`internal: learned machine rejects training trace ${t.id}`);
      if (e.time !== undefined && prevTime !== undefined) (dts.get(tr.id) ?? dts.set(tr.id, []).get(tr.id)!).push(Math.max(0, e.time - prevTime));
      prevTime = e.time;
      s = tr.to;
      states[s]!.visits++;
    }
    states[s]!.finalCount++;
  }
  for (const tr of transitions) {
    const out = index.get(tr.from)!;
    let total = states[tr.from]!.finalCount;
    for (const o of out.values()) total += o.count;
    tr.prob = tr.count / total;
    const d = dts.get(tr.id);
    if (d?.length) tr.dt = distributionOf(d);
  }
  const starts_ = distributionOf(starts);
  if (starts_) machine.starts = starts_;
  if (opts.timeStyle) machine.timeStyle = opts.timeStyle;
  machine.templates = [...eventCounts].map(([eventId, count]) => {
    const t: StateMachine['templates'][number] = { eventId, template: opts.templates?.get(eventId) ?? eventId, count };
    const level = levels.get(eventId), component = components.get(eventId), thread = threads.get(eventId);
    if (level) t.level = level;
    if (component) t.component = component;
    if (thread) t.thread = thread;
    return t;
  }).sort((a, b) => a.eventId.localeCompare(b.eventId, 'en', { numeric: true }));
  machine.slots = learnSlots(traces, machine.templates);
  return machine;
}

/** state -> event -> transition. */
export function transitionIndex(m: StateMachine): Map<number, Map<string, FsmTransition>> {
  const idx = new Map<number, Map<string, FsmTransition>>();
  for (const t of m.transitions) (idx.get(t.from) ?? idx.set(t.from, new Map()).get(t.from)!).set(t.eventId, t);
  return idx;
}

export interface Replay {
  accepted: boolean;
  /** Events replayed before the first one the machine has no transition for (= length when all replay). */
  replayed: number;
  /** The trace replayed to its end but the last state is not accepting. */
  endsInNonFinal: boolean;
  transitions: number[];
}

/** Replays an event sequence on one sub-machine. */
export function replay(m: StateMachine, eventIds: readonly string[], label: MachineLabel, index = transitionIndex(m)): Replay {
  const start = m.initial[label];
  if (start === undefined) return { accepted: false, replayed: 0, endsInNonFinal: false, transitions: [] };
  let s = start;
  const used: number[] = [];
  for (let i = 0; i < eventIds.length; i++) {
    const tr = index.get(s)?.get(eventIds[i]!);
    if (!tr) return { accepted: false, replayed: i, endsInNonFinal: false, transitions: used };
    used.push(tr.id);
    s = tr.to;
  }
  const final = m.states[s]!.finalCount > 0;
  return { accepted: final, replayed: eventIds.length, endsInNonFinal: !final, transitions: used };
}

/** The labels whose sub-machine accepts the sequence (the machine's opinion of which behaviour it is). */
export function classify(m: StateMachine, eventIds: readonly string[], index = transitionIndex(m)): MachineLabel[] {
  return m.labels.filter((l) => replay(m, eventIds, l, index).accepted);
}

/** Accepted by the sub-machine of its label (or by any sub-machine when unlabeled). */
export function accepts(m: StateMachine, trace: Trace, index = transitionIndex(m)): boolean {
  const ids = trace.events.map((e) => e.eventId);
  if (trace.label && m.initial[trace.label] !== undefined) return replay(m, ids, trace.label, index).accepted;
  return classify(m, ids, index).length > 0;
}
