"""Time buckets in Europe/Paris local time: 15 minutes, hour, day, ISO week, month.

Instants are handled as UTC epoch seconds (int64 or float64). Bucket boundaries follow the local calendar:
a day starts at local midnight, a week on Monday at local midnight (ISO 8601), a month on its first day. On the
daylight-saving days the local day lasts 23 hours (last Sunday of March) or 25 hours (last Sunday of October).
Hour and 15-minute buckets are the same in UTC and in Paris local time (the offset is a whole number of hours),
so the two 02:00-03:00 local hours of the October change are two distinct buckets, and the March day has 23
hourly buckets. Instants are supported from 1970-01-01 to 2100-12-31, Paris local time
(:func:`unsupported_instants`): before 1970 the tz database describes older French time rules (Paris mean time,
``+00:09:21``, until 1911), which would label buckets with offsets no user expects.

Naive timestamps (without an offset) are read as Europe/Paris local time; the repeated hour in October is then read
as the first (summer time) occurrence and a time skipped in March moves forward by one hour.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

try:
    from zoneinfo import ZoneInfo
except ImportError:  # pragma: no cover - Python < 3.9
    ZoneInfo = None

PARIS = "Europe/Paris"
BUCKETS = ("15min", "hour", "day", "week", "month")
_UTC = dt.timezone.utc
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=_UTC)


def _tz(name: str = PARIS):
    if ZoneInfo is None:
        raise RuntimeError("Python's zoneinfo module is required for time zones")
    return ZoneInfo(name)


def supported_range(tz_name: str = PARIS):
    """``(first, end)`` UTC epoch seconds of the supported instants: local midnight of 1970-01-01 (included) to
    local midnight of 2101-01-01 (excluded) in ``tz_name``."""
    tz = _tz(tz_name)
    first = dt.datetime(1970, 1, 1, tzinfo=tz).timestamp()
    end = dt.datetime(2101, 1, 1, tzinfo=tz).timestamp()
    return first, end


def unsupported_instants(epoch_s, tz_name: str = PARIS) -> np.ndarray:
    """True where an instant (finite UTC epoch seconds) is outside :func:`supported_range`; NaN is False."""
    epoch_s = np.asarray(epoch_s, dtype=np.float64)
    first, end = supported_range(tz_name)
    with np.errstate(invalid="ignore"):
        return np.isfinite(epoch_s) & ((epoch_s < first) | (epoch_s >= end)) | np.isinf(epoch_s)


def utc_iso(epoch_s: float) -> str:
    """ISO 8601 UTC text of an instant, for messages (years 1 to 9999; the nearest end beyond)."""
    try:
        return (_EPOCH + dt.timedelta(seconds=float(epoch_s))).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (OverflowError, ValueError):
        return "0001-01-01T00:00:00Z" if float(epoch_s) < 0 else "9999-12-31T23:59:59Z"


def utc_offsets(epoch_s, tz_name: str = PARIS) -> np.ndarray:
    """UTC offset in seconds of the time zone at each instant (looked up once per distinct UTC hour)."""
    epoch_s = np.asarray(epoch_s, dtype=np.float64)
    hours = np.floor(epoch_s / 3600.0).astype(np.int64)
    unique, inverse = np.unique(hours, return_inverse=True)
    tz = _tz(tz_name)
    offsets = np.array(
        [(_EPOCH + dt.timedelta(hours=int(h))).astimezone(tz).utcoffset().total_seconds() for h in unique],
        dtype=np.int64,
    )
    return offsets[inverse] if len(unique) else np.empty(0, dtype=np.int64)


def _local_midnight_utc(days, tz) -> np.ndarray:
    """UTC epoch seconds of local midnight of the given local dates (days since 1970-01-01)."""
    unique, inverse = np.unique(np.asarray(days, dtype=np.int64), return_inverse=True)
    out = np.array(
        [
            dt.datetime.combine(dt.date(1970, 1, 1) + dt.timedelta(days=int(d)), dt.time(0), tzinfo=tz).timestamp()
            for d in unique
        ],
        dtype=np.int64,
    )
    return out[inverse] if len(unique) else np.empty(0, dtype=np.int64)


def bucket_bounds(epoch_s, bucket: str, tz_name: str = PARIS):
    """``(start, end)`` UTC epoch seconds (int64) of the bucket of each instant.

    ``ValueError`` for instants outside :func:`supported_range` (see the module's note).
    """
    if bucket not in BUCKETS:
        raise ValueError(f"Unknown time bucket {bucket!r}: use one of {', '.join(BUCKETS)}")
    epoch_s = np.asarray(epoch_s, dtype=np.float64)
    bad = unsupported_instants(epoch_s, tz_name)
    if bad.any():
        raise ValueError(
            f"{int(bad.sum())} instant(s) outside 1970-2100 (e.g. {utc_iso(epoch_s[bad][0])}): not supported"
        )
    if bucket in ("15min", "hour"):
        size = 900 if bucket == "15min" else 3600
        start = (np.floor(epoch_s / size) * size).astype(np.int64)
        return start, start + size
    tz = _tz(tz_name)
    local = epoch_s + utc_offsets(epoch_s, tz_name)
    local_day = np.floor(local / 86400.0).astype(np.int64)
    if bucket == "day":
        first, nxt = local_day, local_day + 1
    elif bucket == "week":
        monday = local_day - (local_day + 3) % 7  # 1970-01-01 was a Thursday
        first, nxt = monday, monday + 7
    else:
        month = local_day.astype("datetime64[D]").astype("datetime64[M]")
        first = month.astype("datetime64[D]").astype(np.int64)
        nxt = (month + 1).astype("datetime64[D]").astype(np.int64)
    return _local_midnight_utc(first, tz), _local_midnight_utc(nxt, tz)


def parse_timestamps(values, tz_name: str = PARIS) -> np.ndarray:
    """UTC epoch seconds (float64, NaN when missing or unreadable) of ISO 8601 strings or datetimes.

    Strings and ``datetime`` objects with an offset are exact; naive ones are read as local time of ``tz_name``
    (see the module's note on the repeated and skipped hours).
    """
    tz = _tz(tz_name)
    out = np.full(len(values), np.nan)
    for i, v in enumerate(values):
        if v is None:
            continue
        if isinstance(v, dt.datetime):
            d = v
        elif isinstance(v, dt.date):
            d = dt.datetime.combine(v, dt.time(0))
        else:
            text = str(v).strip()
            if not text:
                continue
            if text.endswith(("Z", "z")):
                text = text[:-1] + "+00:00"
            try:
                d = dt.datetime.fromisoformat(text)
            except ValueError:
                continue
        if d.tzinfo is None:
            d = localize(d, tz)
        try:
            out[i] = d.timestamp()
        except (OverflowError, ValueError):  # year 1 or 9999 shifted by the offset: outside datetime's range
            out[i] = d.replace(tzinfo=_UTC).timestamp()
    return out


def localize(naive: dt.datetime, tz) -> dt.datetime:
    """Attach ``tz`` to a naive local time (PEP 495 ``fold=0``): the first occurrence of a repeated time, and for
    a skipped time the offset in force before the change, which moves it forward (02:30 → 03:30 in March)."""
    return naive.replace(tzinfo=tz, fold=0)


def local_iso(epoch_s, tz_name: str = PARIS) -> list:
    """ISO 8601 local times with offset (``2024-03-31T03:00:00+02:00``) of UTC epoch seconds."""
    tz = _tz(tz_name)
    return [dt.datetime.fromtimestamp(int(s), tz=_UTC).astimezone(tz).isoformat() for s in np.asarray(epoch_s)]
