"""The graphical model tests/models/hubeau_qc_monthly.model3 (hubeau_observations → sensor_qc →
aggregate_time_series) run from qgis_process.bin against the Hub'Eau replay, values checked against values computed
here from the replayed data. The model sets no field of sensor_qc or aggregate_time_series (only the property
field): their defaults are the field names of the observations, so no field mapping is needed."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from qgis.core import QgsVectorLayer
from qgis_process_helper import run_qgis_process
from sensor_replay import HubeauReplay

MODEL = Path(__file__).resolve().parents[1] / "models" / "hubeau_qc_monthly.model3"
HYDRO = "/api/v2/hydrometrie/referentiel/stations"
ELAB = "/api/v2/hydrometrie/obs_elab"


def test_model_from_qgis_process(qgis_app, httpserver, tmp_path):
    replay = HubeauReplay(httpserver)
    replay.stations[HYDRO] = [
        {"code_station": code, "libelle_station": code, "code_commune_station": "91228", "code_departement": "91",
         "longitude_station": 2.4, "latitude_station": 48.6}
        for code in ("H0000001", "H0000002")
    ]  # fmt: skip
    values = {}
    first = date(2024, 1, 1)
    for s, code in enumerate(("H0000001", "H0000002")):
        for i in range(91):  # 2024-01-01 .. 2024-03-31
            day = first + timedelta(days=i)
            value = 200000.0 if (code, i) == ("H0000002", 40) else float(1000 * (s + 1) + (i * 37) % 101)
            values[(code, day)] = value
            replay.rows[ELAB].append({"code_station": code, "grandeur_hydro_elab": "QmnJ", "date_obs_elab":
                                      day.isoformat(), "resultat_obs_elab": value, "code_statut": 16})  # fmt: skip
    qc_out, monthly_out = tmp_path / "qc.gpkg", tmp_path / "monthly.gpkg"
    result = run_qgis_process(
        str(MODEL),
        {"STATIONS": "H0000001,H0000002", "START": "2024-01-01T00:00:00Z", "END": "2024-03-31T00:00:00Z",
         "qc:QC": str(qc_out), "monthly:MONTHLY": str(monthly_out)},
        env={"TERRIDATA_HUBEAU_URL": replay.url, "TERRIDATA_RATE_HUBEAU": "1000/1"},
    )  # fmt: skip
    assert Path(result["results"]["monthly:MONTHLY"]).exists()

    qc = QgsVectorLayer(str(qc_out), "qc", "ogr")
    assert qc.featureCount() == len(values)
    flags = {(f["sensor_id"], f["value"]): f["qc_aggregate"] for f in qc.getFeatures()}
    assert flags[("H0000002/QmnJ", 200000.0)] == 4  # FAIL: outside the fail span of the model's parameters
    assert all(flag == 1 for (sensor, value), flag in flags.items() if value < 5000)  # GOOD

    expected = defaultdict(list)
    for (code, day), value in values.items():
        expected[(f"{code}/QmnJ", f"{day:%Y-%m}")].append(value)
    layer = QgsVectorLayer(str(monthly_out), "monthly", "ogr")
    got = {(f["key"], f["bucket_local"][:7]): (f["value_count"], f["value_mean"]) for f in layer.getFeatures()}
    assert set(got) == set(expected)
    for key, items in expected.items():
        count, mean = got[key]
        assert count == len(items)
        assert abs(mean - sum(items) / len(items)) < 1e-5  # the statistics are written with 6 decimals
