"""``terridata:ign_download`` against a local server replaying the Géoplateforme's WFS 2.0 answers (hits in XML,
pages of GeoJSON), then against a real MapServer 8 WFS 2.0 on 127.0.0.1."""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

import pytest
from osgeo import ogr
from qgis.core import QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer, QgsWkbTypes
from werkzeug.wrappers import Response

pytest_plugins = ["mapserver_wfs"]

HITS = """<?xml version="1.0" encoding="UTF-8"?>
<wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs/2.0" xmlns:gml="http://www.opengis.net/gml/3.2"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" numberMatched="{n}" numberReturned="0"
 timeStamp="2026-11-21T10:00:00.000Z"/>"""

EXCEPTION = """<?xml version="1.0" encoding="UTF-8"?>
<ows:ExceptionReport xmlns:ows="http://www.opengis.net/ows/1.1" version="2.0.0">
  <ows:Exception exceptionCode="InvalidParameterValue" locator="typeName">
    <ows:ExceptionText>Feature type BDTOPO_V3:nope unknown</ows:ExceptionText>
  </ows:Exception>
</ows:ExceptionReport>"""


def load_communes(shared_data: Path, dep: str) -> list:
    (path,) = sorted((shared_data / "communes-2018").glob(f"communes-{dep}-*.geojson.gz"))
    return json.loads(gzip.decompress(path.read_bytes()))["features"]


class ReplayWfs:
    """Answers like the Géoplateforme's GeoServer: hits -> numberMatched XML; pages -> GeoJSON FeatureCollection
    with numberMatched/numberReturned, honouring STARTINDEX/COUNT. ``overrides`` maps a request number (1-based,
    counted on GetFeature pages) to a raw ``(status, body, headers)`` answer."""

    def __init__(self, features: list, territory: dict | None = None):
        self.features = features
        self.territory = territory
        self.requests = []
        self.overrides = {}
        self.page_calls = 0
        self.hits_override = None

    def __call__(self, request):
        args = {k.upper(): v for k, v in request.args.items()}
        self.requests.append(args)
        if args.get("REQUEST") != "GetFeature":
            return Response("unexpected", status=400)
        if "FILTER" in args:
            assert self.territory is not None
            features = self.territory["features"]
            if args.get("RESULTTYPE") == "hits":
                return Response(HITS.format(n=len(features)), content_type="text/xml; subtype=gml/3.2")
            start, count = int(args.get("STARTINDEX", 0)), int(args.get("COUNT", 5000))
            page = dict(self.territory, features=features[start : start + count])
            return Response(json.dumps(page), content_type="application/json")
        if args.get("RESULTTYPE") == "hits":
            if self.hits_override:
                return Response(self.hits_override, content_type="text/xml")
            return Response(HITS.format(n=len(self.features)), content_type="text/xml; subtype=gml/3.2")
        self.page_calls += 1
        if self.page_calls in self.overrides:
            status, body, headers = self.overrides.pop(self.page_calls)
            self.page_calls -= 1 if status == 429 else 0
            return Response(body, status=status, headers=headers)
        start, count = int(args.get("STARTINDEX", 0)), int(args.get("COUNT", 5000))
        page = self.features[start : start + count]
        body = {
            "type": "FeatureCollection",
            "features": page,
            "totalFeatures": len(self.features),
            "numberMatched": len(self.features),
            "numberReturned": len(page),
            "timeStamp": "2026-11-21T10:00:00.000Z",
            "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4326"}},
        }
        return Response(json.dumps(body), content_type="application/json;charset=UTF-8")


@pytest.fixture()
def wfs_server(httpserver, monkeypatch):
    monkeypatch.setenv("TERRIDATA_IGN_WFS_URL", httpserver.url_for("/wfs/ows"))
    monkeypatch.setenv("TERRIDATA_RATE_IGN_WFS", "1000/1")
    monkeypatch.setenv("TERRIDATA_BACKOFF_BASE_S", "0.01")
    monkeypatch.setenv("TERRIDATA_CACHE_ENABLED", "false")
    return httpserver


