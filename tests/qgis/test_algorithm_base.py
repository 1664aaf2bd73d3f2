"""Shared mechanisms of TerriDataAlgorithm (issue 17, point 12): post-processors released after use, one way to
cancel, and a failed run leaves no new output file behind."""

from __future__ import annotations

import datetime as dt

import pytest
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSink,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDateTime, Qt


def _observations():
    layer = QgsVectorLayer("Point?crs=EPSG:2154&field=sensor:string&field=t:datetime&field=no2:double", "obs", "memory")
    start = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
    feats = []
    for i in range(24):
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(650_100, 6_860_100)))
        t = start + dt.timedelta(hours=i)
        f.setAttributes(["S1", QDateTime.fromMSecsSinceEpoch(int(t.timestamp() * 1000), Qt.UTC), float(i)])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def test_post_processors_are_released_after_the_layers_load(qgis_processing, terridata_provider, tmp_path, monkeypatch):
    import processing
    from terridata.processing import base

    used = []  # observe (not replace) QGIS calling TerriData's post-processor
    original = base._OnLoad.postProcessLayer

    def observed(self, layer, context, feedback):
        used.append(self.layer_id in base._LIVE_POST_PROCESSORS)
        return original(self, layer, context, feedback)

    monkeypatch.setattr(base._OnLoad, "postProcessLayer", observed)
    layer = _observations()
    start = len(base._LIVE_POST_PROCESSORS)
    loaded = []
    for run in range(5):
        result = processing.runAndLoadResults(
            "terridata:aggregate_points_to_grid",
            {"INPUT": layer, "CELL_SIZE": 200, "FIELDS": ["no2"], "OUTPUT": str(tmp_path / f"run{run}.gpkg")},
        )
        loaded.append(QgsProject.instance().mapLayer(result["OUTPUT"]) or result["OUTPUT"])
        assert len(base._LIVE_POST_PROCESSORS) == start
    # The post-processor did run: the loaded layers carry TerriData's graduated style.
    layers = [lyr for lyr in QgsProject.instance().mapLayers().values() if lyr.source().startswith(str(tmp_path))]
    assert len(layers) == 5
    assert all(lyr.renderer().type() == "graduatedSymbol" for lyr in layers)
    assert used == [True] * 5  # each run registered one, QGIS used it, then it was released
    QgsProject.instance().removeMapLayers([lyr.id() for lyr in layers])


def test_a_failed_run_releases_its_post_processors_and_removes_its_new_files(qgis_app, tmp_path):
    from terridata.processing import base

    class Failing(base.TerriDataAlgorithm):
        NAME = "test_failing"
        DISPLAY_NAME = "Failing"
        GROUP = "quality"

        def initAlgorithm(self, config=None):  # noqa: N802
            self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", "Output"))

        def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
            layer = _observations()
            sink, dest_id = self.parameterAsSink(
                parameters, "OUTPUT", context, layer.fields(), QgsWkbTypes.Point, layer.crs()
            )
            sink.addFeatures(list(layer.getFeatures()))
            self.on_load(context, dest_id, style="aggregation_time_series")
            raise QgsProcessingException("the service failed")

    start = len(base._LIVE_POST_PROCESSORS)
    target = tmp_path / "half.gpkg"
    for _ in range(3):
        alg = Failing()
        alg.initAlgorithm()
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        details = QgsProcessingContext.LayerDetails("half", QgsProject.instance(), "OUTPUT")
        context.addLayerToLoadOnCompletion(str(target), details)
        with pytest.raises(QgsProcessingException, match="the service failed"):
            alg.processAlgorithm({"OUTPUT": str(target)}, context, QgsProcessingFeedback())
        assert len(base._LIVE_POST_PROCESSORS) == start
        assert not target.exists()


def _cancelled_feedback():
    feedback = QgsProcessingFeedback()
    feedback.cancel()
    return feedback


