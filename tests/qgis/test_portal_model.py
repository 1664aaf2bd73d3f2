"""The graphical model tests/models/portal_load_aggregate.model3: portal_load → aggregate_points_to_zones."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from portal_replay import DataGouvReplay, dg_dataset

MODEL = Path(__file__).resolve().parents[1] / "models" / "portal_load_aggregate.model3"


@pytest.fixture()
def env(qgis_app, qgis_processing, terridata_provider, httpserver, monkeypatch):
    monkeypatch.setenv("TERRIDATA_DATAGOUV_URL", httpserver.url_for("/api/1"))
    monkeypatch.setenv("TERRIDATA_RATE_DATAGOUV", "1000/1")
    monkeypatch.setenv("TERRIDATA_RATE_DEFAULT", "1000/1")
    monkeypatch.setenv("TERRIDATA_CACHE_ENABLED", "false")
    return httpserver


def test_model_chains_portal_load_and_aggregation(env, sample_gpkg, tmp_path):
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsGeometry,
        QgsPointXY,
        QgsProcessingContext,
        QgsProcessingFeedback,
        QgsProcessingModelAlgorithm,
        QgsProject,
        QgsVectorLayer,
    )

    communes = QgsVectorLayer(f"{sample_gpkg}|layername=communes", "communes", "ogr")
    to_wgs84 = QgsCoordinateTransform(communes.crs(), QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance())
    extent = to_wgs84.transformBoundingBox(communes.extent())
    rng = random.Random(7)
    points = [
        (rng.uniform(extent.xMinimum(), extent.xMaximum()), rng.uniform(extent.yMinimum(), extent.yMaximum()))
        for _ in range(300)
    ]
    lines = ["nom;latitude;longitude"] + [f"p{i};{y:.6f};{x:.6f}".replace(".", ",") for i, (x, y) in enumerate(points)]
    body = ("\n".join(lines) + "\n").encode("cp1252")
    replay = DataGouvReplay(env, total=0)
    url = env.url_for("/files/points.csv")
    replay.datasets["ds1"] = dg_dataset(1, resources=[{"id": "r1", "format": "csv", "url": url}])
    env.expect_request("/files/points.csv").respond_with_data(body, content_type="text/csv")

    # expected counts, brute force with QGIS geometries (6-decimal coordinates as written in the CSV)
    expected = {}
    to_layer = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), communes.crs(), QgsProject.instance())
    geoms = [(f.id(), QgsGeometry(f.geometry())) for f in communes.getFeatures()]
    for x, y in points:
        pt = QgsGeometry.fromPointXY(to_layer.transform(QgsPointXY(round(x, 6), round(y, 6))))
        for fid, g in geoms:
            if g.contains(pt):
                expected[fid] = expected.get(fid, 0) + 1
                break

    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(str(MODEL))
    out = tmp_path / "zones.gpkg"
    params = {"portal": "data.gouv.fr", "dataset": "ds1", "zones": communes, "aggregate:zones_with_counts": str(out)}
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    ok_params, msg = model.checkParameterValues(params, context)
    assert ok_params, msg
    results, ok = model.run(params, context, QgsProcessingFeedback())
    assert ok, results
    layer = QgsVectorLayer(str(out), "zones", "ogr")
    count_field = next(f.name() for f in layer.fields() if f.name() in ("count", "n_points", "point_count", "n"))
    got = {}
    for feature in layer.getFeatures():
        value = feature[count_field] or 0
        if value:
            got[feature.id()] = int(value)
    assert sum(got.values()) == sum(expected.values()) > 0
    assert sorted(got.values()) == sorted(expected.values())
