// The webview bundle in real headless Chromium, on data from the real pipeline: examples/datanode indexed with
// WorkspaceIndex, the inter-procedural graph from DataXceiver.run() built by the language server's graph builder,
// sequences from generate(); a fidelity report from real HDFS sessions (machine learned, traces synthesized) and
// an evaluation report from real detector runs. The page has the extension shell's strict CSP; every test ends
// with no CSP violation and no console error. Screenshots go to test-artifacts/webview/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { WorkspaceIndex } from '../../src/core/workspace/workspace-index';
import { buildCallGraph } from '../../src/core/callgraph/callgraph';
import { generate } from '../../src/core/pipeline/generate';
import { entryGraph, lcfgGraph } from '../../src/server/graph-builder';
import { repoRoot, sharedDir } from '../../src/core/util/repo';
import { tracesFromSessionsCsv } from '../../src/core/logs/traces';
import { learnMachine } from '../../src/core/fsm/learn';
import { synthesize } from '../../src/core/synth/generate';
import { fidelityReport } from '../../src/core/fidelity/report';
import { readSessions } from '../../src/core/eval/data';
import { REAL, allModels, runExperiment } from '../../src/core/eval/experiment';
import { summarize } from '../../src/core/eval/report';
import { evalReportData, fidelityReportData } from '../../src/shared/report-views';
import type { GraphData, SequencesData } from '../../src/shared/webview-protocol';
import type { LogSequence } from '../../src/core/model';
import { WebviewPage, buildWebview, launchChromium, serveShell, type ShellServer } from './harness';

const ROOT = repoRoot();
const SAMPLE = join(ROOT, 'examples', 'datanode');
const ENTRY = 'org.example.storage.DataXceiver:run()';
const SHOTS = join(ROOT, 'test-artifacts', 'webview');

let browser: Browser;
let server: ShellServer;
let graph: GraphData;
let big: GraphData;
let run: SequencesData;
let index: WorkspaceIndex;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const [script, idx] = await Promise.all([buildWebview(), WorkspaceIndex.build(SAMPLE, {})]);
  index = idx;
  const cg = buildCallGraph(idx);
  graph = entryGraph(idx, cg, ENTRY, { depth: 5, maxNodes: 600 })!;
  assert.ok(graph && graph.methods.length > 1, 'the sample entry reaches other methods');
  // A graph of at least 200 nodes: the inter-procedural graphs of two entries of the sample, joined.
  const other = entryGraph(idx, cg, 'org.example.storage.DataNode:runDatanodeDaemon()', { depth: 5, maxNodes: 600 })!;
  const seen = new Set<string>();
  const union = <T extends { id: string }>(xs: T[]) => xs.filter((x) => !seen.has(x.id) && seen.add(x.id));
  big = {
    kind: 'interprocedural', root: graph.root, title: 'DataXceiver.run() + DataNode.runDatanodeDaemon()', truncated: false,
    methods: union([...graph.methods, ...other.methods]), nodes: union([...graph.nodes, ...other.nodes]), edges: union([...graph.edges, ...other.edges]),
  };
  const res = await generate(idx, cg, { entries: [ENTRY], depth: 5, maxPaths: 2000, loopBound: 1, seed: 42, sourceRoot: SAMPLE });
  run = { runId: 'run-1', entries: [ENTRY], sequences: res.sequences, total: res.sequences.length, stats: res.stats, cancelled: res.cancelled };
  assert.ok(run.sequences.some((q) => q.label === 'Anomaly') && run.sequences.some((q) => q.label === 'Normal'));
  server = await serveShell(script);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function assertClean(w: WebviewPage): Promise<void> {
  assert.deepEqual(await w.violations(), [], 'no CSP violation');
  assert.deepEqual(w.consoleErrors, [], 'no console error');
  assert.ok(!(await w.posted()).some((m) => m.type === 'log' && m.level === 'error'), 'the webview reported no error to the host');
}

