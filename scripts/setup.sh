#!/usr/bin/env bash
# Installs what Hearth needs from Debian's packages when it is missing (Lua 5.4's headers and library).
set -euo pipefail
need=()
pkg-config --exists lua5.4 2>/dev/null || need+=(liblua5.4-dev)
command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
