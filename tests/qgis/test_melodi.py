"""INSEE provider: the Melodi client against a local replay of Melodi's documented formats, the INSEE dataset
provider of the common model, and the COG refresh from INSEE's geographic metadata API (replayed too)."""

from __future__ import annotations

import json
import re
import time

import pytest
from melodi_replay import MelodiReplay, load_fixture, observation
from werkzeug.wrappers import Response

from terridata.providers.insee import melodi_format as fmt


@pytest.fixture()
def melodi(qgis_app, httpserver, monkeypatch):
    replay = MelodiReplay(httpserver)
    monkeypatch.setenv("TERRIDATA_INSEE_MELODI_URL", replay.base_url)
    monkeypatch.setenv("TERRIDATA_RATE_INSEE_MELODI", "1000/1")
    monkeypatch.setenv("TERRIDATA_BACKOFF_BASE_S", "0.1")
    return replay


def _client():
    from terridata.providers.insee.melodi import MelodiClient

    return MelodiClient()


def _synthetic(n: int, dep: str = "44", vintage: str = "2025") -> list:
    return [
        observation(f"{vintage}-COM-{dep}{i:03d}", "2023", float(1000 + i), areas={"DEP": dep}, POPREF_MEASURE="PMUN")
        for i in range(1, n + 1)
    ]


# ------------------------------------------------------------------------------------------------ pure parsing
@pytest.mark.parametrize(
    "geo, expected",
    [
        ("2025-COM-44109", ("44109", "COM", "2025")),
        ("2024-COM-2A004", ("2A004", "COM", "2024")),
        ("COM-97411", ("97411", "COM", "")),
        ("2025-DEP-976", ("976", "DEP", "2025")),
        ("2025-AAV2020-002", ("002", "AAV2020", "2025")),
        ("FRANCE-F", ("F", "FRANCE", "")),
    ],
)
def test_geo_vintage_prefix_is_split(geo, expected):
    assert fmt.parse_geo(geo) == expected


def test_tidy_pivots_a_dimension_and_keeps_varying_ones():
    obs = [
        observation("2025-COM-44109", "2022", 10.0, SEX="F", POPREF_MEASURE="PMUN"),
        observation("2025-COM-44109", "2022", 20.0, SEX="M", POPREF_MEASURE="PMUN"),
        observation("2025-COM-44109", "2022", 1.0, SEX="F", POPREF_MEASURE="PCAP"),
        observation("2025-COM-44109", "2022", None, SEX="M", POPREF_MEASURE="PCAP"),
    ]
    table = fmt.tidy(fmt.observations_to_long(obs), pivot="POPREF_MEASURE", keep_values=["PMUN", "PCAP"])
    assert list(table.columns) == ["code", "level", "vintage", "period", "SEX", "PMUN", "PCAP"]
    assert table[["SEX", "PMUN"]].values.tolist() == [["F", 10.0], ["M", 20.0]]
    assert table["PCAP"].isna().tolist() == [False, True]
    with pytest.raises(fmt.MelodiFormatError, match="SEX"):
        fmt.one_row_per_code(table, ["PMUN", "PCAP"])


# ------------------------------------------------------------------------------------------------ catalogue
def test_catalogue_search_by_words_and_cache(melodi):
    client = _client()
    entries = client.catalogue()
    assert [e.identifier for e in entries] == [e["identifier"] for e in load_fixture("catalog_all.json")]
    popref = entries[0]
    assert popref.title_fr == "Populations de référence"
    assert popref.spatial_resolution == ["COM", "DEP", "REG"]
    assert popref.start_period == "2017-01-01"

    assert [e.identifier for e in client.search("population")][:2] == [
        "DS_POPULATIONS_REFERENCE",
        "DS_RP_POPULATION_PRINC",
    ]
    assert [e.identifier for e in client.search("PIB")] == ["DD_CNA_AGREGATS"]
    assert [e.identifier for e in client.search("deces quotidiens")] == ["DS_EC_DECES"]  # accents ignored
    assert client.search("population légales")[0].identifier == "DS_POPULATIONS_REFERENCE"
    assert client.search("nothing-like-this") == []
    # The catalogue is cached (TTL): one request for all the searches above.
    assert sum(1 for path, _ in melodi.requests if path == "/melodi/catalog/all") == 1


