"""The validation report of a schema CSV: the quality report's model (JSON, self-contained HTML) and a short text
naming the failing rows and fields."""

from __future__ import annotations

from ..messages import QT_TR_NOOP, Message
from ..quality.html import render_html
from ..quality.model import ERROR, QualityReport


def build_report(title: str, source: str, row_count: int, checks: list, metadata: dict | None = None):
    report = QualityReport(title=title, source=source, row_count=row_count)
    for check in checks:
        report.add(check)
    report.metadata = dict(metadata or {})
    return report


def failures(report: QualityReport, limit: int = 10) -> list:
    """Up to ``limit`` error messages (row, field, value, rule), then how many more."""
    errors = [p for p in report.problems if p.severity == ERROR]
    lines = [p.message for p in errors[:limit]]
    if len(errors) > limit:
        lines.append(Message(QT_TR_NOOP("… and {:,} more errors (see the validation report)"), len(errors) - limit))
    return lines


def failing_fields(report: QualityReport) -> dict:
    """``{field: number of failing rows}`` of the errors."""
    out: dict = {}
    for p in report.problems:
        if p.severity == ERROR and p.field:
            out[p.field] = out.get(p.field, 0) + 1
    return out


def report_html(report: QualityReport, localiser=None) -> str:
    """The report as HTML; ``localiser`` (``toolbelt.i18n.localiser()``) writes it in the interface language."""
    return render_html(report, localiser=localiser)
