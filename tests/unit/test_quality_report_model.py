"""Report model: Frictionless-style JSON and self-contained HTML."""

import json
import re

from terridata.core.quality.html import render_html
from terridata.core.quality.model import (
    CONSISTENCY_TOPOLOGICAL,
    INFO,
    ISO19157,
    SKIPPED,
    WARNING,
    CheckResult,
    QualityReport,
)


def make_report():
    report = QualityReport("Quality of <communes>", source="communes.gpkg", row_count=10)
    invalid = report.add(CheckResult("geometry_validity_geos", "Invalid geometries (GEOS)", CONSISTENCY_TOPOLOGICAL))
    invalid.checked = 10
    invalid.problem("geometry-invalid", "Self-intersection at (1, 2)", row=3, details={"x": 1.0, "y": 2.0})
    invalid.problem("geometry-invalid", "Ring self-intersection <b>", row=7, severity=WARNING)
    ok = report.add(CheckResult("geometry_empty", "Missing geometries", ISO19157[0], params={"a": 1.5}))
    ok.checked = 10
    skipped = report.add(CheckResult("outliers:x", "Outliers", ISO19157[-1], status=SKIPPED))
    skipped.problem("note", "no numeric value", severity=INFO)
    return report


def test_json_is_frictionless_style():
    d = json.loads(make_report().to_json())
    assert d["valid"] is False
    assert d["stats"]["errors"] == 1 and d["stats"]["warnings"] == 1 and d["stats"]["infos"] == 1
    assert d["stats"]["checks"] == {"geometry_validity_geos": 2, "geometry_empty": 0, "outliers:x": 1}
    assert d["stats"]["affected_rows"] == 2
    assert d["stats"]["iso19157"][CONSISTENCY_TOPOLOGICAL] == 2
    first = d["errors"][0]
    assert first["type"] == "geometry-invalid" and first["row"] == 3 and first["details"] == {"x": 1.0, "y": 2.0}
    assert first["iso19157"] == CONSISTENCY_TOPOLOGICAL and first["check"] == "geometry_validity_geos"
    statuses = {c["id"]: c["status"] for c in d["checks"]}
    assert statuses == {"geometry_validity_geos": "failed", "geometry_empty": "passed", "outliers:x": "skipped"}
    assert d["checks"][1]["params"] == {"a": 1.5}


def test_only_warnings_is_valid():
    report = QualityReport("t")
    c = report.add(CheckResult("x", "x", ISO19157[0], severity=WARNING))
    c.problem("w", "a warning", row=1)
    assert report.valid and json.loads(report.to_json())["valid"] is True


def test_html_is_self_contained_and_escaped():
    text = render_html(make_report(), labels={"summary": "Résumé"})
    assert text.startswith("<!DOCTYPE html>")
    assert "<style>" in text and "Résumé" in text
    assert not re.search(r"(src|href)\s*=\s*['\"]?(https?:|//)", text)
    assert "<script" not in text and "<link" not in text
    assert "Quality of &lt;communes&gt;" in text and "Ring self-intersection &lt;b&gt;" in text
    # summary comes before the details, failed checks listed first
    assert text.index("Résumé") < text.index("Checks in detail")
    summary = text[text.index("Résumé") : text.index("Checks in detail")]
    assert summary.index("Invalid geometries") < summary.index("Missing geometries")
    assert "a = <code>1.5</code>" in text  # parameters shown (values as code)


def test_check_table_in_json_and_html():
    report = make_report()
    report.checks[1].table = {"columns": ["Sensor", "FAIL"], "rows": [["NO2-001", 3], ["NO2-<2>", 0]]}
    d = json.loads(report.to_json())
    assert d["checks"][1]["table"]["rows"][0] == ["NO2-001", 3]
    text = render_html(report)
    assert "<th>Sensor</th>" in text and "<td>NO2-&lt;2&gt;</td>" in text
