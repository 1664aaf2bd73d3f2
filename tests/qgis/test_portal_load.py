"""portal_load / portal_search end to end (Processing, local replays), bad input, the proxy, qgis_process."""

from __future__ import annotations

import io
import json
import threading
import time
import zipfile

import pytest
from portal_replay import DataGouvReplay, OdsReplay, dg_dataset
from werkzeug.wrappers import Response

FR_CSV = "nom;latitude;longitude;code_insee\nMairie d'Évry;48,6244;2,4407;91228\nÉcole;48,7;2,3;91174\n"


@pytest.fixture()
def env(qgis_app, qgis_processing, terridata_provider, httpserver, monkeypatch):
    monkeypatch.setenv("TERRIDATA_DATAGOUV_URL", httpserver.url_for("/api/1"))
    monkeypatch.setenv("TERRIDATA_DATAGOUV_TABULAR_URL", httpserver.url_for("/tabular"))
    monkeypatch.setenv("TERRIDATA_DATAGOUV_SCHEMA_URL", httpserver.url_for("/schemas"))
    monkeypatch.setenv(
        "TERRIDATA_PORTALS",
        json.dumps([{"name": "Rennes test", "kind": "opendatasoft", "url": httpserver.url_for(OdsReplay.PREFIX)}]),
    )
    for name in ("DATAGOUV", "OPENDATASOFT", "CKAN", "DEFAULT"):
        monkeypatch.setenv(f"TERRIDATA_RATE_{name}", "1000/1")
    monkeypatch.setenv("TERRIDATA_BACKOFF_BASE_S", "0.05")
    monkeypatch.setenv("TERRIDATA_MAX_RETRIES", "1")
    monkeypatch.setenv("TERRIDATA_CACHE_ENABLED", "false")
    return httpserver


def _dg_with_file(server, body: bytes, name="dae.csv", fmt="csv", ctype="text/csv", extras=None, schema=None):
    replay = DataGouvReplay(server, total=0)
    url = server.url_for(f"/files/{name}")
    resource = {"id": "r1", "title": name, "format": fmt, "url": url, "extras": extras or {}, "filesize": len(body)}
    if schema:
        resource["schema"] = schema
    replay.datasets["ds1"] = dg_dataset(1, resources=[resource])
    server.expect_request(f"/files/{name}").respond_with_data(body, content_type=ctype)
    return replay


def _run(params, tmp_path, name="out.gpkg"):
    import processing

    out = tmp_path / name
    full = {"PORTAL": "data.gouv.fr", "DATASET": "ds1", "OUTPUT": str(out)}
    full.update(params)
    return processing.run("terridata:portal_load", full), out


def _features(path):
    from osgeo import ogr

    ds = ogr.Open(str(path))
    layer = ds.GetLayer(0)
    rows = []
    for f in layer:
        g = f.GetGeometryRef()
        rows.append((f.items(), (round(g.GetX(), 6), round(g.GetY(), 6)) if g else None))
    return rows


def test_french_csv_loaded_with_metadata(env, tmp_path):
    _dg_with_file(env, FR_CSV.encode("cp1252"))
    result, out = _run({}, tmp_path)
    assert result["FEATURE_COUNT"] == 2 and result["WITHOUT_GEOMETRY"] == 0 and result["OUTSIDE_FRANCE"] == 0
    rows = _features(out)
    assert rows[0][0]["nom"] == "Mairie d'Évry" and rows[0][1] == (2.4407, 48.6244)
    assert rows[0][0]["code_insee"] == 91228 or rows[0][0]["code_insee"] == "91228"
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(str(out), "x", "ogr")
    md = layer.metadata()
    assert "Licence Ouverte 2.0" in md.licenses()
    assert md.rights()[0].startswith("Source : Commune d'Évry (data.gouv.fr), mise à jour 2024-03-")


