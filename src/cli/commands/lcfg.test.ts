import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { CliError } from '../args';
import { lcfgCommand } from './lcfg';
import { repoRoot } from '../../core/util/repo';
import type { Lcfg } from '../../core/model';

const SAMPLE = join(repoRoot(), 'examples', 'datanode');

/** Runs the command in a child process, as the CLI does, and returns its stdout. */
function run(args: string[]): string {
  const script = `require(${JSON.stringify(join(__dirname, 'lcfg.js'))}).lcfgCommand.run(process.argv.slice(1)).then((c) => { process.exitCode = c; })`;
  return execFileSync(process.execPath, ['-e', script, '--', ...args], { encoding: 'utf8' });
}

test('lcfg prints one method of the sample as summary lines, DOT and JSON', () => {
  const summary = run([SAMPLE, '--method', 'DataNode:processCommand']).split('\n');
  assert.match(summary[0]!, /^# org\.example\.storage\.DataNode:processCommand\(Command\): \d+ nodes, \d+ edges$/);
  assert.ok(summary.includes('call:register@127 -> call:getBlockReport@130'), 'the DNA_REGISTER fall-through');
  assert.ok(summary.includes('log@122 -> return(false) {shouldRun}'));
  const dot = run([SAMPLE, '--method', 'DataNode:processCommand', '--dot']);
  assert.match(dot, /^digraph "org\.example\.storage\.DataNode:processCommand\(Command\)" \{/);
  assert.match(dot, /INFO DatanodeCommand action: DNA_SHUTDOWN/); // log nodes show their template
  const g = JSON.parse(run([SAMPLE, '--method', 'org.example.storage.DataNode:processCommand(Command)', '--json'])) as Lcfg;
  assert.equal(g.methodId, 'org.example.storage.DataNode:processCommand(Command)');
  assert.equal(g.edges.length, Number(/(\d+) edges/.exec(summary[0]!)![1]));
});

test('lcfg: unknown methods get suggestions, missing arguments a usage line', async () => {
  await assert.rejects(lcfgCommand.run([SAMPLE, '--method', 'DataNode:procesCommand']), (e: unknown) =>
    e instanceof CliError && /did you mean: org\.example\.storage\.DataNode:processCommand\(Command\)/.test(e.message));
  await assert.rejects(lcfgCommand.run([SAMPLE]), (e: unknown) => e instanceof CliError && /missing --method/.test(e.message));
  await assert.rejects(lcfgCommand.run([join(SAMPLE, 'nope'), '--method', 'x']), (e: unknown) => e instanceof CliError && /no such folder/.test(e.message));
});
