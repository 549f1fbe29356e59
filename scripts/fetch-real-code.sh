#!/usr/bin/env bash
# Fetches a real open-source Java project from Debian's source packages for the real-code tests and the
# benchmark, into a git-ignored cache. usage: fetch-real-code.sh [package] (default jetty9)
# deb-src is enabled by deriving it from the machine's own apt sources file (no host names written here).
set -euo pipefail
PKG=${1:-jetty9}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEST="$ROOT/.cache/real-code/$PKG"
[ -f "$DEST/.done" ] && { echo "$DEST"; exit 0; }
# Tests may fetch concurrently on a fresh machine: one fetch at a time, the others wait and reuse it.
mkdir -p "$ROOT/.cache/real-code"
exec 9>"$ROOT/.cache/real-code/.lock"
flock 9
[ -f "$DEST/.done" ] && { echo "$DEST"; exit 0; }
command -v apt-get >/dev/null || { echo "apt-get unavailable" >&2; exit 3; }
SRC=/etc/apt/sources.list.d/debian.sources
DSRC=/etc/apt/sources.list.d/deb-src.sources
if [ ! -f "$DSRC" ]; then
  [ -f "$SRC" ] || { echo "no $SRC to derive deb-src from" >&2; exit 3; }
  sed 's/^Types: deb$/Types: deb-src/' "$SRC" > "$DSRC"
  apt-get update -qq >&2
fi
rm -rf "$DEST.tmp" && mkdir -p "$DEST.tmp"
cd "$DEST.tmp"
apt-get source --download-only -qq "$PKG" >&2 || { apt-get update -qq >&2; apt-get source --download-only -qq "$PKG" >&2; }
ORIG=$(ls ./*.orig.tar.* | head -n 1)
mkdir -p src && tar -xf "$ORIG" -C src
rm -rf "$DEST" && mv "$DEST.tmp" "$DEST" && touch "$DEST/.done"
echo "$DEST"
