"""Add to map for a portal resource: the dock runs portal_load as a task (QgsProcessingAlgRunnerTask) and adds its
layer with the dataset's licence and attribution; a dataset without a map form says to use Download…."""

from __future__ import annotations

import pytest
from dock_services import close_dock, configure, wait_for
from mapserver_wfs import mapserver  # noqa: F401 - fixture
from melodi_replay import MelodiReplay
from portal_replay import DataGouvReplay, OdsReplay, dg_dataset

CSV = "nom;latitude;longitude;code_insee\nMairie d'Évry;48,6244;2,4407;91228\nÉcole;48,7;2,3;91174\n"


@pytest.fixture()
def dock(qgis_iface, qgis_app, qgis_processing, terridata_provider, httpserver, monkeypatch, mapserver):  # noqa: F811
    from terridata.ui.catalogue_dock import CatalogueDock

    datagouv = DataGouvReplay(httpserver, total=0)
    body = CSV.encode("cp1252")
    url = httpserver.url_for("/files/mairies.csv")
    resource = {"id": "r1", "title": "mairies.csv", "format": "csv", "url": url, "extras": {}, "filesize": len(body)}
    dataset = dg_dataset(1, resources=[resource])
    dataset["title"] = "Mairies et écoles"
    datagouv.datasets["ds1"] = dataset
    httpserver.expect_request("/files/mairies.csv").respond_with_data(body, content_type="text/csv")
    ods, melodi = OdsReplay(httpserver, total=0), MelodiReplay(httpserver)
    configure(monkeypatch, httpserver, mapserver.url, datagouv.base, ods.base, melodi.base_url)
    monkeypatch.setenv("TERRIDATA_DATAGOUV_TABULAR_URL", httpserver.url_for("/tabular"))
    widget = CatalogueDock(qgis_iface)
    widget.show()
    yield widget
    close_dock(widget)


def _added_by(action):
    from qgis.core import QgsProject

    added = []
    QgsProject.instance().layerWasAdded.connect(added.append)
    try:
        action()
        return added
    finally:
        QgsProject.instance().layerWasAdded.disconnect(added.append)


def test_portal_resource_added_through_portal_load_task(dock, qgis_new_project):
    dock.set_query("mairies")
    assert wait_for(lambda: dock.query == "mairies" and not dock.is_searching())
    key = next(k for k, d in dock.datasets.items() if d.title_in("en") == "Mairies et écoles")
    dock.select_dataset(key)
    assert dock.ui.add_button.isEnabled()
    task_holder = []

    def add():
        task_holder.append(dock.add_selected_to_map())
        assert wait_for(lambda: dock.last_message, 180), dock.ui.status_label.text()

    added = _added_by(add)
    assert task_holder[0] is not None and task_holder[0].__class__.__name__ == "QgsProcessingAlgRunnerTask"
    assert added, dock.last_message
    layer = added[0]
    assert layer.name() == "Mairies et écoles" and layer.featureCount() == 2
    names = sorted(f["nom"] for f in layer.getFeatures())
    assert names == ["Mairie d'Évry", "École"]
    assert "Licence Ouverte 2.0" in layer.metadata().licenses()
    assert layer.metadata().rights()[0].startswith("Source : Commune d'Évry (data.gouv.fr)")


def test_statistics_are_not_added_directly(dock):
    dock.set_query("population")
    assert wait_for(lambda: dock.query == "population" and not dock.is_searching())
    key = next(k for k, d in dock.datasets.items() if d.provider_id == "insee")
    dock.select_dataset(key)
    assert dock.add_selected_to_map() is None
    assert "Download…" in dock.last_message