def test_swapped_and_outside_france_said(env, tmp_path):
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    csv = "nom,lat,lon\nA,2.35,48.85\nB,2.44,48.62\nC,1.0,47.0\n"
    _dg_with_file(env, csv.encode())
    import processing

    messages = []

    class Feedback(QgsProcessingFeedback):
        def pushWarning(self, text):  # noqa: N802
            messages.append(text)

        def pushInfo(self, text):  # noqa: N802
            messages.append(text)

    out = tmp_path / "o.gpkg"
    processing.run(
        "terridata:portal_load",
        {"PORTAL": "data.gouv.fr", "DATASET": "ds1", "OUTPUT": str(out)},
        context=QgsProcessingContext(),
        feedback=Feedback(),
    )
    assert any("wrong way round" in m for m in messages)
    assert [p for _, p in _features(out)] == [(2.35, 48.85), (2.44, 48.62), (1.0, 47.0)]
    # outside France: points in the Atlantic
    csv = "nom;latitude;longitude\nA;10,0;-30,0\nB;48,0;2,0\n"
    env.clear()
    _dg_with_file(env, csv.encode())
    result, _ = _run({}, tmp_path, "o2.gpkg")
    assert result["OUTSIDE_FRANCE"] == 1


def test_ods_export_with_odsql_and_geo_point(env, tmp_path):
    replay = OdsReplay(env)
    body = "\ufeffnom;geo_point_2d\nDAE mairie;48.1113, -1.6800\nDAE gare;48.1035,-1.6722\n".encode()
    replay.exports[("dae-1", "csv")] = (body, "text/csv; charset=utf-8")
    result, out = _run(
        {"PORTAL": "Rennes test", "DATASET": "dae-1", "RESOURCE": "export:csv", "WHERE": 'nom like "DAE*"'}, tmp_path
    )
    assert result["FEATURE_COUNT"] == 2
    assert [p for _, p in _features(out)] == [(-1.68, 48.1113), (-1.6722, 48.1035)]
    export = [a for p, a in replay.requests if "/exports/" in p]
    assert export == [{"where": ['nom like "DAE*"'], "delimiter": [";"]}]


def test_tabular_api_filters(env, tmp_path):
    replay = _dg_with_file(env, b"unused", extras={"analysis:parsing:parsing_table": "x"})
    replay.tabular["r1"] = [
        {"nom": f"P{i}", "code": "91228" if i % 2 else "91174", "lat": 48.6, "lon": 2.44} for i in range(450)
    ]
    result, out = _run({"FILTERS": "code__exact=91228"}, tmp_path)
    assert result["FEATURE_COUNT"] == 225
    tab = [a for p, a in replay.requests if p.startswith("/tabular")]
    assert len(tab) == 2 and tab[0]["code__exact"] == ["91228"]


def test_code_join_repairs_and_counts(env, tmp_path, sample_gpkg):
    from qgis.core import QgsVectorLayer

    communes = QgsVectorLayer(f"{sample_gpkg}|layername=communes", "c", "ogr")
    assert communes.isValid()
    field = [f.name() for f in communes.fields() if "code" in f.name().lower() or "insee" in f.name().lower()][0]
    codes = [str(f[field]) for f in communes.getFeatures()][:2]
    csv = f"commune;valeur\n{codes[0]};3\n{codes[1]};4\n99999;5\n"
    _dg_with_file(env, csv.encode())
    result, out = _run(
        {
            "GEOMETRY": 3,
            "CODE_FIELD": "commune",
            "BOUNDARIES": f"{sample_gpkg}|layername=communes",
            "BOUNDARY_CODE": field,
        },
        tmp_path,
    )
    assert result["FEATURE_COUNT"] == 3 and result["UNJOINED_ROWS"] == 1 and result["UNJOINED_CODES"] == "99999"
    assert result["WITHOUT_GEOMETRY"] == 1


def test_leading_zero_repaired():
    from terridata.core.tabular.codes import CodeRepair, repair_code

    report = CodeRepair()
    assert repair_code("1001", "commune", report) == "01001"
    assert repair_code("1001.0", "commune", report) == "01001"
    assert repair_code("2A004", "commune", report) == "2A004"
    assert repair_code("971", "departement", report) == "971"
    assert report.repaired == {"1001": "01001"}


def _zip(members: dict, **kw) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


