import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { failureMatcher, labelSequence } from './label';
import { applyLabelRules, defaultLabelRules, findDefaultRulesFile, loadLabelRules, type LabelRules } from './rules';
import { renderEvents } from '../render/render';
import { createSession, fill } from '../params/session';
import { createRng } from '../util/rng';
import { HDFS, HDFS_LOGS, pathThrough } from '../sequence/hdfs-fixture';
import type { LogStatement, Path } from '../model';

const ENTRY = 'org.apache.hadoop.dfs.DataNode$DataXceiver:run()';
const DN = 'src/hdfs/org/apache/hadoop/dfs/DataNode.java';

function label(logs: LogStatement[], rules: LabelRules = defaultLabelRules(), path: Path = pathThrough(ENTRY, logs)) {
  const s = createSession(createRng(1));
  const events = renderEvents(logs, logs.map((l) => fill(l, s)), { style: 'log4j', start: 0, rng: createRng(2) });
  return labelSequence({ events, path, logs: HDFS_LOGS }, rules);
}

const normal = [HDFS.allocate, HDFS.receiving, HDFS.received, HDFS.addStored, HDFS.terminating, HDFS.verified];

test('the normal HDFS write pipeline is Normal with no reasons', () => {
  assert.deepEqual(label(normal), { label: 'Normal', reasons: [] });
});

test('a catch handler on the path makes an Anomaly and says where', () => {
  const path = pathThrough(ENTRY, normal, [{ before: 3, step: { methodId: ENTRY, nodeId: 50, kind: 'catch', loc: { file: DN, line: 1270, column: 7 }, text: 'IOException' } }]);
  const r = label(normal, undefined, path);
  assert.equal(r.label, 'Anomaly');
  assert.deepEqual(r.reasons, ['passes through catch handler (IOException) at DataNode.java:1270 in DataNode$DataXceiver:run']);
  assert.equal(label(normal, { ...defaultLabelRules(), catchHandler: false }, path).label, 'Normal');
});

test('a throw on the path, and a path ending by raising, are Anomalies', () => {
  const thrown = pathThrough(ENTRY, normal, [{ before: 6, step: { methodId: ENTRY, nodeId: 60, kind: 'throw', loc: { file: DN, line: 1290, column: 7 }, text: 'new IOException("Bad block")' } }], true);
  const r = label(normal, undefined, thrown);
  assert.equal(r.label, 'Anomaly');
  assert.deepEqual(r.reasons, [
    `passes through throw 'new IOException("Bad block")' at DataNode.java:1290 in DataNode$DataXceiver:run`,
    'ends by an exception escaping DataNode$DataXceiver:run',
  ]);
  const off = { ...defaultLabelRules(), throwStatement: false, endsByRaising: false };
  assert.equal(label(normal, off, thrown).label, 'Normal');
});

test('an ERROR event is an Anomaly; a WARN event only with the warn switch', () => {
  const err = label([...normal, HDFS.receiveError]);
  assert.equal(err.label, 'Anomaly');
  assert.ok(err.reasons.includes("contains ERROR event E15 'Exception in receiveBlock for block <*> <*>' at DataNode.java:2790"), err.reasons.join('\n'));
  const warnNoWords: LogStatement = { ...HDFS.verified, id: 'w', level: 'warn', template: 'Slow BlockReceiver write packet to mirror took <*>ms' };
  const logs = new Map(HDFS_LOGS).set('w', warnNoWords);
  const events = renderEvents([warnNoWords], [['12']], { style: 'log4j', start: 0, rng: createRng(1) });
  const path = pathThrough(ENTRY, [warnNoWords]);
  assert.equal(labelSequence({ events, path, logs }, defaultLabelRules()).label, 'Normal');
  const r = labelSequence({ events, path, logs }, { ...defaultLabelRules(), warnEvents: true });
  assert.deepEqual(r, { label: 'Anomaly', reasons: ["contains WARN event E6 'Slow BlockReceiver write packet to mirror took <*>ms' at DataBlockScanner.java:398"] });
});

test('failure words in a template fire as whole words, case-insensitively, phrases included', () => {
  const r = label([...normal, HDFS.writeBlockException]);
  assert.deepEqual(r.reasons, ["event E7 'writeBlock <*> received exception <*>' at DataNode.java:1281 has failure word 'exception'"]);
  const m = failureMatcher(defaultLabelRules().failureWords);
  assert.equal(m('PacketResponder <*> for block <*> Interrupted.'), 'interrupted');
  assert.equal(m('Read TIMED   OUT on <*>'), 'timed out');
  assert.equal(m('Connection refused'), 'refused');
  assert.equal(m('errorCount is <*>'), undefined, 'errorCount is not the word error');
  assert.equal(m('IOException caught'), undefined, 'IOException is not the word exception');
  assert.equal(m('Verification succeeded for <*>'), undefined);
  // Words are looked up in the template, not in the values: a value containing "error" is not a failure.
  const valueOnly: LogStatement = { ...HDFS.verified, id: 'v', template: 'Opened <*>' };
  const events = renderEvents([valueOnly], [['/var/log/error.log']], { style: 'log4j', start: 0, rng: createRng(1) });
  const logs = new Map(HDFS_LOGS).set('v', valueOnly);
  assert.equal(labelSequence({ events, path: pathThrough(ENTRY, [valueOnly]), logs }, defaultLabelRules()).label, 'Normal');
  assert.equal(labelSequence({ events, path: pathThrough(ENTRY, [valueOnly]), logs }, { ...defaultLabelRules(), failureWordsIn: 'content' }).label, 'Anomaly');
});

