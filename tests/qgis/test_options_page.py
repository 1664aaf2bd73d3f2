"""TerriData's page of QGIS's Options dialog: built from the settings, every setting shown with a label and a line
of help, edits saved through QgsSettings, rate limits in words, lists of portals and SensorThings services with a
"Test connection" run in a task against local servers (answering, failing), authentication stored as an id only,
the cache size with its Clear button; the plugin registers the page and its "Settings…" entry opens it."""

from __future__ import annotations

import json
import time
from dataclasses import fields

import pytest
from qgis.core import QgsApplication, QgsAuthMethodConfig
from qgis.PyQt.QtCore import QCoreApplication

from terridata.toolbelt.settings import PlgSettings, Settings

pytest_plugins = ["mapserver_wfs"]
TEST_MASTER_PASSWORD = "terridata-test-master-password"  # as test_network.py


@pytest.fixture()
def clean_settings(qgis_app, monkeypatch):
    for field in fields(Settings):
        monkeypatch.delenv(f"TERRIDATA_{field.name.upper()}", raising=False)
    PlgSettings.reset()
    yield
    PlgSettings.reset()


@pytest.fixture()
def page(qgis_iface, clean_settings):
    from terridata.ui.options_page import TerriDataOptionsFactory

    widget = TerriDataOptionsFactory().createWidget(None)
    yield widget
    for editor in widget.editors.values():
        if hasattr(editor, "connection_test"):
            editor.connection_test.cancel()
    wait_for(lambda: QgsApplication.taskManager().countActiveTasks() == 0, timeout=30)
    widget.deleteLater()


