"""``terridata:export_to_schema``: a layer → the CSV a schema of schema.data.gouv.fr wants, with its validation
report; the schema catalogue read from a local replay of schema.data.gouv.fr, or the offline snapshot."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDate

SNAPSHOT = Path(__file__).resolve().parents[2] / "resources" / "schemas"


@pytest.fixture
def schema_site(qgis_app, httpserver, monkeypatch):
    """schema.data.gouv.fr replayed from the snapshot's files (catalogue + schema.json), or answering 404."""
    monkeypatch.setenv("TERRIDATA_DATAGOUV_SCHEMA_URL", httpserver.url_for("/schemas"))
    monkeypatch.setenv("TERRIDATA_RATE_DATAGOUV", "1000/1")
    monkeypatch.setenv("TERRIDATA_CACHE_ENABLED", "false")
    monkeypatch.setenv("TERRIDATA_MAX_RETRIES", "0")
    return httpserver


def serve_catalogue(httpserver):
    catalogue = json.loads((SNAPSHOT / "schemas.json").read_text(encoding="utf-8"))
    base = httpserver.url_for("/schemas")
    for entry in catalogue["schemas"]:
        for version in entry["versions"]:
            version["schema_url"] = version["schema_url"].replace("https://schema.data.gouv.fr/schemas", base)
    httpserver.expect_request("/schemas/schemas.json").respond_with_json(catalogue)
    for path in SNAPSHOT.glob("*/*/*/schema.json"):
        relative = path.relative_to(SNAPSHOT).as_posix()
        httpserver.expect_request(f"/schemas/{relative}").respond_with_data(
            path.read_bytes(), content_type="application/json"
        )


def grants_layer(rows) -> QgsVectorLayer:
    layer = QgsVectorLayer(
        "None?field=beneficiaire:string&field=siret:string&field=signee:date&field=montant:double"
        "&field=nature:string&field=de_minimis:boolean&field=objet:string",
        "subventions 2024",
        "memory",
    )
    features = []
    for r in rows:
        f = QgsFeature(layer.fields())
        f.setAttributes(list(r))
        features.append(f)
    layer.dataProvider().addFeatures(features)
    return layer


GRANTS = [
    ("Association Les Amis du Parc", "38047555800058", QDate(2024, 3, 5), 1500.5, "aide en numéraire", False, "Fête"),
    ("Club sportif", "22940028800010", QDate(2024, 6, 30), 12000.0, "aide en nature", True, "Tournoi"),
]
MAPPING = (
    "nomAttribuant='Ville d''Évry-Courcouronnes';idAttribuant='23350001600040';dateConvention=signee;"
    "nomBeneficiaire=beneficiaire;idBeneficiaire=siret;objet=objet;montant=montant;nature=nature;"
    "conditionsVersement='unique';datesPeriodeVersement='2024-07-01';notificationUE=de_minimis;"
    "pourcentageSubvention='1'"
)


