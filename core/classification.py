"""Honest classifications of a numeric variable for maps: breaks, labels and ColorBrewer colours (pure Python).

Methods (``classify(values, method, classes, ...)``), all computed on the values that exist (``None`` and NaN are the
"no data" class, counted apart):

- ``quantile``: breaks at data values (the largest value of each i/n share of the sorted values). Ties are never
  split across two classes: equal breaks are merged, so a variable with many equal values gets fewer classes than
  asked, never an empty class or a class "1 – 1" repeated; :attr:`Classification.reduced` says so.
- ``jenks``: Fisher–Jenks natural breaks (the partition that minimises the sum of squared deviations from the class
  means), computed exactly by dynamic programming over the distinct values (weighted by their counts) when there are
  at most :data:`JENKS_EXACT_LIMIT` of them; above that, on a random sample of that many distinct values drawn with
  the fixed seed :data:`JENKS_SEED` (the minimum and the maximum always kept), so the same data give the same breaks.
- ``equal``: equal intervals between the minimum and the maximum (a class may be empty: the legend says so).
- ``pretty``: equal intervals of a round width (1, 2, 2.5 or 5 × 10^k) starting and ending on multiples of it.
- ``manual``: the cut points the user gives (those outside the data's range are dropped and reported).

Classes are closed on the right: the first is ``[b0, b1]``, the next ones ``]b(k-1), bk]``. Labels
(:func:`class_labels`) show the smallest and largest value actually in each class, rounded to the fewest decimals
that keep neighbouring classes distinct, in French (decimal comma, narrow no-break space between thousands) or
English number format (:func:`format_number`).

Colours: ColorBrewer schemes (Cynthia A. Brewer, Mark Harrower and The Pennsylvania State University,
https://colorbrewer2.org, Apache License 2.0), copied from the published schemes. The sequential schemes and the
diverging ones offered here are the ones ColorBrewer marks colour-blind safe (at the class counts offered).
:func:`diverging_colours` centres a diverging scheme on a value the user gives (0 for rates of change).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence

from .messages import QT_TR_NOOP, Message

METHODS = ("quantile", "jenks", "equal", "pretty", "manual")
JENKS_EXACT_LIMIT = 3000  # distinct values; above, a sample of that many (fixed seed)
JENKS_SEED = 20_240_101
MAX_CLASSES = 9
NO_DATA_COLOUR = "#d9d9d9"
MINUS = "\u2212"  # typographic minus sign
NARROW_NBSP = "\u202f"  # French thousands separator ("espace fine insécable")

BREWER = {
    "YlOrRd": {
        3: ("#ffeda0", "#feb24c", "#f03b20"),
        4: ("#ffffb2", "#fecc5c", "#fd8d3c", "#e31a1c"),
        5: ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"),
        6: ("#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026"),
        7: ("#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"),
        8: ("#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"),
        9: ("#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#bd0026", "#800026"),
    },
    "OrRd": {
        3: ("#fee8c8", "#fdbb84", "#e34a33"),
        4: ("#fef0d9", "#fdcc8a", "#fc8d59", "#d7301f"),
        5: ("#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000"),
        6: ("#fef0d9", "#fdd49e", "#fdbb84", "#fc8d59", "#e34a33", "#b30000"),
        7: ("#fef0d9", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#990000"),
        8: ("#fff7ec", "#fee8c8", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#990000"),
        9: ("#fff7ec", "#fee8c8", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#b30000", "#7f0000"),
    },
    "Blues": {
        3: ("#deebf7", "#9ecae1", "#3182bd"),
        4: ("#eff3ff", "#bdd7e7", "#6baed6", "#2171b5"),
        5: ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"),
        6: ("#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"),
        7: ("#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"),
        8: ("#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"),
        9: ("#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"),
    },
    "Greens": {
        3: ("#e5f5e0", "#a1d99b", "#31a354"),
        4: ("#edf8e9", "#bae4b3", "#74c476", "#238b45"),
        5: ("#edf8e9", "#bae4b3", "#74c476", "#31a354", "#006d2c"),
        6: ("#edf8e9", "#c7e9c0", "#a1d99b", "#74c476", "#31a354", "#006d2c"),
        7: ("#edf8e9", "#c7e9c0", "#a1d99b", "#74c476", "#41ab5d", "#238b45", "#005a32"),
        8: ("#f7fcf5", "#e5f5e0", "#c7e9c0", "#a1d99b", "#74c476", "#41ab5d", "#238b45", "#005a32"),
        9: ("#f7fcf5", "#e5f5e0", "#c7e9c0", "#a1d99b", "#74c476", "#41ab5d", "#238b45", "#006d2c", "#00441b"),
    },
    "Purples": {
        3: ("#efedf5", "#bcbddc", "#756bb1"),
        4: ("#f2f0f7", "#cbc9e2", "#9e9ac8", "#6a51a3"),
        5: ("#f2f0f7", "#cbc9e2", "#9e9ac8", "#756bb1", "#54278f"),
        6: ("#f2f0f7", "#dadaeb", "#bcbddc", "#9e9ac8", "#756bb1", "#54278f"),
        7: ("#f2f0f7", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba", "#6a51a3", "#4a1486"),
        8: ("#fcfbfd", "#efedf5", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba", "#6a51a3", "#4a1486"),
        9: ("#fcfbfd", "#efedf5", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba", "#6a51a3", "#54278f", "#3f007d"),
    },
    "YlGnBu": {
        3: ("#edf8b1", "#7fcdbb", "#2c7fb8"),
        4: ("#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"),
        5: ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"),
        6: ("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"),
        7: ("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"),
        8: ("#ffffd9", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"),
        9: ("#ffffd9", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#253494", "#081d58"),
    },
    "RdBu": {
        3: ("#ef8a62", "#f7f7f7", "#67a9cf"),
        4: ("#ca0020", "#f4a582", "#92c5de", "#0571b0"),
        5: ("#ca0020", "#f4a582", "#f7f7f7", "#92c5de", "#0571b0"),
        6: ("#b2182b", "#ef8a62", "#fddbc7", "#d1e5f0", "#67a9cf", "#2166ac"),
        7: ("#b2182b", "#ef8a62", "#fddbc7", "#f7f7f7", "#d1e5f0", "#67a9cf", "#2166ac"),
        8: ("#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#d1e5f0", "#92c5de", "#4393c3", "#2166ac"),
        9: ("#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#f7f7f7", "#d1e5f0", "#92c5de", "#4393c3", "#2166ac"),
        10: (
            "#67001f",
            "#b2182b",
            "#d6604d",
            "#f4a582",
            "#fddbc7",
            "#d1e5f0",
            "#92c5de",
            "#4393c3",
            "#2166ac",
            "#053061",
        ),
        11: (
            "#67001f",
            "#b2182b",
            "#d6604d",
            "#f4a582",
            "#fddbc7",
            "#f7f7f7",
            "#d1e5f0",
            "#92c5de",
            "#4393c3",
            "#2166ac",
            "#053061",
        ),
    },
    "PuOr": {
        3: ("#f1a340", "#f7f7f7", "#998ec3"),
        4: ("#e66101", "#fdb863", "#b2abd2", "#5e3c99"),
        5: ("#e66101", "#fdb863", "#f7f7f7", "#b2abd2", "#5e3c99"),
        6: ("#b35806", "#f1a340", "#fee0b6", "#d8daeb", "#998ec3", "#542788"),
        7: ("#b35806", "#f1a340", "#fee0b6", "#f7f7f7", "#d8daeb", "#998ec3", "#542788"),
        8: ("#b35806", "#e08214", "#fdb863", "#fee0b6", "#d8daeb", "#b2abd2", "#8073ac", "#542788"),
        9: ("#b35806", "#e08214", "#fdb863", "#fee0b6", "#f7f7f7", "#d8daeb", "#b2abd2", "#8073ac", "#542788"),
        10: (
            "#7f3b08",
            "#b35806",
            "#e08214",
            "#fdb863",
            "#fee0b6",
            "#d8daeb",
            "#b2abd2",
            "#8073ac",
            "#542788",
            "#2d004b",
        ),
        11: (
            "#7f3b08",
            "#b35806",
            "#e08214",
            "#fdb863",
            "#fee0b6",
            "#f7f7f7",
            "#d8daeb",
            "#b2abd2",
            "#8073ac",
            "#542788",
            "#2d004b",
        ),
    },
    "BrBG": {
        3: ("#d8b365", "#f5f5f5", "#5ab4ac"),
        4: ("#a6611a", "#dfc27d", "#80cdc1", "#018571"),
        5: ("#a6611a", "#dfc27d", "#f5f5f5", "#80cdc1", "#018571"),
        6: ("#8c510a", "#d8b365", "#f6e8c3", "#c7eae5", "#5ab4ac", "#01665e"),
        7: ("#8c510a", "#d8b365", "#f6e8c3", "#f5f5f5", "#c7eae5", "#5ab4ac", "#01665e"),
        8: ("#8c510a", "#bf812d", "#dfc27d", "#f6e8c3", "#c7eae5", "#80cdc1", "#35978f", "#01665e"),
        9: ("#8c510a", "#bf812d", "#dfc27d", "#f6e8c3", "#f5f5f5", "#c7eae5", "#80cdc1", "#35978f", "#01665e"),
        10: (
            "#543005",
            "#8c510a",
            "#bf812d",
            "#dfc27d",
            "#f6e8c3",
            "#c7eae5",
            "#80cdc1",
            "#35978f",
            "#01665e",
            "#003c30",
        ),
        11: (
            "#543005",
            "#8c510a",
            "#bf812d",
            "#dfc27d",
            "#f6e8c3",
            "#f5f5f5",
            "#c7eae5",
            "#80cdc1",
            "#35978f",
            "#01665e",
            "#003c30",
        ),
    },
    "PRGn": {
        3: ("#af8dc3", "#f7f7f7", "#7fbf7b"),
        4: ("#7b3294", "#c2a5cf", "#a6dba0", "#008837"),
        5: ("#7b3294", "#c2a5cf", "#f7f7f7", "#a6dba0", "#008837"),
        6: ("#762a83", "#af8dc3", "#e7d4e8", "#d9f0d3", "#7fbf7b", "#1b7837"),
        7: ("#762a83", "#af8dc3", "#e7d4e8", "#f7f7f7", "#d9f0d3", "#7fbf7b", "#1b7837"),
        8: ("#762a83", "#9970ab", "#c2a5cf", "#e7d4e8", "#d9f0d3", "#a6dba0", "#5aae61", "#1b7837"),
        9: ("#762a83", "#9970ab", "#c2a5cf", "#e7d4e8", "#f7f7f7", "#d9f0d3", "#a6dba0", "#5aae61", "#1b7837"),
        10: (
            "#40004b",
            "#762a83",
            "#9970ab",
            "#c2a5cf",
            "#e7d4e8",
            "#d9f0d3",
            "#a6dba0",
            "#5aae61",
            "#1b7837",
            "#00441b",
        ),
        11: (
            "#40004b",
            "#762a83",
            "#9970ab",
            "#c2a5cf",
            "#e7d4e8",
            "#f7f7f7",
            "#d9f0d3",
            "#a6dba0",
            "#5aae61",
            "#1b7837",
            "#00441b",
        ),
    },
    "Set2": {
        3: ("#66c2a5", "#fc8d62", "#8da0cb"),
        4: ("#66c2a5", "#fc8d62", "#8da0cb", "#e78ac3"),
        5: ("#66c2a5", "#fc8d62", "#8da0cb", "#e78ac3", "#a6d854"),
        6: ("#66c2a5", "#fc8d62", "#8da0cb", "#e78ac3", "#a6d854", "#ffd92f"),
        7: ("#66c2a5", "#fc8d62", "#8da0cb", "#e78ac3", "#a6d854", "#ffd92f", "#e5c494"),
        8: ("#66c2a5", "#fc8d62", "#8da0cb", "#e78ac3", "#a6d854", "#ffd92f", "#e5c494", "#b3b3b3"),
    },
    "Dark2": {
        3: ("#1b9e77", "#d95f02", "#7570b3"),
        4: ("#1b9e77", "#d95f02", "#7570b3", "#e7298a"),
        5: ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e"),
        6: ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02"),
        7: ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d"),
        8: ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"),
    },
    "Paired": {
        3: ("#a6cee3", "#1f78b4", "#b2df8a"),
        4: ("#a6cee3", "#1f78b4", "#b2df8a", "#33a02c"),
        5: ("#a6cee3", "#1f78b4", "#b2df8a", "#33a02c", "#fb9a99"),
        6: ("#a6cee3", "#1f78b4", "#b2df8a", "#33a02c", "#fb9a99", "#e31a1c"),
        7: ("#a6cee3", "#1f78b4", "#b2df8a", "#33a02c", "#fb9a99", "#e31a1c", "#fdbf6f"),
        8: ("#a6cee3", "#1f78b4", "#b2df8a", "#33a02c", "#fb9a99", "#e31a1c", "#fdbf6f", "#ff7f00"),
        9: ("#a6cee3", "#1f78b4", "#b2df8a", "#33a02c", "#fb9a99", "#e31a1c", "#fdbf6f", "#ff7f00", "#cab2d6"),
        10: (
            "#a6cee3",
            "#1f78b4",
            "#b2df8a",
            "#33a02c",
            "#fb9a99",
            "#e31a1c",
            "#fdbf6f",
            "#ff7f00",
            "#cab2d6",
            "#6a3d9a",
        ),
        11: (
            "#a6cee3",
            "#1f78b4",
            "#b2df8a",
            "#33a02c",
            "#fb9a99",
            "#e31a1c",
            "#fdbf6f",
            "#ff7f00",
            "#cab2d6",
            "#6a3d9a",
            "#ffff99",
        ),
        12: (
            "#a6cee3",
            "#1f78b4",
            "#b2df8a",
            "#33a02c",
            "#fb9a99",
            "#e31a1c",
            "#fdbf6f",
            "#ff7f00",
            "#cab2d6",
            "#6a3d9a",
            "#ffff99",
            "#b15928",
        ),
    },
}
SEQUENTIAL = ("YlOrRd", "OrRd", "Blues", "Greens", "Purples", "YlGnBu")
DIVERGING = ("RdBu", "PuOr", "BrBG", "PRGn")
QUALITATIVE = ("Set2", "Dark2", "Paired")


@dataclass(frozen=True)
class Classification:
    """Breaks ``b0 < b1 < … < bn`` (``b0 == b1`` only when the first class holds the minimum alone) and what they
    hold. ``counts[k]``: values in class k; ``missing``: values that were ``None``/NaN (the "no data" class)."""

    method: str
    requested: int
    breaks: tuple
    counts: tuple
    class_min: tuple  # smallest value in each class (None when empty)
    class_max: tuple  # largest value in each class (None when empty)
    missing: int = 0
    sampled: bool = False
    dropped_cuts: tuple = field(default_factory=tuple)

    @property
    def classes(self) -> int:
        return len(self.counts)

    @property
    def reduced(self) -> bool:
        """Fewer classes than asked (ties merged, too few distinct values, cut points out of range)."""
        return self.classes < self.requested

    @property
    def empty_classes(self) -> int:
        return sum(1 for c in self.counts if c == 0)


def valid_values(values: Iterable) -> tuple:
    """(sorted finite floats, number of missing values: ``None``, NaN, infinities or non-numbers)."""
    kept, missing = [], 0
    for value in values:
        try:
            number = float(value)
        except (TypeError, ValueError):
            missing += 1
            continue
        if math.isfinite(number):
            kept.append(number)
        else:
            missing += 1
    kept.sort()
    return kept, missing


def classify(values: Iterable, method: str = "quantile", classes: int = 5, cuts: Sequence = ()) -> Classification:
    """Classify ``values`` (``None``/NaN are no data) into at most ``classes`` classes by ``method``."""
    if method not in METHODS:
        raise ValueError(
            Message(QT_TR_NOOP("unknown classification method {!r} (one of {})"), method, ", ".join(METHODS))
        )
    if method != "manual" and not 1 <= int(classes) <= MAX_CLASSES:
        raise ValueError(
            Message(QT_TR_NOOP("the number of classes must be between 1 and {} (got {})"), MAX_CLASSES, classes)
        )
    data, missing = valid_values(values)
    if not data:
        raise ValueError(Message(QT_TR_NOOP("there is no value to classify (every value is missing)")))
    sampled, dropped = False, ()
    if method == "quantile":
        breaks = quantile_breaks(data, classes)
    elif method == "jenks":
        breaks, sampled = jenks_breaks(data, classes)
    elif method == "equal":
        breaks = equal_breaks(data, classes)
    elif method == "pretty":
        breaks = pretty_breaks(data, classes)
    else:
        breaks, dropped = manual_breaks(data, cuts)
        classes = len(list(cuts)) + 1
    counts, lows, highs = _class_contents(data, breaks)
    return Classification(method, int(classes), tuple(breaks), counts, lows, highs, missing, sampled, tuple(dropped))


def _class_contents(data: list, breaks: Sequence) -> tuple:
    """Count, smallest and largest value of each class (classes closed on the right, the first closed on both)."""
    n = len(breaks) - 1
    counts, lows, highs = [0] * n, [None] * n, [None] * n
    k = 0
    for value in data:  # sorted
        while k < n - 1 and value > breaks[k + 1]:
            k += 1
        counts[k] += 1
        if lows[k] is None:
            lows[k] = value
        highs[k] = value
    return tuple(counts), tuple(lows), tuple(highs)


def _merge(data: list, inner: Iterable) -> list:
    """``[min] + distinct inner breaks in [min, max[ + [max]``: no class is empty and no tie is split."""
    low, high = data[0], data[-1]
    if low == high:
        return [low, high]
    kept = sorted({b for b in inner if low <= b < high})
    return [low, *kept, high]


def quantile_breaks(data: list, classes: int) -> list:
    """Breaks at data values: the largest value among the first i/n of the sorted values, ties merged."""
    n = len(data)
    inner = [data[max(math.ceil(i * n / classes) - 1, 0)] for i in range(1, classes)]
    return _merge(data, inner)


def equal_breaks(data: list, classes: int) -> list:
    low, high = data[0], data[-1]
    if low == high:
        return [low, high]
    width = (high - low) / classes
    return [low + i * width for i in range(classes)] + [high]


def pretty_breaks(data: list, classes: int) -> list:
    """Round breaks: a width of 1, 2, 2.5 or 5 × 10^k close to (max − min) / classes, bounds on its multiples."""
    low, high = data[0], data[-1]
    if low == high:
        return [low, high]
    raw = (high - low) / classes
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw * 0.999999)
    start = math.floor(low / step + 1e-9) * step
    breaks = [start]
    while breaks[-1] < high - 1e-9 * step:
        breaks.append(round(start + len(breaks) * step, 12))
    while len(breaks) > 2 and breaks[-2] >= high:  # rounding noise
        breaks.pop()
    # Drop leading classes that would be empty (start is never above low, so only an exact hit matters).
    return [round(b, 12) for b in breaks]


def manual_breaks(data: list, cuts: Sequence) -> tuple:
    """``[min, cuts inside ]min, max[ …, max]`` and the cut points dropped because outside the values' range."""
    low, high = data[0], data[-1]
    numbers = sorted({float(c) for c in cuts})
    dropped = tuple(c for c in numbers if not low <= c < high)
    return _merge(data, [c for c in numbers if low <= c < high]), dropped


# ---------------------------------------------------------------------------------------------------- Jenks
def jenks_breaks(data: list, classes: int) -> tuple:
    """(breaks, sampled): Fisher–Jenks optimal breaks of the sorted ``data``, exact on up to
    :data:`JENKS_EXACT_LIMIT` distinct values, else on a fixed-seed sample of that many distinct values."""
    distinct, weights = _distinct_with_counts(data)
    sampled = False
    if len(distinct) > JENKS_EXACT_LIMIT:
        rng = random.Random(JENKS_SEED)
        middle = sorted(rng.sample(range(1, len(distinct) - 1), JENKS_EXACT_LIMIT - 2))
        keep = [0, *middle, len(distinct) - 1]
        distinct = [distinct[i] for i in keep]
        weights = [weights[i] for i in keep]
        sampled = True
    k = min(classes, len(distinct))
    if k <= 1:
        return [data[0], data[-1]], sampled
    uppers = _fisher_jenks(distinct, weights, k)
    return _merge(data, uppers[:-1]), sampled


def _distinct_with_counts(data: list) -> tuple:
    distinct, counts = [], []
    for value in data:
        if distinct and value == distinct[-1]:
            counts[-1] += 1
        else:
            distinct.append(value)
            counts.append(1)
    return distinct, counts


def _fisher_jenks(values: list, weights: list, k: int) -> list:
    """Upper value of each of the ``k`` classes minimising the weighted within-class sum of squares (dynamic
    programming over prefix sums: O(k n²) arithmetic, vectorised with numpy over the class start)."""
    import numpy as np

    x = np.asarray(values, dtype=float)
    w = np.asarray(weights, dtype=float)
    n = len(x)
    shift = x.mean()  # centred sums keep the squares accurate for large values
    cw = np.concatenate([[0.0], np.cumsum(w)])
    c1 = np.concatenate([[0.0], np.cumsum(w * (x - shift))])
    c2 = np.concatenate([[0.0], np.cumsum(w * (x - shift) ** 2)])

    def ssd(starts, end):  # sum of squares of values[starts .. end] (inclusive), for an array of starts
        weight = cw[end + 1] - cw[starts]
        total = c1[end + 1] - c1[starts]
        return (c2[end + 1] - c2[starts]) - total * total / weight

    cost = np.full((k, n), np.inf)
    back = np.zeros((k, n), dtype=int)
    ends = np.arange(n)
    cost[0] = (c2[ends + 1] - c2[0]) - (c1[ends + 1] - c1[0]) ** 2 / (cw[ends + 1] - cw[0])
    for c in range(1, k):
        for m in range(c, n):
            starts = np.arange(c, m + 1)  # first index of the last class
            candidates = cost[c - 1][starts - 1] + ssd(starts, m)
            best = int(np.argmin(candidates))
            cost[c][m] = candidates[best]
            back[c][m] = starts[best]
    uppers, end = [], n - 1
    for c in range(k - 1, -1, -1):
        uppers.append(values[end])
        end = back[c][end] - 1
    return uppers[::-1]


# --------------------------------------------------------------------------------------------------- labels
def format_number(value: float, decimals: int, lang: str = "en") -> str:
    """``value`` with ``decimals`` decimals: French "12 345,6" (narrow no-break space, decimal comma), English
    "12,345.6"; negative numbers with a typographic minus sign, and never "−0"."""
    text = f"{abs(value):,.{max(decimals, 0)}f}"
    if float(text.replace(",", "")) == 0:
        value = 0.0
    if lang.lower().startswith("fr"):
        text = text.replace(",", NARROW_NBSP).replace(".", ",")
    return (MINUS if value < 0 else "") + text


def label_decimals(numbers: Sequence, maximum: int = 6) -> int:
    """The fewest decimals (0 to ``maximum``) that keep the distinct ``numbers`` distinct once rounded and move
    none of them by more than 1 % (4.5 is not shown as "4", 9.4 not as "9", 0.0123 not as "0.01")."""
    distinct = sorted({float(n) for n in numbers if n is not None})
    for decimals in range(maximum + 1):
        rounded = [round(n, decimals) for n in distinct]
        close = all(abs(r - n) <= 0.01 * abs(n) for r, n in zip(rounded, distinct))
        if close and len(set(rounded)) == len(rounded):
            return decimals
    return maximum


def class_labels(result: Classification, lang: str = "en", decimals: Optional[int] = None, unit: str = "") -> list:
    """One label per class: "lowest – highest" value in the class (a single value when they are equal); an empty
    class shows its bounds. ``decimals`` None: the fewest that keep every label's numbers distinct."""
    bounds = []
    for k in range(result.classes):
        if result.counts[k]:
            bounds.append((result.class_min[k], result.class_max[k]))
        else:
            bounds.append((result.breaks[k], result.breaks[k + 1]))
    if decimals is None:
        decimals = label_decimals([b for pair in bounds for b in pair])
    suffix = f"{NARROW_NBSP if lang.lower().startswith('fr') else ' '}{unit}" if unit else ""
    labels = []
    for low, high in bounds:
        a, b = format_number(low, decimals, lang), format_number(high, decimals, lang)
        labels.append((a if a == b else f"{a} – {b}") + suffix)
    return labels


# -------------------------------------------------------------------------------------------------- colours
def sequential_colours(classes: int, scheme: str = "YlOrRd") -> list:
    """``classes`` colours of a ColorBrewer sequential scheme, light to dark (1 or 2 classes: taken from the
    3-class scheme)."""
    return _scheme(scheme, classes, SEQUENTIAL)


def qualitative_colours(count: int, scheme: str = "Set2") -> list:
    """``count`` distinct colours for categories (cycling through the largest variant when there are more)."""
    variants = BREWER[scheme]
    largest = variants[max(variants)]
    if count in variants:
        return list(variants[count])
    return [largest[i % len(largest)] for i in range(count)]


def _scheme(scheme: str, classes: int, family: Sequence) -> list:
    if scheme not in family:
        raise ValueError(Message(QT_TR_NOOP("unknown colour scheme {!r} (one of {})"), scheme, ", ".join(family)))
    variants = BREWER[scheme]
    if classes in variants:
        return list(variants[classes])
    if classes < min(variants):
        base = variants[min(variants)]
        return [base[0], base[-1]][:classes] if classes == 2 else [base[len(base) // 2]]
    raise ValueError(Message(QT_TR_NOOP("{} has at most {} classes (asked for {})"), scheme, max(variants), classes))


def diverging_colours(breaks: Sequence, centre: float = 0.0, scheme: str = "RdBu", reverse: bool = False) -> list:
    """One colour per class of ``breaks``, from a ColorBrewer diverging scheme centred on ``centre``: a class that
    contains the centre inside it gets the neutral middle colour, classes below take the colours of one side and
    classes above the other, each side as deep as its own number of classes (so 1 class below and 4 above do
    not get the same depth of colour for −1 % and +50 %). ``reverse`` swaps the two sides."""
    if scheme not in DIVERGING:
        raise ValueError(Message(QT_TR_NOOP("unknown diverging scheme {!r} (one of {})"), scheme, ", ".join(DIVERGING)))
    n = len(breaks) - 1
    below = sum(1 for k in range(n) if breaks[k + 1] <= centre)
    above = sum(1 for k in range(n) if breaks[k] >= centre and not breaks[k + 1] <= centre)
    middle = n - below - above
    side = max(below, above, 1)
    size = 2 * side + (1 if middle else 0)
    variants = BREWER[scheme]
    size = max(min(size, max(variants)), min(variants))
    colours = list(variants[size])
    if reverse:
        colours.reverse()
    half = size // 2
    left, right = colours[:half], colours[size - half :]  # dark → light, light → dark
    neutral = colours[half] if size % 2 else None
    result = [left[max(half - below + i, 0)] for i in range(below)]
    if middle:
        result.append(neutral or left[-1])
    result.extend(right[min(i, half - 1)] for i in range(above))
    return result
