#!/usr/bin/env bash
# Makes sure the Debian packages the tests need are present: chromium (drives the real editor),
# libkrb5-dev and ripgrep (code-server's native modules and search), neovim (a second LSP client).
# Installs them when running as root with apt-get; otherwise prints the exact command and fails.
set -euo pipefail

PACKAGES=(chromium libkrb5-dev ripgrep neovim)
missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "[ensure-system-packages] installing: ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "[ensure-system-packages] missing Debian packages: ${missing[*]}" >&2
  echo "[ensure-system-packages] run: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
