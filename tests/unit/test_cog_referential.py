"""COG referential: the embedded snapshot checked against Etalab's official files (no QGIS)."""

import gzip
import json
import time

import pytest

from terridata.core.cog import referential as cog
from terridata.core.cog.referential import CogReferential, VintageTables, default_referential
from terridata.core.cog.snapshot import EMBEDDED_VINTAGES, SNAPSHOT_PATH, decode_vintage, encode, load_snapshot


def etalab(shared_data, year, name):
    with gzip.open(shared_data / "decoupage-administratif" / str(year) / f"{name}.json.gz", "rt") as handle:
        return json.load(handle)


@pytest.fixture(scope="module")
def ref():
    return default_referential()


def test_snapshot_is_compact_and_loads_fast():
    assert SNAPSHOT_PATH.exists()
    assert SNAPSHOT_PATH.stat().st_size <= 2_000_000  # 0.86 MB for six vintages
    start = time.process_time()  # CPU time: other test runs share the machine
    fresh = load_snapshot()
    fresh.tables(2026)
    assert time.process_time() - start < 1.0  # measured 0.15 s (parse 0.08 s + one vintage 0.06 s)
    assert fresh.vintages == [2021, 2022, 2023, 2024, 2025, 2026] == list(EMBEDDED_VINTAGES)


