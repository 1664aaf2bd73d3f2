"""SensorThings client and algorithms against a local replay of the OGC SensorThings API (sensor_replay.py)."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer
from sensor_replay import SensorThingsReplay
from test_network import SECRET, basic_authcfg  # noqa: F401 (the fixture)

T0 = datetime(2024, 3, 1, tzinfo=timezone.utc)


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


@pytest.fixture()
def sta(qgis_app, httpserver, monkeypatch):
    monkeypatch.setenv("TERRIDATA_RATE_SENSORTHINGS", "10000/1")
    replay = SensorThingsReplay(httpserver, page_size=3)
    replay.things = {1: {"name": "Station A", "lon": 2.35, "lat": 48.85}, 2: {"name": "Station B", "lon": 5.0,
                                                                            "lat": 45.0}}  # fmt: skip
    replay.datastreams = {
        10: {"thing": 1, "property": "NO2", "unit": "µg/m³",
             "phenomenonTime": "2024-03-01T00:00:00Z/2024-03-02T00:00:00Z"},
        11: {"thing": 1, "property": "PM10", "unit": "µg/m³"},
        12: {"thing": 1, "property": "O3", "unit": "µg/m³"},
        13: {"thing": 1, "property": "state", "unit": ""},
        20: {"thing": 2, "property": "NO2", "unit": "µg/m³"},
    }  # fmt: skip
    # 10 observations of datastream 10, one every hour, values 0..9.
    replay.observations[10] = [{"phenomenonTime": _iso(T0 + timedelta(hours=i)), "result": float(i)} for i in range(10)]
    # Interval phenomenon times and results of every JSON type.
    results = [1.5, "12.25", "high", True, None, {"a": 1}, 7]
    replay.observations[13] = [
        {"phenomenonTime": f"{_iso(T0 + timedelta(hours=i))}/{_iso(T0 + timedelta(hours=i, minutes=30))}",
         "result": r, "resultQuality": "ok"}
        for i, r in enumerate(results)
    ]  # fmt: skip
    return replay


def _client(replay, feedback=None):
    from terridata.providers.sensors.sensorthings import SensorThingsClient

    return SensorThingsClient(replay.url, feedback=feedback)


def _all_rows(client, ref, start=T0 - timedelta(days=1), end=T0 + timedelta(days=1)):
    rows, pages = [], 0
    for _number, page in client.observation_pages(ref, _ms(start), _ms(end)):
        rows.extend(page)
        pages += 1
    return rows, pages


def test_service_root_and_conformance(sta):
    info = _client(sta).service()
    assert "Datastreams" in info.entity_sets and not info.offers_data_array
    sta.data_array = True
    assert _client(sta).service().offers_data_array


def test_stations_follow_next_link_inside_expand(sta):
    stations = {s.station_id: s for s in _client(sta).stations()}
    # Thing 1 has 4 datastreams; the replay expands 2 per page, the rest behind Datastreams@iot.nextLink.
    assert stations["1"].sensor_ids == ["10", "11", "12", "13"]
    assert stations["1"].properties == ["NO2", "PM10", "O3", "state"]
    assert stations["1"].geometry == {"type": "Point", "coordinates": [2.35, 48.85]}
    assert stations["1"].first_ms == _ms(T0) and stations["1"].last_ms == _ms(T0 + timedelta(days=1))
    assert stations["2"].sensor_ids == ["20"]
    assert any(path.endswith("/_next/ds-1-2") for path, _ in sta.requests)


def test_stations_extent_filter_uses_geo_intersects(sta):
    found = [s.station_id for s in _client(sta).stations(extent=(2.0, 48.0, 3.0, 49.0))]
    assert found == ["1"]
    filters = [args.get("$filter", "") for path, args in sta.requests if path.endswith("/Things")]
    assert filters and filters[-1].startswith("geo.intersects(Locations/location, geography'POLYGON((")


def test_observations_window_paging_and_select(sta):
    start, end = T0 + timedelta(hours=2), T0 + timedelta(hours=8)
    rows, pages = _all_rows(_client(sta), "10", start, end)
    expected = [(_ms(T0 + timedelta(hours=i)), float(i)) for i in range(10) if start <= T0 + timedelta(hours=i) <= end]
    assert [(r[4], r[6]) for r in rows] == expected
    assert all(r[4] == r[5] and r[0] == "10" and r[3] == "NO2" and r[8] == "µg/m³" for r in rows)
    assert pages == math.ceil(len(expected) / sta.page_size)
    args = [a for p, a in sta.requests if p.endswith("/Datastreams(10)/Observations")][0]
    assert args["$select"] == "phenomenonTime,result,resultQuality"
    assert args["$orderby"] == "phenomenonTime asc"
    assert args["$filter"] == "phenomenonTime ge 2024-03-01T02:00:00Z and phenomenonTime le 2024-03-01T08:00:00Z"
    assert "$resultFormat" not in args


def test_data_array_gives_the_same_rows(sta):
    plain, _ = _all_rows(_client(sta), "13")
    sta.data_array = True
    array, _ = _all_rows(_client(sta), "13")
    assert array == plain
    assert any(a.get("$resultFormat") == "dataArray" for _, a in sta.requests)


def test_interval_times_and_results_of_any_type(sta):
    rows, _ = _all_rows(_client(sta), "13")
    got = [(r[4], r[5], r[6], r[7], r[9]) for r in rows]
    start = [_ms(T0 + timedelta(hours=i)) for i in range(7)]
    half = 30 * 60 * 1000
    assert got == [
        (start[0], start[0] + half, 1.5, None, "ok"),
        (start[1], start[1] + half, 12.25, None, "ok"),
        (start[2], start[2] + half, None, "high", "ok"),
        (start[3], start[3] + half, None, "true", "ok"),
        (start[4], start[4] + half, None, None, "ok"),
        (start[5], start[5] + half, None, '{"a":1}', "ok"),
        (start[6], start[6] + half, 7.0, None, "ok"),
    ]


def test_multidatastream_one_row_per_component(sta):
    sta.multi = {7: {"thing": 2, "properties": ["wind speed", "wind direction"], "units": ["m/s", "°"]}}
    sta.observations["m7"] = [
        {"phenomenonTime": _iso(T0 + timedelta(minutes=10 * i)), "result": [float(i), float(10 * i)]} for i in range(4)
    ]
    rows, _ = _all_rows(_client(sta), "multi:7")
    assert len(rows) == 8
    assert {(r[0], r[3], r[8]) for r in rows} == {
        ("multi:7:0", "wind speed", "m/s"),
        ("multi:7:1", "wind direction", "°"),
    }
    assert sorted(r[6] for r in rows if r[0] == "multi:7:1") == [0.0, 10.0, 20.0, 30.0]


@pytest.mark.parametrize("problem", ["loop", "foreign"])
def test_bad_next_links_are_refused(sta, problem):
    from terridata.providers.sensors.records import SensorDataError

    if problem == "loop":
        sta.loop_next = True
    else:
        sta.foreign_next = True
    with pytest.raises(SensorDataError, match="same next-page link twice" if problem == "loop" else "another server"):
        _all_rows(_client(sta), "10")


def test_not_a_sensorthings_root(sta):
    from terridata.providers.sensors.records import SensorDataError

    sta.not_sensorthings = True
    with pytest.raises(SensorDataError, match="not the root of a SensorThings API service"):
        _client(sta).service()


def test_unknown_datastream(sta):
    from terridata.providers.sensors.records import SensorDataError

    with pytest.raises(SensorDataError, match="'999' does not exist"):
        _all_rows(_client(sta), "999")


# ------------------------------------------------------------------------------------------------ algorithms


def _run(params, context=None):
    import processing

    return processing.run("terridata:sensorthings_observations", params, context=context)


def test_observations_algorithm_time_enabled_layer(sta, terridata_provider, qgis_processing, tmp_path):
    out = tmp_path / "obs.gpkg"
    result = _run(
        {
            "ENDPOINT": sta.url,
            "DATASTREAMS": "10, 13",
            "START": "2024-02-29T00:00:00Z",
            "END": "2024-03-02T00:00:00Z",
            "OUTPUT_TYPE": 1,
            "OUTPUT": str(out),
        }
    )
    assert result["ROWS"] == 17
    layer = QgsVectorLayer(str(out), "obs", "ogr")
    assert layer.featureCount() == 17 and layer.crs().authid() == "EPSG:4326"
    names = layer.fields().names()
    for name in ("sensor_id", "observed_at", "observed_end", "value", "property", "unit"):
        assert name in names
    feature = next(f for f in layer.getFeatures() if f["sensor_id"] == "10" and f["value"] == 3.0)
    assert feature["observed_at"].toUTC().toString("yyyy-MM-ddTHH:mm:ss") == "2024-03-01T03:00:00"
    assert feature.geometry().asPoint().x() == pytest.approx(2.35)


def test_observations_algorithm_start_after_end(sta, terridata_provider, qgis_processing, tmp_path):
    out = tmp_path / "never.gpkg"
    with pytest.raises(QgsProcessingException, match="after it ends"):
        _run({"ENDPOINT": sta.url, "DATASTREAMS": "10", "START": "2024-03-02T00:00:00Z",
              "END": "2024-03-01T00:00:00Z", "OUTPUT": str(out)})  # fmt: skip
    assert not out.exists()


def test_observations_algorithm_truncated_page_writes_nothing(sta, terridata_provider, qgis_processing, tmp_path):
    sta.page_size = 1
    original = sta._observations

    def broken(series, start, end, offset, top, fmt):
        response = original(series, start, end, offset, top, fmt)
        if offset == 3:  # the 4th page
            response.set_data(response.get_data()[:20])
        return response

    sta._observations = broken
    out = tmp_path / "never.gpkg"
    with pytest.raises(QgsProcessingException, match="Page 4 of the observations") as error:
        _run({"ENDPOINT": sta.url, "DATASTREAMS": "10", "START": "2024-02-01T00:00:00Z",
              "END": "2024-04-01T00:00:00Z", "OUTPUT": str(out)})  # fmt: skip
    assert "Nothing was written" in str(error.value)
    assert not out.exists()


def test_empty_datastream_is_an_error(sta, terridata_provider, qgis_processing, tmp_path):
    out = tmp_path / "never.gpkg"
    with pytest.raises(QgsProcessingException, match="no observation in the chosen time window"):
        _run({"ENDPOINT": sta.url, "DATASTREAMS": "11", "START": "2024-02-01T00:00:00Z",
              "END": "2024-04-01T00:00:00Z", "OUTPUT": str(out)})  # fmt: skip
    assert not out.exists()


def test_stations_algorithm(sta, terridata_provider, qgis_processing, tmp_path):
    import processing

    out = tmp_path / "stations.gpkg"
    result = processing.run("terridata:sensorthings_stations", {"ENDPOINT": sta.url, "OUTPUT": str(out)})
    assert result["STATIONS"] == 2
    layer = QgsVectorLayer(str(out), "st", "ogr")
    got = {f["station_id"]: (f["sensor_ids"], f["units"]) for f in layer.getFeatures()}
    assert got == {"1": ("10;11;12;13", "µg/m³;µg/m³;µg/m³;"), "2": ("20", "µg/m³")}


def test_authentication_configuration_is_applied(sta, basic_authcfg):  # noqa: F811 (the imported fixture)
    import base64

    client = SensorThingsClient_with_auth(sta, basic_authcfg)
    rows, _ = _all_rows(client, "10")
    assert len(rows) == 10
    expected = "Basic " + base64.b64encode(f"alice:{SECRET}".encode()).decode()
    assert sta.authorizations and all(header == expected for header in sta.authorizations)


def SensorThingsClient_with_auth(replay, authcfg):  # noqa: N802
    from terridata.providers.sensors.sensorthings import SensorThingsClient

    return SensorThingsClient(replay.url, authcfg=authcfg)


def test_time_enabled_layer_and_licence_metadata(sta, terridata_provider, qgis_processing):
    from qgis.core import QgsDateTimeRange, QgsProject
    from qgis.PyQt.QtCore import QDateTime, Qt

    import processing

    result = processing.runAndLoadResults(
        "terridata:sensorthings_observations",
        {"ENDPOINT": sta.url, "DATASTREAMS": "10", "START": "2024-03-01T00:00:00Z", "END": "2024-03-02T00:00:00Z",
         "OUTPUT_TYPE": 1, "OUTPUT": "TEMPORARY_OUTPUT"},
    )  # fmt: skip
    layer = QgsProject.instance().mapLayer(result["OUTPUT"])
    properties = layer.temporalProperties()
    assert properties.isActive()
    assert (properties.startField(), properties.endField()) == ("observed_at", "observed_end")
    three = _ms(T0 + timedelta(hours=3))
    frame = QgsDateTimeRange(QDateTime.fromMSecsSinceEpoch(three, Qt.UTC),
                             QDateTime.fromMSecsSinceEpoch(three + 1000, Qt.UTC))  # fmt: skip
    assert properties.isVisibleInTemporalRange(frame)
    assert sta.url in layer.metadata().rights()
    QgsProject.instance().removeMapLayer(layer.id())


def test_cancel_between_pages_writes_nothing(sta, terridata_provider, qgis_processing, tmp_path):
    from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback

    class CancelAfterFirstPage(QgsProcessingFeedback):
        def setProgressText(self, text):  # noqa: N802
            super().setProgressText(text)
            if "page 1 read" in text:
                self.cancel()

    out = tmp_path / "never.gpkg"
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("terridata:sensorthings_observations")
    feedback = CancelAfterFirstPage()
    context = QgsProcessingContext()
    results, ok = algorithm.run(
        {"ENDPOINT": sta.url, "DATASTREAMS": "10", "START": "2024-02-01T00:00:00Z", "END": "2024-04-01T00:00:00Z",
         "OUTPUT": str(out)},
        context,
        feedback,
    )  # fmt: skip
    assert feedback.isCanceled()
    assert "ROWS" not in (results or {})
    assert not out.exists()
    observation_requests = [p for p, _ in sta.requests if "Observations" in p or "/_next/obs" in p]
    assert len(observation_requests) == 1  # the second page was never asked for


@pytest.mark.parametrize("output_type", [0, 1])
def test_geopackage_bulk_writer_writes_what_the_sink_writes(sta, terridata_provider, qgis_processing, tmp_path,
                                                             output_type):  # fmt: skip
    """A plain .gpkg OUTPUT is written by the bulk writer; a memory output goes through the sink: same features."""
    from qgis.core import QgsProcessingContext

    params = {"ENDPOINT": sta.url, "DATASTREAMS": "10,13", "START": "2024-02-01T00:00:00Z",
              "END": "2024-04-01T00:00:00Z", "OUTPUT_TYPE": output_type}  # fmt: skip
    context = QgsProcessingContext()
    memory = _run(dict(params, OUTPUT="memory:"), context)["OUTPUT"]
    memory_layer = memory if isinstance(memory, QgsVectorLayer) else context.getMapLayer(memory)
    gpkg = _run(dict(params, OUTPUT=str(tmp_path / "bulk.gpkg")))["OUTPUT"]
    gpkg_layer = QgsVectorLayer(gpkg, "bulk", "ogr")
    assert gpkg_layer.isValid() and memory_layer is not None

    def rows(layer):
        out = []
        for f in layer.getFeatures():
            values = []
            for name in layer.fields().names():
                if name == "fid":
                    continue
                v = f[name]
                if hasattr(v, "toMSecsSinceEpoch"):
                    v = v.toMSecsSinceEpoch() if v.isValid() else None
                values.append(None if v is None or (hasattr(v, "isNull") and v.isNull()) else v)
            geometry = f.geometry()
            values.append(None if geometry.isNull() else geometry.asWkt(6))
            out.append(tuple(values))
        return sorted(out, key=repr)

    assert gpkg_layer.wkbType() == memory_layer.wkbType()
    assert rows(gpkg_layer) == rows(memory_layer)
    assert len(rows(gpkg_layer)) == 17


@pytest.mark.parametrize("data_array", [False, True])
def test_pages_read_piece_by_piece_give_the_same_rows(sta, monkeypatch, data_array):
    """Pages above STREAM_ABOVE_BYTES are read from disk piece by piece: same rows, same paging, same errors."""
    from terridata.providers.sensors import json_stream, sensorthings
    from terridata.providers.sensors.records import SensorDataError

    sta.data_array = data_array
    whole_10, _ = _all_rows(_client(sta), "10")
    whole_13, _ = _all_rows(_client(sta), "13")
    monkeypatch.setattr(sensorthings, "STREAM_ABOVE_BYTES", 0)
    monkeypatch.setattr(json_stream, "CHUNK", 16)
    assert _all_rows(_client(sta), "10")[0] == whole_10
    assert _all_rows(_client(sta), "13")[0] == whole_13
    original = sta._observations

    def broken(series, start, end, offset, top, fmt):
        response = original(series, start, end, offset, top, fmt)
        if offset == 6:  # the 3rd page of 3
            response.set_data(response.get_data()[:-3])
        return response

    sta._observations = broken
    with pytest.raises(SensorDataError, match="Page 3 of the observations of Datastream 10: the answer is cut short"):
        _all_rows(_client(sta), "10")
