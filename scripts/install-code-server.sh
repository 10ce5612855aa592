#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3 as a web app) into a cache folder outside the
# project, so the real-editor tests and `npm start` have a VS Code without downloading one.
# Cached: a stamp file marks a finished install, so a second run returns at once.
set -euo pipefail

SCRIPTS="$(cd "$(dirname "$0")" && pwd)"

VERSION=4.100.3
CACHE_ROOT="${STAGECRAFT_CACHE:-$HOME/.cache/stagecraft}"
DEST="$CACHE_ROOT/code-server-$VERSION"
STAMP="$DEST/.installed"

log() { echo "[install-code-server] $*" >&2; }

# chromium, libkrb5-dev and ripgrep come from Debian.
"$SCRIPTS/ensure-system-packages.sh"

ARGON2_BINDING="$DEST/node_modules/argon2/lib/binding/napi-v3/argon2.node"

# Older versions of this script stamped installs whose argon2 was never built; repair those.
if [ -f "$STAMP" ] && [ ! -f "$ARGON2_BINDING" ]; then
  log "rebuilding argon2 in $DEST"
  (cd "$DEST" && npm rebuild argon2 >&2)
fi

if [ -f "$STAMP" ]; then
  echo "$DEST/node_modules/code-server/out/node/entry.js"
  exit 0
fi

log "installing code-server@$VERSION into $DEST (a few minutes on 2 cores)"
rm -rf "$DEST"
mkdir -p "$DEST"
cd "$DEST"
echo '{"name":"stagecraft-code-server","private":true}' > package.json
npm install --no-audit --no-fund --ignore-scripts "code-server@$VERSION" >&2

VSCODE_DIR="$DEST/node_modules/code-server/lib/vscode"
cd "$VSCODE_DIR"
npm install --no-audit --no-fund --omit=dev --ignore-scripts >&2
# @vscode/ripgrep's install script downloads a binary; use Debian's instead.
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
# node-pty may fail to build; the tests need no terminal, so that is not fatal.
npm rebuild @vscode/spdlog kerberos native-watchdog @parcel/watcher >&2
npm rebuild node-pty >&2 || log "node-pty did not build (harmless: no terminal is used)"
ln -sfn node_modules node_modules.asar
cd "$VSCODE_DIR/extensions"
npm install --no-audit --no-fund --omit=dev --ignore-scripts >&2
# argon2 is hoisted to $DEST/node_modules, so it must be rebuilt from $DEST (from the
# code-server folder npm finds nothing to rebuild). code-server requires it at start-up,
# even with --auth none, so a missing binding is fatal.
cd "$DEST"
npm rebuild argon2 >&2
[ -f "$ARGON2_BINDING" ] || { log "argon2 did not build: $ARGON2_BINDING is missing"; exit 1; }

touch "$STAMP"
log "done"
echo "$DEST/node_modules/code-server/out/node/entry.js"
