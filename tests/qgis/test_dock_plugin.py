"""The plugin registers its desktop entries (catalogue dock, territory locator filter, Browser data item provider)
in initGui and removes every one of them in unload."""

from __future__ import annotations

from qgis.PyQt import sip
from test_plugin_load import registry  # noqa: F401 - fixture: no TerriData Processing provider during the test


def test_dock_locator_and_browser_entries_registered_and_removed(qgis_iface, monkeypatch, registry):  # noqa: F811
    from qgis.core import QgsApplication
    from qgis.PyQt.QtCore import QCoreApplication, QEvent

    from terridata import classFactory
    from terridata.ui.catalogue_dock import CatalogueDock

    filters, docks = [], []
    monkeypatch.setattr(qgis_iface, "registerLocatorFilter", filters.append, raising=False)
    monkeypatch.setattr(qgis_iface, "deregisterLocatorFilter", filters.remove, raising=False)
    items = QgsApplication.dataItemProviderRegistry()

    plugin = classFactory(qgis_iface)
    plugin.initGui()
    try:
        dock = plugin.desktop.dock
        assert isinstance(dock, CatalogueDock) and dock.objectName() == "TerriDataCatalogueDock"
        docks.append(dock)
        assert dock.parent() is qgis_iface.mainWindow()
        assert [f.prefix() for f in filters] == ["ter"]
        assert items.provider("TerriData") is not None
        catalogue = next(a for a in plugin.actions if a.text() == "TerriData catalogue")
        assert dock.isHidden()
        catalogue.trigger()
        assert not dock.isHidden()
        catalogue.trigger()
        assert dock.isHidden()
    finally:
        plugin.unload()
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    assert filters == []
    assert items.provider("TerriData") is None
    assert sip.isdeleted(docks[0])
    assert plugin.desktop is None
