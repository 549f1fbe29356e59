// `runEvaluation`: the whole bench from files to files — what the CLI and the extension call.
// Loads the real sessions (and their templates), each synthetic folder, maps synthetic events onto the
// real vocabulary, builds the training variants, runs the experiment and writes results.csv,
// summary.csv and results.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { findRealTemplates, InputError, readSessions, readSyntheticDir, readTemplates, type Session, type SyntheticSet, type Template } from './data';
import { selectDetectors } from './detectors/registry';
import { REAL, runExperiment, type EvalCallbacks, type RunResult, type TrainingVariant } from './experiment';
import { resultsCsv, resultsMarkdown, summarize, summaryCsv, type SummaryRow } from './report';
import { mapEvents, type EventMapping } from './templates';
import { createRng } from '../util/rng';

export interface EvalOptions {
  /** The real `sessions.csv` (`SessionId|BlockId,Label,EventSequence[,Split]`). */
  real: string;
  /** The real templates CSV; default: `X_templates.csv` beside `X_sessions.csv`, or the only `*templates.csv` there. */
  realTemplates?: string;
  /** Synthetic data set folders (`sessions.csv` + `*.log_templates.csv`). */
  synthetic: string[];
  /** `all`, `fast`, or model names. Default all. */
  models?: string | string[];
  /** Number of seeds (0..n-1). Default 3. */
  seeds?: number;
  /** Where to write results.csv, summary.csv, results.md; nothing is written without it. */
  out?: string;
  /** Add the naive-oversampling control variant. Default true. */
  oversample?: boolean;
  /** At most this many sessions of each synthetic set per run (sampled per seed). Default: the real training split's size. */
  maxSynthetic?: number;
  /** Next-event models' top-g: a number, or 'auto' (chosen on a validation slice of the training split). Default 9. */
  topG?: number | 'auto';
  /** Name of the real data set in the tables; default from the file name (`HDFS_100k_sessions.csv` -> `HDFS_100k`). */
  dataset?: string;
}

export interface SyntheticSummary {
  name: string;
  dir: string;
  sessions: number;
  normal: number;
  anomaly: number;
  mapping?: EventMapping;
}

export interface EvalResult {
  rows: RunResult[];
  summary: SummaryRow[];
  markdown: string;
  synthetic: SyntheticSummary[];
  train: number;
  test: number;
  /** Files written (empty without `out`). */
  files: string[];
  cancelled: boolean;
}

export async function runEvaluation(opts: EvalOptions, cb: EvalCallbacks = {}): Promise<EvalResult> {
  const models = selectDetectors(opts.models ?? 'all');
  const seeds = opts.seeds ?? 3;
  if (!Number.isInteger(seeds) || seeds < 1) throw new InputError(`seeds must be a positive integer (got ${seeds})`);
  const progress = (message: string) => cb.onProgress?.({ done: 0, total: 0, model: '', training: '', seed: 0, message });

  const realSessions = readSessions(opts.real);
  const { train, test, note: splitNote } = splitReal(realSessions);
  if (!train.length || !test.length) throw new InputError(`${opts.real}: needs both training and test sessions (train ${train.length}, test ${test.length})`);
  if (!test.some((s) => s.label === 'Anomaly')) throw new InputError(`${opts.real}: the test split has no Anomaly session, so precision/recall are undefined`);
  const templatesPath = opts.realTemplates ?? findRealTemplates(opts.real);
  const realTemplates: Template[] | undefined = templatesPath ? readTemplates(templatesPath) : undefined;
  const dataset = opts.dataset ?? (basename(opts.real).replace(/\.csv$/i, '').replace(/[_-]?sessions$/i, '') || 'real');
  const notes: string[] = [
    `Real data: \`${opts.real}\` — ${train.length} training sessions (${train.filter((s) => s.label === 'Anomaly').length} Anomaly), ` +
      `${test.length} test sessions (${test.filter((s) => s.label === 'Anomaly').length} Anomaly). ${splitNote}`,
  ];
  if (!realTemplates) notes.push('No real templates file found: synthetic event ids are used as they are.');

  const sets: SyntheticSummary[] = [];
  const mappedSets: { name: string; sessions: Session[] }[] = [];
  const unmatchedIds = new Map<string, string>();
  const usedNames = new Set<string>([REAL]);
  for (const dir of opts.synthetic) {
    const set = readSyntheticDir(dir);
    let name = set.name;
    for (let k = 2; usedNames.has(name); k++) name = `${set.name}-${k}`;
    usedNames.add(name);
    const { sessions, mapping } = mapSet(set, realTemplates, unmatchedIds);
    sets.push({ name, dir, sessions: sessions.length, normal: sessions.filter((s) => s.label === 'Normal').length, anomaly: sessions.filter((s) => s.label === 'Anomaly').length, ...(mapping ? { mapping } : {}) });
    mappedSets.push({ name, sessions });
    progress(`${name}: ${sessions.length} sessions` + (mapping ? `, ${mapping.matched}/${mapping.matched + mapping.unmatched} templates matched to the real vocabulary` : ''));
  }
  for (const s of sets) notes.push(describeSet(s));
  const maxSynthetic = opts.maxSynthetic ?? train.length;
  const variants = buildVariants(train, mappedSets, { maxSynthetic, oversample: opts.oversample ?? true });
  notes.push(`Training variants: ${variants.map((v) => `\`${v.name}\``).join(', ')}; each synthetic set capped at ${maxSynthetic} sessions per run. ` +
    `Seeds: ${seeds}. Models: ${models.map((m) => m.name).join(', ')}.`);

  if (opts.topG !== undefined) {
    if (opts.topG !== 'auto' && !(Number.isInteger(opts.topG) && opts.topG >= 1)) throw new InputError(`top-g must be a positive integer or auto (got ${opts.topG})`);
    notes.push(`Next-event models: top-g ${opts.topG === 'auto' ? 'chosen per run on a validation slice of the training split (10% of its Normal sessions held out, plus its Anomaly sessions)' : opts.topG}.`);
  }
  const detectorOptions = opts.topG !== undefined ? { topG: opts.topG } : {};
  const { rows, cancelled } = await runExperiment({ dataset, train, test, variants, models, seeds, detectorOptions }, cb);
  const summary = summarize(rows);
  const markdown = resultsMarkdown(summary, { notes, cancelled });
  const files: string[] = [];
  if (opts.out) {
    mkdirSync(opts.out, { recursive: true });
    const write = (name: string, text: string) => { const p = join(opts.out!, name); writeFileSync(p, text); files.push(p); };
    write('results.csv', resultsCsv(rows));
    write('summary.csv', summaryCsv(summary));
    write('results.md', markdown);
  }
  return { rows, summary, markdown, synthetic: sets, train: train.length, test: test.length, files, cancelled };
}

/** One line per synthetic set: sizes, and which of its templates became which real event. */
function describeSet(s: SyntheticSummary): string {
  const head = `Synthetic \`${s.name}\` (\`${s.dir}\`): ${s.sessions} sessions (${s.normal} Normal, ${s.anomaly} Anomaly)`;
  if (!s.mapping) return `${head}; no templates file, event ids used as they are.`;
  const matched = s.mapping.details.filter((d) => !d.mappedTo.startsWith('S:'));
  return `${head}; ${s.mapping.matched} of ${s.mapping.matched + s.mapping.unmatched} templates matched a real event` +
    (matched.length ? ` (${matched.map((d) => `${d.eventId}→${d.mappedTo}`).join(', ')})` : '') +
    `, the others keep their own id (\`S:<id>\`).`;
}

