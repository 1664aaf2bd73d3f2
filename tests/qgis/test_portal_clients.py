"""Portal clients against local replays of data.gouv.fr, Opendatasoft and CKAN (documented formats)."""

from __future__ import annotations

import json

import pytest
from portal_replay import CkanReplay, DataGouvReplay, OdsReplay, dg_dataset


@pytest.fixture()
def portals_env(qgis_app, httpserver, monkeypatch):
    monkeypatch.setenv("TERRIDATA_DATAGOUV_URL", httpserver.url_for("/api/1"))
    monkeypatch.setenv("TERRIDATA_DATAGOUV_TABULAR_URL", httpserver.url_for("/tabular"))
    monkeypatch.setenv(
        "TERRIDATA_PORTALS",
        json.dumps(
            [
                {"name": "Rennes test", "kind": "opendatasoft", "url": httpserver.url_for(OdsReplay.PREFIX)},
                {"name": "CKAN test", "kind": "ckan", "url": httpserver.url_for("/ckan")},
            ]
        ),
    )
    for name in ("DATAGOUV", "OPENDATASOFT", "CKAN", "DEFAULT"):
        monkeypatch.setenv(f"TERRIDATA_RATE_{name}", "1000/1")
    monkeypatch.setenv("TERRIDATA_BACKOFF_BASE_S", "0.05")
    monkeypatch.setenv("TERRIDATA_MAX_RETRIES", "2")
    monkeypatch.setenv("TERRIDATA_CACHE_ENABLED", "false")
    return httpserver


def _client(name):
    from terridata.providers.portals import client_for

    return client_for(name)


def test_presets_and_user_entries(portals_env):
    from terridata.providers.portals.config import portals

    names = [p.name for p in portals()]
    assert names[0] == "data.gouv.fr"
    assert "Rennes test" in names and "CKAN test" in names
    assert sum(1 for p in portals() if p.kind == "opendatasoft" and p.preset) >= 3
    assert portals()[0].url == portals_env.url_for("/api/1")  # the datagouv_url setting is the preset's URL


def test_invalid_portal_setting_is_a_clear_error(portals_env, monkeypatch):
    from terridata.providers.portals.base import PortalError
    from terridata.providers.portals.config import portals

    monkeypatch.setenv("TERRIDATA_PORTALS", '[{"name": "x", "kind": "socrata", "url": "https://x"}]')
    with pytest.raises(PortalError, match="unknown kind 'socrata'"):
        portals()


def test_datagouv_search_pages_to_the_end_with_geozone(portals_env):
    from terridata.providers.portals.base import SearchQuery
    from terridata.providers.portals.territory import territory_from_code

    replay = DataGouvReplay(portals_env, total=7)
    query = SearchQuery(
        text="défibrillateurs",
        territory=territory_from_code("commune", "91228"),
        granularity="fr:commune",
        badge="spd",
        page_size=3,
    )
    found = list(_client("data.gouv.fr").search(query))
    assert [d.id for d in found] == [f"ds{i}" for i in range(1, 8)]
    pages = [args for path, args in replay.requests if path == "/api/1/datasets/"]
    assert [p["page"] for p in pages] == [["1"], ["2"], ["3"]]
    assert all(p["geozone"] == ["fr:commune:91228"] for p in pages)
    assert (
        pages[0]["granularity"] == ["fr:commune"]
        and pages[0]["badge"] == ["spd"]
        and pages[0]["q"] == ["défibrillateurs"]
    )
    first = found[0]
    assert first.licence == "Licence Ouverte 2.0" and first.organization == "Commune d'Évry"
    assert first.resources[0].format == "csv" and first.resources[0].schema == "etalab/schema-dae@1.0.0"


def test_datagouv_window_stops_at_10000(portals_env):
    from terridata.providers.portals.base import SearchQuery

    replay = DataGouvReplay(portals_env, total=1)
    replay.datasets = {f"ds{i}": dg_dataset(i) for i in range(1, 2)}
    client = _client("data.gouv.fr")
    # a portal claiming 50,000 results: paging stops at the 10,000-result window (100 pages of 100)
    original = client.search_page

    calls = []

    def fake_page(query, page):
        calls.append(page)
        result = original(query, 1)
        result.total = 50_000
        return result

    client.search_page = fake_page
    assert sum(1 for _ in client.search(SearchQuery(page_size=100))) == 100
    assert calls[-1] == 100


def test_datagouv_unknown_dataset_404(portals_env):
    from terridata.toolbelt.network import NetworkError

    DataGouvReplay(portals_env)
    with pytest.raises(NetworkError) as err:
        _client("data.gouv.fr").dataset("nope")
    assert err.value.status == 404 and "404" in str(err.value) and "Not found" in str(err.value)


def test_html_with_200_is_said(portals_env):
    from terridata.providers.portals.base import PortalError, SearchQuery

    portals_env.expect_request("/api/1/datasets/").respond_with_data(
        "<!DOCTYPE html><html><body>Portail</body></html>", content_type="text/html"
    )
    with pytest.raises(PortalError, match="HTML page instead of JSON"):
        next(_client("data.gouv.fr").search(SearchQuery()))


