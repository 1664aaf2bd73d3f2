"""Table Schema validation (schema.data.gouv.fr style) with Frictionless error types."""

import json

import pytest

from terridata.core.quality.model import FAILED, PASSED, QualityReport
from terridata.core.quality.schema import SchemaError, load_schema, validate_table

SCHEMA = {
    "fields": [
        {"name": "id", "type": "integer", "constraints": {"required": True, "unique": True}},
        {"name": "code_insee", "type": "string", "constraints": {"pattern": "[0-9AB]{5}", "required": True}},
        {"name": "type", "type": "string", "constraints": {"enum": ["borne", "station"]}},
        {"name": "puissance", "type": "number", "constraints": {"minimum": 0, "maximum": 350}},
        {"name": "date_mise_en_service", "type": "date"},
        {"name": "gratuit", "type": "boolean"},
    ],
    "missingValues": ["", "NA"],
    "primaryKey": "id",
}
HEADER = ["id", "code_insee", "type", "puissance", "date_mise_en_service", "gratuit"]


def by(checks):
    return {c.id: c for c in checks}


def test_valid_table_passes():
    rows = [
        ["1", "2A004", "borne", "0", "2024-01-31", "true"],
        ["2", "97411", "station", "350", "NA", "false"],
    ]
    checks = validate_table(HEADER, rows, SCHEMA)
    assert all(c.outcome == PASSED for c in checks), [p.message for c in checks for p in c.problems]


def test_each_constraint_on_each_side():
    rows = [
        ["1", "01001", "borne", "350", "2024-02-29", "oui"],  # ok (350 is the inclusive maximum)
        ["2", "0100", "parking", "350.01", "2024-02-30", "peut-être"],  # pattern, enum, maximum, date, boolean
        ["2", "", "station", "-0.01", "", ""],  # duplicate id, required code, minimum
        ["x", "01002", "NA", "abc", "", ""],  # integer and number type errors; NA is missing
    ]
    checks = by(validate_table(HEADER, rows, SCHEMA))
    types = {(p.row, p.field) for p in checks["schema:types"].problems}
    assert types == {(3, "date_mise_en_service"), (3, "gratuit"), (5, "id"), (5, "puissance")}
    cons = {(p.row, p.field, p.details["constraint"]) for p in checks["schema:constraints"].problems}
    assert cons == {
        (3, "code_insee", "pattern"),
        (3, "type", "enum"),
        (3, "puissance", "maximum"),
        (4, "puissance", "minimum"),
    }
    assert [(p.row, p.field) for p in checks["schema:required"].problems] == [(4, "code_insee")]
    uniq = checks["schema:unique"].problems
    assert {(p.type, p.row) for p in uniq} == {("unique-error", 4), ("primary-key", 4)}
    assert all(c.outcome == FAILED for c in checks.values())


def test_labels_and_report_json(tmp_path):
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(SCHEMA), encoding="utf-8")
    checks = validate_table(["id", "code_insee", "extra"], [["1", "01001", "z"]], load_schema(path))
    labels = [(p.type, p.field) for p in by(checks)["schema:types"].problems]
    assert ("missing-label", "type") in labels and ("extra-label", "extra") in labels
    report = QualityReport("t", row_count=1)
    for c in checks:
        report.add(c)
    d = json.loads(report.to_json())
    assert d["valid"] is False
    assert d["stats"]["errors"] == 4  # four missing columns; the extra column is a warning
    assert d["stats"]["warnings"] == 1
    assert {e["type"] for e in d["errors"]} == {"missing-label", "extra-label"}
    assert all({"type", "row", "field", "message", "iso19157"} <= set(e) for e in d["errors"])


def test_bad_schema_is_a_clear_error(tmp_path):
    with pytest.raises(SchemaError, match="fields"):
        load_schema({"foo": 1})
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(SchemaError, match="not valid JSON"):
        load_schema(bad)
    with pytest.raises(SchemaError, match="not found"):
        load_schema(tmp_path / "missing.json")