def outputs(tmp_path, stem="out"):
    return {
        "OUTPUT": str(tmp_path / f"{stem}.csv"),
        "REPORT_JSON": str(tmp_path / f"{stem}_validation.json"),
        "REPORT_HTML": str(tmp_path / f"{stem}_validation.html"),
    }


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_grants_exported_exactly_as_the_schema_wants(qgis_processing, terridata_provider, schema_site, tmp_path):
    import processing

    serve_catalogue(schema_site)
    out = outputs(tmp_path)
    result = processing.run(
        "terridata:export_to_schema",
        {"INPUT": grants_layer(GRANTS), "SCHEMA": "scdl/subventions@2.0.1", "MAPPING": MAPPING, **out},
    )
    assert result["VALID"] and result["ROWS"] == 2 and result["ERRORS"] == 0
    rows = read_csv(out["OUTPUT"])
    schema = json.loads((SNAPSHOT / "scdl/subventions/2.0.1/schema.json").read_text(encoding="utf-8"))
    assert rows[0] == [f["name"] for f in schema["fields"]]  # the schema's order
    first = dict(zip(rows[0], rows[1]))
    assert first["nomAttribuant"] == "Ville d'Évry-Courcouronnes"
    assert first["dateConvention"] == "2024-03-05"  # ISO 8601
    assert first["montant"] == "1500.5"  # decimal point
    assert first["notificationUE"] == "non" and dict(zip(rows[0], rows[2]))["notificationUE"] == "oui"
    assert first["referenceDecision"] == "" and first["idRAE"] == ""
    raw = Path(out["OUTPUT"]).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and "Évry".encode() in raw and b"\r\n" in raw
    report = json.loads(Path(out["REPORT_JSON"]).read_text(encoding="utf-8"))
    assert report["valid"] and report["metadata"]["schema_name"] == "scdl/subventions"
    assert report["metadata"]["schema_version"] == "2.0.1" and report["metadata"]["schema_source"] == "network"
    assert "opendata:custom" in {c["id"] for c in report["checks"]}
    assert "<html" in Path(out["REPORT_HTML"]).read_text(encoding="utf-8").lower()


def test_invalid_rows_refused_nothing_written_unless_asked(qgis_processing, terridata_provider, schema_site, tmp_path):
    from qgis.core import QgsProcessingException

    import processing

    bad = [*GRANTS, ("Entreprise X", "38047555800059", QDate(2024, 1, 2), 10.0, "subvention", False, "Aide")]
    out = outputs(tmp_path)
    params = {"INPUT": grants_layer(bad), "SCHEMA": "scdl/subventions@2.0.1", "MAPPING": MAPPING, **out}
    with pytest.raises(QgsProcessingException) as err:
        processing.run("terridata:export_to_schema", params)
    message = str(err.value)
    assert "nothing was written" in message
    assert "idBeneficiaire" in message and "nature" in message and "Row 4" in message
    assert not any(Path(p).exists() for p in out.values())
    result = processing.run("terridata:export_to_schema", {**params, "ALLOW_INVALID": True})
    assert not result["VALID"] and result["ERRORS"] == 2
    report = json.loads(Path(out["REPORT_JSON"]).read_text(encoding="utf-8"))
    assert {(e["row"], e["field"]) for e in report["errors"]} == {(4, "idBeneficiaire"), (4, "nature")}
    # the snapshot was used (the local site has no catalogue) and the log said so: see the next test


