"""core.quality.rules: the attribute rules of a quality report, run on plain columns; dataset checks (empty
layer, no CRS); invalid regular expressions refused naming the rule (issue 16, point 14)."""

import json

import pytest

from terridata.core.quality.attributes import check_domain, compile_pattern
from terridata.core.quality.model import FAILED, PASSED, QualityReport
from terridata.core.quality.rules import AttributeRules, attribute_checks, dataset_checks
from terridata.core.quality.schema import SchemaError, load_schema, validate_table


def test_invalid_pattern_names_the_rule():
    with pytest.raises(ValueError, match=r"the pattern '\[0-9' of the domain rule of 'code' is not a valid"):
        check_domain(["1"], "code", {"pattern": "[0-9"})
    with pytest.raises(ValueError, match="must be text"):
        compile_pattern(3, "x")
    assert compile_pattern(r"\d+", "x").fullmatch("12")


def test_invalid_table_schema_pattern_is_a_schema_error(tmp_path):
    schema = {"fields": [{"name": "code", "constraints": {"pattern": "(unclosed"}}]}
    with pytest.raises(SchemaError, match="field 'code'"):
        load_schema(schema)
    path = tmp_path / "s.json"
    path.write_text(json.dumps(schema), encoding="utf-8")
    with pytest.raises(SchemaError, match="not a valid regular expression"):
        validate_table(["code"], [["1"]], str(path))


def _valid(checks) -> bool:
    report = QualityReport("t")
    for c in checks:
        report.add(c)
    return report.valid


def test_empty_dataset_is_not_valid():
    assert not _valid(dataset_checks(0, has_geometry=False, crs_valid=False))
    assert _valid(dataset_checks(1, has_geometry=False, crs_valid=False))  # a table needs no CRS


def test_layer_without_crs_is_not_valid():
    checks = dataset_checks(3, has_geometry=True, crs_valid=False)
    assert [c.outcome for c in checks] == [PASSED, FAILED]
    assert [p.type for p in checks[1].problems] == ["crs-missing"]
    assert _valid(dataset_checks(3, has_geometry=True, crs_valid=True, crs_label="EPSG:2154"))


def test_attribute_rules_run_every_configured_check():
    columns = {"id": [1, 2, 2], "pop": [10, None, -5], "code": ["A1", "B2", "zz"]}
    rules = AttributeRules(
        required=("pop",),
        threshold=90.0,
        keys=("id",),
        domain={"pop": {"minimum": 0}, "code": {"pattern": "[A-Z][0-9]"}},
    )
    checks = {c.id: c for c in attribute_checks(rules, columns, [11, 12, 13])}
    assert sorted(checks) == ["completeness:pop", "domain:code", "domain:pop", "uniqueness:id"]
    assert [p.row for p in checks["domain:code"].problems] == [13]
    assert [p.row for p in checks["domain:pop"].problems] == [13]
    assert sorted(checks["uniqueness:id"].affected_rows) == [12, 13]
    assert checks["completeness:pop"].outcome == FAILED  # 2 of 3 filled < 90 %


def test_rules_name_missing_fields_and_need_a_referential_for_codes():
    rules = AttributeRules(required=("a",), keys=("b",), code_field="c")
    assert rules.missing_fields(["a"]) == ["b", "c"]
    with pytest.raises(ValueError, match="COG referential"):
        attribute_checks(rules, {"a": [1], "b": [1], "c": ["01001"]}, [1])
