"""Territorial codes against a COG vintage, with successors for obsolete codes."""

import gzip
import json

import pytest

from terridata.core.cog import CogReferential
from terridata.core.quality.codes import check_codes, normalise_code
from terridata.core.quality.model import FAILED, PASSED


def _commune(code, nom, dep, reg, anciens=(), type_="commune-actuelle", **kw):
    rec = {"code": code, "nom": nom, "departement": dep, "region": reg, "type": type_, "population": 100}
    if anciens:
        rec["anciensCodes"] = list(anciens)
    rec.update(kw)
    return rec


@pytest.fixture(scope="module")
def small_referential():
    ref = CogReferential()
    deps = [{"code": "01", "nom": "Ain", "region": "84"}, {"code": "2A", "nom": "Corse-du-Sud", "region": "94"}]
    regs = [{"code": "84", "nom": "ARA"}, {"code": "94", "nom": "Corse"}]
    epci = [{"code": "200029999", "nom": "CC", "type": "CC", "membres": [{"code": "01001"}]}]
    ref.add_vintage(
        2023,
        [
            _commune("01001", "A", "01", "84"),
            _commune("01002", "B", "01", "84"),
            _commune("01003", "C", "01", "84"),
            _commune("2A004", "Ajaccio", "2A", "94"),
        ],
        epci,
        deps,
        regs,
    )
    ref.add_vintage(
        2024,
        [
            _commune("01001", "A", "01", "84"),
            _commune("01003", "C", "01", "84", anciens=["01002"]),
            _commune("01002", "B", "01", "84", type_="commune-deleguee", chefLieu="01003"),
            _commune("2A004", "Ajaccio", "2A", "94"),
        ],
        epci,
        deps,
        regs,
    )
    return ref


def test_normalise_code():
    assert normalise_code(" 1001 ", "commune") == "01001"
    assert normalise_code("2a004", "commune") == "2A004"
    assert normalise_code(1.0, "departement") == "01"
    assert normalise_code("1001.0", "commune") == "01001"


def test_commune_codes_valid_obsolete_unknown_malformed(small_referential):
    values = ["01001", "01002", "2A004", "20004", "96001", None, "01999"]
    fmt, obsolete, unknown = check_codes(values, "insee", "commune", 2024, small_referential)
    assert [p.row for p in fmt.problems] == [4]  # 20004: département 20 does not exist any more
    assert [(p.row, p.details["successors"], p.details["known_in"]) for p in obsolete.problems] == [
        (2, ["01003"], 2023)
    ]
    assert "01003" in obsolete.problems[0].message
    assert [p.row for p in unknown.problems] == [5, 7]  # 96001 is well formed but never existed
    assert obsolete.checked == 6
    assert {fmt.outcome, obsolete.outcome, unknown.outcome} == {FAILED}
    ok = check_codes(["01001", "2A004"], "insee", "commune", 2024, small_referential)
    assert all(c.outcome == PASSED for c in ok)


def test_other_levels(small_referential):
    _, _, unknown = check_codes(["01", "2A", "02", "1"], "dep", "departement", 2024, small_referential)
    assert [p.row for p in unknown.problems] == [3]  # "1" is padded to "01"
    _, _, unknown = check_codes(["84", "11"], "reg", "region", 2024, small_referential)
    assert [p.value for p in unknown.problems] == ["11"]
    fmt, _, unknown = check_codes(["200029999", "20002999", "200000001"], "siren", "epci", 2024, small_referential)
    assert [p.row for p in fmt.problems] == [2] and [p.row for p in unknown.problems] == [3]
    with pytest.raises(ValueError):
        check_codes(["x"], "f", "canton", 2024, small_referential)


def _load(shared_data, year, name):
    with gzip.open(shared_data / "decoupage-administratif" / str(year) / f"{name}.json.gz") as fh:
        return json.load(fh)


def test_2018_commune_codes_against_2024_cog(shared_data):
    """The real 2018 boundaries' codes against the real COG 2024: merged communes get their successor."""
    ref = CogReferential()
    for year in (2021, 2022, 2023, 2024):
        ref.add_vintage(
            year,
            _load(shared_data, year, "communes"),
            _load(shared_data, year, "epci"),
            _load(shared_data, year, "departements"),
            _load(shared_data, year, "regions"),
        )
    # independent expectation from the raw COG 2024: an old code is absorbed (anciensCodes) by, or is a delegated
    # or associated commune of (chefLieu), a current commune
    expected = {}
    codes_2024 = set()
    for rec in _load(shared_data, 2024, "communes"):
        if rec["type"] == "commune-actuelle":
            codes_2024.add(rec["code"])
            for old in rec.get("anciensCodes", []):
                expected.setdefault(old, set()).add(rec["code"])
        elif rec["type"] in ("commune-deleguee", "commune-associee"):
            expected.setdefault(rec["code"], set()).add(rec["chefLieu"])
    codes_2018 = []
    for path in sorted((shared_data / "communes-2018").glob("*.geojson.gz")):
        with gzip.open(path) as fh:
            codes_2018 += [f["properties"]["code"] for f in json.load(fh)["features"]]
    assert len(codes_2018) == 35357
    fmt, obsolete, unknown = check_codes(codes_2018, "code", "commune", 2024, ref, data_vintage=2018)
    assert fmt.problems == []
    gone = sorted({c for c in codes_2018 if c not in codes_2024})
    assert len(gone) > 400  # hundreds of communes merged into communes nouvelles between 2018 and 2024
    flagged = {p.value: p.details["successors"] for p in obsolete.problems}
    assert set(flagged) | {p.value for p in unknown.problems} == set(gone)  # every vanished code is reported
    assert all(set(s) <= codes_2024 for s in flagged.values())  # successors are current communes
    with_expectation = [c for c in gone if c in expected]
    assert len(with_expectation) > 0.9 * len(gone)
    for code in with_expectation:
        assert set(flagged.get(code, ())) & expected[code], (code, flagged.get(code), expected[code])
    # Les Hauts-Talican took the code 60694 in 2024: La Neuville-Garnier (60455, merged in 2019) follows it
    assert flagged["60455"] == ["60694"]
    print(f"{len(gone)} obsolete 2018 codes, {len(flagged)} with successors, {len(unknown.problems)} unknown")


def test_codes_not_written_as_insee_writes_them_fail_the_format_check(small_referential):
    values = ["1001", " 01001 ", "01001.0", 1001, 1001.0, "01001", "01002 ", "2a004"]
    fmt, obsolete, unknown = check_codes(values, "insee", "commune", 2024, small_referential)
    assert [(p.row, p.value, p.type) for p in fmt.problems] == [
        (1, "1001", "format-error"),
        (2, " 01001 ", "format-error"),
        (3, "01001.0", "format-error"),
        (4, "1001", "format-error"),
        (5, "1001.0", "format-error"),
        (7, "01002 ", "format-error"),
        (8, "2a004", "format-error"),
    ]
    assert all(p.details["normalised"] in ("01001", "01002", "2A004") for p in fmt.problems)
    # existence and successors use the normalised code
    assert [(p.row, p.value, p.details["successors"]) for p in obsolete.problems] == [(7, "01002", ["01003"])]
    assert unknown.problems == []
    assert fmt.outcome == FAILED


def test_a_well_written_code_passes_the_format_check(small_referential):
    fmt, _, _ = check_codes(["01001", "2A004"], "insee", "commune", 2024, small_referential)
    assert fmt.problems == [] and fmt.outcome == PASSED
