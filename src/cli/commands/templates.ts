// `logsynth templates <dir> [--out FILE]`: every logging statement as CSV EventId,Level,EventTemplate,File,Line,Class,Method.
import { writeFileSync } from 'node:fs';
import { CliError, parse, type Command } from '../args';
import { toCsv } from '../../core/util/csv';
import type { IndexView } from '../../core/model';
import { indexOptions, indexTree, sourceDir } from './index-cmd';

const USAGE = 'logsynth templates <dir> [--out FILE] [--include GLOB]... [--exclude GLOB]... [--include-tests] [--workers N]';

export const TEMPLATE_COLUMNS = ['EventId', 'Level', 'EventTemplate', 'File', 'Line', 'Class', 'Method'] as const;

/** One row per log statement, in file and line order; Method is the signature part of the method id. */
export function templatesCsv(index: IndexView): string {
  const rows = [...index.logs.values()]
    .sort((a, b) => (a.loc.file < b.loc.file ? -1 : a.loc.file > b.loc.file ? 1 : a.loc.line - b.loc.line || a.loc.column - b.loc.column))
    .map((l) => [l.eventId, l.level.toUpperCase(), l.template, l.loc.file, l.loc.line, l.className, l.methodId.slice(l.methodId.indexOf(':') + 1)]);
  return toCsv(TEMPLATE_COLUMNS, rows);
}

export const templatesCommand: Command = {
  summary: 'list the log templates of a Java source tree as CSV (EventId,Level,EventTemplate,File,Line,Class,Method)',
  async run(argv) {
    const { values, positionals } = parse(argv, { ...indexOptions, out: { type: 'string', short: 'o' } }, USAGE);
    if (positionals.length > 1) throw new CliError(`one <dir> expected, got ${positionals.length}\nusage: ${USAGE}`);
    const root = sourceDir(positionals[0], USAGE);
    const idx = await indexTree(root, values);
    const csv = templatesCsv(idx);
    if (values.out) {
      try {
        writeFileSync(values.out, csv);
      } catch (e) {
        throw new CliError(`cannot write ${values.out}: ${e instanceof Error ? e.message : String(e)}`);
      }
      const s = idx.stats();
      console.error(`wrote ${s.logStatements} log statements (${s.templates} templates) to ${values.out}`);
    } else process.stdout.write(csv);
    return 0;
  },
};
