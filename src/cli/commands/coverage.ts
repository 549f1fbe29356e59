import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliError, parse, type Command } from '../args';
import { coverageOf, WorkflowError } from '../../core/logs/workflow';

const usage = 'logsynth coverage <java dir> <log> [--format F] [--out DIR] [--include-tests] [--json]';

export const coverageCommand: Command = {
  summary: 'which log statements of a Java tree appear in real logs, how often, and which never do',
  async run(argv) {
    const { values, positionals } = parse(argv, {
      format: { type: 'string' }, out: { type: 'string' }, 'include-tests': { type: 'boolean' }, json: { type: 'boolean' },
    }, usage);
    const [dir, log] = positionals;
    if (!dir || !log) throw new CliError(`give a Java folder and a log file\nusage: ${usage}`);
    const root = resolve(dir);
    if (!existsSync(root) || !statSync(root).isDirectory()) throw new CliError(`no such folder: ${dir}`);
    const logFile = resolve(log);
    if (!existsSync(logFile) || !statSync(logFile).isFile()) throw new CliError(`no such file: ${log}`);
    let r;
    try {
      r = await coverageOf(root, logFile, {
        ...(values.format ? { format: values.format } : {}), includeTests: values['include-tests'] ?? false,
        ...(values.out ? { outDir: resolve(values.out) } : {}),
      });
    } catch (e) {
      if (e instanceof WorkflowError) throw new CliError(e.message);
      throw e;
    }
    if (values.json) console.log(JSON.stringify(r.report, null, 2));
    else console.log(r.markdown.split('\n## Seen')[0] + (values.out ? `\nwrote ${join(resolve(values.out), 'coverage.json')} and coverage.md` : ''));
    return 0;
  },
};
