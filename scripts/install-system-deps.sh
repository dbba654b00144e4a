#!/usr/bin/env bash
# Installs the Debian packages the real-editor tests need, only when missing.
# Why each one:
#   chromium     - playwright-core drives it (Playwright's own browser download is offline-blocked)
#   libkrb5-dev  - code-server's postinstall builds the `kerberos` native module from source
#   build-essential, python3 - node-gyp builds the other native modules (spdlog, sqlite3, node-pty, argon2)
#   ripgrep      - workspace search inside the editor; also handy for developers
#   git          - the repo tooling itself
#   neovim       - a second real LSP client in test/lsp (the server must not assume VS Code)
set -euo pipefail

missing=()
have_cmd() { command -v "$1" >/dev/null 2>&1; }

[ -x /usr/bin/chromium ] || missing+=(chromium)
{ [ -f /usr/include/krb5.h ] || have_cmd krb5-config; } || missing+=(libkrb5-dev)
have_cmd rg || missing+=(ripgrep)
{ have_cmd g++ && have_cmd make; } || missing+=(build-essential)
have_cmd python3 || missing+=(python3)
have_cmd git || missing+=(git)
have_cmd nvim || missing+=(neovim)

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-system-deps: all present"
  exit 0
fi

echo "install-system-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  have_cmd sudo || { echo "install-system-deps: need root or sudo to apt-get install ${missing[*]}" >&2; exit 1; }
  SUDO=sudo
fi
# `update` first: a fresh image has empty package lists and install would fail with "Unable to locate package".
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
