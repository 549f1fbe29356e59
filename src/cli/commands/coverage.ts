import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliError, parse, type Command } from '../args';
import { WorkspaceIndex } from '../../core/workspace/workspace-index';
import { resolveFormat, LOG_PRESETS } from '../../core/logs/format';
import { parseLogFile, structuredRecords } from '../../core/logs/parse-log';
import { guessPreset } from '../../core/logs/load-traces';
import { computeCoverage, coverageMarkdown, type LogMessage } from '../../core/coverage/coverage';

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
    const formatName = values.format ?? guessPreset(logFile);
    if (!formatName) throw new CliError(`cannot tell the format of ${log}: give --format (${Object.keys(LOG_PRESETS).join(', ')}, or a format string)`);
    let resolved;
    try { resolved = resolveFormat(formatName); } catch (e) { throw new CliError(e instanceof Error ? e.message : String(e)); }
    const index = await WorkspaceIndex.build(root, { includeTests: values['include-tests'] ?? false });
    const parsed = await parseLogFile(logFile, { format: resolved.format, drain: resolved.preset?.drain ?? LOG_PRESETS.log4j!.drain });
    async function* messages(): AsyncGenerator<LogMessage> {
      for await (const r of structuredRecords(parsed)) yield { content: r.fields.Content ?? '', eventId: r.eventId, template: r.template };
    }
    const report = await computeCoverage(index.logs.values(), messages());
    const md = coverageMarkdown(report, `Log coverage of ${dir} by ${log}`);
    if (values.out) {
      const out = resolve(values.out);
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, 'coverage.json'), JSON.stringify(report, null, 1));
      writeFileSync(join(out, 'coverage.md'), md);
    }
    if (values.json) console.log(JSON.stringify(report, null, 2));
    else console.log(md.split('\n## Seen')[0] + (values.out ? `\nwrote ${join(resolve(values.out), 'coverage.json')} and coverage.md` : ''));
    return 0;
  },
};
