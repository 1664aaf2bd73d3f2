"""The services behind the catalogue dock in its tests, all on 127.0.0.1: IGN's WFS is the real MapServer of
``mapserver_wfs.py``, its WMTS the Géoplateforme document replayed, INSEE Melodi, data.gouv.fr and Opendatasoft
replayed in their documented formats (``melodi_replay.py``, ``portal_replay.py``). The Opendatasoft presets are
pointed at the local replay (one of them at a server that answers HTTP 500), so no test reaches the Internet."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from werkzeug.wrappers import Response

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ign"
WMTS_XML = (FIXTURES / "wmts_capabilities.xml").read_text(encoding="utf-8")
BROKEN_PORTAL = "Paris (Opendatasoft)"


def configure(monkeypatch, httpserver, mapserver_url: str, datagouv_base: str, ods_base: str, melodi_base: str):
    """Point every service of the dock at the local servers (through the settings' environment overrides)."""
    from terridata.providers.ign.catalogue import clear_catalogue_cache
    from terridata.providers.portals.config import OPENDATASOFT_PRESETS

    prefix = f"/{uuid.uuid4().hex[:8]}"  # a fresh path per test: the disk cache must not answer another test's
    httpserver.expect_request(f"{prefix}/wmts").respond_with_handler(
        lambda request: Response(WMTS_XML, content_type="application/xml")
    )
    httpserver.expect_request(f"{prefix}/broken/catalog/datasets").respond_with_handler(
        lambda request: Response("Internal Server Error", status=500, content_type="text/plain")
    )
    monkeypatch.setenv("TERRIDATA_IGN_WFS_URL", mapserver_url)
    monkeypatch.setenv("TERRIDATA_IGN_WMTS_URL", httpserver.url_for(f"{prefix}/wmts"))
    monkeypatch.setenv("TERRIDATA_EXTRA_WFS_ENDPOINTS", "")
    monkeypatch.setenv("TERRIDATA_INSEE_MELODI_URL", melodi_base)
    monkeypatch.setenv("TERRIDATA_DATAGOUV_URL", datagouv_base)
    portals = [
        {
            "name": name,
            "kind": "opendatasoft",
            "url": httpserver.url_for(f"{prefix}/broken") if name == BROKEN_PORTAL else ods_base,
        }
        for name, _ in OPENDATASOFT_PRESETS
    ]
    monkeypatch.setenv("TERRIDATA_PORTALS", json.dumps(portals))
    monkeypatch.setenv("TERRIDATA_SENSORTHINGS_ENDPOINTS", "")
    for name in ("IGN_WFS", "IGN_WMTS", "INSEE_MELODI", "DATAGOUV", "OPENDATASOFT", "CKAN", "DEFAULT"):
        monkeypatch.setenv(f"TERRIDATA_RATE_{name}", "1000/1")
    monkeypatch.setenv("TERRIDATA_MAX_RETRIES", "0")
    monkeypatch.setenv("TERRIDATA_BACKOFF_BASE_S", "0.05")
    monkeypatch.setenv("TERRIDATA_CACHE_ENABLED", "false")
    from terridata.toolbelt.settings import PlgSettings

    PlgSettings.set_value("territory", "")
    PlgSettings.set_value("favourites", "")
    clear_catalogue_cache()


def wait_for(predicate, timeout_s: float = 300.0, step_ms: int = 20) -> bool:
    """Run the event loop until ``predicate()`` is true (or the timeout: then False)."""
    import time

    from qgis.PyQt.QtCore import QCoreApplication, QEventLoop, QThread

    end = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > end:
            return False
        QCoreApplication.processEvents(QEventLoop.AllEvents, step_ms)
        QThread.msleep(5)
    return True


def close_dock(widget) -> None:
    """Close a catalogue dock at the end of a test, then wait until none of its tasks (a search, a layer list
    filling a dialog, a layer being added) still runs: none may outlive the local servers it talks to."""
    from qgis.core import QgsApplication

    widget.unload()
    widget.deleteLater()
    assert wait_for(lambda: QgsApplication.taskManager().countActiveTasks() == 0, 180), "tasks still running"
