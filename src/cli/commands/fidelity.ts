import { resolve } from 'node:path';
import { CliError, parse, numberOption, type Command } from '../args';
import { fidelityOfDirs, WorkflowError } from '../../core/logs/workflow';

const usage = 'logsynth fidelity <real fsm dir> <synthetic dir> [--out DIR] [--rare-share 0.01] [--json]';

export const fidelityCommand: Command = {
  summary: 'compare synthetic traces with the real ones and their state machine (JSON + Markdown report)',
  async run(argv) {
    const { values, positionals } = parse(argv, { out: { type: 'string' }, 'rare-share': { type: 'string' }, json: { type: 'boolean' } }, usage);
    const [realDir, synDir] = positionals;
    if (!realDir || !synDir) throw new CliError(`give the real (fsm) and the synthetic folders\nusage: ${usage}`);
    let r;
    try {
      r = await fidelityOfDirs(resolve(realDir), resolve(synDir), {
        ...(values.out ? { outDir: resolve(values.out) } : {}), rareShare: numberOption(values['rare-share'], 'rare-share', 0.01),
      });
    } catch (e) {
      if (e instanceof WorkflowError) throw new CliError(e.message);
      throw e;
    }
    if (values.json) console.log(JSON.stringify({ ...r.report, matrices: undefined, graph: undefined }, null, 2));
    else console.log(`${r.markdown}\nwrote ${r.files.join(' and ')}`);
    return 0;
  },
};