/** The source line a node points at, read from the sample. */
function sourceLine(file: string, line: number): string {
  return readFileSync(join(SAMPLE, file), 'utf8').split(/\r?\n/)[line - 1] ?? '';
}

const onPath = (g: GraphData, q: LogSequence) => {
  const steps = new Set(q.path);
  return g.nodes.filter((n) => steps.has(`${n.file}:${n.line}`)).map((n) => n.id).sort();
};

test('ready first; the real graph is drawn; clicking a log node and pressing Enter on a call node post revealSource with their file and line', async () => {
  const w = await WebviewPage.open(browser, server.url);
  try {
    const first = (await w.posted())[0];
    assert.equal(first?.type, 'ready', 'ready is the first message');
    await w.send({ type: 'init', protocol: 1, view: 'panel', theme: 'dark' });
    await w.send({ type: 'showGraph', graph });
    await w.waitForGraph(graph.nodes.length);
    // DOM contract: one element per node with data-node-id and data-line.
    assert.equal(await w.page.locator('svg.graph [data-node-id]').count(), graph.nodes.length);
    assert.equal(await w.page.locator('svg.graph .group').count(), graph.methods.length, 'one group per method');
    assert.equal(await w.page.locator('svg.graph path.edge').count(), graph.edges.length, 'every edge routed');

    // A log node in a callee (not the entry method): its line in the source is a logging call.
    const log = graph.nodes.find((n) => n.kind === 'log' && n.methodId !== graph.root)!;
    assert.ok(log, 'a log node in a callee');
    assert.match(sourceLine(log.file, log.line), /\b(LOG|log|LOGGER|logger)\b.*\.(trace|debug|info|warn|error|fatal)\s*\(|\.(trace|debug|info|warn|error|fatal)\s*\(/);
    await w.clearPosted();
    await w.page.locator(`svg.graph [data-node-id="${log.id}"]`).click();
    assert.deepEqual(await w.waitForPosted((m) => m.type === 'revealSource'), { type: 'revealSource', file: log.file, line: log.line });
    assert.equal(await w.page.locator(`svg.graph [data-node-id="${log.id}"]`).getAttribute('class').then((c) => c?.includes('selected')), true);

    // Keyboard: focus a call node and press Enter.
    const call = graph.nodes.find((n) => n.kind === 'call' && n.methodId === graph.root)!;
    assert.match(sourceLine(call.file, call.line), /\(/, 'a call node sits on a line with a call');
    await w.clearPosted();
    await w.page.locator(`svg.graph [data-node-id="${call.id}"]`).focus();
    await w.page.keyboard.press('Enter');
    assert.deepEqual(await w.waitForPosted((m) => m.type === 'revealSource'), { type: 'revealSource', file: call.file, line: call.line });

    // Long labels are cut on screen and whole in the tooltip.
    const longest = graph.nodes.filter((n) => n.kind === 'log').sort((a, b) => (b.template ?? '').length - (a.template ?? '').length)[0]!;
    const shown = await w.page.locator(`svg.graph [data-node-id="${longest.id}"] text.label`).textContent();
    const title = await w.page.locator(`svg.graph [data-node-id="${longest.id}"] > title`).textContent();
    assert.ok(title?.includes(longest.template!), 'full template in the title');
    if (longest.template!.length > 40) assert.ok(shown!.endsWith('…') && shown!.length <= 40, `cut label: ${shown}`);
    await w.page.screenshot({ path: join(SHOTS, 'graph-interprocedural.png') });

    // Double-click a callee's title bar: the webview asks the host for its LCFG (by request id) and shows it;
    // Back returns to the inter-procedural graph.
    const callee = graph.methods.find((m) => m.id !== graph.root)!;
    await w.clearPosted();
    await w.page.locator(`svg.graph .group[data-method="${callee.id}"] .group-header`).dblclick();
    const req = await w.waitForPosted((m) => m.type === 'request');
    assert.ok(req.type === 'request' && req.method === 'methodLcfg');
    assert.deepEqual(req.params, { methodId: callee.id });
    const lcfg = lcfgGraph(index, callee.id)!;
    await w.send({ type: 'response', id: req.id, ok: true, result: lcfg });
    await w.waitForGraph(lcfg.nodes.length);
    assert.equal(await w.page.locator('.graph-title .kind').textContent(), 'LCFG');
    await w.page.locator('vscode-button.back').click();
    await w.waitForGraph(graph.nodes.length);
    assert.equal(await w.page.locator('vscode-button.back.hidden').count(), 1, 'no Back on the top graph');
    await assertClean(w);
  } finally {
    await w.page.close();
  }
});

test('sequences: badges, filter by label and text; selecting one highlights its path and posts sequenceSelected; the state survives a reload', async () => {
  const w = await WebviewPage.open(browser, server.url);
  try {
    await w.send({ type: 'showGraph', graph });
    await w.send({ type: 'showSequences', data: run });
    await w.waitForGraph(graph.nodes.length);
    const rows = w.page.locator('.seq-list [data-session]');
    await rows.first().waitFor();
    assert.equal(await rows.count(), Math.min(150, run.sequences.length));
    const firstPage = run.sequences.slice(0, 150);
    assert.equal(await w.page.locator('.seq-list .seq.label-Anomaly .ls-badge').count(), firstPage.filter((q) => q.label === 'Anomaly').length);
    assert.equal(await w.page.locator('.seq-list .seq.label-Normal .ls-badge').count(), firstPage.filter((q) => q.label === 'Normal').length);

    // Pick the anomaly of the first page with the longest path; its path covers lines of more than one method.
    const q = firstPage.filter((x) => x.label === 'Anomaly').sort((a, b) => b.path.length - a.path.length)[0]!;
    const expected = onPath(graph, q);
    assert.ok(expected.length >= 3, 'the path crosses drawn nodes');
    await w.clearPosted();
    await w.page.locator(`.seq-list [data-session="${q.sessionId}"] .seq-head`).click();
    assert.deepEqual(await w.waitForPosted((m) => m.type === 'sequenceSelected'), { type: 'sequenceSelected', sessionId: q.sessionId });
    const highlighted = await w.page.locator('svg.graph .node.on-path').evaluateAll((els) => els.map((e) => e.getAttribute('data-node-id')!).sort());
    assert.deepEqual(highlighted, expected);
    assert.equal(await w.page.locator('svg.graph.has-path').count(), 1);
    // Every log event of the sequence is on a highlighted node.
    for (const e of q.events) {
      const n = graph.nodes.find((x) => x.kind === 'log' && x.file === e.loc.file && x.line === e.loc.line);
      if (n) assert.ok(highlighted.includes(n.id), `event ${e.eventId} at line ${e.loc.line} highlighted`);
    }
    // Edges: every direct edge between two consecutive steps is marked; a marked edge leaves an on-path node.
    const at = (k: string) => graph.nodes.filter((n) => `${n.file}:${n.line}` === k && n.kind !== 'merge').map((n) => n.id);
    const direct = new Set<string>();
    for (let k = 1; k < q.path.length; k++) {
      const from = new Set(at(q.path[k - 1]!)), to = new Set(at(q.path[k]!));
      for (const e of graph.edges) if (from.has(e.from) && to.has(e.to)) direct.add(e.id);
    }
    assert.ok(direct.size >= 2, 'the path has direct edges');
    const marked = await w.page.locator('svg.graph path.edge.on-path').evaluateAll((els) => els.map((e) => [e.getAttribute('data-from')!, e.getAttribute('data-edge-id')!]));
    const markedIds = new Set(marked.map(([, id]) => id));
    for (const id of direct) assert.ok(markedIds.has(id), `edge ${id} between consecutive steps is marked`);
    for (const [f] of marked) assert.ok(highlighted.includes(f) || graph.nodes.find((n) => n.id === f)!.kind === 'merge', `marked edge leaves ${f} on the path`);
    const between = graph.edges.filter((e) => highlighted.includes(e.from) && highlighted.includes(e.to)).length;
    assert.ok(marked.length < between, `only the edges taken (${marked.length}), not every edge between path nodes (${between})`);
    // The open row shows the reasons, the verdict and the raw lines.
    const details = w.page.locator(`.seq-list [data-session="${q.sessionId}"] .seq-details`);
    const text = (await details.textContent()) ?? '';
    for (const r of q.labelReasons) assert.ok(text.includes(r), `reason shown: ${r}`);
    assert.match(text, new RegExp(`consistent \\(${q.verdict.verifier}\\)`));
    assert.equal(await details.locator('pre.raw .line').count(), q.events.length);
    assert.equal(await details.locator('pre.raw .line').first().textContent(), q.events[0]!.raw);

    // The host answers with selectSequence: its node ids are what is highlighted.
    const hostIds = expected.slice(0, 2);
    await w.send({ type: 'selectSequence', sessionId: q.sessionId, nodeIds: hostIds });
    await w.page.waitForFunction((n) => document.querySelectorAll('svg.graph .node.on-path').length === n, hostIds.length);
    await w.send({ type: 'selectSequence', sessionId: q.sessionId, nodeIds: expected });
    await w.page.waitForFunction((n) => document.querySelectorAll('svg.graph .node.on-path').length === n, expected.length);
    await w.page.locator('vscode-button', { hasText: 'Path' }).click();
    await w.page.screenshot({ path: join(SHOTS, 'sequence-selected.png') });

    // Filter by label, then by text.
    await w.page.locator('select.filter-label').selectOption('Normal');
    const normals = run.sequences.filter((x) => x.label === 'Normal');
    await w.page.waitForFunction((n) => document.querySelectorAll('.seq-list [data-session]').length === n, normals.length);
    assert.equal(await w.page.locator('.seq-list .seq.label-Anomaly').count(), 0);
    await w.page.locator('select.filter-label').selectOption('all');
    const ev = q.events[q.events.length - 1]!;
    const withText = run.sequences.filter((x) => x.events.some((e) => e.raw.toLowerCase().includes(ev.template.split('<*>').sort((a, b) => b.length - a.length)[0]!.trim().toLowerCase())));
    const word = ev.template.split('<*>').sort((a, b) => b.length - a.length)[0]!.trim();
    await w.page.locator('vscode-text-field.filter-text input').fill(word);
    await w.page.waitForFunction((n) => document.querySelectorAll('.seq-list [data-session]').length === n, Math.min(150, withText.length));
    assert.ok(withText.length < run.sequences.length, 'the text filter narrows the list');

    // Reload: the state comes back (graph, run, selection, filter) and ready is posted again.
    await w.page.reload();
    await w.waitForPosted((m) => m.type === 'ready');
    await w.waitForGraph(graph.nodes.length);
    assert.equal(await w.page.locator(`.seq-list [data-session="${q.sessionId}"].selected`).count(), 1);
    const again = await w.page.locator('svg.graph .node.on-path').evaluateAll((els) => els.map((e) => e.getAttribute('data-node-id')!).sort());
    assert.deepEqual(again, expected);
    assert.equal(await w.page.locator('vscode-text-field.filter-text').evaluate((e) => (e as HTMLInputElement).value), word);
    await assertClean(w);
  } finally {
    await w.page.close();
  }
});

test('a graph of 200+ nodes is drawn without overlaps and fits; zoom by wheel, buttons and keys; the LCFG of one method', async () => {
  assert.ok(big.nodes.length >= 200, `big graph has ${big.nodes.length} nodes`);
  const w = await WebviewPage.open(browser, server.url, { width: 1400, height: 900 });
  try {
    await w.send({ type: 'showGraph', graph: big });
    await w.waitForGraph(big.nodes.length);
    assert.equal(await w.page.locator('svg.graph [data-node-id]').count(), big.nodes.length);
    const boxes = await w.page.locator('svg.graph [data-node-id] > .shape').evaluateAll((els) => els.map((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, w: r.width, h: r.height };
    }));
    const svg = (await w.page.locator('svg.graph').boundingBox())!;
    for (const b of boxes) {
      assert.ok(b.x >= svg.x - 0.5 && b.y >= svg.y - 0.5 && b.x + b.w <= svg.x + svg.width + 0.5 && b.y + b.h <= svg.y + svg.height + 0.5, 'every node in view after fit');
    }
    let overlaps = 0;
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!, b = boxes[j]!;
      if (a.x + 0.5 < b.x + b.w && b.x + 0.5 < a.x + a.w && a.y + 0.5 < b.y + b.h && b.y + 0.5 < a.y + a.h) overlaps++;
    }
    assert.equal(overlaps, 0, 'no two nodes overlap');
    await w.page.screenshot({ path: join(SHOTS, 'graph-200.png') });

    const zoom = async () => Number(await w.page.locator('svg.graph').getAttribute('data-zoom'));
    const fitted = await zoom();
    await w.page.mouse.move(svg.x + svg.width / 2, svg.y + svg.height / 2);
    await w.page.mouse.wheel(0, -400);
    await w.page.waitForFunction((k) => Number(document.querySelector('svg.graph')!.getAttribute('data-zoom')) > k, fitted);
    await w.page.locator('vscode-button[title^="Fit"]').click();
    assert.ok(Math.abs((await zoom()) - fitted) < 1e-3, 'Fit restores the fitted zoom');
    await w.page.locator('vscode-button[title^="Zoom in"]').click();
    assert.ok((await zoom()) > fitted);
    await w.page.locator('svg.graph').focus();
    await w.page.keyboard.press('0');
    assert.ok(Math.abs((await zoom()) - fitted) < 1e-3, 'key 0 fits');
    await w.page.keyboard.press('-');
    assert.ok((await zoom()) < fitted);
    // Dragging pans and does not reveal a node.
    await w.clearPosted();
    const before = await w.page.locator('svg.graph > g.viewport').getAttribute('transform');
    const n = (await w.page.locator(`svg.graph [data-node-id="${big.nodes.find((x) => x.kind === 'log')!.id}"]`).boundingBox())!;
    await w.page.mouse.move(n.x + n.width / 2, n.y + n.height / 2);
    await w.page.mouse.down();
    await w.page.mouse.move(n.x + 80, n.y + 60, { steps: 5 });
    await w.page.mouse.up();
    assert.notEqual(await w.page.locator('svg.graph > g.viewport').getAttribute('transform'), before);
    assert.ok(!(await w.posted()).some((m) => m.type === 'revealSource'), 'a drag is not a click');

    // One method's LCFG: every node kind of it drawn, conditional edges marked.
    const method = [...index.lcfgs.values()].filter((l) => l.nodes.some((x) => x.kind === 'branch')).sort((a, b) => b.nodes.length - a.nodes.length)[0]!;
    const lcfg = lcfgGraph(index, method.methodId)!;
    await w.send({ type: 'showGraph', graph: lcfg });
    await w.waitForGraph(lcfg.nodes.length);
    assert.equal(await w.page.locator('svg.graph .group').count(), 0, 'a single method is drawn without a group box');
    const marks = lcfg.edges.filter((e) => e.kind === 'true' || e.kind === 'false').length;
    assert.equal(await w.page.locator('svg.graph .edge-label.edge-true, svg.graph .edge-label.edge-false').count(), marks);
    assert.equal(await w.page.locator('.graph-title .kind').textContent(), 'LCFG');
    await w.page.screenshot({ path: join(SHOTS, 'graph-lcfg.png') });
    await assertClean(w);
  } finally {
    await w.page.close();
  }
});

test('reports: fidelity heatmaps and state machine from real HDFS sessions; F1 and delta charts from real detector runs', async () => {
  const hdfs = join(sharedDir(), 'data', 'hdfs');
  const sessionsCsv = readFileSync(join(hdfs, 'HDFS_100k_sessions.csv'), 'utf8');
  const set = tracesFromSessionsCsv(sessionsCsv.split('\n').slice(0, 1201).join('\n'), readFileSync(join(hdfs, 'HDFS_100k_templates.csv'), 'utf8'));
  const machine = learnMachine(set.traces, { k: 2, templates: set.templates });
  const syn = synthesize(machine, { traces: 600, seed: 7, amplify: 0.5 });
  const fid = fidelityReport(machine, set.traces, syn.traces);

  const w = await WebviewPage.open(browser, server.url, { width: 1400, height: 1000 });
  try {
    await w.send({ type: 'showReport', report: fidelityReportData(fid) });
    await w.page.waitForSelector('.report-pane[data-rendered]');
    const n = fid.matrices.events.length;
    assert.equal(await w.page.locator('.report-fidelity svg.heatmap').count(), 3, 'real, synthetic and difference');
    assert.equal(await w.page.locator('.report-fidelity svg.heatmap').first().locator('rect.cell').count(), n * n);
    // A cell's tooltip carries both values of that transition.
    const i = fid.matrices.events.indexOf('<START>');
    const j = fid.matrices.real[i]!.indexOf(Math.max(...fid.matrices.real[i]!));
    const cell = w.page.locator('.report-fidelity svg.heatmap').first().locator('rect.cell').nth(i * n + j);
    assert.match((await cell.locator('title').textContent())!, new RegExp(`<START> → ${fid.matrices.events[j]}\\nreal: ${fid.matrices.real[i]![j]!.toFixed(3)}`));
    assert.equal(await w.page.locator('svg.machine .state').count(), fid.graph.nodes.length);
    assert.equal(await w.page.locator('svg.machine path.edge').count(), fid.graph.edges.length);
    assert.equal(await w.page.locator('.tab.active').textContent(), 'Report');
    await w.page.screenshot({ path: join(SHOTS, 'report-fidelity.png'), fullPage: true });

    // Evaluation: fast detectors, two seeds, real vs real + the synthetic traces.
    const all = readSessions(join(hdfs, 'HDFS_100k_sessions.csv'));
    const train = all.filter((s) => s.split === 'train').slice(0, 450);
    const testSet = all.filter((s) => s.split === 'test').slice(0, 150);
    const synSessions = syn.traces.map((t, k) => ({ id: `syn${k}`, label: t.label ?? ('Normal' as const), events: t.events.map((e) => e.eventId) }));
    const models = allModels().filter((d) => ['LogClustering', 'DecisionTree', 'InvariantsMiner', 'NGram'].includes(d.name));
    const ex = await runExperiment({ dataset: 'HDFS', train, test: testSet, variants: [{ name: REAL, extra: () => [] }, { name: 'real+fsm', extra: () => synSessions }], models, seeds: 2 });
    const summary = summarize(ex.rows);
    await w.send({ type: 'showReport', report: evalReportData(summary) });
    await w.page.waitForSelector('.report-eval');
    const bars = w.page.locator('svg.f1-chart rect.bar');
    assert.equal(await bars.count(), summary.length, 'one bar per model x training');
    // Bar heights follow F1 (180 px = 1.0).
    for (const s of summary) {
      const hgt = Number(await w.page.locator(`svg.f1-chart rect.bar[data-model="${s.model}"][data-training="${s.training}"]`).getAttribute('height'));
      assert.ok(Math.abs(hgt - Math.max(0.5, s.f1Mean * 180)) < 0.01, `${s.model}/${s.training}: height ${hgt} for F1 ${s.f1Mean}`);
    }
    assert.equal(await w.page.locator('svg.delta-chart rect.bar').count(), summary.filter((s) => s.training !== REAL).length);
    for (const s of summary.filter((x) => x.training !== REAL)) {
      const cls = await w.page.locator(`svg.delta-chart rect.bar[data-model="${s.model}"]`).getAttribute('class');
      assert.ok(cls?.includes(s.f1Delta >= 0 ? 'up' : 'down'), `${s.model}: delta ${s.f1Delta} drawn as ${cls}`);
    }
    assert.equal(await w.page.locator('.report-table tbody tr').count(), summary.length);
    await w.page.screenshot({ path: join(SHOTS, 'report-eval.png'), fullPage: true });
    await assertClean(w);
  } finally {
    await w.page.close();
  }
});

test('a paged run: "Load more" asks the host for the next page by request id and appends the answer', async () => {
  const w = await WebviewPage.open(browser, server.url, { width: 1000, height: 700 });
  try {
    const total = run.sequences.length;
    await w.send({ type: 'showSequences', data: { ...run, sequences: run.sequences.slice(0, 20), total } });
    const rows = w.page.locator('.seq-list [data-session]');
    await w.page.waitForFunction(() => document.querySelectorAll('.seq-list [data-session]').length === 20);
    assert.match((await w.page.locator('.seq-summary .count').textContent())!, new RegExp(`^20 of ${total} \\(20 loaded\\)$`));
    await w.clearPosted();
    await w.page.locator('.seq-more vscode-button').click();
    const req = await w.waitForPosted((m) => m.type === 'request');
    assert.ok(req.type === 'request' && req.method === 'sequences');
    assert.deepEqual(req.params, { runId: run.runId, offset: 20, limit: 200 });
    await w.send({ type: 'response', id: req.id, ok: true, result: { sequences: run.sequences.slice(20, 220), total } });
    await w.page.waitForFunction(() => document.querySelectorAll('.seq-list [data-session]').length === 220);
    assert.equal(await rows.nth(20).getAttribute('data-session'), run.sequences[20]!.sessionId);
    // A failed request is logged to the host, and the list stays as it was.
    await w.clearPosted();
    await w.page.locator('.seq-more vscode-button').click();
    const again = await w.waitForPosted((m) => m.type === 'request');
    assert.ok(again.type === 'request');
    await w.send({ type: 'response', id: again.id, ok: false, error: 'run expired' });
    const log = await w.waitForPosted((m) => m.type === 'log');
    assert.ok(log.type === 'log' && log.level === 'error' && /run expired/.test(log.message));
    assert.equal(await rows.count(), 220);

    // Keyboard: arrows move the selection through the list, each move posted to the host.
    await w.clearPosted();
    await rows.nth(0).locator('.seq-head').click();
    await w.page.keyboard.press('ArrowDown');
    await w.page.keyboard.press('ArrowDown');
    const picked = (await w.posted()).filter((m) => m.type === 'sequenceSelected').map((m) => m.type === 'sequenceSelected' ? m.sessionId : '');
    assert.deepEqual(picked, run.sequences.slice(0, 3).map((q) => q.sessionId));
    assert.equal(await w.page.locator('.seq-list .seq.selected').getAttribute('data-session'), run.sequences[2]!.sessionId);

    // busy: shown while the host works, gone when it says null.
    await w.send({ type: 'busy', message: 'Generating: 120 paths enumerated' });
    await w.page.waitForSelector('.busy:not(.hidden)');
    assert.equal(await w.page.locator('.busy').textContent(), 'Generating: 120 paths enumerated');
    await w.send({ type: 'busy', message: null });
    await w.page.waitForSelector('.busy.hidden', { state: 'attached' });
    assert.deepEqual(await w.violations(), []);
  } finally {
    await w.page.close();
  }
});
