"""Client of INSEE's Melodi API (open, no key, 30 requests a minute enforced by the network layer).

- :meth:`MelodiClient.catalogue` / :meth:`search`: ``/catalog/all`` (cached, TTL), searched by words.
- :meth:`MelodiClient.describe`: dimensions and their values (``/range/{DATASET}``), measures, geographic levels
  and periods, completed by the catalogue entry.
- :meth:`MelodiClient.fetch`: observations for a geographic selection (:class:`GeoSelection`), period and dimension
  filters, every page followed, returned as a tidy pandas DataFrame (code without the vintage prefix, level,
  vintage, period, one column per measure or per value of a chosen dimension).

Geographic selections use Melodi's own filters (``GEO=COM-44109``, ``GEO=DEP-44*COM`` = every commune of a
département, ``GEO=COM`` = every commune); a selection given as an explicit list of codes (for instance the member
communes of an EPCI taken from the COG referential) is sent in batches of ``GEO`` values so that URLs stay short.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pandas as pd

from ...toolbelt.i18n import tr
from ...toolbelt.network import NetworkClient, NetworkError
from ...toolbelt.services import base_url
from . import melodi_format as fmt

SERVICE_ID = "insee_melodi"
MAX_RESULT = 100000  # Melodi's maximum page size
CATALOGUE_TTL_S = 24 * 3600
GEO_BATCH = 100  # GEO values per request when a selection is an explicit list of codes
LEVELS = ("COM", "ARM", "EPCI", "DEP", "REG", "FRANCE")


class MelodiError(NetworkError):
    """A Melodi answer that cannot be used (unknown dataset, malformed observations); message for the user."""

    def __init__(self, message: str, status=None, url: str = ""):
        Exception.__init__(self, message)
        self.status = status
        self.service = SERVICE_ID
        self.url = url


@dataclass
class GeoSelection:
    """Which territories to ask for.

    ``level``: the level of the observations (``COM``, ``DEP``, ``REG``, ``EPCI``, ...).
    ``area_level`` / ``area_code``: the area they lie in (``DEP`` ``44`` = every ``level`` unit of Loire-Atlantique);
    when ``area_level == level`` it is that one territory; empty = the whole country.
    ``codes``: an explicit list of ``level`` codes (takes precedence; sent in batches).
    """

    level: str = "COM"
    area_level: str = ""
    area_code: str = ""
    codes: list = field(default_factory=list)

    def geo_values(self) -> list:
        """The ``GEO`` parameter values, one list per request."""
        level = self.level.upper()
        if self.codes:
            values = [f"{level}-{c}" for c in dict.fromkeys(str(c).strip() for c in self.codes) if c]
            return [values[i : i + GEO_BATCH] for i in range(0, len(values), GEO_BATCH)]
        area_level = (self.area_level or "").upper()
        if not area_level or area_level == "FRANCE":
            return [[level]]
        if not self.area_code:
            raise ValueError(tr("A territory code is needed for the area level {}", area_level))
        if area_level == level:
            return [[f"{level}-{self.area_code}"]]
        return [[f"{area_level}-{self.area_code}*{level}"]]

    def describe(self) -> str:
        if self.codes:
            return tr("{} territories of level {}", len(self.codes), self.level)
        if not self.area_level or self.area_level.upper() == "FRANCE":
            return tr("every territory of level {} in France", self.level)
        if self.area_level.upper() == self.level.upper():
            return f"{self.level} {self.area_code}"
        return tr("every territory of level {} in {} {}", self.level, self.area_level, self.area_code)


@dataclass
class DatasetDescription:
    identifier: str
    title: str = ""
    dimensions: dict = field(default_factory=dict)  # code → melodi_format.Dimension (GEO and TIME_PERIOD apart)
    geo_levels: list = field(default_factory=list)  # e.g. ["COM", "DEP", "REG"]
    geo_vintages: list = field(default_factory=list)  # COG vintages of the GEO values, e.g. ["2025"]
    periods: list = field(default_factory=list)
    measures: list = field(default_factory=list)  # e.g. ["OBS_VALUE_NIVEAU"]

    def breakdown_dimensions(self) -> list:
        return [d for d in self.dimensions if d not in fmt.STRUCTURAL_DIMS]


class MelodiClient:
    """Melodi through :class:`NetworkClient` (proxy, retries on 429 with ``Retry-After``, 30 requests/min)."""

    def __init__(self, feedback=None, base: str = ""):
        self.feedback = feedback
        self.base = (base or base_url(SERVICE_ID)).rstrip("/")
        self.network = NetworkClient(SERVICE_ID, feedback=feedback)
        self.requests_made = 0

    # -- helpers -------------------------------------------------------------------------------------------
    def _info(self, message: str) -> None:
        if self.feedback is not None:
            self.feedback.pushInfo(message)

    def _canceled(self) -> bool:
        return self.feedback is not None and self.feedback.isCanceled()

    def _get_json(self, url: str, dataset: str = "", cache_ttl: int = 0):
        started = time.monotonic()
        try:
            response = self.network.get(url, cache_ttl=cache_ttl)
        except NetworkError as exc:
            status = getattr(exc, "status", None)
            if dataset and status == 404:
                message = tr(
                    "INSEE Melodi does not know the dataset {} (HTTP 404). Check its identifier in the catalogue "
                    "(https://catalogue-donnees.insee.fr), e.g. DS_POPULATIONS_REFERENCE.",
                    dataset,
                )
            elif dataset and status == 500:
                message = self._server_error_message(dataset)
            elif dataset and status == 400:
                message = tr(
                    "INSEE Melodi rejected the request on {} (HTTP 400): check the geographic level, the period and "
                    "the dimension filters against the dataset's description. Details: {}",
                    dataset,
                    exc,
                )
            else:
                raise
            raise MelodiError(message, status=status, url=getattr(exc, "url", url)) from exc
        finally:
            self.requests_made += 1
        waited = time.monotonic() - started
        if waited > 5:
            self._info(tr("INSEE Melodi answered after {:.0f} s (its limit is 30 requests a minute).", waited))
        return response.json()

    # -- catalogue -----------------------------------------------------------------------------------------
    def _server_error_message(self, dataset: str) -> str:
        """What an HTTP 500 on ``dataset`` means. Melodi answers 500 both when it fails and when it does not know
        the dataset: the (cached) catalogue tells which."""
        try:
            known = self.catalogue_entry(dataset) is not None
        except (NetworkError, MelodiError):
            known = None
        if known:
            return tr(
                "INSEE Melodi failed on its side on the dataset {} (HTTP 500, server error); the dataset is in its "
                "catalogue, so the identifier is right. Try again later.",
                dataset,
            )
        if known is None:
            return tr(
                "INSEE Melodi failed on the dataset {} (HTTP 500, server error), and its catalogue could not be read "
                "to check the identifier. Try again later; if it persists, check the identifier in the catalogue "
                "(https://catalogue-donnees.insee.fr).",
                dataset,
            )
        return tr(
            "INSEE Melodi does not know the dataset {} (HTTP 500, and it is not in its catalogue). Check its "
            "identifier in the catalogue (https://catalogue-donnees.insee.fr), e.g. DS_POPULATIONS_REFERENCE.",
            dataset,
        )

    def catalogue(self, cache_ttl: int = CATALOGUE_TTL_S) -> list:
        """Every dataset of the Melodi catalogue (:class:`melodi_format.DatasetSummary`), cached ``cache_ttl`` s."""
        payload = self._get_json(f"{self.base}/catalog/all", cache_ttl=cache_ttl)
        try:
            return fmt.parse_catalogue(payload)
        except fmt.MelodiFormatError as exc:
            raise MelodiError(tr("The INSEE Melodi catalogue has an unexpected shape: {}", exc)) from exc

    def search(self, words: str, limit: int = 50) -> list:
        return fmt.search_catalogue(self.catalogue(), words, limit=limit)

    def catalogue_entry(self, dataset: str):
        for entry in self.catalogue():
            if entry.identifier == dataset:
                return entry
        return None

    # -- description ---------------------------------------------------------------------------------------
    def describe(self, dataset: str, with_catalogue: bool = True) -> DatasetDescription:
        """Dimensions (with their values), geographic levels and vintages, periods and measures of ``dataset``.

        Dimensions come from ``/range/{dataset}``; the measures from one observation of the data endpoint
        (``maxResult=1``); the title and the spatial resolutions from the catalogue entry.
        """
        dataset = dataset.strip()
        desc = DatasetDescription(identifier=dataset)
        payload = self._get_json(f"{self.base}/range/{dataset}", dataset=dataset)
        try:
            dims = fmt.parse_range(payload)
        except fmt.MelodiFormatError as exc:
            raise MelodiError(
                tr("The description of {} by INSEE Melodi has an unexpected shape: {}", dataset, exc)
            ) from exc
        geo = dims.pop(fmt.GEO_DIM, None)
        if geo is not None:
            levels, vintages = {}, {}
            for value in geo.values:
                _, level, vintage = fmt.parse_geo(value)
                if level:
                    levels.setdefault(level, None)
                if vintage:
                    vintages.setdefault(vintage, None)
            desc.geo_levels = list(levels)
            desc.geo_vintages = sorted(vintages)
        time_dim = dims.pop(fmt.TIME_DIM, None)
        if time_dim is not None:
            desc.periods = sorted(time_dim.values)
        desc.dimensions = dims
        sample = self._get_json(self._data_url(dataset, [("maxResult", "1")]), dataset=dataset)
        for obs in fmt.observations_of(sample)[:1]:
            desc.measures = list((obs.get("measures") or {}).keys())
        if with_catalogue:
            entry = self.catalogue_entry(dataset)
            if entry is not None:
                desc.title = entry.title or entry.title_fr
                for level in entry.spatial_resolution:
                    if level not in desc.geo_levels:
                        desc.geo_levels.append(level)
        return desc

    # -- observations --------------------------------------------------------------------------------------
    def _data_url(self, dataset: str, params: list) -> str:
        return f"{self.base}/data/{dataset}?{urlencode(params, doseq=True)}"

    def fetch_long(
        self,
        dataset: str,
        selection: GeoSelection,
        period: str = "",
        filters: dict | None = None,
        page_size: int = MAX_RESULT,
    ) -> pd.DataFrame:
        """Every observation of the selection as a long table (one row per observation and measure)."""
        dataset = dataset.strip()
        if not dataset:
            raise ValueError(tr("No INSEE dataset identifier given"))
        filters = dict(filters or {})
        batches = selection.geo_values()
        frames = []
        for number, geo_values in enumerate(batches, start=1):
            if self._canceled():
                break
            params = [("GEO", v) for v in geo_values]
            if period:
                params.extend(("TIME_PERIOD", p.strip()) for p in str(period).split(",") if p.strip())
            for dim, values in filters.items():
                if isinstance(values, str):
                    values = [v for v in values.split(",") if v]
                params.extend((dim, v) for v in values)
            params.append(("maxResult", str(page_size)))
            if len(batches) > 1:
                self._info(tr("INSEE Melodi: request {} of {} ({} territories)", number, len(batches), len(geo_values)))
            frames.append(self._fetch_pages(dataset, self._data_url(dataset, params), page_size))
            if self.feedback is not None:
                self.feedback.setProgress(100.0 * number / len(batches))
        frames = [f for f in frames if not f.empty]
        if not frames:
            return fmt.observations_to_long([])
        return pd.concat(frames, ignore_index=True)

    def _fetch_pages(self, dataset: str, url: str, page_size: int) -> pd.DataFrame:
        frames = []
        total = 0
        seen = set()
        next_links_seen = False
        while url and url not in seen:
            if self._canceled():
                break
            seen.add(url)
            payload = self._get_json(url, dataset=dataset)
            try:
                observations = fmt.observations_of(payload)
            except fmt.MelodiFormatError as exc:
                raise MelodiError(tr("INSEE Melodi returned unexpected data for {}: {}", dataset, exc)) from exc
            total += len(observations)
            frames.append(fmt.observations_to_long(observations))
            count = (payload.get("paging") or {}).get("count")
            if isinstance(count, (int, float)) and count > page_size:
                self._info(tr("INSEE Melodi: {} of {} observations received", total, int(count)))
            url = fmt.paging_next(payload, url, page_size, len(observations), total, next_links_seen)
            next_links_seen = next_links_seen or bool((payload.get("paging") or {}).get("next"))
        frames = [f for f in frames if not f.empty]
        return pd.concat(frames, ignore_index=True) if frames else fmt.observations_to_long([])

    def fetch(
        self,
        dataset: str,
        selection: GeoSelection,
        measures=None,
        pivot: str = "",
        period: str = "",
        filters: dict | None = None,
        page_size: int = MAX_RESULT,
    ) -> pd.DataFrame:
        """Tidy table of ``dataset`` for ``selection``.

        ``pivot``: a dimension whose values become columns (e.g. ``POPREF_MEASURE`` → ``PMUN``, ``PTOT``);
        ``measures``: the values of ``pivot`` to keep (they are also sent as a filter), or without ``pivot`` the
        measures to keep (``OBS_VALUE_NIVEAU``). Empty = all.
        """
        measures = [m.strip() for m in (measures or []) if m and m.strip()]
        filters = dict(filters or {})
        if pivot and measures and pivot not in filters:
            filters[pivot] = measures
        long = self.fetch_long(dataset, selection, period=period, filters=filters, page_size=page_size)
        if pivot and not long.empty and pivot not in long.columns:
            raise MelodiError(
                tr(
                    "The dataset {} has no dimension {}; its dimensions are: {}",
                    dataset,
                    pivot,
                    ", ".join(c for c in long.columns if c not in ("code", "level", "vintage", "measure", "value")),
                )
            )
        return fmt.tidy(long, pivot=pivot, keep_values=measures or None)


def split_filters(text: str) -> dict:
    """``"SEX=F;AGE=Y20T64,Y65T79"`` → ``{"SEX": ["F"], "AGE": ["Y20T64", "Y65T79"]}`` (``&`` also separates)."""
    result = {}
    for part in str(text or "").replace("&", ";").split(";"):
        part = part.strip()
        if not part:
            continue
        key, sep, value = part.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not key or not value:
            raise ValueError(tr("Invalid dimension filter {!r}: expected DIMENSION=VALUE[,VALUE...]", part))
        result.setdefault(key.upper(), []).extend(v.strip() for v in value.split(",") if v.strip())
    return result