def test_unknown_schema_missing_mapping_and_snapshot_fallback(
    qgis_processing, terridata_provider, schema_site, tmp_path
):
    from qgis.core import QgsProcessingException, QgsProcessingFeedback

    import processing

    class Log(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.lines = []

        def pushWarning(self, text):  # noqa: N802
            self.lines.append(text)

    out = outputs(tmp_path)
    layer = grants_layer(GRANTS)
    with pytest.raises(QgsProcessingException, match="Unknown schema 'scdl/nope'.*scdl/subventions"):
        processing.run("terridata:export_to_schema", {"INPUT": layer, "SCHEMA": "scdl/nope", **out})
    with pytest.raises(QgsProcessingException, match="no version '9.9.9'"):
        processing.run("terridata:export_to_schema", {"INPUT": layer, "SCHEMA": "scdl/subventions@9.9.9", **out})
    with pytest.raises(QgsProcessingException, match="required fields of the schema left without a source: .*nomAtt"):
        processing.run("terridata:export_to_schema", {"INPUT": layer, "SCHEMA": "scdl/subventions@2.0.1", **out})
    assert not any(Path(p).exists() for p in out.values())
    log = Log()
    result = processing.run(
        "terridata:export_to_schema",
        {"INPUT": layer, "SCHEMA": "scdl/subventions", "MAPPING": MAPPING, **out},
        feedback=log,
    )
    assert result["SCHEMA"] == "scdl/subventions@2.0.1"  # the shipped version, not the catalogue's latest
    assert any("offline snapshot" in line for line in log.lines)
    report = json.loads(Path(out["REPORT_JSON"]).read_text(encoding="utf-8"))
    assert report["metadata"]["schema_source"] == "snapshot"


def test_defibrillators_with_coordinates_from_the_geometry(qgis_processing, terridata_provider, schema_site, tmp_path):
    import processing

    layer = QgsVectorLayer(
        "Point?crs=EPSG:2154&field=nom:string&field=com_insee:string&field=installe:date", "dae", "memory"
    )
    # 75101 (Paris 1er) is a municipal arrondissement: accepted as a commune code
    points = [(652000.0, 6835000.0, "91228"), (653500.5, 6836200.25, "91182"), (652100.0, 6835100.0, "75101")]
    features = []
    for x, y, code in points:
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        f.setAttributes(["DAE mairie", code, QDate(2023, 1, 9)])
        features.append(f)
    layer.dataProvider().addFeatures(features)
    constants = (
        "acc='Intérieur';acc_lib='oui';disp_j='7j/7';disp_h='24h/24';tel1='0160000000';etat_fonct='En fonctionnement';"
        "fab_rais='Zoll';modele='AED PLUS';num_serie='X1';dermnt='2025-01-15';expt_siren='229400288';"
        "expt_rais='Ville';expt_tel1='+33160000000';expt_email='mairie@example.org';date_instal=installe"
    )
    out = outputs(tmp_path, "dae")
    result = processing.run(
        "terridata:export_to_schema",
        {"INPUT": layer, "SCHEMA": "arsante/schema-dae@1.0.1", "MAPPING": constants, "ALLOW_INVALID": True, **out},
    )
    rows = read_csv(out["OUTPUT"])
    header = rows[0]
    transform = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:2154"), QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance()
    )
    for (x, y, _), row in zip(points, rows[1:]):
        expected = transform.transform(QgsPointXY(x, y))
        values = dict(zip(header, row))
        assert float(values["lat_coor1"]) == pytest.approx(expected.y(), abs=1e-6)
        assert float(values["long_coor1"]) == pytest.approx(expected.x(), abs=1e-6)
        assert values["date_instal"] == "2023-01-09"
    # 91182 (Courcouronnes, merged into Évry-Courcouronnes in 2019) is not a commune of the current COG
    assert result["ERRORS"] == 1
    report = json.loads(Path(out["REPORT_JSON"]).read_text(encoding="utf-8"))
    assert [(e["row"], e["field"], e["check"]) for e in report["errors"]] == [(3, "com_insee", "opendata:custom")]


def test_a_local_table_schema_file(qgis_processing, terridata_provider, schema_site, tmp_path):
    import processing

    schema = tmp_path / "own.json"
    shutil.copy(SNAPSHOT / "scdl/subventions/2.0.1/schema.json", schema)
    out = outputs(tmp_path)
    result = processing.run(
        "terridata:export_to_schema",
        {"INPUT": grants_layer(GRANTS), "SCHEMA": str(schema), "MAPPING": MAPPING, **out},
    )
    assert result["VALID"]
    assert json.loads(Path(out["REPORT_JSON"]).read_text(encoding="utf-8"))["metadata"]["schema_source"] == "file"