GEOJSON = json.dumps(
    {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"n": "é"}, "geometry": {"type": "Point", "coordinates": [2.4, 48.6]}}
        ],
    }
)


def test_zip_with_non_ascii_geojson(env, tmp_path):
    _dg_with_file(env, _zip({"données/Évry_dae.geojson": GEOJSON}), name="a.zip", fmt="zip", ctype="application/zip")
    result, out = _run({}, tmp_path)
    assert result["FEATURE_COUNT"] == 1 and _features(out)[0][1] == (2.4, 48.6)


BAD_CASES = [
    (b"", "empty (0 bytes)"),
    (b"<!DOCTYPE html><html><body>Connexion</body></html>", "web page (HTML)"),
    (b"nom;lat;lon\n", "no data row"),
    (_zip({"readme.txt": "hello", "doc.pdf": "x"}), "no layer TerriData can load"),
    (_zip({"a.geojson": GEOJSON, "b.geojson": GEOJSON}), "several layers: a.geojson, b.geojson"),
    (b"%PDF-1.4 lying about being a csv", "PDF file"),
]


@pytest.mark.parametrize("body, message", BAD_CASES)
def test_bad_resources_clear_error_nothing_written(env, tmp_path, body, message):
    from qgis.core import QgsProcessingException

    _dg_with_file(env, body, name="data.csv")
    with pytest.raises(QgsProcessingException, match=message.replace("(", r"\(").replace(")", r"\)")):
        _run({}, tmp_path)
    assert not (tmp_path / "out.gpkg").exists()


def test_dead_resource_url(env, tmp_path):
    from qgis.core import QgsProcessingException

    replay = DataGouvReplay(env, total=0)
    replay.datasets["ds1"] = dg_dataset(1, resources=[{"id": "r1", "format": "csv", "url": env.url_for("/gone.csv")}])
    env.expect_request("/gone.csv").respond_with_data("gone", status=404)
    with pytest.raises(QgsProcessingException, match="404"):
        _run({}, tmp_path)
    assert not (tmp_path / "out.gpkg").exists()


def test_login_redirect(env, tmp_path):
    from qgis.core import QgsProcessingException

    replay = DataGouvReplay(env, total=0)
    replay.datasets["ds1"] = dg_dataset(
        1, resources=[{"id": "r1", "format": "csv", "url": env.url_for("/private.csv")}]
    )
    env.expect_request("/private.csv").respond_with_response(Response("", status=302, headers={"Location": "/login"}))
    env.expect_request("/login").respond_with_data("<html><form>login</form></html>", content_type="text/html")
    with pytest.raises(QgsProcessingException, match="login"):
        _run({}, tmp_path)


def test_encrypted_zip_refused(env, tmp_path):
    from qgis.core import QgsProcessingException

    data = bytearray(_zip({"a.geojson": GEOJSON}))
    # set the "encrypted" flag bit in the local and central headers (what a password-protected zip carries)
    for sig, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        pos = data.find(sig)
        data[pos + offset] |= 0x1
    _dg_with_file(env, bytes(data), name="x.zip", fmt="zip")
    with pytest.raises(QgsProcessingException, match="encrypted"):
        _run({}, tmp_path)
    assert not (tmp_path / "out.gpkg").exists()


def test_large_download_cancelled_leaves_no_file(env, tmp_path):
    from qgis.core import QgsFeedback

    from terridata.providers.portals import client_for
    from terridata.providers.portals.fetch import fetch_resource
    from terridata.toolbelt.network import RequestCancelled

    feedback = QgsFeedback()
    sent = {"bytes": 0}

    def handler(request):
        def stream():
            for _ in range(400):
                chunk = b"x" * 65536
                sent["bytes"] += len(chunk)
                if sent["bytes"] > 4 * 1024 * 1024:
                    feedback.cancel()
                yield chunk
                time.sleep(0.005)

        return Response(stream(), content_type="text/csv")

    replay = DataGouvReplay(env, total=0)
    replay.datasets["ds1"] = dg_dataset(1, resources=[{"id": "r1", "format": "csv", "url": env.url_for("/big.csv")}])
    env.expect_request("/big.csv").respond_with_handler(handler)
    client = client_for("data.gouv.fr", feedback)
    info = client.dataset("ds1")
    with pytest.raises(RequestCancelled):
        fetch_resource(client, info, info.resources[0], tmp_path / "dl", feedback=feedback)
    assert sent["bytes"] < 400 * 65536  # stopped half-way
    assert list((tmp_path / "dl").iterdir()) == []


