"""Finding a territory by name or code (core/cog/search.py), checked against INSEE's own COG 2024 commune list."""

import csv
import gzip

import pytest

from terridata.core.cog.referential import default_referential
from terridata.core.cog.search import TerritoryIndex, normalise_name


@pytest.fixture(scope="module")
def index_2024():
    referential = default_referential()
    return TerritoryIndex.from_tables(referential.tables(2024))


@pytest.fixture(scope="module")
def insee_communes_2024(shared_data):
    """{code: name} of the communes (type COM) of INSEE's COG 2024 file: an independent source of names."""
    with gzip.open(shared_data / "insee-communes-cog2024.csv.gz", "rt", encoding="utf-8") as handle:
        return {row["insee_com"]: row["commune"] for row in csv.DictReader(handle) if row["commune_type"] == "COM"}


def _plain(name: str) -> str:
    """A second, independent normaliser: a table of accents, written out by hand."""
    table = str.maketrans("àâäçéèêëîïôöùûüÿÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸ'-’", "aaaceeeeiioouuuyAAACEEEEIIOOUUUY   ")
    return " ".join(name.translate(table).replace("œ", "oe").replace("Œ", "OE").lower().split())


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Évry-Courcouronnes", "evry courcouronnes"),
        ("St-Étienne-du-Rouvray", "saint etienne du rouvray"),
        ("Ste Marie", "sainte marie"),
        ("L'Haÿ-les-Roses", "l hay les roses"),
        ("  ŒUVRE  ", "oeuvre"),
        ("Stenay", "stenay"),  # "St" only as a word
    ],
)
def test_normalise_name(text, expected):
    assert normalise_name(text) == expected


def test_evry_finds_evry_courcouronnes(index_2024):
    found = index_2024.search("Évry", limit=0)
    keys = [m.key for m in found]
    assert "commune:91228" in keys
    match = found[keys.index("commune:91228")]
    assert match.name == "Évry-Courcouronnes" and match.departement == "91"
    # The commune called exactly Évry (Yonne) comes first: an exact name beats a prefix.
    assert found[0].key == "commune:89162"
    # Accents and case ignored.
    assert [m.key for m in index_2024.search("EVRY", limit=0)] == keys
    assert [m.key for m in index_2024.search("évry", limit=0)] == keys


def test_saint_and_st_are_the_same_and_match_insee_list(index_2024, insee_communes_2024):
    expected = {code for code, name in insee_communes_2024.items() if _plain(name) == "saint denis"}
    assert len(expected) > 3  # Saint-Denis in several départements
    for query in ("Saint-Denis", "st denis", "ST-DENIS", "saint denis"):
        exact = [
            m
            for m in index_2024.search(query, levels=("commune",), limit=0)
            if normalise_name(m.name) == normalise_name(query)
        ]
        assert {m.code for m in exact} == expected, query
    # The exact names come first.
    first = index_2024.search("St Denis", levels=("commune",), limit=len(expected))
    assert {m.code for m in first} == expected


def test_substring_search_agrees_with_brute_force(index_2024, insee_communes_2024):
    """Every commune whose name contains "sur mer" (INSEE's list, own normaliser), and nothing else."""
    expected = {code for code, name in insee_communes_2024.items() if "sur mer" in _plain(name)}
    found = {m.code for m in index_2024.search("sur-Mer", levels=("commune",), limit=0)}
    assert found == expected


def test_levels_and_codes(index_2024):
    assert index_2024.search("91", limit=1)[0].key == "departement:91"
    assert index_2024.search("2A", limit=1)[0].key == "departement:2A"
    assert index_2024.search("91228", limit=1)[0].name == "Évry-Courcouronnes"
    bretagne = index_2024.search("bretagne", limit=0)
    assert bretagne[0].key == "region:53"
    essonne = index_2024.search("essonne", levels=("departement",))
    assert [m.key for m in essonne] == ["departement:91"]
    epci = index_2024.search("Grand Paris Sud", levels=("epci",))
    assert epci and all(m.level == "epci" and len(m.code) == 9 for m in epci)
    assert index_2024.search("") == [] and index_2024.search("  -- ") == []


def test_larger_commune_first_in_a_tier(index_2024):
    """Two communes named exactly the same: the more populous first."""
    found = [m for m in index_2024.search("Saint-Denis", levels=("commune",), limit=0) if m.name == "Saint-Denis"]
    populations = [m.population for m in found]
    assert populations == sorted(populations, reverse=True) and populations[0] > 100_000
