#!/usr/bin/env bash
# make package / make repository: the plugin zip as QGIS installs it, built by qgis-plugin-ci (scripts/release.py
# says how and why on a staged tree), and optionally a plugin repository (plugins.xml) for QGIS's plugin manager.
#   1. compile the translations (i18n/*.ts -> .qm, never committed, always in the zip)
#   2. make .venv-release (qgis-plugin-ci, pinned in requirements/release.txt) if missing (scripts/tool_venv.sh)
#   3. scripts/release.py: stage the plugin's files, run qgis-plugin-ci, write dist/
# Usage: scripts/package.sh [--dist DIR] [--repository-url BASE_URL]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/translations.sh compile
venv=$(scripts/tool_venv.sh release requirements/release.txt)
exec /usr/bin/python3 scripts/release.py --root . --qgis-plugin-ci "$venv/bin/qgis-plugin-ci" "$@"