@pytest.mark.parametrize("body", ['{"data": [{"id": "x"', "not json at all"])
def test_malformed_or_truncated_json(portals_env, body):
    from terridata.providers.portals.base import SearchQuery
    from terridata.toolbelt.network import NetworkError

    portals_env.expect_request("/api/1/datasets/").respond_with_data(body, content_type="application/json")
    with pytest.raises(NetworkError, match="malformed JSON"):
        next(_client("data.gouv.fr").search(SearchQuery()))


def test_5xx_retried_then_clear(portals_env):
    from terridata.providers.portals.base import SearchQuery
    from terridata.toolbelt.network import NetworkError

    portals_env.expect_request("/api/1/datasets/").respond_with_data("oops", status=503)
    with pytest.raises(NetworkError, match="503") as err:
        next(_client("data.gouv.fr").search(SearchQuery()))
    assert "3 times" in str(err.value)


def test_ods_search_paging_facets_and_detail(portals_env):
    from terridata.providers.portals.base import SearchQuery

    replay = OdsReplay(portals_env, total=250)
    client = _client("Rennes test")
    found = list(
        client.search(SearchQuery(text="défibrillateurs", organization="Ville de Rennes", geographic_only=True))
    )
    assert len(found) == 250
    searches = [a for p, a in replay.requests if p.endswith("/catalog/datasets")]
    assert [s["offset"] for s in searches] == [["0"], ["50"], ["100"], ["150"], ["200"]]
    assert searches[0]["where"] == ['"défibrillateurs" AND features = "geo"']
    assert searches[0]["refine"] == ["publisher:Ville de Rennes"]
    facets = client.facets(SearchQuery(text="x"))
    assert facets["publisher"] == [("Ville de Rennes", 12)]
    detail = client.dataset("dae-1")
    assert detail.geographic and detail.organization == "Ville de Rennes"
    assert [r.id for r in detail.resources][:2] == ["export:fgb", "export:geojson"]


def test_ods_10000_cap_never_exceeded(portals_env):
    from terridata.providers.portals.base import SearchQuery

    replay = OdsReplay(portals_env, total=25_000)
    found = sum(1 for _ in _client("Rennes test").search(SearchQuery(page_size=100)))
    # the replay answers 400 beyond offset + limit >= 10,000: the client never asks for it
    assert found == 9_999
    assert all(int(a["offset"][0]) + int(a["limit"][0]) < 10_000 for p, a in replay.requests)


def test_ods_429_waits_for_reset_time(portals_env):
    import time

    replay = OdsReplay(portals_env)
    replay.fail_429 = 1
    started = time.monotonic()
    detail = _client("Rennes test").dataset("dae-3")
    assert detail.id == "dae-3"
    assert time.monotonic() - started >= 0.5  # waited until reset_time (1 s ahead), not the 0.05 s backoff
    assert len(replay.requests) == 2


def test_ods_unknown_dataset(portals_env):
    from terridata.toolbelt.network import NetworkError

    OdsReplay(portals_env)
    with pytest.raises(NetworkError, match="Unknown dataset"):
        _client("Rennes test").dataset("missing-x")


def test_ckan_search_to_the_end_formats_and_facets(portals_env):
    from terridata.providers.portals.base import SearchQuery

    replay = CkanReplay(portals_env, total=7)
    client = _client("CKAN test")
    found = list(client.search(SearchQuery(text="pistes", format="CSV", page_size=3)))
    assert len(found) == 7
    starts = [a["start"] for p, a in replay.requests]
    assert starts == [["0"], ["3"], ["6"]]
    assert replay.requests[0][1]["fq"] == ['res_format:"CSV"']
    formats = [r.format for r in found[0].resources]
    assert formats == ["csv", "csv", "unknown", "zip"]
    assert found[0].licence.startswith("Open Data Commons") and found[0].extent.as_tuple() == (1, 43, 2, 44)
    assert client.facets(SearchQuery())["res_format"] == [("CSV", 7)]


def test_ckan_not_found_envelope(portals_env):
    from terridata.toolbelt.network import NetworkError

    CkanReplay(portals_env)
    with pytest.raises(NetworkError, match="Not Found Error"):
        _client("CKAN test").dataset("nope")


def test_dataset_registered_in_common_model(portals_env):
    from terridata.providers.portals import registry_provider
    from terridata.providers.registry import registry

    DataGouvReplay(portals_env)
    info = _client("data.gouv.fr").dataset("ds2")
    registry_provider().remember(info)
    ds = registry().dataset("portals:data.gouv.fr:ds2")
    assert ds.licence == "Licence Ouverte 2.0"
    assert ds.attribution == "Source : Commune d'Évry (data.gouv.fr), mise à jour 2024-03-03"
    assert ds.updated == "2024-03-03"


def test_registry_keyword_search_sees_remembered_datasets_without_requests(portals_env):
    from terridata.providers.portals import registry_provider
    from terridata.providers.registry import registry

    replay = DataGouvReplay(portals_env)
    registry_provider().remember(_client("data.gouv.fr").dataset("ds3"))
    before = len(replay.requests)
    keys = [d.key for d in registry().search("défibrillateurs 3")]
    assert "portals:data.gouv.fr:ds3" in keys
    assert len(replay.requests) == before  # searching the registry sent no request to any portal


