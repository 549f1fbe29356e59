// Log statements as Hadoop 0.18.2's HDFS writes them (DataNode, FSNamesystem, FSDataset, DataBlockScanner),
// built by hand the way the indexer records them: template, parameter expressions with declared types,
// level, component. Tests of params/, render/, labels/, sequence/ and export/ share them; HDFS_v1's real
// lines were printed by these very calls, so rendered lines can be checked against the loghub templates.
import type { LogLevel, LogParam, LogStatement, Path, PathStep } from '../model';

function stmt(
  eventId: string, level: LogLevel, template: string, params: LogParam[],
  cls: string, method: string, file: string, line: number, extra: Partial<LogStatement> = {},
): LogStatement {
  const className = `org.apache.hadoop.dfs.${cls}`;
  return {
    id: `${file}:${line}:9`, eventId, level, template, params, logger: 'LOG', component: className,
    loc: { file, line, column: 9 }, className, methodId: `${className}:${method}`, ...extra,
  };
}

const DN = 'src/hdfs/org/apache/hadoop/dfs/DataNode.java';
const FSN = 'src/hdfs/org/apache/hadoop/dfs/FSNamesystem.java';
const FSD = 'src/hdfs/org/apache/hadoop/dfs/FSDataset.java';
const DBS = 'src/hdfs/org/apache/hadoop/dfs/DataBlockScanner.java';
const XCEIVER = { component: 'org.apache.hadoop.dfs.DataNode$DataXceiver' };
const RESPONDER = { component: 'org.apache.hadoop.dfs.DataNode$PacketResponder' };

export const HDFS = {
  allocate: stmt('E1', 'info', 'BLOCK* NameSystem.allocateBlock: <*>. <*>',
    [{ expr: 'src', type: 'String', context: 'BLOCK* NameSystem.allocateBlock:' }, { expr: 'b', type: 'Block', context: '.' }],
    'FSNamesystem', 'allocateBlock(String,INode[])', FSN, 1432, { logger: 'NameNode.stateChangeLog' }),
  receiving: stmt('E2', 'info', 'Receiving block <*> src: <*> dest: <*>',
    [{ expr: 'block', type: 'Block', context: 'Receiving block' },
      { expr: 's.getRemoteSocketAddress()', context: 'src:' }, { expr: 's.getLocalSocketAddress()', context: 'dest:' }],
    'DataNode.DataXceiver', 'writeBlock(DataInputStream)', DN, 1161, XCEIVER),
  received: stmt('E3', 'info', 'Received block <*> of size <*> from <*>',
    [{ expr: 'block', type: 'Block', context: 'Received block' }, { expr: 'block.getNumBytes()', context: 'of size' }, { expr: 'inAddr', type: 'String', context: 'from' }],
    'DataNode.DataXceiver', 'writeBlock(DataInputStream)', DN, 1254, XCEIVER),
  addStored: stmt('E4', 'info', 'BLOCK* NameSystem.addStoredBlock: blockMap updated: <*> is added to <*> size <*>',
    [{ expr: 'node.getName()', context: 'blockMap updated:' }, { expr: 'block', type: 'Block', context: 'is added to' }, { expr: 'block.getNumBytes()', context: 'size' }],
    'FSNamesystem', 'addStoredBlock(Block,DatanodeDescriptor,DatanodeDescriptor)', FSN, 2815, { logger: 'NameNode.stateChangeLog' }),
  terminating: stmt('E5', 'info', 'PacketResponder <*> for block <*> terminating',
    [{ expr: 'numTargets', type: 'int', context: 'PacketResponder' }, { expr: 'block', type: 'Block', context: 'for block' }],
    'DataNode.PacketResponder', 'run()', DN, 2248, RESPONDER),
  verified: stmt('E6', 'info', 'Verification succeeded for <*>',
    [{ expr: 'block', type: 'Block', context: 'Verification succeeded for' }], 'DataBlockScanner', 'verifyBlock(Block)', DBS, 398),
  writeBlockException: stmt('E7', 'info', 'writeBlock <*> received exception <*>',
    [{ expr: 'block', type: 'Block', context: 'writeBlock' }, { expr: 'ioe', type: 'IOException', context: 'received exception' }],
    'DataNode.DataXceiver', 'writeBlock(DataInputStream)', DN, 1281, XCEIVER),
  interrupted: stmt('E16', 'warn', 'PacketResponder <*> for block <*> Interrupted.',
    [{ expr: 'numTargets', type: 'int', context: 'PacketResponder' }, { expr: 'block', type: 'Block', context: 'for block' }],
    'DataNode.PacketResponder', 'run()', DN, 2201, RESPONDER),
  deleting: stmt('E12', 'info', 'Deleting block <*> file <*>',
    [{ expr: 'invalidBlks[i]', type: 'Block', context: 'Deleting block' }, { expr: 'f', type: 'File', context: 'file' }],
    'FSDataset', 'invalidate(Block[])', FSD, 1195),
  receiveError: stmt('E15', 'error', 'Exception in receiveBlock for block <*> <*>',
    [{ expr: 'block', type: 'Block', context: 'Exception in receiveBlock for block' }, { expr: 'ioe', type: 'IOException' }],
    'DataNode.BlockReceiver', 'receiveBlock(DataOutputStream,DataInputStream)', DN, 2790, XCEIVER),
  transmitted: stmt('E10', 'info', '<*>:Transmitted block <*> to <*>',
    [{ expr: 'dnRegistration', type: 'DatanodeRegistration' }, { expr: 'b', type: 'Block', context: 'Transmitted block' }, { expr: 'curTarget', type: 'InetSocketAddress', context: 'to' }],
    'DataNode.DataTransfer', 'run()', DN, 2960),
  ioFailed: stmt('E17', 'warn', 'Failed to transfer <*> to <*>', [{ expr: 'b', type: 'Block' }, { expr: 'targets[0].getName()' }],
    'DataNode.DataTransfer', 'run()', DN, 2966, { exception: 'ie' }),
} satisfies Record<string, LogStatement>;

export const HDFS_LOGS: ReadonlyMap<string, LogStatement> = new Map(Object.values(HDFS).map((l) => [l.id, l]));

/** A path through the given statements, with optional extra steps (catch, throw) inserted before the log at that index. */
export function pathThrough(entry: string, logs: LogStatement[], extra: { before: number; step: Omit<PathStep, 'depth'> }[] = [], raises = false): Path {
  const steps: PathStep[] = [{ methodId: entry, nodeId: 0, kind: 'entry', loc: { file: DN, line: 1100, column: 3 }, depth: 0 }];
  logs.forEach((l, i) => {
    for (const x of extra.filter((e) => e.before === i)) steps.push({ ...x.step, depth: 0 });
    steps.push({ methodId: l.methodId, nodeId: i + 1, kind: 'log', loc: l.loc, depth: 0, logId: l.id });
  });
  for (const x of extra.filter((e) => e.before >= logs.length)) steps.push({ ...x.step, depth: 0 });
  steps.push({ methodId: entry, nodeId: 999, kind: raises ? 'raise' : 'exit', loc: { file: DN, line: 1300, column: 3 }, depth: 0 });
  return { entry, steps, logIds: logs.map((l) => l.id), raises };
}
