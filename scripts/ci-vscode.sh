#!/usr/bin/env bash
# CI for the VS Code side: installs (once, cached) a real VS Code 1.100 host, builds the bundles and the
# extension-host suites, runs them inside the host (the Java fixture, examples/datanode, the fixture in Restricted
# Mode), then the UI test in the workbench (screenshots in test-artifacts/vscode-ui/; timings in
# test-artifacts/vscode/). About two minutes; exit status non-zero if anything fails.
# env: LOGSYNTH_SHARED (../shared by default: the HDFS_2k log of the from-logs test)
# env: LOGSYNTH_VSCODE_HOST (install cache, default ~/.cache/logsynth-vscode-host)
set -euo pipefail
cd "$(dirname "$0")/.."
export LOGSYNTH_VSCODE_HOST=${LOGSYNTH_VSCODE_HOST:-$HOME/.cache/logsynth-vscode-host}
t0=$(date +%s)
bash test/vscode/install-host.sh "$LOGSYNTH_VSCODE_HOST"
node esbuild.mjs
node test/vscode/build.mjs
rc=0
for suite in extension datanode restricted; do
  echo "== extension-host suite: $suite"
  timeout 600 node test/vscode/run-suite.mjs --suite "$suite" || rc=$?
done
echo "== UI test"
ui=0
timeout 600 node test/vscode/ui-e2e.mjs || ui=$?
echo "ci-vscode: suite exit $rc, UI exit $ui, $(( $(date +%s) - t0 )) s"
[ "$rc" -eq 0 ] && [ "$ui" -eq 0 ]
