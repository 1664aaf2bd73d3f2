"""QARTOD tests for sensor time series, with the semantics of IOOS ``ioos_qc`` (``qartod`` module).

Flags: GOOD=1, UNKNOWN=2 (not evaluated), SUSPECT=3, FAIL=4, MISSING=9. Each test takes the values of ONE sensor
and ONE observed property sorted by time (``times`` in seconds, increasing); :func:`run_qc` does the grouping.

- gross range: SUSPECT outside ``suspect_span`` = [low, high], FAIL outside ``fail_span`` (bounds are GOOD);
- spike: ``|x(n) − (x(n−1) + x(n+1)) / 2|`` strictly above ``suspect_threshold`` → SUSPECT, above
  ``fail_threshold`` → FAIL; the two end points, and points whose neighbour is missing, are UNKNOWN;
- rate of change: ``|x(n) − x(n−1)| / (t(n) − t(n−1))`` (units per second, against the previous non-missing
  observation) strictly above ``threshold`` → SUSPECT (never FAIL); the first observation is GOOD;
- flat line: the observation ends a run of values that all stay within ``tolerance`` (max − min ≤ tolerance) for
  at least ``suspect_threshold`` seconds → SUSPECT, at least ``fail_threshold`` seconds → FAIL.

Missing values are MISSING in every test. The aggregate is, as ioos_qc's ``qartod_compare``, the flag of highest
precedence FAIL > SUSPECT > GOOD > UNKNOWN, and MISSING when the value is missing.
"""

from __future__ import annotations

import math
from collections import deque

import numpy as np

from ..messages import QT_TR_NOOP, Message

GOOD = 1
UNKNOWN = 2
SUSPECT = 3
FAIL = 4
MISSING = 9
FLAG_NAMES = {GOOD: "GOOD", UNKNOWN: "UNKNOWN", SUSPECT: "SUSPECT", FAIL: "FAIL", MISSING: "MISSING"}

TESTS = ("gross_range", "spike", "rate_of_change", "flat_line")


def _values(values) -> np.ndarray:
    out = np.empty(len(values), dtype=float)
    for i, v in enumerate(values):
        try:
            out[i] = float(v) if v is not None and not (isinstance(v, str) and not v.strip()) else math.nan
        except (TypeError, ValueError):
            out[i] = math.nan
    return out


def _span(span, name) -> tuple:
    if span is None or len(span) != 2 or float(span[0]) > float(span[1]):
        raise ValueError(Message(QT_TR_NOOP("{} must be [low, high] with low <= high, not {!r}"), name, span))
    return float(span[0]), float(span[1])


def gross_range_test(values, fail_span, suspect_span=None) -> np.ndarray:
    x = _values(values)
    flo, fhi = _span(fail_span, "fail_span")
    flags = np.full(x.size, GOOD, dtype=np.uint8)
    if suspect_span is not None:
        slo, shi = _span(suspect_span, "suspect_span")
        if slo < flo or shi > fhi:
            raise ValueError(
                Message(
                    QT_TR_NOOP("suspect_span {} must lie inside fail_span {}"),
                    suspect_span,
                    fail_span,
                )
            )
        flags[(x < slo) | (x > shi)] = SUSPECT
    flags[(x < flo) | (x > fhi)] = FAIL
    flags[np.isnan(x)] = MISSING
    return flags


def spike_test(values, suspect_threshold, fail_threshold) -> np.ndarray:
    if suspect_threshold > fail_threshold:
        raise ValueError("spike: suspect_threshold must not exceed fail_threshold")
    x = _values(values)
    flags = np.full(x.size, GOOD, dtype=np.uint8)
    if x.size:
        ref = np.full(x.size, np.nan)
        ref[1:-1] = np.abs(x[1:-1] - (x[:-2] + x[2:]) / 2.0)
        with np.errstate(invalid="ignore"):
            flags[ref > suspect_threshold] = SUSPECT
            flags[ref > fail_threshold] = FAIL
        flags[np.isnan(ref)] = UNKNOWN  # end points and missing neighbours
        flags[np.isnan(x)] = MISSING
    return flags


def _times(times, n) -> np.ndarray:
    t = np.asarray(times, dtype=float)
    if t.size != n:
        raise ValueError("times and values must have the same length")
    if np.any(np.isnan(t)):
        raise ValueError("times must not be missing")
    if np.any(np.diff(t) < 0):
        raise ValueError("times must be sorted (increasing)")
    return t


def rate_of_change_test(values, times, threshold) -> np.ndarray:
    x = _values(values)
    t = _times(times, x.size)
    flags = np.full(x.size, GOOD, dtype=np.uint8)
    flags[np.isnan(x)] = MISSING
    valid = np.flatnonzero(~np.isnan(x))
    if valid.size > 1:
        dx = np.abs(np.diff(x[valid]))
        dt = np.diff(t[valid])
        with np.errstate(divide="ignore", invalid="ignore"):
            rate = np.where(dt > 0, dx / dt, np.where(dx > 0, np.inf, 0.0))
        flags[valid[1:][rate > threshold]] = SUSPECT
    return flags


