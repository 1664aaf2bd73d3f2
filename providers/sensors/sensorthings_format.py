"""OGC SensorThings API 1.0/1.1 documents → TerriData stations and observation rows (pure Python, no ``qgis``).

The client (:mod:`.sensorthings`) fetches; this module reads what it fetched: the service root and its conformance
classes, Things with their Locations and Datastreams, Datastreams and MultiDatastreams (one series per component),
Observations in the entity format and in the ``dataArray`` format, and it checks every ``@iot.nextLink`` before it
is followed (same host as the service, never twice in one chain).
"""

from __future__ import annotations

import json
from itertools import repeat
from operator import itemgetter
from typing import Iterable, List, Optional
from urllib.parse import urlsplit

import numpy as np

from .iso_times import parse_utc_texts
from .records import ColumnRows, SensorDataError, Series, Station, TimeParser, split_result, tr

#: Prefix of the series id of a MultiDatastream component: ``multi:<id>:<component index>``.
MULTI_PREFIX = "multi:"
DATA_ARRAY_MARKERS = ("data-array", "dataarray")
_NUMBER_TYPES = {int, float}


class ServiceInfo:
    """What the service root says: the entity sets it serves and its conformance classes."""

    def __init__(self, url: str, entity_sets: dict, conformance: list):
        self.url = url
        self.entity_sets = entity_sets
        self.conformance = conformance

    @property
    def version(self) -> str:
        path = urlsplit(self.url).path.rstrip("/")
        return path.rsplit("/", 1)[-1] if path else ""

    @property
    def offers_data_array(self) -> bool:
        """True when the server says it implements ``$resultFormat=dataArray`` (SensorThings 1.1 conformance)."""
        return any(marker in str(c).lower() for c in self.conformance for marker in DATA_ARRAY_MARKERS)

    @property
    def has_multi_datastreams(self) -> bool:
        return "MultiDatastreams" in self.entity_sets


def parse_service_root(doc, url: str) -> ServiceInfo:
    """Read ``GET <root>``: ``{"value": [{"name", "url"}], "serverSettings": {"conformance": [...]}}``.

    Raises :class:`SensorDataError` when the document is not a SensorThings service root.
    """
    values = doc.get("value") if isinstance(doc, dict) else None
    sets = {}
    if isinstance(values, list):
        for item in values:
            if isinstance(item, dict) and item.get("name") and item.get("url"):
                sets[str(item["name"])] = str(item["url"])
    if "Datastreams" not in sets or "Things" not in sets:
        raise SensorDataError(
            tr(
                "{} is not the root of a SensorThings API service (its answer lists no Things and Datastreams). "
                "Give the address that ends with the version, e.g. https://example.org/FROST-Server/v1.1",
                url,
            )
        )
    settings = doc.get("serverSettings") or {}
    conformance = settings.get("conformance") if isinstance(settings, dict) else None
    return ServiceInfo(url, sets, [str(c) for c in conformance or []])


def check_next_link(next_url: str, root_url: str, seen: set, what: str) -> str:
    """Return ``next_url`` if it may be followed: same scheme, host and port as the service, not seen before in this
    chain (a server that sends the same page again would loop forever). ``what`` names the request in messages."""
    link, root = urlsplit(next_url), urlsplit(root_url)
    if not link.scheme or not link.netloc:
        raise SensorDataError(
            tr("The next-page link of {} is not an absolute address ({}): refused.", what, next_url[:200])
        )
    if (link.scheme.lower(), link.hostname, link.port) != (root.scheme.lower(), root.hostname, root.port):
        raise SensorDataError(
            tr(
                "The next-page link of {} points to another server ({}) than the service ({}): refused, for "
                "safety. The service is misconfigured (its public address setting): tell its administrator.",
                what,
                f"{link.scheme}://{link.hostname}:{link.port or ''}",
                f"{root.scheme}://{root.hostname}:{root.port or ''}",
            )
        )
    if next_url in seen:
        raise SensorDataError(
            tr(
                "The service sent the same next-page link twice for {}: it would loop forever, so reading "
                "stopped. The service's paging is broken: tell its administrator.",
                what,
            )
        )
    seen.add(next_url)
    return next_url


