#!/usr/bin/env node
// The extension driven like a person, in a real VS Code 1.100 (code-server) through headless Chromium:
//   1 open BlockService.java with Quick Open; the status bar shows the index is ready
//   2 the CodeLens "Generate logs (5 templates reachable)" is drawn on receiveBlock
//   3 right-click inside receiveBlock's body, choose "Generate logs from here"
//   4 the LogSynth graph view opens and shows the graph (nodes carry data-node-id / data-line)
//   5 click the node of the WARN log call (line 14): the editor jumps to that line (status bar "Ln 14, Col 13")
//   6 right-click deleteBlock's line number, choose "Add as entry function": it is listed under Entry functions
//   7 click the CodeLens "Generate logs (2 templates reachable)": a generation from deleteBlock
//   8 command palette "LogSynth: Generate logs from here": a quick pick of ranked entry points; pick receiveBlock
//   9 command palette "LogSynth: Show log coverage of this code", the HDFS_2k log typed into the file dialog: the
//     log calls of BlockService.java show inline "seen N times in production logs" / "never seen in the logs" hints
//  10 command palette "LogSynth: Evaluate synthetic data…": pick the workspace's sessions CSV (a real HDFS_100k
//     slice), type a synthetic folder into the folder dialog, Fast models, 1 seed: the summary notification and
//     the report view's evaluation chart; "Open results folder" reveals results.csv in the Explorer
// Screenshots of each step go to test-artifacts/vscode-ui/. Exit status: 0 pass, 1 fail, 2 setup error.
// usage: node test/vscode/ui-e2e.mjs [--keep]
import { existsSync, mkdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCodeServer, workbenchUrl, launchChromium, copyWorkspace, sleep } from './host.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const keep = process.argv.includes('--keep');
const shots = join(repo, 'test-artifacts', 'vscode-ui');
const T = Number(process.env.STEP_TIMEOUT_MS || 30000);
const FILE = 'BlockService.java';
const javaLines = readFileSync(join(repo, 'test/fixtures/java-small/src/main/java/org/demo', FILE), 'utf8').split('\n');
const lineOf = (s) => javaLines.findIndex((l) => l.includes(s)) + 1;
const L = { method: lineOf('void receiveBlock('), body: lineOf('LOG.info("Received block'), warn: lineOf('LOG.warn("Empty block'), delete: lineOf('void deleteBlock(') };
const warnCol = javaLines[L.warn - 1].search(/\S/) + 1;
const HDFS_LOG = join(process.env.LOGSYNTH_SHARED || join(repo, '..', 'shared'), 'data', 'hdfs', 'HDFS_2k.log');

/** A real slice of HDFS_100k (200 training, 100 test sessions) and a small synthetic set, inside the workspace. */
function writeEvalData(ws) {
  const hdfs = dirname(HDFS_LOG);
  const [head, ...rows] = readFileSync(join(hdfs, 'HDFS_100k_sessions.csv'), 'utf8').trim().split('\n');
  const data = join(ws, 'data');
  mkdirSync(join(data, 'syn'), { recursive: true });
  writeFileSync(join(data, 'slice_sessions.csv'), [head, ...rows.filter((r) => r.includes(',train,')).slice(0, 200), ...rows.filter((r) => r.includes(',test,')).slice(0, 100)].join('\n') + '\n');
  copyFileSync(join(hdfs, 'HDFS_100k_templates.csv'), join(data, 'slice_templates.csv'));
  const normal = 'T1 T2 T2 T2 T3 T4 T4 T5 T3 T5 T5 T3 T4';
  writeFileSync(join(data, 'syn', 'sessions.csv'), ['SessionId,Label,EventSequence',
    ...Array.from({ length: 20 }, (_, i) => `n${i},Normal,${normal}`), ...Array.from({ length: 10 }, (_, i) => `a${i},Anomaly,T1 T2 T2 T6`)].join('\n') + '\n');
  return { real: join(data, 'slice_sessions.csv'), syn: join(data, 'syn') };
}

for (const f of ['dist/extension.js', 'dist/server.js', 'dist/worker.js', 'media/main.js']) {
  if (!existsSync(join(repo, f))) { console.error(`missing ${f}: run \`node esbuild.mjs\` first`); process.exit(2); }
}
mkdirSync(shots, { recursive: true });

