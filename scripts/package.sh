#!/usr/bin/env bash
# make package: build dist/terridata-<version>.zip, the plugin as QGIS installs it (Plugins > Install from ZIP).
#   1. compile the translations (i18n/*.ts -> .qm, never committed, always in the zip)
#   2. zip the plugin's files under a top folder terridata/, without tests and development files
#      (scripts/package_build.py says which, and why this is not qgis-plugin-ci)
# Usage: scripts/package.sh [--dist DIR]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/translations.sh compile
exec /usr/bin/python3 scripts/package_build.py --root . "$@"
