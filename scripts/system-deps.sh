#!/usr/bin/env bash
# Installs the system packages mysqlclient builds against (MariaDB client headers and
# pkg-config) when they are missing; everything else comes from PyPI.
set -euo pipefail
if pkg-config --exists mariadb 2>/dev/null || pkg-config --exists mysqlclient 2>/dev/null; then
  exit 0
fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "Installing the MariaDB client headers and pkg-config (for mysqlclient)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libmariadb-dev pkg-config >/dev/null
elif command -v apt-get >/dev/null 2>&1; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libmariadb-dev pkg-config
else
  echo "Install the MySQL/MariaDB client headers and pkg-config with your system's package manager." >&2
  exit 1
fi
