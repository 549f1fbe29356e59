import { existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliError, parse, numberOption, type Command } from '../args';
import { readTraces, foreignKeyViolations } from '../../core/relational/write';
import { fidelityReport, fidelityMarkdown } from '../../core/fidelity/report';
import { readMachine } from './synth';

const usage = 'logsynth fidelity <real fsm dir> <synthetic dir> [--out DIR] [--rare-share 0.01] [--json]';

function relationalFile(dir: string): string {
  for (const f of [join(dir, 'relational.sqlite'), join(dir, 'relational', 'relational.sqlite')]) if (existsSync(f)) return f;
  throw new CliError(`${dir} has no relational.sqlite (expected the output of \`logsynth fsm\` or \`logsynth synth\`)`);
}

export const fidelityCommand: Command = {
  summary: 'compare synthetic traces with the real ones and their state machine (JSON + Markdown report)',
  async run(argv) {
    const { values, positionals } = parse(argv, { out: { type: 'string' }, 'rare-share': { type: 'string' }, json: { type: 'boolean' } }, usage);
    const [realDir, synDir] = positionals;
    if (!realDir || !synDir) throw new CliError(`give the real (fsm) and the synthetic folders\nusage: ${usage}`);
    const machine = readMachine(resolve(realDir));
    const real = await readTraces(relationalFile(resolve(realDir)));
    real.db.close();
    const syn = await readTraces(relationalFile(resolve(synDir)));
    const fk = foreignKeyViolations(syn.db).length;
    syn.db.close();
    const report = fidelityReport(machine, real.traces, syn.traces, { foreignKeyViolations: fk, rareShare: numberOption(values['rare-share'], 'rare-share', 0.01) });
    const out = resolve(values.out ?? synDir);
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'fidelity.json'), JSON.stringify(report));
    const md = fidelityMarkdown(report);
    writeFileSync(join(out, 'fidelity.md'), md);
    if (values.json) console.log(JSON.stringify({ ...report, matrices: undefined, graph: undefined }, null, 2));
    else console.log(`${md}\nwrote ${join(out, 'fidelity.json')} and fidelity.md`);
    return 0;
  },
};
