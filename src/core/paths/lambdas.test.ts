// Lambdas passed as arguments run where they would at run time: inside a workspace method that invokes its
// functional parameter, or at a library call that runs its argument on the spot (perhaps not at all); a lambda
// handed to another thread does not run on the caller's path. Real Java, parsed and indexed.
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../util/repo';
import assert from 'node:assert/strict';
import { createJavaParser } from '../java/parser';
import { indexSource } from '../java/index-file';
import { WorkspaceIndex } from '../workspace/workspace-index';
import { buildCallGraph } from '../callgraph/callgraph';
import { enumeratePaths } from './enumerate';

/** Lambdas handed to workspace helpers (one that logs, one that does not), to forEach and to an executor. */
const SOURCE = readFileSync(join(repoRoot(), 'test', 'fixtures', 'lambdas', 'org', 'ex', 'Svc.java'), 'utf8');

async function indexed(): Promise<WorkspaceIndex> {
  const parser = await createJavaParser();
  try {
    return WorkspaceIndex.fromFiles([indexSource('org/ex/Svc.java', SOURCE, parser)]);
  } finally {
    parser.delete();
  }
}

async function sequencesFrom(entry: string): Promise<string[]> {
  const idx = await indexed();
  const r = enumeratePaths(`org.ex.Svc:${entry}`, idx, buildCallGraph(idx), { depth: 5, maxPaths: 100, loopBound: 1, seed: 1 });
  return [...new Set(r.paths.map((p) => p.logIds.map((id) => idx.logs.get(id)!.template).join(' | ')))].sort();
}

test('a lambda handed to a workspace method runs where that method invokes it', async () => {
  const seqs = await sequencesFrom('register()');
  assert.ok(seqs.includes('ping | registered'), JSON.stringify(seqs));
  assert.ok(seqs.includes('ping | retry failed'), `an exception from the lambda reaches retry's catch: ${JSON.stringify(seqs)}`);
  assert.ok(!seqs.includes('registered'), 'retry always runs its action');
});

test('a lambda handed to a helper that logs nothing itself runs at the call to it', async () => {
  // and when ping throws, the exception leaves registerQuietly right there
  assert.deepEqual(await sequencesFrom('registerQuietly()'), ['ping', 'ping | registered quietly']);
});

test('a lambda given to forEach may run or not; one given to an executor runs on another thread', async () => {
  assert.deepEqual(await sequencesFrom('each(List)'), ['each done', 'item <*> | each done']);
  assert.deepEqual(await sequencesFrom('later(ExecutorService)'), ['submitted']);
});

test('the call graph: a method reaches the logs of the lambdas it passes where they run, not of those sent away', async () => {
  const idx = await indexed();
  const g = buildCallGraph(idx);
  assert.equal(g.reachesLog('org.ex.Svc:eachOnly(List)'), true, 'forEach runs its lambda');
  assert.deepEqual(g.callees('org.ex.Svc:eachOnly(List)'), ['org.ex.Svc:eachOnly$lambda$1()']);
  assert.equal(g.reachesLog('org.ex.Svc:laterOnly(ExecutorService)'), false, 'submit sends it to another thread');
  assert.deepEqual(g.callees('org.ex.Svc:register()'), ['org.ex.Svc:retry(Callable)', 'org.ex.Svc:register$lambda$1()']);
  assert.deepEqual(await sequencesFrom('eachOnly(List)'), ['', 'only item <*>'], 'an empty list logs nothing');
});
