"""``make demo`` end to end: the pipeline runs headless on the embedded sample and its outputs hold together."""

import json
import os
import re
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from osgeo import ogr

REPO = Path(__file__).resolve().parents[2]


def _layer_rows(gpkg: Path, name: str) -> list:
    ds = ogr.Open(str(gpkg))
    layer = ds.GetLayerByName(name)
    assert layer is not None, f"{name} missing from {gpkg}"
    return [feature.items() for feature in layer]


def test_demo_pipeline_writes_every_output(tmp_path):
    output = tmp_path / "demo-output"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "demo.py"), "--output", str(output)],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "All 18 steps done" in run.stdout
    expected = {
        "terridata-demo.gpkg",
        "map-no2-per-commune.png",
        "map-no2-per-commune.qpt",
        "carte-densite-communes.pdf",
        "carte-densite-communes.qpt",
        "atlas-epci.pdf",
        "atlas-epci.qpt",
        "quality-communes.html",
        "quality-communes.json",
        "quality-sensors.html",
        "quality-sensors.json",
        "citizen-reports-anonymised.gpkg",
        "risk-report-citizen-reports.html",
        "risk-report-citizen-reports.json",
        "citizen-reports-protective-grid.gpkg",
        "risk-report-protective-grid.html",
        "risk-report-protective-grid.json",
        "citizen-reports-open-data.csv",
        "validation-citizen-reports.json",
        "validation-citizen-reports.html",
    }
    assert expected <= {p.name for p in output.iterdir()}
    assert not list(tmp_path.glob(".demo-*"))  # the work folder became demo-output

    gpkg = output / "terridata-demo.gpkg"
    sample = REPO / "sample_data" / "essonne.gpkg"
    communes = _layer_rows(sample, "communes")
    # Reports per commune: every commune kept, every report counted once.
    per_commune = _layer_rows(gpkg, "reports_per_commune")
    assert len(per_commune) == len(communes) == 194
    assert sum(row["count"] for row in per_commune) == 3000
    # The EPCI roll-up preserves the population total of the communes.
    epci = _layer_rows(gpkg, "epci_rollup")
    assert sum(row["population_2021"] for row in epci) == sum(row["population_2021"] for row in communes)
    assert sum(row["count"] for row in epci) == 3000
    # Daily NO2: one series per commune with a sensor, over the Paris days the UTC observations fall in (the
    # sample runs from 16 March 00:00 UTC to 12 April 23:00 UTC, i.e. up to 13 April 01:00 in Paris: 29 days).
    daily = _layer_rows(gpkg, "no2_daily_per_commune")
    sensor_communes = {row["commune"] for row in _layer_rows(sample, "air_sensors")}
    assert {row["key"] for row in daily} == sensor_communes
    paris = ZoneInfo("Europe/Paris")
    with sqlite3.connect(sample) as db:
        stamps = [row[0] for row in db.execute("SELECT DISTINCT observed_at FROM no2_hourly")]
    local_days = {datetime.fromisoformat(t.replace("Z", "+00:00")).astimezone(paris).date().isoformat() for t in stamps}
    assert len(local_days) == 29
    assert {row["bucket_local"][:10] for row in daily} == local_days
    assert sum(row["count"] for row in daily) == len(_layer_rows(sample, "no2_hourly"))
    # The anonymised export meets k = 11 as its risk report says, and carries no personal field.
    report = json.loads((output / "risk-report-citizen-reports.json").read_text(encoding="utf-8"))
    # Published (to the local stand-in) as a valid schema CSV holding exactly the anonymised records.
    assert "published: dataset dataset-1 with 3 resources" in run.stdout
    assert json.loads((output / "validation-citizen-reports.json").read_text(encoding="utf-8"))["valid"] is True
    with open(output / "citizen-reports-open-data.csv", encoding="utf-8") as handle:
        assert sum(1 for _ in handle) - 1 == report["measures"]["records exported"]
    assert report["exported"] is True
    assert report["measures"]["k achieved (smallest group)"] >= 11
    dataset = ogr.Open(str(output / "citizen-reports-anonymised.gpkg"))  # keep it: its layers die with it
    anonymised = dataset.GetLayer(0)
    definition = anonymised.GetLayerDefn()
    names = {definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())}
    assert not names & {"declarant_name", "declarant_email", "declarant_phone", "address", "description"}
    assert anonymised.GetFeatureCount() == report["measures"]["records exported"] > 2500
    assert "Results in" in run.stdout and str(output) in run.stdout
    # The map of the sample and the atlas of its EPCI: one page per EPCI of the sample's communes, credited.
    epci_codes = {row["epci_code"] for row in _layer_rows(gpkg, "communes_hierarchy") if row["epci_code"]}
    pages = subprocess.run(["pdfinfo", str(output / "atlas-epci.pdf")], capture_output=True, text=True, check=True)
    assert re.search(r"^Pages:\s+(\d+)$", pages.stdout, re.M).group(1) == str(len(epci_codes))
    density = subprocess.run(
        ["pdftotext", str(output / "carte-densite-communes.pdf"), "-"], capture_output=True, text=True, check=True
    )
    assert "Densité de population en 2021" in density.stdout and "IGN – ADMIN EXPRESS COG" in density.stdout
