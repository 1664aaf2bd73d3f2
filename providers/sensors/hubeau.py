"""Client of Hub'Eau (eaufrance's open APIs) through TerriData's network layer.

- :meth:`HubeauClient.stations`: stations of hydrometry, piezometry or river water quality, by commune or
  département code (an EPCI is turned into its communes through the COG referential of ``core.cog``), by station
  code, or by extent (``bbox``);
- :meth:`HubeauClient.observation_pages`: observations of chosen stations over a time window, page by page.

Paging: every answer is followed through its ``next`` link until ``next`` is null, whatever the HTTP status (206
while pages remain, 200 on the last), which covers both page-number endpoints and cursor endpoints. On the
endpoints that refuse to go deeper than 20,000 rows, a window whose ``count`` is larger is split in two halves,
recursively, before its pages are read. The real-time endpoints keep about a month: asking for older data gives a
warning that says so.
"""

from __future__ import annotations

import math
import time
from typing import Iterator, List, Optional, Tuple
from urllib.parse import urlsplit, urlunsplit

from ...toolbelt.network import NetworkClient, NetworkError, RequestCancelled, build_url
from ...toolbelt.services import base_url
from . import hubeau_format as fmt
from .records import SensorDataError, Station, TimeParser, iso_utc, tr

SERVICE_ID = "hubeau"
#: Rows asked per page (Hub'Eau accepts up to 20,000 but page × size must stay within the depth limit).
PAGE_SIZE = 5000
#: Station codes per request (Hub'Eau accepts lists of up to 100 codes, comma-separated).
CODES_PER_REQUEST = 100
DAY_MS = 86400 * 1000


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]


