"""The layers ``ign_download`` and ``ign_basemap`` offer: the curated entries first (French and English titles), then
every layer of the Géoplateforme's capabilities (WFS for vector data; WMTS, then the WMS layers the WMTS lacks, for
basemaps).

The lists live in memory, per service URL of the settings, and are filled in two ways only:

- :func:`load_cached`: from the network layer's 24-hour cache, without any request (cheap enough for a parameter
  list, and what a headless ``qgis_process`` uses);
- :func:`refresh`: through the network layer (its cache first, a request when it is older than a day), which may
  wait for a server: called in a ``QgsTask`` (see ``ui/wdg_ign_layer_choice.py``) or inside an algorithm's run,
  never on the GUI thread.

:func:`choices` only reads memory: an algorithm's ``initAlgorithm`` calls it at any time (GUI thread included).
Choices are keyed by the layer name (WFS type name, WMTS/WMS layer), which stays stable across sessions and
languages; only the titles follow the interface language.
"""

from __future__ import annotations

import threading

from ...toolbelt.services import base_url
from ..model import Dataset
from .curated import curated_basemaps, curated_vector_datasets

VECTOR, BASEMAP = "vector", "basemap"

_lock = threading.Lock()
_loaded = {}  # (list kind, service kind, url) -> [Dataset] of the capabilities


def _sources(kind: str) -> list:
    """``[(service kind, url), ...]`` behind a list kind, from the settings."""
    if kind == VECTOR:
        return [("wfs", base_url("ign_wfs"))]
    if kind == BASEMAP:
        return [("wmts", base_url("ign_wmts")), ("wms", base_url("ign_wms_raster"))]
    raise ValueError(f"Unknown layer list {kind!r}: expected {VECTOR!r} or {BASEMAP!r}")


def curated(kind: str) -> list:
    if kind == VECTOR:
        return curated_vector_datasets(base_url("ign_wfs"))
    return curated_basemaps(base_url("ign_wmts"))


def is_loaded(kind: str) -> bool:
    """True when every capabilities document of ``kind`` is in memory."""
    with _lock:
        return all((kind, service, url) in _loaded for service, url in _sources(kind))


def choices(kind: str) -> list:
    """The curated datasets, then those of the capabilities in memory (sorted by title, each name once).

    Basemaps listed by the WMS only (not by the WMTS) have a WMS access: :func:`service_of` says which."""
    found = list(curated(kind))
    seen = {ds.id for ds in found}
    remote = []
    with _lock:
        for service, url in _sources(kind):
            for ds in _loaded.get((kind, service, url), ()):
                if ds.id not in seen:
                    seen.add(ds.id)
                    remote.append(ds)
    remote.sort(key=lambda ds: (ds.title_in("fr").casefold(), ds.id))
    return found + remote


def find(kind: str, name: str):
    """The dataset of ``choices(kind)`` called ``name``, or ``None``."""
    return next((ds for ds in choices(kind) if ds.id == name), None)


def service_of(dataset: Dataset) -> str:
    """``"wfs"``, ``"wmts"`` or ``"wms"``: the service of the dataset's first access."""
    access = dataset.access() if dataset.accesses else None
    return access.kind.value if access is not None else ""


def _store(kind: str, service: str, url: str, datasets) -> None:
    with _lock:
        _loaded[(kind, service, url)] = list(datasets)


def load_cached(kind: str) -> bool:
    """Fill the lists of ``kind`` from the network layer's cache (no request); True when all are in memory."""
    from .catalogue import IgnProvider

    provider = IgnProvider()
    for service, url in _sources(kind):
        with _lock:
            if (kind, service, url) in _loaded:
                continue
        try:
            datasets = provider.remote_datasets(service, url, cache_only=True)
        except ValueError:  # CapabilitiesError: an unreadable cached copy is left for refresh() to replace
            datasets = None
        if datasets is not None:
            _store(kind, service, url, datasets)
    return is_loaded(kind)


def refresh(kind: str, feedback=None) -> list:
    """Fill the lists of ``kind`` through the network layer (cache first); return the user-facing messages of the
    capabilities that could not be read (the others are still listed). May wait for a server: not on the GUI
    thread."""
    from ...toolbelt.network import NetworkError
    from .capabilities import CapabilitiesError
    from .catalogue import IgnProvider

    provider = IgnProvider()
    errors = []
    for service, url in _sources(kind):
        if feedback is not None and feedback.isCanceled():
            break
        try:
            _store(kind, service, url, provider.remote_datasets(service, url, feedback))
        except (NetworkError, CapabilitiesError) as exc:
            errors.append(str(exc))
    return errors


def forget() -> None:
    """Empty the lists (tests; a changed service URL is a new key anyway)."""
    with _lock:
        _loaded.clear()
