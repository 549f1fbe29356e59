// extensionTestsPath entry: VS Code (or code-server) calls run() inside the extension host; it runs every
// *.e2e.js file beside it (or only `$LOGSYNTH_E2E_SUITE.e2e.js`: each suite expects its own workspace) with
// mocha's tdd UI and writes a summary where TEST_RESULT_FILE says.
import * as path from 'node:path';
import * as fs from 'node:fs';
import * as os from 'node:os';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60000 });
  const only = process.env.LOGSYNTH_E2E_SUITE;
  for (const f of fs.readdirSync(__dirname).sort()) {
    if (f.endsWith('.e2e.js') && (!only || f === `${only}.e2e.js`)) mocha.addFile(path.join(__dirname, f));
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const out = process.env.TEST_RESULT_FILE || path.join(os.tmpdir(), 'logsynth-vscode-test-result.json');
      fs.writeFileSync(out, JSON.stringify({ failures, passes: runner.stats?.passes, tests: runner.stats?.tests }));
      if (failures > 0) reject(new Error(`${failures} tests failed.`));
      else resolve();
    });
  });
}