class HubeauClient:
    def __init__(self, feedback=None, page_size: int = 0, url: str = ""):
        self.base = (url or base_url(SERVICE_ID)).rstrip("/")
        self.feedback = feedback
        self.http = NetworkClient(SERVICE_ID, feedback=feedback)
        self.page_size = int(page_size or PAGE_SIZE)
        self.parser = TimeParser()
        self.pages_read = 0

    # ------------------------------------------------------------------------------------------ paging

    def _check_cancelled(self) -> None:
        if self.feedback is not None and self.feedback.isCanceled():
            raise RequestCancelled(tr("Reading Hub'Eau was cancelled."), service=SERVICE_ID)

    def _follow(self, next_url: str, seen: set) -> str:
        """The ``next`` link made safe: same host as the service (then the service's scheme and port), never twice."""
        link, base = urlsplit(next_url), urlsplit(self.base)
        if link.hostname != base.hostname:
            raise SensorDataError(
                tr("Hub'Eau's next-page link points to another server ({}): refused.", link.hostname or next_url)
            )
        url = urlunsplit((base.scheme, base.netloc, link.path, link.query, ""))
        if url in seen:
            raise SensorDataError(tr("Hub'Eau sent the same next-page link twice: reading stopped (it would loop)."))
        seen.add(url)
        return url

    def pages(self, path: str, params: dict, what: str, first: Optional[tuple] = None) -> Iterator[tuple]:
        """``(page number, pages expected or 0, data, count)`` of ``path``, following ``next`` until it is null
        (never stopping on the HTTP status: 206 while pages remain, 200 on the last).

        ``first``: an already-read first page ``(data, count, next)`` (used after a depth check)."""
        seen = set()
        number, expected = 0, 0
        url = build_url(f"{self.base}/{path}", params=dict(params, size=self.page_size))
        while url:
            self._check_cancelled()
            number += 1
            if number == 1 and first is not None:
                data, count, next_link = first
            else:
                data, count, next_link = self._page(url, number, what, expected)
            if isinstance(count, int) and count >= 0:
                expected = math.ceil(count / self.page_size)
            self.pages_read += 1
            yield number, expected, data, count
            url = self._follow(str(next_link), seen) if next_link else None

    def _page(self, url: str, number: int, what: str, expected: int):
        of_total = tr(" of {}", expected) if expected else ""
        try:
            response = self.http.get(url, headers={"Accept": "application/json"})
            doc = response.json()
        except RequestCancelled:
            raise
        except NetworkError as exc:
            if exc.status is not None and 200 <= exc.status < 300:
                raise SensorDataError(tr("Page {}{} of {}: {}", number, of_total, what, exc)) from None
            raise
        return fmt.envelope(doc, number, of_total)

    def first_page(self, path: str, params: dict, what: str):
        url = build_url(f"{self.base}/{path}", params=dict(params, size=self.page_size))
        return self._page(url, 1, what, 0)

    # ------------------------------------------------------------------------------------------ stations

    def stations(
        self,
        api_key: str,
        communes: Optional[List[str]] = None,
        departements: Optional[List[str]] = None,
        codes: Optional[List[str]] = None,
        bbox: Optional[tuple] = None,
        on_page=None,
    ) -> List[Station]:
        """Stations of ``api_key`` (``fmt.STATION_APIS``) by communes, départements, station codes or lon/lat bbox."""
        api = fmt.STATION_APIS[api_key]
        queries = []
        for values, param in ((communes, api.commune_param), (departements, api.departement_param),
                              (codes, api.id_param)):  # fmt: skip
            for chunk in _chunks(sorted(set(values or [])), CODES_PER_REQUEST):
                queries.append({param: ",".join(chunk)})
        if bbox is not None:
            queries.append({"bbox": ",".join(f"{v:.6f}" for v in bbox)})
        if not queries:
            raise SensorDataError(tr("Choose a territory, station codes or an extent to look for Hub'Eau stations."))
        found = {}
        for query in queries:
            for number, _expected, data, _count in self.pages(api.path, dict(query, format="json"), api.label):
                for item in data:
                    station = fmt.station_of(api, item, self.parser)
                    if station.station_id:
                        found.setdefault(station.station_id, station)
                if on_page is not None:
                    on_page(number)
        return [found[k] for k in sorted(found)]

    def known_stations(self, api_key: str, codes: List[str]) -> dict:
        """``{code: Station}`` of ``codes``; :class:`SensorDataError` naming the codes Hub'Eau does not know."""
        obs_api = fmt.OBSERVATION_APIS[api_key]
        stations = {s.station_id: s for s in self.stations(obs_api.stations, codes=codes)}
        unknown = [c for c in codes if c not in stations]
        if unknown:
            raise SensorDataError(
                tr(
                    "Hub'Eau does not know the station code(s) {} ({}). Run 'Hub'Eau stations' to find the codes "
                    "of your territory.",
                    ", ".join(unknown),
                    fmt.STATION_APIS[obs_api.stations].label,
                )
            )
        return stations

    # ------------------------------------------------------------------------------------------ observations

    def real_time_warning(self, api_key: str, start_ms: int) -> str:
        """A plain sentence when ``start_ms`` is older than the real-time endpoint keeps, else ``""``."""
        api = fmt.OBSERVATION_APIS[api_key]
        if not api.real_time_days:
            return ""
        oldest = int(time.time() * 1000) - api.real_time_days * DAY_MS
        if start_ms >= oldest:
            return ""
        return tr(
            "{} keeps only about the last {} days (since about {}): older observations of the chosen window do not "
            "exist there. For a longer history use the daily values (Hub'Eau hydrometry, daily and monthly values) "
            "or the non-real-time piezometry.",
            api.label,
            api.real_time_days,
            iso_utc(oldest)[:10],
        )

    def observation_pages(
        self, api_key: str, stations: dict, variable: str, start_ms: int, end_ms: int
    ) -> Iterator[Tuple[int, int, list]]:
        """``(page number, pages expected, rows)`` of the observations of ``stations`` (``{code: Station}``) for
        ``variable`` between ``start_ms`` and ``end_ms`` (both included)."""
        if start_ms > end_ms:
            raise SensorDataError(tr("The start of the time window is after its end."))
        api = fmt.OBSERVATION_APIS[api_key]
        variable = variable or api.default_variable
        number = 0
        for chunk in _chunks(sorted(stations), CODES_PER_REQUEST):
            for window_start, window_end, first in self._windows(api, chunk, variable, start_ms, end_ms):
                params = self._observation_params(api, chunk, variable, window_start, window_end)
                for _n, expected, data, _count in self.pages(api.path, params, api.label, first=first):
                    number += 1
                    try:
                        rows = fmt.observation_rows(api, data, stations, variable, self.parser)
                    except (ValueError, TypeError, AttributeError) as exc:
                        raise SensorDataError(
                            tr("Page {} of {} holds an observation TerriData cannot read ({}).", _n, api.label, exc)
                        ) from None
                    yield number, expected, rows

    def _observation_params(self, api, codes, variable, start_ms, end_ms) -> dict:
        daily = api.key == "hydrometry_elaborated" or api.key in ("piezometry", "river_quality")
        to_text = (lambda ms: iso_utc(ms)[:10]) if daily else iso_utc
        params = {api.station_param: ",".join(codes), api.start_param: to_text(start_ms),
                  api.end_param: to_text(end_ms)}  # fmt: skip
        if api.variable_param and variable:
            params[api.variable_param] = variable
        return params

    def _windows(self, api, codes, variable, start_ms, end_ms):
        """``(start, end, first page or None)`` windows whose row count stays within the depth limit."""
        if not api.depth_limited:
            yield start_ms, end_ms, None
            return
        params = self._observation_params(api, codes, variable, start_ms, end_ms)
        first = self.first_page(api.path, params, api.label)
        count = first[1]
        if not isinstance(count, int) or count <= fmt.DEPTH_LIMIT:
            yield start_ms, end_ms, first
            return
        if end_ms - start_ms <= DAY_MS:
            raise SensorDataError(
                tr(
                    "{} has more than {} rows for one day of the chosen stations: ask for fewer stations at once.",
                    api.label,
                    fmt.DEPTH_LIMIT,
                )
            )
        middle = start_ms + (end_ms - start_ms) // 2
        if self.feedback is not None:
            self.feedback.pushInfo(
                tr(
                    "{}: {} rows between {} and {}, more than the {} one request may reach: the window is split "
                    "in two.",
                    api.label,
                    count,
                    iso_utc(start_ms),
                    iso_utc(end_ms),
                    fmt.DEPTH_LIMIT,
                )
            )
        # Daily endpoints take dates: the halves must not share a day.
        yield from self._windows(api, codes, variable, start_ms, middle)
        yield from self._windows(api, codes, variable, self._after(api, middle), end_ms)

    @staticmethod
    def _after(api, moment_ms: int) -> int:
        if api.key in ("hydrometry_elaborated", "piezometry", "river_quality"):
            return (moment_ms // DAY_MS + 1) * DAY_MS
        return moment_ms + 1
