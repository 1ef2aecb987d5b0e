#!/usr/bin/env bash
# Installs the real VS Code the extension tests run in: code-server 4.99.4 (= VS Code 1.99.3,
# Node 20) from npm, in its own folder so no npm command in the project can remove it, plus
# Debian's chromium (drives it headless), ripgrep (stands in for the one its post-install would
# download) and libkrb5-dev (a native module's headers). Idempotent: does nothing when installed.
#   scripts/install-code-server.sh [target-dir]   (default .vscode-test/code-server)
# The apt packages need root; as another user, install them first and this script skips apt.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=4.99.4
TARGET=${1:-.vscode-test/code-server}
BIN="$TARGET/node_modules/.bin/code-server"

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v rg >/dev/null || need_apt+=(ripgrep)
[ -f /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    echo "install-code-server: missing apt packages (run as root): ${need_apt[*]}" >&2
    exit 1
  fi
fi

if [ -x "$BIN" ] && "$BIN" --version 2>/dev/null | grep -q "^$VERSION "; then
  echo "code-server $VERSION already installed in $TARGET"
  exit 0
fi

mkdir -p "$TARGET"
cd "$TARGET"
[ -f package.json ] || echo '{ "name": "code-server-for-tests", "private": true }' > package.json
npm install --no-save --no-audit --no-fund --ignore-scripts "code-server@$VERSION" >/dev/null
cd node_modules/code-server/lib/vscode
npm install --omit=dev --ignore-scripts --no-audit --no-fund >/dev/null
# Debian's ripgrep instead of the download (its post-install skips when bin/ exists).
mkdir -p node_modules/@vscode/ripgrep/bin && ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
# Builds the native modules; node-pty's post-install asks for `npx node-gyp` and fails, after its
# pty.node is already built, so a non-zero exit here is expected.
npm rebuild >/dev/null 2>&1 || true
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev --no-audit --no-fund >/dev/null)
cd ../../../..
npm rebuild argon2 >/dev/null
node_modules/.bin/code-server --version
