"""The common dataset model shared by every TerriData provider (IGN, INSEE, open-data portals, sensors).

A :class:`Provider` publishes :class:`Dataset` descriptions. A dataset says what it is (titles in French and
English, description, keywords, producer, update date, spatial extent), under which licence and with which
attribution it may be used, and how it can be used: the :class:`Access` list (add it to the map through a QGIS
data provider: WFS, WMS/WMTS, OGC API Features, ...; or download it to a GeoPackage).

This module imports no ``qgis``: it is plain data plus text helpers, tested in ``tests/unit``. The QGIS side of
metadata (licence and attribution written into ``QgsLayerMetadata``) is in :mod:`.layer_metadata`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Iterable
from urllib.parse import quote


class Capability(str, Enum):
    """What a provider can do (a provider lists the ones it supports)."""

    CATALOGUE = "catalogue"  # lists its datasets
    SEARCH = "search"  # keyword search over its catalogue
    ADD_TO_MAP = "add_to_map"  # datasets can be added as QGIS layers (WFS, WMS, ...)
    DOWNLOAD = "download"  # datasets can be downloaded to a GeoPackage / table
    GEOCODING = "geocoding"  # turns addresses into points
    STATISTICS = "statistics"  # statistical tables joined to territories


class AccessKind(str, Enum):
    """A way to use a dataset. ``qgis_provider`` is the QGIS data provider key used to add it to the map."""

    WFS = "wfs"
    WMS = "wms"
    WMTS = "wmts"
    OGC_API_FEATURES = "oapif"
    DOWNLOAD = "download"  # a file to download (GeoPackage, CSV, zip, ...)
    API = "api"  # a JSON/REST API read by the provider's own client (statistics, sensors)

    @property
    def qgis_provider(self) -> str:
        """The QGIS data provider key (``QgsVectorLayer``/``QgsRasterLayer`` provider argument), or ``""``."""
        return {"wfs": "WFS", "wms": "wms", "wmts": "wms", "oapif": "OAPIF"}.get(self.value, "")

    @property
    def is_raster(self) -> bool:
        return self in (AccessKind.WMS, AccessKind.WMTS)


@dataclass(frozen=True)
class LocalizedText:
    """A text in French and English; :meth:`get` falls back to the other language when one is missing."""

    fr: str = ""
    en: str = ""

    def get(self, lang: str = "en") -> str:
        lang = (lang or "en").lower()[:2]
        first, second = (self.fr, self.en) if lang == "fr" else (self.en, self.fr)
        return first or second

    def __str__(self) -> str:
        return self.get("en")

    @classmethod
    def of(cls, value) -> LocalizedText:
        """Accept a LocalizedText, a ``{"fr":..., "en":...}`` dict, or a plain string (used for both)."""
        if isinstance(value, LocalizedText):
            return value
        if isinstance(value, dict):
            return cls(fr=str(value.get("fr") or ""), en=str(value.get("en") or ""))
        if value is None:
            return cls()
        return cls(fr=str(value), en=str(value))


@dataclass(frozen=True)
class Extent:
    """A bounding box; ``crs`` is an authority id (``EPSG:4326`` by default, lon/lat order)."""

    xmin: float
    ymin: float
    xmax: float
    ymax: float
    crs: str = "EPSG:4326"

    def __post_init__(self):
        if self.xmin > self.xmax or self.ymin > self.ymax:
            raise ValueError(f"Invalid extent ({self.xmin}, {self.ymin}, {self.xmax}, {self.ymax}): min > max")

    def intersects(self, other: Extent) -> bool:
        if other.crs != self.crs:
            raise ValueError(f"Cannot compare extents in {self.crs} and {other.crs}")
        return not (
            other.xmin > self.xmax or other.xmax < self.xmin or other.ymin > self.ymax or other.ymax < self.ymin
        )

    def as_tuple(self) -> tuple:
        return (self.xmin, self.ymin, self.xmax, self.ymax)


@dataclass(frozen=True)
class Access:
    """One way to use a dataset.

    ``url`` is the service endpoint (without request parameters) or the file URL; ``layer`` the service's layer
    name (WFS typename, WMS/WMTS layer, OGC API collection id); ``formats`` the offered formats (MIME types);
    ``crs`` the offered CRS (authority ids); for WMTS ``tile_matrix_set``; ``style`` the WMS/WMTS style.
    ``service`` is the :mod:`toolbelt.services` id that reaches it (rate limit, messages).
    """

    kind: AccessKind
    url: str
    layer: str = ""
    formats: tuple = ()
    crs: tuple = ()
    tile_matrix_set: str = ""
    style: str = ""
    service: str = ""
    options: tuple = ()  # extra (key, value) pairs for the QGIS URI

    @property
    def qgis_provider(self) -> str:
        return self.kind.qgis_provider

    def default_format(self) -> str:
        if self.kind.is_raster:
            for preferred in ("image/png", "image/jpeg"):
                if preferred in self.formats:
                    return preferred
        return self.formats[0] if self.formats else ("image/png" if self.kind.is_raster else "")

    def qgis_uri(self, crs: str = "", fmt: str = "") -> str:
        """The data source URI for the QGIS provider :attr:`qgis_provider` (``""`` when it cannot be mapped)."""
        kind = self.kind
        if kind == AccessKind.WFS:
            parts = {
                "pagingEnabled": "true",
                "preferCoordinatesForWfsT11": "false",
                "restrictToRequestBBOX": "1",
                "srsname": crs or (self.crs[0] if self.crs else "EPSG:4326"),
                "typename": self.layer,
                "url": self.url,
                "version": "2.0.0",
            }
            parts.update(dict(self.options))
            return " ".join(f"{k}='{v}'" for k, v in parts.items())
        if kind == AccessKind.OGC_API_FEATURES:
            parts = {"url": self.url, "typename": self.layer}
            parts.update(dict(self.options))
            return " ".join(f"{k}='{v}'" for k, v in parts.items())
        if kind in (AccessKind.WMS, AccessKind.WMTS):
            params = [
                ("contextualWMSLegend", "0"),
                ("crs", crs or (self.crs[0] if self.crs else "EPSG:3857")),
                ("dpiMode", "7"),
                ("featureCount", "10"),
                ("format", fmt or self.default_format()),
                ("layers", self.layer),
                ("styles", self.style),
            ]
            url = self.url
            if kind == AccessKind.WMTS:
                params.append(("tileMatrixSet", self.tile_matrix_set))
                # QGIS's wms provider detects WMTS by a GetCapabilities URL (parameters percent-encoded inside).
                sep = "&" if "?" in url else "?"
                url = f"{url}{sep}SERVICE=WMTS&REQUEST=GetCapabilities"
            params.extend(self.options)
            params.append(("url", url))
            # Inside a QGIS wms URI, the url value must have its own '&' and '=' encoded.
            return "&".join(f"{k}={quote(str(v), safe=':/,.-_~') if k == 'url' else v}" for k, v in params)
        return ""


@dataclass
class Dataset:
    """A dataset published by a provider, with its licence, attribution and the ways to use it."""

    id: str  # noqa: A003 - unique within the provider (for IGN: the WFS typename or WMTS layer)
    provider_id: str
    title: LocalizedText = field(default_factory=LocalizedText)
    description: LocalizedText = field(default_factory=LocalizedText)
    keywords: tuple = ()
    licence: str = ""  # short name, e.g. "Licence Ouverte 2.0"
    licence_url: str = ""
    attribution: str = ""  # the text maps must show, e.g. "© IGN – Géoplateforme"
    producer: str = ""
    updated: str = ""  # ISO date (YYYY-MM-DD) or "" when unknown
    extent: Extent | None = None
    accesses: tuple = ()  # Access, the preferred one first
    curated: bool = False  # hand-written entry (translated titles, checked access)
    category: str = ""  # free grouping for the UI ("admin", "buildings", "basemap", ...)

    def __post_init__(self):
        self.title = LocalizedText.of(self.title)
        self.description = LocalizedText.of(self.description)
        self.keywords = tuple(self.keywords or ())
        self.accesses = tuple(self.accesses or ())
        self._search_text = None

    @property
    def key(self) -> str:
        """Globally unique key ``provider_id:dataset_id``."""
        return f"{self.provider_id}:{self.id}"

    def title_in(self, lang: str = "en") -> str:
        return self.title.get(lang) or self.id

    def access(self, *kinds: AccessKind) -> Access | None:
        """The first access of one of ``kinds`` (any kind when none given), or None."""
        for acc in self.accesses:
            if not kinds or acc.kind in kinds:
                return acc
        return None

    def kinds(self) -> set:
        return {a.kind for a in self.accesses}

    def can_add_to_map(self) -> bool:
        return any(a.qgis_provider for a in self.accesses)

    def can_download(self) -> bool:
        return any(a.kind in (AccessKind.WFS, AccessKind.OGC_API_FEATURES, AccessKind.DOWNLOAD) for a in self.accesses)

    def search_text(self) -> str:
        """Normalised text searched by :func:`search_datasets` (computed once)."""
        if self._search_text is None:
            parts = [self.id, self.title.fr, self.title.en, self.description.fr, self.description.en, self.producer]
            parts.extend(self.keywords)
            self._search_text = normalize_text(" ".join(p for p in parts if p))
        return self._search_text

    def merged_with(self, other: Dataset) -> Dataset:
        """This dataset completed by ``other``'s non-empty fields where this one has none (curated wins)."""
        updates = {}
        for name in ("licence", "licence_url", "attribution", "producer", "updated", "extent", "category"):
            if not getattr(self, name) and getattr(other, name):
                updates[name] = getattr(other, name)
        title = LocalizedText(self.title.fr or other.title.fr, self.title.en or other.title.en)
        desc = LocalizedText(self.description.fr or other.description.fr, self.description.en or other.description.en)
        keywords = tuple(dict.fromkeys(tuple(self.keywords) + tuple(other.keywords)))
        accesses = tuple(self.accesses) + tuple(a for a in other.accesses if a.kind not in self.kinds())
        return replace(self, title=title, description=desc, keywords=keywords, accesses=accesses, **updates)

    def source_metadata(self, lang: str = "en") -> dict:
        """What :func:`layer_metadata.apply_source_metadata` writes: plain strings, for any consumer."""
        return {
            "identifier": self.key,
            "title": self.title_in(lang),
            "abstract": self.description.get(lang),
            "keywords": list(self.keywords),
            "licence": self.licence,
            "licence_url": self.licence_url,
            "attribution": self.attribution,
            "producer": self.producer,
            "updated": self.updated,
        }


