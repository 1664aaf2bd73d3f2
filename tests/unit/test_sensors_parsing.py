"""Pure parsing of the sensor APIs: times, results, SensorThings documents, Hub'Eau rows (no QGIS application)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from terridata.providers.sensors import hubeau_format, sensorthings_format
from terridata.providers.sensors.records import Series, TimeParser, iso_utc, split_result


def _ms(text: str) -> int:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return round(moment.timestamp() * 1000)


@pytest.mark.parametrize(
    "text",
    [
        "2024-03-31T00:59:59Z",
        "2024-03-31T01:00:00.123Z",
        "1969-12-31T23:59:59Z",
        "2024-10-27T02:30:00+02:00",
        "2024-10-27T02:30:00.5+01:00",
        "2024-01-01T12:00:00.123456Z",
        "2000-02-29T23:00:00-05:00",
    ],
)
def test_time_parser_matches_datetime(text):
    reference = text if ".5+" not in text else text.replace(".5+", ".500000+")
    assert TimeParser().ms(text) == _ms(reference)


def test_naive_times_are_utc_and_counted():
    parser = TimeParser()
    assert parser.ms("2024-01-01T10:00:00") == _ms("2024-01-01T10:00:00Z")
    assert parser.ms("2024-01-02") == _ms("2024-01-02T00:00:00Z")
    assert parser.naive_count == 2 and parser.first_naive == "2024-01-01T10:00:00"


def test_interval_and_iso_roundtrip():
    parser = TimeParser()
    start, end = parser.interval("2024-01-01T00:00:00Z/2024-01-01T01:00:00Z")
    assert end - start == 3600 * 1000
    assert iso_utc(start) == "2024-01-01T00:00:00Z"
    with pytest.raises(ValueError):
        parser.ms("yesterday")


@pytest.mark.parametrize(
    "result, expected",
    [(3, (3.0, None)), (2.5, (2.5, None)), ("4.5", (4.5, None)), ("high", (None, "high")), (True, (None, "true")),
     (None, (None, None)), ({"b": 1, "a": [1]}, (None, '{"a":[1],"b":1}')), (float("nan"), (None, "nan"))],
)  # fmt: skip
def test_split_result(result, expected):
    assert split_result(result) == expected


def test_fast_and_general_paths_agree():
    """The hot loop of a plain Datastream gives the same rows as the general one (used for MultiDatastreams)."""
    parser = TimeParser()
    one = Series("5", "1", "A", "NO2", "µg/m³")
    t0 = datetime(2024, 1, 1, tzinfo=timezone.utc)
    values = [{"phenomenonTime": (t0 + timedelta(seconds=37 * i)).strftime("%Y-%m-%dT%H:%M:%SZ"),
               "result": [1, 2.5, "x", None, True, {"q": 1}][i % 6], "resultQuality": [None, "ok", {"a": 1}][i % 3]}
              for i in range(60)]  # fmt: skip
    fast = sensorthings_format.observation_rows(values, [one], parser)
    general = []
    for v in values:
        general.extend(sensorthings_format._rows([one], v["phenomenonTime"], v["result"], v["resultQuality"], parser))
    assert fast == general
    assert [r[4] for r in fast] == [_ms((t0 + timedelta(seconds=37 * i)).isoformat()) for i in range(60)]


def test_multidatastream_series_and_rows():
    doc = {"@iot.id": 7, "unitOfMeasurements": [{"symbol": "m/s"}, {"name": "degree"}],
           "ObservedProperties": [{"name": "speed"}, {"name": "direction"}],
           "Thing": {"@iot.id": 2, "name": "Mast", "Locations": [{"location": {"type": "Feature", "geometry":
                     {"type": "Point", "coordinates": [1, 2]}}}]}}  # fmt: skip
    series = sensorthings_format.datastream_series(doc)
    assert [(s.sensor_id, s.prop, s.unit) for s in series] == [("multi:7:0", "speed", "m/s"),
                                                              ("multi:7:1", "direction", "degree")]  # fmt: skip
    assert series[0].geometry == {"type": "Point", "coordinates": [1, 2]}
    rows = sensorthings_format.data_array_rows(
        [{"components": ["result", "phenomenonTime"], "dataArray": [[[3, 90], "2024-01-01T00:00:00Z"]]}],
        series,
        TimeParser(),
    )
    assert [(r[0], r[6]) for r in rows] == [("multi:7:0", 3.0), ("multi:7:1", 90.0)]


def test_next_link_checks():
    from terridata.providers.sensors.records import SensorDataError

    seen = set()
    root = "https://sta.example.org/v1.1"
    assert sensorthings_format.check_next_link(f"{root}/x?$skip=1", root, seen, "t")
    with pytest.raises(SensorDataError, match="twice"):
        sensorthings_format.check_next_link(f"{root}/x?$skip=1", root, seen, "t")
    with pytest.raises(SensorDataError, match="another server"):
        sensorthings_format.check_next_link("https://other.example.org/v1.1/x", root, set(), "t")
    with pytest.raises(SensorDataError, match="another server"):
        sensorthings_format.check_next_link("https://sta.example.org:8443/v1.1/x", root, set(), "t")


def test_ids_in_urls():
    assert sensorthings_format.id_in_url(12) == "12"
    assert sensorthings_format.id_in_url("ab'c") == "'ab''c'"
    assert sensorthings_format.parse_series_reference("multi:7") == ("MultiDatastreams", "7")
    assert sensorthings_format.parse_series_reference("'x'") == ("Datastreams", "x")


def test_hubeau_monthly_and_quality_rows():
    api = hubeau_format.OBSERVATION_APIS["hydrometry_elaborated"]
    rows = hubeau_format.observation_rows(
        api, [{"code_station": "H1", "date_obs_elab": "2024-12-01", "resultat_obs_elab": 5, "grandeur_hydro_elab":
               "QmM", "code_statut": 16}], {}, "QmM", TimeParser())  # fmt: skip
    (row,) = rows
    assert row[0] == "H1/QmM" and row[8] == "l/s" and row[9] == "code_statut=16"
    assert row[5] - row[4] == 31 * 86400 * 1000  # December
    api = hubeau_format.OBSERVATION_APIS["river_quality"]
    (row,) = hubeau_format.observation_rows(
        api, [{"code_station": "0211", "code_parametre": "1340", "libelle_parametre": "Nitrates", "date_prelevement":
               "2020-03-02", "heure_prelevement": "10:30:00", "resultat": 12.5, "symbole_unite": "mg(NO3)/L"}], {},
        "1340", TimeParser())  # fmt: skip
    assert (row[3], row[4], row[6], row[8]) == ("Nitrates", _ms("2020-03-02T10:30:00Z"), 12.5, "mg(NO3)/L")
