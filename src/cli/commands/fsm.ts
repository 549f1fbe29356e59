import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliError, parse, intOption, type Command } from '../args';
import { loadTraces } from '../../core/logs/load-traces';
import { learnMachine } from '../../core/fsm/learn';
import { learnMachineAutoK } from '../../core/fsm/auto-k';
import { writeRelational } from '../../core/relational/write';
import type { StateMachine } from '../../core/fsm/types';

const usage = 'logsynth fsm <log|structured.csv|sessions.csv> --out DIR [--session-key REGEX|field:NAME|window:SECONDS] ' +
  '[--format F] [--labels anomaly_label.csv] [--templates templates.csv] [--k N|auto] [--json]';

export const MACHINE_FILE = 'machine.json';

export const fsmCommand: Command = {
  summary: 'recover a state machine from logs and write it with the logs as a relational database',
  async run(argv) {
    const { values, positionals } = parse(argv, {
      out: { type: 'string' }, 'session-key': { type: 'string' }, format: { type: 'string' }, labels: { type: 'string' },
      templates: { type: 'string' }, k: { type: 'string' }, json: { type: 'boolean' },
    }, usage);
    const file = positionals[0];
    if (!file) throw new CliError(`missing <log|structured.csv|sessions.csv>\nusage: ${usage}`);
    if (!values.out) throw new CliError(`give --out DIR\nusage: ${usage}`);
    const out = resolve(values.out);
    const auto = values.k === undefined || values.k === 'auto';
    const k = auto ? 0 : intOption(values.k, 'k', 2, 1);
    const t0 = performance.now();
    let set;
    try {
      set = await loadTraces(resolve(file), {
        ...(values.format ? { format: values.format } : {}), ...(values['session-key'] ? { sessionKey: values['session-key'] } : {}),
        ...(values.labels ? { labels: resolve(values.labels) } : {}), ...(values.templates ? { templates: resolve(values.templates) } : {}),
      });
    } catch (e) { throw new CliError(e instanceof Error ? e.message : String(e)); }
    if (set.traces.length === 0) throw new CliError(`no traces in ${file}: check --session-key (${set.unkeyed} events matched no session)`);
    const learnOpts = { templates: set.templates, source: file, ...(set.timeStyle ? { timeStyle: set.timeStyle } : {}) };
    let machine: StateMachine;
    let tried;
    if (auto) ({ machine, tried } = learnMachineAutoK(set.traces, learnOpts));
    else machine = learnMachine(set.traces, { ...learnOpts, k });
    const seconds = (performance.now() - t0) / 1000;
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, MACHINE_FILE), JSON.stringify(machine, null, 1));
    const rel = await writeRelational(out, { traces: set.traces, templates: set.templates, machine, meta: { kind: 'real', source: file, k: machine.k } });
    const summary = {
      input: file, kind: set.kind, traces: set.traces.length, labeled: set.labeled, unkeyed: set.unkeyed, traceCounts: machine.traceCounts,
      k: machine.k, ...(tried ? { kTried: tried } : {}), ptaStates: machine.ptaStates, states: machine.states.length,
      transitions: machine.transitions.length, templates: machine.templates.length, seconds: +seconds.toFixed(3),
      files: { machine: join(out, MACHINE_FILE), sqlite: rel.sqlite, csv: rel.csv }, rows: rel.rows,
      ...(set.parsed ? { rejectedLines: set.parsed.badCount } : {}),
    };
    if (values.json) console.log(JSON.stringify(summary, null, 2));
    else {
      console.log(`${summary.traces} traces (${Object.entries(machine.traceCounts).map(([l, n]) => `${l} ${n}`).join(', ')}) from ${file}`);
      console.log(`k-tails k=${machine.k}${auto ? ' (auto)' : ''}: ${machine.ptaStates} prefix-tree states -> ${machine.states.length} states, ${machine.transitions.length} transitions, ${machine.templates.length} events, in ${summary.seconds}s`);
      console.log(`wrote ${summary.files.machine}\nwrote ${rel.sqlite} (+ ${Object.keys(rel.csv).length} CSVs)`);
    }
    return 0;
  },
};
