#!/usr/bin/env bash
# What the tests need beyond npm: Debian's chromium (webview and VS Code host tests) and the jetty9 sources
# (real-code test). Idempotent; does nothing where they are already present.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "installing chromium (apt-get)" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium is missing and cannot be installed here: the browser tests will fail" >&2
  fi
fi
bash scripts/fetch-real-code.sh jetty9 >/dev/null || echo "jetty9 sources unavailable: the real-code test will say why" >&2
