// Packed LCFGs (packed.ts) against the plain graphs the builder makes, on the bundled sample through the real
// indexer: the same nodes and edges, the same log ids and call sites from the row scan, and the same graphs
// after a structured clone (how files reach the generation worker) and after the cache's JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createJavaParser } from '../java/parser';
import { indexSource } from '../java/index-file';
import { repoRoot } from '../util/repo';
import type { CallSite, FileIndex, Lcfg } from '../model';
import { packFileIndex, unpackFileIndex } from '../workspace/packed';
import { PackedLcfg, packLcfgs, reviveLcfgs, scanLcfg } from './packed';
import { lcfgOfSnippet } from './test-kit';

const DIR = join(repoRoot(), 'examples', 'datanode', 'src/main/java/org/example/storage');

async function sample(): Promise<FileIndex[]> {
  const parser = await createJavaParser();
  try {
    return readdirSync(DIR).filter((f) => f.endsWith('.java')).sort().map((f) => indexSource(f, readFileSync(join(DIR, f)), parser));
  } finally {
    parser.delete();
  }
}

const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

/** A plain copy of a graph: what it was before packing (JSON drops the undefined properties, as the cache does). */
const plain = (g: Lcfg): Lcfg => asJson({ methodId: g.methodId, nodes: g.nodes, edges: g.edges, entry: g.entry, exit: g.exit, raise: g.raise, degraded: g.degraded }) as Lcfg;

function scanned(g: Lcfg): { logs: string[]; calls: CallSite[]; behaviour: boolean } {
  const logs: string[] = [];
  const calls: CallSite[] = [];
  const behaviour = scanLcfg(g, (l) => logs.push(l), (c) => calls.push(c));
  return { logs, calls, behaviour };
}

test('the indexer keeps packed graphs that read back as the plain ones, and scan them without making nodes', async () => {
  const files = await sample();
  let graphs = 0, nodes = 0, calls = 0, logs = 0;
  for (const f of files) {
    for (const g of f.lcfgs) {
      assert.ok(g instanceof PackedLcfg, g.methodId);
      const fromRows = scanned(g); // before anything made the node objects
      const p = plain(g);
      const fromObjects = scanned(p);
      assert.deepEqual(asJson(fromRows), asJson(fromObjects), g.methodId);
      // packing the plain copy again gives the same graph
      assert.deepEqual(asJson(packLcfgs([p])[0]), asJson(p), g.methodId);
      assert.equal(g.nodes, g.nodes, 'made once, then kept');
      graphs++; nodes += g.nodes.length; calls += fromRows.calls.length; logs += fromRows.logs.length;
    }
  }
  // the sample is big enough for this to mean something
  assert.ok(graphs > 40 && nodes > 400 && calls > 50 && logs > 40, `${graphs} graphs, ${nodes} nodes, ${calls} calls, ${logs} logs`);
});

test('a packed graph keeps every edge property: conditions, polarity, writes, exception edges, loop-backs', async () => {
  const g = await lcfgOfSnippet(`
    void f(int n) {
      int k = 0;
      for (int i = 0; i < n; i++) { if (i % 2 == 0) { k = i; LOG.info("even {}", i); } else continue; }
      try { risky(); } catch (IOException e) { LOG.warn("failed"); } finally { LOG.debug("done"); }
    }`);
  const [p] = packLcfgs([g]);
  assert.deepEqual(asJson(p), asJson(g));
  const kinds = new Set(p!.edges.map((e) => e.kind));
  for (const k of ['normal', 'true', 'exception', 'loop-back', 'loop-exit']) assert.ok(kinds.has(k as never), `edge kind ${k} in ${[...kinds]}`);
  assert.ok(p!.edges.some((e) => e.assigns?.join() === 'k,i'), 'the writes of k and i are on the first edge');
  assert.ok(p!.edges.some((e) => e.kind === 'loop-back' && e.polarity === false && e.cond === 'i % 2 == 0'), 'continue: back to the loop head on the false side');
  assert.ok(p!.nodes.some((n) => n.kind === 'catch' && n.catchTypes?.includes('IOException')));
});

test('every node and edge kind packs and reads back as itself', async () => {
  const g = await lcfgOfSnippet(`
    int f(int n) {
      do { LOG.info("tick"); n--; } while (n > 3);
      switch (n) { case 1: LOG.info("one"); break; case 2: throw new IllegalStateException("two"); default: LOG.info("other"); }
      if (n == 0) return -1;
      try { risky(); } catch (IOException e) { LOG.warn("failed"); } finally { LOG.debug("done"); }
      return n;
    }`);
  const [p] = packLcfgs([g]);
  assert.deepEqual(asJson(p), asJson(g));
  assert.deepEqual(new Set(p!.nodes.map((n) => n.kind)), new Set(['entry', 'exit', 'raise', 'log', 'call', 'branch', 'merge', 'throw', 'catch', 'finally', 'return']));
  assert.deepEqual(new Set(p!.edges.map((e) => e.kind)), new Set(['normal', 'true', 'false', 'case', 'exception', 'loop-back', 'loop-exit']));
});

test('packed graphs survive a structured clone (to a worker) and the cache JSON, and come back packed', async () => {
  const files = await sample();
  for (const f of files) {
    const cloned = reviveLcfgs(structuredClone(f));
    assert.ok(cloned.lcfgs.every((g) => g instanceof PackedLcfg), f.file);
    assert.deepEqual(asJson(cloned), asJson(f), f.file);
    const fromCache = unpackFileIndex(packFileIndex(f));
    assert.ok(fromCache.lcfgs.every((g) => g instanceof PackedLcfg), f.file);
    assert.deepEqual(asJson(fromCache), asJson(f), f.file);
    assert.deepEqual(asJson(fromCache.lcfgs.map(scanned)), asJson(f.lcfgs.map(scanned)), f.file);
  }
});
