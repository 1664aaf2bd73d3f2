"""``terridata:geocode_addresses`` against a local server replaying the Géoplateforme geocoding service: ``/search``
(GeoJSON FeatureCollection) and ``/search/csv`` (addok CSV batch: multipart ``data``, ``columns``, ``citycode``)."""

from __future__ import annotations

import csv
import io
import json
import threading
import time

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsField,
    QgsPointXY,
    QgsProcessingException,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant
from werkzeug.wrappers import Response


def known_address(i: int) -> str:
    return f"{i} rue de la Mairie 44000 Nantes"


def address_of(i: int) -> str:
    """Row i of the test table: every 7th is unknown to the service, every 11th empty, the others known."""
    if i % 11 == 3:
        return ""
    if i % 7 == 5:
        return f"{i} impasse Inconnue 99999 Nullepart"
    return known_address(i)


def expected(i: int, min_score: float):
    """(status, score, lon, lat) the replay service gives row i."""
    text = address_of(i)
    if not text:
        return "empty_address", 0.0, None, None
    if text != known_address(i):
        return "not_found", 0.0, None, None
    score = 0.35 if i % 5 == 0 else 0.92
    if score < min_score:
        return "below_min_score", 0.0, None, None
    return "matched", score, -1.60 + i * 1e-4, 47.20 + (i % 100) * 1e-4


class ReplayGeocoder:
    def __init__(self):
        self.search_times = []
        self.search_args = []
        self.batches = []
        self.lock = threading.Lock()

    def lookup(self, q: str):
        try:
            i = int(q.split()[0])
        except (ValueError, IndexError):
            return None
        if q != known_address(i):
            return None
        return i, (0.35 if i % 5 == 0 else 0.92), -1.60 + i * 1e-4, 47.20 + (i % 100) * 1e-4

    def search(self, request):
        with self.lock:
            self.search_times.append(time.monotonic())
            self.search_args.append(dict(request.args))
        found = self.lookup(request.args.get("q", ""))
        features = []
        if found:
            i, score, lon, lat = found
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [lon, lat]},
                    "properties": {
                        "label": f"{i} Rue de la Mairie 44000 Nantes",
                        "score": score,
                        "housenumber": str(i),
                        "id": f"44109_1234_{i:05d}",
                        "type": "housenumber",
                        "name": f"{i} Rue de la Mairie",
                        "postcode": "44000",
                        "citycode": "44109",
                        "x": 355000.0,
                        "y": 6689000.0,
                        "city": "Nantes",
                        "context": "44, Loire-Atlantique, Pays de la Loire",
                        "importance": 0.7,
                        "street": "Rue de la Mairie",
                    },
                }
            )
        body = {"type": "FeatureCollection", "version": "draft", "features": features, "query": request.args.get("q")}
        return Response(json.dumps(body), content_type="application/json")

    def search_csv(self, request):
        upload = request.files["data"].read().decode("utf-8")
        form = {k: request.form.getlist(k) for k in request.form}
        rows = list(csv.DictReader(io.StringIO(upload)))
        self.batches.append({"form": form, "rows": len(rows), "citycodes": {r["citycode"] for r in rows}})
        reader = csv.DictReader(io.StringIO(upload))
        out = io.StringIO()
        columns = list(reader.fieldnames) + [
            "latitude",
            "longitude",
            "result_label",
            "result_score",
            "result_score_next",
            "result_type",
            "result_id",
            "result_housenumber",
            "result_name",
            "result_street",
            "result_postcode",
            "result_city",
            "result_context",
            "result_citycode",
            "result_oldcitycode",
            "result_oldcity",
            "result_district",
            "result_status",
        ]
        writer = csv.DictWriter(out, columns, lineterminator="\r\n")
        writer.writeheader()
        for row in reader:
            q = " ".join(row[c] for c in form["columns"])
            found = self.lookup(q)
            if found:
                i, score, lon, lat = found
                row.update(
                    latitude=lat,
                    longitude=lon,
                    result_label=f"{i} Rue de la Mairie 44000 Nantes",
                    result_score=score,
                    result_type="housenumber",
                    result_citycode="44109",
                    result_status="ok",
                )
            else:
                row.update(result_status="not-found")
            writer.writerow(row)
        return Response(out.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")


@pytest.fixture()
def geocoder(httpserver, monkeypatch):
    replay = ReplayGeocoder()
    httpserver.expect_request("/geocodage/search", method="GET").respond_with_handler(replay.search)
    httpserver.expect_request("/geocodage/search/csv", method="POST").respond_with_handler(replay.search_csv)
    replay.base_url = httpserver.url_for("/geocodage")
    monkeypatch.setenv("TERRIDATA_IGN_GEOCODING_URL", replay.base_url)
    monkeypatch.setenv("TERRIDATA_RATE_IGN_GEOCODING", "1000/1")
    return replay


def address_table(n: int, with_code: bool = True) -> QgsVectorLayer:
    layer = QgsVectorLayer("None", "addresses", "memory")
    fields = [QgsField("id", QVariant.Int), QgsField("adresse", QVariant.String)]
    if with_code:
        fields.append(QgsField("insee", QVariant.String))
    layer.dataProvider().addAttributes(fields)
    layer.updateFields()
    feats = []
    for i in range(n):
        f = QgsFeature(layer.fields())
        f.setAttributes([i, address_of(i)] + (["44109"] if with_code else []))
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def run(params):
    import processing

    return processing.run("terridata:geocode_addresses", params)


def check_output(layer, n: int, min_score: float):
    assert layer.featureCount() == n  # unmatched rows are kept
    to_l93 = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"), QgsCoordinateReferenceSystem("EPSG:2154"), QgsProject.instance()
    )
    matched = 0
    for feat in layer.getFeatures():
        i = feat["id"]
        status, score, lon, lat = expected(i, min_score)
        assert feat["geocode_status"] == status, i
        assert feat["score"] == pytest.approx(score), i
        if status == "matched":
            matched += 1
            assert feat["label"] == f"{i} Rue de la Mairie 44000 Nantes" and feat["type"] == "housenumber"
            assert feat["citycode"] == "44109"
            want = to_l93.transform(QgsPointXY(lon, lat))
            got = feat.geometry().asPoint()
            assert abs(got.x() - want.x()) < 0.01 and abs(got.y() - want.y()) < 0.01
        else:
            assert feat.geometry().isNull() or feat.geometry().isEmpty(), i
            assert not feat["label"]
    return matched


