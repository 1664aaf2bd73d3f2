"""The catalogue dock against local servers: a typed query lists every provider's answers in order with their
fields, Add to map makes a WFS layer credited with its licence, the territory reaches the portal's request, a failing
portal shows its reason while the others list."""

from __future__ import annotations

import pytest
from dock_services import BROKEN_PORTAL, close_dock, configure, wait_for
from mapserver_wfs import mapserver  # noqa: F401 - fixture
from melodi_replay import MelodiReplay
from portal_replay import DataGouvReplay, OdsReplay, dg_dataset


@pytest.fixture()
def services(qgis_app, qgis_processing, terridata_provider, httpserver, monkeypatch, mapserver):  # noqa: F811
    datagouv = DataGouvReplay(httpserver, total=0)
    for i, title in ((1, "Communes nouvelles de l'Essonne"), (2, "Défibrillateurs"), (3, "Communes fusionnées")):
        ds = dg_dataset(i)
        ds["title"] = title
        datagouv.datasets[ds["id"]] = ds
    ods = OdsReplay(httpserver, total=2)
    melodi = MelodiReplay(httpserver)
    configure(monkeypatch, httpserver, mapserver.url, datagouv.base, ods.base, melodi.base_url)
    return {"datagouv": datagouv, "ods": ods, "melodi": melodi, "mapserver": mapserver}


@pytest.fixture()
def dock(qgis_iface, services):
    from terridata.ui.catalogue_dock import CatalogueDock

    widget = CatalogueDock(qgis_iface)
    widget.show()
    yield widget
    close_dock(widget)


def _search(dock, text):
    dock.set_query(text)
    assert dock.debounce.isActive()  # debounced: nothing sent at the first key
    assert wait_for(lambda: dock.query == text and not dock.is_searching()), dock.ui.status_label.text()


def test_query_lists_every_provider_in_order_with_fields(dock, services):
    _search(dock, "communes")
    rows = dock.result_rows()
    providers = [r[0] for r in rows]
    # Grouped by source, in the registry's order (IGN, INSEE, then each portal), failing portal shown inline.
    order = [s.label for s in dock.search.sources()]
    firsts = list(dict.fromkeys(providers))
    assert firsts == [p for p in order if p in firsts]
    assert "IGN Géoplateforme" in firsts and "INSEE" in firsts and "data.gouv.fr" in firsts

    by_title = {r[1]: r for r in rows}
    # The MapServer's own layers (its capabilities: titles "Communes" and "Communes (Lambert-93)").
    assert by_title["Communes (Lambert-93)"][0] == "IGN Géoplateforme"
    assert by_title["Communes (Lambert-93)"][5] == "WFS"
    # data.gouv.fr: the two datasets whose title has the word (the replay filters like the real API), in its order.
    dg_rows = [r for r in rows if r[0] == "data.gouv.fr"]
    assert [r[1] for r in dg_rows] == ["Communes nouvelles de l'Essonne", "Communes fusionnées"]
    first = dg_rows[0]
    assert first[2] == "Commune d'Évry"  # producer
    assert "Licence Ouverte" in first[3] or "lov2" in first[3]
    assert first[4] == "2024-03-02"  # last_update of dataset 1 (replay: day (1 % 28) + 1)
    assert first[5] == "csv"
    # INSEE: the catalogue's datasets whose text mentions communes.
    insee = [r[1] for r in rows if r[0] == "INSEE"]
    assert any("population" in t.lower() for t in insee)
    # The broken portal: its reason inline, the other portals still list.
    broken = [r for r in rows if r[0] == BROKEN_PORTAL]
    assert len(broken) == 1 and broken[0][1].startswith("⚠") and "500" in broken[0][1]
    assert any(r[0] == "Nantes Métropole (Opendatasoft)" and r[1].startswith("Défibrillateurs") for r in rows)


def test_search_is_cached_for_the_session(dock, services):
    _search(dock, "communes")
    sent = len(services["datagouv"].requests)
    first = dock.result_rows()
    _search(dock, "défibrillateurs")
    _search(dock, "communes")
    assert dock.result_rows() == first
    assert len([r for r in services["datagouv"].requests[sent:] if "communes" in str(r)]) == 0


def test_filters_by_provider_and_kind(dock, services):
    _search(dock, "communes")
    ui = dock.ui
    ui.kind_combo.setCurrentIndex(ui.kind_combo.findData("statistics"))
    rows = dock.result_rows()
    assert rows and all(r[0] == "INSEE" or r[1].startswith("⚠") for r in rows)
    ui.kind_combo.setCurrentIndex(0)
    ui.provider_combo.setCurrentIndex(ui.provider_combo.findData("ign"))
    rows = [r for r in dock.result_rows() if not r[1].startswith("⚠")]
    assert rows and {r[0] for r in rows} == {"IGN Géoplateforme"}


