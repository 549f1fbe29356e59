// `logsynth eval`: do synthetic logs make anomaly detectors better? Trains each detector on the real
// training split with and without each synthetic data set and scores them on the same real test split.
import { CliError, intOption, parse, type Command } from '../args';
import { InputError } from '../../core/eval/data';
import { runEvaluation } from '../../core/eval/runner';

const USAGE = 'logsynth eval --real SESSIONS.csv [--real-templates CSV] [--synthetic DIR]... [--models all|fast|LIST] ' +
  '[--seeds 3] [--max-synthetic N] [--no-oversample] [--top-g 9|auto] --out DIR';

export const evalCommand: Command = {
  summary: 'train anomaly detectors on real logs with and without synthetic data; write results.csv, summary.csv, results.md',
  async run(argv) {
    const { values, positionals } = parse(argv, {
      real: { type: 'string' },
      'real-templates': { type: 'string' },
      synthetic: { type: 'string', multiple: true },
      models: { type: 'string', default: 'all' },
      seeds: { type: 'string' },
      'max-synthetic': { type: 'string' },
      'no-oversample': { type: 'boolean', default: false },
      dataset: { type: 'string' },
      'top-g': { type: 'string' },
      out: { type: 'string', short: 'o' },
      quiet: { type: 'boolean', short: 'q', default: false },
    }, USAGE);
    if (positionals.length) throw new CliError(`unexpected argument '${positionals[0]}'\nusage: ${USAGE}`);
    if (!values.real) throw new CliError(`--real is required\nusage: ${USAGE}`);
    if (!values.out) throw new CliError(`--out is required\nusage: ${USAGE}`);
    const seeds = intOption(values.seeds, 'seeds', 3, 1);
    const topG = values['top-g'] === undefined || values['top-g'] === 'auto' ? values['top-g'] : intOption(values['top-g'], 'top-g', 9, 1);
    const maxSynthetic = values['max-synthetic'] === undefined ? undefined : intOption(values['max-synthetic'], 'max-synthetic', 0, 0);
    // Ctrl-C stops after the current model and still writes what finished.
    const abort = new AbortController();
    const onSigint = () => { console.error('\ninterrupted: finishing the current model, then writing partial results'); abort.abort(); };
    process.once('SIGINT', onSigint);
    try {
      const result = await runEvaluation({
        real: values.real,
        ...(values['real-templates'] ? { realTemplates: values['real-templates'] } : {}),
        synthetic: values.synthetic ?? [],
        models: values.models,
        seeds,
        out: values.out,
        oversample: !values['no-oversample'],
        ...(maxSynthetic !== undefined ? { maxSynthetic } : {}),
        ...(values.dataset ? { dataset: values.dataset } : {}),
        ...(topG !== undefined ? { topG: topG as number | 'auto' } : {}),
      }, {
        signal: abort.signal,
        onProgress: (p) => {
          if (values.quiet && !/F1/.test(p.message)) return;
          console.error(p.total ? `[${p.done}/${p.total}] ${p.message}` : p.message);
        },
      });
      console.error(`${result.cancelled ? 'cancelled; partial results' : 'done'}: ${result.rows.length} runs, wrote ${result.files.join(', ')}`);
      return result.cancelled ? 130 : 0;
    } catch (e) {
      if (e instanceof InputError || (e instanceof Error && /^unknown model/.test(e.message))) throw new CliError(e.message);
      throw e;
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
  },
};