def test_per_address_path(qgis_processing, terridata_provider, geocoder):
    n = 40
    result = run(
        {"INPUT": address_table(n), "ADDRESS_FIELD": "adresse", "CITYCODE_FIELD": "insee", "OUTPUT": "memory:"}
    )
    assert result["MODE_USED"] == "single" and not geocoder.batches
    non_empty = [i for i in range(n) if address_of(i)]
    assert len(geocoder.search_args) == len(non_empty)  # empty addresses are not sent
    assert all(a["citycode"] == "44109" and a["limit"] == "1" for a in geocoder.search_args)
    layer = result["OUTPUT"]
    matched = check_output(layer, n, 0.5)
    assert result["MATCHED"] == matched and result["UNMATCHED"] == n - matched
    assert layer.crs().authid() == "EPSG:2154"


def test_batch_path_and_min_score(qgis_processing, terridata_provider, geocoder):
    n = 250
    result = run(
        {
            "INPUT": address_table(n),
            "ADDRESS_FIELD": "adresse",
            "CITYCODE_FIELD": "insee",
            "MIN_SCORE": 0.2,
            "OUTPUT": "memory:",
        }
    )
    assert result["MODE_USED"] == "batch" and not geocoder.search_args
    assert len(geocoder.batches) == 1
    form = geocoder.batches[0]["form"]
    assert form["columns"] == ["q"] and form["citycode"] == ["citycode"]  # the column holding the INSEE filter
    assert geocoder.batches[0]["citycodes"] == {"44109"}
    assert set(form["result_columns"]) >= {"latitude", "longitude", "result_score", "result_label"}
    assert geocoder.batches[0]["rows"] == len([i for i in range(n) if address_of(i)])
    matched = check_output(result["OUTPUT"], n, 0.2)
    assert matched == result["MATCHED"] and matched > 150  # with min score 0.2 the 0.35 scores are kept


