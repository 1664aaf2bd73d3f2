"""Harmonisation of commune tables between COG vintages, on the real 2018 boundaries' codes (no QGIS)."""

import gzip
import json

import numpy as np
import pandas as pd
import pytest

from terridata.core.cog.harmonise import detect_vintage, harmonise, normalise_code
from terridata.core.cog.referential import default_referential


@pytest.fixture(scope="module")
def codes_2018(shared_data):
    codes = []
    for path in sorted((shared_data / "communes-2018").glob("*.geojson.gz")):
        with gzip.open(path, "rt") as handle:
            codes += [f["properties"]["code"] for f in json.load(handle)["features"]]
    return codes


@pytest.fixture(scope="module")
def table_2018(codes_2018):
    rng = np.random.default_rng(2018)
    return pd.DataFrame(
        {
            "insee": codes_2018,
            "pop": rng.integers(10, 5000, len(codes_2018)).astype(float),
            "rate": rng.uniform(0, 1, len(codes_2018)),
        }
    )


def test_2018_boundaries_to_2026_account_for_every_code(table_2018):
    ref = default_referential()
    out, report = harmonise(table_2018, "insee", "detect", 2026, additive=["pop"], rates=["rate"], weight="pop")
    assert report.source_vintage == 2020  # "2020 or older": codes older than the first vintage
    assert len(table_2018) == 35357
    assert set(report.fates["code"]) == set(table_2018["insee"])
    counts = report.counts
    assert counts["unchanged"] + counts["recoded"] + counts["merged"] + counts["split"] + counts["unknown"] == 35357
    assert counts["unknown"] == 0 and report.unknown_codes == []
    assert counts["merged"] > 700 and counts["split"] >= 1
    # totals preserved
    totals = report.totals.set_index("measure")
    assert totals.loc["pop", "after"] == pytest.approx(totals.loc["pop", "before"], rel=1e-12)
    assert out["pop"].sum() == pytest.approx(table_2018["pop"].sum(), rel=1e-12)
    # the output is keyed by valid 2026 communes, each once, covering every commune but the overseas collectivities
    assert out["insee"].is_unique
    communes_2026 = set(ref.codes("commune", 2026))
    assert set(out["insee"]) <= communes_2026
    missing = communes_2026 - set(out["insee"])
    assert missing and all(ref.tables(2026).communes[c].departement >= "975" for c in missing)
    # every merged code is listed with its target in the report
    merged = report.fates[report.fates["kind"] == "merged"]
    assert (merged["targets"].str.len() == 5).all()
    # weighted mean rate of a merge
    row = out.set_index("insee").loc["01033"]  # Valserhône (2019): Bellegarde, Châtillon-en-Michaille, Lancrans
    parts = table_2018[table_2018["insee"].isin(row["source_codes"].split(";"))]
    assert sorted(parts["insee"]) == ["01033", "01091", "01205"]
    assert row["rate"] == pytest.approx(np.average(parts["rate"], weights=parts["pop"]))
    assert row["pop"] == pytest.approx(parts["pop"].sum())


def test_merge_recode_and_split_cases_of_2018(table_2018):
    out, report = harmonise(table_2018, "insee", 2018, 2026, additive=["pop"])
    fates = report.fates.set_index("code")
    assert fates.loc["01091", "kind"] == "merged" and fates.loc["01091", "targets"] == "01033"
    assert fates.loc["01033", "kind"] == "merged"
    # Les Trois Lacs: 27676 in 2018, 27058 in 2021-2022, 27676 again since 2023, alone in the table
    assert fates.loc["27676", "kind"] == "unchanged" and fates.loc["27676", "targets"] == "27676"
    assert fates.loc["12076", "kind"] == "recoded" and fates.loc["12076", "targets"] == "12218"
    # Saline (14712) in 2018 included Sannerville, re-established in 2020: a split allocated by population
    assert fates.loc["14712", "kind"] == "split" and fates.loc["14712", "targets"] == "14666;14712"
    pop = table_2018.set_index("insee")["pop"]
    result = out.set_index("insee")["pop"]
    assert result["14666"] + result["14712"] == pytest.approx(pop["14712"])
    ref = default_referential()
    p666, p712 = ref.population("14666", 2021), ref.population("14712", 2021)
    assert result["14666"] == pytest.approx(pop["14712"] * p666 / (p666 + p712))
    # 2018 communes merged in 2019 into Les Hauts-Talican, split again in 2024: each goes back to its own part
    assert fates.loc["60054", "kind"] == "unchanged"
    assert result["60054"] == pytest.approx(pop["60054"])
    assert result["60694"] == pytest.approx(pop["60455"] + pop["60694"])