const t0 = Date.now();
const lap = (what) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${what}`);
const server = await startCodeServer({ keep });
let browser;
let step = 'launch';
let code = 1;
try {
  const ws = copyWorkspace(join(repo, 'test', 'fixtures', 'java-small'), server.state);
  const evalData = writeEvalData(ws);
  browser = await launchChromium(server.state);
  const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
  page.setDefaultTimeout(T);
  page.on('pageerror', (e) => console.log(`[page error] ${String(e).slice(0, 200)}`));
  const shot = (name) => page.screenshot({ path: join(shots, `${name}.png`) });
  const retry = async (label, fn, attempts = 4) => {
    for (let i = 1; ; i++) {
      try { return await fn(i); } catch (e) {
        console.log(`retry ${label} #${i}: ${e.message.split('\n')[0]}`);
        if (i >= attempts) throw e;
        await page.keyboard.press('Escape').catch(() => {});
        await sleep(300 * i);
      }
    }
  };

  step = 'workbench';
  await page.goto(workbenchUrl(server, ws, repo));
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  lap('workbench visible');

  step = 'open-file';
  const editor = page.locator(`.editor-group-container.active .monaco-editor[data-uri$="${FILE}"]`).first();
  await retry('quick-open', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 5000 });
    await input.fill(FILE, { timeout: 5000 });
    await page.locator('.quick-input-list .monaco-list-row', { hasText: FILE }).first().waitFor({ timeout: 8000 });
    await page.keyboard.press('Enter');
    await editor.locator('.view-line', { hasText: 'receiveBlock' }).first().waitFor({ timeout: 8000 });
  });
  await page.locator('[id="status.editor.mode"]').filter({ hasText: 'Java' }).waitFor();
  lap(`${FILE} open`);
  step = 'status-bar';
  await page.locator('.statusbar-item', { hasText: 'LogSynth: 7 log statements in 6 methods' }).first().waitFor({ timeout: 60000 });
  lap('status bar: index ready');

  step = 'codelens';
  await editor.locator('.codelens-decoration a', { hasText: 'Generate logs (5 templates reachable)' }).first().waitFor();
  lap('CodeLens drawn');

  step = 'context-menu';
  await retry('context-menu', async () => {
    const text = editor.locator('.view-lines .view-line', { hasText: 'Received' }).first().locator(':scope > span').first();
    const box = await text.boundingBox();
    if (!box) throw new Error('line not rendered');
    await text.click({ button: 'right', position: { x: box.width * 0.5, y: box.height / 2 }, timeout: 5000 });
    const item = page.locator('.context-view .monaco-menu .action-item')
      .filter({ has: page.locator('.action-label', { hasText: 'Generate logs from here' }) }).first();
    await item.waitFor({ state: 'visible', timeout: 5000 });
    await sleep(150);
    await shot('1-context-menu');
    await item.click({ timeout: 5000 });
  });
  lap('context menu -> Generate logs from here');

  step = 'graph-view';
  await page.locator('.notifications-toasts .notification-toast', { hasText: /LogSynth: \d+ sequences/ }).first().waitFor();
  const view = () => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  const node = () => view().locator(`[data-node-id][data-line="${L.warn}"]`).first();
  await retry('graph-view', async () => {
    await node().waitFor({ timeout: 8000 });
  });
  await view().locator('[data-session]').first().waitFor();
  await sleep(200);
  await shot('2-graph-view');
  lap('graph view shows the graph and the sequences');

  step = 'node-click';
  const expectStatus = `Ln ${L.warn}, Col ${warnCol}`;
  await retry('node-click', async () => {
    await node().click({ timeout: 5000 });
    await page.locator('[id="status.editor.selection"]').filter({ hasText: expectStatus }).waitFor({ timeout: 5000 });
  });
  await editor.locator('.view-line', { hasText: 'Empty block' }).first().waitFor();
  await sleep(200);
  await shot('3-after-node-click');
  lap(`node click -> editor at ${expectStatus}`);

  step = 'gutter-menu';
  await retry('gutter-menu', async () => {
    await page.keyboard.press('Escape');
    const num = editor.locator('.margin-view-overlays .line-numbers').filter({ hasText: new RegExp(`^\\s*${L.delete}\\s*$`) }).first();
    await num.click({ button: 'right', timeout: 5000 });
    const item = page.locator('.context-view .monaco-menu .action-item')
      .filter({ has: page.locator('.action-label', { hasText: 'Add as entry function' }) }).first();
    await item.waitFor({ state: 'visible', timeout: 5000 });
    await sleep(150);
    await shot('4-gutter-menu');
    await item.click({ timeout: 5000 });
  });
  await page.locator('.monaco-list-row', { hasText: 'BlockService.deleteBlock(String)' }).first().waitFor();
  lap('line-number menu -> Add as entry function -> listed in Entry functions');

  step = 'codelens-click';
  await retry('codelens-click', async () => {
    await editor.locator('.codelens-decoration a', { hasText: 'Generate logs (2 templates reachable)' }).first().click({ timeout: 5000 });
    await page.locator('.notifications-toasts .notification-toast', { hasText: /LogSynth: \d+ sequences .* from BlockService:deleteBlock/ }).first().waitFor({ timeout: 10000 });
  });
  await sleep(200);
  await shot('5-after-codelens');
  lap('CodeLens click -> generation from deleteBlock');

  step = 'palette-quick-pick';
  await retry('palette', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 5000 });
    await input.fill('>LogSynth: Generate logs from here', { timeout: 5000 });
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Generate logs from here' }).first().waitFor({ timeout: 5000 });
    await page.keyboard.press('Enter');
    // The ranked entry points: receiveBlock (5 templates) first.
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'BlockService.receiveBlock(String,long,String)' }).first();
    await row.waitFor({ timeout: 8000 });
    await sleep(150);
    await shot('6-palette-quick-pick');
    await row.click({ timeout: 5000 });
    await page.locator('.notifications-toasts .notification-toast', { hasText: /LogSynth: \d+ sequences .* from BlockService:receiveBlock/ }).first().waitFor({ timeout: 10000 });
  });
  lap('palette -> ranked entry quick pick -> generation from receiveBlock');

  step = 'coverage-hints';
  await retry('coverage', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 5000 });
    await input.fill('>LogSynth: Show log coverage', { timeout: 5000 });
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show log coverage of this code' }).first().waitFor({ timeout: 5000 });
    await page.keyboard.press('Enter');
    // code-server's file dialog is a quick input: type the path, Enter.
    await sleep(500);
    await input.waitFor({ state: 'visible', timeout: 5000 });
    await input.fill(HDFS_LOG, { timeout: 5000 });
    await sleep(300);
    await page.keyboard.press('Enter');
    await page.locator('.notifications-toasts .notification-toast', { hasText: /LogSynth: \d+ of \d+ log statements seen/ }).first().waitFor({ timeout: 15000 });
  });
  // The coverage report opened beside (and took the focus): close it so the Java editor has the width.
  await retry('close report', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.fill('>View: Close All Editors in Group', { timeout: 5000 });
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Close All Editors in Group' }).first().waitFor({ timeout: 5000 });
    await page.keyboard.press('Enter');
    // The report is an untitled document: VS Code asks whether to save it.
    await page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Don\'t Save' }).first().click({ timeout: 5000 });
    await page.locator('.tab', { hasText: 'Log coverage' }).first().waitFor({ state: 'detached', timeout: 5000 });
  });
  // The hints are injected text (CSS ::after content of per-line decoration classes): read what the editor draws.
  const hints = await retry('hints', async () => {
    const texts = await page.evaluate(() => [...document.querySelectorAll('.monaco-editor .view-lines span')]
      .map((e) => getComputedStyle(e, '::after').content).filter((c) => /seen|never/.test(c)));
    if (!texts.some((t) => /seen \d[\d,]* times? in production logs/.test(t)) || !texts.some((t) => /never seen in the logs/.test(t))) {
      throw new Error(`hints drawn: ${JSON.stringify(texts)}`);
    }
    return texts;
  });
  await shot('7-coverage-hints');
  lap(`palette -> Show log coverage -> ${hints.length} inline hints in BlockService.java`);

  step = 'evaluate';
  await retry('evaluate', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 5000 });
    await input.fill('>LogSynth: Evaluate synthetic data', { timeout: 5000 });
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Evaluate synthetic data' }).first().waitFor({ timeout: 5000 });
    await page.keyboard.press('Enter');
    // 1 the sessions CSVs found in the workspace
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'slice_sessions.csv' }).first().click({ timeout: 8000 });
    // 2 the folder dialog (a quick input in code-server): the synthetic folder's path, Enter
    await sleep(500);
    await input.fill(evalData.syn, { timeout: 5000 });
    await sleep(300);
    await page.keyboard.press('Enter');
    // 3 models: Fast
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Fast' }).first().click({ timeout: 8000 });
    // 4 seeds
    await sleep(300);
    await input.fill('1', { timeout: 5000 });
    await page.keyboard.press('Enter');
    await page.locator('.notifications-toasts .notification-toast', { hasText: /LogSynth: evaluation: 24 runs/ }).first().waitFor({ timeout: 30000 });
  });
  await sleep(500);
  await shot('8-evaluate');
  step = 'open-results-folder';
  // The results folder is inside the workspace: "Open results folder" reveals results.csv in the Explorer.
  await page.locator('.notifications-toasts .notification-toast .monaco-button', { hasText: 'Open results folder' }).first().click({ timeout: 5000 });
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'results.csv' }).first().waitFor({ timeout: 10000 });
  await shot('9-results-folder');
  lap('palette -> Evaluate synthetic data… (workspace CSV, folder dialog, Fast, 1 seed) -> 24 runs, report view');
  code = 0;
} catch (e) {
  console.log(`UI-E2E FAILED at ${step}: ${e.message}`);
  try { const pages = browser?.contexts()[0]?.pages(); if (pages?.[0]) await pages[0].screenshot({ path: join(shots, `FAIL-${step}.png`) }); } catch { /* no page */ }
  console.log(`--- code-server log (tail) ---\n${server.log().split('\n').slice(-60).join('\n')}`);
} finally {
  await browser?.close().catch(() => {});
  if (keep) console.log(`kept ${server.state}`);
  await server.stop();
}
console.log(code === 0 ? `UI-E2E PASS in ${((Date.now() - t0) / 1000).toFixed(1)} s; screenshots in ${shots}` : 'UI-E2E FAIL');
process.exit(code);
