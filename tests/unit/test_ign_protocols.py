"""WFS 2.0 protocol helpers and the GeoPackage writer (providers/ign/wfs.py), geocoding formats
(providers/ign/geocoding.py): no QGIS application."""

from __future__ import annotations

import json
import math
from xml.etree import ElementTree

import pytest
from osgeo import ogr

from terridata.providers.ign import geocoding, wfs


def test_fes_filter_is_valid_fes_2():
    xml = wfs.fes_equals_filter("code_insee", "2A004")
    root = ElementTree.fromstring(xml)
    ns = "{http://www.opengis.net/fes/2.0}"
    assert root.tag == f"{ns}Filter"
    assert root.find(f"{ns}PropertyIsEqualTo/{ns}ValueReference").text == "code_insee"
    assert root.find(f"{ns}PropertyIsEqualTo/{ns}Literal").text == "2A004"
    assert "<fes:Literal>a&amp;b&lt;</fes:Literal>" in wfs.fes_equals_filter("x", "a&b<")
    with pytest.raises(ValueError):
        wfs.fes_equals_filter("code'); drop", "1")


def test_getfeature_params():
    p = wfs.getfeature_params("BDTOPO_V3:batiment", count=5000, startindex=10000, bbox=(-1.6, 47.1, -1.4, 47.3))
    assert p["TYPENAMES"] == "BDTOPO_V3:batiment" and p["COUNT"] == "5000" and p["STARTINDEX"] == "10000"
    assert p["OUTPUTFORMAT"] == "application/json" and p["VERSION"] == "2.0.0"
    assert p["BBOX"] == "47.1,-1.6,47.3,-1.4,urn:ogc:def:crs:EPSG::4326"  # latitude first for the EPSG urn
    hits = wfs.getfeature_params("x:y", hits=True)
    assert hits["RESULTTYPE"] == "hits" and "OUTPUTFORMAT" not in hits
    with pytest.raises(ValueError):
        wfs.getfeature_params("x:y", bbox=(0, 0, 1, 1), fes_filter="<f/>")


def test_number_matched():
    hits = (
        b'<wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs/2.0" numberMatched="35357" numberReturned="0"/>'
    )
    assert wfs.parse_number_matched(hits) == 35357
    assert wfs.parse_number_matched(hits.replace(b"35357", b"unknown")) is None
    with pytest.raises(wfs.WfsError, match="not valid XML"):
        wfs.parse_number_matched(b"<html>", "a:b")
    with pytest.raises(wfs.WfsError, match="no numberMatched"):
        wfs.parse_number_matched(b"<root/>", "a:b")
    report = (
        b'<ows:ExceptionReport xmlns:ows="http://www.opengis.net/ows/1.1">'
        b'<ows:Exception exceptionCode="OperationProcessingFailed">'
        b"<ows:ExceptionText>Too many layers</ows:ExceptionText></ows:Exception></ows:ExceptionReport>"
    )
    with pytest.raises(wfs.WfsError, match="OperationProcessingFailed Too many layers"):
        wfs.parse_number_matched(report, "a:b")


def page(features):
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


def square(x, y, size=0.01, **props):
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return {"type": "Feature", "properties": props, "geometry": {"type": "Polygon", "coordinates": [ring]}}


def test_gpkg_writer_reprojects_promotes_to_multi_and_masks(tmp_path):
    mask = ogr.CreateGeometryFromWkt("POLYGON((-1.6 47.2,-1.5 47.2,-1.5 47.3,-1.6 47.3,-1.6 47.2))")
    path = tmp_path / "out.gpkg"
    writer = wfs.GpkgWriter(str(path), "batiment", crs="EPSG:2154", mask=mask)
    inside = square(-1.55, 47.25, code="in", hauteur=12.5)
    straddling = square(-1.505, 47.25, size=0.002, code="edge")  # more than half inside: its surface point too
    outside = square(-1.45, 47.25, code="out")
    assert writer.add_page(page([inside, outside]), "page 1") == 2
    assert writer.add_page(page([straddling]), "page 2") == 1
    writer.close()
    assert (writer.count, writer.skipped) == (2, 1)
    ds = ogr.Open(str(path))
    layer = ds.GetLayer(0)
    assert layer.GetName() == "batiment" and layer.GetGeomType() == ogr.wkbMultiPolygon
    assert layer.GetSpatialRef().GetAuthorityCode(None) == "2154"
    feats = {f.GetField("code"): f for f in layer}
    assert set(feats) == {"in", "edge"} and feats["in"].GetField("hauteur") == 12.5
    x, y = feats["in"].GetGeometryRef().Centroid().GetPoint_2D()
    assert 350_000 < x < 360_000 and 6_680_000 < y < 6_700_000  # Nantes in Lambert-93


