// The same extension-host suite under @vscode/test-electron, for people with VS Code (or network access to
// download it): `node esbuild.mjs && node test/vscode/build.mjs && node out/vscode-suite/run-electron.js`.
// Set VSCODE_EXECUTABLE to an installed `code` binary to skip the download. CI uses run-suite.mjs instead
// (code-server, offline).
import * as path from 'node:path';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const repo = path.resolve(__dirname, '..', '..');
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'logsynth-electron-'));
  fs.cpSync(path.join(repo, 'test', 'fixtures', 'java-small'), ws, { recursive: true });
  try {
    await runTests({
      version: '1.100.3',
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
      extensionDevelopmentPath: repo,
      extensionTestsPath: path.join(__dirname, 'index.js'),
      extensionTestsEnv: { LOGSYNTH_E2E_SUITE: 'extension', LOGSYNTH_HDFS_LOG: path.join(process.env.LOGSYNTH_SHARED || path.join(repo, '..', 'shared'), 'data', 'hdfs', 'HDFS_2k.log') },
      launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
    });
  } finally {
    fs.rmSync(ws, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