def test_portal_search_algorithm(env, tmp_path):
    import processing

    DataGouvReplay(env, total=4)
    out = tmp_path / "search.csv"
    result = processing.run(
        "terridata:portal_search",
        {
            "PORTAL": "data.gouv.fr",
            "QUERY": "défibrillateurs",
            "TERRITORY_LEVEL": 0,
            "TERRITORY_CODE": "91228",
            "OUTPUT": str(out),
        },
    )
    assert result["DATASET_COUNT"] == 4 and result["RESOURCE_COUNT"] == 4
    text = out.read_text(encoding="utf-8")
    assert "etalab/schema-dae@1.0.0" in text and "Licence Ouverte 2.0" in text


def test_schema_validation_report(env, tmp_path):
    _dg_with_file(env, FR_CSV.encode(), schema={"name": "etalab/schema-dae", "version": "1.0.0"})
    schema = {
        "fields": [
            {"name": "nom", "type": "string"},
            {"name": "code_insee", "type": "string", "constraints": {"required": True, "pattern": "^[0-9]{5}$"}},
        ]
    }
    env.expect_request("/schemas/etalab/schema-dae/1.0.0/schema.json").respond_with_json(schema)
    report = tmp_path / "schema.json"
    _run({"SCHEMA_CHECK": True, "SCHEMA_REPORT": str(report)}, tmp_path)
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["valid"] is True


class _Proxy(threading.Thread):
    """A tiny HTTP forward proxy (absolute-form GET) that logs every request it relays."""

    def __init__(self):
        super().__init__(daemon=True)
        import http.server
        import urllib.request

        log = self.log = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                log.append(self.path)
                req = urllib.request.Request(
                    self.path,
                    headers={k: v for k, v in self.headers.items() if k.lower() not in ("proxy-connection", "host")},
                )
                opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
                try:
                    with opener.open(req) as upstream:
                        body, status, headers = upstream.read(), upstream.status, upstream.headers
                except urllib.error.HTTPError as exc:
                    body, status, headers = exc.read(), exc.code, exc.headers
                self.send_response(status)
                for k, v in headers.items():
                    if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]

    def run(self):
        self.server.serve_forever()


def test_every_portal_request_goes_through_the_proxy(env, tmp_path, monkeypatch):
    from portal_replay import CkanReplay
    from qgis.core import QgsNetworkAccessManager, QgsSettings

    from terridata.providers.portals import client_for
    from terridata.providers.portals.base import SearchQuery

    proxy = _Proxy()
    proxy.start()
    settings = QgsSettings()
    keys = ("proxy/proxyEnabled", "proxy/proxyHost", "proxy/proxyPort", "proxy/proxyType", "proxy/proxyExcludedUrls")
    saved = {k: settings.value(k) for k in keys}
    try:
        settings.setValue("proxy/proxyEnabled", True)
        settings.setValue("proxy/proxyHost", "127.0.0.1")
        settings.setValue("proxy/proxyPort", str(proxy.port))
        settings.setValue("proxy/proxyType", "HttpProxy")
        settings.setValue("proxy/proxyExcludedUrls", "")
        QgsNetworkAccessManager.instance().setupDefaultProxyAndCache()
        replay = OdsReplay(env)
        replay.exports[("dae-1", "csv")] = (b"nom;geo_point_2d\nA;48.1,-1.6\n", "text/csv")
        result, _ = _run({"PORTAL": "Rennes test", "DATASET": "dae-1", "RESOURCE": "export:csv"}, tmp_path)
        assert result["FEATURE_COUNT"] == 1
        _dg_with_file(env, FR_CSV.encode("cp1252"))
        result, _ = _run({}, tmp_path, name="dg.gpkg")
        assert result["FEATURE_COUNT"] == 2
        ckan = CkanReplay(env, total=3)
        monkeypatch.setenv(
            "TERRIDATA_PORTALS", json.dumps([{"name": "CKAN test", "kind": "ckan", "url": env.url_for("/ckan")}])
        )
        assert len(list(client_for("CKAN test").search(SearchQuery(text="pistes")))) == 3 and ckan.requests
    finally:
        for k, v in saved.items():
            if v is None:
                settings.remove(k)
            else:
                settings.setValue(k, v)
        QgsNetworkAccessManager.instance().setupDefaultProxyAndCache()
        proxy.server.shutdown()
    served = [request.path for request, _ in env.log]
    # the requests the proxy forwarded to the replay server (QGIS may send others of its own through the proxy)
    proxied = [p.split("?", 1)[0].split(f":{env.port}", 1)[1] for p in proxy.log if f":{env.port}/" in p]
    assert len(served) == 5 and sorted(proxied) == sorted(served)
    assert {"ods", "api", "files", "ckan"} <= {p.split("/")[1] for p in served}