def _sample_table():
    table = QgsVectorLayer("None?field=code:string&field=pop:double", "t", "memory")
    f = QgsFeature(table.fields())
    f.setAttributes(["91377", 1.0])
    table.dataProvider().addFeature(f)
    return table


@pytest.mark.parametrize(
    ("algorithm", "params"),
    [
        # an aggregation that returned {} on cancel
        (
            "terridata:rollup_territories",
            lambda tmp, gpkg: {"INPUT": _sample_table(), "CODE_FIELD": "code", "LEVEL": 0, "SUM_FIELDS": ["pop"]},
        ),
        # a quality algorithm that returned {} on cancel (feature by feature)
        ("terridata:repair_geometries", lambda tmp, gpkg: {"INPUT": f"{gpkg}|layername=communes"}),
        # a time aggregation that raised its own "Cancelled." (numpy path)
        (
            "terridata:aggregate_time_series",
            lambda tmp, gpkg: {"INPUT": _observations(), "TIME_FIELD": "t", "KEY_FIELD": "sensor", "BUCKET": "day"},
        ),
        # a territorial-code algorithm
        (
            "terridata:add_territorial_hierarchy",
            lambda tmp, gpkg: {"INPUT": _sample_table(), "CODE_FIELD": "code"},
        ),
    ],
)
def test_cancelling_raises_one_translated_message_and_writes_nothing(
    qgis_processing, terridata_provider, tmp_path, sample_gpkg, algorithm, params
):
    from qgis.core import QgsApplication

    import processing
    from terridata.processing.base import cancelled_message

    out = tmp_path / "out.gpkg"
    with pytest.raises(QgsProcessingException) as cancelled:
        processing.run(algorithm, {**params(tmp_path, sample_gpkg), "OUTPUT": str(out)}, feedback=_cancelled_feedback())
    name = QgsApplication.processingRegistry().algorithmById(algorithm).displayName()
    assert str(cancelled.value).splitlines()[-1] == cancelled_message(name)
    assert str(cancelled.value).splitlines()[-1].startswith("Cancelled: ")
    assert not out.exists()


def test_check_cancelled_helper(qgis_app):
    from terridata.processing.base import TerriDataAlgorithm

    class Probe(TerriDataAlgorithm):
        NAME = "probe"
        DISPLAY_NAME = "Probe"
        GROUP = "quality"

    probe = Probe()
    probe.check_cancelled(QgsProcessingFeedback())  # not cancelled: nothing happens
    probe.check_cancelled(None)
    with pytest.raises(
        QgsProcessingException, match=r"Cancelled: Probe was stopped before the end \(cancelled by the user\)"
    ):
        probe.check_cancelled(_cancelled_feedback())


def test_the_guards_also_stop_a_run_that_skipped_check_parameter_values(qgis_app, tmp_path):
    """``alg.run()`` (as some scripts and models call it) does not call checkParameterValues first."""
    from terridata.processing.base import TerriDataAlgorithm

    class Writer(TerriDataAlgorithm):
        NAME = "test_writer"
        DISPLAY_NAME = "Writer"
        GROUP = "quality"

        def initAlgorithm(self, config=None):  # noqa: N802
            self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", "Output"))
            self.addParameter(QgsProcessingParameterFeatureSink("OTHER", "Other"))

        def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
            raise AssertionError("must not start")

    alg = Writer()
    alg.initAlgorithm()
    same = str(tmp_path / "same.gpkg")
    with pytest.raises(QgsProcessingException, match="same file"):
        alg.processAlgorithm({"OUTPUT": same, "OTHER": same}, QgsProcessingContext(), QgsProcessingFeedback())
    with pytest.raises(QgsProcessingException, match="cannot write to /sys/terridata"):
        alg.processAlgorithm(
            {"OUTPUT": "/sys/terridata/a.gpkg", "OTHER": "TEMPORARY_OUTPUT"},
            QgsProcessingContext(),
            QgsProcessingFeedback(),
        )
