// One entry point from "a file the user has" to traces: a raw log (with a format), a loghub `*_structured.csv`, or a
// loghub sessions CSV (event sequences with labels, no times). Used by the CLI and the extension alike.
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { resolveFormat, LOG_PRESETS, type DrainSettings } from './format';
import { parseLogFile, structuredRecords, type ParsedLog } from './parse-log';
import { applyLabels, parseSessionKey, recordsFromStructuredCsv, tracesFromRecords, tracesFromSessionsCsv, type TraceSet } from './traces';

export type InputKind = 'log' | 'structured' | 'sessions';

export interface LoadOptions {
  /** Preset name or format string (raw logs only; default: the preset whose format fits the first lines). */
  format?: string;
  /** `regex:...`, `field:...`, `window:SECONDS` or a bare regex (default: the preset's, else required). */
  sessionKey?: string;
  /** A loghub anomaly_label.csv (`BlockId|SessionId,Label`) to label traces by id. */
  labels?: string;
  /** Templates CSV for a sessions CSV (default: a sibling `*_templates.csv` with the same prefix). */
  templates?: string;
  drain?: Partial<DrainSettings>;
  maxBytes?: number;
  maxLines?: number;
}

export interface LoadedTraces extends TraceSet {
  kind: InputKind;
  parsed?: ParsedLog;
  labeled: number;
}

/** What a file is, from its name and header. */
export function detectInput(file: string): InputKind {
  if (!existsSync(file) || !statSync(file).isFile()) throw new Error(`no such file: ${file}`);
  if (!file.toLowerCase().endsWith('.csv')) return 'log';
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(4096);
  const got = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  const head = buf.subarray(0, got).toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  if (/(^|,)EventSequence(,|$)/.test(head)) return 'sessions';
  if (/(^|,)EventTemplate(,|$)/.test(head) && /(^|,)Content(,|$)/.test(head)) return 'structured';
  throw new Error(`${basename(file)}: a CSV needs EventSequence (sessions) or Content,EventId,EventTemplate (structured) columns; header is '${head.slice(0, 200)}'`);
}

/**
 * The preset whose format fits most of the first lines, if any. Lazy fields make loose formats fit almost
 * anything (HDFS's `<Pid> <Level>` also fits a Hadoop line), so ties go to the format with more literal text.
 */
export function guessPreset(file: string): string | undefined {
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(64 * 1024);
  const got = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  const text = buf.subarray(0, got).toString('latin1').split(/\r?\n/).filter(Boolean).slice(0, 50);
  let best: string | undefined, bestScore = -1, bestN = 0;
  for (const [name, p] of Object.entries(LOG_PRESETS)) {
    const { format } = resolveFormat(p.format);
    const n = text.filter((l) => format.regex.test(l.trim())).length;
    const literal = p.format.replace(/<[^<>]+>/g, '').replace(/\\/g, '').length;
    const score = n * 1000 + literal;
    if (n > 0 && score > bestScore) { best = name; bestScore = score; bestN = n; }
  }
  return bestN >= Math.max(1, text.length / 2) ? best : undefined;
}

export async function loadTraces(file: string, opts: LoadOptions = {}): Promise<LoadedTraces> {
  const kind = detectInput(file);
  let set: TraceSet;
  let parsed: ParsedLog | undefined;
  if (kind === 'sessions') {
    let templates = opts.templates;
    if (!templates) {
      const guess = join(dirname(file), basename(file).replace(/_?sessions\.csv$/i, '_templates.csv'));
      if (guess !== file && existsSync(guess)) templates = guess;
    }
    set = tracesFromSessionsCsv(readFileSync(file, 'utf8'), templates ? readFileSync(templates, 'utf8') : undefined, file);
  } else {
    const presetName = opts.format ?? (kind === 'log' ? guessPreset(file) : undefined);
    const resolved = presetName ? resolveFormat(presetName) : undefined;
    const keySpec = opts.sessionKey ?? resolved?.preset?.sessionKey;
    if (!keySpec) throw new Error('give a session key (--session-key REGEX, field:NAME or window:SECONDS): this log has no preset key');
    const key = parseSessionKey(keySpec);
    if (kind === 'log') {
      if (!resolved) throw new Error(`cannot tell the format of ${basename(file)}: give --format (${Object.keys(LOG_PRESETS).join(', ')}, or a format string)`);
      const drain = { ...(resolved.preset?.drain ?? LOG_PRESETS.log4j!.drain), ...opts.drain };
      parsed = await parseLogFile(file, { format: resolved.format, drain, ...(opts.maxBytes ? { maxBytes: opts.maxBytes } : {}), ...(opts.maxLines ? { maxLines: opts.maxLines } : {}) });
      set = await tracesFromRecords(structuredRecords(parsed, { ...(opts.maxBytes ? { maxBytes: opts.maxBytes } : {}) }), key, file);
    } else {
      set = await tracesFromRecords(recordsFromStructuredCsv(readFileSync(file, 'utf8')), key, file);
    }
  }
  let labeled = set.traces.filter((t) => t.label).length;
  if (opts.labels) labeled = applyLabels(set, readFileSync(opts.labels, 'utf8'));
  return { ...set, kind, ...(parsed ? { parsed } : {}), labeled };
}