def test_separate_fields_and_fixed_citycode(qgis_processing, terridata_provider, geocoder):
    layer = QgsVectorLayer("None", "split", "memory")
    layer.dataProvider().addAttributes(
        [QgsField(n, QVariant.String) for n in ("num", "voie", "cp", "ville")] + [QgsField("id", QVariant.Int)]
    )
    layer.updateFields()
    f = QgsFeature(layer.fields())
    f.setAttributes(["12", "rue de la Mairie", "44000", "Nantes", 12])
    layer.dataProvider().addFeatures([f])
    result = run(
        {
            "INPUT": layer,
            "NUMBER_FIELD": "num",
            "STREET_FIELD": "voie",
            "POSTCODE_FIELD": "cp",
            "CITY_FIELD": "ville",
            "CITYCODE": "44109",
            "CRS": "EPSG:4326",
            "OUTPUT": "memory:",
        }
    )
    assert geocoder.search_args == [
        {"q": "12 rue de la Mairie 44000 Nantes", "limit": "1", "index": "address", "citycode": "44109"}
    ]
    (feat,) = list(result["OUTPUT"].getFeatures())
    assert feat.geometry().asPoint().x() == pytest.approx(-1.60 + 12e-4)


def test_rate_limit_is_respected(qgis_processing, terridata_provider, geocoder, monkeypatch):
    from terridata.toolbelt.rate_limiter import LIMITER

    monkeypatch.setenv("TERRIDATA_RATE_IGN_GEOCODING", "10/1")
    booked = []  # a lower bound of each slot the limiter booked (clock read before the limiter reads it)
    reserve = LIMITER.reserve

    def recording_reserve(key, max_requests, period_s):
        before = time.monotonic()
        delay = reserve(key, max_requests, period_s)
        if key.startswith("ign_geocoding"):
            booked.append(before + delay)
        return delay

    monkeypatch.setattr(LIMITER, "reserve", recording_reserve)
    n = 30
    layer = QgsVectorLayer("None", "t", "memory")
    layer.dataProvider().addAttributes([QgsField("id", QVariant.Int), QgsField("adresse", QVariant.String)])
    layer.updateFields()
    feats = []
    for i in range(n):
        f = QgsFeature(layer.fields())
        f.setAttributes([i, known_address(i)])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    run({"INPUT": layer, "ADDRESS_FIELD": "adresse", "MODE": 1, "OUTPUT": "memory:"})
    times = geocoder.search_times
    assert len(times) == n and len(booked) == n
    # Server-side: no request arrives before its booked slot, and request k+10 never within one second of the slot
    # of request k. Each booked time is a lower bound, and delays (a busy machine, the loopback) only add margin; a
    # limiter that lets requests through early fails. Without the limiter the 30 requests arrive within 0.1 s.
    for k in range(n):
        assert times[k] >= booked[k], (k, booked[k] - times[k])
    for k in range(n - 10):
        assert times[k + 10] >= booked[k] + 1.0, (k, times[k + 10] - booked[k])
    assert booked[-1] - booked[0] >= 1.9


def test_ten_thousand_addresses_in_two_batch_requests(qgis_processing, terridata_provider, geocoder):
    n = 10_000
    result = run({"INPUT": address_table(n, with_code=False), "ADDRESS_FIELD": "adresse", "OUTPUT": "memory:"})
    # 10,000 single requests at 50/s would take 200 s; two batch requests (and no single one) take seconds
    assert result["MODE_USED"] == "batch" and len(geocoder.batches) == 2 and not geocoder.search_args
    assert result["OUTPUT"].featureCount() == n
    assert result["MATCHED"] + result["UNMATCHED"] == n


