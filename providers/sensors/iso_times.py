"""ISO 8601 UTC text ⇄ UTC milliseconds for a whole page at once (numpy), the hot path of a million observations.

Pure Python + numpy (no ``qgis``). Only the canonical forms are handled here, by digit arithmetic on the characters
(numpy's own text → datetime64 parsing costs about 1 µs a value, this about 0.1 µs):

- :func:`parse_utc_texts`: ``YYYY-MM-DDTHH:MM:SSZ`` and ``YYYY-MM-DDTHH:MM:SS.sssZ`` (all of one length) → ms;
  it returns None as soon as one value is anything else (another form, an impossible date, hour 24, a leap
  second...), and the caller then reads the page value by value (:class:`.records.TimeParser`), so the results are
  the same either way;
- :func:`format_utc_ms`: ms → ``YYYY-MM-DDTHH:MM:SS.sssZ`` (the GeoPackage date-time text), years 1 to 9999.

Civil dates ⇄ day numbers with H. Hinnant's algorithms (proleptic Gregorian calendar, like ``datetime``).
"""

from __future__ import annotations

from typing import Optional

import numpy as np

_DAY_MS = 86_400_000
_ZERO = ord("0")
# Character positions: digits and separators of "YYYY-MM-DDTHH:MM:SS" (+ ".sss") + "Z".
_SEPARATORS = {4: "-", 7: "-", 10: "T", 13: ":", 16: ":"}
_DIGITS_19 = [i for i in range(19) if i not in _SEPARATORS]
_MONTH_DAYS = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)


def _number(digits, start: int, size: int):
    value = digits[:, start]
    for offset in range(1, size):
        value = value * 10 + digits[:, start + offset]
    return value


def _days_from_civil(year, month, day):
    year = year - (month <= 2)
    era = year // 400  # year >= 0 here
    year_of_era = year - era * 400
    day_of_year = (153 * np.where(month > 2, month - 3, month + 9) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - 719468


def parse_utc_texts(texts) -> Optional[list]:
    """UTC milliseconds of each ``YYYY-MM-DDTHH:MM:SS[.sss]Z`` text of ``texts`` (a list), or None when one of them
    is not exactly that (then read them one by one)."""
    count = len(texts)
    if not count:
        return []
    try:
        array = np.array(texts)
    except (ValueError, TypeError, OverflowError):
        return None
    if array.dtype.kind != "U" or array.ndim != 1:
        return None
    width = array.dtype.itemsize // 4
    if width not in (20, 24):
        return None
    chars = array.view(np.uint32).reshape(count, width).astype(np.int64)
    if not (chars[:, width - 1] == ord("Z")).all():
        return None  # also catches shorter texts (numpy pads them with NUL)
    for position, separator in _SEPARATORS.items():
        if not (chars[:, position] == ord(separator)).all():
            return None
    positions = list(_DIGITS_19)
    if width == 24:
        if not (chars[:, 19] == ord(".")).all():
            return None
        positions += [20, 21, 22]
    digits = chars - _ZERO
    checked = digits[:, positions]
    if not ((checked >= 0) & (checked <= 9)).all():
        return None
    year, month, day = _number(digits, 0, 4), _number(digits, 5, 2), _number(digits, 8, 2)
    hour, minute, second = _number(digits, 11, 2), _number(digits, 14, 2), _number(digits, 17, 2)
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    month_days = _MONTH_DAYS[np.clip(month, 0, 12)] + (leap & (month == 2))
    if not (
        (year >= 1).all()
        & ((month >= 1) & (month <= 12)).all()
        & ((day >= 1) & (day <= month_days)).all()
        & (hour <= 23).all()
        & (minute <= 59).all()
        & (second <= 59).all()
    ):
        return None
    ms = _days_from_civil(year, month, day) * _DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000
    if width == 24:
        ms += _number(digits, 20, 3)
    return ms.tolist()


def _put(chars, start: int, size: int, value) -> None:
    for offset in range(size - 1, -1, -1):
        chars[:, start + offset] = value % 10 + _ZERO
        value = value // 10


def format_utc_ms(values) -> list:
    """``YYYY-MM-DDTHH:MM:SS.sssZ`` of each UTC millisecond value of ``values`` (a list; None stays None)."""
    count = len(values)
    if not count:
        return []
    missing = None
    if None in values:
        missing = [v is None for v in values]
        values = [0 if v is None else v for v in values]
    ms = np.array(values, dtype=np.int64)
    days = ms // _DAY_MS
    in_day = ms - days * _DAY_MS
    # civil date of the day number
    shifted = days + 719468
    era = shifted // 146097
    day_of_era = shifted - era * 146097
    year_of_era = (day_of_era - day_of_era // 1460 + day_of_era // 36524 - day_of_era // 146096) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    shifted_month = (5 * day_of_year + 2) // 153
    day = day_of_year - (153 * shifted_month + 2) // 5 + 1
    month = np.where(shifted_month < 10, shifted_month + 3, shifted_month - 9)
    year = year_of_era + era * 400 + (month <= 2)
    if not ((year >= 1) & (year <= 9999)).all():
        texts = np.char.add(ms.astype("datetime64[ms]").astype(str), "Z").tolist()
    else:
        chars = np.empty((count, 24), dtype=np.uint32)
        for position, separator in {**_SEPARATORS, 19: ".", 23: "Z"}.items():
            chars[:, position] = ord(separator)
        _put(chars, 0, 4, year)
        _put(chars, 5, 2, month)
        _put(chars, 8, 2, day)
        seconds, millis = in_day // 1000, in_day % 1000
        _put(chars, 11, 2, seconds // 3600)
        _put(chars, 14, 2, seconds // 60 % 60)
        _put(chars, 17, 2, seconds % 60)
        _put(chars, 20, 3, millis)
        texts = chars.view("<U24").reshape(count).tolist()
    if missing is not None:
        texts = [None if m else t for t, m in zip(texts, missing)]
    return texts