def serve(httpserver, replay: ReplayWfs) -> ReplayWfs:
    httpserver.expect_request("/wfs/ows").respond_with_handler(replay)
    return replay


def run(params: dict, feedback=None) -> dict:
    import processing

    return processing.run("terridata:ign_download", params, feedback=feedback)


def gpkg_rows(path, layer_name=None):
    ds = ogr.Open(str(path))
    layer = ds.GetLayerByName(layer_name) if layer_name else ds.GetLayer(0)
    rows = [(f.GetField("code") if layer.GetLayerDefn().GetFieldIndex("code") >= 0 else None) for f in layer]
    srs = layer.GetSpatialRef()
    auth = srs.GetAuthorityCode(None) if srs else None
    extent = layer.GetExtent()
    return rows, auth, extent


@pytest.fixture()
def communes44(shared_data):
    return load_communes(shared_data, "44")[:23]


def test_pages_until_number_matched_with_last_partial_page(
    qgis_processing, terridata_provider, wfs_server, communes44, tmp_path
):
    replay = serve(wfs_server, ReplayWfs(communes44))
    out = tmp_path / "communes.gpkg"
    result = run(
        {"LAYER": 0, "PAGE_SIZE": 10, "OUTPUT": str(out)}  # ADMIN EXPRESS communes
    )
    assert result["FEATURE_COUNT"] == 23 and result["NUMBER_MATCHED"] == 23 and result["PAGES"] == 3
    pages = [r for r in replay.requests if r.get("RESULTTYPE") != "hits"]
    assert replay.requests[0]["RESULTTYPE"] == "hits"
    assert [(p["STARTINDEX"], p["COUNT"]) for p in pages] == [("0", "10"), ("10", "10"), ("20", "10")]
    assert all(p["TYPENAMES"] == "ADMINEXPRESS-COG-CARTO.LATEST:commune" for p in pages)
    codes, auth, _ = gpkg_rows(out, "commune")
    assert sorted(codes) == sorted(f["properties"]["code"] for f in communes44)
    assert auth == "2154"


def test_empty_result_gives_an_empty_layer(qgis_processing, terridata_provider, wfs_server, tmp_path):
    replay = serve(wfs_server, ReplayWfs([]))
    out = tmp_path / "empty.gpkg"
    result = run({"LAYER": 4, "OUTPUT": str(out)})
    assert result["FEATURE_COUNT"] == 0 and result["NUMBER_MATCHED"] == 0
    assert len(replay.requests) == 1  # hits only: no page asked when the server has nothing
    ds = ogr.Open(str(out))
    assert ds.GetLayerCount() == 1 and ds.GetLayer(0).GetFeatureCount() == 0


def test_output_crs_and_attribution_metadata(qgis_processing, terridata_provider, wfs_server, communes44, tmp_path):
    serve(wfs_server, ReplayWfs(communes44))
    out = tmp_path / "webmerc.gpkg"
    run({"LAYER": 0, "CRS": "EPSG:3857", "OUTPUT": str(out)})
    codes, auth, extent = gpkg_rows(out)
    assert auth == "3857" and len(codes) == 23
    # Loire-Atlantique in Web Mercator: x around -170,000 (1.5° W), y around 5.95 million (47.2° N)
    assert -300_000 < extent[0] < extent[1] < 0 and 5_800_000 < extent[2] < extent[3] < 6_100_000
    layer = QgsVectorLayer(f"{out}|layername=commune", "c", "ogr")
    md = layer.metadata()
    assert md.rights()[0] == "© IGN – Géoplateforme"
    assert md.licenses()[0].startswith("Licence Ouverte")
    assert md.title() == "Municipalities (ADMIN EXPRESS)"
    from terridata.providers.layer_metadata import ATTRIBUTION_PROPERTY, restore_attribution_property

    assert restore_attribution_property(layer) == "© IGN – Géoplateforme"
    assert layer.customProperty(ATTRIBUTION_PROPERTY) == "© IGN – Géoplateforme"


