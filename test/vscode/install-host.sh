#!/usr/bin/env bash
# Installs a real VS Code for the extension-host tests: code-server 4.100.3 (= VS Code 1.100.3, the last release
# that runs on Node 20) from the npm registry, and Debian's chromium + build tools. Idempotent: a second run
# does nothing. Vendored from ../shared/recipes/vscode-host/install.sh (see the README there).
# usage: test/vscode/install-host.sh [DEST]   (default $LOGSYNTH_VSCODE_HOST or ~/.cache/logsynth-vscode-host)
set -euo pipefail
DEST=${1:-${LOGSYNTH_VSCODE_HOST:-$HOME/.cache/logsynth-vscode-host}}
mkdir -p "$DEST/vscode-host"
DEST=$(cd "$DEST" && pwd)
if [ -f "$DEST/vscode-host/node_modules/code-server/out/node/entry.js" ] && command -v chromium >/dev/null; then
  echo "vscode host already installed: $DEST"; exit 0
fi
if ! command -v chromium >/dev/null || ! command -v rg >/dev/null || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq g++ make python3 pkg-config libkrb5-dev libx11-dev \
    libxkbfile-dev libsecret-1-dev ripgrep chromium >/dev/null
fi
export npm_config_unsafe_perm=true   # as root, code-server's postinstall refuses to run without it
export npm_config_yes=true           # node-pty's postinstall runs `npx node-gyp`
# @vscode/ripgrep's postinstall would download ripgrep; seed its download cache with Debian's rg instead
C="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"; mkdir -p "$C"
[ -f "$C/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" ] || \
  tar czf "$C/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C /usr/bin rg
cd "$DEST/vscode-host"; [ -f package.json ] || echo '{"private":true}' > package.json
[ -f node_modules/code-server/out/node/entry.js ] || npm install code-server@4.100.3 --foreground-scripts --no-audit --no-fund
echo "installed: $DEST"
