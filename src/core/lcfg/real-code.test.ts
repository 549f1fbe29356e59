// The LCFG builder on a real open-source project (jetty9 from Debian's source packages, fetched once into
// the git-ignored .cache by scripts/fetch-real-code.sh): every method of every file gets a full,
// well-formed graph. Skipped, saying why, where apt-get is unavailable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createJavaParser } from '../java/parser';
import { indexSource } from '../java/index-file';
import { walkJavaFiles } from '../workspace/walk';
import { repoRoot } from '../util/repo';
import { lcfgProblems } from './check';

/** The project's source folder, or why it is not there. flock: other tests may fetch at the same time. */
function fetchRealCode(): { dir?: string; why?: string } {
  const script = join(repoRoot(), 'scripts', 'fetch-real-code.sh');
  const r = spawnSync('flock', ['/tmp/logsynth-real-code.lock', 'bash', script, 'jetty9'], { encoding: 'utf8', timeout: 600_000 });
  if (r.error) return { why: `cannot run the fetcher: ${r.error.message}` };
  if (r.status !== 0) return { why: `fetch-real-code.sh failed (${r.status}): ${(r.stderr || '').trim().split('\n').pop() ?? ''}` };
  return { dir: join(r.stdout.trim(), 'src') };
}

test('jetty9: every method gets a full, well-formed LCFG', { timeout: 900_000 }, async (t) => {
  const { dir, why } = fetchRealCode();
  if (!dir) { t.skip(`real code unavailable: ${why}`); return; }
  const files = await walkJavaFiles(dir, {});
  assert.ok(files.length > 500, `${files.length} files`);
  const parser = await createJavaParser();
  let graphs = 0;
  let logs = 0;
  const bad: string[] = [];
  try {
    for (const f of files) {
      const fi = indexSource(f, readFileSync(join(dir, f)), parser);
      for (const g of fi.lcfgs) {
        graphs++;
        logs += g.nodes.filter((n) => n.kind === 'log').length;
        if (g.degraded) bad.push(`${g.methodId}: degraded (${g.degraded})`);
        for (const p of lcfgProblems(g)) bad.push(`${g.methodId}: ${p}`);
      }
      // every log statement of the file sits in the graph of its method
      const inGraphs = new Set(fi.lcfgs.flatMap((g) => g.nodes.filter((n) => n.kind === 'log').map((n) => n.logId)));
      for (const l of fi.logs) if (!inGraphs.has(l.id)) bad.push(`${l.methodId}: log ${l.id} is in no graph`);
    }
  } finally {
    parser.delete();
  }
  assert.deepEqual(bad.slice(0, 20), []);
  assert.ok(graphs > 10000, `${graphs} graphs`);
  assert.ok(logs > 1000, `${logs} log nodes`);
});