test('an event logged with a Throwable argument is an Anomaly', () => {
  const quiet: LogStatement = { ...HDFS.ioFailed, id: 'q', level: 'info', template: 'Transfer of <*> to <*> ended' };
  const logs = new Map(HDFS_LOGS).set('q', quiet);
  const events = renderEvents([quiet], [['blk_1', '10.0.0.1:50010']], { style: 'log4j', start: 0, rng: createRng(1) });
  const r = labelSequence({ events, path: pathThrough(ENTRY, [quiet]), logs }, defaultLabelRules());
  assert.deepEqual(r.reasons, ["event E17 'Transfer of <*> to <*> ended' at DataNode.java:2966 logs a Throwable (ie)"]);
  assert.equal(labelSequence({ events, path: pathThrough(ENTRY, [quiet]), logs }, { ...defaultLabelRules(), loggedThrowable: false }).label, 'Normal');
});

test('the shipped default-rules.json is the rule set, readable as a file', () => {
  const file = findDefaultRulesFile();
  const json = JSON.parse(readFileSync(file, 'utf8'));
  const { description: _d, ...fromFile } = json;
  const { description: _e, ...loaded } = defaultLabelRules();
  assert.deepEqual(loaded, fromFile);
  assert.ok(loaded.failureWords.includes('timed out'));
});

test('a user file merges (adding and removing words) or replaces the defaults', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ls-rules-'));
  const merge = join(dir, 'merge.json');
  writeFileSync(merge, JSON.stringify({ warnEvents: true, addFailureWords: ['Redundant'], removeFailureWords: ['exception'] }));
  const m = loadLabelRules(merge);
  assert.equal(m.warnEvents, true);
  assert.equal(m.catchHandler, true, 'keys the file does not set keep their defaults');
  assert.ok(m.failureWords.includes('Redundant') && !m.failureWords.includes('exception'));
  assert.equal(label([...normal, HDFS.writeBlockException], m).label, 'Normal', '"exception" was removed');
  const redundant: LogStatement = { ...HDFS.addStored, template: 'BLOCK* NameSystem.addStoredBlock: Redundant addStoredBlock request received for <*> on <*> size <*>' };
  assert.equal(label([redundant], m).reasons[0], "event E4 'BLOCK* NameSystem.addStoredBlock: Redundant addStoredBlock request received f...' at FSNamesystem.java:2815 has failure word 'redundant'");

  const replace = join(dir, 'replace.json');
  writeFileSync(replace, JSON.stringify({ ...defaultLabelRules(), mode: 'replace', failureWords: ['terminating'], errorLevels: ['fatal'] }));
  const r = loadLabelRules(replace);
  assert.deepEqual(r.failureWords, ['terminating']);
  assert.equal(label(normal, r).label, 'Anomaly');
  assert.equal(label([...normal, HDFS.receiveError], r).reasons.some((x) => x.startsWith('contains ERROR')), false);
});

test('a bad rules file fails with a message naming the file and the problem', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ls-rules-'));
  const file = (name: string, text: string): string => { const p = join(dir, name); writeFileSync(p, text); return p; };
  assert.throws(() => loadLabelRules(file('a.json', '{ "warnEvents": tru }')), /label rules .*a\.json: not valid JSON/);
  assert.throws(() => loadLabelRules(file('b.json', '{ "warnEvent": true }')), /b\.json: \(top level\): unknown key 'warnEvent'/);
  assert.throws(() => loadLabelRules(file('c.json', '{ "errorLevels": ["error", "severe"] }')), /c\.json: \/errorLevels\/1 must be equal to one of the allowed values: "trace", "debug", "info", "warn", "error", "fatal"/);
  assert.throws(() => loadLabelRules(file('d.json', '{ "catchHandler": "yes" }')), /d\.json: \/catchHandler must be boolean/);
  assert.throws(() => loadLabelRules(file('e.json', '{ "mode": "replace", "warnEvents": true }')), /e\.json: "mode": "replace" needs every key; missing catchHandler, throwStatement/);
  assert.throws(() => loadLabelRules(file('f.json', '[1, 2]')), /f\.json: expected a JSON object/);
  assert.throws(() => loadLabelRules(join(dir, 'missing.json')), /missing\.json: cannot read \(ENOENT\)/);
  assert.throws(() => applyLabelRules({ failureWords: [''] }, 'inline'), /inline: \/failureWords\/0 must NOT have fewer than 1 characters/);
});