def test_split_between_vintages_and_keys():
    table = pd.DataFrame({"code": ["60054", "60054", "01001"], "year": [2020, 2021, 2020], "n": [100.0, 200.0, 7.0]})
    out, report = harmonise(table, "code", 2023, 2024, additive=["n"], keys=["year"])
    shares = default_referential().successor_shares("60054", 2023, 2024)
    got = out.set_index(["code", "year"])["n"]
    assert got[("60694", 2021)] == pytest.approx(200 * shares["60694"])
    assert got[("60054", 2020)] == pytest.approx(100 * shares["60054"])
    assert got[("01001", 2020)] == 7.0
    assert report.counts["split"] == 1 and report.counts["unchanged"] == 1
    assert out["n"].sum() == pytest.approx(307.0)


def test_unknown_codes_are_listed_with_a_reason():
    table = pd.DataFrame({"code": ["01001", "96001", "20004", "123", "60694", None], "n": [1.0, 2, 3, 4, 5, 6]})
    out, report = harmonise(table, "code", 2023, 2026, additive=["n"])
    fates = report.fates.set_index("code")
    assert report.unknown_codes == ["", "123", "96001"]
    assert "5-character" in fates.loc["123", "note"]
    # 20004 is Ajaccio's code before Corsica's 1976 split, listed in the anciensCodes of 2A004: followed, and said
    assert fates.loc["20004", "targets"] == "2A004" and "older code" in fates.loc["20004", "note"]
    # 60694 was a delegated commune in 2023: counted with its chef-lieu (whose 2024 split shares it)
    assert "commune-deleguee of 60054" in fates.loc["60694", "note"]
    totals = report.totals.set_index("measure")
    assert totals.loc["n", "before"] == 21.0
    assert totals.loc["n", "unknown"] == 12.0
    assert totals.loc["n", "after"] == pytest.approx(9.0)
    kept, _ = harmonise(table, "code", 2023, 2026, additive=["n"], keep_unknown=True)
    assert kept["n"].sum() == pytest.approx(21.0)
    assert kept.set_index("code").loc["2A004", "n"] == 3.0
    assert "96001" in set(kept["code"])


def test_delegated_code_counts_with_its_chef_lieu():
    table = pd.DataFrame({"code": ["60694", "27676"], "n": [10.0, 4.0]})
    out, report = harmonise(table, "code", 2021, 2026, additive=["n"])
    fates = report.fates.set_index("code")
    # delegated commune of Les Hauts-Talican (60054) in 2021, which split in 2024
    assert fates.loc["60694", "kind"] == "split" and fates.loc["60694", "targets"] == "60054;60694"
    assert "commune-deleguee of 60054" in fates.loc["60694", "note"]
    # 27676 was absorbed in 27058 in 2021: an older code, followed to 27676 (its code again since 2023)
    assert fates.loc["27676", "targets"] == "27676" and "older code" in fates.loc["27676", "note"]
    assert out["n"].sum() == pytest.approx(14.0)


def test_code_normalisation_and_detection():
    assert normalise_code(1001) == "01001"
    assert normalise_code(1001.0) == "01001"
    assert normalise_code("1001.0") == "01001"
    assert normalise_code(" 2a004 ") == "2A004"
    ref = default_referential()
    assert detect_vintage(ref.codes("commune", 2026), ref)[0] == 2026
    assert detect_vintage(ref.codes("commune", 2023), ref)[0] == 2023
    assert detect_vintage(ref.codes("commune", 2021), ref)[0] == 2021
    table = pd.DataFrame({"code": [1001, 1002], "n": [1.0, 2.0]})
    out, _ = harmonise(table, "code", 2026, 2026, additive=["n"], name_column="name")
    assert list(out["code"]) == ["01001", "01002"]
    assert out["name"].iloc[0] == "L'Abergement-Clémenciat"


def test_bad_parameters():
    table = pd.DataFrame({"code": ["01001"], "n": [1.0], "r": [0.5]})
    with pytest.raises(ValueError, match="weight"):
        harmonise(table, "code", 2021, 2026, rates=["r"])
    with pytest.raises(ValueError, match="not found"):
        harmonise(table, "missing", 2021, 2026)
    with pytest.raises(ValueError, match="forward"):
        harmonise(table, "code", 2026, 2021, additive=["n"])
