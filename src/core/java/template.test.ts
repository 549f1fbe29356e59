import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderTemplate, templateToRegex, applyBraces, applyMessageFormat, applyPrintf, piecesToTemplate, lastWords } from './template';
import { WorkspaceIndex } from '../workspace/workspace-index';
import { parseCsvRecords } from '../util/csv';
import { sharedDir } from '../util/repo';

test('templateToRegex matches rendered messages, slots match any text, specials are literal', () => {
  const t = 'Took <*> ms (x*2) for [<*>] $1 {}';
  const re = templateToRegex(t);
  const line = renderTemplate(t, ['12', 'a b c']);
  assert.equal(line, 'Took 12 ms (x*2) for [a b c] $1 {}');
  assert.deepEqual(re.exec(line)?.slice(1), ['12', 'a b c']);
  assert.equal(re.test('Took 12 ms (x*2) for [a] $1 {} extra'), false);
  assert.equal(re.test('Took 12 ms (xx2) for [a] $1 {}'), false);
  assert.equal(renderTemplate('a <*> b <*>', ['1']), 'a 1 b <*>');
  assert.equal(templateToRegex('multi\nline <*>').test('multi\nline x\ny'), true);
  assert.equal(templateToRegex('<*>:Got exception\n<*>', { firstLine: true }).test('h:50010:Got exception'), true);
});

test('placeholder syntaxes on pieces', () => {
  const a = { pieces: [{ param: { expr: 'x' } }], expr: 'x' };
  const lit = { pieces: [{ lit: '42' }], expr: '42' };
  assert.equal(piecesToTemplate(applyBraces([{ lit: 'a {} b {} c {}' }], [a, lit])).template, 'a <*> b 42 c {}');
  assert.equal(piecesToTemplate(applyBraces([{ lit: 'esc \\{} then \\\\{}' }], [a])).template, 'esc {} then \\<*>');
  assert.equal(piecesToTemplate(applyMessageFormat([{ lit: "{1} and {0}, '{0}' {5}" }], [a, lit])).template, '42 and <*>, {0} {5}');
  assert.equal(piecesToTemplate(applyPrintf([{ lit: '%-10s|%08.3f|%x|%%|%<s' }], [a, lit, a])).template, '<*>|<*>|<*>|%|<*>');
});

// Hadoop 0.18 HDFS logging statements, written as they appear in org.apache.hadoop.dfs (DataNode,
// FSNamesystem, FSDataset, DataBlockScanner): the real HDFS_2k.log lines must match their templates.
const HADOOP: Record<string, string> = {
  'src/org/apache/hadoop/dfs/NameNode.java': `package org.apache.hadoop.dfs;
import org.apache.commons.logging.*;
public class NameNode {
  public static final Log LOG = LogFactory.getLog("org.apache.hadoop.dfs.NameNode");
  public static final Log stateChangeLog = LogFactory.getLog("org.apache.hadoop.dfs.StateChange");
}`,
  'src/org/apache/hadoop/dfs/DataNode.java': `package org.apache.hadoop.dfs;
import org.apache.commons.logging.*;
public class DataNode {
  public static final Log LOG = LogFactory.getLog(DataNode.class);
  DatanodeRegistration dnRegistration;
  void transferBlocks(Block blocks[], DatanodeInfo xferTargets[][]) {
    for (int i = 0; i < blocks.length; i++) {
      StringBuilder xfersBuilder = new StringBuilder();
      for (int j = 0; j < xferTargets[i].length; j++) xfersBuilder.append(xferTargets[i][j].getName()).append(" ");
      LOG.info(dnRegistration + " Starting thread to transfer block " + blocks[i] + " to " + xfersBuilder);
    }
  }
  class DataXceiver implements Runnable {
    Socket s;
    void readBlock(DataInputStream in) throws IOException {
      try {
        sendBlock();
        LOG.info(dnRegistration + " Served block " + block + " to " + s.getInetAddress());
      } catch (IOException ioe) {
        LOG.warn(dnRegistration + ":Got exception while serving " + block + " to " + s.getInetAddress() + ":\\n" + StringUtils.stringifyException(ioe));
        throw ioe;
      }
    }
    void writeBlock(DataInputStream in) throws IOException {
      LOG.info("Receiving block " + block + " src: " + s.getRemoteSocketAddress() + " dest: " + s.getLocalSocketAddress());
      LOG.info("Received block " + block + " src: " + s.getRemoteSocketAddress() + " dest: " + s.getLocalSocketAddress() + " of size " + block.getNumBytes());
    }
  }
  class PacketResponder implements Runnable {
    int numTargets;
    public void run() {
      LOG.info("Received block " + block + " of size " + block.getNumBytes() + " from " + inAddr);
      LOG.info("PacketResponder " + numTargets + " for block " + block + " terminating");
    }
  }
}`,
  'src/org/apache/hadoop/dfs/FSNamesystem.java': `package org.apache.hadoop.dfs;
class FSNamesystem {
  Block allocateBlock(String src, INode[] inodes) throws IOException {
    Block b = new Block(FSNamesystem.randBlockId.nextLong(), 0, 0);
    NameNode.stateChangeLog.info("BLOCK* NameSystem.allocateBlock: " + src + ". " + b);
    return b;
  }
  synchronized Block addStoredBlock(Block block, DatanodeDescriptor node, DatanodeDescriptor delNodeHint) {
    NameNode.stateChangeLog.info("BLOCK* NameSystem.addStoredBlock: " + "blockMap updated: " + node.getName() + " is added to " + block + " size " + block.getNumBytes());
    return block;
  }
  void addToInvalidates(Block b, DatanodeInfo n) {
    NameNode.stateChangeLog.info("BLOCK* NameSystem.delete: " + b.getBlockName() + " is added to invalidSet of " + n.getName());
  }
  int computeReplicationWork(DatanodeDescriptor srcNode, Block block, StringBuffer targetList) {
    NameNode.stateChangeLog.info("BLOCK* ask " + srcNode.getName() + " to replicate " + block + " to datanode(s) " + targetList);
    return 1;
  }
  int computeInvalidateWork(DatanodeDescriptor dn, StringBuffer blockList) {
    NameNode.stateChangeLog.info("BLOCK* ask " + dn.getName() + " to delete " + blockList);
    return 1;
  }
}`,
  'src/org/apache/hadoop/dfs/FSDataset.java': `package org.apache.hadoop.dfs;
class FSDataset {
  public void invalidate(Block invalidBlks[]) throws IOException {
    for (int i = 0; i < invalidBlks.length; i++) {
      File f = getFile(invalidBlks[i]);
      DataNode.LOG.info("Deleting block " + invalidBlks[i] + " file " + f);
    }
  }
}`,
  'src/org/apache/hadoop/dfs/DataBlockScanner.java': `package org.apache.hadoop.dfs;
class DataBlockScanner {
  private void verifyBlock(Block block) {
    LOG.info("Verification succeeded for " + block);
  }
}`,
};

