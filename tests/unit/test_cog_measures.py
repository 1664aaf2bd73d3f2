"""core.cog.measures: the values of a measure that are not numbers (issue 16, point 12: a text field used as an
additive field must be refused, not turned into NULL)."""

import math

import numpy as np
import pytest

from terridata.core.cog.measures import as_number, non_numeric_values


@pytest.mark.parametrize(
    "value, expected",
    [
        (12, 12.0),
        (12.5, 12.5),
        (np.int64(3), 3.0),
        (np.float32(1.5), 1.5),
        ("12", 12.0),
        (" 3.5 ", 3.5),
        ("1e3", 1000.0),
        ("-4", -4.0),
        ("douze", None),
        ("1,5", None),  # a decimal comma is not read as a number: say so rather than guess
        ("n/a", None),
        (True, None),
        (None, None),
        (float("nan"), None),
        ("", None),
    ],
)
def test_as_number(value, expected):
    assert as_number(value) == expected


def test_non_numeric_values_are_counted_with_distinct_examples():
    values = ["1", None, "", "  ", float("nan"), "x", 2, "y", "x", "1,5", "z", "w", "v", "u"]
    count, examples = non_numeric_values(values, examples=5)
    # independent count: the cells that are neither empty nor parseable by float()
    expected = 0
    for v in values:
        if v is None or (isinstance(v, float) and math.isnan(v)) or (isinstance(v, str) and not v.strip()):
            continue
        try:
            float(v)
        except ValueError:
            expected += 1
    assert count == expected == 8
    assert examples == ["x", "y", "1,5", "z", "w"]


def test_a_numeric_column_has_no_offending_value():
    assert non_numeric_values([1, 2.5, "3", None, ""]) == (0, [])
