import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedDir } from '../util/repo';
import { WorkspaceIndex } from '../workspace/workspace-index';
import { compileFormat, LOG_PRESETS } from '../logs/format';
import { parseLogFile, structuredRecords } from '../logs/parse-log';
import { parseSessionKey, tracesFromRecords } from '../logs/traces';
import { computeCoverage, coverageMarkdown, observedTransitionWeights, TemplateMatcher, type LogMessage } from './coverage';

// Logging calls written the way Hadoop 0.18's DataNode writes them (string concatenation, commons-logging).
const DATANODE = `package org.apache.hadoop.dfs;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
public class DataNode {
  public static final Log LOG = LogFactory.getLog(DataNode.class);
  void receiveBlock(Block b, String src, String dst, long size) {
    LOG.info("Receiving block " + b + " src: " + src + " dest: " + dst);
    LOG.info("Received block " + b + " of size " + size + " from " + src);
  }
  void verify(Block b) {
    if (b == null) LOG.warn("Verification failed for " + b + " on disk");
  }
  class PacketResponder {
    void close(int n, Block b) { LOG.info("PacketResponder " + n + " for block " + b + " terminating"); }
  }
  void debug(String msg) { LOG.info(msg); }
}
`;

test('coverage of a Java tree by HDFS_2k: seen counts, never-seen statements, generic templates, log events mapped', async () => {
  const root = mkdtempSync(join(tmpdir(), 'logsynth-cov-'));
  try {
    mkdirSync(join(root, 'src', 'org', 'apache', 'hadoop', 'dfs'), { recursive: true });
    writeFileSync(join(root, 'src', 'org', 'apache', 'hadoop', 'dfs', 'DataNode.java'), DATANODE);
    const index = await WorkspaceIndex.build(root);
    assert.equal(index.logs.size, 5);
    const logFile = join(sharedDir(), 'data', 'hdfs', 'HDFS_2k.log');
    const p = LOG_PRESETS.hdfs!;
    const parsed = await parseLogFile(logFile, { format: compileFormat(p.format), drain: p.drain });
    const records = [];
    for await (const r of structuredRecords(parsed)) records.push(r);
    const messages: LogMessage[] = records.map((r) => ({ content: r.fields.Content!, eventId: r.eventId, template: r.template }));
    const report = await computeCoverage(index.logs.values(), messages);
    // Expected counts straight from the raw file.
    const contents = readFileSync(logFile, 'latin1').split('\r\n').filter(Boolean).map((l) => l.slice(l.indexOf(': ') + 2));
    const count = (re: RegExp) => contents.filter((c) => re.test(c)).length;
    const byTemplate = new Map(report.entries.map((e) => [e.template, e]));
    assert.equal(byTemplate.get('Receiving block <*> src: <*> dest: <*>')!.seen, count(/^Receiving block \S+ src: \S+ dest: \S+$/));
    assert.equal(byTemplate.get('Received block <*> of size <*> from <*>')!.seen, count(/^Received block \S+ of size \d+ from /));
    assert.equal(byTemplate.get('PacketResponder <*> for block <*> terminating')!.seen, count(/^PacketResponder \d+ for block \S+ terminating$/));
    assert.equal(byTemplate.get('Verification failed for <*> on disk')!.seen, 0, 'never seen');
    assert.equal(byTemplate.get('<*>')!.seen, null, 'too generic to tell');
    assert.equal(report.seenStatements, 3);
    assert.equal(report.coverage, 3 / 4);
    assert.equal(report.logLines, 2000);
    assert.equal(report.matchedLines, [...byTemplate.values()].reduce((n, e) => n + (e.seen ?? 0), 0));
    // Drain's "Receiving block" event maps wholly onto the source statement.
    const receiving = report.logEvents.find((e) => e.template.startsWith('Receiving block'))!;
    assert.equal(receiving.sourceEventId, byTemplate.get('Receiving block <*> src: <*> dest: <*>')!.eventId);
    assert.equal(receiving.matchedShare, 1);
    const md = coverageMarkdown(report);
    assert.match(md, /75\.0%/);
    assert.match(md, /Verification failed for <\*> on disk/);
    // Observed transitions between source events, from the real traces.
    const set = await tracesFromRecords(records, parseSessionKey(p.sessionKey!));
    const w = observedTransitionWeights(report, set.traces.map((t) => t.events.map((e) => e.eventId)));
    const recv = byTemplate.get('Receiving block <*> src: <*> dest: <*>')!.eventId;
    const total = [...(w.get('<START>')?.values() ?? [])].reduce((a, b) => a + b, 0);
    assert.ok(total > 0);
    assert.ok((w.get('<START>')!.get(recv) ?? 0) > 0);
  } finally { rmSync(root, { recursive: true, force: true }); }
});

test('the matcher prefers the most specific template and handles slots at the start', () => {
  const m = new TemplateMatcher([
    { eventId: 'A', template: 'Deleting block <*>' },
    { eventId: 'B', template: 'Deleting block <*> file <*>' },
    { eventId: 'C', template: '<*> Served block <*> to <*>' },
    { eventId: 'D', template: 'x' },
  ]);
  assert.equal(m.match('Deleting block blk_1 file /a/b'), 'B');
  assert.equal(m.match('Deleting block blk_1'), 'A');
  assert.equal(m.match('10.0.0.1:50010 Served block blk_2 to /10.0.0.2'), 'C');
  assert.equal(m.match('Something else'), null);
  assert.ok(m.generic.has('D'));
});