def entity_id(entity: dict):
    return entity.get("@iot.id") if isinstance(entity, dict) else None


def id_in_url(identifier) -> str:
    """An id as it goes inside ``Datastreams(<here>)``: numbers bare, strings quoted (quotes doubled)."""
    if isinstance(identifier, (int, float)) and not isinstance(identifier, bool):
        return str(int(identifier))
    text = str(identifier)
    if text.lstrip("-").isdigit():
        return text
    return "'" + text.strip("'").replace("'", "''") + "'"


def parse_series_reference(text: str):
    """``"12"`` / ``"'abc'"`` → ``("Datastreams", "12")``; ``"multi:7"`` or ``"multi:7:1"`` → MultiDatastream 7."""
    value = str(text).strip()
    if not value:
        raise ValueError("empty datastream id")
    if value.lower().startswith(MULTI_PREFIX):
        rest = value[len(MULTI_PREFIX) :]
        ident, _, _component = rest.partition(":")
        if not ident:
            raise ValueError(f"MultiDatastream id missing in {value!r}")
        return "MultiDatastreams", ident
    return "Datastreams", value.strip("'")


def _location_geometry(thing: dict) -> Optional[dict]:
    """The first GeoJSON geometry among a Thing's Locations (a Feature's geometry is taken from it)."""
    for location in thing.get("Locations") or []:
        geometry = location.get("location") if isinstance(location, dict) else None
        if isinstance(geometry, dict) and geometry.get("type") == "Feature":
            geometry = geometry.get("geometry")
        if isinstance(geometry, dict) and geometry.get("type"):
            return geometry
    return None


def _unit_text(unit) -> str:
    if not isinstance(unit, dict):
        return ""
    return str(unit.get("symbol") or unit.get("name") or "")


def _property_name(entity: dict) -> str:
    prop = entity.get("ObservedProperty")
    if isinstance(prop, dict) and prop.get("name"):
        return str(prop["name"])
    return str(entity.get("name") or "")


def datastream_series(datastream: dict, thing: Optional[dict] = None) -> List[Series]:
    """One :class:`Series` for a Datastream (with ``ObservedProperty`` and ``Thing($expand=Locations)`` expanded
    when available), one per component for a MultiDatastream (``unitOfMeasurements[]``, ``ObservedProperties[]``)."""
    thing = thing if thing is not None else (datastream.get("Thing") or {})
    station_id = "" if entity_id(thing) is None else str(entity_id(thing))
    station_name = str(thing.get("name") or "")
    geometry = _location_geometry(thing)
    ident = entity_id(datastream)
    if "unitOfMeasurements" in datastream or "multiObservationDataTypes" in datastream:
        units = datastream.get("unitOfMeasurements") or []
        props = datastream.get("ObservedProperties") or []
        count = max(len(units), len(props), len(datastream.get("multiObservationDataTypes") or []))
        return [
            Series(
                sensor_id=f"{MULTI_PREFIX}{ident}:{index}",
                station_id=station_id,
                station_name=station_name,
                prop=str((props[index] or {}).get("name") or "") if index < len(props) else f"component {index}",
                unit=_unit_text(units[index]) if index < len(units) else "",
                geometry=geometry,
            )
            for index in range(count)
        ]
    return [
        Series(
            sensor_id=str(ident),
            station_id=station_id,
            station_name=station_name,
            prop=_property_name(datastream),
            unit=_unit_text(datastream.get("unitOfMeasurement")),
            geometry=geometry,
        )
    ]


