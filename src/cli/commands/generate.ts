import { resolve, basename } from 'node:path';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { CliError, parse, intOption, numberOption, type Command } from '../args';
import { openWorkspace, requireDir, workspaceOptions } from '../workspace';
import { DEFAULTS, generate as runGenerate, UnknownEntryError } from '../../core/pipeline/generate';
import type { ParamStyle } from '../../core/pipeline/types';
import type { GenerationStats, Verifier } from '../../core/model';
import { writeDataset } from '../../core/export/dataset';
import { NoVerifier, SymbolicVerifier } from '../../core/verify/symbolic';
import { llmCliOptions, createCliVerifier, createCliLlmStage, type LlmCliFlags } from '../llm-options';
import { generateNoStatic } from '../../core/pipeline/no-static';
import type { LlmStage } from '../../core/llm';
import { observedWeightsFromLog, type ObservedLog } from '../../core/pipeline/observed-log';

const usage =
  'logsynth generate <dir> (--entry SIG [--entry SIG...] | --all-entries [--top N]) [--depth 5] [--max-paths N] ' +
  '[--loop-bound 1] [--seed S] [--max-anomaly-share S] [--out DIR] [--name NAME] [--style log4j|hdfs] [--label-rules FILE] ' +
  '[--formats loghub,json,sqlite] [--overwrite] [--verifier symbolic|none|llm|both] [--no-static] ' +
  '[--llm-base-url URL] [--llm-model M] [--max-llm-calls N] [--llm-allow-remote] ' +
  '[--observed-log LOG [--format F] [--session-key regex:R|field:F|window:S] [--max-sequences N]] [--json]';

const FORMATS = ['loghub', 'json', 'sqlite'] as const;
type Format = (typeof FORMATS)[number];

