#!/usr/bin/env bash
# Install what TerriData's tests and demo need on a Debian 12 machine (run as root); quick when all is there.
#   - Debian packages listed in scripts/debian-packages.txt (QGIS 3.22, its Python bindings, tools, PostgreSQL 15 +
#     PostGIS 3 whose server the database-engine tests start themselves on 127.0.0.1)
#   - .venv: a virtual environment made from /usr/bin/python3 --system-site-packages (so PyQGIS is visible)
#     with the pinned test tools of requirements/test.txt
#   - .venv-release (qgis-plugin-ci) and .venv-deploy (QGIS Deployment Toolbelt): environments of their own
#     (scripts/tool_venv.sh), used by make package/repository and by the packaging and deployment tests
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t packages < <(grep -v '^\s*#' scripts/debian-packages.txt | grep -v '^\s*$')
missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" != 0 ]; then
    echo "bootstrap: these packages are missing and installing them needs root: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

stamp=.venv/.requirements.sha256
want=$(sha256sum requirements/test.txt | cut -d' ' -f1)
if [ ! -x .venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "bootstrap: creating .venv with the test tools"
  rm -rf .venv
  /usr/bin/python3 -m venv --system-site-packages .venv
  .venv/bin/pip install -q --disable-pip-version-check -r requirements/test.txt
  echo "$want" > "$stamp"
fi

scripts/tool_venv.sh release requirements/release.txt >/dev/null
scripts/tool_venv.sh deploy requirements/deploy.txt >/dev/null
