import { basename, resolve } from 'node:path';
import { CliError, parse, intOption, numberOption, type Command } from '../args';
import { resolveFormat, LOG_PRESETS } from '../../core/logs/format';
import { parseLogFile } from '../../core/logs/parse-log';
import { writeStructured } from '../../core/logs/write-structured';
import { detectInput, guessPreset } from '../../core/logs/load-traces';

const usage = 'logsynth parse <log> --format hdfs|hadoop|zookeeper|log4j|"<Date> <Time> <Level> <Content>" [--out DIR] [--name NAME] ' +
  '[--depth 4] [--st 0.5] [--mask REGEX ...] [--no-number-mask] [--max-bytes N] [--json]';

export const parseCommand: Command = {
  summary: 'parse a raw log with Drain into loghub structured and templates CSVs',
  async run(argv) {
    const { values, positionals } = parse(argv, {
      format: { type: 'string' }, out: { type: 'string' }, name: { type: 'string' }, depth: { type: 'string' }, st: { type: 'string' },
      mask: { type: 'string', multiple: true }, 'no-number-mask': { type: 'boolean' }, 'max-bytes': { type: 'string' }, json: { type: 'boolean' },
    }, usage);
    const file = positionals[0];
    if (!file) throw new CliError(`missing <log>\nusage: ${usage}`);
    let kind;
    try { kind = detectInput(resolve(file)); } catch (e) { throw new CliError(e instanceof Error ? e.message : String(e)); }
    if (kind !== 'log') throw new CliError(`${file} is already a ${kind} CSV; parse reads raw logs`);
    const formatName = values.format ?? guessPreset(resolve(file));
    if (!formatName) throw new CliError(`cannot tell the format of ${file}: give --format (${Object.keys(LOG_PRESETS).join(', ')}, or a format string)`);
    let resolved;
    try { resolved = resolveFormat(formatName); } catch (e) { throw new CliError(e instanceof Error ? e.message : String(e)); }
    const base = resolved.preset?.drain ?? LOG_PRESETS.log4j!.drain;
    const drain = {
      ...base,
      depth: intOption(values.depth, 'depth', base.depth, 3),
      st: numberOption(values.st, 'st', base.st),
      masks: [...base.masks, ...(values.mask ?? [])],
      maskNumbers: !values['no-number-mask'] && base.maskNumbers !== false,
    };
    const maxBytes = values['max-bytes'] ? intOption(values['max-bytes'], 'max-bytes', 0, 1) : undefined;
    const name = values.name ?? basename(file).replace(/\.log$/i, '');
    const out = resolve(values.out ?? '.');
    const t0 = performance.now();
    let parsed;
    try {
      parsed = await parseLogFile(resolve(file), {
        format: resolved.format, drain, ...(maxBytes ? { maxBytes } : {}),
        onProgress: (n) => { if (process.stderr.isTTY && !values.json) process.stderr.write(`\rparsed ${n} lines   `); },
      });
    } catch (e) { throw new CliError(e instanceof Error ? e.message : String(e)); }
    const parseSeconds = (performance.now() - t0) / 1000;
    const files = await writeStructured(parsed, out, name, maxBytes ? { maxBytes } : {});
    const summary = {
      file, format: resolved.format.format, lines: parsed.read.lines, parsed: parsed.parsed, templates: parsed.templates.length,
      rejected: parsed.badCount, rejectedByReason: parsed.badByReason, latin1Lines: parsed.read.latin1Lines, capped: parsed.read.capped,
      seconds: +parseSeconds.toFixed(3), linesPerSecond: Math.round(parsed.read.lines / Math.max(parseSeconds, 1e-9)), files,
    };
    if (values.json) console.log(JSON.stringify(summary, null, 2));
    else {
      if (process.stderr.isTTY) process.stderr.write('\n');
      console.log(`${summary.parsed} of ${summary.lines} lines parsed into ${summary.templates} templates in ${summary.seconds}s (${summary.linesPerSecond} lines/s)`);
      if (parsed.badCount) console.log(`${parsed.badCount} lines did not fit the format (${Object.entries(parsed.badByReason).filter(([, n]) => n).map(([r, n]) => `${r}: ${n}`).join(', ')}); see ${files.rejected}`);
      if (parsed.read.capped) console.log(`stopped at --max-bytes ${maxBytes}: the rest of the file was not read`);
      console.log(`wrote ${files.structured}\nwrote ${files.templates}`);
    }
    return 0;
  },
};
