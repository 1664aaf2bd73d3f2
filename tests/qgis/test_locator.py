"""The territory locator filter: "Évry" finds 91228 Évry-Courcouronnes (the commune of the 2019 merge, still in the
COG 2024 and later) and zooms the map to its boundary, fetched from a real WFS (MapServer publishing the Essonne's
communes) in a task, then from the session cache."""

from __future__ import annotations

import mapserver_wfs
import pytest
from dock_services import wait_for


@pytest.fixture(scope="module")
def essonne_wfs(tmp_path_factory, shared_data):
    server = mapserver_wfs.MapServer(tmp_path_factory.mktemp("essonne"), shared_data, departements=("91",))
    yield server
    server.stop()


@pytest.fixture()
def locator(qgis_iface, essonne_wfs, monkeypatch):
    from terridata.providers.ign import curated
    from terridata.ui.territory_locator import TerritoryLocatorFilter, clear_bounds_cache

    # The test server publishes ADMIN EXPRESS's communes as "commune" (code_insee), not under the IGN's name.
    monkeypatch.setitem(
        curated.TERRITORY_LEVELS,
        "commune",
        curated.TerritoryLevel("commune", "commune", "code_insee", curated.TERRITORY_LEVELS["commune"].label),
    )
    monkeypatch.setenv("TERRIDATA_IGN_WFS_URL", essonne_wfs.url)
    monkeypatch.setenv("TERRIDATA_RATE_IGN_WFS", "1000/1")
    monkeypatch.setenv("TERRIDATA_CACHE_ENABLED", "false")
    clear_bounds_cache()
    yield TerritoryLocatorFilter(qgis_iface)
    clear_bounds_cache()


def test_prefix_and_description(locator):
    assert locator.prefix() == "ter"
    assert "ter" in locator.description() and locator.displayName() == "TerriData territories"


def test_evry_is_found_and_the_map_zooms_to_it(locator, essonne_wfs, qgis_iface):
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsFeedback,
        QgsLocatorContext,
        QgsProject,
        QgsRectangle,
    )

    fetched = []
    locator.resultFetched.connect(fetched.append)
    locator.fetchResults("Évry", QgsLocatorContext(), QgsFeedback())
    texts = [r.displayString for r in fetched]
    assert any(t.startswith("Évry-Courcouronnes (commune 91228") for t in texts), texts

    canvas = qgis_iface.mapCanvas()
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
    result = next(r for r in fetched if "91228" in r.displayString)
    before = len(essonne_wfs.log)
    done = []
    task = locator.zoom_to("commune", "91228", done.append)
    assert task is not None  # the boundary comes from a task, not from the GUI thread
    locator.triggerResult(result)  # the same territory again while the first fetch runs: its own task
    assert wait_for(lambda: done), locator.last_error
    assert done[0] is not None, locator.last_error

    # Expected: the envelope of 91228 in the data the server publishes, read with OGR, reprojected by QGIS.
    xmin, ymin, xmax, ymax = essonne_wfs.envelope("commune", "91228")
    expected = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"), QgsCoordinateReferenceSystem("EPSG:3857"), QgsProject.instance()
    ).transformBoundingBox(QgsRectangle(xmin, ymin, xmax, ymax))
    extent = canvas.extent()
    assert extent.contains(expected)
    # The map shows the commune, not the département: it fills the canvas in one direction at least (the other
    # follows the canvas's shape).
    assert extent.width() < expected.width() * 1.5 or extent.height() < expected.height() * 1.5
    assert len(essonne_wfs.log) > before

    # The boundary is cached for the session: zooming again asks nothing.
    wait_for(lambda: not locator.tasks)
    asked = len(essonne_wfs.log)
    again = []
    assert locator.zoom_to("commune", "91228", again.append) is None and again and again[0] is not None
    assert len(essonne_wfs.log) == asked


def test_unknown_boundary_is_reported(locator, qgis_iface):
    done = []
    locator.zoom_to("commune", "89162", done.append)  # Évry (Yonne): not published by the test server
    assert wait_for(lambda: done)
    assert done[0] is None and "89162" in locator.last_error
