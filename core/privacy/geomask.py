"""Donut geomasking with spatial k-anonymity measured on a reference population.

Each point moves in a random direction by a random distance between ``min_distance`` and ``max_distance``
(uniform over the donut's area). Its achieved spatial k is the number of reference units (addresses, households,
grid counts…) within the circle centred on the true location whose radius is the displacement (Allshouse et al.,
2010): the people among whom the true location cannot be told apart from the published one. Points below
``min_k`` are re-drawn, up to ``max_tries`` times; the remaining ones are reported as failures.
Points without usable coordinates (NaN, infinite, beyond ``MAX_COORDINATE``) are failures; reference units without
them are ignored. Randomness comes from a seeded generator: the same seed and input give the same output.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

# Projected coordinates beyond 100,000 km are not on the Earth: such a point (or an infinite one) has no location.
MAX_COORDINATE = 1e8


def usable(x, y) -> np.ndarray:
    """True where ``x``, ``y`` are finite projected coordinates within ``MAX_COORDINATE``."""
    x = np.asarray(x, dtype="float64")
    y = np.asarray(y, dtype="float64")
    with np.errstate(invalid="ignore"):
        return np.isfinite(x) & np.isfinite(y) & (np.abs(x) <= MAX_COORDINATE) & (np.abs(y) <= MAX_COORDINATE)


@dataclass
class GeomaskResult:
    x: np.ndarray
    y: np.ndarray
    displacement: np.ndarray
    k: np.ndarray
    tries: np.ndarray
    failed: np.ndarray = field(repr=False)

    def stats(self) -> dict:
        d = self.displacement[~np.isnan(self.displacement)]
        ks = self.k[~self.failed] if (~self.failed).any() else np.array([0.0])
        return {
            "points": int(len(self.x)),
            "failures": int(self.failed.sum()),
            "displacement_min_m": float(d.min()) if len(d) else 0.0,
            "displacement_mean_m": float(d.mean()) if len(d) else 0.0,
            "displacement_median_m": float(np.median(d)) if len(d) else 0.0,
            "displacement_max_m": float(d.max()) if len(d) else 0.0,
            "k_min": float(ks.min()),
            "k_median": float(np.median(ks)),
            "k_mean": float(ks.mean()),
            "redraws": int((self.tries - 1).clip(min=0).sum()),
        }


class ReferenceIndex:
    """Reference units bucketed on a square grid, to count units within a radius of a point quickly."""

    def __init__(self, x, y, weight=None, bucket: float = 500.0):
        self.x = np.asarray(x, dtype="float64")
        self.y = np.asarray(y, dtype="float64")
        self.w = np.ones(len(self.x)) if weight is None else np.asarray(weight, dtype="float64")
        with np.errstate(invalid="ignore"):
            keep = usable(self.x, self.y) & np.isfinite(self.w) & (self.w > 0)
        self.x, self.y, self.w = self.x[keep], self.y[keep], self.w[keep]
        self.bucket = float(bucket)
        bx = np.floor(self.x / self.bucket).astype("int64")
        by = np.floor(self.y / self.bucket).astype("int64")
        self.key = bx * 10_000_000 + by
        order = np.argsort(self.key, kind="stable")
        self.x, self.y, self.w, self.key = self.x[order], self.y[order], self.w[order], self.key[order]

    def count_within(self, cx: float, cy: float, radius: float) -> float:
        reach = int(np.ceil(radius / self.bucket))
        bx0 = int(np.floor(cx / self.bucket))
        by0 = int(np.floor(cy / self.bucket))
        total = 0.0
        r2 = radius * radius
        for bx in range(bx0 - reach, bx0 + reach + 1):
            lo = np.searchsorted(self.key, bx * 10_000_000 + by0 - reach, side="left")
            hi = np.searchsorted(self.key, bx * 10_000_000 + by0 + reach, side="right")
            if hi > lo:
                dx = self.x[lo:hi] - cx
                dy = self.y[lo:hi] - cy
                total += float(self.w[lo:hi][dx * dx + dy * dy <= r2].sum())
        return total


def donut_mask(
    x,
    y,
    reference: ReferenceIndex,
    min_distance: float,
    max_distance: float,
    min_k: int = 11,
    seed: int = 0,
    max_tries: int = 20,
    is_canceled=None,
    progress=None,
) -> GeomaskResult:
    """Mask points (metres, projected CRS) and measure their spatial k on ``reference``."""
    if not 0 <= min_distance < max_distance:
        raise ValueError("The minimum distance must be ≥ 0 and smaller than the maximum distance")
    if max_tries < 1:
        raise ValueError("At least one try is needed")
    x = np.asarray(x, dtype="float64")
    y = np.asarray(y, dtype="float64")
    n = len(x)
    rng = np.random.default_rng(seed)
    # draw every try up front, so that the result for a point does not depend on the others' redraws
    u = rng.random((max_tries, n))
    theta = rng.random((max_tries, n)) * 2 * np.pi
    radius = np.sqrt(u * (max_distance**2 - min_distance**2) + min_distance**2)
    out_x = np.full(n, np.nan)
    out_y = np.full(n, np.nan)
    disp = np.full(n, np.nan)
    ks = np.zeros(n)
    tries = np.zeros(n, dtype="int64")
    failed = np.zeros(n, dtype=bool)
    located = usable(x, y)
    for i in range(n):
        if is_canceled and i % 256 == 0 and is_canceled():
            raise InterruptedError("cancelled")
        if not located[i]:  # NULL, NaN, infinite or absurd coordinates: nothing to mask, a failure
            failed[i] = True
            continue
        best = (-1.0, 0)
        for t in range(max_tries):
            k = reference.count_within(x[i], y[i], radius[t, i])
            if k > best[0]:
                best = (k, t)
            if k >= min_k:
                break
        k, t = best
        tries[i] = t + 1 if k >= min_k else max_tries
        out_x[i] = x[i] + radius[t, i] * np.cos(theta[t, i])
        out_y[i] = y[i] + radius[t, i] * np.sin(theta[t, i])
        disp[i] = radius[t, i]
        ks[i] = k
        failed[i] = k < min_k
        if progress and i % 256 == 0:
            progress(100.0 * i / max(n, 1))
    return GeomaskResult(out_x, out_y, disp, ks, tries, failed)
