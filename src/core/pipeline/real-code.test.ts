// The pipeline on a real open-source Java project it has never seen: Jetty 9.4 from Debian's source
// packages, fetched by scripts/fetch-real-code.sh into a git-ignored cache (skipped where apt-get is absent).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { WorkspaceIndex } from '../workspace/workspace-index';
import { buildCallGraph } from '../callgraph/callgraph';
import { generate } from './generate';
import { templateToRegex } from '../java/template';
import { repoRoot } from '../util/repo';

function fetchJetty(): { dir?: string; skip?: string } {
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
  if (!hasApt) return { skip: 'apt-get is not available on this machine: the Debian jetty9 source cannot be fetched' };
  const r = spawnSync('bash', [join(repoRoot(), 'scripts', 'fetch-real-code.sh'), 'jetty9'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`fetching jetty9 sources failed (exit ${r.status}): ${r.stderr.slice(-500)}`);
  const dir = join(r.stdout.trim(), 'src');
  assert.ok(existsSync(dir));
  return { dir };
}

const jetty = fetchJetty();

test('jetty9: index, templates that match what Jetty really prints, and generation', { skip: jetty.skip, timeout: 300_000 }, async () => {
  const root = jetty.dir!;
  const index = await WorkspaceIndex.build(root, {});
  const st = index.stats();
  assert.ok(st.files > 1500, `${st.files} files`);
  assert.ok(st.logStatements > 2500, `${st.logStatements} log statements`);
  for (const p of index.problems) assert.match(`${p.file}:${p.line}`, /\.java:\d+$/);

  const byLoc = (suffix: string, line: number) =>
    [...index.logs.values()].find((l) => l.loc.file.endsWith(suffix) && l.loc.line === line);
  const banner = byLoc('jetty-server/src/main/java/org/eclipse/jetty/server/Server.java', 375);
  assert.equal(banner?.template, 'jetty-<*>; built: <*>; git: <*>; jvm <*>');
  assert.equal(banner?.level, 'info');
  // The line Jetty 9.4.57 prints at start-up on this machine's JDK.
  assert.match('jetty-9.4.57.v20241219; built: 2025-01-08T21:24:30.412Z; git: df524e6b29271c2e09ba9aea83c18dc9db464a31; jvm 17.0.15+6-Debian-1deb12u1',
    templateToRegex(banner!.template));
  const started = byLoc('jetty-server/src/main/java/org/eclipse/jetty/server/AbstractConnector.java', 333);
  assert.equal(started?.template, 'Started <*>');
  assert.match('Started ServerConnector@6d4b1c02{HTTP/1.1, (http/1.1)}{0.0.0.0:8080}', templateToRegex(started!.template));

  const graph = buildCallGraph(index);
  const entries = graph.entries({ top: 5 });
  assert.equal(entries.length, 5);
  const r = await generate(index, graph, { entries: entries.map((e) => e.methodId), depth: 5, maxPaths: 300, loopBound: 1, seed: 1, sourceRoot: root });
  assert.ok(r.sequences.length > 10, `${r.sequences.length} sequences`);
  for (const s of r.sequences) {
    for (const e of s.events) assert.match(e.content, templateToRegex(e.template));
    if (s.label === 'Anomaly') assert.ok(s.labelReasons.length > 0);
  }
});
