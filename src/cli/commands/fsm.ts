import { resolve } from 'node:path';
import { CliError, parse, intOption, type Command } from '../args';
import { recoverToDir, WorkflowError, type RecoverResult } from '../../core/logs/workflow';

const usage = 'logsynth fsm <log|structured.csv|sessions.csv> --out DIR [--session-key REGEX|field:NAME|window:SECONDS] ' +
  '[--format F] [--labels anomaly_label.csv] [--templates templates.csv] [--k N|auto] [--json]';

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
    const auto = values.k === undefined || values.k === 'auto';
    let r: RecoverResult;
    try {
      r = await recoverToDir(resolve(file), resolve(values.out), {
        k: auto ? 'auto' : intOption(values.k, 'k', 2, 1),
        ...(values.format ? { format: values.format } : {}), ...(values['session-key'] ? { sessionKey: values['session-key'] } : {}),
        ...(values.labels ? { labels: resolve(values.labels) } : {}), ...(values.templates ? { templates: resolve(values.templates) } : {}),
      });
    } catch (e) {
      if (e instanceof WorkflowError) throw new CliError(e.message);
      throw e;
    }
    const m = r.machine;
    const summary = {
      input: file, kind: r.traces.kind, traces: r.traces.traces.length, labeled: r.traces.labeled, unkeyed: r.traces.unkeyed, traceCounts: m.traceCounts,
      k: m.k, ...(r.kTried ? { kTried: r.kTried } : {}), ptaStates: m.ptaStates, states: m.states.length,
      transitions: m.transitions.length, templates: m.templates.length, seconds: +r.seconds.toFixed(3),
      files: { machine: r.machineFile, sqlite: r.relational.sqlite, csv: r.relational.csv }, rows: r.relational.rows,
      ...(r.traces.parsed ? { rejectedLines: r.traces.parsed.badCount } : {}),
    };
    if (values.json) console.log(JSON.stringify(summary, null, 2));
    else {
      console.log(`${summary.traces} traces (${Object.entries(m.traceCounts).map(([l, n]) => `${l} ${n}`).join(', ')}) from ${file}`);
      console.log(`k-tails k=${m.k}${auto ? ' (auto)' : ''}: ${m.ptaStates} prefix-tree states -> ${m.states.length} states, ${m.transitions.length} transitions, ${m.templates.length} events, in ${summary.seconds}s`);
      console.log(`wrote ${r.machineFile}\nwrote ${r.relational.sqlite} (+ ${Object.keys(r.relational.csv).length} CSVs)`);
    }
    return 0;
  },
};
