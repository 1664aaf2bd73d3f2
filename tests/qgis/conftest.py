"""Fixtures shared by the QGIS tests (pytest-qgis gives the QGIS application, iface and Processing).

- ``terridata_provider``: TerriData's Processing provider, registered once per session (also usable with
  ``processing.run("terridata:<name>", ...)`` once the ``qgis_processing`` fixture has run).
- ``qgis_process_profile``: the throw-away QGIS profile in which ``qgis_process.bin`` sees TerriData
  (see ``qgis_process_helper.py``, importable as ``from qgis_process_helper import run_qgis_process``).
- The French translation ``i18n/terridata_fr.qm`` is compiled (scripts/translations.sh compile) when it is
  missing or older than its ``.ts``: the .qm is a build product, never committed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))  # qgis_process_helper, importable by every QGIS test


def compile_translations() -> None:
    """Compile i18n/*.ts into .qm when a .qm is missing or older than its .ts."""
    stale = [
        ts
        for ts in (REPO_ROOT / "i18n").glob("*.ts")
        if not ts.with_suffix(".qm").exists() or ts.with_suffix(".qm").stat().st_mtime < ts.stat().st_mtime
    ]
    if stale:
        done = subprocess.run(
            ["bash", str(REPO_ROOT / "scripts" / "translations.sh"), "compile"],
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
        )
        if done.returncode != 0:
            raise RuntimeError(f"scripts/translations.sh compile failed:\n{done.stdout}\n{done.stderr}")


compile_translations()

from french_reports import french  # noqa: E402, F401  (fixture: QGIS in French, TerriData loaded as QGIS loads it)


@pytest.fixture(scope="session", autouse=True)
def _release_qgis_objects_before_exit(qgis_app):
    """Delete every layer and Python-held QGIS object while QGIS still runs.

    pytest-qgis calls ``exitQgis()`` when the session ends; a layer (or renderer, or layout) that Python frees
    after that crashes the interpreter at exit, turning a green run into exit code 139.
    """
    yield
    import gc

    from qgis.core import QgsProject

    QgsProject.instance().removeAllMapLayers()
    QgsProject.instance().clear()
    gc.collect()


@pytest.fixture(scope="session", autouse=True)
def _iface_with_a_layer_tree_view(qgis_iface):
    """Give pytest-qgis's iface a real layer tree view, as QGIS Desktop has.

    From QGIS 3.44, Processing's result handling (``processing.runAndLoadResults``) passes
    ``iface.layerTreeView()`` to C++; pytest-qgis's iface answers a MagicMock there, which C++ refuses.
    """
    from qgis.core import QgsLayerTreeModel, QgsProject
    from qgis.gui import QgsLayerTreeView

    held = {"model": QgsLayerTreeModel(QgsProject.instance().layerTreeRoot()), "view": QgsLayerTreeView()}
    held["view"].setModel(held["model"])
    original = qgis_iface.layerTreeView
    qgis_iface.layerTreeView = lambda: held["view"]
    yield
    qgis_iface.layerTreeView = original
    held["view"].setModel(None)
    held.clear()  # freed while QGIS still runs


def pytest_sessionfinish(session, exitstatus):
    session.config._terridata_exit_status = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    """End the process with pytest's own exit status once everything is reported, without Python's finalisation.

    pytest-qgis calls ``exitQgis()`` when the session ends; a QGIS object that Python frees after that (a layer
    still referenced from a traceback or a cache, freed in whatever order the interpreter's finalisation chooses)
    crashes the interpreter, turning a green run into exit code 139 at random. Nothing is left to do at that point.
    """
    status = getattr(config, "_terridata_exit_status", None)
    if status is None:
        return
    import os

    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


_REGISTERED = []  # Python references to the providers this fixture registered


@pytest.fixture
def terridata_provider(qgis_app):
    """TerriData's Processing provider as registered in QGIS's registry (registered on first use, then reused
    for the rest of the session). Looked up for every test, so a test that unloads the plugin (which deletes
    the registered provider) cannot leave a deleted object to the tests after it."""
    from qgis.core import QgsApplication

    from terridata.processing.provider import TerriDataProvider

    registry = QgsApplication.processingRegistry()
    provider = registry.providerById("terridata")
    if provider is None:
        provider = TerriDataProvider()
        assert registry.addProvider(provider), "QGIS refused to register the TerriData provider"
        _REGISTERED.append(provider)
    return provider


@pytest.fixture(scope="session")
def qgis_process_profile() -> Path:
    """Throw-away QGIS configuration folder with TerriData installed and enabled (one per session)."""
    from qgis_process_helper import session_profile

    return session_profile()
