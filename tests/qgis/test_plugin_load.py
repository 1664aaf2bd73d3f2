"""The plugin loads and unloads cleanly: with a (pytest-qgis) iface, headless (iface None, as under qgis_process),
and in French when QGIS runs in French."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtWidgets import QToolBar

REPO_ROOT = Path(__file__).resolve().parents[2]
_KEEP = []  # providers re-registered for the tests that run after these


@pytest.fixture
def registry(qgis_app):
    """The Processing registry without any TerriData provider during the test; restored afterwards."""
    registry = QgsApplication.processingRegistry()
    had_provider = registry.providerById("terridata") is not None
    if had_provider:
        registry.removeProvider("terridata")
    yield registry
    if had_provider and registry.providerById("terridata") is None:
        from terridata.processing.provider import TerriDataProvider

        provider = TerriDataProvider()
        _KEEP.append(provider)
        registry.addProvider(provider)


@pytest.fixture
def locale(qgis_app):
    """Set QGIS's user locale override for the test (as Settings > Options > General does); restored after."""
    settings = QgsSettings()
    keys = ("locale/overrideFlag", "locale/userLocale")
    saved = {key: settings.value(key) for key in keys}

    def set_locale(name: str) -> None:
        settings.setValue("locale/overrideFlag", True)
        settings.setValue("locale/userLocale", name)

    yield set_locale
    for key, value in saved.items():
        if value is None:
            settings.remove(key)
        else:
            settings.setValue(key, value)


def _expected_algorithms() -> set:
    from terridata.processing.provider import algorithm_classes

    return {f"terridata:{cls.NAME}" for cls in algorithm_classes()}


def test_init_gui_adds_menu_toolbar_and_provider_and_unload_removes_them(qgis_iface, registry, locale):
    from terridata import classFactory

    locale("en_US")
    calls_menu = []
    calls_unmenu = []
    # pytest-qgis' iface stub records nothing for plugin menus: record the calls the plugin makes.
    qgis_iface.addPluginToMenu = lambda name, action: calls_menu.append((name, action))
    qgis_iface.removePluginMenu = lambda name, action: calls_unmenu.append((name, action))
    try:
        plugin = classFactory(qgis_iface)
        assert registry.providerById("terridata") is None  # nothing happens before initGui/initProcessing
        plugin.initGui()

        provider = registry.providerById("terridata")
        assert provider is not None
        assert provider.name() == "TerriData"
        assert {alg.id() for alg in provider.algorithms()} == _expected_algorithms()

        # Menu: the algorithms, settings and about entries, all under the TerriData menu.
        assert [name for name, _ in calls_menu] == ["TerriData"] * len(calls_menu)
        texts = [action.text() for _, action in calls_menu]
        assert texts == ["TerriData algorithms…", "Settings…", "About TerriData…", "TerriData catalogue"]
        # Toolbar with the icon button.
        toolbars = [
            tb for tb in qgis_iface.mainWindow().findChildren(QToolBar) if tb.objectName() == "TerriDataToolbar"
        ]
        assert len(toolbars) == 1
        toolbar = toolbars[0]
        assert [action.text() for action in toolbar.actions()] == ["TerriData algorithms…", "TerriData catalogue"]
        assert not toolbar.actions()[0].icon().isNull()
        added_actions = [action for _, action in calls_menu]

        plugin.unload()
        QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)  # run the deleteLater() calls

        assert registry.providerById("terridata") is None
        assert [action for _, action in calls_unmenu] == added_actions
        assert sip.isdeleted(toolbar)
        assert not [
            tb for tb in qgis_iface.mainWindow().findChildren(QToolBar) if tb.objectName() == "TerriDataToolbar"
        ]
        assert all(sip.isdeleted(action) for action in added_actions)
        assert plugin.actions == [] and plugin.provider is None
    finally:
        del qgis_iface.addPluginToMenu
        del qgis_iface.removePluginMenu


def test_init_processing_without_iface_registers_the_provider(registry):
    from terridata import classFactory
    from terridata.__about__ import __version__

    plugin = classFactory(None)
    plugin.initProcessing()
    provider = registry.providerById("terridata")
    assert provider is not None
    assert provider.versionInfo() == __version__
    assert not provider.icon().isNull()
    assert {alg.id() for alg in provider.algorithms()} == _expected_algorithms()
    plugin.initProcessing()  # a second call adds nothing
    assert [p.id() for p in registry.providers()].count("terridata") == 1
    plugin.initGui()  # headless QGIS may call it: no GUI is made
    assert plugin.actions == [] and plugin.toolbar is None

    plugin.unload()
    assert registry.providerById("terridata") is None


