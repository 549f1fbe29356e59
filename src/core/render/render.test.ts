import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { binaryName, loggerName, renderSession, renderTemplate, shortComponent } from './render';
import { createSession, fill } from '../params/session';
import { createRng } from '../util/rng';
import { sharedDir } from '../util/repo';
import { parseCsvRecords } from '../util/csv';
import { HDFS } from '../sequence/hdfs-fixture';
import type { LogStatement } from '../model';

const session = [HDFS.allocate, HDFS.receiving, HDFS.received, HDFS.addStored, HDFS.terminating, HDFS.verified, HDFS.writeBlockException, HDFS.interrupted, HDFS.deleting];

function render(logs: LogStatement[], style: 'hdfs' | 'log4j', seed: number, start = Date.UTC(2008, 10, 9, 20, 35, 18)) {
  const s = createSession(createRng(seed));
  return renderSession(logs, logs.map((l) => fill(l, s)), { style, start, rng: createRng(seed + 1) });
}

test('renderTemplate fills slots left to right and leaves missing ones as <*>', () => {
  assert.equal(renderTemplate('a <*> b <*> c <*>', ['1', '2']), 'a 1 b 2 c <*>');
  assert.equal(renderTemplate('x=<*>', ['$&$1']), 'x=$&$1', 'replacement patterns in values are taken literally');
});

test('timestamps strictly increase through a session in both layouts, from the given start', () => {
  for (const style of ['hdfs', 'log4j'] as const) {
    for (let seed = 1; seed <= 20; seed++) {
      const r = render([...session, ...session], style, seed);
      assert.equal(r.times[0], Date.UTC(2008, 10, 9, 20, 35, 18));
      for (let i = 1; i < r.times.length; i++) assert.ok(r.times[i]! > r.times[i - 1]!, `${style} seed ${seed} event ${i}`);
      // What the line shows increases too (the hdfs layout has whole seconds only).
      const shown = r.events.map((e) => `${e.date} ${e.time}`);
      for (let i = 1; i < shown.length; i++) assert.ok(shown[i]! > shown[i - 1]!, `${style}: ${shown[i - 1]} then ${shown[i]}`);
      assert.equal(r.end, r.times[r.times.length - 1]);
      assert.equal(new Set(r.events.map((e) => e.thread)).size, 1, 'one thread (pid) per session');
    }
  }
});

test('hdfs-style lines parse with the HDFS_v1 format and match the real loghub templates', () => {
  const real = parseCsvRecords(readFileSync(join(sharedDir(), 'data', 'hdfs', 'HDFS_100k_templates.csv'), 'utf8'));
  const templateRes = real.map((t) => new RegExp(`^${t.EventTemplate!.split('<*>').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('(.+?)')}$`));
  const realComponents = new Set(readFileSync(join(sharedDir(), 'data', 'hdfs', 'HDFS_2k.log'), 'utf8').split(/\r?\n/).map((l) => l.split(' ')[4]?.replace(/:$/, '')));
  const hdfsFormat = /^(\d{6}) (\d{6}) (\d+) (INFO|WARN|ERROR|FATAL|DEBUG|TRACE) ([\w.$]+): (.*)$/;
  for (let seed = 1; seed <= 10; seed++) {
    const r = render(session, 'hdfs', seed);
    for (const e of r.events) {
      const m = hdfsFormat.exec(e.raw);
      assert.ok(m, `not in HDFS format: ${e.raw}`);
      assert.deepEqual([m[1], m[2], m[3], m[5], m[6]], [e.date, e.time, e.thread, e.component, e.content]);
      assert.equal(m[4], e.level.toUpperCase());
      assert.ok(realComponents.has(e.component), `component ${e.component} is not one HDFS_v1 shows`);
      // A line that HDFS itself logged matches one of the loghub templates: ours must too (same statements).
      assert.ok(templateRes.some((re) => re.test(e.content)), `no loghub template matches '${e.content}'`);
    }
  }
});

test('log4j-style lines: ISO8601 time, [thread], padded level, binary logger name, message', () => {
  const r = render(session, 'log4j', 5);
  for (const e of r.events) {
    assert.match(e.raw, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} \[[\w$-]+\] (INFO |WARN |ERROR|DEBUG|TRACE|FATAL) [\w.$]+ - .+$/);
    assert.ok(e.raw.endsWith(` ${e.component} - ${e.content}`));
  }
  assert.equal(r.events[1]!.component, 'org.apache.hadoop.dfs.DataNode$DataXceiver');
  assert.equal(binaryName('org.apache.hadoop.dfs.DataNode.DataTransfer'), 'org.apache.hadoop.dfs.DataNode$DataTransfer');
  assert.equal(shortComponent('org.apache.hadoop.dfs.FSNamesystem'), 'dfs.FSNamesystem');
  assert.equal(shortComponent('DataNode'), 'DataNode');
  assert.equal(loggerName({ component: 'DataNode', className: 'org.apache.hadoop.dfs.DataNode.DataXceiver' }), 'org.apache.hadoop.dfs.DataNode');
  assert.equal(loggerName({ component: 'FSNamesystem', className: 'org.apache.hadoop.dfs.DataNode' }), 'org.apache.hadoop.dfs.FSNamesystem');
  assert.equal(loggerName({ component: 'org.x.Y', className: 'a.B' }), 'org.x.Y');
  assert.equal(loggerName({ component: '', className: 'a.B' }), 'a.B');
});

test('a message with a line break stays one raw line; the content keeps the break', () => {
  const multi: LogStatement = { ...HDFS.verified, template: 'first line\nsecond <*>' };
  const r = render([multi], 'log4j', 2);
  assert.equal(r.events[0]!.content.split('\n').length, 2);
  assert.equal(r.events[0]!.raw.split('\n').length, 1);
  assert.match(r.events[0]!.raw, /first line\\nsecond blk_/);
  assert.throws(() => renderSession([multi], [], { style: 'log4j', start: 0, rng: createRng(1) }), /1 log statements but 0 value lists/);
});
