"""Hub'Eau client and algorithms against a local replay of Hub'Eau (sensor_replay.HubeauReplay)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer
from qgis.PyQt.QtCore import Qt
from sensor_replay import HubeauReplay

HYDRO = "/api/v2/hydrometrie/referentiel/stations"
ELAB = "/api/v2/hydrometrie/obs_elab"
TR = "/api/v2/hydrometrie/observations_tr"
PIEZO_ST = "/api/v1/niveaux_nappes/stations"
CHRON = "/api/v1/niveaux_nappes/chroniques"


def _hydro_station(code, commune, dep, lon, lat):
    return {"code_station": code, "libelle_station": f"Station {code}", "code_commune_station": commune,
            "code_departement": dep, "longitude_station": lon, "latitude_station": lat,
            "date_ouverture_station": "1990-01-01T00:00:00Z", "date_fermeture_station": None}  # fmt: skip


@pytest.fixture()
def hubeau(qgis_app, httpserver, monkeypatch):
    replay = HubeauReplay(httpserver)
    monkeypatch.setenv("TERRIDATA_HUBEAU_URL", replay.url)
    monkeypatch.setenv("TERRIDATA_RATE_HUBEAU", "10000/1")
    replay.stations[HYDRO] = [
        _hydro_station("H0000001", "91228", "91", 2.44, 48.63),  # Évry-Courcouronnes (CA Grand Paris Sud)
        _hydro_station("H0000002", "91477", "91", 2.21, 48.71),  # Orsay
        _hydro_station("H0000003", "75056", "75", 2.35, 48.85),
    ]
    replay.stations[PIEZO_ST] = [{"code_bss": "BSS000AAAA", "libelle_pe": "Piezo", "x": 2.3, "y": 48.6,
                                  "code_commune": "91228", "code_departement": "91",
                                  "date_debut_mesure": "2000-01-01", "date_fin_mesure": "2024-12-31"}]  # fmt: skip
    return replay


def _daily(code, start: date, days: int, grandeur="QmnJ"):
    return [{"code_station": code, "code_site": code[:8], "grandeur_hydro_elab": grandeur,
             "date_obs_elab": (start + timedelta(days=i)).isoformat(), "resultat_obs_elab": float(1000 + i),
             "code_statut": 16, "code_qualification": 20} for i in range(days)]  # fmt: skip


def _run(name, params):
    import processing

    return processing.run(f"terridata:{name}", params)


def test_stations_by_departement_and_epci(hubeau):
    from terridata.core.cog.referential import default_referential
    from terridata.providers.sensors.hubeau import HubeauClient

    client = HubeauClient()
    assert [s.station_id for s in client.stations("hydrometry", departements=["91"])] == ["H0000001", "H0000002"]
    # EPCI: its member communes, computed here from the COG referential, are what Hub'Eau is asked for.
    referential = default_referential()
    vintage = referential.latest_vintage("epci")
    epci = referential.ancestors("91228", vintage=vintage)["epci"]
    members = referential.members(epci, "epci", vintage=vintage)
    assert "91477" not in members
    communes, _ = __import__("terridata.processing.algorithms.hubeau_stations", fromlist=["x"]).territory_communes(
        "epci", [epci]
    )
    found = client.stations("hydrometry", communes=communes)
    assert [s.station_id for s in found] == ["H0000001"]
    asked = set()
    for path, args in hubeau.requests:
        if path == HYDRO and "code_commune_station" in args:
            asked |= set(args["code_commune_station"].split(","))
    assert asked == set(members)


def test_stations_algorithm_by_extent(hubeau, terridata_provider, qgis_processing, tmp_path):
    out = tmp_path / "st.gpkg"
    result = _run("hubeau_stations", {"API": "hydrometry", "EXTENT": "2.3,2.5,48.5,48.7 [EPSG:4326]",
                                      "OUTPUT": str(out)})  # fmt: skip
    assert result["STATIONS"] == 1
    layer = QgsVectorLayer(str(out), "st", "ogr")
    feature = next(layer.getFeatures())
    assert (feature["station_id"], feature["sensor_ids"], feature["units"]) == (
        "H0000001", "H0000001/H;H0000001/Q", "mm;l/s")  # fmt: skip
    assert feature.geometry().asPoint().x() == pytest.approx(2.44)


def test_cursor_paging_206_then_200_and_depth_split(hubeau, monkeypatch):
    from terridata.providers.sensors import hubeau as hubeau_module
    from terridata.providers.sensors import hubeau_format
    from terridata.providers.sensors.hubeau import HubeauClient

    hubeau.depth_limit = 40
    monkeypatch.setattr(hubeau_format, "DEPTH_LIMIT", 40)
    monkeypatch.setattr(hubeau_module, "PAGE_SIZE", 7)
    hubeau.rows[ELAB] = _daily("H0000001", date(2024, 1, 1), 100)
    client = HubeauClient()
    stations = client.known_stations("hydrometry_elaborated", ["H0000001"])
    start = int(datetime(2024, 1, 1, tzinfo=timezone.utc).timestamp() * 1000)
    end = int(datetime(2024, 4, 9, tzinfo=timezone.utc).timestamp() * 1000)
    rows = []
    for _n, _expected, page in client.observation_pages("hydrometry_elaborated", stations, "QmnJ", start, end):
        rows.extend(page)
    # Every day exactly once, in order, each value an interval of one day.
    days = [date(2024, 1, 1) + timedelta(days=i) for i in range(100)]
    assert [r[4] for r in rows] == [int(datetime(d.year, d.month, d.day, tzinfo=timezone.utc).timestamp() * 1000)
                                     for d in days]  # fmt: skip
    assert all(r[5] - r[4] == 86400000 for r in rows)
    assert [r[6] for r in rows] == [float(1000 + i) for i in range(100)]
    elab = [a for p, a in hubeau.requests if p == ELAB]
    assert any("cursor" in a for a in elab)  # followed the cursor in next
    windows = {(a["date_debut_obs_elab"], a["date_fin_obs_elab"]) for a in elab}
    assert len(windows) > 3  # split until each window is within the depth limit
    assert client.parser.naive_count == 100  # dates without time zone, said in the log by the algorithm


def test_page_paging_truncated_page_37_of_40(hubeau, terridata_provider, qgis_processing, monkeypatch, tmp_path):
    from terridata.providers.sensors import hubeau as hubeau_module

    monkeypatch.setattr(hubeau_module, "PAGE_SIZE", 10)
    hubeau.rows[CHRON] = [
        {"code_bss": "BSS000AAAA", "date_mesure": (date(2023, 1, 1) + timedelta(days=i)).isoformat(),
         "niveau_nappe_eau": 50.0 + i / 100, "qualification": "Correcte"}
        for i in range(400)
    ]  # fmt: skip
    hubeau.truncate_page = (CHRON, 37)
    out = tmp_path / "never.gpkg"
    with pytest.raises(QgsProcessingException, match="Page 37 of 40") as error:
        _run("hubeau_observations", {"API": "piezometry", "STATIONS": "BSS000AAAA", "START": "2023-01-01T00:00:00Z",
                                     "END": "2024-12-31T00:00:00Z", "OUTPUT": str(out)})  # fmt: skip
    assert "Nothing was written" in str(error.value)
    assert not out.exists()
    statuses = [p for p, _ in hubeau.requests if p == CHRON]
    assert len(statuses) == 37


def test_page_paging_complete(hubeau, terridata_provider, qgis_processing, monkeypatch, tmp_path):
    from terridata.providers.sensors import hubeau as hubeau_module

    monkeypatch.setattr(hubeau_module, "PAGE_SIZE", 10)
    levels = [50.0 + i / 100 for i in range(95)]
    hubeau.rows[CHRON] = [
        {"code_bss": "BSS000AAAA", "date_mesure": (date(2023, 1, 1) + timedelta(days=i)).isoformat(),
         "niveau_nappe_eau": v}
        for i, v in enumerate(levels)
    ]  # fmt: skip
    from qgis.core import QgsProcessingFeedback

    import processing

    class Log(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.lines = []

        def pushInfo(self, text):  # noqa: N802
            self.lines.append(text)

    out = tmp_path / "piezo.gpkg"
    feedback = Log()
    result = processing.run("terridata:hubeau_observations", {"API": "piezometry", "STATIONS": "BSS000AAAA",
                            "START": "2023-01-01T00:00:00Z", "END": "2024-12-31T00:00:00Z", "OUTPUT_TYPE": 1,
                            "OUTPUT": str(out)}, feedback=feedback)  # fmt: skip
    assert result["ROWS"] == 95
    said = [line for line in feedback.lines if "had no time zone" in line]
    assert said and said[0].endswith("they were read as UTC.")
    assert int(said[0].split()[0]) >= 95  # the 95 dates of the measurements (and the referential's dates)
    layer = QgsVectorLayer(str(out), "p", "ogr")
    assert sorted(f["value"] for f in layer.getFeatures()) == pytest.approx(levels)
    assert {f["unit"] for f in layer.getFeatures()} == {"m NGF"}


def test_unknown_station_code(hubeau, terridata_provider, qgis_processing, tmp_path):
    out = tmp_path / "never.gpkg"
    with pytest.raises(QgsProcessingException, match="does not know the station code"):
        _run("hubeau_observations", {"API": "hydrometry_elaborated", "STATIONS": "H0000001,X9999999",
                                     "START": "2024-01-01T00:00:00Z", "END": "2024-02-01T00:00:00Z",
                                     "OUTPUT": str(out)})  # fmt: skip
    assert not out.exists()


def test_empty_result_and_real_time_warning(hubeau, terridata_provider, qgis_processing, tmp_path):
    from qgis.core import QgsProcessingFeedback

    class Log(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.lines = []

        def pushWarning(self, text):  # noqa: N802
            self.lines.append(text)

    import processing

    feedback = Log()
    out = tmp_path / "never.gpkg"
    with pytest.raises(QgsProcessingException, match="has no observation"):
        processing.run("terridata:hubeau_observations", {"API": "hydrometry_realtime", "STATIONS": "H0000001",
                       "START": "2020-01-01T00:00:00Z", "END": "2020-02-01T00:00:00Z", "OUTPUT": str(out)},
                       feedback=feedback)  # fmt: skip
    assert not out.exists()
    assert any("keeps only about the last 30 days" in line for line in feedback.lines)


def test_real_time_cursor_pages_and_licence(hubeau, terridata_provider, qgis_processing, monkeypatch):
    from qgis.core import QgsProject

    import processing
    from terridata.providers.sensors import hubeau as hubeau_module

    monkeypatch.setattr(hubeau_module, "PAGE_SIZE", 4)
    now = datetime.now(timezone.utc).replace(microsecond=0, second=0, minute=0)
    times = [now - timedelta(hours=h) for h in range(10, 0, -1)]
    for code in ("H0000001", "H0000002"):
        for h, moment in enumerate(times):
            for grandeur, value in (("H", 1200 + h), ("Q", 35000 + 10 * h)):
                hubeau.rows[TR].append({"code_station": code, "grandeur_hydro": grandeur, "date_obs":
                                        moment.strftime("%Y-%m-%dT%H:%M:%SZ"), "resultat_obs": float(value),
                                        "code_qualification_obs": 16})  # fmt: skip
    result = processing.runAndLoadResults(
        "terridata:hubeau_observations",
        {"API": "hydrometry_realtime", "STATIONS": "H0000001, H0000002", "VARIABLE": "H",
         "START": (now - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
         "END": now.strftime("%Y-%m-%dT%H:%M:%SZ"), "OUTPUT_TYPE": 1, "OUTPUT": "TEMPORARY_OUTPUT"},
    )  # fmt: skip
    layer = QgsProject.instance().mapLayer(result["OUTPUT"])
    rows = sorted((f["sensor_id"], f["observed_at"].toMSecsSinceEpoch(), f["value"], f["unit"]) for f in
                  layer.getFeatures())  # fmt: skip
    expected = sorted((f"{code}/H", int(m.timestamp() * 1000), float(1200 + h), "mm") for code in
                      ("H0000001", "H0000002") for h, m in enumerate(times))  # fmt: skip
    assert rows == expected
    cursors = [a.get("cursor") for p, a in hubeau.requests if p == TR]
    assert cursors == [None, "4", "8", "12", "16"]  # 20 rows, pages of 4, followed through the cursor in next
    assert [status for path, status in hubeau.statuses if path == TR] == [206, 206, 206, 206, 200]
    assert "Licence Ouverte 2.0" in layer.metadata().licenses()
    assert any("Hub'Eau (eaufrance)" in right for right in layer.metadata().rights())
    assert layer.temporalProperties().isActive()
    QgsProject.instance().removeMapLayer(layer.id())


def test_river_quality_analyses(hubeau, terridata_provider, qgis_processing, tmp_path):
    hubeau.stations["/api/v2/qualite_rivieres/station_pc"] = [
        {"code_station": "02115725", "libelle_station": "LA CRUSNES À LONGUYON", "longitude": 5.6194,
         "latitude": 49.4413, "code_commune": "54322", "code_departement": "54"}
    ]  # fmt: skip
    analyses = [("2020-03-02", "10:30:00", 12.5), ("2020-06-15", "09:00:00", 8.25), ("2021-01-10", "11:15:00", 15.0)]
    hubeau.rows["/api/v2/qualite_rivieres/analyse_pc"] = [
        {"code_station": "02115725", "code_parametre": "1340", "libelle_parametre": "Nitrates", "date_prelevement": d,
         "heure_prelevement": h, "resultat": v, "symbole_unite": "mg(NO3)/L", "code_remarque": "1"}
        for d, h, v in analyses
    ] + [{"code_station": "02115725", "code_parametre": "1301", "libelle_parametre": "Température",
          "date_prelevement": "2020-03-02", "heure_prelevement": "10:30:00", "resultat": 9.0,
          "symbole_unite": "°C"}]  # fmt: skip
    out = tmp_path / "quality.gpkg"
    result = _run("hubeau_observations", {"API": "river_quality", "STATIONS": "02115725", "VARIABLE": "1340",
                                          "START": "2020-01-01T00:00:00Z", "END": "2020-12-31T00:00:00Z",
                                          "OUTPUT": str(out)})  # fmt: skip
    assert result["ROWS"] == 2
    layer = QgsVectorLayer(str(out), "q", "ogr")
    got = sorted((f["observed_at"].toUTC().toString("yyyy-MM-ddTHH:mm:ss"), f["value"], f["property"], f["unit"])
                 for f in layer.getFeatures())  # fmt: skip
    assert got == [("2020-03-02T10:30:00", 12.5, "Nitrates", "mg(NO3)/L"),
                   ("2020-06-15T09:00:00", 8.25, "Nitrates", "mg(NO3)/L")]  # fmt: skip


def test_paging_follows_next_whatever_the_status(hubeau, monkeypatch):
    """Stop when next is null, never on the HTTP status (here 200 while pages remain and 206 on the last)."""
    from terridata.providers.sensors import hubeau as hubeau_module
    from terridata.providers.sensors.hubeau import HubeauClient

    monkeypatch.setattr(hubeau_module, "PAGE_SIZE", 3)
    hubeau.swap_statuses = True
    hubeau.rows[ELAB] = _daily("H0000001", date(2024, 1, 1), 10)
    client = HubeauClient()
    stations = client.known_stations("hydrometry_elaborated", ["H0000001"])
    start = int(datetime(2024, 1, 1, tzinfo=timezone.utc).timestamp() * 1000)
    rows = [r for _n, _e, page in client.observation_pages("hydrometry_elaborated", stations, "QmnJ", start,
                                                           start + 30 * 86400000) for r in page]  # fmt: skip
    assert [r[6] for r in rows] == [float(1000 + i) for i in range(10)]
    assert [status for path, status in hubeau.statuses if path == ELAB] == [200, 200, 200, 206]


def test_piezometry_and_river_quality_stations(hubeau):
    from terridata.providers.sensors.hubeau import HubeauClient

    hubeau.stations["/api/v2/qualite_rivieres/station_pc"] = [
        {"code_station": "02115725", "libelle_station": "LA CRUSNES À LONGUYON", "longitude": 5.619440747,
         "latitude": 49.441280583, "code_commune": "54322", "code_departement": "54"}
    ]  # fmt: skip
    client = HubeauClient()
    (piezo,) = client.stations("piezometry", departements=["91"])
    assert (piezo.station_id, piezo.sensor_ids, piezo.units) == ("BSS000AAAA", ["BSS000AAAA/niveau_nappe_eau"],
                                                                 ["m NGF"])  # fmt: skip
    assert piezo.geometry == {"type": "Point", "coordinates": [2.3, 48.6]}
    assert piezo.first_ms == int(datetime(2000, 1, 1, tzinfo=timezone.utc).timestamp() * 1000)
    (quality,) = client.stations("river_quality", communes=["54322"])
    assert quality.station_name == "LA CRUSNES À LONGUYON" and quality.sensor_ids == []
    assert quality.geometry["coordinates"] == [5.619440747, 49.441280583]


def test_piezometry_real_time_levels(hubeau, terridata_provider, qgis_processing, tmp_path):
    """chroniques_tr: real-time groundwater levels (``niveau_eau_ngf``, date-times with their zone), one per hour."""
    import processing

    start = datetime(2023, 6, 1, tzinfo=timezone.utc)
    levels = [102.5 + i / 50 for i in range(48)]
    hubeau.rows["/api/v1/niveaux_nappes/chroniques_tr"] = [
        {"code_bss": "BSS000AAAA", "date_mesure": (start + timedelta(hours=i)).isoformat().replace("+00:00", "Z"),
         "niveau_eau_ngf": v}
        for i, v in enumerate(levels)
    ]  # fmt: skip
    out = tmp_path / "piezo_tr.gpkg"
    result = processing.run("terridata:hubeau_observations", {"API": "piezometry_realtime", "STATIONS": "BSS000AAAA",
                            "START": "2023-06-01T00:00:00Z", "END": "2023-06-03T00:00:00Z", "OUTPUT_TYPE": 0,
                            "OUTPUT": str(out)})  # fmt: skip
    assert result["ROWS"] == 48
    layer = QgsVectorLayer(str(out), "p", "ogr")
    rows = sorted((f["observed_at"].toString(Qt.ISODate), f["value"]) for f in layer.getFeatures())
    assert [value for _, value in rows] == pytest.approx(levels)
    assert rows[0][0].startswith("2023-06-01T00:00:00") and rows[-1][0].startswith("2023-06-02T23:00:00")
    assert {f["station_id"] for f in layer.getFeatures()} == {"BSS000AAAA"}
    assert {f["unit"] for f in layer.getFeatures()} == {"m NGF"}
