// Opening a Java source tree for the CLI commands: checks, index with progress on stderr, call graph.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError } from './args';
import { WorkspaceIndex } from '../core/workspace/workspace-index';
import { buildCallGraph, type CallGraph } from '../core/callgraph/callgraph';

export interface OpenedWorkspace {
  root: string;
  index: WorkspaceIndex;
  graph: CallGraph;
  indexSeconds: number;
}

export interface WorkspaceFlags {
  include?: string[];
  exclude?: string[];
  'include-tests'?: boolean;
}

export const workspaceOptions = {
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  'include-tests': { type: 'boolean' },
} as const;

export function requireDir(dir: string | undefined, usage: string): string {
  if (!dir) throw new CliError(`missing <dir>\nusage: ${usage}`);
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new CliError(`no such folder: ${dir}`);
  return root;
}

export async function openWorkspace(root: string, flags: WorkspaceFlags, quiet = false): Promise<OpenedWorkspace> {
  const t0 = performance.now();
  const tty = process.stderr.isTTY && !quiet;
  const index = await WorkspaceIndex.build(root, {
    include: flags.include, exclude: flags.exclude, includeTests: flags['include-tests'] ?? false,
  }, tty ? (done, total) => { if (done % 50 === 0 || done === total) process.stderr.write(`\rindexing ${done}/${total} files`); } : undefined);
  if (tty) process.stderr.write('\n');
  const graph = buildCallGraph(index);
  return { root, index, graph, indexSeconds: (performance.now() - t0) / 1000 };
}
