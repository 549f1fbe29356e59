import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError } from '../args';
import { evalCommand } from './eval';
import { readSessions } from '../../core/eval/data';
import { parseCsvRecords, toCsv } from '../../core/util/csv';
import { sharedDir } from '../../core/util/repo';

test('logsynth eval on a real HDFS slice writes results.csv, summary.csv and results.md', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'logsynth-eval-cli-'));
  const all = readSessions(join(sharedDir(), 'data', 'hdfs', 'HDFS_100k_sessions.csv'));
  const slice = [...all.filter((s) => s.split === 'train').slice(0, 300), ...all.filter((s) => s.split === 'test').slice(0, 100)];
  const real = join(dir, 'hdfs_sessions.csv');
  writeFileSync(real, toCsv(['BlockId', 'Label', 'Split', 'EventSequence'], slice.map((s) => [s.id, s.label, s.split, s.events.join(' ')])));
  const out = join(dir, 'out');
  const code = await evalCommand.run(['--real', real, '--real-templates', join(sharedDir(), 'data', 'hdfs', 'HDFS_100k_templates.csv'),
    '--models', 'lr,ngram', '--seeds', '2', '--out', out, '--quiet']);
  assert.equal(code, 0);
  const rows = parseCsvRecords(readFileSync(join(out, 'results.csv'), 'utf8'));
  // real + oversample control, 2 models, 2 seeds
  assert.deepEqual(rows.map((r) => `${r.model}/${r.training}/${r.seed}`).sort(), [
    'LR/real+oversample/0', 'LR/real+oversample/1', 'LR/real/0', 'LR/real/1',
    'NGram/real+oversample/0', 'NGram/real+oversample/1', 'NGram/real/0', 'NGram/real/1',
  ]);
  assert.ok(existsSync(join(out, 'summary.csv')) && existsSync(join(out, 'results.md')));
});

test('logsynth eval: missing or bad options are one-line user errors', async () => {
  await assert.rejects(evalCommand.run(['--out', '/tmp/x']), (e: unknown) => e instanceof CliError && /--real is required/.test(e.message));
  await assert.rejects(evalCommand.run(['--real', 'x.csv']), (e: unknown) => e instanceof CliError && /--out is required/.test(e.message));
  await assert.rejects(evalCommand.run(['--real', 'x.csv', '--out', '/tmp/x', '--seeds', '0']), /--seeds must be an integer >= 1/);
  await assert.rejects(evalCommand.run(['--real', '/nonexistent/s.csv', '--out', '/tmp/x']), (e: unknown) => e instanceof CliError && /no such file/.test(e.message));
  await assert.rejects(evalCommand.run(['--real', join(sharedDir(), 'data', 'hdfs', 'HDFS_100k_sessions.csv'), '--out', '/tmp/x', '--models', 'gpt']),
    (e: unknown) => e instanceof CliError && /unknown model 'gpt'/.test(e.message));
});
