"""Property-based tests (hypothesis) of the one code normaliser, ``core/territory_codes.normalise_code`` (issue 16,
point 21): idempotence, padding of one lost leading zero only, round trip of every valid code of the embedded COG
through the forms a spreadsheet gives it, and agreement of the int, float and text forms of a number."""

from __future__ import annotations

import string

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from terridata.core.territory_codes import normalise_code

WIDTHS = {"commune": 5, "departement": 2, "region": 2, "epci": 0}
LEVELS = sorted(WIDTHS)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def embedded_codes() -> dict:
    """Every code of every level in the embedded COG snapshot (all vintages), read from its tables."""
    from terridata.core.cog.referential import default_referential

    ref = default_referential()
    codes = {level: set() for level in LEVELS}
    for year in ref.vintages:
        tables = ref.tables(year)
        codes["commune"] |= set(tables.communes) | set(tables.arrondissements) | set(tables.delegated)
        codes["departement"] |= set(tables.departements)
        codes["region"] |= set(tables.regions)
        codes["epci"] |= set(tables.epci)
    assert all(codes.values()) and len(codes["commune"]) > 34000
    return {level: sorted(values) for level, values in codes.items()}


anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(alphabet=string.digits + string.ascii_letters + " .,-_\t", max_size=12),
    st.text(max_size=8),
)


@SETTINGS
@given(value=anything, level=st.sampled_from(LEVELS))
@example(value=1e15, level="commune")  # found by hypothesis: was written "1000000000000000.0", then "1000000000000000"
@example(value=1e16, level="commune")
def test_normalising_twice_changes_nothing(value, level):
    once = normalise_code(value, level)
    assert isinstance(once, str)
    assert normalise_code(once, level) == once


@SETTINGS
@given(digits=st.text(alphabet=string.digits, min_size=1, max_size=11), level=st.sampled_from(LEVELS))
def test_only_one_lost_leading_zero_is_padded(digits, level):
    width = WIDTHS[level]
    result = normalise_code(digits, level)
    if len(digits) == width - 1:
        assert result == "0" + digits  # one zero lost by a spreadsheet: put back
    else:
        assert result == digits  # anything else stays as it is, visibly wrong if it is wrong


@SETTINGS
@given(n=st.integers(min_value=0, max_value=10**11), level=st.sampled_from(LEVELS))
def test_int_float_and_text_forms_agree(n, level):
    forms = [n, float(n), np.int64(n), np.float64(n), str(n), f"{n}.0", f" {n} ", f"{float(n)}"]
    results = {normalise_code(form, level) for form in forms}
    assert len(results) == 1, (n, level, results)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), level=st.sampled_from(LEVELS))
def test_every_valid_code_survives_what_a_spreadsheet_does_to_it(embedded_codes, data, level):
    code = data.draw(st.sampled_from(embedded_codes[level]))
    forms = [code, f" {code} ", f"{code}\t", code.lower()]
    if code.isdigit():
        n = int(code)
        forms += [n, float(n), np.int64(n), np.float64(n), str(n), f"{n}.0"]
    for form in forms:
        assert normalise_code(form, level) == code, (form, level)


def test_the_round_trip_holds_for_every_embedded_code(embedded_codes):
    """Not a sample: every code of every level, through its number and text forms."""
    for level, codes in embedded_codes.items():
        for code in codes:
            assert normalise_code(code, level) == code
            if code.isdigit():
                assert normalise_code(int(code), level) == code, (code, level)
                assert normalise_code(f"{int(code)}.0", level) == code, (code, level)
