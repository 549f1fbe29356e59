// The CLI contract, run as a user runs it: the bundled dist/cli.js in a child process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../core/util/repo';
import { parseCsvRecords } from '../core/util/csv';

const root = repoRoot();
const cli = join(root, 'bin', 'logsynth.js');
const sample = join(root, 'examples', 'datanode');
const logsynth = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: root });

test('generate --all-entries on the sample writes a loghub-compatible dataset and a summary', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'ls-cli-')), 'ds');
  const r = logsynth('generate', sample, '--all-entries', '--top', '6', '--out', out, '--max-paths', '300');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /paths enumerated: +\d+/);
  assert.match(r.stdout, /sequences: +\d+ +\(normal \d+, anomaly \d+\)/);
  assert.match(r.stdout, /seconds: +index \d+\.\d\d, generate \d+\.\d\d, export \d+\.\d\d/);
  for (const f of ['datanode.log', 'datanode.log_structured.csv', 'datanode.log_templates.csv', 'anomaly_label.csv', 'sessions.csv', 'sequences.json', 'dataset.sqlite']) {
    assert.ok(existsSync(join(out, f)), `missing ${f}`);
  }
  const sessions = parseCsvRecords(readFileSync(join(out, 'sessions.csv'), 'utf8'));
  const structured = parseCsvRecords(readFileSync(join(out, 'datanode.log_structured.csv'), 'utf8'));
  const rawLines = readFileSync(join(out, 'datanode.log'), 'utf8').trimEnd().split('\n');
  assert.ok(sessions.length > 0);
  assert.equal(rawLines.length, structured.length, 'one raw line per structured row');
  const bySession = new Map<string, string[]>();
  for (const row of structured) bySession.set(row.SessionId!, [...(bySession.get(row.SessionId!) ?? []), row.EventId!]);
  for (const s of sessions) assert.equal(bySession.get(s.SessionId!)?.join(' '), s.EventSequence, `session ${s.SessionId}`);

  // Never silently overwrite.
  const again = logsynth('generate', sample, '--all-entries', '--top', '2', '--out', out);
  assert.equal(again.status, 2);
  assert.match(again.stderr, /exists|not empty|overwrite/i);
  assert.ok(readdirSync(out).length >= 7);
});

test('bad arguments: one line, exit status 2', () => {
  const missing = logsynth('generate', join(root, 'no-such-folder'), '--all-entries');
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no such folder/);
  const unknown = logsynth('generate', sample, '--entry', 'DataNode:runDatanodeDeamon', '--out', mkdtempSync(join(tmpdir(), 'ls-cli-')));
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown entry .*did you mean: .*runDatanodeDaemon/);
  const noEntry = logsynth('generate', sample);
  assert.equal(noEntry.status, 2);
  assert.match(noEntry.stderr, /--entry SIG or --all-entries/);
  const badDepth = logsynth('generate', sample, '--all-entries', '--depth', 'x');
  assert.equal(badDepth.status, 2);
  assert.match(badDepth.stderr, /--depth must be an integer/);
});

test('entries lists ranked entry points as JSON', () => {
  const r = logsynth('entries', sample, '--top', '5', '--json');
  assert.equal(r.status, 0, r.stderr);
  const list = JSON.parse(r.stdout) as { methodId: string; reachableTemplates: number }[];
  assert.equal(list.length, 5);
  for (let i = 1; i < list.length; i++) assert.ok(list[i - 1]!.reachableTemplates >= list[i]!.reachableTemplates);
});
