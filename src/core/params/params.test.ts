import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyParam, classifySlot, type ParamKind } from './classify';
import { createSession, exprKey, fill } from './session';
import { createRng } from '../util/rng';
import { HDFS } from '../sequence/hdfs-fixture';

const kind = (expr: string, type?: string, before = '', after = ''): ParamKind => classifySlot({ expr, type, before, after });

test('slot kinds follow the expression name, the declared type and the template words', () => {
  const cases: [ParamKind, ParamKind][] = [
    [kind('block', 'Block'), 'blockId'],
    [kind('b.getBlockId()', 'long'), 'blockId'],
    [kind('blk'), 'blockId'],
    [kind('block.getBlockName()'), 'blockId'],
    [kind('', undefined, 'Receiving block '), 'blockId'],
    [kind('block.getNumBytes()', undefined, 'of size '), 'bytes'],
    [kind('blockSize', 'long'), 'bytes'],
    [kind('blocks.size()'), 'count'],
    [kind('targets.length'), 'count'],
    [kind('numTargets', 'int'), 'count'],
    [kind('s.getRemoteSocketAddress()'), 'slashIpPort'],
    [kind('remote', 'InetSocketAddress', 'src: /'), 'ipPort'],
    [kind('node.getName()', undefined, 'updated: '), 'ipPort'],
    [kind('dn', 'DatanodeInfo'), 'ipPort'],
    [kind('ip + ":" + port'), 'ipPort'],
    [kind('dn.getPort()'), 'port'],
    [kind('port', 'int'), 'port'],
    [kind('ipAddr', 'String'), 'ipv4'],
    [kind('s.getInetAddress()'), 'inetAddress'],
    [kind('inAddr', 'String'), 'inetAddress'],
    [kind('addr', 'InetAddress', 'from /'), 'ipv4'],
    [kind('hostName', 'String'), 'host'],
    [kind('f', 'File'), 'path'],
    [kind('src', 'String'), 'path'],
    [kind('elapsedMs', 'long'), 'durationMs'],
    [kind('timeout', 'int'), 'durationMs'],
    [kind('count', 'int'), 'count'],
    [kind('jobId', 'long'), 'id'],
    [kind('userName', 'String'), 'user'],
    [kind('e.getClass().getName()'), 'exceptionClass'],
    [kind('e.getMessage()'), 'exceptionMessage'],
    [kind('ioe', 'IOException'), 'exception'],
    [kind('StringUtils.stringifyException(t)'), 'exception'],
    [kind('isFinalized', 'boolean'), 'boolean'],
    [kind('replicaState', 'ReplicaState'), 'enumWord'],
    [kind('foo', 'Object'), 'text'],
  ];
  cases.forEach(([got, want], i) => assert.equal(got, want, `case ${i}`));
  assert.equal(classifyParam(HDFS.allocate, 0), 'path');
  assert.equal(classifyParam(HDFS.allocate, 1), 'blockId');
  assert.equal(classifyParam(HDFS.writeBlockException, 1), 'exception');
  assert.equal(classifyParam(HDFS.deleting, 1), 'path');
});

test('the expression key drops identity accessors but keeps members that change the meaning', () => {
  assert.deepEqual(exprKey('this.block.getBlockId()', 'blockId'), { root: 'block', members: [] });
  assert.deepEqual(exprKey('String.valueOf(block)', 'blockId'), { root: 'block', members: [] });
  assert.deepEqual(exprKey('s.getRemoteSocketAddress()', 'slashIpPort'), { root: 's', members: ['getRemoteSocketAddress'] });
  assert.deepEqual(exprKey('dn.getHost()', 'ipv4'), { root: 'dn', members: [] });
});

test('HDFS values: blk_ signed 64-bit ids, /ip:port endpoints, sizes, exceptions', () => {
  const s = createSession(createRng(7));
  const [blk, src, dest] = fill(HDFS.receiving, s);
  assert.match(blk!, /^blk_-?\d{1,19}$/);
  assert.ok(BigInt(blk!.slice(4)) >= -(2n ** 63n) && BigInt(blk!.slice(4)) < 2n ** 63n);
  assert.match(src!, /^\/10\.25[01]\.\d{1,3}\.\d{1,3}:\d{5}$/);
  assert.match(dest!, /^\/10\.25[01]\.\d{1,3}\.\d{1,3}:50010$/, 'the local side of a data transfer is the data node port');
  assert.notEqual(src, dest);
  const [, size] = fill(HDFS.received, s);
  assert.match(size!, /^\d+$/);
  assert.ok(Number(size) >= 1 && Number(size) <= 67108864);
  const [, exc] = fill(HDFS.writeBlockException, s);
  assert.match(exc!, /^java\.(io|net|nio\.channels)\.\w+(: .+)?$/);
  const [, file] = fill(HDFS.deleting, s);
  assert.equal(file, file!.replace(/[^/]+$/, '') + blk, 'a block file is named after the block');
  const [count] = fill(HDFS.terminating, s);
  assert.ok(['0', '1', '2'].includes(count!));
});

test('one session names one block and one endpoint per variable; another session gets other values', () => {
  const a = createSession(createRng('seed:A'));
  const b = createSession(createRng('seed:B'));
  const run = (s: ReturnType<typeof createSession>) => ({
    allocate: fill(HDFS.allocate, s), receiving: fill(HDFS.receiving, s), received: fill(HDFS.received, s),
    terminating: fill(HDFS.terminating, s), addStored: fill(HDFS.addStored, s), again: fill(HDFS.receiving, s),
  });
  const ra = run(a);
  const rb = run(b);
  const block = ra.allocate[1];
  // `b`, `block`, `block` in three statements of two classes: the same block.
  assert.equal(ra.receiving[0], block);
  assert.equal(ra.received[0], block);
  assert.equal(ra.terminating[1], block);
  assert.equal(ra.addStored[1], block);
  assert.equal(a.primaryBlock, block);
  // `block.getNumBytes()` twice: the same size; the same statement again: the same endpoints.
  assert.equal(ra.received[1], ra.addStored[2]);
  assert.deepEqual(ra.again, ra.receiving);
  // Other session: other values for the same slots.
  assert.notEqual(rb.allocate[1], block);
  assert.notEqual(rb.receiving[1], ra.receiving[1]);
  // Deterministic from the seed.
  assert.deepEqual(run(createSession(createRng('seed:A'))), ra);
});

