#!/usr/bin/env bash
# Installs the system packages Artiqo needs from the OS when they are missing: the MariaDB
# client headers and pkg-config (mysqlclient builds against them), and with --tests also
# Debian's Chromium (the browser tests in tests/e2e drive it; Playwright's own browser
# download is not used) and Node.js with npm (`make install-dev` installs axe-core, the
# accessibility checker the page walker injects, from package-lock.json), and with --bench
# Chromium and wrk (the HTTP load generator of `make bench-http`). `make run` needs only the
# first; `make test` asks for the tests' ones. Quick and silent when everything is present;
# everything else comes from PyPI and npm.
set -euo pipefail
missing=()
if ! pkg-config --exists mariadb 2>/dev/null && ! pkg-config --exists mysqlclient 2>/dev/null; then
  missing+=(libmariadb-dev pkg-config)
fi
if { [ "${1:-}" = "--tests" ] || [ "${1:-}" = "--bench" ]; } && [ ! -x "${ARTIQO_E2E_CHROMIUM:-/usr/bin/chromium}" ]; then
  missing+=(chromium)
fi
if [ "${1:-}" = "--bench" ] && ! command -v wrk >/dev/null 2>&1; then
  missing+=(wrk)
fi
if [ "${1:-}" = "--tests" ] && ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if command -v apt-get >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "Installing system packages: ${missing[*]}..."
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "Install these with your system's package manager: ${missing[*]}" >&2
  exit 1
fi