def thing_station(thing: dict, datastreams: Iterable[dict], parser: TimeParser, source_url: str = "") -> Station:
    """A :class:`Station` from a Thing (Locations expanded) and all its Datastreams and MultiDatastreams."""
    station = Station(
        station_id=str(entity_id(thing)),
        station_name=str(thing.get("name") or ""),
        geometry=_location_geometry(thing),
        description=str(thing.get("description") or ""),
        source_url=source_url,
    )
    for datastream in datastreams:
        try:
            first, last = parser.interval(datastream.get("phenomenonTime"))
        except ValueError:
            first = last = None
        for series in datastream_series(datastream, thing):
            station.add_series(series.sensor_id, series.prop, series.unit, first, last)
    return station


def _quality_text(value) -> Optional[str]:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _rows(series: List[Series], phenomenon, result, quality, parser: TimeParser):
    """The rows of one observation (several for a MultiDatastream)."""
    start, end = parser.interval(phenomenon)
    if start is None:
        return
    quality_text = _quality_text(quality)
    if len(series) == 1 and not series[0].sensor_id.startswith(MULTI_PREFIX):
        one = series[0]
        value, text = split_result(result)
        yield (one.sensor_id, one.station_id, one.station_name, one.prop, start, end, value, text, one.unit,
               quality_text)  # fmt: skip
        return
    results = result if isinstance(result, list) else [result]
    for index, component in enumerate(series):
        value, text = split_result(results[index] if index < len(results) else None)
        yield (component.sensor_id, component.station_id, component.station_name, component.prop, start, end,
               value, text, component.unit, quality_text)  # fmt: skip


def _single(series: List[Series]) -> Optional[Series]:
    if len(series) == 1 and not series[0].sensor_id.startswith(MULTI_PREFIX):
        return series[0]
    return None


def _fast_rows(one: Series, times: list, results: list, qualities: list, parser: TimeParser):
    """Rows of the parallel ``phenomenonTime``, ``result``, ``resultQuality`` lists of a plain Datastream (the hot
    path): canonical UTC times and finite numbers are converted for the whole page at once."""
    count = len(times)
    starts = parse_utc_texts(times)
    if starts is None:  # some time is not ``YYYY-MM-DDTHH:MM:SS[.sss]Z``: read them one by one
        starts, ends = [], []
        interval, instant = parser.interval, parser.ms
        for phenomenon in times:
            if type(phenomenon) is str and "/" not in phenomenon:
                start = end = instant(phenomenon)
            else:
                start, end = interval(phenomenon)
            starts.append(start)
            ends.append(end)
    else:
        ends = starts
    values = texts = None
    if set(map(type, results)) <= _NUMBER_TYPES:
        try:
            numbers = np.array(results, dtype=float)
        except OverflowError:
            numbers = None
        if numbers is not None and np.isfinite(numbers).all():
            values, texts = numbers.tolist(), [None] * count
    if values is None:
        values, texts = [], []
        for result in results:
            if type(result) is int or (type(result) is float and result - result == 0):  # finite number
                value, text = float(result), None
            else:
                value, text = split_result(result)
            values.append(value)
            texts.append(text)
    if qualities.count(None) == count:
        qualities = [None] * count
    else:
        qualities = [
            (quality if quality is None or type(quality) is str else _quality_text(quality)) or None
            for quality in qualities
        ]
    if None in starts:  # an observation without phenomenonTime is skipped
        rows = zip(repeat(one.sensor_id), repeat(one.station_id), repeat(one.station_name), repeat(one.prop),
                   starts, ends, values, texts, repeat(one.unit), qualities)  # fmt: skip
        return [row for row in rows if row[4] is not None]
    return ColumnRows([[one.sensor_id] * count, [one.station_id] * count, [one.station_name] * count,
                       [one.prop] * count, starts, ends, values, texts, [one.unit] * count, qualities])  # fmt: skip