test('a block variable named as a second block gets its own id; `blk_` in the template keeps only the number', () => {
  const s = createSession(createRng(3));
  const tmpl = { ...HDFS.verified, template: 'Changing block <*> to <*> (id blk_<*>)', params: [
    { expr: 'block', type: 'Block' }, { expr: 'newBlock', type: 'Block' }, { expr: 'block.getBlockId()', type: 'long' }] };
  const [first, second, bare] = fill(tmpl, s);
  assert.notEqual(first, second);
  assert.equal(`blk_${bare}`, first);
});

test('statements with missing parameter info still get one value per slot, guessed from the template', () => {
  const s = createSession(createRng(11));
  const vals = fill({ ...HDFS.receiving, params: [] }, s);
  assert.equal(vals.length, 3);
  assert.match(vals[0]!, /^blk_-?\d+$/);
  assert.deepEqual(fill({ ...HDFS.verified, template: 'no slots here', params: [] }, s), []);
});

test('objects, threads, decimals and free text get values that read like Java prints them', () => {
  const s = createSession(createRng(8));
  const log = { ...HDFS.verified, template: '<*> <*> <*> <*> <*> <*>', params: [
    { expr: 'this' }, { expr: 'Thread.currentThread().getName()' }, { expr: 'load', type: 'double', context: 'load' },
    { expr: 'jobName', type: 'String' }, { expr: 'replicaState', type: 'ReplicaState' }, { expr: 'infoUrl', type: 'String' }] };
  const [self, thread, load, job, state, url] = fill(log, s);
  assert.match(self!, /^DataBlockScanner@[0-9a-f]{6,8}$/);
  assert.match(thread!, /^Thread-\d+$/);
  assert.match(load!, /^\d+\.\d\d$/);
  assert.match(job!, /^Job-\d+$/);
  assert.ok(['FINALIZED', 'RBW', 'RWR', 'RUR', 'TEMPORARY'].includes(state!));
  assert.match(url!, /^http:\/\/ip-10-251-\d+-\d+\.ec2\.internal:50075\//);
});

test('real-code shapes: unrelated "block" classes, typed objects, HTTP status, typed exceptions per catch', () => {
  assert.equal(kind('block', 'UnicodeBlock'), 'text');
  assert.equal(kind('request.getResponse().getStatus()'), 'enumWord');
  assert.equal(kind('sessionLevel', 'AtomicInteger'), 'count');
  assert.equal(kind('_sessionIdManager.getWorkerName()'), 'text');
  assert.equal(kind('requestedSessionId', 'String'), 'id');
  assert.equal(kind('serverProtocols', 'List'), 'text');
  assert.equal(kind('request.getServerName()'), 'host');
  const s = createSession(createRng(4));
  const log = { ...HDFS.verified, template: '<*> <*> <*> <*> <*> <*>', params: [
    { expr: 'connection', type: 'HttpConnection' }, { expr: 'protocols', type: 'List' }, { expr: 'response.getStatus()', type: 'int' },
    { expr: 'e', type: 'RejectedExecutionException' }, { expr: 'e', type: 'IOException' }, { expr: 'read', type: 'int', context: 'read' }] };
  const [conn, list, status, rejected, io] = fill(log, s);
  assert.match(conn!, /^HttpConnection@[0-9a-f]+$/);
  assert.match(list!, /^\[Protocols-\d, Protocols-\d+\]$/);
  assert.match(status!, /^[2-5]\d\d$/);
  assert.match(rejected!, /^java\.util\.concurrent\.RejectedExecutionException(: .+)?$/);
  assert.match(io!, /^java\.(io|net|nio\.channels)\./, 'another catch block, another throwable');
  const [bytes] = fill({ ...HDFS.verified, template: 'wrote <*> bytes', params: [{ expr: 'n', type: 'int' }] }, s);
  assert.ok(Number(bytes) >= 1 && Number(bytes) <= 1 << 20, 'non-block sizes are not 64 MB blocks');
});

test('a session has one data directory: volumes name it and block files live in it', () => {
  const s = createSession(createRng(12));
  const volume = { ...HDFS.verified, template: 'Volume <*> failed the disk check, removing it', params: [{ expr: 'currentDir', type: 'File' }] };
  const created = { ...HDFS.verified, template: 'Created temporary replica <*> at <*>', params: [{ expr: 'b', type: 'Block' }, { expr: 'f', type: 'File' }] };
  const finalized = { ...HDFS.verified, template: 'Finalized block <*> of size <*> in <*>', params: [{ expr: 'b', type: 'Block' }, { expr: 'b.getNumBytes()' }, { expr: 'currentDir', type: 'File' }] };
  const [dir] = fill(volume, s);
  const [blk, file] = fill(created, s);
  const [, size, dir2] = fill(finalized, s);
  assert.match(dir!, /^\/mnt\/(disk\d\/)?hadoop\/dfs\/data$/);
  assert.equal(dir2, dir);
  assert.match(file!, new RegExp(`^${dir}/current/subdir\\d+/${blk}$`));
  assert.ok(Number(size) > 1000, 'a block size, not a small count');
});
