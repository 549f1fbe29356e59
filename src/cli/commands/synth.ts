import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliError, parse, intOption, numberOption, type Command } from '../args';
import { synthesize } from '../../core/synth/generate';
import { writeSynthetic } from '../../core/synth/export';
import type { StateMachine } from '../../core/fsm/types';
import { MACHINE_FILE } from './fsm';

const usage = 'logsynth synth <fsm dir> --traces N [--amplify A] [--seed S] [--anomaly-ratio R] --out DIR [--name NAME] [--overwrite] [--json]';

export function readMachine(dir: string): StateMachine {
  const file = join(dir, MACHINE_FILE);
  if (!existsSync(file)) throw new CliError(`${dir} has no ${MACHINE_FILE}: run \`logsynth fsm ... --out ${dir}\` first`);
  let m: StateMachine;
  try { m = JSON.parse(readFileSync(file, 'utf8')) as StateMachine; } catch (e) { throw new CliError(`${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`); }
  if (m.version !== 1 || !Array.isArray(m.states) || !Array.isArray(m.transitions)) throw new CliError(`${file} is not a LogSynth state machine`);
  return m;
}

export const synthCommand: Command = {
  summary: 'synthesize labeled traces by walking a recovered state machine (loghub + relational output)',
  async run(argv) {
    const { values, positionals } = parse(argv, {
      traces: { type: 'string' }, amplify: { type: 'string' }, seed: { type: 'string' }, 'anomaly-ratio': { type: 'string' },
      out: { type: 'string' }, name: { type: 'string' }, overwrite: { type: 'boolean' }, json: { type: 'boolean' },
    }, usage);
    const dir = positionals[0];
    if (!dir) throw new CliError(`missing <fsm dir>\nusage: ${usage}`);
    if (!values.out) throw new CliError(`give --out DIR\nusage: ${usage}`);
    const machine = readMachine(resolve(dir));
    const traces = intOption(values.traces, 'traces', 1000, 0);
    const amplify = numberOption(values.amplify, 'amplify', 0);
    if (amplify < 0) throw new CliError(`--amplify must be >= 0 (got ${amplify})`);
    const seed = intOption(values.seed, 'seed', 1, 0);
    const ratio = values['anomaly-ratio'] === undefined ? undefined : numberOption(values['anomaly-ratio'], 'anomaly-ratio', 0);
    if (ratio !== undefined && !(ratio >= 0 && ratio <= 1)) throw new CliError(`--anomaly-ratio must be in [0, 1] (got ${ratio})`);
    const controller = new AbortController();
    process.once('SIGINT', () => controller.abort());
    const result = synthesize(machine, { traces, amplify, seed, ...(ratio !== undefined ? { anomalyRatio: ratio } : {}), signal: controller.signal });
    const out = resolve(values.out);
    let files;
    try {
      files = await writeSynthetic(out, machine, result.traces, { name: values.name ?? 'synthetic', overwrite: !!values.overwrite, meta: { seed, amplify, machine: resolve(dir) } });
    } catch (e) { throw new CliError(e instanceof Error ? e.message : String(e)); }
    const summary = { ...result.stats, seconds: +result.stats.seconds.toFixed(3), amplify, seed, out, files: files.dataset, relational: files.relational.sqlite };
    writeFileSync(join(out, 'synth-stats.json'), JSON.stringify(summary, null, 2));
    if (values.json) console.log(JSON.stringify(summary, null, 2));
    else {
      console.log(`${result.stats.traces} traces, ${result.stats.events} events (${Object.entries(result.stats.byLabel).map(([l, n]) => `${l} ${n}`).join(', ')}) in ${summary.seconds}s`);
      console.log(`wrote ${out} (loghub files, dataset.sqlite, relational/relational.sqlite)`);
    }
    return 0;
  },
};