def test_429_is_retried_and_the_download_completes(
    qgis_processing, terridata_provider, wfs_server, communes44, tmp_path
):
    replay = ReplayWfs(communes44)
    replay.overrides[2] = (429, "Too Many Requests", {"Retry-After": "0"})
    serve(wfs_server, replay)
    out = tmp_path / "retry.gpkg"
    result = run({"LAYER": 0, "PAGE_SIZE": 10, "OUTPUT": str(out)})
    assert result["FEATURE_COUNT"] == 23
    starts = [r["STARTINDEX"] for r in replay.requests if r.get("RESULTTYPE") != "hits"]
    assert starts == ["0", "10", "10", "20"]  # the refused page asked again, nothing skipped


def test_requests_respect_the_rate_limit(
    qgis_processing, terridata_provider, wfs_server, communes44, tmp_path, monkeypatch
):
    """No request reaches the server before the slot the limiter booked for it, and the limiter never books more
    than 5 slots in one second. Robust on a busy machine: each server-side time is compared with the booked slot of
    the request five before (a lower bound of it), so delays in the client or the server only make the margin larger;
    a limiter that lets requests through early or books too many slots still fails."""
    from terridata.toolbelt.rate_limiter import LIMITER

    monkeypatch.setenv("TERRIDATA_RATE_IGN_WFS", "5/1")  # 30/1 on the Géoplateforme; 5/1 keeps the test short
    booked = []  # a lower bound of each booked start time (clock read before the limiter reads it)
    reserve = LIMITER.reserve

    def recording_reserve(key, max_requests, period_s):
        before = time.monotonic()
        delay = reserve(key, max_requests, period_s)
        if key.startswith("ign_wfs"):
            booked.append(before + delay)
        return delay

    monkeypatch.setattr(LIMITER, "reserve", recording_reserve)
    received = []
    replay = ReplayWfs(communes44[:12])

    def timed(request):
        received.append(time.monotonic())
        return replay(request)

    wfs_server.expect_request("/wfs/ows").respond_with_handler(timed)
    result = run({"LAYER": 0, "PAGE_SIZE": 1, "OUTPUT": str(tmp_path / "slow.gpkg")})
    assert result["FEATURE_COUNT"] == 12 and len(received) == 13 and len(booked) == 13
    for k in range(len(received)):
        assert received[k] >= booked[k], (k, booked[k] - received[k])  # never before its slot
    for k in range(len(received) - 5):  # never 6 requests within one second
        assert received[k + 5] >= booked[k] + 1.0, (k, received[k + 5] - booked[k])
    assert booked[-1] - booked[0] >= 2.0  # 13 requests at 5/s: the schedule spans at least two seconds


def test_number_matched_is_a_hint(qgis_processing, terridata_provider, wfs_server, communes44, tmp_path):
    """A server announcing more than it has (1,450 announced, 1,442 sent): the download completes, once each, with a
    warning; the next page is asked once and brings nothing."""
    replay = ReplayWfs(communes44)
    replay.hits_override = HITS.format(n=len(communes44) + 8)
    serve(wfs_server, replay)
    out = tmp_path / "hint.gpkg"
    feedback = LoggingFeedback()
    result = run({"LAYER": 0, "PAGE_SIZE": 10, "OUTPUT": str(out)}, feedback=feedback)
    assert result["FEATURE_COUNT"] == 23 and result["NUMBER_MATCHED"] == 31 and result["DUPLICATES"] == 0
    starts = [r["STARTINDEX"] for r in replay.requests if r.get("RESULTTYPE") != "hits"]
    assert list(dict.fromkeys(starts)) == ["0", "10", "20", "23"]  # the next page asked once it was short
    codes, _, _ = gpkg_rows(out)
    assert sorted(codes) == sorted(f["properties"]["code"] for f in communes44)
    assert "announced 31 features (numberMatched) but sent 23 distinct ones" in feedback.text


