#!/usr/bin/env bash
# `npm test`: every test. Build and type-check, the VS Code extension-host suite and UI test (a real VS Code
# 1.100 host, offline), then every node test (core, CLI, language server, webview in headless Chromium).
# `npm run test:unit` runs the node tests alone.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-test-deps.sh || exit 1
node esbuild.mjs && node esbuild.mjs --transpile || exit 1
npx tsc -p . --noEmit || exit 1
vscode=0
if [ "${LOGSYNTH_SKIP_VSCODE:-}" != 1 ]; then bash scripts/ci-vscode.sh || vscode=$?; fi
node scripts/run-tests.mjs; unit=$?
[ "$vscode" -eq 0 ] || echo "VS Code extension-host tests FAILED (exit $vscode)"
[ "$unit" -eq 0 ] && [ "$vscode" -eq 0 ]