def test_describe_dataset(melodi):
    melodi.add_dataset(
        "DS_POPULATIONS_REFERENCE", load_fixture("data_DS_POPULATIONS_REFERENCE_nantes.json")["observations"]
    )
    desc = _client().describe("DS_POPULATIONS_REFERENCE")
    assert desc.title == "Reference populations"
    assert desc.geo_levels == ["COM", "DEP", "REG"]
    assert desc.geo_vintages == ["2025"]
    assert desc.periods == ["2022", "2023"]
    assert desc.measures == ["OBS_VALUE_NIVEAU"]
    assert desc.breakdown_dimensions() == ["POPREF_MEASURE"]
    assert desc.dimensions["POPREF_MEASURE"].values == {
        "PMUN": "Municipal population",
        "PCAP": "Population counted apart",
        "PTOT": "Total population",
    }


def test_describe_keeps_codes_of_every_geographic_level(melodi, shared_data):
    """Régions 01..06 and départements 01..06 share codes: the GEO values are keyed by their full id, so none is
    lost and the vintage list is not empty (expected values counted from the COG 2024 files the fixture came from)."""
    import csv

    from terridata.providers.insee import melodi_format as fmt

    payload = load_fixture("range_levels_with_codes.json")
    with open(shared_data / "insee-regions-cog2024.csv", encoding="utf-8") as f:
        regions = [row["insee_reg"] for row in csv.DictReader(f)]
    with open(shared_data / "insee-departements-cog2024.csv", encoding="utf-8") as f:
        departements = [row["insee_dep"] for row in csv.DictReader(f)]
    assert set(regions) & set(departements) == set(regions)  # every région code is also a département code
    geo = fmt.parse_range(payload)["GEO"]
    assert len(geo.values) == len(regions) + len(departements) + 2 == 121
    assert geo.values["2024-REG-01"] == "Guadeloupe" and geo.values["2024-DEP-01"] == "Ain"
    melodi.add_dataset("DS_TEST_LEVELS", [], range_payload=payload)
    desc = _client().describe("DS_TEST_LEVELS", with_catalogue=False)
    assert desc.geo_vintages == ["2024"]
    assert desc.geo_levels == ["FRANCE", "REG", "DEP"]


# ------------------------------------------------------------------------------------------------ observations
def test_one_commune_recorded_answer_vintage_stripped(melodi):
    from terridata.providers.insee.melodi import GeoSelection

    recorded = load_fixture("data_DS_POPULATIONS_REFERENCE_nantes.json")
    melodi.add_dataset("DS_POPULATIONS_REFERENCE", recorded["observations"])
    table = _client().fetch(
        "DS_POPULATIONS_REFERENCE",
        GeoSelection("COM", "COM", "44109"),
        measures=["PMUN", "PTOT"],
        pivot="POPREF_MEASURE",
    )
    assert table.to_dict("records") == [
        {"code": "44109", "level": "COM", "vintage": "2025", "period": "2023", "PMUN": 327734.0, "PTOT": 332515.0}
    ]
    ((path, args),) = melodi.data_requests()
    assert path == "/melodi/data/DS_POPULATIONS_REFERENCE"
    assert ("GEO", "COM-44109") in args
    assert sorted(v for k, v in args if k == "POPREF_MEASURE") == ["PMUN", "PTOT"]


@pytest.mark.parametrize("style", ["next", "count"])
def test_paging_across_pages(melodi, style):
    from terridata.providers.insee.melodi import GeoSelection

    melodi.paging_style = style
    melodi.add_dataset("DS_TEST", _synthetic(25) + _synthetic(7, dep="85"))
    table = _client().fetch("DS_TEST", GeoSelection("COM", "DEP", "44"), pivot="POPREF_MEASURE", page_size=10)
    assert len(table) == 25
    assert table["code"].tolist() == [f"44{i:03d}" for i in range(1, 26)]
    assert table["PMUN"].sum() == sum(1000 + i for i in range(1, 26))
    pages = [dict(args).get("page", "1") for _, args in melodi.data_requests()]
    assert pages == ["1", "2", "3"]
    assert all(("GEO", "DEP-44*COM") in args for _, args in melodi.data_requests())


