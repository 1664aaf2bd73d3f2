"""Enum parameters accept the number and the name of a choice, for static-string enums (stored as text) and
index enums (stored as numbers) alike, in processing.run and qgis_process (issue 16, point 18).

The mechanism lives in ``processing/base.py`` + ``processing/enum_choices.py``; algorithms keep their plain
``QgsProcessingParameterEnum`` declarations. The expected outputs are the same algorithm run with the value QGIS
itself accepts (the stored form), so a conversion to the wrong choice shows as different results.
"""

from __future__ import annotations

import datetime as dt

import pytest
from qgis.core import (
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingContext,
    QgsProcessingParameterEnum,
    QgsVectorFileWriter,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDateTime, Qt


@pytest.fixture
def enums(qgis_app):
    """The declarations of two algorithms' enums, constructed here: aggregate_time_series' BUCKET (static strings)
    and the aggregations' STATISTICS (static strings, several choices), and export_council_map's METHOD (index)."""
    bucket = QgsProcessingParameterEnum("BUCKET", "Time bucket", options=["15min", "hour", "day", "week", "month"])
    bucket.setUsesStaticStrings(True)
    stats = QgsProcessingParameterEnum(
        "STATISTICS", "Statistics", options=["count", "sum", "mean", "median", "min", "max", "std"], allowMultiple=True
    )
    stats.setUsesStaticStrings(True)
    method = QgsProcessingParameterEnum(
        "METHOD", "Classification", options=["Quantiles", "Natural breaks (Jenks)", "Equal intervals"]
    )
    vintage = QgsProcessingParameterEnum("VINTAGE", "COG vintage", options=["2019", "2020", "2021", "2024"])
    return {"BUCKET": bucket, "STATISTICS": stats, "METHOD": method, "VINTAGE": vintage}


@pytest.mark.parametrize(
    ("name", "given", "stored"),
    [
        ("BUCKET", 1, "hour"),
        ("BUCKET", "1", "hour"),
        ("BUCKET", "hour", "hour"),
        ("BUCKET", " Day ", "day"),
        ("BUCKET", 4.0, "month"),
        ("STATISTICS", [0, 2], ["count", "mean"]),
        ("STATISTICS", "0,1", ["count", "sum"]),
        ("STATISTICS", "count,MAX", ["count", "max"]),
        ("STATISTICS", ["sum", 6], ["sum", "std"]),
        ("STATISTICS", "median", ["median"]),
        ("METHOD", 2, 2),
        ("METHOD", "2", 2),
        ("METHOD", "natural breaks (jenks)", 1),
        ("METHOD", "Equal intervals", 2),
        ("VINTAGE", "2020", 1),  # a choice's text wins over a number
        ("VINTAGE", 3, 3),
        ("VINTAGE", "3", 3),
    ],
)
def test_number_and_name_give_the_stored_form(enums, name, given, stored):
    from terridata.processing.enum_choices import normalise_enum_value

    param = enums[name]
    assert normalise_enum_value(param, given) == stored
    # ...and QGIS itself accepts the stored form.
    assert param.checkValueIsAcceptable(stored, QgsProcessingContext())


@pytest.mark.parametrize(
    ("name", "given"),
    [
        ("BUCKET", 5),
        ("BUCKET", "fortnight"),
        ("BUCKET", -1),
        ("STATISTICS", "0,9"),
        ("METHOD", "kmeans"),
        ("METHOD", True),
    ],
)
def test_a_value_that_names_no_choice_is_refused_with_the_choices(enums, name, given):
    from terridata.processing.enum_choices import EnumChoiceError, normalise_enum_value

    with pytest.raises(EnumChoiceError) as refused:
        normalise_enum_value(enums[name], given)
    message = str(refused.value)
    assert name in message and "0 = " in message
    assert enums[name].options()[1] in message


def _observations():
    layer = QgsVectorLayer("Point?crs=EPSG:2154&field=sensor:string&field=t:datetime&field=no2:double", "obs", "memory")
    feats = []
    start = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
    for i in range(48 * 4):
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(650_100, 6_860_100)))
        t = start + dt.timedelta(minutes=15 * i)
        f.setAttributes(["S1", QDateTime.fromMSecsSinceEpoch(int(t.timestamp() * 1000), Qt.UTC), float(i)])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def _rows(layer):
    names = layer.fields().names()
    return sorted(tuple(str(f[n]) for n in names) for f in layer.getFeatures())


def test_time_series_bucket_and_statistics_by_number(qgis_processing, terridata_provider):
    import processing

    layer = _observations()

    def run(bucket, stats):
        params = {
            "INPUT": layer,
            "TIME_FIELD": "t",
            "KEY_FIELD": "sensor",
            "BUCKET": bucket,
            "FIELDS": ["no2"],
            "STATISTICS": stats,
            "OUTPUT": "TEMPORARY_OUTPUT",
        }
        return processing.run("terridata:aggregate_time_series", params)["OUTPUT"]

    by_name = run("day", ["count", "mean"])
    by_number = run(2, [0, 2])
    by_text_number = run("2", "0,2")
    assert by_name.featureCount() == 3  # 48 h from 01:00 Paris time span three local days: "day" was used
    assert "no2_mean" in by_name.fields().names() and "no2_sum" not in by_name.fields().names()
    assert _rows(by_number) == _rows(by_name)
    assert _rows(by_text_number) == _rows(by_name)


