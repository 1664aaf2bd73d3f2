#!/usr/bin/env bash
# scripts/tool_venv.sh NAME REQUIREMENTS: make (or refresh) the virtual environment of a command-line tool with the
# pinned REQUIREMENTS, and print its folder; quick when it is there already.
# Release and deployment tools (qgis-plugin-ci brings PyQt5 from PyPI, QDT many libraries) live in environments of
# their own, never in .venv: two Qt bindings in the process that imports QGIS break QGIS. They are plain
# environments (no --system-site-packages) made from /usr/bin/python3, in .venv-NAME of the checkout; a stamp holds
# the requirements' checksum. When .venv-NAME was made by another Python (its pyvenv.cfg says; the checkout used
# from a QGIS 3.40/3.44 chroot, whose Python is newer), this Python's environment is kept apart, in
# ~/.cache/terridata/venv-NAME-<version>, so the host's and the chroot's do not rebuild each other's.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
name=$1
requirements=$2
python=$(/usr/bin/python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')
want="$(sha256sum "$requirements" | cut -d' ' -f1) $python"
dir=.venv-$name
made_by=$(sed -n 's/^version[_info]* *= *\([0-9]*\.[0-9]*\).*/\1/p' "$dir/pyvenv.cfg" 2>/dev/null | head -n 1 || true)
if [ -n "$made_by" ] && [ "$made_by" != "$python" ]; then
  dir="${HOME:-/root}/.cache/terridata/venv-$name-$python"
fi
if [ ! -x "$dir/bin/python" ] || [ "$(cat "$dir/.requirements.sha256" 2>/dev/null)" != "$want" ]; then
  echo "tool_venv: creating $dir from $requirements" >&2
  rm -rf "$dir"
  mkdir -p "$(dirname "$dir")"
  /usr/bin/python3 -m venv "$dir"
  "$dir/bin/pip" install -q --disable-pip-version-check -r "$requirements" >&2
  echo "$want" >"$dir/.requirements.sha256"
fi
cd "$dir" && pwd