def test_gpkg_writer_rejects_malformed_geojson(tmp_path):
    writer = wfs.GpkgWriter(str(tmp_path / "x.gpkg"), "x")
    with pytest.raises(wfs.WfsError, match="malformed GeoJSON for page 3"):
        writer.add_page(b'{"type": "FeatureCollection", "features": [', "page 3")


class FakeResponse:
    def __init__(self, content):
        self.content = content


class FakeNetwork:
    """Serves ``n`` features by STARTINDEX/COUNT; records the parameters."""

    def __init__(self, n, cap=None):
        self.features = [square(-1.6 + i * 1e-4, 47.2, code=str(i)) for i in range(n)]
        self.calls = []
        self.cap = cap

    def get(self, url, params=None):
        self.calls.append(dict(params))
        if params.get("RESULTTYPE") == "hits":
            return FakeResponse(f'<FeatureCollection numberMatched="{len(self.features)}"/>'.encode())
        start, count = int(params["STARTINDEX"]), int(params["COUNT"])
        count = min(count, self.cap or count)
        return FakeResponse(page(self.features[start : start + count]))


class Feedback:
    def __init__(self, cancel_after=None):
        self.progress = []
        self.cancel_after = cancel_after

    def isCanceled(self):  # noqa: N802
        return self.cancel_after is not None and len(self.progress) >= self.cancel_after

    def setProgress(self, value):  # noqa: N802
        self.progress.append(value)


@pytest.mark.parametrize(("n", "page_size", "pages"), [(23, 10, 3), (20, 10, 2), (0, 10, 0), (5, 5000, 1)])
def test_download_pages(tmp_path, n, page_size, pages):
    net = FakeNetwork(n)
    fb = Feedback()
    result = wfs.download(net, "http://x/wfs", "a:b", str(tmp_path / "o.gpkg"), page_size=page_size, feedback=fb)
    assert (result.feature_count, result.pages, result.number_matched) == (n, pages, n)
    assert [c.get("STARTINDEX") for c in net.calls[1:]] == [str(i * page_size) for i in range(pages)]
    assert fb.progress == [min(100.0, 100.0 * min(n, (i + 1) * page_size) / n) for i in range(pages)]


def test_download_follows_a_server_capping_pages(tmp_path):
    net = FakeNetwork(25, cap=7)  # the server sends at most 7 features whatever COUNT says
    result = wfs.download(net, "http://x/wfs", "a:b", str(tmp_path / "o.gpkg"), page_size=10)
    assert result.feature_count == 25 and result.page_sizes == [7, 7, 7, 4]


def test_download_cancel_between_pages(tmp_path):
    net = FakeNetwork(50)
    with pytest.raises(wfs.WfsCancelled):
        wfs.download(net, "http://x/wfs", "a:b", str(tmp_path / "o.gpkg"), page_size=10, feedback=Feedback(2))
    assert len(net.calls) == 3  # hits + 2 pages


def test_download_detects_a_server_ignoring_startindex(tmp_path):
    class Stuck(FakeNetwork):
        def get(self, url, params=None):
            params = dict(params)
            if "STARTINDEX" in params:
                params["STARTINDEX"] = "0"
            return super().get(url, params)

    with pytest.raises(wfs.WfsError, match="STARTINDEX"):
        wfs.download(Stuck(30), "http://x/wfs", "a:b", str(tmp_path / "o.gpkg"), page_size=10)


def test_download_drops_features_repeated_across_pages_and_counts_them(tmp_path):
    class Overlapping(FakeNetwork):  # every page after the first repeats the last 3 features of the one before
        def get(self, url, params=None):
            params = dict(params)
            if int(params.get("STARTINDEX", 0)) > 0:
                params["STARTINDEX"] = str(int(params["STARTINDEX"]) - 3)
            return super().get(url, params)

    net = Overlapping(25)
    result = wfs.download(net, "http://x/wfs", "a:b", str(tmp_path / "o.gpkg"), page_size=10)
    ds = ogr.Open(str(tmp_path / "o.gpkg"))
    codes = sorted(int(f.GetField("code")) for f in ds.GetLayer(0))
    assert codes == list(range(25))  # brute force: every feature, once
    assert result.feature_count == 25 and result.duplicates == sum(result.page_sizes) - 25 > 0


