// The from-logs workflow as four calls on folders, shared by the CLI and the extension (command palette:
// Import logs / Recover state machine / Synthesize from logs / Show log coverage):
//   recoverToDir(log, dir)            machine.json + relational.sqlite + one CSV per table
//   synthesizeToDir(fsmDir, outDir)   loghub data set + dataset.sqlite + relational/ + synth-stats.json
//   fidelityOfDirs(fsmDir, synDir)    FidelityReport (+ fidelity.json, fidelity.md)
//   coverageOf(javaDir, log)          CoverageReport (+ coverage.json, coverage.md)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTraces, guessPreset, type LoadOptions, type LoadedTraces } from './load-traces';
import { LOG_PRESETS, resolveFormat } from './format';
import { parseLogFile, structuredRecords } from './parse-log';
import { learnMachine } from '../fsm/learn';
import { learnMachineAutoK, type AutoK } from '../fsm/auto-k';
import type { StateMachine } from '../fsm/types';
import { writeRelational, readTraces, foreignKeyViolations, type RelationalFiles } from '../relational/write';
import { synthesize, type SynthOptions, type SynthStats } from '../synth/generate';
import { writeSynthetic } from '../synth/export';
import { fidelityReport, fidelityMarkdown, type FidelityReport } from '../fidelity/report';
import { computeCoverage, coverageMarkdown, type CoverageReport, type LogMessage } from '../coverage/coverage';
import { WorkspaceIndex } from '../workspace/workspace-index';

export const MACHINE_FILE = 'machine.json';

/** A user-facing problem (bad input, missing file): callers show the message as it is. */
export class WorkflowError extends Error {}

export interface RecoverOptions extends LoadOptions {
  /** k of k-tails, or 'auto' (default). */
  k?: number | 'auto';
}

export interface RecoverResult {
  machine: StateMachine;
  traces: LoadedTraces;
  kTried?: AutoK['tried'];
  relational: RelationalFiles;
  machineFile: string;
  seconds: number;
}

export async function recoverToDir(input: string, outDir: string, opts: RecoverOptions = {}): Promise<RecoverResult> {
  const t0 = performance.now();
  let set: LoadedTraces;
  try { set = await loadTraces(input, opts); } catch (e) { throw new WorkflowError(e instanceof Error ? e.message : String(e)); }
  if (set.traces.length === 0) throw new WorkflowError(`no traces in ${input}: check the session key (${set.unkeyed} events matched no session)`);
  const learnOpts = { templates: set.templates, source: input, ...(set.timeStyle ? { timeStyle: set.timeStyle } : {}) };
  const k = opts.k ?? 'auto';
  let machine: StateMachine;
  let kTried: AutoK['tried'] | undefined;
  if (k === 'auto') ({ machine, tried: kTried } = learnMachineAutoK(set.traces, learnOpts));
  else machine = learnMachine(set.traces, { ...learnOpts, k });
  const seconds = (performance.now() - t0) / 1000;
  mkdirSync(outDir, { recursive: true });
  const machineFile = join(outDir, MACHINE_FILE);
  writeFileSync(machineFile, JSON.stringify(machine, null, 1));
  const relational = await writeRelational(outDir, { traces: set.traces, templates: set.templates, machine, meta: { kind: 'real', source: input, k: machine.k } });
  return { machine, traces: set, ...(kTried ? { kTried } : {}), relational, machineFile, seconds };
}

export function readMachineFile(dir: string): StateMachine {
  const file = join(dir, MACHINE_FILE);
  if (!existsSync(file)) throw new WorkflowError(`${dir} has no ${MACHINE_FILE}: recover a state machine into it first (logsynth fsm ... --out ${dir})`);
  let m: StateMachine;
  try { m = JSON.parse(readFileSync(file, 'utf8')) as StateMachine; } catch (e) { throw new WorkflowError(`${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`); }
  if (m?.version !== 1 || !Array.isArray(m.states) || !Array.isArray(m.transitions)) throw new WorkflowError(`${file} is not a LogSynth state machine`);
  return m;
}

export interface SynthesizeToDirOptions extends SynthOptions {
  name?: string;
  overwrite?: boolean;
}

export interface SynthesizeResult {
  stats: SynthStats;
  files: string[];
  relational: string;
}

