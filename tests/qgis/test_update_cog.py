"""``terridata:update_cog``: a COG vintage newer than the embedded ones, read from a replay of INSEE's geo API."""

import json
import re

import pytest
from werkzeug import Response

COMMUNES_2027 = [
    {"code": "49018", "intitule": "Bellevigne-en-Saumurois", "type": "Commune", "dateCreation": "2026-01-01"},
    {"code": "44109", "intitule": "Nantes", "type": "Commune"},
    {"code": "2A004", "intitule": "Ajaccio", "type": "Commune"},
]
DELEGATED_2027 = [{"code": "49050", "intitule": "Brézé", "type": "CommuneDeleguee", "chefLieu": "49018"}]
DEPARTEMENTS = [
    {"code": "44", "intitule": "Loire-Atlantique", "type": "Departement", "chefLieu": "44109"},
    {"code": "49", "intitule": "Maine-et-Loire", "type": "Departement", "chefLieu": "49007"},
    {"code": "2A", "intitule": "Corse-du-Sud", "type": "Departement", "chefLieu": "2A004"},
]
REGIONS = [
    {"code": "52", "intitule": "Pays de la Loire", "type": "Region", "chefLieu": "44109"},
    {"code": "94", "intitule": "Corse", "type": "Region", "chefLieu": "2A004"},
]


@pytest.fixture()
def geo_2027(qgis_app, httpserver, monkeypatch, tmp_path):
    """A replay of INSEE's geographic API for 1 January 2027; a private referential and cache for the test."""
    import terridata.processing.algorithms.update_cog as update_cog
    import terridata.providers.insee.geo_api as geo_api
    from terridata.core.cog.snapshot import load_snapshot

    calls = []

    def handler(request):
        calls.append(request.path)
        path = request.path[len("/geo/") :]
        if path.startswith("region/"):
            region = path.split("/")[1]
            body = [d for d in DEPARTEMENTS if (d["code"] in ("44", "49")) == (region == "52")]
        elif path.startswith("commune/"):
            body = [{"code": "49050", "intitule": "Brézé", "type": "Commune"}] if "49018" in path else []
        else:
            assert request.args.get("date") == "2027-01-01"
            body = {
                "communes": COMMUNES_2027,
                "communesDeleguees": DELEGATED_2027,
                "departements": DEPARTEMENTS,
                "regions": REGIONS,
            }.get(path, [])
        return Response(json.dumps(body), mimetype="application/json")

    httpserver.expect_request(re.compile(r"^/geo/.*")).respond_with_handler(handler)
    monkeypatch.setenv("TERRIDATA_INSEE_GEO_URL", httpserver.url_for("/geo").rstrip("/"))
    monkeypatch.setenv("TERRIDATA_RATE_INSEE_GEO", "1000/1")
    referential = load_snapshot()  # never the shared one: other tests rely on the embedded vintages only
    monkeypatch.setattr(update_cog, "default_referential", lambda: referential)
    monkeypatch.setattr(geo_api, "default_cache_dir", lambda: tmp_path)
    return referential, calls


def test_a_newer_vintage_is_added_cached_and_used(qgis_processing, terridata_provider, geo_2027, tmp_path):
    import processing

    referential, calls = geo_2027
    result = processing.run("terridata:update_cog", {"YEAR": 2027})
    assert (result["VINTAGE"], result["COMMUNES"], result["DEPARTEMENTS"]) == (2027, 3, 3)
    assert referential.vintages[-1] == 2027
    assert referential.is_valid("2A004", vintage=2027) and not referential.is_valid("20004", vintage=2027)
    assert referential.successors("49050", 2026, 2027) == ["49018"]
    assert referential.ancestors("44109", 2027)["region"] == "52"
    assert (tmp_path / "2027" / "communes.json").exists()
    # Cached: running again makes no request.
    made = len(calls)
    processing.run("terridata:update_cog", {"YEAR": 2027})
    assert len(calls) == made


def test_embedded_years_and_api_errors_are_refused_clearly(
    qgis_processing, terridata_provider, httpserver, monkeypatch, tmp_path
):
    from qgis.core import QgsProcessingException

    import processing
    import terridata.providers.insee.geo_api as geo_api

    with pytest.raises(QgsProcessingException):
        processing.run("terridata:update_cog", {"YEAR": 2026})  # below the minimum: embedded already
    httpserver.expect_request(re.compile(r"^/geo/.*")).respond_with_data("boom", status=500)
    monkeypatch.setenv("TERRIDATA_INSEE_GEO_URL", httpserver.url_for("/geo").rstrip("/"))
    monkeypatch.setenv("TERRIDATA_MAX_RETRIES", "0")
    monkeypatch.setattr(geo_api, "default_cache_dir", lambda: tmp_path)
    with pytest.raises(QgsProcessingException, match="INSEE geographic") as error:
        processing.run("terridata:update_cog", {"YEAR": 2030})
    assert "500" in str(error.value)
    assert not (tmp_path / "2030").exists()