def test_a_short_first_page_repeated_ends_the_download_without_error(tmp_path):
    class Stuck(FakeNetwork):  # ignores STARTINDEX, announces more than it has
        def get(self, url, params=None):
            if params.get("RESULTTYPE") == "hits":
                return FakeResponse(b'<FeatureCollection numberMatched="12"/>')
            return super().get(url, dict(params, STARTINDEX="0"))

    result = wfs.download(Stuck(8), "http://x/wfs", "a:b", str(tmp_path / "o.gpkg"), page_size=10)
    assert (result.feature_count, result.duplicates, result.short_of_announced) == (8, 8, 4)


@pytest.mark.parametrize(
    ("types", "expected"),
    [
        ([ogr.wkbPolygon, ogr.wkbMultiPolygon], ogr.wkbMultiPolygon),
        ([ogr.wkbPolygon], ogr.wkbMultiPolygon),
        ([ogr.wkbLineString, ogr.wkbMultiLineString], ogr.wkbMultiLineString),
        ([ogr.wkbPoint], ogr.wkbPoint),
        ([ogr.wkbPoint, ogr.wkbMultiPoint], ogr.wkbMultiPoint),
        ([ogr.wkbPolygon25D, ogr.wkbMultiPolygon25D], ogr.wkbMultiPolygon25D),
        ([ogr.wkbPoint, ogr.wkbPolygon], ogr.wkbUnknown),
        ([], ogr.wkbUnknown),
    ],
)
def test_layer_geometry_type(types, expected):
    assert wfs.layer_geometry_type(types) == expected


def test_page_size_is_bounded(tmp_path):
    with pytest.raises(wfs.WfsError, match="between 1 and 5000"):
        wfs.download(FakeNetwork(1), "http://x", "a:b", str(tmp_path / "o.gpkg"), page_size=6000)


# ------------------------------------------------------------------------------------------ geocoding


def test_build_address_and_mode_choice():
    assert (
        geocoding.build_address("12", " rue  de la Paix ", None, "NULL", "75002", "Paris")
        == "12 rue de la Paix 75002 Paris"
    )
    assert geocoding.choose_mode(100) == "single" and geocoding.choose_mode(101) == "batch"
    assert geocoding.choose_mode(5, "batch") == "batch"


def test_csv_and_multipart_round_trip():
    queries = [geocoding.AddressQuery(0, 'Résidence "Les Pins", 3 allée', "44109"), geocoding.AddressQuery(1, "x", "")]
    content = geocoding.build_csv(queries)
    assert content.decode().splitlines()[1] == '0,"Résidence ""Les Pins"", 3 allée",44109'
    body, ctype = geocoding.multipart_body([("columns", "q")], "data", "a.csv", content, boundary="BND")
    assert ctype == "multipart/form-data; boundary=BND"
    assert body.startswith(b'--BND\r\nContent-Disposition: form-data; name="columns"\r\n\r\nq\r\n')
    assert b'name="data"; filename="a.csv"' in body and body.endswith(b"\r\n--BND--\r\n") and content in body


def test_parse_result_csv():
    answer = (
        "\ufefftdid,q,citycode,latitude,longitude,result_label,result_score,result_type,result_citycode\r\n"
        "0,8 bd du Port Amiens,,49.897,2.29,8 Boulevard du Port 80000 Amiens,0.97,housenumber,80021\r\n"
        "1,zzz,,,,,,,\r\n"
    ).encode()
    results = geocoding.parse_result_csv(answer)
    assert results[0].matched and results[0].score == 0.97 and (results[0].lon, results[0].lat) == (2.29, 49.897)
    assert results[0].citycode == "80021" and results[0].type == "housenumber"
    assert results[1].status == geocoding.STATUS_NOT_FOUND and results[1].score == 0
    with pytest.raises(geocoding.GeocodingError, match="lacks the columns"):
        geocoding.parse_result_csv(b"a,b\n1,2\n")


def test_search_response_and_min_score():
    payload = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [2.29, 49.897]},
                "properties": {"label": "L", "score": 0.42, "type": "street", "citycode": "80021"},
            }
        ],
    }
    res = geocoding.parse_search_response(payload, 7)
    assert res.matched and res.score == 0.42 and res.row_id == 7
    low = geocoding.apply_min_score(res, 0.5)
    assert low.status == geocoding.STATUS_LOW_SCORE and low.score == 0 and low.lon is None
    assert geocoding.apply_min_score(res, 0.4) is res
    assert geocoding.parse_search_response({"features": []}, 1).status == geocoding.STATUS_NOT_FOUND
    with pytest.raises(geocoding.GeocodingError, match="not a GeoJSON FeatureCollection"):
        geocoding.parse_search_response(["x"], 1)
    assert not math.isnan(res.lat)
