"""Grouped statistics on numpy arrays (one pass of sorting, no Python loop over groups).

Statistic names: ``count`` (non-NULL values), ``sum``, ``mean``, ``median``, ``min``, ``max``, ``std`` (population
standard deviation, as QGIS's statistical summary) and percentiles ``p1`` … ``p99`` (``p25``, ``p90``…).
NULL (NaN) values are ignored. A group without values has count 0, sum 0 and NULL (NaN) for the others.

Percentiles and median interpolate linearly between the two nearest ranks (numpy's default, so the median of an
even number of values is the mean of the two middle ones). With a weight: ``sum`` is Σ w·x, ``mean`` Σ w·x / Σ w,
``std`` the weighted population standard deviation, and ``median``/percentiles the smallest value whose cumulative
weight reaches the fraction of the total weight; values with a NULL or zero weight are ignored.
"""

from __future__ import annotations

import re

import numpy as np

from .group_sort import sort_by_group_then_value, values_sorted_by_group

BASIC_STATISTICS = ("count", "sum", "mean", "median", "min", "max", "std")
_PERCENTILE = re.compile(r"^p(\d{1,2}(?:[._]\d+)?)$")


def parse_statistics(names) -> list:
    """Validated, de-duplicated statistic names (order kept); ``ValueError`` naming the unknown one."""
    out = []
    for raw in names:
        name = str(raw).strip().lower()
        if not name:
            continue
        if name not in BASIC_STATISTICS:
            match = _PERCENTILE.match(name)
            if not match or not 0 < float(match.group(1).replace("_", ".")) < 100:
                raise ValueError(
                    f"Unknown statistic {raw!r}: use {', '.join(BASIC_STATISTICS)} or a percentile p1 to p99"
                )
        if name not in out:
            out.append(name)
    return out


def percentile_of(name: str) -> float | None:
    """The fraction (0..1) of a percentile statistic name (``median`` is 0.5), else None."""
    if name == "median":
        return 0.5
    match = _PERCENTILE.match(name)
    return float(match.group(1).replace("_", ".")) / 100.0 if match else None


def _sort_by_group_then_value(g, v, n_groups: int):
    """``np.lexsort((v, g))``, faster: sort by value, then a stable sort by group (a radix sort for up to 65,536
    groups, one sort of packed 64-bit keys above)."""
    if n_groups > 65_536:
        return sort_by_group_then_value(g, v)
    order = np.argsort(v)
    return order[np.argsort(g[order].astype(np.uint16), kind="stable")]


def grouped_statistics(groups, values, n_groups: int, statistics, weights=None) -> dict:
    """``{statistic: array of n_groups}`` of ``values`` grouped by ``groups`` (ints in ``0..n_groups-1``)."""
    statistics = parse_statistics(statistics)
    groups = np.asarray(groups, dtype=np.int64)
    values = np.asarray(values, dtype=np.float64)
    if groups.shape != values.shape:
        raise ValueError("groups and values must have the same length")
    ok = ~np.isnan(values)
    if weights is not None:
        weights = np.asarray(weights, dtype=np.float64)
        if weights.shape != values.shape:
            raise ValueError("weights and values must have the same length")
        if np.any(weights[~np.isnan(weights)] < 0):
            raise ValueError("Weights must not be negative")
        ok &= ~np.isnan(weights) & (weights > 0)
    g = groups[ok]
    v = values[ok]
    w = weights[ok] if weights is not None else None
    out = {}
    count = np.bincount(g, minlength=n_groups).astype(np.int64)
    has = count > 0
    if w is None:
        total = np.bincount(g, weights=v, minlength=n_groups)
        wsum = count.astype(np.float64)
    else:
        total = np.bincount(g, weights=w * v, minlength=n_groups)
        wsum = np.bincount(g, weights=w, minlength=n_groups)
    mean = np.full(n_groups, np.nan)
    np.divide(total, wsum, out=mean, where=has)
    needs_sort = any(s in ("min", "max") or percentile_of(s) is not None for s in statistics)
    vs = ws = starts = None
    if needs_sort:
        if w is None:  # only the sorted values are needed
            vs = values_sorted_by_group(g, v)
        else:
            order = _sort_by_group_then_value(g, v, n_groups)
            vs = v[order]
            ws = w[order]
        starts = np.cumsum(count) - count
    for name in statistics:
        if name == "count":
            out[name] = count
        elif name == "sum":
            out[name] = total
        elif name == "mean":
            out[name] = mean
        elif name == "std":
            dev = (v - mean[g]) ** 2
            ss = np.bincount(g, weights=dev if w is None else w * dev, minlength=n_groups)
            std = np.full(n_groups, np.nan)
            np.divide(ss, wsum, out=std, where=has)
            out[name] = np.sqrt(std)
        elif name == "min":
            res = np.full(n_groups, np.nan)
            res[has] = vs[starts[has]]
            out[name] = res
        elif name == "max":
            res = np.full(n_groups, np.nan)
            res[has] = vs[starts[has] + count[has] - 1]
            out[name] = res
        else:
            q = percentile_of(name)
            res = np.full(n_groups, np.nan)
            st, n = starts[has], count[has]
            if ws is None:
                pos = st + q * (n - 1)
                lo = np.floor(pos).astype(np.int64)
                hi = np.minimum(lo + 1, st + n - 1)
                frac = pos - lo
                res[has] = vs[lo] + (vs[hi] - vs[lo]) * frac
            else:
                cw = np.cumsum(ws)
                before = np.where(st > 0, cw[np.maximum(st - 1, 0)], 0.0)
                target = before + q * wsum[has]
                # Relative tolerance so that exact fractions (e.g. half of the weight) are not missed by rounding.
                idx = np.searchsorted(cw, target - 1e-12 * np.maximum(np.abs(target), 1.0), side="left")
                res[has] = vs[np.clip(idx, st, st + n - 1)]
            out[name] = res
    return out


def category_counts(groups, categories, n_groups: int, max_categories: int = 200):
    """Counts per group and category: ``(labels, matrix n_groups x n_labels)``.

    ``categories`` is any array of hashable values; ``None``/NaN are counted under the label ``None``.
    ``ValueError`` when there are more than ``max_categories`` distinct values.
    """
    groups = np.asarray(groups, dtype=np.int64)
    cats = np.asarray(
        ["" if c is None or (isinstance(c, float) and c != c) else str(c) for c in categories], dtype=object
    )
    labels, inverse = np.unique(cats.astype(str), return_inverse=True) if len(cats) else (np.array([]), cats)
    if len(labels) > max_categories:
        raise ValueError(f"{len(labels)} distinct categories: at most {max_categories} are supported")
    k = len(labels)
    matrix = np.bincount(groups * k + inverse.astype(np.int64), minlength=n_groups * k).reshape(n_groups, k)
    return [None if lab == "" else str(lab) for lab in labels], matrix


def safe_field_name(text: str, used: set, max_length: int = 60) -> str:
    """A field name made of ASCII letters, digits and ``_`` from ``text``, unique within ``used`` (updated)."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    base = re.sub(r"[^A-Za-z0-9_]+", "_", ascii_text).strip("_").lower()[:max_length] or "value"
    name, i = base, 2
    while name.lower() in used:
        name = f"{base}_{i}"
        i += 1
    used.add(name.lower())
    return name