def test_pages_that_overlap_are_written_once(qgis_processing, terridata_provider, wfs_server, communes44, tmp_path):
    """A server whose pages overlap (each repeats the last two features of the page before): before the fix only
    the first feature of a page was compared, and the repeats were written twice."""

    class Overlapping(ReplayWfs):
        def __call__(self, request):
            args = {k.upper(): v for k, v in request.args.items()}
            if args.get("RESULTTYPE") == "hits" or "STARTINDEX" not in args:
                return super().__call__(request)
            self.requests.append(args)
            start, count = int(args["STARTINDEX"]), int(args["COUNT"])
            first = max(0, start - 2)  # STARTINDEX off by two: each page repeats the last two of the one before
            page = self.features[first : first + count]
            return Response(
                json.dumps({"type": "FeatureCollection", "features": page}), content_type="application/json"
            )

    replay = serve(wfs_server, Overlapping(communes44))
    out = tmp_path / "overlap.gpkg"
    result = run({"LAYER": 0, "PAGE_SIZE": 10, "OUTPUT": str(out)})
    codes, _, _ = gpkg_rows(out)
    assert sorted(codes) == sorted(f["properties"]["code"] for f in communes44)
    starts = [r["STARTINDEX"] for r in replay.requests if "STARTINDEX" in r]
    assert list(dict.fromkeys(starts)) == ["0", "10", "20"]  # (a transport-level retry on a busy machine repeats one)
    assert result["FEATURE_COUNT"] == 23 and result["DUPLICATES"] == 2  # page 2 (8-17) repeats 8 and 9


def test_mixed_polygons_and_multipolygons_make_a_multipolygon_layer(
    qgis_processing, terridata_provider, wfs_server, shared_data, tmp_path
):
    communes = load_communes(shared_data, "44")
    kinds = [f["geometry"]["type"] for f in communes]
    assert kinds.count("MultiPolygon") == 1 and kinds.count("Polygon") > 200  # one page mixes them: GDAL says GEOMETRY
    serve(wfs_server, ReplayWfs(communes))
    out = tmp_path / "mixed.gpkg"
    result = run({"LAYER": 0, "OUTPUT": str(out)})
    assert result["FEATURE_COUNT"] == len(communes) and result["PAGES"] == 1
    ds = ogr.Open(str(out))
    layer = ds.GetLayer(0)
    assert layer.GetGeomType() == ogr.wkbMultiPolygon
    assert {f.GetGeometryRef().GetGeometryType() for f in layer} == {ogr.wkbMultiPolygon}
    ds = None
    qgs = QgsVectorLayer(f"{out}|layername=commune", "mixed", "ogr")
    assert QgsWkbTypes.displayString(qgs.wkbType()) == "MultiPolygon"


class LoggingFeedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.lines = []

    def pushInfo(self, info):  # noqa: N802
        self.lines.append(info)
        super().pushInfo(info)

    def pushWarning(self, warning):  # noqa: N802
        self.lines.append(warning)
        super().pushWarning(warning)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


class CancelAfterFirstPage(QgsProcessingFeedback):
    def setProgress(self, progress):  # noqa: N802
        super().setProgress(progress)
        if progress > 0:
            self.cancel()


def test_cancel_between_pages_writes_nothing(qgis_processing, terridata_provider, wfs_server, communes44, tmp_path):
    replay = serve(wfs_server, ReplayWfs(communes44))
    out = tmp_path / "cancelled.gpkg"
    with pytest.raises(QgsProcessingException, match="cancelled"):
        run({"LAYER": 0, "PAGE_SIZE": 10, "OUTPUT": str(out)}, feedback=CancelAfterFirstPage())
    assert replay.page_calls == 1
    assert not out.exists() and not list(tmp_path.glob("*.gpkg"))


