// A real VS Code 1.100 (code-server 4.100.3, installed by install-host.sh) started for one test run: a free
// loopback port, a throw-away profile and HOME, its own process group (server, extension host, language
// server, file watcher all die together), and headless Debian Chromium through the repo's playwright-core.
// Follows ../shared/recipes/vscode-host (README there), vendored so CI needs nothing outside the repo.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, closeSync, writeFileSync, readFileSync, rmSync, cpSync } from 'node:fs';
import { tmpdir, homedir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { get } from 'node:http';

export const HOST_DIR = process.env.LOGSYNTH_VSCODE_HOST || join(homedir(), '.cache', 'logsynth-vscode-host');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const SETTINGS = {
  'workbench.startupEditor': 'none', 'workbench.tips.enabled': false, 'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off', 'update.mode': 'none', 'security.workspace.trust.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false, 'git.enabled': false,
  'editor.codeLens': true, 'editor.lineNumbers': 'on', 'editor.minimap.enabled': false,
  'workbench.editor.enablePreview': false,
};

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); }).on('error', rej);
  });
}
const healthy = (port) => new Promise((res) => {
  get(`http://127.0.0.1:${port}/healthz`, (r) => { r.resume(); res(r.statusCode === 200); }).on('error', () => res(false));
});

/** A temp copy of a workspace fixture (tests edit files; the repo's copy stays clean). */
export function copyWorkspace(fixture, into) {
  const ws = join(into, 'ws');
  cpSync(fixture, ws, { recursive: true });
  return ws;
}

/**
 * Starts code-server. Returns { port, url, state, stop() }. `env` is passed to the server and so to the
 * extension host (and our language server).
 */
export async function startCodeServer({ env = {}, keep = false, trust = true } = {}) {
  const entry = join(HOST_DIR, 'vscode-host', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const state = mkdtempSync(join(tmpdir(), 'logsynth-host-'));
  for (const d of ['home/.config', 'home/.local/share', 'ud/User', 'exts']) mkdirSync(join(state, d), { recursive: true });
  writeFileSync(join(state, 'config.yaml'), '');
  // trust: false opens the folder in Restricted Mode (workspace trust on, no prompt): the untrusted-workspace tests.
  const settings = trust ? SETTINGS : { ...SETTINGS, 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.banner': 'never', 'security.workspace.trust.untrustedFiles': 'open' };
  writeFileSync(join(state, 'ud/User/settings.json'), JSON.stringify(settings, null, 2));
  const port = await freePort();
  const log = openSync(join(state, 'server.log'), 'w');
  const child = spawn(process.execPath, [entry, '--config', join(state, 'config.yaml'), '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', ...(trust ? ['--disable-workspace-trust'] : []),
    '--extensions-dir', join(state, 'exts'), '--user-data-dir', join(state, 'ud')], {
    detached: true, stdio: ['ignore', log, log],
    env: { ...process.env, ...env, HOME: join(state, 'home'), XDG_CONFIG_HOME: join(state, 'home/.config'),
      XDG_DATA_HOME: join(state, 'home/.local/share'), EXTENSIONS_GALLERY: '{"serviceUrl":""}' },
  });
  closeSync(log);
  const killGroup = (sig) => { try { process.kill(-child.pid, sig); } catch { /* gone */ } };
  const stop = async () => {
    killGroup('SIGTERM');
    for (let i = 0; i < 50; i++) { try { process.kill(-child.pid, 0); } catch { break; } await sleep(100); }
    killGroup('SIGKILL');
    if (!keep) rmSync(state, { recursive: true, force: true });
  };
  for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => { killGroup('SIGKILL'); process.exit(130); });
  const end = Date.now() + 30000;
  while (Date.now() < end) {
    if (await healthy(port)) return { port, url: `http://127.0.0.1:${port}`, state, stop, log: () => readFileSync(join(state, 'server.log'), 'utf8') };
    if (child.exitCode !== null) break;
    await sleep(100);
  }
  const text = readFileSync(join(state, 'server.log'), 'utf8');
  await stop();
  throw new Error(`code-server did not become healthy:\n${text}`);
}

/** The workbench URL for a folder, with the extension under development (and a test suite) in the payload. */
export function workbenchUrl(server, folder, extDev, extTests) {
  const host = `127.0.0.1:${server.port}`;
  const payload = [['extensionDevelopmentPath', `vscode-remote://${host}${extDev}`], ['skipWelcome', 'true']];
  if (extTests) payload.push(['extensionTestsPath', `vscode-remote://${host}${extTests}`]);
  return `${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export async function launchChromium(state) {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, env: { ...process.env, HOME: join(state, 'home') } });
}
