"""The quality report model: checks, the problems they found, and the Frictionless-style JSON of it all.

Every check names its ISO 19157 data quality element (see :data:`ISO19157`), so that a report can be filtered or
summarised by element. Problems keep the row (feature id or table row), the field, a message a GIS technician
understands, and optionally a location (WKB, not serialised in JSON).
"""

from __future__ import annotations

import datetime as _dt
import json
import math
from dataclasses import dataclass
from dataclasses import field as _field
from typing import Any

from ..messages import QT_TR_NOOP

# ISO 19157 data quality elements (usable as tags; stable in JSON, translated in the HTML report)
COMPLETENESS_OMISSION = QT_TR_NOOP("completeness / omission")
COMPLETENESS_COMMISSION = QT_TR_NOOP("completeness / commission")
CONSISTENCY_CONCEPTUAL = QT_TR_NOOP("logical consistency / conceptual consistency")
CONSISTENCY_DOMAIN = QT_TR_NOOP("logical consistency / domain consistency")
CONSISTENCY_FORMAT = QT_TR_NOOP("logical consistency / format consistency")
CONSISTENCY_TOPOLOGICAL = QT_TR_NOOP("logical consistency / topological consistency")
POSITIONAL_ACCURACY = QT_TR_NOOP("positional accuracy")
TEMPORAL_QUALITY = QT_TR_NOOP("temporal quality")
THEMATIC_ACCURACY = QT_TR_NOOP("thematic accuracy")

ISO19157 = (
    COMPLETENESS_OMISSION,
    COMPLETENESS_COMMISSION,
    CONSISTENCY_CONCEPTUAL,
    CONSISTENCY_DOMAIN,
    CONSISTENCY_FORMAT,
    CONSISTENCY_TOPOLOGICAL,
    POSITIONAL_ACCURACY,
    TEMPORAL_QUALITY,
    THEMATIC_ACCURACY,
)

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)
# What the reports show for each severity (the JSON keeps the stable names above).
SEVERITY_LABELS = {
    ERROR: QT_TR_NOOP("error"),
    WARNING: QT_TR_NOOP("warning"),
    INFO: QT_TR_NOOP("information"),
}

PASSED = "passed"
FAILED = "failed"
SKIPPED = "skipped"


@dataclass
class Problem:
    """One problem found by a check (one row of the problems layer, one entry of the JSON ``errors``)."""

    type: str  # noqa: A003  Frictionless-style error type, e.g. "geometry-invalid", "type-error"
    message: str
    row: int | None = None  # feature id or 1-based table row; None for a problem of the whole dataset
    field: str | None = None
    severity: str = ERROR
    value: Any = None
    details: dict = _field(default_factory=dict)  # JSON-serialisable extras (successor code, reason, x, y...)
    location_wkb: bytes | None = None  # where it is (point, polygon); not written to JSON
    check: str = ""  # filled in by CheckResult.add
    iso19157: str = ""


@dataclass
class CheckResult:
    """A check run: its parameters, what it looked at, what it found."""

    id: str  # noqa: A003  stable id, e.g. "geometry_validity_geos"
    title: str
    iso19157: str
    severity: str = ERROR  # severity of its problems unless a problem says otherwise
    params: dict = _field(default_factory=dict)
    checked: int = 0  # number of items (features, values, observations) checked
    problems: list = _field(default_factory=list)
    status: str | None = None  # None: computed (failed when it found a problem of severity error)
    note: str = ""  # a sentence shown in the report (e.g. "completeness 79.0 % < 80 %")
    summary: dict = _field(default_factory=dict)  # figures shown in the report (JSON-serialisable)
    table: dict | None = None  # optional {"columns": [...], "rows": [[...]]} shown in the report (e.g. per sensor)

    def add(self, problem: Problem) -> Problem:
        problem.check = self.id
        problem.iso19157 = problem.iso19157 or self.iso19157
        self.problems.append(problem)
        return problem

    def problem(self, type_: str, message: str, **kwargs) -> Problem:
        kwargs.setdefault("severity", self.severity)
        return self.add(Problem(type_, message, **kwargs))

    @property
    def outcome(self) -> str:
        if self.status:
            return self.status
        return FAILED if any(p.severity == ERROR for p in self.problems) else PASSED

    @property
    def affected_rows(self) -> set:
        return {p.row for p in self.problems if p.row is not None}


@dataclass
class QualityReport:
    title: str
    source: str = ""
    row_count: int = 0
    checks: list = _field(default_factory=list)
    created: str = _field(default_factory=lambda: _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat())
    metadata: dict = _field(default_factory=dict)

    def add(self, check: CheckResult) -> CheckResult:
        self.checks.append(check)
        return check

    @property
    def problems(self) -> list:
        return [p for c in self.checks for p in c.problems]

    @property
    def valid(self) -> bool:
        return all(c.outcome != FAILED for c in self.checks)

    def affected_rows(self) -> set:
        rows = set()
        for c in self.checks:
            rows |= c.affected_rows
        return rows

    def to_dict(self) -> dict:
        """Frictionless-style report: ``valid``, ``stats`` (``errors`` and per-check counts), ``errors``, plus
        ``checks`` (each with its ISO 19157 element, parameters, status and counts)."""
        errors = [
            _clean(
                {
                    "type": p.type,
                    "row": p.row,
                    "field": p.field,
                    "message": p.message,
                    "severity": p.severity,
                    "check": p.check,
                    "iso19157": p.iso19157,
                    "value": p.value,
                    **({"details": p.details} if p.details else {}),
                }
            )
            for p in self.problems
        ]
        by_severity = {s: sum(1 for p in self.problems if p.severity == s) for s in SEVERITIES}
        return {
            "valid": self.valid,
            "title": self.title,
            "source": self.source,
            "created": self.created,
            "stats": {
                "errors": by_severity[ERROR],
                "warnings": by_severity[WARNING],
                "infos": by_severity[INFO],
                "problems": len(errors),
                "rows": self.row_count,
                "affected_rows": len(self.affected_rows()),
                "checks": {c.id: len(c.problems) for c in self.checks},
                "iso19157": _count_by(self.problems, "iso19157"),
            },
            "checks": [
                _clean(
                    {
                        "id": c.id,
                        "title": c.title,
                        "iso19157": c.iso19157,
                        "status": c.outcome,
                        "checked": c.checked,
                        "problems": len(c.problems),
                        "affected_rows": len(c.affected_rows),
                        "params": c.params,
                        "note": c.note,
                        "summary": c.summary,
                        **({"table": c.table} if c.table else {}),
                    }
                )
                for c in self.checks
            ],
            "errors": errors,
            **({"metadata": _clean(self.metadata)} if self.metadata else {}),
        }

    def to_json(self, indent: int | None = 1) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, allow_nan=False)


def _count_by(problems, attr) -> dict:
    out = {}
    for p in problems:
        key = getattr(p, attr)
        out[key] = out.get(key, 0) + 1
    return out


def _clean(value):
    """Make a value JSON-serialisable (numpy scalars, NaN, dates, bytes, sets)."""
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_clean(v) for v in value]
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, (_dt.date, _dt.datetime, _dt.time)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    try:  # numpy scalar
        item = value.item()
        return _clean(item)
    except (AttributeError, ValueError):
        return str(value)