def test_embedded_snapshot_is_what_the_build_script_makes(shared_data, tmp_path):
    """The shipped file is reproducible from the official vintages (gzip without timestamp)."""
    import subprocess
    import sys

    script = SNAPSHOT_PATH.parents[2] / "scripts" / "build_cog_snapshot.py"
    output = tmp_path / "cog.json.gz"
    done = subprocess.run(
        [sys.executable, str(script), str(shared_data / "decoupage-administratif"), "--output", str(output)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "2026: 34969 communes, 45 arrondissements" in done.stdout
    assert output.read_bytes() == SNAPSHOT_PATH.read_bytes()


def test_snapshot_round_trip_equals_etalab_2024(shared_data):
    built = VintageTables.from_etalab(
        *(etalab(shared_data, 2024, n) for n in ("communes", "epci", "departements", "regions"))
    )
    decoded = decode_vintage(encode({2024: built}), 2024)
    for attr in ("communes", "arrondissements", "delegated", "population", "epci", "departements", "regions"):
        assert getattr(decoded, attr) == getattr(built, attr), attr
    snap = default_referential().tables(2024)
    assert snap.communes == built.communes
    assert snap.epci == built.epci
    assert snap.population == built.population


def test_corsica_and_overseas(ref):
    for year in ref.vintages:
        assert ref.is_valid("2A004", vintage=year)
        assert not ref.is_valid("20004", vintage=year)
        assert ref.is_valid("97411", vintage=year)
        assert not ref.is_valid("96001", vintage=year)
    assert ref.name("2A004", 2026) == "Ajaccio"
    assert ref.ancestors("2A004", 2026)["departement"] == "2A"
    assert ref.ancestors("2A004", 2026)["region"] == "94"
    assert ref.name("97411", 2026) == "Saint-Denis"
    assert ref.ancestors("97411", 2026)["departement"] == "974"
    assert ref.ancestors("97411", 2026)["region"] == "04"
    assert ref.is_valid("2A", "departement", 2026) and not ref.is_valid("20", "departement", 2026)
    assert ref.is_valid("976", "dep", 2021)


@pytest.mark.parametrize(
    "parent,first,last", [("75056", 75101, 75120), ("69123", 69381, 69389), ("13055", 13201, 13216)]
)
def test_municipal_arrondissements(ref, parent, first, last):
    expected = [str(c) for c in range(first, last + 1)]
    assert ref.members(parent, "commune", 2026, member_level="arm") == expected
    for code in expected:
        assert not ref.is_valid(code, "commune", 2026)
        assert ref.is_valid(code, "arrondissement-municipal", 2026)
        anc = ref.ancestors(code, 2026)
        assert anc["arrondissement-municipal"] == code
        assert anc["commune"] == parent
        assert anc["departement"] == parent[:2]
        assert ref.successors(code, 2021, 2026) == [code]
    assert ref.name(f"{first}", 2026).startswith(ref.name(parent, 2026))


def test_ancestors_match_etalab_files(ref, shared_data):
    communes = etalab(shared_data, 2026, "communes")
    epci_of = {m["code"]: e["code"] for e in etalab(shared_data, 2026, "epci") for m in e["membres"]}
    checked = 0
    for rec in communes[::97]:
        if rec["type"] != "commune-actuelle":
            continue
        anc = ref.ancestors(rec["code"], 2026)
        assert anc["commune"] == rec["code"]
        assert anc["departement"] == rec["departement"]
        assert anc["region"] == rec["region"]
        assert anc.get("epci") == epci_of.get(rec["code"])
        checked += 1
    assert checked > 300
    # a delegated commune goes to its chef-lieu
    deleg = next(r for r in communes if r["type"] == "commune-deleguee" and r["chefLieu"] != r["code"])
    anc = ref.ancestors(deleg["code"], 2026)
    assert anc["commune-deleguee"] == deleg["code"] and anc["commune"] == deleg["chefLieu"]


def test_members_match_etalab_files(ref, shared_data):
    epcis = etalab(shared_data, 2025, "epci")
    for rec in epcis[::50]:
        assert ref.members(rec["code"], "epci", 2025) == sorted(m["code"] for m in rec["membres"])
        assert ref.name(rec["code"], 2025, "epci") == rec["nom"]
    communes = etalab(shared_data, 2025, "communes")
    corse_sud = sorted(r["code"] for r in communes if r["type"] == "commune-actuelle" and r.get("departement") == "2A")
    assert ref.members("2A", "departement", 2025) == corse_sud
    assert ref.members("94", "region", 2025, member_level="departement") == ["2A", "2B"]
    assert len(ref.codes("commune", 2025)) == sum(1 for r in communes if r["type"] == "commune-actuelle")
    assert "2A" in ref.codes("departement", 2025) and "976" in ref.codes("departement", 2025)


def test_every_old_code_of_2021_goes_to_its_owner(ref, shared_data):
    """anciensCodes of the first vintage: an older code resolves to the commune that absorbed it."""
    pairs = [(old, r["code"]) for r in etalab(shared_data, 2021, "communes") for old in r.get("anciensCodes", [])]
    assert len(pairs) > 4000
    for old, owner in pairs:
        assert ref.successors(old, 2018, 2021) == [owner]


def test_merged_commune_resolved_through_anciens_codes(ref):
    # Les Trois Lacs (Eure): La Roquette 27647 absorbed; its code was 27058 in 2021-2022, 27676 since 2023
    assert "27647" in ref.tables(2026).communes["27676"].anciens
    assert ref.successors("27647", 2018, 2026) == ["27676"]
    assert ref.successors("27058", 2022, 2023) == ["27676"]
    assert not ref.is_valid("27647", vintage=2021)
    # Conques-en-Rouergue (12076) took the code 12218 in 2025
    assert ref.successors("12076", 2024, 2025) == ["12218"]
    assert ref.name("12218", 2025) == "Conques-en-Rouergue"


def test_split_allocates_by_population(ref, shared_data):
    # Les Hauts-Talican (60054 in 2023) split in 2024: Beaumont-les-Nonains got 60054 back, the rest is 60694
    shares = ref.successor_shares("60054", 2023, 2024)
    assert sorted(shares) == ["60054", "60694"]
    pops = {
        r["code"]: r["population"]
        for r in etalab(shared_data, 2024, "communes")
        if r["code"] in shares and "population" in r
    }
    total = pops["60054"] + pops["60694"]
    assert shares["60054"] == pytest.approx(pops["60054"] / total)
    assert sum(shares.values()) == pytest.approx(1.0)
    # pre-2021 split: Sannerville re-established out of Saline (14712) in 2020
    assert ref.successors("14712", 2018, 2021) == ["14666", "14712"]
    # a code absorbed before 2021 whose commune nouvelle split later goes whole to its part
    assert ref.successors("60455", 2018, 2026) == ["60694"]
    assert ref.successors("15031", 2018, 2026) == ["15031"]


def test_dates_and_vintages(ref):
    assert ref.resolve_vintage(date="2023-12-31") == 2023
    assert ref.resolve_vintage(date="2024-01-01") == 2024
    assert ref.resolve_vintage("2031-06-01") == 2026
    assert ref.resolve_vintage(2018) == 2018
    assert not ref.is_valid("60694", date="2023-06-30")  # delegated commune then
    assert ref.is_valid("60694", "commune-deleguee", date="2023-06-30")
    assert ref.is_valid("60694", date="2024-01-01")
    with pytest.raises(ValueError):
        ref.is_valid("01001", vintage=2018)
    with pytest.raises(ValueError):
        ref.successors("01001", 2026, 2021)
    with pytest.raises(ValueError):
        ref.resolve_vintage(date="2024-13-45")
    with pytest.raises(KeyError):
        ref.ancestors("96001", 2026)
    with pytest.raises(ValueError):
        cog.normalise_level("canton")


def test_builder_api_from_etalab_shaped_records():
    """What the INSEE geographic API refresh feeds: Etalab-shaped records per vintage."""
    ref = CogReferential()
    ref.add_vintage(
        2030,
        [
            {
                "code": "99001",
                "nom": "Alpha",
                "type": "commune-actuelle",
                "departement": "99",
                "region": "98",
                "population": 100,
            },
            {
                "code": "99002",
                "nom": "Beta",
                "type": "commune-actuelle",
                "departement": "99",
                "region": "98",
                "population": 50,
            },
            {
                "code": "99003",
                "nom": "Gamma",
                "type": "commune-actuelle",
                "departement": "99",
                "region": "98",
                "population": 30,
            },
        ],
        [{"code": "200000001", "nom": "CC Test", "type": "CC", "membres": [{"code": "99001"}, {"code": "99002"}]}],
        [{"code": "99", "nom": "Test", "region": "98"}],
        [{"code": "98", "nom": "Région test"}],
    )
    ref.add_vintage(
        2031,
        [
            {
                "code": "99001",
                "nom": "Alpha-Beta",
                "type": "commune-actuelle",
                "departement": "99",
                "region": "98",
                "anciensCodes": ["99002"],
                "population": 160,
            },
            {
                "code": "99002",
                "nom": "Beta",
                "type": "commune-deleguee",
                "chefLieu": "99001",
                "departement": "99",
                "region": "98",
            },
            {
                "code": "99003",
                "nom": "Gamma",
                "type": "commune-actuelle",
                "departement": "99",
                "region": "98",
                "population": 20,
            },
            {
                "code": "99004",
                "nom": "Delta",
                "type": "commune-actuelle",
                "departement": "99",
                "region": "98",
                "population": 60,
            },
        ],
    )
    assert ref.vintages == [2030, 2031]
    assert ref.ancestors("99002", 2030) == {
        "commune": "99002",
        "epci": "200000001",
        "departement": "99",
        "region": "98",
    }
    assert ref.successors("99002", 2030, 2031) == ["99001"]
    # 99004 is new, of unknown origin: no split is invented
    assert ref.successor_shares("99003", 2030, 2031) == {"99003": 1.0}
    assert ref.members("200000001", "epci", 2030) == ["99001", "99002"]


def test_registered_vintage_sources_run_once_when_the_default_referential_is_built(monkeypatch):
    from terridata.core.cog import referential as module

    seen = []
    monkeypatch.setattr(module, "_DEFAULT", None)
    monkeypatch.setattr(module, "_VINTAGE_SOURCES", [])
    module.register_vintage_source(seen.append)
    module.register_vintage_source(seen.append)  # the same source twice is registered once
    first = module.default_referential()
    second = module.default_referential()
    assert first is second
    assert seen == [first]
    assert first.vintages[-1] == 2026


def test_latest_vintage_of_a_level_skips_vintages_without_it():
    from terridata.core.cog.referential import CogReferential

    ref = CogReferential()
    ref.add_vintage(
        2026,
        [{"code": "44109", "nom": "Nantes", "type": "commune-actuelle", "departement": "44", "region": "52"}],
        epci=[{"code": "244400404", "nom": "Nantes Métropole", "membres": [{"code": "44109"}]}],
    )
    # As a vintage read from INSEE's geographic API: communes, but no EPCI.
    ref.add_vintage(
        2027, [{"code": "44109", "nom": "Nantes", "type": "commune-actuelle", "departement": "44", "region": "52"}]
    )
    assert ref.vintages[-1] == 2027
    assert ref.latest_vintage("commune") == 2027
    assert ref.latest_vintage("epci") == 2026
    assert ref.ancestors("44109", ref.latest_vintage("epci"))["epci"] == "244400404"
    with pytest.raises(KeyError):
        ref.latest_vintage("region")
