"""TerriData in the Browser panel: the root and one child per dataset provider, datasets listed when a provider is
expanded (IGN's from the real MapServer WFS, data.gouv.fr's from its replay), layer items whose URI QGIS opens,
favourites listed without any request, licence credited to a layer added from an item."""

from __future__ import annotations

import pytest
from dock_services import configure, wait_for
from mapserver_wfs import mapserver  # noqa: F401 - fixture
from melodi_replay import MelodiReplay
from portal_replay import DataGouvReplay, OdsReplay


@pytest.fixture()
def services(qgis_app, httpserver, monkeypatch, mapserver):  # noqa: F811
    datagouv, ods, melodi = (
        DataGouvReplay(httpserver, total=3),
        OdsReplay(httpserver, total=2),
        MelodiReplay(httpserver),
    )
    configure(monkeypatch, httpserver, mapserver.url, datagouv.base, ods.base, melodi.base_url)
    return {"datagouv": datagouv, "mapserver": mapserver}


@pytest.fixture()
def item_provider(qgis_app):
    from qgis.core import QgsApplication

    from terridata.ui.browser_items import TerriDataItemProvider

    registry = QgsApplication.dataItemProviderRegistry()
    provider = TerriDataItemProvider()
    registry.addProvider(provider)
    yield provider
    registry.removeProvider(provider)


@pytest.fixture()
def browser(item_provider):
    """The Browser panel's model (what QGIS Desktop shows), and the TerriData root's index in it."""
    from qgis.core import QgsBrowserModel

    model = QgsBrowserModel()
    model.initialize()
    roots = [model.index(row, 0) for row in range(model.rowCount())]
    (root,) = [index for index in roots if model.data(index) == "TerriData"]
    yield model, root
    del model


def _expand(model, index, timeout_s=120.0) -> dict:
    """What a click on the item's arrow does: populate it (in the Browser's worker thread), wait, list its rows."""
    from qgis.core import QgsDataItem

    item = model.dataItem(index)
    if item.state() != QgsDataItem.Populated:
        model.fetchMore(index)
        assert wait_for(lambda: item.state() == QgsDataItem.Populated, timeout_s)
    rows = [model.index(row, 0, index) for row in range(model.rowCount(index))]
    return {model.data(row): row for row in rows}


def test_tree_built_in_the_browser_model(browser, services):
    from terridata.providers.registry import registry

    model, root = browser
    children = _expand(model, root)
    expected = ["Favourites"] + sorted(p.name or p.id for p in registry().providers())
    assert sorted(children) == sorted(expected)
    assert {"IGN Géoplateforme", "INSEE", "Open-data portals", "Hub'Eau", "OGC SensorThings API"} <= set(children)


def test_expanding_ign_lists_layers_that_open(browser, services):
    from qgis.core import QgsLayerItem, QgsVectorLayer

    model, root = browser
    layers = _expand(model, _expand(model, root)["IGN Géoplateforme"])
    assert "Communes (Lambert-93)" in layers, list(layers)
    item = model.dataItem(layers["Communes (Lambert-93)"])
    assert isinstance(item, QgsLayerItem) and item.providerKey() == "WFS"
    (uri,) = item.mimeUris()  # what a drag to the map carries
    assert uri.providerKey == "WFS" and uri.layerType == "vector"
    layer = QgsVectorLayer(uri.uri, uri.name, uri.providerKey)
    assert layer.isValid()
    assert layer.dataProvider().uri().param("typename") == "ms:commune_l93"
    assert layer.featureCount() == len(services["mapserver"].codes)


def test_expanding_a_portal_lists_its_datasets(browser, services):
    model, root = browser
    portals = _expand(model, _expand(model, root)["Open-data portals"])
    assert "data.gouv.fr" in portals
    datasets = _expand(model, portals["data.gouv.fr"])
    assert set(datasets) == {ds["title"] for ds in services["datagouv"].datasets.values()}
    # The listing asked the portal once, newest first, on expansion only.
    searches = [args for path, args in services["datagouv"].requests if path == "/api/1/datasets/"]
    assert len(searches) == 1 and searches[0]["sort"] == ["-last_update"]


def test_sensor_endpoints_each_listed(browser, services):
    from terridata.providers.sensors.endpoints import endpoints

    model, root = browser
    listed = _expand(model, _expand(model, root)["OGC SensorThings API"])
    assert set(listed) == {name for name, _ in endpoints()}


def test_favourites_listed_and_credited_when_added(browser, services, qgis_new_project):
    from qgis.core import QgsProject, QgsVectorLayer

    from terridata.providers.ign.catalogue import IgnProvider
    from terridata.providers.ign.curated import ATTRIBUTION, LICENCE
    from terridata.ui.browser_items import credit_added_layer
    from terridata.ui.catalogue_favourites import favourites

    model, root = browser
    favourite_index = _expand(model, root)["Favourites"]
    assert _expand(model, favourite_index) == {}
    dataset = next(d for d in IgnProvider().datasets() if d.id == "ms:commune")
    favourites().add(dataset)
    try:
        assert wait_for(lambda: model.rowCount(favourite_index) == 1)
        listed = _expand(model, favourite_index)
        (uri,) = model.dataItem(listed[dataset.title_in("en")]).mimeUris()
        layer = QgsVectorLayer(uri.uri, uri.name, uri.providerKey)
        assert layer.isValid()
        QgsProject.instance().addMapLayer(layer)  # a drop on the map: the plugin credits it (credit_added_layer)
        credit_added_layer(layer)
        assert layer.metadata().licenses()[0] == LICENCE and layer.metadata().rights()[0] == ATTRIBUTION
    finally:
        favourites().remove(dataset.key)
    assert wait_for(lambda: model.rowCount(favourite_index) == 0)
