"""The portal abstraction: what every open-data portal client answers, in one shape.

A :class:`PortalClient` (data.gouv.fr, Opendatasoft, CKAN) turns a :class:`SearchQuery` into pages of
:class:`DatasetInfo` with their :class:`ResourceInfo` and the portal's facets, gives one dataset's detail, and says
how to download a resource (:meth:`PortalClient.download_plan`). :func:`to_model_dataset` registers a dataset in the
common dataset model (:mod:`providers.model`) with its licence, attribution (producer and update date) and extent.

Portals redirect a lot (data.gouv.fr's ``/datasets/r/{id}`` answers 302 to the file; resources move to CDNs): their
network clients follow redirects (``NetworkClient(..., follow_redirects=True)``), on the same origin only when a
credential goes with the request, so that a portal's key never follows a redirect to another host.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Optional

from ...toolbelt.i18n import tr
from ..model import Access, AccessKind, Dataset, Extent, LocalizedText

KINDS = ("datagouv", "opendatasoft", "ckan")
SORTS = ("relevance", "updated")


class PortalError(Exception):
    """A portal answered something unusable; ``str(error)`` is the user-facing message."""


@dataclass(frozen=True)
class PortalConfig:
    """One portal of the ``portals`` setting: ``kind`` one of :data:`KINDS`; ``url`` its API base (data.gouv.fr:
    ``…/api/1``; Opendatasoft: ``https://<domain>/api/explore/v2.1``; CKAN: the site root, ``/api/3/action`` is
    added)."""

    name: str
    kind: str
    url: str
    authcfg: str = ""
    preset: bool = False


@dataclass(frozen=True)
class Territory:
    """A COG territory to restrict a search: ``level`` commune/departement/region/epci, its code and name."""

    level: str
    code: str
    name: str = ""

    @property
    def geozone(self) -> str:
        """data.gouv.fr's zone id (``fr:commune:75056``)."""
        return f"fr:{self.level}:{self.code}"


@dataclass
class SearchQuery:
    text: str = ""
    organization: str = ""
    tags: tuple = ()
    format: str = ""  # noqa: A003
    licence: str = ""
    territory: Optional[Territory] = None
    geographic_only: bool = False
    sort: str = "relevance"
    granularity: str = ""  # data.gouv.fr only: fr:commune, fr:epci, fr:departement, fr:region, country, ...
    badge: str = ""  # data.gouv.fr only: a badge kind such as "spd" (service public de la donnée)
    page_size: int = 50
    max_results: int = 0  # 0: to the end of the result set


@dataclass
class ResourceInfo:
    id: str  # noqa: A003
    title: str = ""
    format: str = "unknown"  # noqa: A003 - normalised (core.tabular.formats)
    declared_format: str = ""
    url: str = ""
    size: Optional[int] = None
    modified: str = ""
    schema: str = ""  # declared Table Schema: "name" or "name@version"
    schema_url: str = ""
    mime: str = ""
    extras: dict = field(default_factory=dict)
    tabular_api: bool = False  # data.gouv.fr tabular API / CKAN DataStore


@dataclass
class DatasetInfo:
    id: str  # noqa: A003
    title: str = ""
    description: str = ""
    organization: str = ""
    licence: str = ""
    licence_url: str = ""
    created: str = ""
    modified: str = ""
    coverage: tuple = ()
    granularity: str = ""
    schema: str = ""
    keywords: tuple = ()
    resources: list = field(default_factory=list)
    extent: Optional[Extent] = None
    geographic: bool = False
    page_url: str = ""
    portal: str = ""
    fields: list = field(default_factory=list)  # Opendatasoft fields [{name, type, label}]


@dataclass
class SearchPage:
    total: int
    datasets: list
    facets: dict = field(default_factory=dict)  # facet name -> [(value, count)]


@dataclass
class DownloadPlan:
    """How to fetch a resource: ``url`` with ``params``, the expected format and a file name to save it under."""

    url: str
    params: dict = field(default_factory=dict)
    format: str = "unknown"  # noqa: A003
    filename: str = "resource"
    headers: dict = field(default_factory=dict)


