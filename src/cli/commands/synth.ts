import { resolve } from 'node:path';
import { CliError, parse, intOption, numberOption, type Command } from '../args';
import { synthesizeToDir, WorkflowError } from '../../core/logs/workflow';

const usage = 'logsynth synth <fsm dir> --traces N [--amplify A] [--seed S] [--anomaly-ratio R] --out DIR [--name NAME] [--overwrite] [--json]';

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
    const traces = intOption(values.traces, 'traces', 1000, 0);
    const amplify = numberOption(values.amplify, 'amplify', 0);
    if (amplify < 0) throw new CliError(`--amplify must be >= 0 (got ${amplify})`);
    const seed = intOption(values.seed, 'seed', 1, 0);
    const ratio = values['anomaly-ratio'] === undefined ? undefined : numberOption(values['anomaly-ratio'], 'anomaly-ratio', 0);
    if (ratio !== undefined && !(ratio >= 0 && ratio <= 1)) throw new CliError(`--anomaly-ratio must be in [0, 1] (got ${ratio})`);
    const controller = new AbortController();
    process.once('SIGINT', () => controller.abort());
    const out = resolve(values.out);
    let r;
    try {
      r = await synthesizeToDir(resolve(dir), out, {
        traces, amplify, seed, ...(ratio !== undefined ? { anomalyRatio: ratio } : {}), signal: controller.signal,
        name: values.name ?? 'synthetic', overwrite: !!values.overwrite,
      });
    } catch (e) {
      if (e instanceof WorkflowError) throw new CliError(e.message);
      throw e;
    }
    const summary = { ...r.stats, seconds: +r.stats.seconds.toFixed(3), amplify, seed, out, files: r.files, relational: r.relational };
    if (values.json) console.log(JSON.stringify(summary, null, 2));
    else {
      console.log(`${r.stats.traces} traces, ${r.stats.events} events (${Object.entries(r.stats.byLabel).map(([l, n]) => `${l} ${n}`).join(', ')}) in ${summary.seconds}s`);
      console.log(`wrote ${out} (loghub files, dataset.sqlite, relational/relational.sqlite)`);
    }
    return 0;
  },
};