/** The file's Split column, or — when it has none — a seeded 80/20 shuffle split (seed 42, like deep-loglizer). */
export function splitReal(sessions: Session[]): { train: Session[]; test: Session[]; note: string } {
  const withSplit = sessions.filter((s) => s.split);
  if (withSplit.length === sessions.length && sessions.length > 0) {
    return { train: sessions.filter((s) => s.split === 'train'), test: sessions.filter((s) => s.split === 'test'), note: 'Split: the file\'s Split column.' };
  }
  const shuffled = createRng(42).shuffle(sessions.slice());
  const cut = Math.round(shuffled.length * 0.8);
  return { train: shuffled.slice(0, cut), test: shuffled.slice(cut), note: 'Split: no Split column, so a seeded (42) 80/20 shuffle.' };
}

function mapSet(set: SyntheticSet, realTemplates: Template[] | undefined, unmatchedIds: Map<string, string>): { sessions: Session[]; mapping?: EventMapping } {
  if (!set.templates || !realTemplates) return { sessions: set.sessions.map((s) => ({ ...s, split: undefined })) };
  const mapping = mapEvents(set.templates, realTemplates, unmatchedIds);
  const map = (e: string) => mapping.map.get(e) ?? `S:${e}`;
  return { sessions: set.sessions.map((s) => ({ id: s.id, label: s.label, events: s.events.map(map) })), mapping };
}

/** Draws `n` of `items` without replacement (all of them, in order, when n >= length). */
function sample<T>(items: readonly T[], n: number, seedKey: string): T[] {
  if (n >= items.length) return items.slice();
  return createRng(seedKey).shuffle(items.slice()).slice(0, n);
}

export function buildVariants(train: Session[], sets: { name: string; sessions: Session[] }[], o: { maxSynthetic: number; oversample: boolean }): TrainingVariant[] {
  const variants: TrainingVariant[] = [{ name: REAL, extra: () => [] }];
  const pick = (set: { name: string; sessions: Session[] }, seed: number) => sample(set.sessions, o.maxSynthetic, `synthetic:${set.name}:${seed}`);
  for (const set of sets) variants.push({ name: `${REAL}+${set.name}`, extra: (seed) => pick(set, seed) });
  if (sets.length >= 2) variants.push({ name: `${REAL}+all-synthetic`, extra: (seed) => sets.flatMap((s) => pick(s, seed)) });
  if (o.oversample) {
    // The control: as many extra sessions as a synthetic set adds on average (10% of the split without
    // any), duplicated from the rare real training sessions — the anomalies and the Normal sessions
    // whose exact event sequence occurs once.
    const freq = new Map<string, number>();
    for (const s of train) freq.set(s.events.join(' '), (freq.get(s.events.join(' ')) ?? 0) + 1);
    const rare = train.filter((s) => s.label === 'Anomaly' || freq.get(s.events.join(' ')) === 1);
    const sizes = sets.map((s) => Math.min(o.maxSynthetic, s.sessions.length));
    const n = sizes.length ? Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length) : Math.round(train.length * 0.1);
    if (rare.length && n > 0) {
      variants.push({
        name: `${REAL}+oversample`,
        extra: (seed) => { const rng = createRng(`oversample:${seed}`); return Array.from({ length: n }, () => rng.pick(rare)); },
      });
    }
  }
  return variants;
}
