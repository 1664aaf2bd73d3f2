#!/usr/bin/env bash
# scripts/tool_venv.sh DIR REQUIREMENTS: make (or refresh) the virtual environment DIR of a command-line tool with
# the pinned REQUIREMENTS; quick when it is there already.
# Release and deployment tools (qgis-plugin-ci brings PyQt5 from PyPI, QDT many libraries) live in environments of
# their own, never in .venv: two Qt bindings in the process that imports QGIS break QGIS. They are plain
# environments (no --system-site-packages) made from /usr/bin/python3; a stamp holds the requirements' checksum and
# the Python version, so a change of either (e.g. the checkout used from a chroot's newer Python) rebuilds it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dir=$1
requirements=$2
stamp="$dir/.requirements.sha256"
want="$(sha256sum "$requirements" | cut -d' ' -f1) $(/usr/bin/python3 -c 'import sys; print(sys.version.split()[0])')"
if [ ! -x "$dir/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "tool_venv: creating $dir from $requirements" >&2
  rm -rf "$dir"
  /usr/bin/python3 -m venv "$dir"
  "$dir/bin/pip" install -q --disable-pip-version-check -r "$requirements" >&2
  echo "$want" >"$stamp"
fi
