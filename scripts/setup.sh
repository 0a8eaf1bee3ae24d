#!/usr/bin/env bash
# Installs what Hearth needs from Debian's packages when it is missing (Lua 5.4's headers and library, jemalloc).
set -euo pipefail
need=()
pkg-config --exists lua5.4 2>/dev/null || need+=(liblua5.4-dev)
command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)
[ -e /usr/lib/x86_64-linux-gnu/libjemalloc.so ] || [ -e /usr/lib/aarch64-linux-gnu/libjemalloc.so ] \
  || ldconfig -p 2>/dev/null | grep -q 'libjemalloc\.so ' || need+=(libjemalloc-dev)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