def test_detail_pane_and_add_to_map_wfs(dock, services, qgis_new_project):
    from qgis.core import QgsProject

    from terridata.providers.ign.curated import ATTRIBUTION, LICENCE

    _search(dock, "communes")
    ds = next(d for d in dock.datasets.values() if d.title_in("en") == "Communes (Lambert-93)")
    assert dock.select_dataset(ds.key)
    detail = dock.ui.detail_browser.toPlainText()
    assert LICENCE in detail and "ms:commune_l93" in detail and services["mapserver"].url in detail
    assert "longitude" in detail  # the extent as text

    added = []
    QgsProject.instance().layerWasAdded.connect(added.append)
    try:
        dock.add_selected_to_map()
        assert wait_for(lambda: added or dock.last_message), dock.ui.status_label.text()
    finally:
        QgsProject.instance().layerWasAdded.disconnect(added.append)
    assert added, dock.last_message
    layer = added[0]
    assert layer.providerType() == "WFS" and layer.isValid()
    uri = layer.dataProvider().uri()
    assert uri.param("typename") == "ms:commune_l93"
    assert uri.param("url") == services["mapserver"].url
    assert layer.metadata().licenses()[0] == LICENCE
    assert layer.metadata().rights()[0] == ATTRIBUTION
    assert layer.featureCount() == len(services["mapserver"].codes)  # the server's communes, counted by it
    QgsProject.instance().removeMapLayer(layer.id())  # its provider must not outlive this test's servers


def test_territory_reaches_the_portal_request(dock, services):
    from terridata.core.cog.search import default_index
    from terridata.toolbelt.settings import PlgSettings

    match = next(m for m in default_index().search("Évry", limit=0) if m.code == "91228")
    dock.picker.choose(match)
    assert PlgSettings.get().territory == "commune:91228"
    assert dock.ui.territory_check.isChecked()
    _search(dock, "communes")
    searches = [args for path, args in services["datagouv"].requests if path == "/api/1/datasets/"]
    assert searches[-1].get("geozone") == ["fr:commune:91228"]
    # The other portals get it their way (Opendatasoft: a refine/where on the territory's name).
    ods = [args for path, args in services["ods"].requests if path.endswith("/catalog/datasets")]
    assert ods and any("Évry-Courcouronnes" in str(args) or "91228" in str(args) for args in ods)
    # Without "Only my territory", no geozone.
    dock.ui.territory_check.setChecked(False)
    assert wait_for(lambda: not dock.is_searching())
    searches = [args for path, args in services["datagouv"].requests if path == "/api/1/datasets/"]
    assert "geozone" not in searches[-1]


def test_download_dialog_prefilled_and_qgis_process_command(dock, services, qgis_iface, monkeypatch):
    from qgis.gui import QgsBrowserGuiModel
    from qgis.PyQt.QtWidgets import QApplication

    from terridata.core.cog.search import default_index

    dock.picker.choose(default_index().get("departement", "91"))
    _search(dock, "communes")
    ds = next(d for d in dock.datasets.values() if d.title_in("en") == "Communes (Lambert-93)")
    dock.select_dataset(ds.key)
    command = dock.copy_selected_command()
    assert QApplication.clipboard().text() == command
    assert command.startswith("qgis_process run terridata:ign_download -- ")
    assert "TYPENAME=ms:commune_l93" in command and "TERRITORY_CODE=91" in command and "TERRITORY_LEVEL=2" in command
    # Processing's dialog asks QGIS Desktop for its Browser model: pytest-qgis's iface has none, give it one.
    browser_model = QgsBrowserGuiModel()
    monkeypatch.setattr(qgis_iface, "browserModel", lambda: browser_model, raising=False)
    dialog = dock.download_selected()
    try:
        assert dialog is not None and dialog.algorithm().id() == "terridata:ign_download"
        params = dialog.mainWidget().createProcessingParameters()
        assert params["TYPENAME"] == "ms:commune_l93"
        assert params["TERRITORY_CODE"] == "91" and params["TERRITORY_LEVEL"] == 2
    finally:
        dialog.close()
        dialog.deleteLater()


def test_territory_picker_completes_names_and_stores_the_choice(dock):
    from terridata.toolbelt.settings import PlgSettings

    edit = dock.ui.territory_edit
    edit.setText("st denis")
    edit.textEdited.emit("st denis")
    offered = dock.picker.model.stringList()
    assert "Saint-Denis (commune 93066, 93)" in offered
    dock.picker.completer.activated[str].emit("Saint-Denis (commune 93066, 93)")  # noqa: QGS405
    assert PlgSettings.get().territory == "commune:93066"
    assert dock.territory().name == "Saint-Denis" and dock.ui.territory_check.isChecked()
    edit.clear()  # clearing the field forgets the territory
    assert PlgSettings.get().territory == "" and dock.territory() is None
    assert not dock.ui.territory_check.isEnabled()


def test_favourite_toggled_from_the_dock(dock, services):
    from terridata.ui.catalogue_favourites import favourites

    _search(dock, "communes")
    ds = next(d for d in dock.datasets.values() if d.title_in("en") == "Communes (Lambert-93)")
    dock.select_dataset(ds.key)
    assert not dock.ui.favourite_button.isChecked()
    dock.ui.favourite_button.click()
    assert ds.key in favourites().keys()
    stored = next(d for d in favourites().datasets() if d.key == ds.key)
    assert stored.access().qgis_uri() == ds.access().qgis_uri() and stored.licence == ds.licence
    dock.ui.favourite_button.click()
    assert ds.key not in favourites().keys()
