// `logsynth index <dir> [--json]`: what the indexer found in a Java source tree.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError, intOption, parse, type Command } from '../args';
import { WorkspaceIndex } from '../../core/workspace/workspace-index';
import { buildCallGraph } from '../../core/callgraph/callgraph';
import { lastTreeReader } from '../../core/java/syntax-tree';

const USAGE = 'logsynth index <dir> [--json] [--include GLOB]... [--exclude GLOB]... [--include-tests] [--max-file-mb N] [--workers N] [--call-graph] [--repeat N]';

/** Problems listed in the text report; --json lists all. */
const SHOWN_PROBLEMS = 20;

/** The source folder argument, checked: one line and exit status 2 when it is missing. */
export function sourceDir(dir: string | undefined, usage: string): string {
  if (!dir) throw new CliError(`missing <dir>\nusage: ${usage}`);
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new CliError(`no such folder: ${dir}`);
  return root;
}

export const indexOptions = {
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  'include-tests': { type: 'boolean' },
  'max-file-mb': { type: 'string' },
  workers: { type: 'string' },
} as const;

export interface IndexFlags {
  include?: string[] | undefined;
  exclude?: string[] | undefined;
  'include-tests'?: boolean | undefined;
  'max-file-mb'?: string | undefined;
  workers?: string | undefined;
}

/** Builds the index with progress on stderr (when it is a terminal). */
export async function indexTree(root: string, flags: IndexFlags): Promise<WorkspaceIndex> {
  let maxFileBytes: number | undefined;
  if (flags['max-file-mb'] !== undefined) {
    const mb = Number(flags['max-file-mb']);
    if (!Number.isFinite(mb) || mb <= 0) throw new CliError(`--max-file-mb must be a positive number (got '${flags['max-file-mb']}')`);
    maxFileBytes = Math.round(mb * 1024 * 1024);
  }
  // default: two threads when the tree is big and two cores are idle (see defaultWorkers)
  const workers = flags.workers === undefined ? undefined : intOption(flags.workers, 'workers', 1, 1);
  const tty = process.stderr.isTTY;
  const idx = await WorkspaceIndex.build(root, {
    include: flags.include, exclude: flags.exclude, includeTests: flags['include-tests'] ?? false,
    ...(maxFileBytes !== undefined ? { maxFileBytes } : {}), ...(workers !== undefined ? { workers } : {}),
  }, tty ? (done, total) => { if (done % 100 === 0 || done === total) process.stderr.write(`\rindexing ${done}/${total} files`); } : undefined);
  if (tty) process.stderr.write('\r\x1b[K');
  idx.dispose();
  return idx;
}

/** One build of the index (and of the call graph when asked), timed by the command itself. */
interface Run {
  seconds: number;
  graphSeconds?: number;
  /** Methods that can reach a log statement, and call edges (with --call-graph). */
  reaching?: number;
  edges?: number;
  /** Peak resident memory of the process so far, in MB. */
  peakRssMB: number;
}

async function timedRun(root: string, flags: IndexFlags, callGraph: boolean): Promise<{ idx: WorkspaceIndex; run: Run }> {
  const idx = await indexTree(root, flags);
  const run: Run = { seconds: idx.stats().seconds, peakRssMB: 0 };
  if (callGraph) {
    const t = performance.now();
    const g = buildCallGraph(idx);
    run.graphSeconds = (performance.now() - t) / 1000;
    run.reaching = 0;
    run.edges = 0;
    for (const m of idx.methods.keys()) {
      if (g.reachesLog(m)) run.reaching++;
      run.edges += g.callees(m).length;
    }
  }
  run.peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  return { idx, run };
}

export const indexCommand: Command = {
  summary: 'index a Java source tree: files, methods, log statements, templates, parse problems (and the call graph)',
  async run(argv) {
    const { values, positionals } = parse(argv, { ...indexOptions, json: { type: 'boolean' }, 'call-graph': { type: 'boolean' }, repeat: { type: 'string' } }, USAGE);
    if (positionals.length > 1) throw new CliError(`one <dir> expected, got ${positionals.length}\nusage: ${USAGE}`);
    const root = sourceDir(positionals[0], USAGE);
    const callGraph = values['call-graph'] ?? false;
    // --repeat: build again in the same process (as the language server re-indexes), for benchmarks
    const repeat = intOption(values.repeat, 'repeat', 1, 1);
    const first = await timedRun(root, values, callGraph);
    const runs = [first.run];
    for (let i = 1; i < repeat; i++) runs.push((await timedRun(root, values, callGraph)).run);
    const idx = first.idx;
    const s = idx.stats();
    const problems = idx.problems;
    const r = first.run;
    if (values.json) {
      console.log(JSON.stringify({
        root, files: s.files, lines: s.lines, methods: s.methods, logStatements: s.logStatements, templates: s.templates,
        problems, seconds: Number(s.seconds.toFixed(3)), threads: idx.threads, peakRssMB: r.peakRssMB,
        // how syntax trees were read: 'heap' (straight from tree-sitter's memory) or 'cursor' (the fallback)
        treeReader: lastTreeReader,
        ...(callGraph ? { graphSeconds: Number(r.graphSeconds!.toFixed(3)), methodsReachingLogs: r.reaching, callEdges: r.edges } : {}),
        ...(repeat > 1 ? { runs: runs.map((x) => ({ seconds: Number(x.seconds.toFixed(3)), ...(x.graphSeconds !== undefined ? { graphSeconds: Number(x.graphSeconds.toFixed(3)) } : {}), peakRssMB: x.peakRssMB })) } : {}),
      }, null, 2));
      return 0;
    }
    const n = (x: number) => x.toLocaleString('en-US');
    console.log(`files           ${n(s.files)}`);
    console.log(`lines           ${n(s.lines)}`);
    console.log(`methods         ${n(s.methods)}`);
    console.log(`log statements  ${n(s.logStatements)}`);
    console.log(`templates       ${n(s.templates)}`);
    console.log(`parse problems  ${n(problems.length)}`);
    for (const p of problems.slice(0, SHOWN_PROBLEMS)) console.log(`  ${p.file}:${p.line}:${p.column} ${p.severity}: ${p.message}`);
    if (problems.length > SHOWN_PROBLEMS) console.log(`  … and ${n(problems.length - SHOWN_PROBLEMS)} more (--json lists all)`);
    console.log(`seconds         ${s.seconds.toFixed(2)}${idx.threads > 1 ? ` (${idx.threads} threads)` : ''}`);
    if (callGraph) console.log(`call graph      ${n(r.edges!)} edges, ${n(r.reaching!)} methods reach a log statement; ${r.graphSeconds!.toFixed(2)} seconds`);
    for (let i = 1; i < runs.length; i++) console.log(`again           ${runs[i]!.seconds.toFixed(2)}${callGraph ? ` + call graph ${runs[i]!.graphSeconds!.toFixed(2)}` : ''} seconds`);
    return 0;
  },
};