@pytest.fixture
def key_authcfg(qgis_app):
    """A Basic authentication configuration whose password is an Opendatasoft API key."""
    from qgis.core import QgsApplication, QgsAuthMethodConfig

    manager = QgsApplication.authManager()
    if manager.isDisabled():
        pytest.skip(f"QGIS authentication system disabled: {manager.disabledMessage()}")
    if not manager.masterPasswordIsSet():
        assert manager.setMasterPassword("terridata-test-master-password", True)  # as test_network.py
    config = QgsAuthMethodConfig("Basic")
    config.setName("TerriData portal key test")
    config.setConfig("username", "key")
    config.setConfig("password", "ODS-SECRET-KEY-42")
    ok, config = manager.storeAuthenticationConfig(config)
    assert ok and config.id()
    yield config.id()
    manager.removeAuthenticationConfig(config.id())


def test_ods_api_key_from_authcfg_sent_never_shown(portals_env, monkeypatch, key_authcfg):
    from terridata.toolbelt.network import NetworkError

    url = portals_env.url_for(OdsReplay.PREFIX)
    monkeypatch.setenv(
        "TERRIDATA_PORTALS", json.dumps([{"name": "Keyed", "kind": "opendatasoft", "url": url, "authcfg": key_authcfg}])
    )
    replay = OdsReplay(portals_env)
    client = _client("Keyed")
    assert client.dataset("dae-1").id == "dae-1"
    request = portals_env.log[-1][0]
    # Opendatasoft's documented header, never the address (which ends up in logs)
    assert request.headers.get("Authorization") == "Apikey ODS-SECRET-KEY-42"
    assert "apikey" not in replay.requests[-1][1] and "ODS-SECRET-KEY-42" not in request.url
    with pytest.raises(NetworkError) as err:
        client.dataset("missing-1")
    assert portals_env.log[-1][0].headers.get("Authorization") == "Apikey ODS-SECRET-KEY-42"
    assert "ODS-SECRET-KEY-42" not in str(err.value) and "missing-1" in str(err.value)


def test_ods_unknown_authcfg_is_a_portal_error(portals_env, monkeypatch):
    from terridata.providers.portals.base import PortalError

    url = portals_env.url_for(OdsReplay.PREFIX)
    monkeypatch.setenv(
        "TERRIDATA_PORTALS", json.dumps([{"name": "Keyed", "kind": "opendatasoft", "url": url, "authcfg": "nope123"}])
    )
    with pytest.raises(PortalError, match="Portal 'Keyed'"):
        _client("Keyed")


def test_ods_retry_delay_from_reset_time():
    from datetime import datetime, timedelta, timezone

    from terridata.providers.portals.opendatasoft import retry_delay_from_reset_time
    from terridata.toolbelt.network import Response

    reset = datetime.now(timezone.utc) + timedelta(seconds=30)
    body = json.dumps({"errorcode": 10002, "reset_time": reset.isoformat(), "error": "Too many requests"}).encode()
    delay = retry_delay_from_reset_time(Response(429, {"content-type": "application/json"}, body))
    assert 25 < delay <= 30.05
    # Retry-After, another status or a body without reset_time: the network layer's default decides
    assert retry_delay_from_reset_time(Response(429, {"Retry-After": "3"}, body)) is None
    assert retry_delay_from_reset_time(Response(503, {}, body)) is None
    assert retry_delay_from_reset_time(Response(429, {}, b"<html>busy</html>")) is None


def test_ods_export_download_sends_the_key_header_and_reports_progress(portals_env, monkeypatch, key_authcfg, tmp_path):
    from qgis.core import QgsProcessingFeedback

    from terridata.providers.portals.fetch import fetch_resource

    url = portals_env.url_for(OdsReplay.PREFIX)
    monkeypatch.setenv(
        "TERRIDATA_PORTALS", json.dumps([{"name": "Keyed", "kind": "opendatasoft", "url": url, "authcfg": key_authcfg}])
    )
    replay = OdsReplay(portals_env)
    body = "nom;code\n" + "".join(f"lieu {i};{i:05d}\n" for i in range(20000))
    replay.exports[("dae-1", "csv")] = (body.encode("utf-8"), "text/csv; charset=utf-8")

    class Recorder(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.values = []
            self.progressChanged.connect(self.values.append)

    feedback = Recorder()
    client = _client("Keyed")
    info = client.dataset("dae-1")
    csv_resource = next(r for r in info.resources if r.format == "csv")
    path = fetch_resource(client, info, csv_resource, tmp_path / "dl", feedback=feedback)
    assert path.read_bytes() == body.encode("utf-8")
    export = [r for r, _ in portals_env.log if "/exports/" in r.path][-1]
    assert export.headers.get("Authorization") == "Apikey ODS-SECRET-KEY-42" and "apikey" not in export.args
    # the download fills the first half of the Processing bar, the loader the second half
    assert feedback.values and max(feedback.values) == pytest.approx(50.0)