def test_schema_not_fetchable_uses_the_snapshot_and_says_so(qgis_processing, terridata_provider, schema_site, tmp_path):
    from qgis.core import QgsProcessingFeedback

    import processing

    catalogue = json.loads((SNAPSHOT / "schemas.json").read_text(encoding="utf-8"))
    base = schema_site.url_for("/schemas")
    for entry in catalogue["schemas"]:
        for version in entry["versions"]:
            version["schema_url"] = version["schema_url"].replace("https://schema.data.gouv.fr/schemas", base)
    schema_site.expect_request("/schemas/schemas.json").respond_with_json(catalogue)  # the schema files: 500

    class Log(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.lines = []

        def pushWarning(self, text):  # noqa: N802
            self.lines.append(text)

    log = Log()
    out = outputs(tmp_path)
    result = processing.run(
        "terridata:export_to_schema",
        {"INPUT": grants_layer(GRANTS), "SCHEMA": "scdl/subventions@2.0.1", "MAPPING": MAPPING, **out},
        feedback=log,
    )
    assert result["VALID"]
    assert any("scdl/subventions@2.0.1 could not be fetched" in line and "snapshot" in line for line in log.lines)
    report = json.loads(Path(out["REPORT_JSON"]).read_text(encoding="utf-8"))
    assert report["metadata"]["schema_source"] == "snapshot"
    # a version the snapshot does not have cannot be used offline: a clear error
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="2.1.0 could not be read .* not in the offline snapshot"):
        processing.run(
            "terridata:export_to_schema",
            {"INPUT": grants_layer(GRANTS), "SCHEMA": "scdl/subventions@2.1.0", "MAPPING": MAPPING, **out},
        )


def test_catalogue_and_schemas_are_cached(qgis_app, schema_site, monkeypatch):
    from terridata.providers.schemas.catalogue import SchemaCatalogue

    monkeypatch.setenv("TERRIDATA_CACHE_ENABLED", "true")
    serve_catalogue(schema_site)
    first = SchemaCatalogue().resolve("arsante/schema-dae@1.0.1")
    second = SchemaCatalogue().resolve("arsante/schema-dae@1.0.1")
    assert first.source == "network" and second.schema == first.schema
    paths = [request.path for request, _ in schema_site.log]
    assert paths == ["/schemas/schemas.json", "/schemas/arsante/schema-dae/1.0.1/schema.json"]


def test_geojson_geometry_and_selected_features_only(qgis_processing, terridata_provider, schema_site, tmp_path):
    from qgis.core import QgsProcessingFeatureSourceDefinition

    import processing

    schema = tmp_path / "zones.json"
    schema.write_text(
        json.dumps(
            {
                "fields": [
                    {"name": "nom", "type": "string", "constraints": {"required": True}},
                    {"name": "geometrie", "type": "geojson"},
                ]
            }
        ),
        encoding="utf-8",
    )
    layer = QgsVectorLayer("Polygon?crs=EPSG:2154&field=nom:string", "zones", "memory")
    features = []
    for i, name in enumerate(("A", "B", "C")):
        f = QgsFeature(layer.fields())
        x = 650000.0 + 1000 * i
        f.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({x} 6830000,{x + 500} 6830000,{x + 500} 6830500,{x} 6830000))"))
        f.setAttributes([name])
        features.append(f)
    layer.dataProvider().addFeatures(features)
    QgsProject.instance().addMapLayer(layer)
    try:
        layer.selectByExpression("nom <> 'B'")
        out = outputs(tmp_path, "zones")
        processing.run(
            "terridata:export_to_schema",
            {"INPUT": QgsProcessingFeatureSourceDefinition(layer.id(), True), "SCHEMA": str(schema), **out},
        )
        rows = read_csv(out["OUTPUT"])
        by_name = {r[0]: r for r in rows[1:]}
        assert sorted(by_name) == ["A", "C"]  # the selection only
        transform = QgsCoordinateTransform(
            QgsCoordinateReferenceSystem("EPSG:2154"), QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance()
        )
        expected = QgsGeometry(features[2].geometry())
        expected.transform(transform)
        written = json.loads(by_name["C"][1])
        assert written["type"] == "Polygon"
        for (x, y), point in zip(written["coordinates"][0], expected.asPolygon()[0]):
            assert x == pytest.approx(point.x(), abs=1e-6) and y == pytest.approx(point.y(), abs=1e-6)
    finally:
        QgsProject.instance().removeMapLayer(layer.id())
