"""Client of an OGC SensorThings API service (1.0 or 1.1), through TerriData's network layer.

- :meth:`SensorThingsClient.service`: the service root and its conformance classes (refuses what is not SensorThings);
- :meth:`SensorThingsClient.stations`: Things with their Locations and Datastreams (and MultiDatastreams), also the
  Datastreams beyond the first page of an expanded collection (``Datastreams@iot.nextLink``), optionally only the
  Things whose Location intersects an extent (``geo.intersects``);
- :meth:`SensorThingsClient.series`: what one Datastream or MultiDatastream measures, where;
- :meth:`SensorThingsClient.observation_pages`: its Observations over a time window (``$filter`` on
  ``phenomenonTime``, ``$select``, ``$orderby``; ``$resultFormat=dataArray`` when the server offers it), page by
  page, each ``@iot.nextLink`` followed as an opaque URL after :func:`.sensorthings_format.check_next_link`.

Credentials come from a QGIS authentication configuration id (``authcfg``), applied by the network layer.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterator, List, Optional, Tuple

from ...toolbelt.network import NetworkClient, NetworkError, RequestCancelled
from . import sensorthings_format as fmt
from .json_stream import JsonReader, TruncatedJsonError
from .records import SensorDataError, Series, Station, TimeParser, iso_utc, tr

SERVICE_ID = "sensorthings"
#: Page size asked for ($top); servers cap it at their own maximum, which is fine (we follow nextLink).
PAGE_SIZE = 10000
SELECT = "phenomenonTime,result,resultQuality"
#: Observation pages larger than this are parsed piece by piece from disk (smaller ones with one json.loads).
STREAM_ABOVE_BYTES = 16 * 1024 * 1024


def polygon_wkt(extent) -> str:
    """``POLYGON((...))`` of an (xmin, ymin, xmax, ymax) extent in lon/lat."""
    xmin, ymin, xmax, ymax = extent
    return f"POLYGON(({xmin} {ymin},{xmax} {ymin},{xmax} {ymax},{xmin} {ymax},{xmin} {ymin}))"


class SensorThingsClient:
    """Requests to one SensorThings service. ``root_url`` ends with the version (``.../v1.1``)."""

    def __init__(self, root_url: str, feedback=None, authcfg: str = ""):
        self.root_url = str(root_url).strip().rstrip("/")
        if not self.root_url.lower().startswith(("http://", "https://")):
            raise SensorDataError(tr("The SensorThings address must start with http:// or https:// ({}).", root_url))
        self.feedback = feedback
        self.http = NetworkClient(SERVICE_ID, feedback=feedback, authcfg=authcfg)
        self.parser = TimeParser()
        self._info: Optional[fmt.ServiceInfo] = None

    # ------------------------------------------------------------------------------------------ service

    def service(self) -> fmt.ServiceInfo:
        if self._info is None:
            try:
                doc = self.http.get_json(self.root_url)
            except RequestCancelled:
                raise
            except NetworkError as exc:
                if exc.status is not None and 200 <= exc.status < 300:  # answered, but not JSON
                    raise SensorDataError(
                        tr(
                            "{} is not the root of a SensorThings API service (its answer is not JSON). Give the "
                            "address that ends with the version, e.g. https://example.org/FROST-Server/v1.1",
                            self.root_url,
                        )
                    ) from None
                raise
            self._info = fmt.parse_service_root(doc, self.root_url)
        return self._info

    # ------------------------------------------------------------------------------------------ paging

    def _cancelled(self) -> bool:
        return self.feedback is not None and self.feedback.isCanceled()

    def _check_cancelled(self) -> None:
        if self._cancelled():
            raise RequestCancelled(tr("Reading {} was cancelled.", self.root_url), service=SERVICE_ID)

    def pages(self, url: str, params: Optional[dict], what: str) -> Iterator[Tuple[int, dict]]:
        """``(page number from 1, document)`` of ``url`` then of each ``@iot.nextLink`` (checked, followed as is)."""
        seen = set()
        number = 0
        next_url, next_params = url, params
        while next_url:
            self._check_cancelled()
            number += 1
            try:
                doc = self.http.get(next_url, params=next_params, headers={"Accept": "application/json"}).json()
            except RequestCancelled:
                raise
            except NetworkError as exc:
                if exc.status is not None and 200 <= exc.status < 300:
                    raise SensorDataError(tr("Page {} of {}: {}", number, what, exc)) from None
                raise
            if not isinstance(doc, dict) or not isinstance(doc.get("value"), list):
                raise SensorDataError(
                    tr("Page {} of {} has no 'value' list: the answer is not a SensorThings collection.", number, what)
                )
            yield number, doc
            link = doc.get("@iot.nextLink")
            next_url = fmt.check_next_link(str(link), self.root_url, seen, what) if link else None
            next_params = None

    def _complete(self, entity: dict, name: str, what: str) -> list:
        """An expanded collection of ``entity`` with the pages behind its ``<name>@iot.nextLink``."""
        items = list(entity.get(name) or [])
        link = entity.get(f"{name}@iot.nextLink")
        if link:
            first = fmt.check_next_link(str(link), self.root_url, set(), what)
            for _number, doc in self.pages(first, None, what):
                items.extend(doc["value"])
        return items

    # ------------------------------------------------------------------------------------------ stations

    def stations(self, extent=None, on_page=None) -> Iterator[Station]:
        """Every Thing as a :class:`Station` (Location geometry, its series with units and phenomenon times).

        ``extent``: (xmin, ymin, xmax, ymax) in lon/lat: only Things whose Location intersects it.
        ``on_page(number)``: called after each page.
        """
        info = self.service()
        expand = "Locations,Datastreams($expand=ObservedProperty)"
        if info.has_multi_datastreams:
            expand += ",MultiDatastreams($expand=ObservedProperties)"
        params = {"$expand": expand, "$top": 1000}
        if extent is not None:
            params["$filter"] = f"geo.intersects(Locations/location, geography'{polygon_wkt(extent)}')"
        what = tr("the Things of {}", self.root_url)
        for number, doc in self.pages(f"{self.root_url}/Things", params, what):
            for thing in doc["value"]:
                label = tr("the Datastreams of Thing {}", fmt.entity_id(thing))
                datastreams = self._complete(thing, "Datastreams", label)
                if info.has_multi_datastreams:
                    datastreams += self._complete(thing, "MultiDatastreams", label)
                if "Locations@iot.nextLink" in thing and not thing.get("Locations"):
                    thing = dict(thing, Locations=self._complete(thing, "Locations", label))
                self_link = str(thing.get("@iot.selfLink") or "")
                yield fmt.thing_station(thing, datastreams, self.parser, self_link)
            if on_page is not None:
                on_page(number)

    # ------------------------------------------------------------------------------------------ observations

    def series(self, reference: str) -> Tuple[str, str, List[Series]]:
        """``(entity set, id in URL, series)`` of a Datastream (``"12"``) or a MultiDatastream (``"multi:7"``)."""
        info = self.service()
        entity_set, ident = fmt.parse_series_reference(reference)
        if entity_set not in info.entity_sets:
            raise SensorDataError(tr("{} has no {} (asked for '{}').", self.root_url, entity_set, reference))
        key = fmt.id_in_url(ident)
        expand = "Thing($expand=Locations)," + ("ObservedProperties" if entity_set == "MultiDatastreams" else
                                                 "ObservedProperty")  # fmt: skip
        url = f"{self.root_url}/{entity_set}({key})"
        try:
            doc = self.http.get_json(url, params={"$expand": expand})
        except NetworkError as exc:
            if exc.status in (400, 404):
                raise SensorDataError(
                    tr(
                        "The datastream '{}' does not exist on {}. Run 'SensorThings stations' to list the "
                        "datastream ids of each station (field sensor_ids).",
                        reference,
                        self.root_url,
                    )
                ) from None
            raise
        if not isinstance(doc, dict) or fmt.entity_id(doc) is None:
            raise SensorDataError(tr("The datastream '{}' does not exist on {}.", reference, self.root_url))
        return entity_set, key, fmt.datastream_series(doc)

    def observation_pages(self, reference: str, start_ms: int, end_ms: int) -> Iterator[Tuple[int, list]]:
        """``(page number, rows)`` of the Observations of one (Multi)Datastream with ``start <= phenomenonTime <=
        end``, oldest first; rows in the order of ``records.OBSERVATION_FIELDS``."""
        info = self.service()
        entity_set, key, series = self.series(reference)
        params = {
            "$filter": f"phenomenonTime ge {iso_utc(start_ms)} and phenomenonTime le {iso_utc(end_ms)}",
            "$orderby": "phenomenonTime asc",
            "$select": SELECT,
            "$top": PAGE_SIZE,
        }
        data_array = info.offers_data_array
        if data_array:
            params["$resultFormat"] = "dataArray"
        what = tr("the observations of {} {}", entity_set[:-1], reference)
        url = f"{self.root_url}/{entity_set}({key})/Observations"
        yield from self._observation_pages(url, params, what, series, data_array)

    def _observation_pages(self, url, params, what, series, data_array) -> Iterator[Tuple[int, list]]:
        """Each page is streamed to a temporary file by the network layer, then read: whole when small, piece by
        piece (:mod:`.json_stream`) when larger than :data:`STREAM_ABOVE_BYTES`, so memory stays flat."""
        seen = set()
        number = 0
        next_url, next_params = url, params
        with tempfile.TemporaryDirectory(prefix="terridata-sta-") as folder:
            path = Path(folder) / "page.json"
            while next_url:
                self._check_cancelled()
                number += 1
                self.http.download(next_url, path, params=next_params)
                info = {}
                try:
                    for rows in self._read_page(path, series, data_array, info):
                        yield number, rows
                except TruncatedJsonError as exc:
                    raise SensorDataError(
                        tr("Page {} of {}: the answer is cut short or is not valid JSON ({}).", number, what, exc)
                    ) from None
                except (ValueError, TypeError, IndexError, AttributeError) as exc:
                    raise SensorDataError(
                        tr("Page {} of {} holds an observation TerriData cannot read ({}).", number, what, exc)
                    ) from None
                if not info.get("value"):
                    raise SensorDataError(
                        tr(
                            "Page {} of {} has no 'value' list: the answer is not a SensorThings collection.",
                            number,
                            what,
                        )  # fmt: skip
                    )
                link = info.get("@iot.nextLink")
                next_url = fmt.check_next_link(str(link), self.root_url, seen, what) if link else None
                next_params = None

    def _read_page(self, path: Path, series, data_array: bool, info: dict):
        if os.path.getsize(path) > STREAM_ABOVE_BYTES:
            with open(path, "rb") as handle:
                yield from fmt.stream_rows(JsonReader(handle), series, self.parser, data_array, info)
            return
        import json

        try:
            doc = json.loads(path.read_bytes().decode("utf-8-sig"))
        except ValueError as exc:
            raise TruncatedJsonError(str(exc).split(":")[0]) from None
        if not isinstance(doc, dict) or not isinstance(doc.get("value"), list):
            return
        info.update({k: v for k, v in doc.items() if k != "value"}, value=True)
        values = doc["value"]
        if data_array and values and isinstance(values[0], dict) and "dataArray" in values[0]:
            yield fmt.data_array_rows(values, series, self.parser)
        else:
            yield fmt.observation_rows(values, series, self.parser)