def test_bad_parameters_and_service_errors(qgis_processing, terridata_provider, httpserver, monkeypatch):
    with pytest.raises(QgsProcessingException, match="full address field, or at least"):
        run({"INPUT": address_table(3), "OUTPUT": "memory:"})
    with pytest.raises(QgsProcessingException, match="Invalid INSEE commune code"):
        run({"INPUT": address_table(3), "ADDRESS_FIELD": "adresse", "CITYCODE": "441", "OUTPUT": "memory:"})
    monkeypatch.setenv("TERRIDATA_IGN_GEOCODING_URL", httpserver.url_for("/geocodage"))
    httpserver.expect_request("/geocodage/search/csv").respond_with_data("<html>oops</html>", content_type="text/html")
    with pytest.raises(QgsProcessingException, match="lacks the columns"):
        run({"INPUT": address_table(5), "ADDRESS_FIELD": "adresse", "MODE": 2, "OUTPUT": "memory:"})


def test_a_huge_answer_that_is_no_csv_is_a_clear_error(qgis_processing, terridata_provider, httpserver, monkeypatch):
    """A 50 MB body in one line (no CSV): Python's csv module fails with "field larger than field limit"."""
    monkeypatch.setenv("TERRIDATA_IGN_GEOCODING_URL", httpserver.url_for("/geocodage"))
    monkeypatch.setenv("TERRIDATA_CACHE_ENABLED", "false")
    body = b"tdid," + b"x" * (50 * 1000 * 1000)
    httpserver.expect_request("/geocodage/search/csv").respond_with_data(body, content_type="text/csv")
    with pytest.raises(QgsProcessingException) as info:
        run({"INPUT": address_table(5), "ADDRESS_FIELD": "adresse", "MODE": 2, "OUTPUT": "memory:"})
    message = str(info.value)
    assert "could not be read as CSV" in message and "50.0 MB" in message and "per-address mode" in message
    assert "Traceback" not in message and "_csv.Error" not in message


def test_qgis_process_command_line(qgis_app, qgis_process_profile, geocoder, tmp_path):
    from qgis_process_helper import run_qgis_process

    table = tmp_path / "adresses.csv"
    with table.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "adresse"])
        for i in range(20):
            writer.writerow([i, address_of(i)])
    out = tmp_path / "geocoded.gpkg"
    result = run_qgis_process(
        "terridata:geocode_addresses",
        {"INPUT": str(table), "ADDRESS_FIELD": "adresse", "MIN_SCORE": 0.5, "OUTPUT": str(out)},
        env={
            "TERRIDATA_IGN_GEOCODING_URL": geocoder.base_url,
            "TERRIDATA_RATE_IGN_GEOCODING": "1000/1",
        },
    )
    expected_matched = sum(1 for i in range(20) if expected(i, 0.5)[0] == "matched")
    assert result["results"]["MATCHED"] == expected_matched
    layer = QgsVectorLayer(str(out), "g", "ogr")
    assert layer.featureCount() == 20


def test_result_loads_styled_with_attribution(
    qgis_processing, qgis_iface, terridata_provider, geocoder, qgis_new_project
):
    import processing

    result = processing.runAndLoadResults(
        "terridata:geocode_addresses",
        {"INPUT": address_table(10), "ADDRESS_FIELD": "adresse", "OUTPUT": "TEMPORARY_OUTPUT"},
    )
    layer = (
        QgsProject.instance().mapLayer(result["OUTPUT"])
        or QgsProject.instance().mapLayersByName("Geocoded addresses")[0]
    )
    assert layer.featureCount() == 10
    assert layer.renderer().symbol().symbolLayer(0).layerType() == "SimpleMarker"
    assert layer.customProperty("terridata/attribution").startswith("Géocodage : IGN Géoplateforme")
    assert layer.metadata().rights()[0].startswith("Géocodage")
