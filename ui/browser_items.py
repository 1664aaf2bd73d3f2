"""TerriData in QGIS's Browser panel: a "TerriData" root, one child per dataset provider of the registry, datasets
listed lazily when a provider (or a portal, for the open-data portals) is expanded, and the user's favourites.

Datasets that QGIS can open itself (WFS, WMS/WMTS, OGC API Features) are layer items: drag one onto the map, or
double-click it, and QGIS adds the layer through its own data provider; :func:`credit_added_layer` then writes the
dataset's licence and attribution into the layer metadata. Listing runs in the Browser's own worker threads (a
provider item is populated off the GUI thread), never on the GUI thread.
"""

from __future__ import annotations

import threading

from qgis.core import (
    QgsApplication,
    QgsDataCollectionItem,
    QgsDataItem,
    QgsDataItemProvider,
    QgsDataProvider,
    QgsErrorItem,
    QgsLayerItem,
)
from qgis.PyQt.QtGui import QIcon

from ..__about__ import __icon_path__
from ..providers.layer_metadata import SOURCE_PROPERTY, apply_source_metadata
from ..providers.model import Dataset
from ..providers.registry import registry
from ..toolbelt.i18n import interface_language, tr
from ..toolbelt.secrets import scrub_text
from .catalogue_actions import map_access
from .catalogue_favourites import favourites

ROOT_PATH = "terridata:"
PORTAL_DATASETS_LISTED = 50
_URI_DATASETS = {}  # layer URI of an item -> Dataset (to credit the layer QGIS adds from it)
_URI_LOCK = threading.Lock()


def _fast(item: QgsDataItem) -> None:
    """Children made without any request: populated on the GUI thread at once."""
    item.setCapabilities(item.capabilities2() | QgsDataItem.Fast)


def dataset_item(parent: QgsDataItem, dataset: Dataset, path: str) -> QgsDataItem:
    """A layer item for what QGIS opens itself, else a plain item describing the dataset (licence in its tooltip)."""
    lang = interface_language()
    name = dataset.title_in(lang)
    tooltip = "\n".join(x for x in (name, dataset.producer, dataset.licence, dataset.attribution, dataset.key) if x)
    access = map_access(dataset)
    if access is not None:
        uri = access.qgis_uri()
        kind = QgsLayerItem.Raster if access.kind.is_raster else QgsLayerItem.Vector
        item = QgsLayerItem(parent, name, path, uri, kind, access.qgis_provider)
        with _URI_LOCK:
            _URI_DATASETS[uri] = dataset
    else:
        item = QgsDataItem(QgsDataItem.Custom, parent, name, path)
        item.setState(QgsDataItem.Populated)
        item.setIcon(QgsApplication.getThemeIcon("/mIconTableLayer.svg"))
    item.setToolTip(tooltip)
    return item


def credit_added_layer(layer) -> bool:
    """Write licence and attribution into ``layer`` when it comes from a TerriData Browser item."""
    with _URI_LOCK:
        dataset = _URI_DATASETS.get(layer.source())
    if dataset is None or layer.customProperty(SOURCE_PROPERTY, ""):
        return False
    apply_source_metadata(layer, dataset, interface_language())
    return True


def _error_item(parent: QgsDataItem, exc: Exception) -> QgsErrorItem:
    return QgsErrorItem(parent, scrub_text(str(exc) or type(exc).__name__), parent.path() + "/error")


class DatasetsItem(QgsDataCollectionItem):
    """Lists the datasets of a dataset provider (or of one portal) when expanded."""

    def __init__(self, parent, name: str, path: str, lister, icon: str = "/mIconFolder.svg"):
        super().__init__(parent, name, path)
        self._lister = lister
        self.setIcon(QgsApplication.getThemeIcon(icon))

    def createChildren(self):  # noqa: N802
        try:
            datasets = self._lister()
        except Exception as exc:  # noqa: BLE001 - shown as an error item, like QGIS's own providers
            return [_error_item(self, exc)]
        lang = interface_language()
        datasets = sorted(datasets, key=lambda d: (not d.curated, d.title_in(lang).lower()))
        return [dataset_item(self, ds, f"{self.path()}/{ds.id}") for ds in datasets]


def _portal_lister(config):
    def lister():
        from ..providers.portals import client_for, registry_provider
        from ..providers.portals.base import SearchQuery

        query = SearchQuery(sort="updated", page_size=PORTAL_DATASETS_LISTED, max_results=PORTAL_DATASETS_LISTED)
        remembered = registry_provider()
        return [remembered.remember(info) for info in client_for(config).search(query)]

    return lister


class ProviderItem(QgsDataCollectionItem):
    """One dataset provider; the open-data portals provider has one child per configured portal."""

    def __init__(self, parent, provider):
        super().__init__(parent, tr(provider.name or provider.id), f"{ROOT_PATH}/{provider.id}")
        self.provider = provider
        self.setIcon(QgsApplication.getThemeIcon("/mIconFolder.svg"))
        if provider.id == "portals":
            _fast(self)

    def createChildren(self):  # noqa: N802
        if self.provider.id == "portals":
            from ..providers.portals.config import portals

            try:
                configs = portals()
            except Exception as exc:  # noqa: BLE001
                return [_error_item(self, exc)]
            return [
                DatasetsItem(self, c.name, f"{self.path()}/{c.name}", _portal_lister(c), "/mIconNetwork.svg")
                for c in configs
            ]
        try:
            datasets = self.provider.datasets()
        except Exception as exc:  # noqa: BLE001
            return [_error_item(self, exc)]
        lang = interface_language()
        datasets = sorted(datasets, key=lambda d: (not d.curated, d.title_in(lang).lower()))
        return [dataset_item(self, ds, f"{self.path()}/{ds.id}") for ds in datasets]


class FavouritesItem(QgsDataCollectionItem):
    """The user's favourite datasets (kept in the settings: listed without any request)."""

    def __init__(self, parent):
        super().__init__(parent, tr("Favourites"), f"{ROOT_PATH}/favourites")
        self.setIcon(QgsApplication.getThemeIcon("/mIconFavorites.svg"))
        _fast(self)
        favourites().changed.connect(self._favourites_changed)

    def _favourites_changed(self) -> None:
        try:
            self.refresh()
        except RuntimeError:  # the Browser deleted this item (refreshed its parent): nothing to update
            pass

    def createChildren(self):  # noqa: N802
        return [dataset_item(self, ds, f"{self.path()}/{ds.key}") for ds in favourites().datasets()]


class RootItem(QgsDataCollectionItem):
    def __init__(self, parent=None):
        super().__init__(parent, "TerriData", ROOT_PATH)
        self.setIcon(QIcon(str(__icon_path__)))
        _fast(self)

    def createChildren(self):  # noqa: N802
        children = [FavouritesItem(self)]
        children += [ProviderItem(self, provider) for provider in registry().providers()]
        return children


class TerriDataItemProvider(QgsDataItemProvider):
    """Registered in ``QgsApplication.dataItemProviderRegistry()`` by the plugin."""

    def name(self) -> str:
        return "TerriData"

    def capabilities(self):
        return QgsDataProvider.Net

    def createDataItem(self, path, parentItem):  # noqa: N802, N803
        if not path:
            return RootItem(parentItem)
        return None