def _french_messages() -> dict:
    """English source -> French translation of the TerriData context of i18n/terridata_fr.ts."""
    root = ET.parse(REPO_ROOT / "i18n" / "terridata_fr.ts").getroot()
    found = {}
    for context in root.iter("context"):
        if context.findtext("name") != "TerriData":
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") is None and translation.text:
                found[message.findtext("source")] = translation.text
    return found


def test_french_translation_loads_when_qgis_runs_in_french(registry, locale):
    from terridata import classFactory
    from terridata.toolbelt.i18n import tr

    assert (REPO_ROOT / "i18n" / "terridata_fr.qm").exists()  # compiled by tests/qgis/conftest.py
    french = _french_messages()
    assert len(french) >= 5
    assert tr("Settings…") == "Settings…"

    locale("fr_FR")
    plugin = classFactory(None)
    try:
        assert plugin.translator is not None
        translated = {source: tr(source) for source in french}
        assert translated == french
        assert tr("Settings…") != "Settings…"
        plugin.initProcessing()
        assert registry.providerById("terridata").longName().startswith(french["TerriData: French territorial data"])
    finally:
        plugin.unload()
    # Unloaded: English again.
    assert plugin.translator is None
    assert tr("Settings…") == "Settings…"


def test_no_translator_when_qgis_runs_in_english(registry, locale):
    from terridata import classFactory
    from terridata.toolbelt.i18n import tr

    locale("en_GB")
    plugin = classFactory(None)
    try:
        assert plugin.translator is None
        assert tr("Settings…") == "Settings…"
    finally:
        plugin.unload()


def test_french_catalogue_is_consistent_with_tr():
    """What scripts/translations.sh guarantees: strings of .py files are in tr()'s context without comment, and
    every translation keeps its source's ``str.format`` fields (a missing ``{}`` would break ``tr(msg, *args)``)."""
    import string

    formatter = string.Formatter()

    def fields(text):
        try:
            fields = formatter.parse(text)
            return sorted((name, spec or "", conv or "") for _, name, spec, conv in fields if name is not None)
        except ValueError:
            return None  # literal braces, never formatted

    root = ET.parse(REPO_ROOT / "i18n" / "terridata_fr.ts").getroot()
    checked = 0
    for context in root.iter("context"):
        for message in context.iter("message"):
            files = [loc.get("filename") for loc in message.iter("location")]
            source = message.findtext("source")
            if all(name.endswith(".py") for name in files):
                assert context.findtext("name") == "TerriData", (source, files)
                assert message.find("comment") is None, source
            translation = message.find("translation")
            if translation.get("type") is None and translation.text and fields(source) is not None:
                assert fields(translation.text) == fields(source), (source, translation.text)
                checked += 1
    assert checked >= 5


def test_a_broken_algorithm_module_is_logged_and_skipped(registry):
    """Issue 17.12: one module that fails to import (here a syntax error and a missing dependency) must not take the
    provider down; each is named in the "TerriData" log with its reason."""
    import sys

    from terridata.processing import algorithms
    from terridata.processing.provider import TerriDataProvider, algorithm_classes

    expected = {cls.NAME for cls in algorithm_classes()}
    folder = Path(algorithms.__path__[0])
    broken = {
        "zz_broken_syntax": "def oops(:\n",
        "zz_broken_import": "import terridata_dependency_that_does_not_exist\n",
    }
    messages = []

    def record(message, tag, level):
        messages.append((tag, message))

    QgsApplication.messageLog().messageReceived.connect(record)
    try:
        for name, text in broken.items():
            (folder / f"{name}.py").write_text(text, encoding="utf-8")
        provider = TerriDataProvider()
        registry.addProvider(provider)
        assert {alg.name() for alg in provider.algorithms()} == expected
        logged = [message for tag, message in messages if tag == "TerriData"]
        assert any("zz_broken_syntax" in m and "SyntaxError" in m for m in logged), logged
        assert any(
            "zz_broken_import" in m and "ModuleNotFoundError" in m and "terridata_dependency_that_does_not_exist" in m
            for m in logged
        ), logged
        registry.removeProvider(provider)
    finally:
        QgsApplication.messageLog().messageReceived.disconnect(record)
        for name in broken:
            (folder / f"{name}.py").unlink(missing_ok=True)
            sys.modules.pop(f"{algorithms.__name__}.{name}", None)
