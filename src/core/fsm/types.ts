// The recovered state machine: plain JSON (machine.json), also written as relational tables.
import type { Label } from '../model';

/** Which behaviour a sub-machine was learned from. Unlabeled logs give one 'Unlabeled' sub-machine. */
export type MachineLabel = Label | 'Unlabeled';

/** A distribution of non-negative numbers (milliseconds, lengths) by its quantiles, for sampling and reports. */
export interface Distribution {
  n: number;
  mean: number;
  std: number;
  min: number;
  max: number;
  /** QUANTILES evenly spaced quantiles from min (q0) to max (q1); sampled by inverse-CDF interpolation. */
  quantiles: number[];
}

export interface FsmState {
  id: number;
  label: MachineLabel;
  initial: boolean;
  /** Traces that passed through the state. */
  visits: number;
  /** Traces that ended here (> 0 makes it accepting). */
  finalCount: number;
}

export interface FsmTransition {
  id: number;
  from: number;
  to: number;
  eventId: string;
  count: number;
  /** count / (all transitions out of `from` + traces ending at `from`). */
  prob: number;
  /** Time since the previous event of the trace (ms); undefined when the traces had no times or this is a first event. */
  dt?: Distribution;
}

export type SlotKind = 'identifier' | 'numeric' | 'categorical' | 'pattern' | 'constant';

/** What the logs say about one `<*>` slot of one event. */
export interface SlotModel {
  eventId: string;
  slot: number;
  kind: SlotKind;
  n: number;
  distinct: number;
  /** Identifier group: slots of one group hold the same value inside a trace (e.g. the block id in every HDFS event). */
  group?: number;
  /** categorical / constant: values with counts. */
  values?: { value: string; count: number }[];
  /** numeric. */
  integer?: boolean;
  decimals?: number;
  dist?: Distribution;
  /** identifier / pattern: observed examples (a reservoir), the shape of new values. */
  samples?: string[];
  /** pattern: the value is a list that names the trace's own id (HDFS `ask ... to delete blk_1 blk_2`). */
  listsKey?: boolean;
}

export interface MachineTemplate {
  eventId: string;
  template: string;
  count: number;
  /** The most common level, component and thread (Pid/Process) of the event's lines, when the source had them. */
  level?: string;
  component?: string;
  thread?: string;
}

export interface StateMachine {
  version: 1;
  k: number;
  labels: MachineLabel[];
  /** Initial state of each sub-machine. */
  initial: Partial<Record<MachineLabel, number>>;
  states: FsmState[];
  transitions: FsmTransition[];
  templates: MachineTemplate[];
  slots: SlotModel[];
  /** Traces learned from, by label. */
  traceCounts: Partial<Record<MachineLabel, number>>;
  lengths: Distribution;
  /** Trace start times (ms since epoch), when the traces had times. */
  starts?: Distribution;
  /** Size of the prefix tree before merging, for reports. */
  ptaStates: number;
  source: string;
  /** How the source wrote times (synthetic lines are written the same way). */
  timeStyle?: 'hdfs' | 'iso';
}
