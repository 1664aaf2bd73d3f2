"""The settings dialog: its form follows the Settings dataclass, saves through QgsSettings, clears the cache."""

from dataclasses import fields

import pytest

from terridata.toolbelt.settings import PlgSettings, Settings


@pytest.fixture()
def clean_settings(qgis_app, monkeypatch):
    for field in fields(Settings):
        monkeypatch.delenv(f"TERRIDATA_{field.name.upper()}", raising=False)
    PlgSettings.reset()
    yield
    PlgSettings.reset()


def test_every_setting_has_an_editor_and_values_round_trip(qgis_iface, clean_settings):
    from qgis.PyQt.QtWidgets import QCheckBox, QDialogButtonBox, QLineEdit, QSpinBox

    from terridata.ui.dlg_settings import SettingsDialog

    dialog = SettingsDialog()
    assert set(dialog.editors) == {f.name for f in fields(Settings)}
    assert dialog.values() == Settings()  # defaults shown
    url = dialog.editors["ign_wfs_url"]
    assert isinstance(url, QLineEdit)
    url.setText("https://wfs.example.org/ows ")
    retries = dialog.editors["max_retries"]
    assert isinstance(retries, QSpinBox)
    retries.setValue(7)
    debug = dialog.editors["debug_mode"]
    assert isinstance(debug, QCheckBox)
    debug.setChecked(True)
    dialog.buttons.button(QDialogButtonBox.Ok).click()
    saved = PlgSettings.get()
    assert (saved.ign_wfs_url, saved.max_retries, saved.debug_mode) == ("https://wfs.example.org/ows", 7, True)
    # Restore defaults puts the defaults back in the form (saved only with OK).
    dialog = SettingsDialog()
    dialog.buttons.button(QDialogButtonBox.RestoreDefaults).click()
    assert dialog.values() == Settings()
    assert PlgSettings.get().max_retries == 7


def test_environment_overrides_settings(clean_settings, monkeypatch):
    PlgSettings.set_value("request_timeout_s", 12.5)
    assert PlgSettings.get().request_timeout_s == 12.5
    monkeypatch.setenv("TERRIDATA_REQUEST_TIMEOUT_S", "3")
    assert PlgSettings.get().request_timeout_s == 3.0
    monkeypatch.setenv("TERRIDATA_REQUEST_TIMEOUT_S", "not a number")
    assert PlgSettings.get().request_timeout_s == Settings().request_timeout_s
    with pytest.raises(KeyError, match="Unknown TerriData setting"):
        PlgSettings.set_value("api_key", "secret")  # there is no such setting: keys live in the auth database


def test_clear_cache_button_empties_the_cache(qgis_iface, clean_settings, tmp_path):
    from terridata.toolbelt.http_cache import ResponseCache
    from terridata.ui.dlg_settings import SettingsDialog

    cache = ResponseCache()
    cache.clear()
    cache.put("some-key", _response())
    assert cache.size_bytes() > 0
    dialog = SettingsDialog()
    assert dialog.lbl_cache.text() != ""
    dialog.btn_clear_cache.click()
    assert ResponseCache().size_bytes() == 0
    assert "0.0" in dialog.lbl_cache.text()


def _response():
    from terridata.toolbelt.network import Response

    return Response(status=200, headers={"content-type": "application/json"}, content=b'{"a": 1}', url="http://x/")


def test_every_setting_has_a_label_not_its_key():
    """The form shows a sentence for each setting (never a raw key such as "ign wfs url"), and no label is left
    for a setting that no longer exists."""
    from terridata.ui.dlg_settings import LABELS

    assert set(LABELS) == {field.name for field in fields(Settings)}
