// Compiles the extension-host test suite (test/vscode/suite/*.ts) to out/vscode-suite/*.js, one file per module
// (mocha loads each file; `vscode` stays external, provided by the host), plus the @vscode/test-electron
// runner. Named *.e2e.js, so the plain node test runner (which runs out/**/*.test.js) never picks them up.
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = 'test/vscode/suite';
const common = {
  outdir: 'out/vscode-suite', bundle: true, format: 'cjs', platform: 'node', target: 'node20',
  external: ['vscode', 'mocha', '@vscode/test-electron'], sourcemap: 'inline', logLevel: 'warning',
};
const entryPoints = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));
await esbuild.build({ ...common, entryPoints });
await esbuild.build({ ...common, entryPoints: ['test/vscode/run-electron.ts'] });
console.log(`built ${entryPoints.length} suite files and run-electron.js into out/vscode-suite`);