def test_qgis_process_runs_both(env, tmp_path, qgis_process_profile):
    from qgis_process_helper import run_qgis_process

    _dg_with_file(env, FR_CSV.encode("cp1252"))
    envs = {
        "TERRIDATA_DATAGOUV_URL": env.url_for("/api/1"),
        "TERRIDATA_RATE_DATAGOUV": "1000/1",
        "TERRIDATA_RATE_DEFAULT": "1000/1",
        "TERRIDATA_CACHE_ENABLED": "false",
    }
    out = tmp_path / "qp.gpkg"
    result = run_qgis_process(
        "terridata:portal_load", {"PORTAL": "data.gouv.fr", "DATASET": "ds1", "OUTPUT": str(out)}, env=envs
    )
    assert result["results"]["FEATURE_COUNT"] == 2
    assert len(_features(out)) == 2
    search = run_qgis_process(
        "terridata:portal_search",
        {"PORTAL": "data.gouv.fr", "QUERY": "déf", "OUTPUT": str(tmp_path / "s.csv")},
        env=envs,
    )
    assert search["results"]["DATASET_COUNT"] == 1


def test_converted_geojson_preferred_and_csv_output(env, tmp_path):
    replay = _dg_with_file(
        env, b"never downloaded", extras={"analysis:parsing:geojson_url": env.url_for("/files/converted.geojson")}
    )
    env.expect_request("/files/converted.geojson").respond_with_data(GEOJSON, content_type="application/geo+json")
    result, out = _run({}, tmp_path, name="out.csv")
    assert result["FEATURE_COUNT"] == 1
    assert "é" in out.read_text(encoding="utf-8")
    served = [p for p, _ in replay.requests]
    assert "/files/dae.csv" not in served  # the original CSV was not fetched


def test_ods_geojson_export_temporary_output(env, tmp_path):
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    import processing

    replay = OdsReplay(env)
    replay.exports[("dae-1", "geojson")] = (GEOJSON.encode(), "application/geo+json")
    context = QgsProcessingContext()
    result = processing.run(
        "terridata:portal_load",
        {"PORTAL": "Rennes test", "DATASET": "dae-1", "RESOURCE": "export:geojson", "OUTPUT": "TEMPORARY_OUTPUT"},
        context=context,
        feedback=QgsProcessingFeedback(),
    )
    layer = context.getMapLayer(result["OUTPUT"]) if isinstance(result["OUTPUT"], str) else result["OUTPUT"]
    assert layer.featureCount() == 1 and layer.dataProvider().name() == "memory"