def test_malformed_geojson_is_reported_with_the_page(
    qgis_processing, terridata_provider, wfs_server, communes44, tmp_path
):
    replay = ReplayWfs(communes44)
    replay.overrides[2] = (200, '{"type": "FeatureCollection", "features": [{"type": "Feat', {})
    serve(wfs_server, replay)
    out = tmp_path / "bad.gpkg"
    with pytest.raises(QgsProcessingException, match=r"malformed GeoJSON for page 2 .*STARTINDEX=10"):
        run({"LAYER": 0, "PAGE_SIZE": 10, "OUTPUT": str(out)})
    assert not out.exists()


def test_wfs_exception_report_is_reported(qgis_processing, terridata_provider, wfs_server, tmp_path):
    replay = ReplayWfs([])
    replay.hits_override = EXCEPTION
    serve(wfs_server, replay)
    with pytest.raises(QgsProcessingException, match="InvalidParameterValue.*BDTOPO_V3:nope unknown"):
        run({"TYPENAME": "BDTOPO_V3:nope", "OUTPUT": str(tmp_path / "x.gpkg")})


def test_hits_that_are_not_xml_are_reported(qgis_processing, terridata_provider, wfs_server, tmp_path):
    replay = ReplayWfs([])
    replay.hits_override = "<html><body>Maintenance"
    serve(wfs_server, replay)
    with pytest.raises(QgsProcessingException, match="not valid XML"):
        run({"LAYER": 0, "OUTPUT": str(tmp_path / "x.gpkg")})


def test_territory_code_filter(qgis_processing, terridata_provider, wfs_server, shared_data, tmp_path):
    communes = load_communes(shared_data, "44")
    nantes = next(f for f in communes if f["properties"]["code"] == "44109")
    territory = {"type": "FeatureCollection", "numberMatched": 1, "features": [nantes]}
    # candidates from the BBOX: Nantes and every commune of the département (most are outside Nantes)
    replay = serve(wfs_server, ReplayWfs(communes, territory=territory))
    out = tmp_path / "in_nantes.gpkg"
    result = run({"LAYER": 0, "TERRITORY_LEVEL": 0, "TERRITORY_CODE": "44109", "OUTPUT": str(out)})
    lookup = next(r for r in replay.requests if "FILTER" in r and r.get("RESULTTYPE") != "hits")
    assert lookup["TYPENAMES"] == "ADMINEXPRESS-COG-CARTO.LATEST:commune"
    assert "<fes:PropertyIsEqualTo><fes:ValueReference>code_insee</fes:ValueReference>" in lookup["FILTER"]
    assert "<fes:Literal>44109</fes:Literal>" in lookup["FILTER"]
    hits = next(r for r in replay.requests if r.get("RESULTTYPE") == "hits" and "BBOX" in r)
    lat_min, lon_min, lat_max, lon_max, crs = hits["BBOX"].split(",")
    assert crs == "urn:ogc:def:crs:EPSG::4326" and 47.1 < float(lat_min) < float(lat_max) < 47.35
    codes, _, _ = gpkg_rows(out)
    assert codes == ["44109"]  # neighbours touching Nantes are not inside it
    assert result["FEATURE_COUNT"] == 1


def test_unknown_territory_code_is_reported(qgis_processing, terridata_provider, wfs_server, tmp_path):
    serve(wfs_server, ReplayWfs([], territory={"type": "FeatureCollection", "features": []}))
    with pytest.raises(QgsProcessingException, match="No territory with code_insee = '99999'"):
        run({"LAYER": 0, "TERRITORY_CODE": "99999", "OUTPUT": str(tmp_path / "x.gpkg")})


