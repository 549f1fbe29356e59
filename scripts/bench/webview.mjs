// Webview: time to lay out (elkjs, main thread) and draw (SVG) a graph of 200+ nodes in headless Chromium, from
// the host's showGraph message to the drawing on screen. The graph is the real inter-procedural graph of two
// entries of examples/datanode, joined. Needs `node esbuild.mjs --transpile` (npm run bench does it).
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = (p) => require(join(root, 'out', p));

export async function run() {
  const { WorkspaceIndex } = out('src/core/workspace/workspace-index.js');
  const { buildCallGraph } = out('src/core/callgraph/callgraph.js');
  const { entryGraph } = out('src/server/graph-builder.js');
  const { buildWebview, serveShell, launchChromium, WebviewPage } = out('test/webview/harness.js');
  const idx = await WorkspaceIndex.build(join(root, 'examples', 'datanode'), {});
  const cg = buildCallGraph(idx);
  const a = entryGraph(idx, cg, 'org.example.storage.DataXceiver:run()', { depth: 5, maxNodes: 600 });
  const b = entryGraph(idx, cg, 'org.example.storage.DataNode:runDatanodeDaemon()', { depth: 5, maxNodes: 600 });
  const seen = new Set();
  const union = (xs) => xs.filter((x) => !seen.has(x.id) && seen.add(x.id));
  const joined = { kind: 'interprocedural', root: a.root, title: 'bench', truncated: false, methods: union([...a.methods, ...b.methods]), nodes: union([...a.nodes, ...b.nodes]), edges: union([...a.edges, ...b.edges]) };
  // Exactly 200 nodes: the first methods of the joined graph whose nodes fit, their edges, and the call edges between them.
  const keep = new Set();
  const methods = [];
  for (const m of joined.methods) {
    const ns = joined.nodes.filter((n) => n.methodId === m.id);
    if (keep.size + ns.length > 200) continue;
    ns.forEach((n) => keep.add(n.id));
    methods.push(m);
  }
  const g200 = { ...joined, methods, nodes: joined.nodes.filter((n) => keep.has(n.id)), edges: joined.edges.filter((e) => keep.has(e.from) && keep.has(e.to)) };
  const graphs = [['200-node', g200], [`${joined.nodes.length}-node`, joined], [`${a.nodes.length}-node (one entry)`, a]];

  const server = await serveShell(await buildWebview());
  const browser = await launchChromium();
  try {
    const w = await WebviewPage.open(browser, server.url, { width: 1280, height: 800 });
    for (const [name, g] of graphs) {
      const total = [], layoutMs = [];
      for (let i = 0; i < 6; i++) {
        // Alternate with a tiny graph so each showGraph really lays out and redraws.
        await w.send({ type: 'showGraph', graph: { ...g, nodes: g.nodes.slice(0, 1), edges: [], methods: g.methods.slice(0, 1) } });
        await w.waitForGraph(1);
        const t = await w.page.evaluate(async (graph) => {
          const t0 = performance.now();
          window.postMessage({ type: 'showGraph', graph }, '*');
          await new Promise((resolve) => {
            const check = () => {
              const svg = document.querySelector('svg.graph');
              if (svg && svg.getAttribute('data-nodes') === String(graph.nodes.length) && !document.querySelector('.graph-host.loading')) resolve(undefined);
              else requestAnimationFrame(check);
            };
            check();
          });
          // One more frame: the drawing has been painted.
          await new Promise((r) => requestAnimationFrame(() => r(undefined)));
          return { total: performance.now() - t0, layout: Number(document.querySelector('svg.graph').getAttribute('data-layout-ms')) };
        }, g);
        if (i > 0) { total.push(t.total); layoutMs.push(t.layout); } // first run warms the JIT
      }
      const med = (xs) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)];
      console.log(`  ${name} graph (${g.nodes.length} nodes, ${g.edges.length} edges, ${g.methods.length} methods): showGraph -> painted median ${med(total).toFixed(0)} ms (elk layout ${med(layoutMs).toFixed(0)} ms), min ${Math.min(...total).toFixed(0)} ms, max ${Math.max(...total).toFixed(0)} ms`);
    }
    await w.page.close();
  } finally {
    await browser.close();
    await server.close();
  }
}