def test_explicit_code_list_is_batched(melodi):
    from terridata.providers.insee import melodi as melodi_mod
    from terridata.providers.insee.melodi import GeoSelection

    melodi.add_dataset("DS_TEST", _synthetic(250))
    codes = [f"44{i:03d}" for i in range(1, 251)]
    table = _client().fetch("DS_TEST", GeoSelection("COM", codes=codes), pivot="POPREF_MEASURE")
    assert sorted(table["code"]) == codes
    sizes = [sum(1 for k, _ in args if k == "GEO") for _, args in melodi.data_requests()]
    assert sizes == [melodi_mod.GEO_BATCH, melodi_mod.GEO_BATCH, 250 - 2 * melodi_mod.GEO_BATCH]


def test_429_with_retry_after_then_success(melodi):
    from terridata.providers.insee.melodi import GeoSelection

    melodi.add_dataset("DS_TEST", _synthetic(3))
    melodi.fail_with_429(times=1, retry_after="1")
    started = time.monotonic()
    table = _client().fetch("DS_TEST", GeoSelection("COM", "DEP", "44"), pivot="POPREF_MEASURE")
    elapsed = time.monotonic() - started
    assert len(table) == 3
    assert len(melodi.data_requests()) == 2  # the refused one and the retry
    assert elapsed >= 0.95, "Retry-After: 1 was not honoured"