def flat_line_test(values, times, suspect_threshold, fail_threshold, tolerance=0.0) -> np.ndarray:
    if suspect_threshold > fail_threshold:
        raise ValueError("flat line: suspect_threshold must not exceed fail_threshold")
    x = _values(values)
    t = _times(times, x.size)
    flags = np.full(x.size, GOOD, dtype=np.uint8)
    flags[np.isnan(x)] = MISSING
    idx = np.flatnonzero(~np.isnan(x))
    xv, tv = x[idx], t[idx]
    # two pointers with monotonic deques: start of the longest run ending at n with max - min <= tolerance
    maxq: deque = deque()
    minq: deque = deque()
    start = 0
    for n in range(xv.size):
        while maxq and xv[maxq[-1]] <= xv[n]:
            maxq.pop()
        maxq.append(n)
        while minq and xv[minq[-1]] >= xv[n]:
            minq.pop()
        minq.append(n)
        while xv[maxq[0]] - xv[minq[0]] > tolerance + 1e-12:
            start += 1
            if maxq[0] < start:
                maxq.popleft()
            if minq[0] < start:
                minq.popleft()
        duration = tv[n] - tv[start]
        if duration >= fail_threshold:
            flags[idx[n]] = FAIL
        elif duration >= suspect_threshold:
            flags[idx[n]] = SUSPECT
    return flags


_PRECEDENCE = {FAIL: 4, SUSPECT: 3, GOOD: 2, UNKNOWN: 1, MISSING: 0}


def aggregate(flag_arrays, values) -> np.ndarray:
    """Flag of highest precedence (FAIL > SUSPECT > GOOD > UNKNOWN) per observation; MISSING when the value is."""
    x = _values(values)
    if not flag_arrays:
        out = np.full(x.size, UNKNOWN, dtype=np.uint8)
    else:
        rank = np.max([np.vectorize(_PRECEDENCE.get)(np.asarray(a)) for a in flag_arrays], axis=0)
        inverse = {v: k for k, v in _PRECEDENCE.items()}
        out = np.vectorize(inverse.get)(rank).astype(np.uint8)
    out[np.isnan(x)] = MISSING
    return out


# Defaults per observed property (lower-case name), used when the user gives no parameters for it. Air quality in
# µg/m³ (hourly), temperature in °C, relative humidity in %. Thresholds are deliberately broad: tune them per network.
DEFAULT_PARAMETERS: dict = {
    "no2": {
        "gross_range": {"fail_span": [0, 1000], "suspect_span": [0, 400]},
        "spike": {"suspect_threshold": 60, "fail_threshold": 150},
        "rate_of_change": {"threshold": 150 / 3600},
        "flat_line": {"suspect_threshold": 4 * 3600, "fail_threshold": 8 * 3600, "tolerance": 0.05},
    },
    "pm10": {
        "gross_range": {"fail_span": [0, 1000], "suspect_span": [0, 300]},
        "spike": {"suspect_threshold": 60, "fail_threshold": 150},
        "flat_line": {"suspect_threshold": 4 * 3600, "fail_threshold": 8 * 3600, "tolerance": 0.05},
    },
    "pm2.5": {
        "gross_range": {"fail_span": [0, 1000], "suspect_span": [0, 200]},
        "spike": {"suspect_threshold": 40, "fail_threshold": 100},
        "flat_line": {"suspect_threshold": 4 * 3600, "fail_threshold": 8 * 3600, "tolerance": 0.05},
    },
    "o3": {
        "gross_range": {"fail_span": [0, 1000], "suspect_span": [0, 360]},
        "spike": {"suspect_threshold": 60, "fail_threshold": 150},
        "flat_line": {"suspect_threshold": 4 * 3600, "fail_threshold": 8 * 3600, "tolerance": 0.05},
    },
    "temperature": {
        "gross_range": {"fail_span": [-50, 60], "suspect_span": [-25, 45]},
        "spike": {"suspect_threshold": 3, "fail_threshold": 8},
        "rate_of_change": {"threshold": 5 / 3600},
        "flat_line": {"suspect_threshold": 6 * 3600, "fail_threshold": 12 * 3600, "tolerance": 0.01},
    },
    "humidity": {
        "gross_range": {"fail_span": [0, 100], "suspect_span": [2, 100]},
        "spike": {"suspect_threshold": 15, "fail_threshold": 30},
        "flat_line": {"suspect_threshold": 6 * 3600, "fail_threshold": 12 * 3600, "tolerance": 0.1},
    },
}


