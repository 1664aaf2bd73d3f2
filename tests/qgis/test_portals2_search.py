"""portal_search on data.gouv.fr: facets and the true total from the search API v2, the 10,000-result window."""

from __future__ import annotations

import pytest
from portal_replay import DataGouvReplay, dg_dataset


@pytest.fixture()
def env(qgis_app, qgis_processing, terridata_provider, httpserver, monkeypatch):
    monkeypatch.setenv("TERRIDATA_DATAGOUV_URL", httpserver.url_for("/api/1"))
    for name in ("DATAGOUV", "OPENDATASOFT", "CKAN", "DEFAULT"):
        monkeypatch.setenv(f"TERRIDATA_RATE_{name}", "1000/1")
    monkeypatch.setenv("TERRIDATA_BACKOFF_BASE_S", "0.05")
    monkeypatch.setenv("TERRIDATA_MAX_RETRIES", "1")
    monkeypatch.setenv("TERRIDATA_CACHE_ENABLED", "false")
    return httpserver


def _search(tmp_path, **params):
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    import processing

    infos, errors = [], []

    class Feedback(QgsProcessingFeedback):
        def pushInfo(self, text):  # noqa: N802
            infos.append(text)

        def reportError(self, text, fatal=False):  # noqa: N802
            errors.append(text)

    full = {"PORTAL": "data.gouv.fr", "OUTPUT": str(tmp_path / "search.csv")}
    full.update(params)
    result = processing.run("terridata:portal_search", full, context=QgsProcessingContext(), feedback=Feedback())
    return result, infos, errors


ORGS = ["Commune d'Évry", "Ville de Rennes", "Commune d'Évry", "Commune d'Évry", "Ville de Rennes"]


def _replay(env):
    replay = DataGouvReplay(env, total=0)
    for i, org in enumerate(ORGS, start=1):
        replay.datasets[f"ds{i}"] = dg_dataset(i, org=org)
    return replay


def test_datagouv_search_logs_v2_facets_and_total(env, tmp_path):
    replay = _replay(env)
    result, infos, errors = _search(tmp_path, QUERY="défibrillateurs")
    assert result["DATASET_COUNT"] == len(ORGS) and result["MATCHING"] == len(ORGS)
    # counted here from the datasets given to the replay, largest first
    assert (
        f"Facet organization_name: Commune d'Évry ({ORGS.count(ORGS[0])}), Ville de Rennes ({ORGS.count(ORGS[1])})"
        in infos
    )
    assert f"Facet format_family: csv ({len(ORGS)})" in infos
    assert not errors
    v2 = [args for path, args in replay.requests if path == "/api/2/datasets/search/"]
    assert len(v2) == 1 and v2[0]["page_size"] == ["1"] and v2[0]["q"] == ["défibrillateurs"]
    # the results themselves still come from v1, with their resources embedded
    assert any(path == "/api/1/datasets/" for path, _ in replay.requests)


def test_datagouv_search_beyond_the_window_says_so(env, tmp_path):
    replay = _replay(env)
    replay.v2_total = 25_000
    result, infos, errors = _search(tmp_path, QUERY="défibrillateurs", MAX_RESULTS=3)
    assert result["MATCHING"] == 25_000 and result["DATASET_COUNT"] == 3
    window = [e for e in errors if "25000" in e]
    assert len(window) == 1 and "10000" in window[0] and "Narrow the search" in window[0]


def test_datagouv_search_under_the_window_says_nothing(env, tmp_path):
    replay = _replay(env)
    replay.v2_total = 10_000
    result, infos, errors = _search(tmp_path, MAX_RESULTS=2)
    assert result["MATCHING"] == 10_000 and not errors


def test_v2_answer_parsed_and_url_derived():
    from terridata.providers.portals.base import PortalError
    from terridata.providers.portals.datagouv_v2 import parse_search, v2_url

    assert v2_url("https://www.data.gouv.fr/api/1") == "https://www.data.gouv.fr/api/2/datasets/search/"
    assert v2_url("https://www.data.gouv.fr/api/1/") == "https://www.data.gouv.fr/api/2/datasets/search/"
    assert v2_url("https://example.org/api") == ""
    summary = parse_search(
        {
            "data": [],
            "total": 12_345,
            "facets": {"producer_type": [{"name": "local-authority", "count": 2}, {"name": "state", "count": 9}]},
        }
    )
    assert summary.total == 12_345 and summary.beyond_window
    assert summary.facets == {"producer_type": [("state", 9), ("local-authority", 2)]}
    with pytest.raises(PortalError):
        parse_search({"message": "Result window is too large"})
