"""Open-data portals (data.gouv.fr, any Opendatasoft portal, any CKAN site) as a dataset provider family.

:func:`client_for` gives the client of a configured portal (:mod:`.config`); the clients share the abstraction of
:mod:`.base`; :mod:`.loader` turns a downloaded resource into a GeoPackage layer. ``create_provider`` registers the
family in the common dataset model (:mod:`providers.registry`): searched datasets are kept so that
``registry().dataset("portals:<portal>:<id>")`` finds them with their licence and attribution.
"""

from __future__ import annotations

from ...core.messages import QT_TR_NOOP
from ..model import Capability, Dataset, Provider
from .base import PortalClient, PortalConfig, PortalError, SearchQuery, to_model_dataset
from .ckan import CkanClient
from .config import get_portal, portals
from .datagouv import DataGouvClient
from .opendatasoft import OpendatasoftClient

PROVIDER_ID = "portals"
_CLIENTS = {"datagouv": DataGouvClient, "opendatasoft": OpendatasoftClient, "ckan": CkanClient}


def client_for(portal, feedback=None) -> PortalClient:
    """The client of ``portal`` (a :class:`PortalConfig`, or the name/URL of a configured portal)."""
    config = portal if isinstance(portal, PortalConfig) else get_portal(portal)
    return _CLIENTS[config.kind](config, feedback)


class PortalsProvider(Provider):
    """The open-data portals in the common dataset model. Its catalogue is what was searched or opened in this
    session (portals hold hundreds of thousands of datasets: they are searched with :func:`client_for`, never
    listed, and the registry's keyword search never sends requests to every portal behind the user's back)."""

    id = PROVIDER_ID  # noqa: A003
    name = QT_TR_NOOP("Open-data portals")  # shown translated by ui/ (tr(provider.name))
    capabilities = frozenset({Capability.SEARCH, Capability.DOWNLOAD})

    def __init__(self):
        self._known = {}

    def remember(self, info) -> Dataset:
        dataset = to_model_dataset(info, PROVIDER_ID)
        self._known[dataset.id] = dataset
        return dataset

    def datasets(self, feedback=None) -> list:
        return list(self._known.values())

    def dataset(self, dataset_id: str, feedback=None):
        if dataset_id in self._known:
            return self._known[dataset_id]
        portal_name, _, ident = dataset_id.rpartition(":")
        if not portal_name:
            return None
        try:
            return self.remember(client_for(portal_name, feedback).dataset(ident))
        except Exception:  # noqa: BLE001 - the model's lookup answers None for what it cannot find
            return None


def create_provider() -> PortalsProvider:
    return PortalsProvider()


__all__ = [
    "PortalError",
    "PortalsProvider",
    "SearchQuery",
    "client_for",
    "create_provider",
    "portals",
    "registry_provider",
]


def registry_provider() -> PortalsProvider:
    """The portals dataset provider registered in the common registry (datasets found are remembered there)."""
    from ..registry import get_provider

    return get_provider(PROVIDER_ID)