def _table():
    table = QgsVectorLayer("None?field=code:string&field=pop:double", "t", "memory")
    feats = []
    for code, pop in (("91377", 10.0), ("91477", 20.0), ("75056", 5.0)):
        f = QgsFeature(table.fields())
        f.setAttributes([code, pop])
        feats.append(f)
    table.dataProvider().addFeatures(feats)
    return table


def test_rollup_level_by_number(qgis_processing, terridata_provider):
    import processing

    table = _table()

    def run(level):
        params = {
            "INPUT": table,
            "CODE_FIELD": "code",
            "LEVEL": level,
            "SUM_FIELDS": ["pop"],
            "OUTPUT": "TEMPORARY_OUTPUT",
        }
        return processing.run("terridata:rollup_territories", params)["OUTPUT"]

    by_name = run("departement")
    assert _rows(run(1)) == _rows(by_name)
    assert _rows(run("DEPARTEMENT")) == _rows(by_name)
    assert _rows(run(0)) == _rows(run("epci"))
    assert _rows(run(0)) != _rows(by_name)


def test_unknown_choice_is_refused_before_the_run(qgis_processing, terridata_provider):
    from qgis.core import QgsProcessingException

    import processing

    with pytest.raises(QgsProcessingException) as refused:
        processing.run(
            "terridata:rollup_territories",
            {"INPUT": "unused", "CODE_FIELD": "code", "LEVEL": 7, "OUTPUT": "TEMPORARY_OUTPUT"},
        )
    assert "LEVEL" in str(refused.value) and "0 = epci" in str(refused.value)


def test_help_lists_the_numbered_choices(terridata_provider):
    from qgis.core import QgsApplication

    alg = QgsApplication.processingRegistry().algorithmById("terridata:aggregate_time_series")
    import re

    help_text = re.sub(r"<[^>]+>", "", alg.shortHelpString())  # the help is HTML: its visible text
    assert "BUCKET: 0 = 15min (15 minutes), 1 = hour, 2 = day" in help_text
    assert "STATISTICS: 0 = count (Count (non-NULL values)), 1 = sum" in help_text


def test_qgis_process_accepts_numbers_for_static_string_enums(tmp_path, qgis_process_profile):
    """The command line of issue 16: ``LEVEL=1`` (static strings) through qgis_process.bin."""
    from qgis_process_helper import run_qgis_process

    source = str(tmp_path / "t.gpkg")
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    error = QgsVectorFileWriter.writeAsVectorFormatV2(_table(), source, QgsCoordinateTransformContext(), options)
    assert error[0] == QgsVectorFileWriter.NoError
    out = tmp_path / "dep.csv"
    result = run_qgis_process(
        "terridata:rollup_territories",
        {"INPUT": source, "CODE_FIELD": "code", "LEVEL": 1, "SUM_FIELDS": "pop", "OUTPUT": str(out)},
    )
    assert result["inputs"]["LEVEL"] in (1, "1")
    text = out.read_text(encoding="utf-8")
    rows = {line.split(",")[0].strip('"'): line for line in text.splitlines()[1:]}
    assert set(rows) == {"91", "75"}  # départements, not EPCI SIREN codes


def test_a_model_child_accepts_the_number_of_a_static_string_choice(qgis_processing, terridata_provider, tmp_path):
    """In a model, a TerriData child algorithm gets its values from the model (here LEVEL=1 typed as a number)."""
    from qgis.core import (
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildParameterSource,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterFeatureSource,
    )

    import processing

    model = QgsProcessingModelAlgorithm("enum_model", "tests")
    model.addModelParameter(QgsProcessingParameterFeatureSource("table", "Table"), QgsProcessingModelParameter("table"))
    child = QgsProcessingModelChildAlgorithm("terridata:rollup_territories")
    child.setChildId("rollup")
    child.addParameterSources("INPUT", [QgsProcessingModelChildParameterSource.fromModelParameter("table")])
    child.addParameterSources("CODE_FIELD", [QgsProcessingModelChildParameterSource.fromStaticValue("code")])
    child.addParameterSources("LEVEL", [QgsProcessingModelChildParameterSource.fromStaticValue(1)])
    child.addParameterSources("SUM_FIELDS", [QgsProcessingModelChildParameterSource.fromStaticValue(["pop"])])
    output = QgsProcessingModelOutput("totals", "Totals")
    output.setChildOutputName("OUTPUT")
    child.setModelOutputs({"totals": output})
    model.addChildAlgorithm(child)
    # The model's output parameter is "rollup:totals" on QGIS 3.22, "totals" on QGIS 3.40
    (totals,) = [p.name() for p in model.destinationParameterDefinitions()]
    assert totals in ("rollup:totals", "totals")
    result = processing.run(model, {"table": _table(), totals: "TEMPORARY_OUTPUT"})
    layer = result[totals]
    if isinstance(layer, str):
        from qgis.core import QgsProcessingUtils

        layer = QgsProcessingUtils.mapLayerFromString(layer, processing.tools.dataobjects.createContext())
    direct = processing.run(
        "terridata:rollup_territories",
        {
            "INPUT": _table(),
            "CODE_FIELD": "code",
            "LEVEL": "departement",
            "SUM_FIELDS": ["pop"],
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )["OUTPUT"]
    assert _rows(layer) == _rows(direct)
