#!/usr/bin/env node
// Runs the extension-host mocha suite (out/vscode-suite, built by build.mjs) inside a real VS Code 1.100
// (code-server) on a temp copy of the Java fixture. Exit status: 0 pass, 1 test failure, 2 setup error.
// usage: node test/vscode/run-suite.mjs [--keep] [--suite extension|datanode|restricted]
//   extension (default): test/fixtures/java-small with suite/extension.e2e.ts
//   datanode:            examples/datanode with suite/datanode.e2e.ts
//   restricted:          the fixture opened in Restricted Mode (untrusted) with suite/restricted.e2e.ts
import { existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCodeServer, workbenchUrl, launchChromium, copyWorkspace } from './host.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const keep = args.includes('--keep');
const suiteName = args.includes('--suite') ? args[args.indexOf('--suite') + 1] : 'extension';
const WORKSPACES = {
  extension: join(repo, 'test', 'fixtures', 'java-small'), datanode: join(repo, 'examples', 'datanode'), restricted: join(repo, 'test', 'fixtures', 'java-small'),
};
const fixture = WORKSPACES[suiteName];
if (!fixture) { console.error(`unknown suite '${suiteName}' (extension | datanode | restricted)`); process.exit(2); }
const suite = join(repo, 'out', 'vscode-suite', 'index.js');
for (const f of [suite, join(repo, 'dist', 'extension.js'), join(repo, 'dist', 'server.js'), join(repo, 'dist', 'worker.js')]) {
  if (!existsSync(f)) { console.error(`missing ${f}: run \`node esbuild.mjs && node test/vscode/build.mjs\` first`); process.exit(2); }
}
const timeoutMs = Number(process.env.TEST_TIMEOUT_MS || 180000);

const t0 = Date.now();
const server = await startCodeServer({ keep, trust: suiteName !== 'restricted', env: { TEST_RESULT_FILE: '', LOGSYNTH_E2E_SUITE: suiteName, LOGSYNTH_ARTIFACTS: join(repo, 'test-artifacts', 'vscode'),
  LOGSYNTH_HDFS_LOG: join(process.env.LOGSYNTH_SHARED || join(repo, '..', 'shared'), 'data', 'hdfs', 'HDFS_2k.log') } });
let code = 2;
let browser;
try {
  const ws = copyWorkspace(fixture, server.state);
  browser = await launchChromium(server.state);
  const page = await browser.newPage();
  let done;
  const exited = new Promise((r) => { done = r; });
  await page.exposeFunction('codeAutomationLog', (type, a) => (console[type] || console.log)(...a));
  await page.exposeFunction('codeAutomationExit', (c) => done(c));
  const timer = setTimeout(() => done('timeout'), timeoutMs);
  await page.goto(workbenchUrl(server, ws, repo, suite.replace(/\.js$/, '')));
  const result = await exited;
  clearTimeout(timer);
  console.log(`extension-host suite '${suiteName}' finished: ${result} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  code = result === 0 ? 0 : 1;
} catch (e) {
  console.error(e);
  code = 2;
} finally {
  await browser?.close().catch(() => {});
  if (code !== 0) console.log(`--- code-server log ---\n${server.log()}`);
  if (keep) console.log(`kept ${server.state}`);
  await server.stop();
}
process.exit(code);
