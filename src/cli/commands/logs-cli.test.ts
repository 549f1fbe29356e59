// The from-logs commands end to end, each in a child process as the CLI runs them: parse -> fsm -> synth -> fidelity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedDir } from '../../core/util/repo';
import { parseCsvRecords } from '../../core/util/csv';

const modules: Record<string, [string, string]> = {
  parse: [require.resolve('./parse'), 'parseCommand'],
  fsm: [require.resolve('./fsm'), 'fsmCommand'],
  synth: [require.resolve('./synth'), 'synthCommand'],
  fidelity: [require.resolve('./fidelity'), 'fidelityCommand'],
  coverage: [require.resolve('./coverage'), 'coverageCommand'],
};
const script = (cmd: string) => {
  const [mod, name] = modules[cmd]!;
  return `const { CliError } = require(${JSON.stringify(require.resolve('../args'))});
require(${JSON.stringify(mod)}).${name}.run(process.argv.slice(1)).then((c) => { process.exitCode = c; },
  (e) => { console.error('logsynth: ' + e.message); process.exitCode = e instanceof CliError ? 2 : 1; })`;
};
const run = (cmd: string, args: string[]) => execFileSync(process.execPath, ['-e', script(cmd), '--', ...args], { encoding: 'utf8' });
const fail = (cmd: string, args: string[]) => spawnSync(process.execPath, ['-e', script(cmd), '--', ...args], { encoding: 'utf8' });

test('parse -> fsm -> synth -> fidelity on real data, with JSON summaries', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'logsynth-logs-cli-'));
  const data = join(sharedDir(), 'data');
  try {
    // parse guesses the Hadoop format and writes the loghub shapes.
    const p = JSON.parse(run('parse', [join(data, 'hadoop', 'Hadoop_2k.log'), '--out', dir, '--json']));
    assert.equal(p.parsed, 2000);
    assert.match(p.format, /\\\[<Process>\\\]/);
    const rows = parseCsvRecords(readFileSync(join(dir, 'Hadoop_2k.log_structured.csv'), 'utf8'));
    assert.deepEqual(Object.keys(rows[0]!), ['LineId', 'Date', 'Time', 'Level', 'Process', 'Component', 'Content', 'EventId', 'EventTemplate']);
    assert.equal(rows[0]!.Process, 'main');
    // fsm from a labeled sessions CSV; synth; fidelity.
    const f = JSON.parse(run('fsm', [join(data, 'hdfs', 'HDFS_100k_sessions.csv'), '--out', join(dir, 'fsm'), '--k', '6', '--json']));
    assert.deepEqual(f.traceCounts, { Normal: 7627, Anomaly: 313 });
    assert.equal(f.k, 6);
    assert.ok(existsSync(join(dir, 'fsm', 'machine.json')) && existsSync(join(dir, 'fsm', 'relational.sqlite')));
    const s = JSON.parse(run('synth', [join(dir, 'fsm'), '--traces', '300', '--seed', '4', '--amplify', '0.5', '--out', join(dir, 'syn'), '--json']));
    assert.equal(s.traces, 300);
    const sessions = parseCsvRecords(readFileSync(join(dir, 'syn', 'sessions.csv'), 'utf8'));
    assert.equal(sessions.length, 300);
    assert.ok(sessions.every((r) => r.Label === 'Normal' || r.Label === 'Anomaly'));
    const r = JSON.parse(run('fidelity', [join(dir, 'fsm'), join(dir, 'syn'), '--json']));
    assert.equal(r.constraints.accepted, 1);
    assert.equal(r.constraints.foreignKeyViolations, 0);
    assert.ok(existsSync(join(dir, 'syn', 'fidelity.md')));
    const full = JSON.parse(readFileSync(join(dir, 'syn', 'fidelity.json'), 'utf8'));
    assert.equal(full.matrices.real.length, full.matrices.events.length);
    // Bad input: one clear line, exit status 2, nothing lost.
    const noKey = fail('fsm', [join(data, 'hadoop', 'Hadoop_2k.log'), '--out', join(dir, 'x')]);
    assert.equal(noKey.status, 2);
    assert.match(noKey.stderr, /session key/);
    const notMachine = fail('synth', [dir, '--out', join(dir, 'y')]);
    assert.equal(notMachine.status, 2);
    assert.match(notMachine.stderr, /no machine\.json/);
    writeFileSync(join(dir, 'bad.csv'), 'a,b\n1,2\n');
    assert.match(fail('fsm', [join(dir, 'bad.csv'), '--out', join(dir, 'z')]).stderr, /EventSequence/);
    assert.equal(fail('synth', [join(dir, 'fsm'), '--out', join(dir, 'syn')]).status, 2, 'refuses a non-empty folder');
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('coverage <java dir> <log> writes JSON and Markdown; bad paths are one-line errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'logsynth-cov-cli-'));
  try {
    const src = join(dir, 'java');
    require('node:fs').mkdirSync(src);
    writeFileSync(join(src, 'Scanner.java'), `class Scanner {
  static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Scanner.class);
  void ok(String b) { LOG.info("Verification succeeded for {}", b); }
  void bad(String b) { LOG.error("Verification failed for {}", b); }
}
`);
    const log = join(sharedDir(), 'data', 'hdfs', 'HDFS_2k.log');
    const r = JSON.parse(run('coverage', [src, log, '--format', 'hdfs', '--out', join(dir, 'out'), '--json']));
    const seen = readFileSync(log, 'latin1').split('\r\n').filter((l) => l.includes(': Verification succeeded for blk_')).length;
    assert.ok(seen > 0);
    assert.deepEqual(r.entries.map((e: { template: string; seen: number }) => [e.template, e.seen]),
      [['Verification succeeded for <*>', seen], ['Verification failed for <*>', 0]]);
    assert.ok(existsSync(join(dir, 'out', 'coverage.md')));
    const bad = fail('coverage', [join(dir, 'nope'), log]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /no such folder/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('the command table offers the from-logs commands', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { commands } = require('./index') as typeof import('./index');
  for (const name of ['parse', 'fsm', 'synth', 'fidelity', 'coverage']) assert.ok(commands[name], `${name} is registered`);
});
