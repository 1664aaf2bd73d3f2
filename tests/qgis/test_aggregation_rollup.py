"""terridata:rollup_territories on INSEE's 2024 commune statistics, checked against totals computed
independently from the Etalab EPCI member lists (COG 2024) and the département column of the INSEE file."""

from __future__ import annotations

import csv
import gzip
import json

import pytest
from qgis.core import NULL, QgsFeature, QgsProcessingException, QgsVectorLayer


@pytest.fixture(scope="module")
def insee_rows(shared_data):
    """One row per commune (the file repeats some 350 communes verbatim: keep the first)."""
    with gzip.open(shared_data / "insee-communes-cog2024.csv.gz", "rt", encoding="utf-8") as f:
        rows = {}
        for r in csv.DictReader(f):
            if r["commune_type"] == "COM":
                rows.setdefault(r["insee_com"], r)
        return list(rows.values())


def _num(text):
    return float(text) if text not in ("", None) else None


@pytest.fixture()
def table(insee_rows, qgis_processing):
    layer = QgsVectorLayer(
        "None?field=insee_com:string&field=pop:double&field=chomage:double&field=actifs:double&field=taux:double",
        "communes",
        "memory",
    )
    feats = []
    for r in insee_rows + [{"insee_com": "99999"}, {"insee_com": "20004"}]:  # two codes not in the COG
        f = QgsFeature(layer.fields())
        chom, act = _num(r.get("pop_15_64_chomage_2021")), _num(r.get("pop_15_64_active_2021"))
        rate = 100.0 * chom / act if chom is not None and act else None
        f.setAttributes([r["insee_com"], _num(r.get("population_2021")), chom, act, rate])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def _run(params):
    import processing

    return processing.run("terridata:rollup_territories", params)


def test_epci_totals_equal_sums_over_etalab_members(table, insee_rows, shared_data, terridata_provider):
    result = _run(
        {
            "INPUT": table,
            "CODE_FIELD": "insee_com",
            "LEVEL": "epci",
            "VINTAGE": 2024,
            "SUM_FIELDS": ["pop", "chomage", "actifs"],
            "RATE_FIELDS": ["taux"],
            "WEIGHT": "actifs",
            "OUTPUT": "TEMPORARY_OUTPUT",
        }
    )
    got = {f["code"]: f for f in result["OUTPUT"].getFeatures()}
    by_code = {r["insee_com"]: r for r in insee_rows}
    with gzip.open(shared_data / "decoupage-administratif" / "2024" / "epci.json.gz", "rt") as f:
        epcis = json.load(f)
    assert len(got) == len(epcis) > 1200
    for epci in epcis:
        members = [by_code[m["code"]] for m in epci["membres"] if m["code"] in by_code]
        pop = sum(_num(r["population_2021"]) or 0 for r in members)
        chom = sum(_num(r["pop_15_64_chomage_2021"]) or 0 for r in members)
        act = sum(_num(r["pop_15_64_active_2021"]) or 0 for r in members)
        row = got[epci["code"]]
        assert row["pop"] == pytest.approx(pop), epci["code"]
        assert row["n_rows"] == len(members)
        # the weighted mean of the commune rates (weight: labour force) is the EPCI's own rate
        if act:
            assert row["taux"] == pytest.approx(100.0 * chom / act), epci["code"]
        else:  # no labour-force figure in the source (e.g. Mayotte): no rate
            assert row["taux"] is None or row["taux"] == NULL
        assert row["name"] == epci["nom"]
    # reported: the two fake codes and the communes that belong to no EPCI (islands such as Île-de-Sein)
    in_epci = {m["code"] for e in epcis for m in e["membres"]}
    without_epci = {c for c in by_code if c not in in_epci}
    assert 0 < len(without_epci) < 10
    assert set(result["NOT_FOUND_CODES"].split(",")) == {"99999", "20004"} | without_epci
    assert result["NOT_FOUND"] == 2 + len(without_epci)


def test_departement_and_region_totals(table, insee_rows, terridata_provider):
    expected = {}
    for r in insee_rows:
        expected[r["insee_dep"]] = expected.get(r["insee_dep"], 0) + (_num(r["population_2021"]) or 0)
    deps = _run(
        {
            "INPUT": table,
            "CODE_FIELD": "insee_com",
            "LEVEL": "departement",
            "VINTAGE": 2024,
            "SUM_FIELDS": ["pop"],
            "OUTPUT": "TEMPORARY_OUTPUT",
            "UNMATCHED": "TEMPORARY_OUTPUT",
        }
    )
    got = {f["code"]: f["pop"] for f in deps["OUTPUT"].getFeatures()}
    assert got == pytest.approx(expected)
    assert {f["code"]: f["rows"] for f in deps["UNMATCHED"].getFeatures()} == {"99999": 1, "20004": 1}
    by_region = {}
    for r in insee_rows:
        by_region[r["insee_reg"]] = by_region.get(r["insee_reg"], 0) + (_num(r["population_2021"]) or 0)
    regions = _run(
        {
            "INPUT": table,
            "CODE_FIELD": "insee_com",
            "LEVEL": "region",
            "VINTAGE": 2024,
            "SUM_FIELDS": ["pop"],
            "OUTPUT": "TEMPORARY_OUTPUT",
        }
    )
    totals = {f["code"]: f["pop"] for f in regions["OUTPUT"].getFeatures()}
    assert len(totals) == 18 and totals == pytest.approx(by_region)
    # With the latest vintage, codes of communes merged since 2024 are reported, not silently lost.
    latest = _run(
        {
            "INPUT": table,
            "CODE_FIELD": "insee_com",
            "LEVEL": "region",
            "SUM_FIELDS": ["pop"],
            "OUTPUT": "TEMPORARY_OUTPUT",
            "UNMATCHED": "TEMPORARY_OUTPUT",
        }
    )
    lost = {f["code"] for f in latest["UNMATCHED"].getFeatures()}
    lost_pop = sum(_num(r["population_2021"]) or 0 for r in insee_rows if r["insee_com"] in lost)
    kept = sum(f["pop"] for f in latest["OUTPUT"].getFeatures())
    assert len(lost) > 2
    assert kept + lost_pop == pytest.approx(sum(by_region.values()))


def test_bad_parameters(table, terridata_provider):
    with pytest.raises(QgsProcessingException, match="vintage"):
        _run(
            {
                "INPUT": table,
                "CODE_FIELD": "insee_com",
                "VINTAGE": 1999,
                "SUM_FIELDS": ["pop"],
                "OUTPUT": "TEMPORARY_OUTPUT",
            }
        )
    with pytest.raises(QgsProcessingException, match="at least one"):
        _run({"INPUT": table, "CODE_FIELD": "insee_com", "OUTPUT": "TEMPORARY_OUTPUT"})
