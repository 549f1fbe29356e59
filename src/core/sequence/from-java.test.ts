// From real Java source to rendered lines: the indexer's LogStatements (templates, parameter expressions,
// declared types) feed parameter synthesis and rendering, and the lines come out as HDFS_v1 shows them.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createJavaParser } from '../java/parser';
import { indexSource } from '../java/index-file';
import { templateToRegex } from '../java/template';
import { classifyParam } from '../params/classify';
import { materializeSequence, sessionIdFor } from './materialize';
import { defaultLabelRules } from '../labels/rules';
import { createRng } from '../util/rng';
import { parseCsvRecords } from '../util/csv';
import { sharedDir } from '../util/repo';
import type { LogStatement, Path } from '../model';

const parserP = createJavaParser();
after(async () => (await parserP).delete());

// Written for this test in the style of Hadoop 0.18's DataNode (commons-logging, `+` concatenation).
const SOURCE = `package org.apache.hadoop.dfs;
import java.io.*;
import java.net.*;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

class DataXceiver implements Runnable {
  public static final Log LOG = LogFactory.getLog(DataXceiver.class);
  Socket s;
  void writeBlock(DataInputStream in, Block block, DatanodeInfo[] targets) throws IOException {
    LOG.info("Receiving block " + block + " src: " + s.getRemoteSocketAddress() + " dest: " + s.getLocalSocketAddress());
    String inAddr = s.getInetAddress().toString();
    try {
      receiveBlock(in, block);
      LOG.info("Received block " + block + " of size " + block.getNumBytes() + " from " + inAddr);
    } catch (IOException ioe) {
      LOG.info("writeBlock " + block + " received exception " + ioe);
      throw ioe;
    }
  }
  void receiveBlock(DataInputStream in, Block block) throws IOException {
    int numTargets = 2;
    LOG.info("PacketResponder " + numTargets + " for block " + block + " terminating");
  }
}
`;

test('statements indexed from Java render to lines that match their own template and the real HDFS templates', async () => {
  const fi = indexSource('src/hdfs/org/apache/hadoop/dfs/DataXceiver.java', SOURCE, await parserP);
  assert.deepEqual(fi.problems, []);
  const logs = fi.logs;
  assert.equal(logs.length, 4);
  const byTemplate = (prefix: string): LogStatement => logs.find((l) => l.template.startsWith(prefix))!;
  assert.deepEqual([0, 1, 2].map((i) => classifyParam(byTemplate('Receiving block'), i)), ['blockId', 'slashIpPort', 'slashIpPort']);
  assert.deepEqual([0, 1, 2].map((i) => classifyParam(byTemplate('Received block'), i)), ['blockId', 'bytes', 'inetAddress']);
  assert.deepEqual([0, 1].map((i) => classifyParam(byTemplate('writeBlock'), i)), ['blockId', 'exception']);
  assert.deepEqual([0, 1].map((i) => classifyParam(byTemplate('PacketResponder'), i)), ['count', 'blockId']);

  const real = parseCsvRecords(readFileSync(join(sharedDir(), 'data', 'hdfs', 'HDFS_100k_templates.csv'), 'utf8')).map((t) => templateToRegex(t.EventTemplate!));
  const map = new Map(logs.map((l) => [l.id, l]));
  const entry = fi.methods.find((m) => m.name === 'writeBlock')!.id;
  const order = ['Receiving block', 'Received block', 'PacketResponder', 'writeBlock'].map(byTemplate);
  const path: Path = {
    entry, raises: true, logIds: order.map((l) => l.id),
    steps: order.map((l, i) => ({ methodId: l.methodId, nodeId: i, kind: 'log' as const, loc: l.loc, depth: 0, logId: l.id })),
  };
  for (let n = 1; n <= 5; n++) {
    const seq = materializeSequence({
      sessionId: sessionIdFor(entry, n), path, verdict: { consistent: true, reason: 'consistent', conflictingSteps: [], verifier: 'symbolic' },
      multiplicity: 1, logs: map, rng: createRng(n), style: 'hdfs', rules: defaultLabelRules(), start: Date.UTC(2008, 10, 9, 20, 35, 18),
    });
    assert.match(seq.sessionId, /^blk_-?\d+$/);
    for (const e of seq.events) {
      assert.match(e.content, templateToRegex(e.template), 'a rendered line matches the template it came from');
      assert.ok(real.some((re) => re.test(e.content)), `no HDFS_v1 template matches '${e.content}'`);
      assert.match(e.raw, /^\d{6} \d{6} \d+ INFO dfs\.DataXceiver: /);
      assert.ok(e.content.includes(seq.sessionId), 'every line names the session block');
    }
    assert.equal(seq.label, 'Anomaly');
    assert.ok(seq.labelReasons.some((r) => /'writeBlock <\*> received exception <\*>' at DataXceiver\.java:17 has failure word 'exception'$/.test(r)), seq.labelReasons.join('\n'));
  }
});
