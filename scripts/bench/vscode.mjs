// VS Code side figures (issue 3), measured on the shipped bundles (dist/server.js, dist/worker.js) driven over
// IPC exactly as the extension drives them: first index and warm start of the 400k-line corpus, a one-line
// edit to an updated CodeLens, the generation hand-off to the worker, and the language server's
// responsiveness (hover latency) while a generation runs. Activation time and the extension host's largest
// event-loop stall come from the real extension host: scripts/ci-vscode.sh writes them to test-artifacts/vscode/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

function ensureCorpus() {
  const dir = join(root, 'bench-corpus');
  if (!existsSync(join(dir, 'src'))) execFileSync(process.execPath, [join(root, 'scripts', 'gen-corpus.mjs'), dir, '400000'], { stdio: 'inherit' });
  return dir;
}

function firstJavaWithLog(dir) {
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop();
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) stack.push(p);
      else if (name.endsWith('.java') && /LOG\.(info|warn|debug|error)\(/.test(readFileSync(p, 'utf8'))) return p;
    }
  }
  return undefined;
}

const ms = (x) => `${x.toFixed(0)} ms`;

export async function run() {
  const { startTestServer } = require(join(root, 'out', 'src', 'server', 'lsp-client.js'));
  const P = require(join(root, 'out', 'src', 'shared', 'protocol.js'));
  const L = require('vscode-languageserver-protocol/node');
  const server = join(root, 'dist', 'server.js');
  const init = (cache) => ({ trusted: true, indexCachePath: cache, version: 'bench', workerPath: join(root, 'dist', 'worker.js') });
  const corpus = ensureCorpus();
  const tmp = mkdtempSync(join(tmpdir(), 'logsynth-bench-vscode-'));
  const cache = join(tmp, 'index.sqlite');
  try {
    // Cold: nothing cached.
    let t0 = performance.now();
    let s = await startTestServer(server, corpus, init(cache));
    let st = await s.waitState((x) => x.state === 'ready', 600000);
    const cold = performance.now() - t0;
    const stats = await s.conn.sendRequest(P.StatisticsRequest.type);
    console.log(`  first index: ${stats.files} files, ${stats.lines} lines, ${stats.logs} log statements -> ready in ${ms(cold)} (server-side ${st.seconds.toFixed(2)} s, ${st.parsed} parsed on ${st.threads} threads)`);
    await s.stop();
    console.log(`  index cache: ${(statSync(cache).size / 1e6).toFixed(1)} MB`);

    // Warm: everything from the cache.
    t0 = performance.now();
    s = await startTestServer(server, corpus, init(cache));
    st = await s.waitState((x) => x.state === 'ready', 600000);
    console.log(`  warm start: ready in ${ms(performance.now() - t0)} (server-side ${st.seconds.toFixed(2)} s, ${st.parsed} parsed, ${st.files - st.parsed} from cache)`);

    // The generation worker loads its own copy of the index from the cache file, off the server's thread.
    const ready = await new Promise((resolve) => {
      const t = setInterval(() => {
        const line = s.logs.find((l) => /generation worker ready/.test(l));
        if (line) { clearInterval(t); resolve(line); }
      }, 50);
    });
    console.log(`  ${ready.replace(/^\[info\] /, '')} (after the warm start)`);

    // One-line edit in an open editor -> CodeLens with the new count.
    const file = firstJavaWithLog(corpus);
    if (file) {
      const uri = pathToFileURL(file).toString();
      const text = readFileSync(file, 'utf8');
      await s.conn.sendNotification(L.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'java', version: 1, text } });
      const info = await s.conn.sendRequest(P.FileInfoRequest.type, { uri });
      const m = info.methods.find((x) => x.reachableTemplates > 0 && x.endLine > x.startLine + 1);
      if (m) {
        const before = (await s.conn.sendRequest(L.CodeLensRequest.type, { textDocument: { uri } })).find((l) => l.range.start.line === m.line - 1)?.command?.title;
        const v = s.states.at(-1).version;
        t0 = performance.now();
        await s.conn.sendNotification(L.DidChangeTextDocumentNotification.type, {
          textDocument: { uri, version: 2 },
          contentChanges: [{ range: { start: { line: m.startLine, character: 0 }, end: { line: m.startLine, character: 0 } }, text: '    LOG.info("bench edit marker {}", 42);\n' }],
        });
        await s.waitState((x) => x.version > v, 60000);
        const after = (await s.conn.sendRequest(L.CodeLensRequest.type, { textDocument: { uri } })).find((l) => l.range.start.line === m.line - 1)?.command?.title;
        const total = performance.now() - t0;
        const upd = await s.conn.sendRequest(P.StatisticsRequest.type);
        console.log(`  one-line edit -> updated CodeLens: ${ms(total)} (includes the 150 ms typing debounce; re-index + re-link ${upd.lastUpdateMs?.toFixed(0)} ms) [${before} -> ${after}]`);
      }
    }

    // Generation: hand-off and the server's responsiveness meanwhile.
    const entries = await s.conn.sendRequest(P.EntriesRequest.type, { top: 5 });
    const settings = { depth: 5, maxPaths: 2000, loopBound: 1, seed: 42, verifier: 'symbolic', paramStyle: 'log4j' };
    const hoverUri = file ? pathToFileURL(file).toString() : undefined;
    let worst = 0;
    let probes = 0;
    let running = true;
    const probe = (async () => {
      while (running && hoverUri) {
        const h0 = performance.now();
        await s.conn.sendRequest(P.FileInfoRequest.type, { uri: hoverUri });
        worst = Math.max(worst, performance.now() - h0);
        probes++;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    for (const [runId, what] of [['bench1', 'first run after the edit (the worker re-links its copy)'], ['bench2', 'second run (no change in between)']]) {
      t0 = performance.now();
      const res = await s.conn.sendRequest(P.GenerateRequest.type, { entries: entries.map((e) => e.methodId), settings, runId, pageSize: 200 });
      const wall = performance.now() - t0;
      console.log(`  generate from the top ${entries.length} entries, ${what}: ${res.total} sequences, ${res.stats.pathsEnumerated} paths in ${ms(wall)} `
        + `(hand-off ${ms(res.timings.handoffMs)}, generation ${ms(res.timings.generateMs)})${res.error ? ` ERROR ${res.error}` : ''}`);
    }
    running = false;
    await probe;
    console.log(`  language server while generating: ${probes} file-info requests, slowest ${ms(worst)}`);
    await s.stop();
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }

  const art = join(root, 'test-artifacts', 'vscode');
  for (const [f, label] of [['activation.json', 'extension host activation'], ['extension-host-stall.json', 'extension host during generation']]) {
    const p = join(art, f);
    if (existsSync(p)) console.log(`  ${label} (from the last scripts/ci-vscode.sh run): ${readFileSync(p, 'utf8').replace(/\s+/g, ' ')}`);
    else console.log(`  ${label}: run scripts/ci-vscode.sh to measure it in the real extension host`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
