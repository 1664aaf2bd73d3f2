"""Roll-up of a table keyed by commune code to a higher level (EPCI, département, région).

Additive measures are summed (NULLs ignored; a parent whose values are all NULL gets NULL). Rates are averaged with
a weight (Σ w·r / Σ w over the rows where both are known), or unweighted when no weight is given. The mapping from
commune code to parent code comes from the caller (the COG referential of the chosen vintage); codes it does not
know are reported, never silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class RollupResult:
    parents: list  # parent codes, sorted
    n_rows: np.ndarray  # input rows rolled into each parent
    sums: dict  # additive field -> array
    rates: dict  # rate field -> array (weighted mean)
    weight_totals: np.ndarray | None
    not_found: list = field(default_factory=list)  # distinct codes without a parent, in input order
    rows_not_found: int = 0


def rollup(codes, parent_of, additive=None, rates=None, weights=None) -> RollupResult:
    """Roll rows keyed by ``codes`` up to ``parent_of(code)`` (a callable or a dict; None when unknown)."""
    additive = additive or {}
    rates = rates or {}
    lookup = parent_of.get if isinstance(parent_of, dict) else parent_of
    codes = ["" if c is None else str(c).strip() for c in codes]
    distinct = list(dict.fromkeys(codes))
    parent_by_code = {c: (lookup(c) if c else None) for c in distinct}
    not_found = [c for c in distinct if parent_by_code[c] is None]
    parents = sorted({p for p in parent_by_code.values() if p is not None})
    index = {p: i for i, p in enumerate(parents)}
    group = np.array([index.get(parent_by_code[c], -1) if parent_by_code[c] else -1 for c in codes], dtype=np.int64)
    known = group >= 0
    g = group[known]
    n = len(parents)
    n_rows = np.bincount(g, minlength=n)
    sums = {}
    for name, values in additive.items():
        v = np.asarray(values, dtype=np.float64)[known]
        ok = ~np.isnan(v)
        total = np.bincount(g[ok], weights=v[ok], minlength=n)
        has = np.bincount(g[ok], minlength=n) > 0
        sums[name] = np.where(has, total, np.nan)
    w_all = None if weights is None else np.asarray(weights, dtype=np.float64)[known]
    if w_all is not None and np.any(w_all[~np.isnan(w_all)] < 0):
        raise ValueError("Weights must not be negative")
    out_rates = {}
    for name, values in rates.items():
        v = np.asarray(values, dtype=np.float64)[known]
        w = np.ones_like(v) if w_all is None else w_all
        ok = ~np.isnan(v) & ~np.isnan(w)
        num = np.bincount(g[ok], weights=v[ok] * w[ok], minlength=n)
        den = np.bincount(g[ok], weights=w[ok], minlength=n)
        res = np.full(n, np.nan)
        np.divide(num, den, out=res, where=den > 0)
        out_rates[name] = res
    weight_totals = None
    if w_all is not None:
        ok = ~np.isnan(w_all)
        weight_totals = np.bincount(g[ok], weights=w_all[ok], minlength=n)
    return RollupResult(
        parents=parents,
        n_rows=n_rows,
        sums=sums,
        rates=out_rates,
        weight_totals=weight_totals,
        not_found=not_found,
        rows_not_found=int((~known).sum()),
    )
