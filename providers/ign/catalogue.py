"""The IGN Géoplateforme dataset provider: curated entries plus the live WFS / WMTS / WMS catalogues.

Capabilities are fetched through the network layer (its disk cache keeps them a day: the WMTS document is over
2 MB) and parsed once per process; searching the parsed catalogue is a scan of precomputed, accent-free text, so
it is instant on hundreds of layers. The base URLs are settings (``ign_wfs_url``, ``ign_wmts_url``,
``ign_wms_raster_url``), and ``extra_wfs_endpoints`` adds regional platforms or mirrors (``name|url;name|url``).
"""

from __future__ import annotations

import hashlib
import threading

from ...toolbelt.i18n import tr
from ...toolbelt.services import base_url
from ...toolbelt.settings import PlgSettings
from ..model import Capability, Provider, search_datasets
from .capabilities import CapabilitiesError, parse_wfs_capabilities, parse_wms_capabilities, parse_wmts_capabilities
from .curated import ATTRIBUTION, LICENCE, LICENCE_URL, PROVIDER_ID, curated_basemaps, curated_vector_datasets

CAPABILITIES_TTL_S = 24 * 3600

_PARSERS = {
    "wfs": ("WFS", "2.0.0", parse_wfs_capabilities),
    "wmts": ("WMTS", "1.0.0", parse_wmts_capabilities),
    "wms": ("WMS", "1.3.0", parse_wms_capabilities),
}
_parsed_cache = {}  # (kind, url, sha1 of the XML) -> list of Dataset
_cache_lock = threading.Lock()


def parse_extra_endpoints(text: str) -> list:
    """``"Région A|https://a/wfs; https://b/wfs"`` -> ``[("Région A", "https://a/wfs"), ("b", "https://b/wfs")]``."""
    endpoints = []
    for item in (text or "").replace("\n", ";").split(";"):
        item = item.strip()
        if not item:
            continue
        name, sep, url = item.partition("|")
        if not sep:
            name, url = "", name
        url = url.strip()
        if not url.lower().startswith(("http://", "https://")):
            raise ValueError(tr("Invalid WFS endpoint {!r}: expected 'name|https://...'", item))
        endpoints.append((name.strip() or url.split("/")[2], url))
    return endpoints


def add_wfs_endpoint(name: str, url: str) -> None:
    """Add a regional platform or mirror (an IGN-compatible WFS 2.0) to the ``extra_wfs_endpoints`` setting."""
    current = parse_extra_endpoints(PlgSettings.get().extra_wfs_endpoints)
    parse_extra_endpoints(f"{name}|{url}")  # validates
    current = [(n, u) for n, u in current if u != url] + [(name, url)]
    PlgSettings.set_value("extra_wfs_endpoints", ";".join(f"{n}|{u}" for n, u in current))