class PortalClient:
    """Base of the three clients. Subclasses implement :meth:`search_page`, :meth:`dataset`, :meth:`download_plan`."""

    kind = ""

    def __init__(self, config: PortalConfig, feedback=None):
        self.config = config
        self.feedback = feedback

    def search_page(self, query: SearchQuery, page: int) -> SearchPage:
        raise NotImplementedError

    def dataset(self, dataset_id: str) -> DatasetInfo:
        raise NotImplementedError

    def download_plan(self, dataset: DatasetInfo, resource: ResourceInfo, where: str = "", filters=None):
        raise NotImplementedError

    def search(self, query: SearchQuery) -> Iterator[DatasetInfo]:
        """Every dataset matching ``query``, page after page to the end (or ``query.max_results``)."""
        page, seen = 1, 0
        while True:
            if self.feedback is not None and self.feedback.isCanceled():
                return
            result = self.search_page(query, page)
            for ds in result.datasets:
                yield ds
                seen += 1
                if query.max_results and seen >= query.max_results:
                    return
            if not result.datasets or seen >= result.total or self._window_reached(query, page):
                return
            page += 1

    def _window_reached(self, query: SearchQuery, page: int) -> bool:
        return False

    def find_resource(self, dataset: DatasetInfo, resource: str) -> ResourceInfo:
        """The resource of ``dataset`` whose id, title or URL is ``resource`` (the first loadable one when empty)."""
        from ...core.tabular.formats import LOADABLE

        if not resource:
            for res in dataset.resources:
                if res.format in LOADABLE:
                    return res
            raise PortalError(
                tr(
                    "The dataset '{}' of {} has no resource in a format TerriData can load ({}).",
                    dataset.id,
                    self.config.name,
                    ", ".join(sorted({r.format for r in dataset.resources})) or tr("no resource"),
                )
            )
        for res in dataset.resources:
            if resource in (res.id, res.url, res.title):
                return res
        if resource.lower().startswith(("http://", "https://")):
            from ...core.tabular.formats import normalise_format

            return ResourceInfo(id=resource, title=resource, url=resource, format=normalise_format("", resource))
        raise PortalError(
            tr(
                "The dataset '{}' of {} has no resource '{}'. Its resources: {}.",
                dataset.id,
                self.config.name,
                resource,
                "; ".join(f"{r.id} ({r.format})" for r in dataset.resources[:20]) or tr("none"),
            )
        )


def attribution_of(info: DatasetInfo) -> str:
    producer = info.organization or info.portal
    date = (info.modified or "")[:10]
    text = f"Source : {producer}"
    if info.portal and info.portal != producer:
        text += f" ({info.portal})"
    if date:
        text += f", mise à jour {date}"
    return text


def to_model_dataset(info: DatasetInfo, provider_id: str = "portals") -> Dataset:
    """The dataset in the common model: licence, attribution (producer and update date), extent, accesses."""
    accesses = tuple(
        Access(kind=AccessKind.DOWNLOAD, url=r.url, layer=r.id, formats=(r.format,), service="")
        for r in info.resources
        if r.url
    )
    return Dataset(
        id=f"{info.portal}:{info.id}",
        provider_id=provider_id,
        title=LocalizedText(info.title, info.title),
        description=LocalizedText(info.description, info.description),
        keywords=tuple(info.keywords),
        licence=info.licence,
        licence_url=info.licence_url,
        attribution=attribution_of(info),
        producer=info.organization,
        updated=(info.modified or "")[:10],
        extent=info.extent,
        accesses=accesses,
        category="open_data",
    )


def extent_from_geojson(geom) -> Optional[Extent]:
    """The bounding box of a GeoJSON geometry (lon/lat), or None."""
    if not isinstance(geom, dict):
        return None
    xs, ys = [], []

    def walk(coords):
        if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
            xs.append(float(coords[0]))
            ys.append(float(coords[1]))
        elif isinstance(coords, (list, tuple)):
            for c in coords:
                walk(c)

    if geom.get("type") == "GeometryCollection":
        for g in geom.get("geometries") or []:
            walk(g.get("coordinates"))
    else:
        walk(geom.get("coordinates"))
    if not xs:
        return None
    try:
        return Extent(min(xs), min(ys), max(xs), max(ys))
    except ValueError:
        return None


def as_json_object(response, what: str, portal: str) -> dict:
    """The JSON object of a response, or a :class:`PortalError` that says what came instead (HTML page, list)."""
    ctype = response.headers.get("content-type", "")
    head = response.content[:512].lstrip().lower()
    if "html" in ctype or head.startswith((b"<!doctype", b"<html")):
        raise PortalError(
            tr(
                "{} answered an HTML page instead of JSON for {} ({}). The portal address is probably wrong (a web "
                "page rather than the API) or the portal asks to log in: check the portal's base URL in the "
                "TerriData settings.",
                portal,
                what,
                _safe(response.url),
            )
        )
    data = response.json()
    if not isinstance(data, dict):
        raise PortalError(tr("{} answered unexpected JSON for {} ({}).", portal, what, _safe(response.url)))
    return data


def _safe(url: str) -> str:
    from ...toolbelt.network import sanitize_url

    return sanitize_url(url)
