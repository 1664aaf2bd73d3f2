"""Attribute checks on columns of values: completeness, uniqueness, domain (list, range, pattern), outliers (IQR)
and dates. A column is any sequence; ``None``, NaN and blank strings are missing values. Rows are reported with the
ids given in ``rows`` (feature ids), or 1-based positions when ``rows`` is None.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Sequence

import numpy as np

from ..messages import QT_TR_NOOP, Message
from .model import (
    COMPLETENESS_OMISSION,
    CONSISTENCY_CONCEPTUAL,
    CONSISTENCY_DOMAIN,
    CONSISTENCY_FORMAT,
    ERROR,
    INFO,
    TEMPORAL_QUALITY,
    THEMATIC_ACCURACY,
    WARNING,
    CheckResult,
)


def is_missing(value, missing_values: Sequence = ("",)) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str) and (value.strip() == "" or value in missing_values):
        return True
    return False


def missing_mask(values: Sequence, missing_values: Sequence = ("",)) -> np.ndarray:
    return np.fromiter((is_missing(v, missing_values) for v in values), dtype=bool, count=len(values))


def _row_ids(values, rows):
    if rows is None:
        return list(range(1, len(values) + 1))
    if len(rows) != len(values):
        raise ValueError("rows and values must have the same length")
    return list(rows)


def check_completeness(values: Sequence, field: str, threshold: float = 95.0, rows=None) -> CheckResult:
    """Share of non-missing values, in %. The check fails when it is below ``threshold`` (80 % passes a threshold of
    80, 79 % does not); every missing value is then reported (as a warning, the field as an error)."""
    if not 0 <= threshold <= 100:
        raise ValueError(Message(QT_TR_NOOP("completeness threshold must be between 0 and 100 %, not {}"), threshold))
    ids = _row_ids(values, rows)
    mask = missing_mask(values)
    n = len(values)
    present = n - int(mask.sum())
    ratio = 100.0 * present / n if n else 100.0
    check = CheckResult(
        f"completeness:{field}",
        Message(QT_TR_NOOP("Completeness of '{}'"), field),
        COMPLETENESS_OMISSION,
        params={"field": field, "threshold_percent": threshold},
        checked=n,
        summary={"completeness_percent": round(ratio, 3), "missing": n - present},
    )
    ok = ratio >= threshold - 1e-9
    check.note = Message(
        QT_TR_NOOP("{:.1f} % of the values of '{}' are filled ({:,} missing of {:,}); threshold {:g} %"),
        ratio,
        field,
        n - present,
        n,
        threshold,
    )
    if not ok:
        check.problem(
            "completeness-below-threshold",
            Message(
                QT_TR_NOOP(
                    "Field '{}' is {:.1f} % complete, below the threshold of {:g} %: {:,} of {:,} values "
                    "are missing. Fill them in or lower the threshold.",
                ),
                field,
                ratio,
                threshold,
                n - present,
                n,
            ),
            field=field,
            value=round(ratio, 3),
        )
        for i in np.flatnonzero(mask):
            check.problem(
                "missing-cell",
                Message(QT_TR_NOOP("Missing value in '{}'"), field),
                row=ids[i],
                field=field,
                severity=WARNING,
            )
    return check


def check_uniqueness(columns: dict, rows=None) -> CheckResult:
    """Key fields (one or several, combined) must be unique; every row of a duplicated key is reported."""
    names = list(columns)
    if not names:
        raise ValueError("uniqueness needs at least one key field")
    n = len(columns[names[0]])
    ids = _row_ids(columns[names[0]], rows)
    label = ", ".join(names)
    check = CheckResult(
        f"uniqueness:{label}",
        Message(QT_TR_NOOP("Uniqueness of the key '{}'"), label),
        CONSISTENCY_CONCEPTUAL,
        params={"fields": names},
        checked=n,
    )
    seen: dict = {}
    missing = []
    for i in range(n):
        key = tuple(columns[name][i] for name in names)
        if any(is_missing(k) for k in key):
            missing.append(i)
            continue
        seen.setdefault(key, []).append(i)
    dup_groups = [g for g in seen.values() if len(g) > 1]
    for group in dup_groups:
        key = tuple(columns[name][group[0]] for name in names)
        shown = key[0] if len(key) == 1 else key
        others = [ids[j] for j in group]
        for i in group:
            check.problem(
                "unique-error",
                Message(
                    QT_TR_NOOP("Key {} = {!r} appears {} times (rows {}{})"),
                    label,
                    shown,
                    len(group),
                    ", ".join(map(str, others[:10])),
                    "..." if len(others) > 10 else "",
                ),
                row=ids[i],
                field=label,
                value=shown if len(key) == 1 else list(key),
                details={"occurrences": len(group)},
            )
    for i in missing:
        check.problem(
            "missing-key",
            Message(QT_TR_NOOP("Missing key value in '{}'"), label),
            row=ids[i],
            field=label,
        )
    check.summary = {"duplicated_keys": len(dup_groups), "missing_keys": len(missing)}
    check.note = Message(QT_TR_NOOP("{} duplicated key value(s), {} missing key(s)"), len(dup_groups), len(missing))
    return check


def _to_float(value):
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip().replace(",", "."))
        except ValueError:
            return None
    return None


def compile_pattern(pattern, where: str) -> re.Pattern:
    """``re.compile(pattern)``, or a ValueError that names the rule (``where``) and says what is wrong."""
    if not isinstance(pattern, str):
        raise ValueError(Message(QT_TR_NOOP("the pattern of {} must be text, not {!r}"), where, pattern))
    try:
        return re.compile(pattern)
    except re.error as e:
        raise ValueError(
            Message(
                QT_TR_NOOP("the pattern {!r} of {} is not a valid regular expression ({})"),
                pattern,
                where,
                e,
            )
        ) from None


def check_domain(values: Sequence, field: str, rule: dict, rows=None) -> CheckResult:
    """Values against a domain rule (Table Schema constraint names):
    ``enum`` (list of allowed values), ``minimum``/``maximum`` (inclusive), ``exclusiveMinimum``/``exclusiveMaximum``
    (strict), ``pattern`` (regular expression matching the whole value). Missing values are not checked here
    (that is completeness)."""
    known = {"enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "pattern"}
    unknown = set(rule) - known
    if unknown:
        raise ValueError(
            Message(
                QT_TR_NOOP("unknown domain rule(s) for '{}': {}; use {}"),
                field,
                ", ".join(sorted(unknown)),
                sorted(known),
            )
        )
    pattern = (
        compile_pattern(rule["pattern"], Message(QT_TR_NOOP("the domain rule of '{}'"), field))
        if "pattern" in rule
        else None
    )
    enum = rule.get("enum")
    enum_set = {str(v) for v in enum} if enum is not None else None
    bounds = {k: float(rule[k]) for k in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum") if k in rule}
    ids = _row_ids(values, rows)
    check = CheckResult(
        f"domain:{field}",
        Message(QT_TR_NOOP("Domain of '{}'"), field),
        CONSISTENCY_DOMAIN,
        params={"field": field, **rule},
        checked=len(values),
    )
    for i, v in enumerate(values):
        if is_missing(v):
            continue
        if enum_set is not None and str(v) not in enum_set:
            check.problem(
                "constraint-error",
                Message(
                    QT_TR_NOOP("Value {!r} of '{}' is not in the allowed list ({})"),
                    v,
                    field,
                    ", ".join(sorted(enum_set)[:10]),
                ),
                row=ids[i],
                field=field,
                value=v,
                details={"constraint": "enum"},
            )
        if pattern is not None and not pattern.fullmatch(str(v)):
            check.problem(
                "constraint-error",
                Message(
                    QT_TR_NOOP("Value {!r} of '{}' does not match the pattern {}"),
                    v,
                    field,
                    pattern.pattern,
                ),
                row=ids[i],
                field=field,
                value=v,
                details={"constraint": "pattern"},
            )
        if bounds:
            x = _to_float(v)
            if x is None:
                check.problem(
                    "type-error",
                    Message(QT_TR_NOOP("Value {!r} of '{}' is not a number"), v, field),
                    row=ids[i],
                    field=field,
                    value=v,
                )
                continue
            for name, limit in bounds.items():
                bad = (
                    (name == "minimum" and x < limit)
                    or (name == "maximum" and x > limit)
                    or (name == "exclusiveMinimum" and x <= limit)
                    or (name == "exclusiveMaximum" and x >= limit)
                )
                if bad:
                    op = {"minimum": ">=", "maximum": "<=", "exclusiveMinimum": ">", "exclusiveMaximum": "<"}[name]
                    check.problem(
                        "constraint-error",
                        Message(
                            QT_TR_NOOP("Value {:g} of '{}' is out of range: it must be {} {:g}"),
                            x,
                            field,
                            op,
                            limit,
                        ),
                        row=ids[i],
                        field=field,
                        value=x,
                        details={"constraint": name, "limit": limit},
                    )
    check.note = Message(QT_TR_NOOP("{} value(s) outside the domain"), len(check.affected_rows))
    return check


def iqr_fences(values: Sequence, factor: float = 1.5) -> tuple:
    """``(q1, q3, lower_fence, upper_fence)`` of the non-missing numeric values (linear-interpolated quartiles)."""
    x = np.array([v for v in (_to_float(v) for v in values) if v is not None and math.isfinite(v)], dtype=float)
    if x.size == 0:
        raise ValueError("no numeric value to compute quartiles from")
    q1, q3 = np.percentile(x, [25, 75])
    iqr = q3 - q1
    return float(q1), float(q3), float(q1 - factor * iqr), float(q3 + factor * iqr)


def check_outliers(values: Sequence, field: str, factor: float = 1.5, rows=None) -> CheckResult:
    """IQR rule: a value is an outlier when strictly below Q1 − factor·IQR or strictly above Q3 + factor·IQR
    (a value exactly on a fence is not). Outliers are warnings: they may be true values."""
    if factor <= 0:
        raise ValueError(Message(QT_TR_NOOP("the IQR factor must be positive, not {}"), factor))
    ids = _row_ids(values, rows)
    check = CheckResult(
        f"outliers:{field}",
        Message(QT_TR_NOOP("Outliers of '{}' (IQR rule)"), field),
        THEMATIC_ACCURACY,
        severity=WARNING,
        params={"field": field, "iqr_factor": factor},
        checked=len(values),
    )
    nums = [_to_float(v) for v in values]
    if all(v is None for v in nums):
        check.status = "skipped"
        check.note = Message(QT_TR_NOOP("'{}' has no numeric value"), field)
        return check
    q1, q3, lo, hi = iqr_fences(values, factor)
    check.summary = {"q1": q1, "q3": q3, "lower_fence": lo, "upper_fence": hi}
    for i, x in enumerate(nums):
        if x is None or not math.isfinite(x):
            continue
        if x < lo or x > hi:
            template = (
                QT_TR_NOOP("Value {:g} of '{}' is below the lower fence {:g} (Q1 {:g}, Q3 {:g}, factor {:g})")
                if x < lo
                else QT_TR_NOOP("Value {:g} of '{}' is above the upper fence {:g} (Q1 {:g}, Q3 {:g}, factor {:g})")
            )
            check.problem(
                "outlier",
                Message(
                    template,
                    x,
                    field,
                    lo if x < lo else hi,
                    q1,
                    q3,
                    factor,
                ),
                row=ids[i],
                field=field,
                value=x,
            )
    check.note = Message(QT_TR_NOOP("fences [{:g}, {:g}]; {} outlier(s)"), lo, hi, len(check.problems))
    return check


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%Y/%m/%d", "%Y%m%d")


def parse_date(value) -> _dt.datetime | None:
    """ISO 8601 date or date-time (``2024-03-01``, ``2024-03-01T10:00:00Z``), French ``01/03/2024``, or a
    date/datetime object. Naive results are taken as UTC. None when it does not parse."""
    if isinstance(value, _dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=_dt.timezone.utc)
    if isinstance(value, _dt.date):
        return _dt.datetime(value.year, value.month, value.day, tzinfo=_dt.timezone.utc)
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        parsed = _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
        for fmt in _DATE_FORMATS:
            try:
                parsed = _dt.datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
    if parsed is None:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=_dt.timezone.utc)


def check_dates(values: Sequence, field: str, reference: _dt.datetime | None = None, rows=None) -> list:
    """Two checks: dates that do not parse (format consistency) and dates after ``reference`` (default: now,
    temporal quality). A date equal to the reference is not in the future."""
    ref = reference or _dt.datetime.now(_dt.timezone.utc)
    if ref.tzinfo is None:
        ref = ref.replace(tzinfo=_dt.timezone.utc)
    ids = _row_ids(values, rows)
    fmt = CheckResult(
        f"date_format:{field}",
        Message(QT_TR_NOOP("Dates of '{}' that do not parse"), field),
        CONSISTENCY_FORMAT,
        params={"field": field, "formats": ["ISO 8601", "dd/mm/yyyy"]},
        checked=len(values),
    )
    future = CheckResult(
        f"date_future:{field}",
        Message(QT_TR_NOOP("Dates of '{}' in the future"), field),
        TEMPORAL_QUALITY,
        params={"field": field, "reference": ref.isoformat()},
        checked=len(values),
    )
    for i, v in enumerate(values):
        if is_missing(v):
            continue
        d = parse_date(v)
        if d is None:
            fmt.problem(
                "type-error",
                Message(
                    QT_TR_NOOP(
                        "Value {!r} of '{}' is not a date (expected ISO 8601 such as 2024-03-01, or 01/03/2024)",
                    ),
                    v,
                    field,
                ),
                row=ids[i],
                field=field,
                value=str(v),
            )
        elif d > ref:
            future.problem(
                "date-in-future",
                Message(
                    QT_TR_NOOP("Date {} of '{}' is after the reference date {}"),
                    d.date().isoformat(),
                    field,
                    ref.date().isoformat(),
                ),
                row=ids[i],
                field=field,
                value=d.isoformat(),
            )
    return [fmt, future]


__all__ = [
    "ERROR",
    "INFO",
    "WARNING",
    "check_completeness",
    "check_dates",
    "check_domain",
    "check_outliers",
    "check_uniqueness",
    "compile_pattern",
    "iqr_fences",
    "is_missing",
    "parse_date",
]