def observation_rows(values: list, series: List[Series], parser: TimeParser):
    """Rows (in the order of ``records.OBSERVATION_FIELDS``) of a page of Observations in the entity format."""
    one = _single(series)
    if one is not None and set(map(type, values)) <= {dict}:
        get = dict.get
        return _fast_rows(
            one,
            list(map(get, values, repeat("phenomenonTime"))),
            list(map(get, values, repeat("result"))),
            list(map(get, values, repeat("resultQuality"))),
            parser,
        )
    rows = []
    for observation in values:
        if not isinstance(observation, dict):
            raise SensorDataError(tr("An observation is not a JSON object: the answer is not SensorThings."))
        rows.extend(
            _rows(
                series,
                observation.get("phenomenonTime"),
                observation.get("result"),
                observation.get("resultQuality"),
                parser,
            )  # fmt: skip
        )
    return rows


def data_array_rows(values: list, series: List[Series], parser: TimeParser):
    """Rows of a page in the ``$resultFormat=dataArray`` format:
    ``{"value": [{"components": ["phenomenonTime", "result", ...], "dataArray": [[...], ...]}]}``."""
    rows = []
    for block in values:
        components = block.get("components") if isinstance(block, dict) else None
        if not isinstance(components, list) or "phenomenonTime" not in components or "result" not in components:
            raise SensorDataError(tr("A dataArray block has no phenomenonTime and result components."))
        time_at, result_at = components.index("phenomenonTime"), components.index("result")
        quality_at = components.index("resultQuality") if "resultQuality" in components else -1
        one = _single(series)
        if one is not None:
            items = block.get("dataArray") or []
            times = list(map(itemgetter(time_at), items))
            results = list(map(itemgetter(result_at), items))
            qualities = list(map(itemgetter(quality_at), items)) if quality_at >= 0 else [None] * len(items)
            page = _fast_rows(one, times, results, qualities, parser)
            if len(values) == 1:
                return page  # one block (what servers send for one Datastream): its rows as they are
            rows.extend(page)
            continue
        for item in block.get("dataArray") or []:
            quality = item[quality_at] if quality_at >= 0 else None
            rows.extend(_rows(series, item[time_at], item[result_at], quality, parser))
    return rows


def error_message(doc) -> str:
    """The ``message`` of a SensorThings error document (``{"code", "type": "error", "message"}``), or ``""``."""
    if isinstance(doc, dict) and doc.get("message"):
        return str(doc["message"])[:300]
    return ""


def stream_rows(reader, series: List[Series], parser: TimeParser, data_array: bool, info: dict, batch: int = 5000):
    """Rows of an Observations page read piece by piece with a :class:`.json_stream.JsonReader`, in lists of at most
    ``batch``; the page's other top-level members (``@iot.nextLink``, ``@iot.count``) are put in ``info`` and
    ``info["value"]`` is True once the ``value`` list was seen."""
    for key in reader.members():
        if key != "value":
            info[key] = reader.value()
            continue
        info["value"] = True
        pending = []
        for _ in reader.items():
            if not data_array:
                pending.append(reader.value())
                if len(pending) >= batch:
                    yield observation_rows(pending, series, parser)
                    pending = []
                continue
            block = {}
            for member in reader.members():
                if member != "dataArray" or "components" not in block:
                    block[member] = reader.value()
                    continue
                for _ in reader.items():
                    pending.append(reader.value())
                    if len(pending) >= batch:
                        yield data_array_rows([dict(block, dataArray=pending)], series, parser)
                        pending = []
                if pending:
                    yield data_array_rows([dict(block, dataArray=pending)], series, parser)
                    pending = []
            if "dataArray" in block:  # dataArray came before components: read whole
                yield data_array_rows([block], series, parser)
            elif "phenomenonTime" in block:  # the server answered with entities although dataArray was asked
                yield observation_rows([block], series, parser)
        if pending:
            yield observation_rows(pending, series, parser)