def test_invalid_parameters_are_refused(qgis_processing, terridata_provider, tmp_path):
    with pytest.raises(QgsProcessingException, match="only one of them"):
        run({"LAYER": 0, "EXTENT": "0,1,45,46 [EPSG:4326]", "TERRITORY_CODE": "44", "OUTPUT": str(tmp_path / "x.gpkg")})
    with pytest.raises(QgsProcessingException, match="GeoPackage"):
        run({"LAYER": 0, "OUTPUT": str(tmp_path / "x.shp")})


# ------------------------------------------------------------------------------------------ real MapServer WFS


def test_real_wfs_download_pages_and_matches_the_server(
    qgis_processing, terridata_provider, mapserver, tmp_path, monkeypatch
):
    monkeypatch.setenv("TERRIDATA_RATE_IGN_WFS", "1000/1")
    assert len(mapserver.codes) > 5000
    out = tmp_path / "north.gpkg"
    before = len(mapserver.log)
    result = run({"TYPENAME": "commune", "SERVICE_URL": mapserver.url, "PAGE_SIZE": 1000, "OUTPUT": str(out)})
    assert result["NUMBER_MATCHED"] == len(mapserver.codes)
    assert result["FEATURE_COUNT"] == len(mapserver.codes)
    assert result["PAGES"] == -(-len(mapserver.codes) // 1000)
    assert len(mapserver.log) - before == 1 + result["PAGES"]
    ds = ogr.Open(str(out))
    layer = ds.GetLayer(0)
    codes = [f.GetField("code_insee") for f in layer]
    assert len(codes) == len(set(codes)) == len(mapserver.codes)
    assert set(codes) == set(mapserver.codes)
    assert layer.GetSpatialRef().GetAuthorityCode(None) == "2154"


def test_real_wfs_territory_departement(qgis_processing, terridata_provider, mapserver, tmp_path, monkeypatch):
    monkeypatch.setenv("TERRIDATA_RATE_IGN_WFS", "1000/1")
    out = tmp_path / "somme.gpkg"
    result = run(
        {
            "TYPENAME": "commune",
            "SERVICE_URL": mapserver.url,
            "TERRITORY_LEVEL": 2,
            "TERRITORY_CODE": "80",
            "TERRITORY_TYPENAME": "departement",
            "PAGE_SIZE": 1000,
            "OUTPUT": str(out),
        }
    )
    expected = {c for c, d in mapserver.codes.items() if d == "80"}
    ds = ogr.Open(str(out))
    codes = {f.GetField("code_insee") for f in ds.GetLayer(0)}
    assert codes == expected and result["FEATURE_COUNT"] == len(expected)


def test_real_wfs_lambert93_bbox_pages_overlap_and_each_commune_is_written_once(
    qgis_processing, terridata_provider, mapserver, tmp_path, monkeypatch
):
    """MapServer pages a lon/lat BBOX on a Lambert-93 layer over the candidates of the reprojected box and filters
    them afterwards: pages are short in the middle of the result and a commune can come in two pages."""
    from terridata.providers.ign.wfs import bbox_param

    monkeypatch.setenv("TERRIDATA_RATE_IGN_WFS", "1000/1")
    xmin, ymin, xmax, ymax = mapserver.envelope("departement", "02")
    # What the server itself selects, in one unpaged request (no TerriData code involved)
    expected = mapserver.codes_in_one_request("commune_l93", BBOX=bbox_param(xmin, ymin, xmax, ymax))
    assert len(expected) == len(set(expected)) > 1000
    out = tmp_path / "aisne_box.gpkg"
    feedback = LoggingFeedback()
    result = run(
        {
            "TYPENAME": "commune_l93",
            "SERVICE_URL": mapserver.url,
            "EXTENT": f"{float(xmin)!r},{float(xmax)!r},{float(ymin)!r},{float(ymax)!r} [EPSG:4326]",
            "PAGE_SIZE": 200,
            "OUTPUT": str(out),
        },
        feedback=feedback,
    )
    ds = ogr.Open(str(out))
    codes = [f.GetField("code_insee") for f in ds.GetLayer(0)]
    assert sorted(codes) == sorted(expected)  # all of them, each once
    assert result["FEATURE_COUNT"] == len(expected)
    assert result["DUPLICATES"] > 0  # the server did send some communes twice: they were dropped, and said
    assert f"The server sent {result['DUPLICATES']} features twice" in feedback.text


def test_real_wfs_territory_of_more_than_100_features_is_paged(
    qgis_processing, terridata_provider, mapserver, tmp_path, monkeypatch
):
    """A territory given by the communes of a département (779 features) is looked up in pages, not cut at 100."""
    monkeypatch.setenv("TERRIDATA_RATE_IGN_WFS", "1000/1")
    expected = {c for c, d in mapserver.codes.items() if d == "80"}
    assert len(expected) > 300
    out = tmp_path / "somme_by_communes.gpkg"
    before = len(mapserver.log)
    result = run(
        {
            "TYPENAME": "commune_l93",
            "SERVICE_URL": mapserver.url,
            "TERRITORY_LEVEL": 2,
            "TERRITORY_CODE": "80",
            "TERRITORY_TYPENAME": "commune",
            "TERRITORY_FIELD": "code_insee_du_departement",
            "PAGE_SIZE": 300,
            "OUTPUT": str(out),
        }
    )
    lookups = [r["path"] for r in mapserver.log[before:] if "FILTER=" in r["path"] and "hits" not in r["path"]]
    assert len(lookups) >= 3  # 779 features in pages of 300
    ds = ogr.Open(str(out))
    codes = [f.GetField("code_insee") for f in ds.GetLayer(0)]
    assert len(codes) == len(set(codes)) and set(codes) == expected
    assert result["FEATURE_COUNT"] == len(expected)


def test_qgis_process_command_line(qgis_process_profile, mapserver, tmp_path):
    from qgis_process_helper import run_qgis_process

    out = tmp_path / "cli.gpkg"
    result = run_qgis_process(
        "terridata:ign_download",
        {
            "TYPENAME": "commune",
            "SERVICE_URL": mapserver.url,
            "TERRITORY_LEVEL": 0,
            "TERRITORY_CODE": "80021",
            "TERRITORY_TYPENAME": "commune",
            "CRS": "EPSG:2154",
            "OUTPUT": str(out),
        },
        env={"TERRIDATA_RATE_IGN_WFS": "1000/1"},
    )
    assert result["results"]["FEATURE_COUNT"] == 1
    ds = ogr.Open(str(out))
    assert [f.GetField("nom_officiel") for f in ds.GetLayer(0)] == ["Amiens"]


def test_result_loads_styled_with_attribution(
    qgis_processing, qgis_iface, terridata_provider, wfs_server, communes44, qgis_new_project
):
    from qgis.core import QgsProject

    import processing

    serve(wfs_server, ReplayWfs(communes44))
    result = processing.runAndLoadResults("terridata:ign_download", {"LAYER": 0, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert result["OUTPUT"].endswith(".gpkg") and result["FEATURE_COUNT"] == 23
    (layer,) = QgsProject.instance().mapLayersByName("Municipalities (ADMIN EXPRESS)")
    assert layer.featureCount() == 23
    symbol = layer.renderer().symbol()
    assert symbol.symbolLayer(0).layerType() == "SimpleFill"
    assert symbol.symbolLayer(0).brushStyle() == 0  # Qt.NoBrush: boundaries drawn as outlines (ign_admin.qml)
    assert symbol.symbolLayer(0).strokeColor().name() == "#3c3c3c"
    assert layer.customProperty("terridata/attribution") == "© IGN – Géoplateforme"
    assert layer.metadata().licenses()[0].startswith("Licence Ouverte")