def wait_for(condition, timeout: float = 20.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def test_every_setting_has_an_editor_a_label_and_a_line_of_help(page):
    from qgis.PyQt.QtWidgets import QLabel

    from terridata.ui.options_page import FIELDS, NOT_ON_PAGE, SECTIONS

    names = {field.name for field in fields(Settings)} - set(NOT_ON_PAGE)
    assert set(page.editors) == names
    assert set(FIELDS) == names
    in_sections = [name for _, _, section in SECTIONS for name in section]
    assert sorted(in_sections) == sorted(names)  # each setting in exactly one section
    assert [group.title() for group in page.groups.values()] == [
        "Services",
        "Open-data portals",
        "Sensor endpoints",
        "Network and cache",
        "Privacy",
    ]
    for name, editor in page.editors.items():
        label = page.labels[name]
        assert isinstance(label, QLabel) and label.text() and label.text() != name, name
        assert label.parentWidget() is editor.parentWidget().parentWidget()  # in the same section
        assert "_" not in label.text(), name  # a sentence, never the raw key
        assert page.help_labels[name].text().endswith((".", ")")), name
    assert page.values() == Settings()  # the defaults are shown


def test_rate_limits_are_shown_in_words(page):
    from terridata.ui.options_page import rate_in_words

    assert rate_in_words("30/1") == "30 requests per second"
    assert rate_in_words("30/60") == "30 requests per minute"
    assert rate_in_words("1/3600") == "1 request per hour"
    assert rate_in_words("5/10") == "5 requests every 10 seconds"
    assert "Not a rate limit" in rate_in_words("fast")
    editor = page.editors["rate_insee_melodi"]
    assert editor.words.text() == "= 30 requests per minute"
    editor.count.setValue(12)
    editor.period.setCurrentIndex(editor.period.findData(1.0))
    assert editor.value() == "12/1" and editor.words.text() == "= 12 requests per second"
    editor.set_value("5/10")  # a period of its own is kept
    assert editor.value() == "5/10" and editor.words.text() == "= 5 requests every 10 seconds"


def test_edits_are_saved_on_apply_and_only_then(page):
    page.editors["ign_wfs_url"].setText("https://wfs.example.org/ows ")
    page.editors["max_retries"].setValue(7)
    page.editors["debug_mode"].setChecked(True)
    page.editors["rate_ign_wfs"].count.setValue(5)
    sensors = page.editors["sensorthings_endpoints"]
    sensors.add_row("Ma ville", "https://sta.example.org/v1.1")
    assert PlgSettings.get().max_retries == Settings().max_retries  # nothing saved before apply
    page.apply()
    saved = PlgSettings.get()
    assert saved.ign_wfs_url == "https://wfs.example.org/ows"
    assert (saved.max_retries, saved.debug_mode, saved.rate_ign_wfs) == (7, True, "5/1")
    assert saved.sensorthings_endpoints == "Ma ville|https://sta.example.org/v1.1"
    from terridata.providers.sensors.endpoints import endpoints

    assert endpoints()[0] == ("Ma ville", "https://sta.example.org/v1.1")  # what the algorithms read
    # Restore the defaults fills the form with them; saved only by apply.
    page.btn_defaults.click()
    assert page.values() == Settings()
    assert PlgSettings.get().max_retries == 7


def test_an_environment_override_is_not_copied_into_the_profile(qgis_iface, clean_settings, monkeypatch):
    from qgis.core import QgsSettings

    from terridata.ui.options_page import TerriDataOptionsPage

    monkeypatch.setenv("TERRIDATA_HUBEAU_URL", "http://127.0.0.1:1/api")
    widget = TerriDataOptionsPage()
    assert widget.editors["hubeau_url"].value() == "http://127.0.0.1:1/api"
    widget.editors["max_retries"].setValue(2)
    widget.apply()
    assert QgsSettings().value("terridata/hubeau_url") is None
    assert QgsSettings().value("terridata/max_retries", type=int) == 2


def test_presets_are_listed_in_grey_and_never_saved(page):
    from terridata.providers.portals.config import portals, presets

    table = page.editors["portals"]
    names = [table.text(row, table.NAME) for row in range(table.table.rowCount())]
    assert names == [p.name for p in presets()]
    assert all(table.is_preset(row) for row in range(table.table.rowCount()))
    table.table.selectRow(0)
    assert not table.btn_remove.isEnabled() and table.btn_test.isEnabled()
    table.add_row("Ma métropole", "https://data.example.org/api/explore/v2.1", kind="opendatasoft")
    assert table.btn_remove.isEnabled()
    page.apply()
    saved = json.loads(PlgSettings.get().portals)
    assert saved == [
        {"name": "Ma métropole", "kind": "opendatasoft", "url": "https://data.example.org/api/explore/v2.1"}
    ]
    assert [p.name for p in portals()][-1] == "Ma métropole"  # what the portal algorithms read


@pytest.fixture
def authcfg():
    manager = QgsApplication.authManager()
    if manager.isDisabled():
        pytest.skip(f"QGIS authentication system disabled: {manager.disabledMessage()}")
    if not manager.masterPasswordIsSet():
        assert manager.setMasterPassword(TEST_MASTER_PASSWORD, True)
    config = QgsAuthMethodConfig("Basic")
    config.setName("TerriData options page test")
    config.setConfig("username", "bob")
    config.setConfig("password", "s3cr3t-options-page")
    ok, config = manager.storeAuthenticationConfig(config)
    assert ok and config.id()
    yield config.id()
    manager.removeAuthenticationConfig(config.id())


def test_authentication_is_chosen_with_qgis_selector_and_stored_as_an_id(page, authcfg):
    from qgis.core import QgsSettings
    from qgis.gui import QgsAuthConfigSelect

    table = page.editors["portals"]
    row = table.add_row("CKAN privé", "https://ckan.example.org", kind="ckan")
    selector = table.table.cellWidget(row, table.AUTH)
    assert isinstance(selector, QgsAuthConfigSelect)
    selector.setConfigId(authcfg)
    page.apply()
    (entry,) = json.loads(PlgSettings.get().portals)
    assert entry == {"name": "CKAN privé", "kind": "ckan", "url": "https://ckan.example.org", "authcfg": authcfg}
    everything = " ".join(str(QgsSettings().value(key)) for key in QgsSettings().allKeys() if "terridata" in key)
    assert "s3cr3t-options-page" not in everything and "bob" not in everything
    # Shown again when the page is opened again.
    from terridata.ui.options_page import TerriDataOptionsPage

    again = TerriDataOptionsPage().editors["portals"]
    user_row = again.user_rows()[0]
    assert again.authcfg(user_row) == authcfg and again.kind(user_row) == "ckan"


def _sensorthings_root(base: str) -> dict:
    return {
        "value": [{"name": n, "url": f"{base}/{n}"} for n in ("Things", "Locations", "Datastreams", "Observations")],
        "serverSettings": {"conformance": ["http://www.opengis.net/spec/iot_sensing/1.1/req/datamodel"]},
    }


def test_test_connection_reports_success_and_failure(page, httpserver):
    base = httpserver.url_for("/sta/v1.1")
    httpserver.expect_request("/sta/v1.1").respond_with_json(_sensorthings_root(base))
    httpserver.expect_request("/broken/v1.1").respond_with_data("<html>gateway</html>", status=404)
    table = page.editors["sensorthings_endpoints"]
    results = []
    table.tested.connect(lambda text, ok: results.append((text, ok)))

    table.add_row("Local", base)
    table.btn_test.click()
    assert wait_for(lambda: results)
    text, ok = results.pop()
    assert ok and "Connection OK" in text and "4 entity sets" in text and "v1.1" in text
    assert table.status.text() == text

    table.add_row("Broken", httpserver.url_for("/broken/v1.1"))
    table.btn_test.click()
    assert wait_for(lambda: results)
    text, ok = results.pop()
    assert not ok and text.startswith("Connection failed") and "404" in text

    table.add_row("Not a URL", "ftp://example.org")
    table.btn_test.click()
    text, ok = results.pop()  # refused at once, no task
    assert not ok and "http://" in text


def test_portal_test_connection_uses_the_portal_client(page, httpserver):
    body = {"total_count": 42, "results": []}
    httpserver.expect_request("/api/explore/v2.1/catalog/datasets").respond_with_json(body)
    table = page.editors["portals"]
    results = []
    table.tested.connect(lambda text, ok: results.append((text, ok)))
    table.add_row("Locale", httpserver.url_for("/api/explore/v2.1"), kind="opendatasoft")
    table.btn_test.click()
    assert wait_for(lambda: results)
    text, ok = results.pop()
    assert ok and "42 datasets" in text
    (request, _), *_ = httpserver.log
    assert request.args.get("limit") == "1"


def test_wfs_endpoint_test_connection_against_a_real_mapserver(page, mapserver):
    from xml.etree import ElementTree

    from terridata.toolbelt.network import NetworkClient

    table = page.editors["extra_wfs_endpoints"]
    results = []
    table.tested.connect(lambda text, ok: results.append((text, ok)))
    table.add_row("MapServer", mapserver.url)
    table.btn_test.click()
    assert wait_for(lambda: results, timeout=60)
    text, ok = results.pop()
    # The number of layers, counted here from the capabilities MapServer sends.
    xml = NetworkClient("web").get(mapserver.url, params={"SERVICE": "WFS", "REQUEST": "GetCapabilities"}).content
    count = len(ElementTree.fromstring(xml).findall(".//{http://www.opengis.net/wfs/2.0}FeatureType"))
    assert ok and f"lists {count} layers" in text, text


def test_clear_cache_button_empties_the_cache(page):
    from terridata.toolbelt.http_cache import ResponseCache
    from terridata.toolbelt.network import Response

    cache = ResponseCache()
    cache.put("some-key", Response(status=200, headers={}, content=b'{"a": 1}' * 10_000, url="http://x/"))
    page.refresh_cache_size()
    assert page.lbl_cache_size.text() != "0.0 MB used"
    page.btn_clear_cache.click()
    assert ResponseCache().size_bytes() == 0
    assert page.lbl_cache_size.text() == "0.0 MB used"


def test_environment_overrides_settings(clean_settings, monkeypatch):
    PlgSettings.set_value("request_timeout_s", 12.5)
    assert PlgSettings.get().request_timeout_s == 12.5
    monkeypatch.setenv("TERRIDATA_REQUEST_TIMEOUT_S", "3")
    assert PlgSettings.get().request_timeout_s == 3.0
    monkeypatch.setenv("TERRIDATA_REQUEST_TIMEOUT_S", "not a number")
    assert PlgSettings.get().request_timeout_s == Settings().request_timeout_s
    with pytest.raises(KeyError, match="Unknown TerriData setting"):
        PlgSettings.set_value("api_key", "secret")  # there is no such setting: keys live in the auth database


def test_plugin_registers_the_page_and_settings_opens_it(qgis_iface, clean_settings):
    from unittest.mock import MagicMock

    from terridata import classFactory
    from terridata.ui.options_page import PAGE_NAME, TerriDataOptionsFactory

    qgis_iface.registerOptionsWidgetFactory = MagicMock()
    qgis_iface.unregisterOptionsWidgetFactory = MagicMock()
    qgis_iface.showOptionsDialog = MagicMock()
    plugin = classFactory(qgis_iface)
    try:
        plugin.initGui()
        (factory,), _ = qgis_iface.registerOptionsWidgetFactory.call_args
        assert isinstance(factory, TerriDataOptionsFactory)
        assert factory.title() == "TerriData" and not factory.icon().isNull()
        assert factory.createWidget(None).objectName() == PAGE_NAME
        settings_action = next(a for a in plugin.actions if a.text() == "Settings…")
        settings_action.trigger()
        args, kwargs = qgis_iface.showOptionsDialog.call_args
        assert kwargs.get("currentPage", args[1] if len(args) > 1 else None) == PAGE_NAME
    finally:
        plugin.unload()
        del qgis_iface.registerOptionsWidgetFactory, qgis_iface.showOptionsDialog
    (unregistered,), _ = qgis_iface.unregisterOptionsWidgetFactory.call_args
    assert unregistered is factory
    del qgis_iface.unregisterOptionsWidgetFactory


def test_page_in_french(qgis_iface, clean_settings):
    """Labels, help and rate-limit words come from the French catalogue (compiled by conftest)."""
    from pathlib import Path

    from qgis.PyQt.QtCore import QTranslator

    from terridata.ui.options_page import TerriDataOptionsPage

    translator = QTranslator()
    assert translator.load(str(Path(__file__).resolve().parents[2] / "i18n" / "terridata_fr.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        page = TerriDataOptionsPage()
        assert [group.title() for group in page.groups.values()] == [
            "Services",
            "Portails de données ouvertes",
            "Services de capteurs",
            "Réseau et cache",
            "Confidentialité",
        ]
        assert page.labels["request_timeout_s"].text() == "Délai d'attente d'une requête"
        assert page.editors["rate_insee_melodi"].words.text() == "= 30 requêtes par minute"
        assert page.editors["portals"].btn_test.text() == "Tester la connexion"
    finally:
        QCoreApplication.removeTranslator(translator)
