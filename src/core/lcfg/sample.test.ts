// The bundled sample (examples/datanode) as the LCFG builder sees it through the real indexer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node as SyntaxNode } from 'web-tree-sitter';
import { createJavaParser } from '../java/parser';
import { indexSource } from '../java/index-file';
import { repoRoot } from '../util/repo';
import type { FileIndex, Lcfg } from '../model';
import { lcfgProblems } from './check';

const PKG_DIR = 'src/main/java/org/example/storage';
const SAMPLE = join(repoRoot(), 'examples', 'datanode', PKG_DIR);
const files = readdirSync(SAMPLE).filter((f) => f.endsWith('.java')).sort();

/** First ERROR or MISSING node, walked without recursion. */
function firstProblem(root: SyntaxNode): SyntaxNode | undefined {
  const stack: SyntaxNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.isError || n.isMissing) return n;
    if (!n.hasError) continue;
    for (const c of n.children) if (c) stack.push(c);
  }
  return undefined;
}

let indexed: Promise<FileIndex[]> | undefined;
function indexSample(): Promise<FileIndex[]> {
  indexed ??= (async () => {
    const parser = await createJavaParser();
    try {
      return files.map((f) => indexSource(`${PKG_DIR}/${f}`, readFileSync(join(SAMPLE, f)), parser));
    } finally {
      parser.delete();
    }
  })();
  return indexed;
}

async function lcfgOf(methodPrefix: string): Promise<Lcfg> {
  const all = (await indexSample()).flatMap((f) => f.lcfgs);
  const g = all.find((l) => l.methodId.startsWith(methodPrefix));
  assert.ok(g, `no LCFG for ${methodPrefix}`);
  return g;
}

test('the sample is 8-12 files of 900-1,400 lines that tree-sitter parses with no ERROR or MISSING node', async () => {
  assert.ok(files.length >= 8 && files.length <= 12, `${files.length} files`);
  const parser = await createJavaParser();
  let lines = 0;
  try {
    for (const f of files) {
      const src = readFileSync(join(SAMPLE, f), 'utf8');
      lines += src.split('\n').length - 1;
      const tree = parser.parse(src);
      assert.ok(tree);
      const bad = firstProblem(tree.rootNode);
      tree.delete();
      assert.equal(bad, undefined, `${f}: ${bad?.type} at line ${(bad?.startPosition.row ?? 0) + 1}`);
    }
  } finally {
    parser.delete();
  }
  assert.ok(lines >= 900 && lines <= 1400, `${lines} lines`);
});

test('every sample method gets a full (not degraded) LCFG holding each of its log statements', async () => {
  const index = await indexSample();
  for (const f of index) {
    assert.deepEqual(f.problems, [], f.file);
    for (const g of f.lcfgs) {
      assert.equal(g.degraded, undefined, g.methodId);
      const inGraph = new Set(g.nodes.filter((n) => n.kind === 'log').map((n) => n.logId));
      for (const log of f.logs.filter((l) => l.methodId === g.methodId)) assert.ok(inGraph.has(log.id), `${g.methodId}: ${log.id}`);
    }
  }
  const logs = index.flatMap((f) => f.logs);
  assert.ok(logs.length >= 70, `${logs.length} log statements`);
  // The loggers the sample is meant to exercise: SLF4J fields, a named state-change logger used from
  // another class, commons-logging, java.util.logging.
  assert.ok(logs.some((l) => l.logger === 'NameService.stateChangeLog' && l.className.endsWith('NameServiceClient')));
  assert.ok(logs.some((l) => l.className.endsWith('BlockScanner')));
  assert.ok(logs.some((l) => l.className.endsWith('VolumeChecker') && l.level === 'error'));
});