def test_ckan_datastore_filters_follow_the_echoed_limit(env, tmp_path, monkeypatch):
    from portal_replay import CkanReplay

    monkeypatch.setenv(
        "TERRIDATA_PORTALS", json.dumps([{"name": "CKAN test", "kind": "ckan", "url": env.url_for("/ckan")}])
    )
    replay = CkanReplay(env, total=1)
    replay.datastore["res-0-a"] = [
        {"nom": f"piste {i}", "commune": "91228" if i % 3 == 0 else "91174", "lat": "48.62", "lon": "2.44"}
        for i in range(1000)
    ]
    result, out = _run(
        {"PORTAL": "CKAN test", "DATASET": "pistes-cyclables-0", "RESOURCE": "res-0-a", "FILTERS": "commune=91228"},
        tmp_path,
    )
    assert result["FEATURE_COUNT"] == 334  # i % 3 == 0 for i < 1000
    calls = [a for p, a in replay.requests if p.endswith("datastore_search")]
    assert [c["offset"] for c in calls] == [["0"], ["100"], ["200"], ["300"]]  # the server capped 32000 to 100
    assert json.loads(calls[0]["filters"][0]) == {"commune": "91228"}


def test_code_join_repairs_lost_zeros_and_recodes_former_communes(env, tmp_path):
    from osgeo import ogr
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    boundaries = QgsVectorLayer("Polygon?crs=EPSG:2154&field=code:string", "b", "memory")
    squares = {"01001": (850000, 6560000), "91228": (660000, 6840000)}
    for code, (x, y) in squares.items():
        feature = QgsFeature(boundaries.fields())
        feature.setAttributes([code])
        feature.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({x} {y},{x + 1000} {y},{x + 1000} {y + 1000},{x} {y}))"))
        boundaries.dataProvider().addFeature(feature)
    # 1001 lost its leading zero; 91182 (Courcouronnes) merged into 91228 (Évry-Courcouronnes) in 2019
    _dg_with_file(env, b"code;valeur\n1001;1\n91182;2\n99999;3\n91228;4\n")
    result, out = _run(
        {"GEOMETRY": 3, "CODE_FIELD": "code", "BOUNDARIES": boundaries, "BOUNDARY_CODE": "code"}, tmp_path
    )
    assert result["FEATURE_COUNT"] == 4 and result["UNJOINED_ROWS"] == 1 and result["UNJOINED_CODES"] == "99999"
    ds = ogr.Open(str(out))
    layer = ds.GetLayer(0)
    got = {}
    for feature in layer:
        geom = feature.GetGeometryRef()
        got[feature.GetField("valeur")] = None if geom is None or geom.IsEmpty() else geom.Centroid().GetX()
    assert got == {1: 850000 + 2000 / 3, 2: 660000 + 2000 / 3, 3: None, 4: 660000 + 2000 / 3}


def test_schema_validation_reports_errors(env, tmp_path):
    csv = "nom;latitude;longitude;code_insee\nA;48,6;2,4;91228\nB;48,7;2,3;9122\n"
    _dg_with_file(env, csv.encode(), schema={"name": "etalab/schema-dae", "version": "1.0.0"})
    schema = {"fields": [{"name": "code_insee", "type": "string", "constraints": {"pattern": "^[0-9]{5}$"}}]}
    env.expect_request("/schemas/etalab/schema-dae/1.0.0/schema.json").respond_with_json(schema)
    report = tmp_path / "schema.json"
    _run({"SCHEMA_CHECK": True, "SCHEMA_REPORT": str(report)}, tmp_path)
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["valid"] is False
    constraint_errors = [e for e in data["errors"] if e.get("type") == "constraint-error"]
    assert len(constraint_errors) == 1 and "9122" in json.dumps(constraint_errors[0], ensure_ascii=False)


def test_portal_search_on_ods_logs_facets(env, tmp_path):
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    import processing

    OdsReplay(env, total=3)
    infos = []

    class Feedback(QgsProcessingFeedback):
        def pushInfo(self, text):  # noqa: N802
            infos.append(text)

    result = processing.run(
        "terridata:portal_search",
        {"PORTAL": "Rennes test", "QUERY": "dae", "OUTPUT": str(tmp_path / "s.csv")},
        context=QgsProcessingContext(),
        feedback=Feedback(),
    )
    assert result["DATASET_COUNT"] == 3 and result["RESOURCE_COUNT"] == 12  # 4 exports per geographic dataset
    assert "Facet publisher: Ville de Rennes (12)" in infos