export async function synthesizeToDir(fsmDir: string, outDir: string, opts: SynthesizeToDirOptions): Promise<SynthesizeResult> {
  const machine = readMachineFile(fsmDir);
  let result;
  try { result = synthesize(machine, opts); } catch (e) { throw new WorkflowError(e instanceof Error ? e.message : String(e)); }
  let files;
  try {
    files = await writeSynthetic(outDir, machine, result.traces, {
      name: opts.name ?? 'synthetic', overwrite: !!opts.overwrite, meta: { seed: opts.seed ?? 1, amplify: opts.amplify ?? 0, machine: fsmDir },
    });
  } catch (e) { throw new WorkflowError(e instanceof Error ? e.message : String(e)); }
  writeFileSync(join(outDir, 'synth-stats.json'), JSON.stringify({ ...result.stats, seed: opts.seed ?? 1, amplify: opts.amplify ?? 0 }, null, 2));
  return { stats: result.stats, files: files.dataset, relational: files.relational.sqlite };
}

function relationalFile(dir: string): string {
  for (const f of [join(dir, 'relational.sqlite'), join(dir, 'relational', 'relational.sqlite')]) if (existsSync(f)) return f;
  throw new WorkflowError(`${dir} has no relational.sqlite (expected the output of recovering a machine or of synthesis)`);
}

/** Compares a synthesis folder with the fsm folder it came from; writes fidelity.json and fidelity.md into `outDir`. */
export async function fidelityOfDirs(fsmDir: string, synDir: string, opts: { outDir?: string; rareShare?: number } = {}): Promise<{ report: FidelityReport; markdown: string; files: string[] }> {
  const machine = readMachineFile(fsmDir);
  const real = await readTraces(relationalFile(fsmDir));
  real.db.close();
  const syn = await readTraces(relationalFile(synDir));
  const fk = foreignKeyViolations(syn.db).length;
  syn.db.close();
  const report = fidelityReport(machine, real.traces, syn.traces, { foreignKeyViolations: fk, ...(opts.rareShare !== undefined ? { rareShare: opts.rareShare } : {}) });
  const markdown = fidelityMarkdown(report);
  const out = opts.outDir ?? synDir;
  mkdirSync(out, { recursive: true });
  const files = [join(out, 'fidelity.json'), join(out, 'fidelity.md')];
  writeFileSync(files[0]!, JSON.stringify(report));
  writeFileSync(files[1]!, markdown);
  return { report, markdown, files };
}

export interface CoverageOptions {
  /** Preset or format string (default: guessed from the first lines). */
  format?: string;
  includeTests?: boolean;
  outDir?: string;
  /** An index already built (the extension has one): skips re-indexing. */
  index?: WorkspaceIndex;
}

export async function coverageOf(javaDir: string, logFile: string, opts: CoverageOptions = {}): Promise<{ report: CoverageReport; markdown: string }> {
  const formatName = opts.format ?? guessPreset(logFile);
  if (!formatName) throw new WorkflowError(`cannot tell the format of ${logFile}: give a format (${Object.keys(LOG_PRESETS).join(', ')}, or a format string)`);
  let resolved;
  try { resolved = resolveFormat(formatName); } catch (e) { throw new WorkflowError(e instanceof Error ? e.message : String(e)); }
  const index = opts.index ?? await WorkspaceIndex.build(javaDir, { includeTests: opts.includeTests ?? false });
  const parsed = await parseLogFile(logFile, { format: resolved.format, drain: resolved.preset?.drain ?? LOG_PRESETS.log4j!.drain });
  async function* messages(): AsyncGenerator<LogMessage> {
    for await (const r of structuredRecords(parsed)) yield { content: r.fields.Content ?? '', eventId: r.eventId, template: r.template };
  }
  const report = await computeCoverage(index.logs.values(), messages());
  const markdown = coverageMarkdown(report, `Log coverage of ${javaDir} by ${logFile}`);
  if (opts.outDir) {
    mkdirSync(opts.outDir, { recursive: true });
    writeFileSync(join(opts.outDir, 'coverage.json'), JSON.stringify(report, null, 1));
    writeFileSync(join(opts.outDir, 'coverage.md'), markdown);
  }
  return { report, markdown };
}
