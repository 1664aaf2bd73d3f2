# TerriData: the commands of README.md. Every target installs what it needs first (scripts/bootstrap.sh).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
export QT_QPA_PLATFORM := offscreen

.PHONY: help bootstrap test test-unit test-qgis test-qgis340 test-qgis344 lint format package repository translations demo bench bench-engines clean

help:
	@echo "make demo          run TerriData on the embedded sample, results in demo-output/ (LANG=fr: in French)"
	@echo "make test          install what is missing, then run the whole test suite on QGIS 3.22"
	@echo "make test-qgis340  the same suite on QGIS 3.40 LTR in a Debian trixie chroot"
	@echo "make test-qgis344  the same suite on QGIS 3.44 in a Debian sid chroot"
	@echo "make lint          ruff check and format check"
	@echo "make package       build the installable plugin zip in dist/ (qgis-plugin-ci)"
	@echo "make repository BASE_URL=https://.../  dist/ as a QGIS plugin repository (plugins.xml + zip) to publish"
	@echo "make bench         benchmark the aggregation against QGIS's native algorithms"
	@echo "make bench-engines the aggregation in PostGIS, on GeoPackages and QGIS native, side by side"

bootstrap:
	@scripts/bootstrap.sh

# tests/unit runs in a plain Python process (pytest-qgis disabled: no QGIS application), proving core/ is pure.
test: bootstrap
	$(VENV)/bin/pytest -p no:pytest_qgis tests/unit
	$(VENV)/bin/pytest tests/qgis

test-unit: bootstrap
	$(VENV)/bin/pytest -p no:pytest_qgis tests/unit

test-qgis: bootstrap
	$(VENV)/bin/pytest tests/qgis

test-qgis340:
	scripts/qgis_chroot.sh 3.40 run-tests

test-qgis344:
	scripts/qgis_chroot.sh 3.44 run-tests

# flake8-qgis: QGIS plugin rules. Not applied: QGS201/QGS202 (experimental, flag every call whose result may be
# checked), QGS402 (QMetaType field types need QGIS 3.38; we support 3.22), QGS105 (classFactory(iface) is QGIS's
# own plugin API); in tests and scripts, QGS111 (QGIS 3.22's `qgis.processing` has no run()) and, in tests,
# QGS108 (the 'TEMPORARY_OUTPUT' literal is what users type in qgis_process).
FLAKE8_QGIS := $(VENV)/bin/flake8 --select=QGS --extend-ignore=QGS201,QGS202,QGS402,QGS105 \
	--per-file-ignores="tests/*:QGS108,QGS111 scripts/*:QGS111" --exclude=.venv,.venv-*,.build,dist,demo-output,.git

lint: bootstrap
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(FLAKE8_QGIS) .

format: bootstrap
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

translations: bootstrap
	scripts/translations.sh compile

package: bootstrap
	scripts/package.sh

# A QGIS plugin repository in dist/: publish the folder at BASE_URL, add BASE_URL/plugins.xml in QGIS's plugin manager.
repository: bootstrap
	@if [ -z "$(BASE_URL)" ]; then echo "usage: make repository BASE_URL=https://intranet.example/qgis/plugins/" >&2; exit 2; fi
	scripts/package.sh --repository-url "$(BASE_URL)"

# LANG=fr: the demo's reports, messages and steps in French (default: the system locale's language).
demo: bootstrap
	$(PY) scripts/demo.py --lang "$(LANG)"

bench: bootstrap
	$(PY) scripts/bench_aggregation.py

# PostGIS (database engine), GeoPackage (desktop engine) and QGIS native side by side, 1 M and 10 M points.
bench-engines: bootstrap
	$(PY) scripts/bench_engines.py

clean:
	rm -rf .build dist demo-output .pytest_cache .ruff_cache
