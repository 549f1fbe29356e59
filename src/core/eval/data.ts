// Reading the loghub-shaped inputs of the bench: `sessions.csv` files (`SessionId|BlockId,Label,
// EventSequence[,Split]`) and `*templates.csv` files (`EventId,EventTemplate[,Occurrences]`).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseCsv } from '../util/csv';
import type { Label } from '../model';

export interface Session {
  id: string;
  label: Label;
  events: string[];
  split?: 'train' | 'test';
}

export interface Template { eventId: string; template: string }

/** A bad input file: the message names the file and what is wrong with it. */
export class InputError extends Error {}

const SESSION_COLUMNS = ['SessionId', 'BlockId'];

export function parseSessions(text: string, source: string): Session[] {
  const rows = parseCsv(text).filter((r) => !(r.length === 1 && r[0] === ''));
  const header = rows.shift();
  if (!header) throw new InputError(`${source}: empty file`);
  const col = (names: string[]) => header.findIndex((h) => names.includes(h.trim()));
  const idCol = col(SESSION_COLUMNS), labelCol = col(['Label']), seqCol = col(['EventSequence']), splitCol = col(['Split']);
  const missing = [idCol < 0 && 'SessionId (or BlockId)', labelCol < 0 && 'Label', seqCol < 0 && 'EventSequence'].filter(Boolean);
  if (missing.length) throw new InputError(`${source}: missing column(s) ${missing.join(', ')} (header: ${header.join(',')})`);
  return rows.map((r, i) => {
    const line = i + 2;
    const rawLabel = (r[labelCol] ?? '').trim();
    const label = normalizeLabel(rawLabel);
    if (!label) throw new InputError(`${source}:${line}: Label must be Normal or Anomaly (got '${rawLabel}')`);
    const s: Session = { id: r[idCol] ?? String(i), label, events: splitEvents(r[seqCol] ?? '') };
    if (splitCol >= 0) {
      const sp = (r[splitCol] ?? '').trim().toLowerCase();
      if (sp !== 'train' && sp !== 'test') throw new InputError(`${source}:${line}: Split must be train or test (got '${r[splitCol]}')`);
      s.split = sp;
    }
    return s;
  });
}

/** Accepts loghub's spellings: Normal/Anomaly, 0/1, Success/Fail. */
function normalizeLabel(s: string): Label | undefined {
  const l = s.toLowerCase();
  if (l === 'normal' || l === '0' || l === 'success') return 'Normal';
  if (l === 'anomaly' || l === 'abnormal' || l === '1' || l === 'fail') return 'Anomaly';
  return undefined;
}

/** Space-separated ids, or the Python-list form `['E5', 'E22']` some loghub exports use. */
export function splitEvents(s: string): string[] {
  return s.replace(/[[\]'"]/g, ' ').split(/[\s,]+/).filter(Boolean);
}

export function parseTemplates(text: string, source: string): Template[] {
  const rows = parseCsv(text).filter((r) => !(r.length === 1 && r[0] === ''));
  const header = rows.shift();
  if (!header) throw new InputError(`${source}: empty file`);
  const idCol = header.findIndex((h) => h.trim() === 'EventId'), tCol = header.findIndex((h) => h.trim() === 'EventTemplate');
  if (idCol < 0 || tCol < 0) throw new InputError(`${source}: needs EventId and EventTemplate columns (header: ${header.join(',')})`);
  return rows.map((r) => ({ eventId: (r[idCol] ?? '').trim(), template: r[tCol] ?? '' })).filter((t) => t.eventId);
}

export function readSessions(path: string): Session[] {
  if (!existsSync(path)) throw new InputError(`${path}: no such file`);
  return parseSessions(readFileSync(path, 'utf8'), path);
}

export function readTemplates(path: string): Template[] {
  if (!existsSync(path)) throw new InputError(`${path}: no such file`);
  return parseTemplates(readFileSync(path, 'utf8'), path);
}

/** The templates file that goes with a real sessions file: `X_sessions.csv` -> `X_templates.csv`, else the
 *  only `*templates.csv` beside it. */
export function findRealTemplates(sessionsPath: string): string | undefined {
  const dir = dirname(sessionsPath);
  const twin = join(dir, basename(sessionsPath).replace(/sessions\.csv$/i, 'templates.csv'));
  if (twin !== sessionsPath && existsSync(twin)) return twin;
  return onlyTemplatesFile(dir);
}

function onlyTemplatesFile(dir: string): string | undefined {
  const found = readdirSync(dir).filter((f) => /templates\.csv$/i.test(f) && !/corrected/i.test(f));
  if (found.length === 1) return join(dir, found[0]!);
  const log = found.filter((f) => /\.log_templates\.csv$/i.test(f));
  return log.length === 1 ? join(dir, log[0]!) : undefined;
}

export interface SyntheticSet {
  name: string;
  dir: string;
  sessions: Session[];
  templates?: Template[];
}

/** A synthetic data set folder as both pipelines write it: `sessions.csv` and `<name>.log_templates.csv`. */
export function readSyntheticDir(dir: string): SyntheticSet {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`${dir}: not a folder`);
  const sessionsPath = join(dir, 'sessions.csv');
  if (!existsSync(sessionsPath)) throw new InputError(`${dir}: no sessions.csv (expected the loghub-shaped export of a synthesis run)`);
  const t = onlyTemplatesFile(dir);
  return {
    name: basename(dir.replace(/[\\/]+$/, '')),
    dir,
    sessions: readSessions(sessionsPath),
    ...(t ? { templates: readTemplates(t) } : {}),
  };
}
