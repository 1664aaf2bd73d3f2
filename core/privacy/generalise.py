"""Generalisation hierarchies of quasi-identifiers.

Each :class:`Hierarchy` holds the column's values at every level, level 0 being the original (as text) and the
last level ``"*"`` (fully suppressed). Levels are ordered from the least to the most general, so that the k-anonymity
search can try the least generalisation first.

- age → exact, 5-year, 10-year, 20-year bands, ``*``;
- date → day, ISO week (``2024-W05``), month (``2024-03``), year, ``*``;
- commune (INSEE code) → commune, EPCI (from a commune → EPCI mapping), département, ``*``;
- coordinates (EPSG:3035 metres) → INSEE grid cells of 200 m, 1 km, 2 km, 4 km, 8 km, ``*``;
- categorical → value, ``*``; numeric → bands of the given widths, ``*``.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..inspire_grid import cell_corners, cell_ids, grid_domain_mask
from ..messages import QT_TR_NOOP, Message

SUPPRESSED = "*"
MISSING = ""
DEFAULT_GRID_SIZES = (200, 1000, 2000, 4000, 8000)
DEFAULT_AGE_BANDS = (5, 10, 20)


@dataclass
class Hierarchy:
    """A quasi-identifier: its ``name``, ``kind``, level names and the values (object arrays) at every level."""

    name: str
    kind: str
    level_names: list
    levels: list = field(repr=False)  # one np.ndarray (object) per level
    extra: dict = field(default_factory=dict, repr=False)  # e.g. grid sizes

    @property
    def max_level(self) -> int:
        return len(self.levels) - 1

    def values(self, level: int) -> np.ndarray:
        return self.levels[level]


def _as_text(values) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    for i, v in enumerate(values):
        out[i] = MISSING if v is None or (isinstance(v, float) and np.isnan(v)) else str(v)
    return out


def _level(name: str) -> Message:
    """A generalisation level's name (shown in the risk report, translated there; the same text in JSON)."""
    return Message(name)


# The level names, for pylupdate5 (the names themselves are in the hierarchies below).
_LEVEL_NAMES = (
    QT_TR_NOOP("value"),
    QT_TR_NOOP("suppressed"),
    QT_TR_NOOP("exact"),
    QT_TR_NOOP("exact age"),
    QT_TR_NOOP("day"),
    QT_TR_NOOP("week"),
    QT_TR_NOOP("month"),
    QT_TR_NOOP("year"),
    QT_TR_NOOP("commune"),
    QT_TR_NOOP("département"),
)


def _star(n: int) -> np.ndarray:
    return np.full(n, SUPPRESSED, dtype=object)


def categorical(name: str, values) -> Hierarchy:
    text = _as_text(values)
    return Hierarchy(name, "categorical", [_level("value"), _level("suppressed")], [text, _star(len(text))])


def _bands(num: np.ndarray, width: float) -> np.ndarray:
    out = np.full(len(num), MISSING, dtype=object)
    ok = ~np.isnan(num)
    low = np.floor(num[ok] / width) * width
    high = low + width - (1 if float(width).is_integer() else 0)
    fmt = (lambda a: str(int(a))) if float(width).is_integer() else (lambda a: f"{a:g}")
    out[ok] = [f"{fmt(a)}-{fmt(b)}" for a, b in zip(low, high)]
    return out


def numeric(name: str, values, widths=(10,), kind: str = "numeric") -> Hierarchy:
    num = pd.to_numeric(pd.Series(list(values), dtype=object), errors="coerce").to_numpy(dtype="float64")
    exact = np.full(len(num), MISSING, dtype=object)
    ok = ~np.isnan(num)
    exact[ok] = [f"{v:g}" for v in num[ok]]
    levels = [exact] + [_bands(num, w) for w in widths] + [_star(len(num))]
    names = [_level("exact")] + [Message(QT_TR_NOOP("bands of {:g}"), w) for w in widths] + [_level("suppressed")]
    return Hierarchy(name, kind, names, levels)


def age(name: str, values, bands=DEFAULT_AGE_BANDS) -> Hierarchy:
    hierarchy = numeric(name, values, bands, kind="age")
    hierarchy.level_names = (
        [_level("exact age")] + [Message(QT_TR_NOOP("{}-year bands"), b) for b in bands] + [_level("suppressed")]
    )
    return hierarchy