test('real HDFS_2k.log lines match the templates of the Hadoop statements that wrote them', async () => {
  const root = mkdtempSync(join(tmpdir(), 'logsynth-hdfs-'));
  try {
    for (const [rel, src] of Object.entries(HADOOP)) {
      mkdirSync(join(root, rel, '..'), { recursive: true });
      writeFileSync(join(root, rel), src);
    }
    const idx = await WorkspaceIndex.build(root, {});
    idx.dispose();
    assert.deepEqual(idx.problems, []);
    assert.equal(idx.logs.size, 14);
    assert.equal(idx.templates.size, 14);
    const logs = [...idx.logs.values()];
    const regexes = logs.map((l) => templateToRegex(l.template, { firstLine: true }));
    const rows = parseCsvRecords(readFileSync(join(sharedDir(), 'data/hdfs/HDFS_2k.log_structured.csv'), 'utf8'));
    assert.equal(rows.length, 2000);
    // ground-truth event id -> our template: every line matches exactly one template, consistently
    const mapping = new Map<string, string>();
    for (const row of rows) {
      const hits = logs.filter((_, i) => regexes[i]!.test(row.Content!));
      assert.equal(hits.length, 1, `line ${row.LineId} "${row.Content}" matched ${hits.length} templates`);
      const prev = mapping.get(row.EventId!);
      assert.ok(prev === undefined || prev === hits[0]!.eventId, `${row.EventId} maps to two templates`);
      mapping.set(row.EventId!, hits[0]!.eventId);
    }
    assert.equal(new Set(mapping.values()).size, 14, 'the 14 real templates map onto 14 distinct statements');
    // components: the class named in getLog(X.class) / the logger name, also across files
    const byTemplate = new Map(logs.map((l) => [l.template, l]));
    assert.equal(byTemplate.get('PacketResponder <*> for block <*> terminating')?.component, 'DataNode');
    assert.equal(byTemplate.get('Deleting block <*> file <*>')?.component, 'DataNode');
    assert.equal(byTemplate.get('BLOCK* NameSystem.allocateBlock: <*>. <*>')?.component, 'org.apache.hadoop.dfs.StateChange');
    assert.equal(byTemplate.get('Verification succeeded for <*>')?.component, 'DataBlockScanner');
    const served = byTemplate.get('<*>:Got exception while serving <*> to <*>:\n<*>');
    assert.ok(served, 'the exception text after the newline is a parameter of the message');
    assert.equal(served.level, 'warn');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('lastWords reads the words before a slot as a whitespace split would', () => {
  const samples = ['', '   ', 'one', ' Receiving  block\t', 'a b c d e f g', 'x\n y\u00a0z\u3000w', 'tail  ', '\ufeffbom start', 'é ü ß 中文 words'];
  for (const s of samples) {
    for (const n of [1, 3, 5]) {
      assert.equal(lastWords(s, n), s.split(/\s+/).filter((w) => w !== '').slice(-n).join(' '), JSON.stringify(s));
    }
  }
});