def validate_config(config: dict) -> dict:
    """Check a configuration ``{test: {params}}`` (one observed property) and return it normalised."""
    out = {}
    for test, params in (config or {}).items():
        if test not in TESTS:
            raise ValueError(Message(QT_TR_NOOP("unknown QARTOD test {!r}; known tests: {}"), test, ", ".join(TESTS)))
        params = dict(params)
        try:
            if test == "gross_range":
                _span(params.get("fail_span"), "gross_range.fail_span")
                if params.get("suspect_span") is not None:
                    _span(params["suspect_span"], "gross_range.suspect_span")
            elif test == "spike":
                float(params["suspect_threshold"])
                float(params["fail_threshold"])
            elif test == "rate_of_change":
                float(params["threshold"])
            elif test == "flat_line":
                float(params["suspect_threshold"])
                float(params["fail_threshold"])
                float(params.get("tolerance", 0))
        except KeyError as e:
            raise ValueError(
                Message(QT_TR_NOOP("QARTOD test {!r} needs the parameter {!r}"), test, e.args[0])
            ) from None
        out[test] = params
    return out


def config_for(parameters: dict, prop, use_builtin: bool = True) -> dict:
    """The test configuration of an observed property: ``parameters[prop]`` (name compared without case), else
    ``parameters["default"]``, else the built-in :data:`DEFAULT_PARAMETERS` of that property, else none (every
    test UNKNOWN, i.e. not evaluated)."""
    if prop is not None:
        key = str(prop).strip().lower()
        for name, cfg in parameters.items():
            if name.strip().lower() == key:
                return cfg
    if "default" in parameters:
        return parameters["default"]
    if use_builtin and prop is not None:
        return DEFAULT_PARAMETERS.get(str(prop).strip().lower(), {})
    return {}


def run_series(values, times, config: dict) -> dict:
    """Run the configured tests on one sorted series; tests not configured are UNKNOWN (not evaluated)."""
    config = validate_config(config)
    n = len(values)
    out = {}
    for test in TESTS:
        p = config.get(test)
        if p is None:
            out[test] = np.where(np.isnan(_values(values)), MISSING, UNKNOWN).astype(np.uint8)
        elif test == "gross_range":
            out[test] = gross_range_test(values, p["fail_span"], p.get("suspect_span"))
        elif test == "spike":
            out[test] = spike_test(values, float(p["suspect_threshold"]), float(p["fail_threshold"]))
        elif test == "rate_of_change":
            out[test] = rate_of_change_test(values, times, float(p["threshold"]))
        elif test == "flat_line":
            out[test] = flat_line_test(
                values,
                times,
                float(p["suspect_threshold"]),
                float(p["fail_threshold"]),
                float(p.get("tolerance", 0.0)),
            )
    configured = [out[t] for t in TESTS if t in config]
    out["aggregate"] = aggregate(configured, values) if n else np.zeros(0, dtype=np.uint8)
    return out


def run_qc(
    sensors, times, values, properties, parameters: dict, progress=None, is_canceled=None, use_builtin=True
) -> dict:
    """Group by (sensor, property), sort by time, run the tests. Returns ``{test: flags}`` aligned with the input
    order, plus ``aggregate``. ``parameters`` is ``{property or "default": {test: params}}``."""
    n = len(values)
    if not (len(sensors) == len(times) == n and (properties is None or len(properties) == n)):
        raise ValueError("sensors, times, values and properties must have the same length")
    for prop, cfg in parameters.items():
        try:
            validate_config(cfg)
        except ValueError as e:
            raise ValueError(Message(QT_TR_NOOP("parameters of '{}': {}"), prop, e)) from None
    t = np.asarray(times, dtype=float)
    if np.any(np.isnan(t)):
        raise ValueError(Message(QT_TR_NOOP("{} observation(s) have no time"), int(np.isnan(t).sum())))
    result = {test: np.zeros(n, dtype=np.uint8) for test in (*TESTS, "aggregate")}
    groups: dict = {}
    for i in range(n):
        key = (sensors[i], None if properties is None else properties[i])
        groups.setdefault(key, []).append(i)
    for k, (key, members) in enumerate(groups.items()):
        if is_canceled is not None and is_canceled():
            break
        members = np.asarray(members)
        order = members[np.argsort(t[members], kind="stable")]
        vals = [values[i] for i in order]
        flags = run_series(vals, t[order], config_for(parameters, key[1], use_builtin))
        for test, arr in flags.items():
            result[test][order] = arr
        if progress is not None:
            progress(100.0 * (k + 1) / len(groups))
    return result


def summary_by_sensor(sensors, flags) -> dict:
    """``{sensor: {flag name: count}}`` of the aggregated flags."""
    out: dict = {}
    for s, f in zip(sensors, flags):
        counts = out.setdefault(s, {name: 0 for name in FLAG_NAMES.values()})
        counts[FLAG_NAMES[int(f)]] += 1
    return out