class IgnProvider(Provider):
    id = PROVIDER_ID  # noqa: A003
    name = "IGN Géoplateforme"
    capabilities = frozenset(
        {Capability.CATALOGUE, Capability.SEARCH, Capability.ADD_TO_MAP, Capability.DOWNLOAD, Capability.GEOCODING}
    )
    default_licence = LICENCE
    default_licence_url = LICENCE_URL
    default_attribution = ATTRIBUTION

    def __init__(self):
        self.errors = []  # user-facing messages of the catalogues that could not be read
        self.warnings = []  # user-facing messages of what a catalogue lacked (its datasets are still listed)

    # --- URLs ---------------------------------------------------------------------------------------------------
    @staticmethod
    def wfs_url() -> str:
        return base_url("ign_wfs")

    @staticmethod
    def wmts_url() -> str:
        return base_url("ign_wmts")

    @staticmethod
    def wms_url() -> str:
        return base_url("ign_wms_raster")

    def wfs_endpoints(self) -> list:
        """``[(name, url), ...]``: the Géoplateforme WFS first, then the extra endpoints of the settings."""
        return [("IGN Géoplateforme", self.wfs_url())] + parse_extra_endpoints(PlgSettings.get().extra_wfs_endpoints)

    # --- catalogue ----------------------------------------------------------------------------------------------
    def curated(self) -> list:
        return curated_vector_datasets(self.wfs_url()) + curated_basemaps(self.wmts_url())

    @staticmethod
    def _capabilities_params(kind: str) -> dict:
        service_name, version, _ = _PARSERS[kind]
        return {"SERVICE": service_name, "VERSION": version, "REQUEST": "GetCapabilities"}

    def fetch_capabilities(self, kind: str, url: str, feedback=None) -> bytes:
        from ...toolbelt.network import NetworkClient

        service_id = {"wfs": "ign_wfs", "wmts": "ign_wmts", "wms": "ign_wms_raster"}[kind]
        client = NetworkClient(service_id, feedback=feedback)
        return client.get(url, params=self._capabilities_params(kind), cache_ttl=CAPABILITIES_TTL_S).content

    def cached_capabilities(self, kind: str, url: str):
        """The capabilities the network layer cached less than a day ago (the same entry :meth:`fetch_capabilities`
        reads), or ``None``; never a request (safe wherever waiting for a server is not)."""
        from ...toolbelt.http_cache import ResponseCache, make_key
        from ...toolbelt.network import build_url

        if not PlgSettings.get().cache_enabled:
            return None
        key = make_key("GET", build_url(url, params=self._capabilities_params(kind)), b"", None)
        hit = ResponseCache().get(key, CAPABILITIES_TTL_S)
        return hit.content if hit is not None and 200 <= hit.status < 300 else None

    def remote_datasets(self, kind: str, url: str, feedback=None, prefix: str = "", cache_only: bool = False):
        """The datasets of one capabilities document (parsed once per process for the same XML); with
        ``cache_only``, ``None`` when the network layer has no fresh copy (nothing is requested)."""
        xml = self.cached_capabilities(kind, url) if cache_only else self.fetch_capabilities(kind, url, feedback)
        if xml is None:
            return None
        key = (kind, url, hashlib.sha1(xml).hexdigest())
        with _cache_lock:
            cached = _parsed_cache.get(key)
        if cached is None:
            service_id = {"wfs": "ign_wfs", "wmts": "ign_wmts", "wms": "ign_wms_raster"}[kind]
            cached = _PARSERS[kind][2](xml, url, service_id)
            if prefix:
                for ds in cached:
                    ds.id = f"{prefix}/{ds.id}"
            with _cache_lock:
                _parsed_cache[key] = cached
        return cached

    def datasets(self, feedback=None, kinds=("wfs", "wmts"), remote: bool = True) -> list:
        """Curated entries completed by the live catalogues; a catalogue that cannot be read is reported in
        :attr:`errors` and the others are still listed."""
        from ...toolbelt.network import NetworkError

        self.errors = []
        self.warnings = []
        by_id = {ds.id: ds for ds in self.curated()}
        if remote:
            sources = []
            if "wfs" in kinds:
                sources += [("wfs", url, "" if i == 0 else name) for i, (name, url) in enumerate(self.wfs_endpoints())]
            if "wmts" in kinds:
                sources.append(("wmts", self.wmts_url(), ""))
            if "wms" in kinds:
                sources.append(("wms", self.wms_url(), ""))
            for kind, url, prefix in sources:
                if feedback is not None and feedback.isCanceled():
                    break
                try:
                    found = self.remote_datasets(kind, url, feedback, prefix)
                except (NetworkError, CapabilitiesError) as exc:
                    self.errors.append(str(exc))
                    continue
                self.warnings.extend(getattr(found, "warnings", ()))
                for ds in found:
                    if ds.id in by_id:
                        by_id[ds.id] = by_id[ds.id].merged_with(ds)
                    else:
                        by_id[ds.id] = ds
        return list(by_id.values())

    def search(self, query: str, feedback=None, limit: int = 0, remote: bool = True) -> list:
        return search_datasets(self.datasets(feedback, remote=remote), query, limit=limit)


def clear_catalogue_cache() -> None:
    with _cache_lock:
        _parsed_cache.clear()


def create_provider() -> IgnProvider:
    return IgnProvider()


__all__ = ["IgnProvider", "add_wfs_endpoint", "clear_catalogue_cache", "create_provider", "parse_extra_endpoints"]