def test_rate_limit_spaces_requests(melodi, monkeypatch):
    """The per-service limit (30/60 in production) is enforced by the network layer: with 3 requests per 2 s,
    the 4th request waits until the window frees up."""
    from qgis.core import QgsProcessingFeedback

    from terridata.providers.insee.melodi import GeoSelection, MelodiClient

    class Capture(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.infos = []

        def pushInfo(self, info):  # noqa: N802
            self.infos.append(info)

    monkeypatch.setenv("TERRIDATA_RATE_INSEE_MELODI", "3/2")
    melodi.add_dataset("DS_TEST", _synthetic(8))
    feedback = Capture()
    client = MelodiClient(feedback=feedback)
    started = time.monotonic()
    table = client.fetch("DS_TEST", GeoSelection("COM", "DEP", "44"), pivot="POPREF_MEASURE", page_size=2)
    elapsed = time.monotonic() - started
    assert len(table) == 8 and client.requests_made == 4
    assert elapsed >= 1.8
    # the user is told why it waits
    assert any("INSEE Melodi" in m and "rate limit" in m for m in feedback.infos), feedback.infos


def test_empty_result(melodi):
    from terridata.providers.insee.melodi import GeoSelection

    melodi.add_dataset(
        "DS_POPULATIONS_REFERENCE", load_fixture("data_DS_POPULATIONS_REFERENCE_nantes.json")["observations"]
    )
    table = _client().fetch(
        "DS_POPULATIONS_REFERENCE",
        GeoSelection("COM", "COM", "44109"),
        measures=["PMUN"],
        pivot="POPREF_MEASURE",
        period="1900",
    )
    assert table.empty
    assert list(table.columns) == ["code", "level", "vintage", "period", "PMUN"]
    assert ("TIME_PERIOD", "1900") in melodi.data_requests()[0][1]


@pytest.mark.parametrize("status", [404, 500])
def test_unknown_dataset_is_a_clear_error(melodi, status):
    from terridata.providers.insee.melodi import GeoSelection, MelodiError

    melodi.unknown_status = status
    with pytest.raises(MelodiError) as info:
        _client().fetch("DS_NEXISTEPAS", GeoSelection("COM", "COM", "44109"))
    message = str(info.value)
    assert "DS_NEXISTEPAS" in message and "catalogue" in message and str(status) in message
    assert info.value.status == status


def test_a_server_failure_on_a_known_dataset_is_not_blamed_on_the_identifier(melodi):
    from terridata.providers.insee.melodi import GeoSelection, MelodiError

    melodi.add_dataset(
        "DS_POPULATIONS_REFERENCE", load_fixture("data_DS_POPULATIONS_REFERENCE_nantes.json")["observations"]
    )
    melodi.fail_with_500(times=1)
    with pytest.raises(MelodiError) as info:
        _client().fetch("DS_POPULATIONS_REFERENCE", GeoSelection("COM", "COM", "44109"))
    message = str(info.value)
    assert "failed on its side" in message and "500" in message and "Try again later" in message
    assert "probably wrong" not in message and "does not know" not in message
    assert info.value.status == 500


def test_geo_selection_uses_melodi_area_filters():
    from terridata.providers.insee.melodi import GeoSelection

    assert GeoSelection("COM", "COM", "44109").geo_values() == [["COM-44109"]]
    assert GeoSelection("COM", "DEP", "2A").geo_values() == [["DEP-2A*COM"]]
    assert GeoSelection("DEP", "REG", "28").geo_values() == [["REG-28*DEP"]]
    assert GeoSelection("REG").geo_values() == [["REG"]]
    assert GeoSelection("COM", codes=["50129", "50129", "50041"]).geo_values() == [["COM-50129", "COM-50041"]]
    with pytest.raises(ValueError):
        GeoSelection("COM", "DEP", "").geo_values()


def test_filters_parsing():
    from terridata.providers.insee.melodi import split_filters

    assert split_filters("SEX=F; age=Y20T64,Y65T79&PCS=1") == {"SEX": ["F"], "AGE": ["Y20T64", "Y65T79"], "PCS": ["1"]}
    assert split_filters("") == {}
    with pytest.raises(ValueError, match="DIMENSION=VALUE"):
        split_filters("SEX")


# ------------------------------------------------------------------------------------------------ common model
def test_insee_provider_in_registry(melodi):
    from terridata.providers.model import Capability
    from terridata.providers.registry import ProviderRegistry

    registry = ProviderRegistry()
    provider = registry.get("insee")
    assert provider.can(Capability.STATISTICS) and provider.can(Capability.SEARCH)
    datasets = {ds.id: ds for ds in provider.datasets()}
    assert set(datasets) == {e["identifier"] for e in load_fixture("catalog_all.json")}
    popref = datasets["DS_POPULATIONS_REFERENCE"]
    assert popref.licence == "Licence Ouverte 2.0" and "INSEE" in popref.attribution
    assert popref.curated and popref.updated == "2025-12-30"
    assert [ds.id for ds in provider.search("populations légales")][0] == "DS_POPULATIONS_REFERENCE"


def test_insee_provider_offline_gives_curated(qgis_app, monkeypatch):
    from terridata.providers.insee.provider import InseeProvider

    monkeypatch.setenv("TERRIDATA_INSEE_MELODI_URL", "http://127.0.0.1:9/melodi")
    monkeypatch.setenv("TERRIDATA_MAX_RETRIES", "0")
    provider = InseeProvider()
    assert [ds.id for ds in provider.datasets()] == ["DS_POPULATIONS_REFERENCE", "DS_RP_POPULATION_PRINC"]
    assert "INSEE Melodi" in provider.last_error


# ------------------------------------------------------------------------------------------------ COG refresh
GEO_2025 = {
    "regions": [{"code": "52", "intitule": "Pays de la Loire", "type": "Region", "chefLieu": "44109"}],
    "departements": [
        {"code": "44", "intitule": "Loire-Atlantique", "type": "Departement", "chefLieu": "44109"},
        {"code": "49", "intitule": "Maine-et-Loire", "type": "Departement", "chefLieu": "49007"},
    ],
    "communes": [
        {"code": "44109", "intitule": "Nantes", "type": "Commune", "dateCreation": "1943-01-01"},
        {"code": "44026", "intitule": "Carquefou", "type": "Commune", "dateCreation": "1943-01-01"},
        {"code": "49007", "intitule": "Angers", "type": "Commune", "dateCreation": "1943-01-01"},
        {"code": "49018", "intitule": "Bellevigne-en-Saumurois", "type": "Commune", "dateCreation": "2025-01-01"},
    ],
    "communesDeleguees": [{"code": "49050", "intitule": "Brézé", "type": "CommuneDeleguee", "chefLieu": "49018"}],
    "precedents/49018": [
        {"code": "49018", "intitule": "Bellevigne-en-Saumurois", "type": "Commune"},
        {"code": "49050", "intitule": "Brézé", "type": "Commune"},
    ],
}


@pytest.fixture()
def geo_api(qgis_app, httpserver, monkeypatch):
    calls = []

    def handler(request):
        calls.append((request.path, dict(request.args)))
        path = request.path[len("/geo/") :]
        if path.startswith("region/") and path.endswith("/descendants"):
            assert request.args.get("type") == "Departement"
            body = [d for d in GEO_2025["departements"]]
        elif path.startswith("commune/") and path.endswith("/precedents"):
            body = GEO_2025.get("precedents/" + path.split("/")[1], [])
        elif path in GEO_2025:
            assert request.args.get("date") == "2025-01-01"
            body = GEO_2025[path]
        elif path in ("arrondissementsMunicipaux", "communesAssociees"):
            body = []
        else:
            return Response("not found", status=404)
        return Response(json.dumps(body), mimetype="application/json")

    httpserver.expect_request(re.compile(r"^/geo/.*")).respond_with_handler(handler)
    monkeypatch.setenv("TERRIDATA_INSEE_GEO_URL", httpserver.url_for("/geo").rstrip("/"))
    monkeypatch.setenv("TERRIDATA_RATE_INSEE_GEO", "1000/1")
    return calls


def test_cog_refresh_adds_a_newer_vintage(geo_api, tmp_path):
    from terridata.core.cog.referential import CogReferential
    from terridata.providers.insee.geo_api import InseeGeoClient, refresh_vintage

    ref = CogReferential()
    ref.add_vintage(
        2024,
        [
            {"code": "44109", "nom": "Nantes", "type": "commune-actuelle", "departement": "44", "region": "52"},
            {"code": "44026", "nom": "Carquefou", "type": "commune-actuelle", "departement": "44", "region": "52"},
            {"code": "49007", "nom": "Angers", "type": "commune-actuelle", "departement": "49", "region": "52"},
            {"code": "49018", "nom": "Bellevigne", "type": "commune-actuelle", "departement": "49", "region": "52"},
            {"code": "49050", "nom": "Brézé", "type": "commune-actuelle", "departement": "49", "region": "52"},
        ],
        departements=[{"code": "44", "nom": "Loire-Atlantique", "region": "52"}],
        regions=[{"code": "52", "nom": "Pays de la Loire"}],
    )
    refresh_vintage(2025, referential=ref, cache_dir=tmp_path)
    assert ref.vintages == [2024, 2025]
    assert ref.is_valid("49018", vintage=2025) and not ref.is_valid("49050", vintage=2025)
    assert ref.kind_of("49050", 2025) == "commune-deleguee"
    assert ref.successors("49050", 2024, 2025) == ["49018"]
    assert ref.ancestors("49050", 2025) == {
        "commune-deleguee": "49050",
        "commune": "49018",
        "departement": "49",
        "region": "52",
    }
    assert ref.name("44109", 2025) == "Nantes"
    requests_made = len(geo_api)
    assert requests_made == 8  # regions, departements, 1 region's descendants, 4 commune lists, 1 precedents
    # cached per vintage: a second refresh makes no request
    cached = InseeGeoClient(cache_dir=tmp_path).fetch_vintage(2025)
    assert len(geo_api) == requests_made
    assert {c["code"]: c.get("anciensCodes") for c in cached["communes"]}["49018"] == ["49050"]
    assert json.loads((tmp_path / "2025" / "source.json").read_text())["licence"] == "Licence Ouverte 2.0"
    # after a restart, the cached vintage is added again without any request
    from terridata.providers.insee.geo_api import register_cached_vintages

    fresh = CogReferential()
    fresh.add_vintage(2024, [{"code": "49050", "nom": "Brézé", "type": "commune-actuelle", "departement": "49"}])
    assert register_cached_vintages(fresh, cache_dir=tmp_path) == [2025]
    assert fresh.successors("49050", 2024, 2025) == ["49018"]
    assert len(geo_api) == requests_made
    assert register_cached_vintages(fresh, cache_dir=tmp_path) == []  # not newer than the latest any more