_ISO_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")
_FR_DAY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})")


def _parse_dates(values) -> pd.Series:
    """Dates, datetimes, ISO (``2024-03-05…``) or French (``05/03/2024``) strings → datetimes (NaT otherwise).

    The calendar day as written is kept (a time zone offset does not move a report to another day).
    """
    days = []
    for v in values:
        day = None
        if isinstance(v, (_dt.date, _dt.datetime)):
            day = (v.year, v.month, v.day)
        elif v is not None:
            text = str(v).strip()
            m = _ISO_DAY.match(text)
            if m:
                day = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
            else:
                m = _FR_DAY.match(text)
                if m:
                    day = (int(m.group(3)), int(m.group(2)), int(m.group(1)))
        try:
            days.append(pd.Timestamp(*day) if day else pd.NaT)
        except ValueError:
            days.append(pd.NaT)
    return pd.Series(pd.to_datetime(pd.Series(days, dtype="datetime64[ns]")))


def date(name: str, values) -> Hierarchy:
    parsed = _parse_dates(values)
    ok = parsed.notna().to_numpy()
    n = len(parsed)

    def fill(series_text):
        out = np.full(n, MISSING, dtype=object)
        out[ok] = series_text[ok]
        return out

    day = fill(parsed.dt.strftime("%Y-%m-%d").to_numpy(dtype=object))
    iso = parsed.dt.isocalendar()
    week_txt = np.array(
        [f"{int(y)}-W{int(w):02d}" if ok[i] else MISSING for i, (y, w) in enumerate(zip(iso["year"], iso["week"]))],
        dtype=object,
    )
    month = fill(parsed.dt.strftime("%Y-%m").to_numpy(dtype=object))
    year = fill(parsed.dt.strftime("%Y").to_numpy(dtype=object))
    return Hierarchy(
        name,
        "date",
        [_level("day"), _level("week"), _level("month"), _level("year"), _level("suppressed")],
        [day, week_txt, month, year, _star(n)],
    )


def departement_of(code: str) -> str:
    """Département of an INSEE commune code (``2A004`` → ``2A``, ``97411`` → ``974``)."""
    code = str(code).strip()
    if len(code) != 5:
        return MISSING
    return code[:3] if code.startswith("97") or code.startswith("98") else code[:2]


def commune(name: str, values, epci_of: dict | None = None) -> Hierarchy:
    """Commune → EPCI (``epci_of`` maps commune code → EPCI SIREN; unknown → its département) → département."""
    codes = _as_text(values)
    epci_of = epci_of or {}
    dep = np.array([departement_of(c) if c else MISSING for c in codes], dtype=object)
    epci = np.array(
        [("EPCI " + epci_of[c]) if c in epci_of else (("DEP " + d) if d else MISSING) for c, d in zip(codes, dep)],
        dtype=object,
    )
    return Hierarchy(
        name,
        "commune",
        [_level("commune"), "EPCI", _level("département"), _level("suppressed")],
        [codes, epci, dep, _star(len(codes))],
    )


def grid(name: str, x, y, sizes=DEFAULT_GRID_SIZES) -> Hierarchy:
    """Coordinates in EPSG:3035 → INSEE cell ids (``CRS3035RES1000mN…E…``); NaN or infinite coordinates, and points
    outside EPSG:3035's area of use, → missing (never a cell built from invalid input)."""
    x = np.asarray(x, dtype="float64")
    y = np.asarray(y, dtype="float64")
    ok = grid_domain_mask(x, y)
    levels = []
    for size in sizes:
        ids = np.full(len(x), MISSING, dtype=object)
        if ok.any():
            east, north = cell_corners(x[ok], y[ok], size)
            ids[ok] = cell_ids(east, north, size)
        levels.append(ids)
    levels.append(_star(len(x)))
    names = [
        Message(QT_TR_NOOP("{:g} km cell"), s / 1000) if s >= 1000 else Message(QT_TR_NOOP("{} m cell"), s)
        for s in sizes
    ] + [_level("suppressed")]
    return Hierarchy(name, "grid", names, levels, {"sizes": list(sizes)})
