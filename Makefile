# TerriData: the commands of README.md. Every target installs what it needs first (scripts/bootstrap.sh).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
export QT_QPA_PLATFORM := offscreen

.PHONY: help bootstrap test test-unit test-qgis test-qgis340 test-qgis344 lint format package translations demo bench clean

help:
	@echo "make demo          run TerriData on the embedded sample, results in demo-output/"
	@echo "make test          install what is missing, then run the whole test suite on QGIS 3.22"
	@echo "make test-qgis340  the same suite on QGIS 3.40 LTR in a Debian trixie chroot"
	@echo "make test-qgis344  the same suite on QGIS 3.44 in a Debian sid chroot"
	@echo "make lint          ruff check and format check"
	@echo "make package       build the installable plugin zip in dist/"
	@echo "make bench         benchmark the aggregation against QGIS's native algorithms"

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

lint: bootstrap
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: bootstrap
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

translations: bootstrap
	scripts/translations.sh compile

package: bootstrap
	scripts/package.sh

demo: bootstrap
	$(PY) scripts/demo.py

bench: bootstrap
	$(PY) scripts/bench_aggregation.py

clean:
	rm -rf .build dist demo-output .pytest_cache .ruff_cache
