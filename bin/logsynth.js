#!/usr/bin/env node
// The CLI bundle is built by `npm run build`; running from a fresh clone without it gets a clear message.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const cli = join(__dirname, '..', 'dist', 'cli.js');
if (!existsSync(cli)) {
  console.error('logsynth: dist/cli.js is missing; run `npm run build` first');
  process.exit(2);
}
require(cli);
