// Test and bench harness for the webview bundle: builds webview/main.ts as esbuild.mjs does, serves it from a
// loopback HTTP server inside a page with the extension shell's strict CSP (src/extension/webview/html.ts) and a
// stand-in acquireVsCodeApi that records what the webview posts, and drives it in real headless Chromium.
import { createServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from '../../src/core/util/repo';
import type { HostMessage, WebviewMessage } from '../../src/shared/webview-protocol';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Bundles the webview (same options as esbuild.mjs) into a scratch folder; returns the script's path. */
export async function buildWebview(): Promise<string> {
  const root = repoRoot();
  const outdir = join(root, 'out', 'webview-test');
  mkdirSync(outdir, { recursive: true });
  await esbuild.build({
    entryPoints: [join(root, 'webview', 'main.ts')], outdir, bundle: true, format: 'iife', platform: 'browser',
    target: 'es2022', sourcemap: false, logLevel: 'warning', absWorkingDir: root,
  });
  return join(outdir, 'main.js');
}

export interface ShellServer { url: string; close(): Promise<void> }

/** The page: the shell of html.ts (same CSP: default-src 'none', scripts by nonce, styles from the origin). */
export async function serveShell(script: string): Promise<ShellServer> {
  const root = repoRoot();
  const files: Record<string, { path: string; type: string }> = {
    '/media/main.js': { path: script, type: 'text/javascript' },
    '/media/main.css': { path: join(root, 'media', 'main.css'), type: 'text/css' },
    '/theme.css': { path: join(root, 'test', 'webview', 'theme-dark.css'), type: 'text/css' },
  };
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const f = files[path];
    if (f) {
      res.writeHead(200, { 'content-type': f.type, 'cache-control': 'no-store' });
      res.end(readFileSync(f.path));
      return;
    }
    if (path === '/favicon.ico') { res.writeHead(204); res.end(); return; }
    if (path !== '/') { res.writeHead(404); res.end(); return; }
    const origin = `http://${req.headers.host}`;
    const nonce = randomBytes(16).toString('base64');
    const csp = [
      "default-src 'none'", `img-src ${origin} data:`, `style-src ${origin} 'nonce-${nonce}'`, `font-src ${origin}`, `script-src 'nonce-${nonce}'`,
    ].join('; ');
    // The stand-in for VS Code's webview API: records posted messages and CSP reports; the state lives in
    // sessionStorage so it survives a reload, as VS Code's getState does.
    const standIn = `
window.__posted = []; window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || e.sample || '')));
window.acquireVsCodeApi = () => ({
  postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
  getState: () => { const s = sessionStorage.getItem('vscode-state'); return s ? JSON.parse(s) : undefined; },
  setState: (s) => sessionStorage.setItem('vscode-state', JSON.stringify(s)),
});`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp, 'cache-control': 'no-store' });
    res.end(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>LogSynth</title>
<link rel="stylesheet" href="${origin}/theme.css">
<link rel="stylesheet" href="${origin}/media/main.css">
</head>
<body class="vscode-dark" data-vscode-theme-kind="vscode-dark" data-nonce="${nonce}">
<script nonce="${nonce}">${standIn}</script>
<div id="app" role="main"></div>
<script nonce="${nonce}" src="${origin}/media/main.js"></script>
</body>
</html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install Debian's (apt-get install -y chromium) or set CHROMIUM`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** One webview page and what it said: posted messages, CSP violations, console errors, page errors. */
export class WebviewPage {
  readonly consoleErrors: string[] = [];
  private constructor(readonly page: Page) {}

  static async open(browser: Browser, url: string, viewport = { width: 1280, height: 800 }): Promise<WebviewPage> {
    const page = await browser.newPage({ viewport });
    const w = new WebviewPage(page);
    page.on('console', (m) => { if (m.type() === 'error') w.consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => w.consoleErrors.push(`pageerror: ${e.message}`));
    await page.goto(url);
    await w.waitForPosted((m) => m.type === 'ready');
    return w;
  }

  posted(): Promise<WebviewMessage[]> {
    return this.page.evaluate(() => (window as unknown as { __posted: WebviewMessage[] }).__posted);
  }

  violations(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
  }

  async clearPosted(): Promise<void> {
    await this.page.evaluate(() => { (window as unknown as { __posted: unknown[] }).__posted.length = 0; });
  }

  /** Delivers a host message as VS Code does (a window message event). */
  async send(m: HostMessage): Promise<void> {
    await this.page.evaluate((msg) => window.postMessage(msg, '*'), m);
  }

  async waitForPosted(pred: (m: WebviewMessage) => boolean, timeout = 10_000): Promise<WebviewMessage> {
    const t0 = Date.now();
    for (;;) {
      const hit = (await this.posted()).find(pred);
      if (hit) return hit;
      if (Date.now() - t0 > timeout) throw new Error(`no matching message posted in ${timeout} ms; got ${JSON.stringify(await this.posted()).slice(0, 500)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Waits until the graph with `nodes` nodes is drawn (svg.graph carries data-nodes and data-rendered). */
  async waitForGraph(nodes: number, timeout = 20_000): Promise<void> {
    await this.page.waitForFunction((n) => {
      const svg = document.querySelector('svg.graph');
      return !!svg && svg.getAttribute('data-nodes') === String(n) && svg.hasAttribute('data-rendered') && !document.querySelector('.graph-host.loading');
    }, nodes, { timeout });
  }
}
