"""Runs of the quality report and of the anonymised export whose reports the French checks read.

The quality fixture has 1,200 points (a count that needs a thousands separator), a field 2/3 filled (a
completeness of 66.7 %, a decimal), a duplicated key, an outlier, dates that do not parse or lie in the future,
territorial codes badly written or unknown, and a feature without geometry: every kind of message of the report.
The risk report is the anonymised export of 1,500 synthetic citizen reports (tests/fixtures/privacy).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsSettings, QgsVectorLayer

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURES = REPO_ROOT / "tests" / "fixtures" / "privacy"
QUALITY_ROWS = 1200
NAMED_ROWS = 800  # 800 / 1200 = 66.7 % complete


@pytest.fixture(scope="module")
def french(qgis_app):
    """QGIS in French (its locale override, as Settings ▸ Options ▸ General sets it) and TerriData loaded as QGIS
    loads it: its French translator installed. Restored afterwards."""
    settings = QgsSettings()
    keys = ("locale/overrideFlag", "locale/userLocale")
    saved = {key: settings.value(key) for key in keys}
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", "fr_FR")
    from terridata import classFactory

    plugin = classFactory(None)
    assert plugin.translator is not None, "the French translation (i18n/terridata_fr.qm) did not load"
    subprocess_build_help()
    yield plugin
    plugin.unload()
    for key, value in saved.items():
        if value is None:
            settings.remove(key)
        else:
            settings.setValue(key, value)
    # Algorithms registered meanwhile were created in French: the tests after these see them in English again.
    from qgis.core import QgsApplication

    provider = QgsApplication.processingRegistry().providerById("terridata")
    if provider is not None:
        provider.refreshAlgorithms()


def subprocess_build_help() -> None:
    """The offline help pages, as scripts/package_build.py builds them for the zip."""
    import subprocess

    done = subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "build_help.py"), "--root", str(REPO_ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def quality_layer() -> QgsVectorLayer:
    layer = QgsVectorLayer(
        "Point?crs=EPSG:2154&field=id:integer&field=nom:string&field=pop:double&field=jour:string&field=com:string",
        "communes_fixture",
        "memory",
    )
    features = []
    for i in range(QUALITY_ROWS):
        feature = QgsFeature(layer.fields())
        if i != 7:  # one feature without geometry
            feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(650000 + 10 * i, 6860000 + 5 * (i % 50))))
        feature.setAttributes(
            [
                5 if i == 6 else i,  # key 5 twice
                f"n{i}" if i < NAMED_ROWS else None,
                250.5 if i == 3 else 10.0 + (i % 9),  # one outlier
                "31/02/2024" if i == 1 else ("2999-01-01" if i == 2 else "2024-01-01"),
                "1001" if i == 4 else ("96001" if i == 5 else "91228"),  # badly written, unknown, valid
            ]
        )
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)
    return layer


def run_quality_report(folder: Path) -> dict:
    import processing

    folder.mkdir(parents=True, exist_ok=True)
    outputs = {
        "OUTPUT": str(folder / "problems.gpkg"),
        "OUTPUT_AREAS": str(folder / "areas.gpkg"),
        "OUTPUT_JSON": str(folder / "report.json"),
        "OUTPUT_HTML": str(folder / "report.html"),
    }
    result = processing.run(
        "terridata:quality_report",
        {
            "INPUT": quality_layer(),
            "CHECK_GEOMETRY": True,
            "REQUIRED_FIELDS": ["nom"],
            "COMPLETENESS_THRESHOLD": 80,
            "KEY_FIELDS": ["id"],
            "OUTLIER_FIELDS": ["pop"],
            "DATE_FIELDS": ["jour"],
            "REFERENCE_DATE": "2025-01-01",
            "DOMAIN_RULES": json.dumps({"pop": {"minimum": 0, "maximum": 100000}}),
            "CODE_FIELD": "com",
            "COG_VINTAGE": 2024,
            **outputs,
        },
    )
    problems = QgsVectorLayer(result["OUTPUT"], "problems", "ogr")
    assert problems.isValid()
    messages = [(f["check"], f["message"]) for f in problems.getFeatures()]
    return {
        "html": Path(outputs["OUTPUT_HTML"]).read_text(encoding="utf-8"),
        "json": Path(outputs["OUTPUT_JSON"]).read_text(encoding="utf-8"),
        "layer_messages": messages,
        "result": result,
    }


def run_risk_report(folder: Path, records: int = 1500) -> dict:
    import processing

    if str(FIXTURES) not in sys.path:
        sys.path.insert(0, str(FIXTURES))
    from citizen_reports import write_geojson

    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "citizen_reports.geojson"
    write_geojson(source, records, 7)
    outputs = {
        "OUTPUT": str(folder / "reports_open.gpkg"),
        "REPORT_HTML": str(folder / "risk.html"),
        "REPORT_JSON": str(folder / "risk.json"),
    }
    result = processing.run(
        "terridata:anonymised_export", {"INPUT": str(source), "SENSITIVE_FIELD": "category", **outputs}
    )
    return {
        "html": Path(outputs["REPORT_HTML"]).read_text(encoding="utf-8"),
        "json": Path(outputs["REPORT_JSON"]).read_text(encoding="utf-8"),
        "result": result,
    }
