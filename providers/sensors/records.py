"""What every sensor dataset provider produces: stations and observation rows with the same fields for every API.

Pure Python (no ``qgis`` import), tested in ``tests/unit``. The field names are the ones the processing algorithms
write and the ones ``terridata:sensor_qc`` and ``terridata:aggregate_time_series`` are given by a model
(``sensor_id``, ``observed_at``, ``value``, ``property``), so a chain needs no field mapping.

Times are UTC instants in integer milliseconds since 1970. A time written without a time zone is read as UTC and
counted in :attr:`TimeParser.naive_count`, so the caller can say so in its log.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Optional, Sequence

try:  # translated inside QGIS; plain English where no Qt is available (unit tests of the pure parts)
    from ...toolbelt.i18n import tr
except ImportError:  # pragma: no cover

    def tr(message: str, *args) -> str:
        return message.format(*args) if args else message


# Observation fields (name, kind): kind is one of "string", "datetime", "double".
OBSERVATION_FIELDS = (
    ("sensor_id", "string"),  # one series: a Datastream (SensorThings) or station + variable (Hub'Eau)
    ("station_id", "string"),
    ("station_name", "string"),
    ("property", "string"),
    ("observed_at", "datetime"),  # phenomenon time (the start of an interval), UTC
    ("observed_end", "datetime"),  # end of an interval phenomenon time; equal to observed_at for an instant
    ("value", "double"),  # numeric result (null when the result is not a number)
    ("result", "string"),  # any other result (text, boolean, object as JSON)
    ("unit", "string"),
    ("quality", "string"),
)
OBSERVATION_FIELD_NAMES = tuple(name for name, _ in OBSERVATION_FIELDS)

STATION_FIELDS = (
    ("station_id", "string"),
    ("station_name", "string"),
    ("sensor_ids", "string"),  # ';'-separated series ids, to give to the observations algorithm
    ("properties", "string"),  # ';'-separated, in the order of sensor_ids
    ("units", "string"),  # ';'-separated, in the order of sensor_ids
    ("first_observation", "datetime"),
    ("last_observation", "datetime"),
    ("description", "string"),
    ("source_url", "string"),
)
STATION_FIELD_NAMES = tuple(name for name, _ in STATION_FIELDS)

LIST_SEPARATOR = ";"


@dataclass
class Station:
    """A measuring place with the series it offers; ``geometry`` is GeoJSON (lon/lat, EPSG:4326) or None."""

    station_id: str
    station_name: str = ""
    geometry: Optional[dict] = None
    sensor_ids: list = field(default_factory=list)
    properties: list = field(default_factory=list)
    units: list = field(default_factory=list)
    first_ms: Optional[int] = None
    last_ms: Optional[int] = None
    description: str = ""
    source_url: str = ""

    def add_series(self, sensor_id: str, prop: str, unit: str, first_ms=None, last_ms=None) -> None:
        self.sensor_ids.append(str(sensor_id))
        self.properties.append(prop or "")
        self.units.append(unit or "")
        if first_ms is not None:
            self.first_ms = first_ms if self.first_ms is None else min(self.first_ms, first_ms)
        if last_ms is not None:
            self.last_ms = last_ms if self.last_ms is None else max(self.last_ms, last_ms)

    def row(self) -> tuple:
        """Values in the order of :data:`STATION_FIELDS`."""
        return (
            self.station_id,
            self.station_name,
            LIST_SEPARATOR.join(self.sensor_ids),
            LIST_SEPARATOR.join(self.properties),
            LIST_SEPARATOR.join(self.units),
            self.first_ms,
            self.last_ms,
            self.description,
            self.source_url,
        )


class ColumnRows(Sequence):
    """Observation rows of one page held by column (lists in the order of :data:`OBSERVATION_FIELDS`, all of one
    length): what the fast SensorThings path produces, read like a list of row tuples, and stored and written column
    by column without making a tuple per row (a million row tuples cost more than the rest of the pipeline, mostly in
    the garbage collector)."""

    __slots__ = ("columns",)

    def __init__(self, columns: list):
        self.columns = columns

    def __len__(self) -> int:
        return len(self.columns[0]) if self.columns else 0

    def __getitem__(self, index):
        if isinstance(index, slice):
            return list(zip(*(column[index] for column in self.columns)))
        return tuple(column[index] for column in self.columns)

    def __iter__(self):
        return zip(*self.columns)

    def __eq__(self, other) -> bool:
        if isinstance(other, (list, ColumnRows)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None

    def __repr__(self) -> str:
        return f"ColumnRows({list(self)!r})"


@dataclass(frozen=True)
class Series:
    """What is known of one series before its observations are read (the same for every row of it)."""

    sensor_id: str
    station_id: str = ""
    station_name: str = ""
    prop: str = ""
    unit: str = ""
    geometry: Optional[dict] = None  # GeoJSON of the station (lon/lat)


def split_result(result):
    """``(value, text)``: a number goes to ``value``; a string, boolean or object to ``text`` (JSON for objects).

    A string holding a number (some servers send ``"12.5"``) is a number. NaN and infinities are kept as text.
    """
    if result is None:
        return None, None
    if isinstance(result, bool):
        return None, "true" if result else "false"
    if isinstance(result, (int, float)):
        number = float(result)
        return (number, None) if math.isfinite(number) else (None, str(result))
    if isinstance(result, str):
        try:
            number = float(result)
        except ValueError:
            return None, result
        return (number, None) if math.isfinite(number) else (None, result)
    return None, json.dumps(result, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


class TimeParser:
    """ISO 8601 text → UTC milliseconds. Times without a zone are UTC (counted in :attr:`naive_count`).

    The common ``YYYY-MM-DDTHH:MM:SS[.fff]Z`` form is read by slicing, with the day's epoch cached (a million
    observations a minute apart share 700 days); anything else goes through ``datetime.fromisoformat``.
    """

    def __init__(self):
        self.naive_count = 0
        self.first_naive = ""
        self._days = {}

    def _fast(self, text: str) -> Optional[int]:
        size = len(text)
        if not (size == 20 or size == 24) or text[-1] != "Z" or text[10] != "T" or text[13] != ":" or text[16] != ":":
            return None
        day = self._days.get(text[:10])
        if day is None:
            day = ms_of(date.fromisoformat(text[:10]))
            self._days[text[:10]] = day
        try:
            millis = (int(text[11:13]) * 3600 + int(text[14:16]) * 60 + int(text[17:19])) * 1000
            if size == 24:
                if text[19] != ".":
                    return None
                millis += int(text[20:23])
        except ValueError:
            return None
        return day + millis

    def ms(self, text) -> Optional[int]:
        """Milliseconds since 1970 (UTC) of an instant; None for a missing value. ValueError if unreadable."""
        if text is None or text == "":
            return None
        if type(text) is str:
            fast = self._fast(text)
            if fast is not None:
                return fast
        if isinstance(text, (int, float)) and not isinstance(text, bool):
            return int(text)  # already epoch milliseconds (Hub'Eau never sends this; kept for completeness)
        value = str(text).strip()
        if value.endswith(("Z", "z")):
            value = value[:-1] + "+00:00"
        if len(value) == 10:  # a date: its UTC midnight
            parsed = datetime.fromisoformat(value + "T00:00:00")
        else:
            parsed = datetime.fromisoformat(_trim_fraction(value))
        if parsed.tzinfo is None:
            self.naive_count += 1
            if not self.first_naive:
                self.first_naive = str(text)
            parsed = parsed.replace(tzinfo=timezone.utc)
        delta = parsed - _EPOCH
        return (delta.days * 86400 + delta.seconds) * 1000 + delta.microseconds // 1000

    def interval(self, text):
        """``(start_ms, end_ms)`` of an instant (end = start) or an interval ``start/end`` (ISO 8601)."""
        if text is None or text == "":
            return None, None
        value = str(text)
        if "/" in value:
            start, _, end = value.partition("/")
            return self.ms(start), self.ms(end)
        instant = self.ms(value)
        return instant, instant


def _trim_fraction(value: str) -> str:
    """Python 3.9's ``fromisoformat`` wants 3 or 6 fraction digits: pad or cut others (``.5`` → ``.500``)."""
    dot = value.find(".", 19)
    if dot < 0:
        return value
    end = dot + 1
    while end < len(value) and value[end].isdigit():
        end += 1
    digits = value[dot + 1 : end]
    if len(digits) in (3, 6):
        return value
    digits = (digits + "000000")[:6]
    return value[: dot + 1] + digits + value[end:]


def iso_utc(ms: int) -> str:
    """``2024-01-01T00:00:00Z`` from UTC milliseconds (what the services' filters take)."""
    moment = _EPOCH + timedelta(milliseconds=int(ms))
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if moment.microsecond:
        text += f".{moment.microsecond // 1000:03d}"
    return text + "Z"


def ms_of(moment) -> int:
    """UTC milliseconds of an aware datetime (a naive one is UTC) or a date (its UTC midnight)."""
    if isinstance(moment, date) and not isinstance(moment, datetime):
        moment = datetime(moment.year, moment.month, moment.day)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    delta = moment - _EPOCH
    return (delta.days * 86400 + delta.seconds) * 1000 + delta.microseconds // 1000


class SensorDataError(Exception):
    """The service answered something that is not what its API documents (user-facing message)."""