export const generate: Command = {
  summary: 'generate labeled log sequences from entry methods and write a loghub-style dataset',
  async run(argv) {
    const { values, positionals } = parse(argv, {
      entry: { type: 'string', multiple: true },
      'all-entries': { type: 'boolean' },
      top: { type: 'string' },
      depth: { type: 'string' },
      'max-paths': { type: 'string' },
      'loop-bound': { type: 'string' },
      'max-anomaly-share': { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      name: { type: 'string' },
      style: { type: 'string' },
      'label-rules': { type: 'string' },
      formats: { type: 'string' },
      overwrite: { type: 'boolean' },
      verifier: { type: 'string' },
      'observed-log': { type: 'string' },
      format: { type: 'string' },
      'session-key': { type: 'string' },
      'max-sequences': { type: 'string' },
      json: { type: 'boolean' },
      ...llmCliOptions,
      ...workspaceOptions,
    }, usage);
    const root = requireDir(positionals[0], usage);
    if (!values.entry?.length && !values['all-entries']) throw new CliError(`give --entry SIG or --all-entries\nusage: ${usage}`);
    const depth = intOption(values.depth, 'depth', DEFAULTS.depth, 0);
    const maxPaths = intOption(values['max-paths'], 'max-paths', DEFAULTS.maxPaths, 1);
    const loopBound = intOption(values['loop-bound'], 'loop-bound', DEFAULTS.loopBound, 0);
    const seed = intOption(values.seed, 'seed', DEFAULTS.seed, 0);
    const maxAnomalyShare = values['max-anomaly-share'] === undefined ? undefined : numberOption(values['max-anomaly-share'], 'max-anomaly-share', 1);
    if (maxAnomalyShare !== undefined && !(maxAnomalyShare >= 0 && maxAnomalyShare <= 1)) throw new CliError(`--max-anomaly-share must be between 0 and 1 (got '${values['max-anomaly-share']}')`);
    const top = intOption(values.top, 'top', 20, 1);
    const style = (values.style ?? 'log4j') as ParamStyle;
    if (style !== 'log4j' && style !== 'hdfs') throw new CliError(`--style must be log4j or hdfs (got '${values.style}')`);
    const formats = (values.formats ?? FORMATS.join(',')).split(',').map((f) => f.trim()) as Format[];
    for (const f of formats) if (!FORMATS.includes(f)) throw new CliError(`unknown format '${f}' (use ${FORMATS.join(', ')})`);
    const verifierName = values.verifier ?? 'symbolic';
    if (!['symbolic', 'none', 'llm', 'both'].includes(verifierName)) throw new CliError(`--verifier must be symbolic, none, llm or both (got '${verifierName}')`);
    const observedLog = values['observed-log'] ? resolve(values['observed-log']) : undefined;
    if (!observedLog && (values.format || values['session-key'] || values['max-sequences'])) {
      throw new CliError('--format, --session-key and --max-sequences go with --observed-log LOG');
    }
    if (observedLog && (!existsSync(observedLog) || !statSync(observedLog).isFile())) throw new CliError(`no such file: ${values['observed-log']}`);
    if (observedLog && values['no-static']) throw new CliError('--observed-log weights the static pipeline; it cannot be combined with --no-static');
    const maxSequences = values['max-sequences'] !== undefined ? intOption(values['max-sequences'], 'max-sequences', 1, 1) : undefined;
    const out = resolve(values.out ?? 'dataset');
    const name = values.name ?? basename(root);
    // Checked before any work, so a long run never ends in a refusal to write.
    if (!values.overwrite && existsSync(out) && (!statSync(out).isDirectory() || readdirSync(out).length > 0)) {
      throw new CliError(`${out} exists and is not empty: choose an empty folder or pass --overwrite`);
    }

    const ws = await openWorkspace(root, values, values.json);
    let verifier: Verifier;
    let closeVerifier: (() => Promise<string | undefined>) | undefined;
    let stage: LlmStage | undefined;
    if (values['no-static']) {
      stage = await createCliLlmStage(undefined, values as LlmCliFlags, root);
      verifier = new NoVerifier();
      closeVerifier = async () => { stage!.close(); return stage!.summary(); };
    } else if (verifierName === 'none') verifier = new NoVerifier();
    else if (verifierName === 'symbolic') verifier = new SymbolicVerifier();
    else ({ verifier, stage, close: closeVerifier } = await createCliVerifier(verifierName as 'llm' | 'both', values as LlmCliFlags, root));

    let observed: ObservedLog | undefined;
    if (observedLog) {
      try {
        observed = await observedWeightsFromLog(ws.index.logs.values(), observedLog, {
          ...(values.format ? { format: values.format } : {}), ...(values['session-key'] ? { sessionKey: values['session-key'] } : {}),
        });
      } catch (e) {
        throw new CliError(`--observed-log ${values['observed-log']}: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (!values.json) {
        console.log(`observed log:       ${observed.traces} traces, ${observed.report.matchedLines} of ${observed.report.logLines} session lines matched; ` +
          `${observed.seenSourceEvents} of ${observed.sourceEvents} source events seen`);
      }
      if (observed.seenSourceEvents === 0) process.stderr.write(`warning: no line of ${values['observed-log']} matched a source template of ${root}: every sequence scores the same\n`);
    }
    const entries = values['all-entries'] ? ws.graph.entries({ top, depth }).map((e) => e.methodId) : values.entry!;
    if (entries.length === 0) throw new CliError(`no method in ${root} reaches a log statement`);
    const controller = new AbortController();
    process.once('SIGINT', () => { process.stderr.write('\ncancelling; keeping what was generated so far\n'); controller.abort(); });
    let result;
    try {
      const genOpts = {
        entries, depth, maxPaths, loopBound, seed, verifier, labelRules: values['label-rules'], paramStyle: style, maxAnomalyShare,
        signal: controller.signal, sourceRoot: root,
        ...(observed ? { observed: { weights: observed.weights, ...(maxSequences !== undefined ? { maxSequences } : {}) } } : {}),
        onProgress: (p: { entriesDone: number; entriesTotal: number; enumerated: number; rejected: number; kept: number }) => {
          if (!process.stderr.isTTY || values.json) return;
          const llm = stage ? `, llm calls ${stage.stats().calls}, cache hits ${stage.stats().cacheHits}` : '';
          process.stderr.write(`\r[${Math.min(p.entriesDone + 1, p.entriesTotal)}/${p.entriesTotal}] paths ${p.enumerated}, rejected ${p.rejected}, kept ${p.kept}${llm}   `);
        },
      };
      result = values['no-static'] && stage
        ? await generateNoStatic(ws.index, ws.graph, stage.client, genOpts)
        : await runGenerate(ws.index, ws.graph, genOpts);
    } catch (e) {
      if (e instanceof UnknownEntryError) throw new CliError(e.message);
      throw e;
    }
    if (process.stderr.isTTY && !values.json) process.stderr.write('\n');
    const llmSummary = await closeVerifier?.();
    const templates = [...new Map([...ws.index.logs.values()].map((l) => [l.eventId, { eventId: l.eventId, template: l.template }])).values()];
    let files: string[];
    const exportStart = performance.now();
    // a large data set takes seconds to write (jetty9's top 50: 357 MB): say so on a terminal
    const tty = process.stderr.isTTY && !values.json;
    if (tty) process.stderr.write(`writing ${result.sequences.length.toLocaleString('en-US')} sequences to ${out}…`);
    try {
      ({ files } = await writeDataset(out, { name, sequences: result.sequences, templates, overwrite: values.overwrite, formats }));
    } catch (e) {
      throw new CliError(`could not write the dataset: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      if (tty) process.stderr.write('\r\x1b[K');
    }
    const exportSeconds = (performance.now() - exportStart) / 1000;
    const summary = {
      root, out, files, indexSeconds: ws.indexSeconds, exportSeconds, cancelled: result.cancelled, ...result.stats, llm: llmSummary,
      ...(observed ? { observed: { log: observedLog, traces: observed.traces, logLines: observed.report.logLines, matchedLines: observed.report.matchedLines, sourceEvents: observed.sourceEvents, seenSourceEvents: observed.seenSourceEvents, maxSequences: maxSequences ?? null } } : {}),
    };
    if (values.json) console.log(JSON.stringify(summary, null, 2));
    else printSummary(result.stats, ws.indexSeconds, exportSeconds, out, files.length, result.cancelled, llmSummary);
    return 0;
  },
};

function printSummary(s: GenerationStats, indexSeconds: number, exportSeconds: number, out: string, files: number, cancelled: boolean, llm?: string): void {
  const pps = s.seconds > 0 ? Math.round(s.pathsEnumerated / s.seconds) : s.pathsEnumerated;
  console.log(`entries:            ${s.entries}`);
  console.log(`paths enumerated:   ${s.pathsEnumerated}${s.truncated ? ' (path budget reached)' : ''}  (${pps} paths/s)`);
  console.log(`paths rejected:     ${s.pathsRejected}`);
  for (const [k, n] of Object.entries(s.rejectReasons).sort((a, b) => b[1] - a[1])) console.log(`  ${k}: ${n}`);
  console.log(`sequences:          ${s.sequences}  (normal ${s.normal}, anomaly ${s.anomaly})`);
  if (llm) console.log(`llm:                ${llm}`);
  console.log(`seconds:            index ${indexSeconds.toFixed(2)}, generate ${s.seconds.toFixed(2)}, export ${exportSeconds.toFixed(2)}`);
  console.log(`${cancelled ? 'cancelled; partial dataset' : 'dataset'}: ${out} (${files} files)`);
}
