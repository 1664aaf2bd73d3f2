"""One normalisation of territorial codes read from user data (core/territory_codes.py)."""

import numpy as np
import pytest

from terridata.core.territory_codes import normalise_code


@pytest.mark.parametrize(
    "value, level, expected",
    [
        ("1001", "commune", "01001"),
        (1001, "commune", "01001"),
        (1001.0, "commune", "01001"),
        (np.int64(1001), "COM", "01001"),
        (np.float64(1001.0), "commune", "01001"),
        ("1001.0", "commune", "01001"),
        ("91377.0", "commune", "91377"),
        (" 91377 ", "commune", "91377"),
        ("2a004", "commune", "2A004"),
        ("97411", "commune", "97411"),
        (1.0, "departement", "01"),
        ("2b", "DEP", "2B"),
        (11, "region", "11"),
        ("200054781", "epci", "200054781"),
        ("20005478", "epci", "20005478"),
        (None, "commune", ""),
        (float("nan"), "commune", ""),
        ("NULL", "commune", ""),
        ("  ", "commune", ""),
        ("x", "commune", "X"),
        ("123456", "commune", "123456"),
        ("123", "commune", "123"),
    ],
)
def test_codes_are_written_as_insee_writes_them(value, level, expected):
    assert normalise_code(value, level) == expected


def test_an_unknown_level_is_refused():
    with pytest.raises(ValueError, match="unknown territorial level"):
        normalise_code("01001", "canton")
