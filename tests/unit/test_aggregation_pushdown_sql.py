"""The SQL text of the PostGIS engine: quoting (no user text pasted as SQL) and the statement structure. Run
against a real server in tests/qgis/test_postgis_engine.py."""

import math

import pytest

from terridata.core.aggregation.pushdown_sql import (
    TableRef,
    ZonesQuery,
    aggregation_script,
    float_literal,
    quote_identifier,
    quote_literal,
)


def test_identifiers_are_double_quoted_with_quotes_doubled():
    assert quote_identifier("geom") == '"geom"'
    assert quote_identifier('a"; DROP TABLE x; --') == '"a""; DROP TABLE x; --"'
    with pytest.raises(ValueError):
        quote_identifier("a\x00b")


def test_literals_double_quotes_and_escape_backslashes():
    assert quote_literal("O'Brien") == "'O''Brien'"
    assert quote_literal("a\\b'") == "E'a\\\\b'''"
    with pytest.raises(ValueError):
        quote_literal("\x00")


@pytest.mark.parametrize("value", [0.1, 1 / 3, 1e-300, -2.5e17, 0.9])
def test_float_literals_keep_every_bit(value):
    text = float_literal(value)
    assert text.endswith("::float8")
    assert float(text[: -len("::float8")]) == value
    assert float_literal(math.nan) == "'NaN'::float8"


def test_hostile_names_stay_identifiers_in_the_script():
    zones = TableRef('s"x', 'zones"; DROP TABLE t; --', "g", 2154, "id")
    points = TableRef("public", "pts", 'ge"om', 2154, "id")
    script = aggregation_script(
        ZonesQuery(zones=zones, points=points, fields=['v"1'], statistics=["mean", "p90"], category="c'at")
    )
    assert '"zones""; DROP TABLE t; --"' in script
    assert '"s""x"' in script and '"ge""om"' in script and '"v""1"' in script and '"c\'at"' in script
    assert 'DROP TABLE t; --"' in script and "; DROP TABLE t;" not in script.replace('"zones""; DROP TABLE t; --"', "")
    assert "percentile_cont(0.9::float8)" in script