class Provider:
    """Base class of a dataset provider. Subclasses set ``id``, ``name``, ``capabilities`` and list datasets."""

    id: str = ""  # noqa: A003
    name: str = ""
    capabilities: frozenset = frozenset()
    default_licence: str = ""
    default_licence_url: str = ""
    default_attribution: str = ""

    def can(self, capability: Capability) -> bool:
        return capability in self.capabilities

    def datasets(self, feedback=None) -> list:
        """Every dataset this provider knows (may fetch and cache a remote catalogue)."""
        raise NotImplementedError

    def dataset(self, dataset_id: str, feedback=None) -> Dataset | None:
        for ds in self.datasets(feedback):
            if ds.id == dataset_id:
                return ds
        return None

    def search(self, query: str, feedback=None, limit: int = 0) -> list:
        return search_datasets(self.datasets(feedback), query, limit=limit)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id!r}>"


def normalize_text(text: str) -> str:
    """Lower case, accents removed, punctuation turned into spaces: ``"Région, Île"`` -> ``"region ile"``."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    stripped = stripped.replace("œ", "oe").replace("æ", "ae")
    return " ".join("".join(c if c.isalnum() else " " for c in stripped).split())


def _word_in(word: str, text: str) -> bool:
    """``word`` starts a word of ``text`` (``text`` starts with a space); a plural ``-s``/``-x`` is optional."""
    if f" {word}" in text:
        return True
    return len(word) > 3 and word[-1] in "sx" and f" {word[:-1]}" in text


def search_datasets(datasets: Iterable[Dataset], query: str, limit: int = 0) -> list:
    """Datasets whose id, titles, descriptions or keywords contain every word of ``query`` (accent- and
    case-insensitive, word prefixes match, French/English plurals too).
    Ranked: curated first, then matches in the title, then by id."""
    words = normalize_text(query).split()
    datasets = list(datasets)
    if not words:
        found = datasets
    else:
        found = []
        for ds in datasets:
            text = " " + ds.search_text()
            if all(_word_in(w, text) for w in words):
                found.append(ds)

    def rank(ds: Dataset):
        title = " " + normalize_text(f"{ds.id} {ds.title.fr} {ds.title.en}")
        in_title = sum(1 for w in words if f" {w}" in title)
        return (not ds.curated, -in_title, ds.id)

    found.sort(key=rank)
    return found[:limit] if limit else found