test('receiveBlock: an early return on b == null, then the same test again (a contradiction to reject)', async () => {
  const g = await lcfgOf('org.example.storage.BlockReceiver:receiveBlock(');
  const tests = g.nodes.filter((n) => n.kind === 'branch' && n.text === 'b == null');
  assert.equal(tests.length, 2);
  const [first, second] = tests.sort((a, b) => a.line - b.line);
  const take = (from: number, pol: boolean) => g.edges.find((e) => e.from === from && e.polarity === pol && e.cond === 'b == null');
  // true on the first test: warn, then return to exit
  const warn = g.nodes[take(first!.id, true)!.to]!;
  assert.equal(warn.kind, 'log');
  const ret = g.edges.find((e) => e.from === warn.id)!;
  assert.equal(g.nodes[ret.to]!.kind, 'return');
  // true on the second test: the error log that no consistent path reaches
  assert.equal(g.nodes[take(second!.id, true)!.to]!.kind, 'log');
  // the finally around the receive loop is copied for the normal and the exceptional exits
  assert.ok(g.nodes.filter((n) => n.kind === 'finally').length >= 2);
});

test('processCommand: DNA_REGISTER falls through into the block report; DNA_SHUTDOWN returns', async () => {
  const g = await lcfgOf('org.example.storage.DataNode:processCommand(');
  const sw = g.nodes.find((n) => n.kind === 'branch' && n.text === 'cmd.action')!;
  assert.ok(sw);
  const cases = g.edges.filter((e) => e.from === sw.id && e.kind === 'case').map((e) => e.cond).sort();
  assert.deepEqual(cases, ['case NameService.DNA_BLOCKREPORT', 'case NameService.DNA_INVALIDATE', 'case NameService.DNA_REGISTER',
    'case NameService.DNA_SHUTDOWN', 'case NameService.DNA_TRANSFER', 'default']);
  const register = g.nodes.find((n) => n.kind === 'call' && n.call?.name === 'register')!;
  const reportEntry = g.edges.find((e) => e.from === sw.id && e.cond === 'case NameService.DNA_BLOCKREPORT')!.to;
  assert.ok(g.edges.some((e) => e.from === register.id && e.to === reportEntry && e.kind === 'normal'), 'fall-through edge');
  const shutdownEntry = g.edges.find((e) => e.from === sw.id && e.cond === 'case NameService.DNA_SHUTDOWN')!.to;
  const afterLog = g.edges.find((e) => e.from === shutdownEntry)!.to;
  assert.equal(g.nodes[afterLog]!.kind, 'return');
});

test('waitForAcks: a labelled break leaves the loop, continue loops back, a thrown ChecksumException escapes', async () => {
  const g = await lcfgOf('org.example.storage.ReplicationPipeline:waitForAcks(');
  const loop = g.nodes.find((n) => n.kind === 'branch' && n.text === 'i < targets.length')!;
  const sw = g.nodes.find((n) => n.kind === 'branch' && n.text === 'status')!;
  const success = g.edges.find((e) => e.from === sw.id && e.cond === 'case ACK_SUCCESS')!;
  assert.equal(success.to, loop.id); // `acked++; continue;` holds nothing to show: straight back to the test
  assert.equal(success.kind, 'loop-back');
  const afterLoop = g.edges.find((e) => e.from === loop.id && e.kind === 'loop-exit')!.to;
  const errorLog = g.edges.find((e) => e.from === sw.id && e.cond === 'case ACK_ERROR')!.to;
  assert.ok(g.edges.some((e) => e.from === errorLog && e.to === afterLoop), 'break acks goes where the loop exits to');
  const thr = g.nodes.find((n) => n.kind === 'throw')!;
  assert.deepEqual(g.edges.filter((e) => e.from === thr.id).map((e) => [g.nodes[e.to]!.kind, e.cond]), [['raise', 'ChecksumException']]);
});

test('sample LCFGs are well formed', async () => {
  for (const f of await indexSample()) for (const g of f.lcfgs) assert.deepEqual(lcfgProblems(g), [], g.methodId);
});
