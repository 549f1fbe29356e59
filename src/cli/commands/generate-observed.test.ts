// `logsynth generate --observed-log`, run as a user runs it (the bundled CLI in a child process): a first run makes
// the sample's sequences, a few of them become a log4j "production log", and a second run is weighted by it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../core/util/repo';
import type { LogSequence } from '../../core/model';

const root = repoRoot();
const cli = join(root, 'bin', 'logsynth.js');
const sample = join(root, 'examples', 'datanode');
const logsynth = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: root });
const ENTRY = 'DataXceiver:run()';

test('generate --observed-log: prints what the log covers, samples --max-sequences, writes observedScore, refuses bad flags', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ls-cli-observed-'));
  try {
    const first = logsynth('generate', sample, '--entry', ENTRY, '--max-paths', '300', '--seed', '3', '--formats', 'json', '--out', join(dir, 'all'));
    assert.equal(first.status, 0, first.stderr);
    const all = JSON.parse(readFileSync(join(dir, 'all', 'sequences.json'), 'utf8')) as LogSequence[];
    const prod = all.filter((s) => s.label === 'Normal' && s.events.length >= 3).slice(0, 2);
    assert.equal(prod.length, 2);
    // log4j's default layout, one thread per session, each session 20 times.
    const lines: string[] = [];
    prod.forEach((s, i) => {
      for (let r = 0; r < 20; r++) for (const e of s.events) lines.push(`${e.date} ${e.time} ${e.level.toUpperCase()} [worker-${i}-${r}] ${e.component}: ${e.content.split('\n')[0]}`);
    });
    const log = join(dir, 'prod.log');
    writeFileSync(log, lines.join('\n') + '\n');

    const out = join(dir, 'weighted');
    const r = logsynth('generate', sample, '--entry', ENTRY, '--max-paths', '300', '--seed', '3', '--formats', 'json,loghub', '--out', out,
      '--observed-log', log, '--format', 'log4j', '--session-key', 'field:Thread', '--max-sequences', '8');
    assert.equal(r.status, 0, r.stderr);
    const distinct = new Set(prod.flatMap((s) => s.events.map((e) => e.eventId)));
    const m = /observed log: +40 traces, (\d+) of (\d+) session lines matched; (\d+) of (\d+) source events seen/.exec(r.stdout);
    assert.ok(m, r.stdout);
    assert.equal(Number(m[2]), lines.length);
    assert.ok(Number(m[3]) > 0 && Number(m[3]) <= distinct.size, `${m[3]} source events seen, the log has ${distinct.size}`);
    assert.match(r.stdout, /sequences: +8 /);
    const kept = JSON.parse(readFileSync(join(out, 'sequences.json'), 'utf8')) as LogSequence[];
    assert.equal(kept.length, 8);
    const scores = kept.map((s) => s.observedScore!);
    assert.ok(scores.every((x, i) => typeof x === 'number' && (i === 0 || x <= scores[i - 1]!)), `scores not descending: ${scores}`);
    const key = (s: LogSequence) => s.events.map((e) => e.eventId).join(' ');
    assert.ok(prod.some((p) => key(p) === key(kept[0]!)), 'the most likely kept sequence is not one of the production ones');
    // The loghub export keeps its shape.
    assert.equal(readFileSync(join(out, 'sessions.csv'), 'utf8').split('\n')[0], 'SessionId,Label,EventSequence');

    const json = logsynth('generate', sample, '--entry', ENTRY, '--max-paths', '300', '--formats', 'json', '--out', join(dir, 'j'),
      '--observed-log', log, '--format', 'log4j', '--session-key', 'field:Thread', '--json');
    assert.equal(json.status, 0, json.stderr);
    const summary = JSON.parse(json.stdout) as { observed: { traces: number; seenSourceEvents: number; maxSequences: number | null }; sequences: number };
    assert.equal(summary.observed.traces, 40);
    assert.equal(summary.observed.maxSequences, null);
    assert.equal(summary.observed.seenSourceEvents, Number(m[3]));

    const orphan = logsynth('generate', sample, '--entry', ENTRY, '--max-sequences', '5', '--out', join(dir, 'x'));
    assert.equal(orphan.status, 2);
    assert.match(orphan.stderr, /go with --observed-log/);
    const missing = logsynth('generate', sample, '--entry', ENTRY, '--observed-log', join(dir, 'nope.log'), '--out', join(dir, 'y'));
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no such file: .*nope\.log/);
    const badKey = logsynth('generate', sample, '--entry', ENTRY, '--observed-log', log, '--format', 'log4j', '--session-key', 'field:Nope', '--out', join(dir, 'z'));
    assert.equal(badKey.status, 2);
    assert.match(badKey.stderr, /--observed-log .*'Nope' is not a field/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
