"""TerriData's desktop entries, registered by the plugin's ``initGui`` and removed by its ``unload``: the catalogue
dock, the territory locator filter and the Browser panel's data item provider."""

from __future__ import annotations

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import Qt

from ..toolbelt.logger import PlgLogger


class DesktopEntries:
    def __init__(self, iface):
        self.iface = iface
        self.dock = None
        self.locator_filter = None
        self.item_provider = None
        self._add_dock()
        self._add_locator_filter()
        self._add_item_provider()
        QgsProject.instance().layerWasAdded.connect(self._credit_layer)

    def _add_dock(self) -> None:
        from .catalogue_dock import CatalogueDock

        self.dock = CatalogueDock(self.iface, self.iface.mainWindow())
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()

    def _add_locator_filter(self) -> None:
        from .territory_locator import TerritoryLocatorFilter

        self.locator_filter = TerritoryLocatorFilter(self.iface)
        self.iface.registerLocatorFilter(self.locator_filter)

    def _add_item_provider(self) -> None:
        from .browser_items import TerriDataItemProvider

        self.item_provider = TerriDataItemProvider()
        QgsApplication.dataItemProviderRegistry().addProvider(self.item_provider)

    @staticmethod
    def _credit_layer(layer) -> None:
        from .browser_items import credit_added_layer

        try:
            credit_added_layer(layer)
        except Exception as exc:  # noqa: BLE001 - a layer QGIS added stays added; say why it has no credit
            PlgLogger.log(str(exc), "warning")

    def toggle_dock(self) -> None:
        if self.dock is None:
            return
        if self.dock.isHidden():
            self.dock.show()
            self.dock.raise_()
        else:
            self.dock.hide()

    def unload(self) -> None:
        try:
            QgsProject.instance().layerWasAdded.disconnect(self._credit_layer)
        except TypeError:
            pass
        if self.dock is not None:
            self.dock.unload()
            self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
            self.dock = None
        if self.locator_filter is not None:
            self.iface.deregisterLocatorFilter(self.locator_filter)
            self.locator_filter = None
        if self.item_provider is not None:
            QgsApplication.dataItemProviderRegistry().removeProvider(self.item_provider)
            self.item_provider = None
