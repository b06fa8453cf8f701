#!/usr/bin/env bash
# Makes sure Debian's chromium is at /usr/bin/chromium (the browser test drives it).
# Installs it with apt-get when missing: as root directly, otherwise through password-less sudo.
# Exits 0 when chromium is there, nonzero with one line saying why when it cannot be.
set -uo pipefail

BIN=/usr/bin/chromium
if [ -x "$BIN" ]; then
  echo "chromium present: $("$BIN" --version 2>/dev/null || echo "$BIN")"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "cannot install chromium: no apt-get on this system" >&2
  exit 3
fi

if [ "$(id -u)" -eq 0 ]; then
  AS_ROOT=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  AS_ROOT=(sudo -n)
else
  echo "cannot install chromium: not root and no password-less sudo" >&2
  exit 4
fi

export DEBIAN_FRONTEND=noninteractive
# a stale package index is the usual reason the install fails on a fresh machine
if ! ${AS_ROOT[@]+"${AS_ROOT[@]}"} apt-get install -y --no-install-recommends chromium >/tmp/ensure-chromium.log 2>&1; then
  ${AS_ROOT[@]+"${AS_ROOT[@]}"} apt-get update >>/tmp/ensure-chromium.log 2>&1 || true
  if ! ${AS_ROOT[@]+"${AS_ROOT[@]}"} apt-get install -y --no-install-recommends chromium >>/tmp/ensure-chromium.log 2>&1; then
    echo "cannot install chromium: apt-get failed (log: /tmp/ensure-chromium.log): $(tail -n 1 /tmp/ensure-chromium.log)" >&2
    exit 5
  fi
fi

if [ ! -x "$BIN" ]; then
  echo "cannot install chromium: apt-get succeeded but $BIN is missing" >&2
  exit 6
fi
echo "chromium installed: $("$BIN" --version 2>/dev/null || echo "$BIN")"
