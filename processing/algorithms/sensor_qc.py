"""Sensor time-series QC (``terridata:sensor_qc``): QARTOD tests (gross range, spike, rate of change, flat line)
per sensor and observed property, one flag per observation per test plus the aggregated flag, and a quality report
(JSON/HTML) with the per-sensor counts. The tests are in ``core/quality/qartod.py``. The flagged layer and the
reports are committed together: a refused or failed run writes nothing at the output paths."""

from __future__ import annotations

import datetime as _dt
import json
import math
from dataclasses import dataclass

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QVariant

from ...core.quality import model as qm
from ...core.quality import qartod
from ...toolbelt.i18n import error_text
from ..base import TerriDataAlgorithm
from ..qgis_values import py_value
from ..timestamps import epoch_seconds, naive_datetimes_are_utc
from ._outputs_together import CancelledError, OutputsTogether
from ._quality_geometry import SKIP_VALIDITY_CHECKS
from ._quality_outputs import write_reports

FLAG_FIELDS = {
    "gross_range": "qc_gross_range",
    "spike": "qc_spike",
    "rate_of_change": "qc_rate_of_change",
    "flat_line": "qc_flat_line",
    "aggregate": "qc_aggregate",
}


class SensorQcAlgorithm(TerriDataAlgorithm):
    NAME = "sensor_qc"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("TerriData", "Sensor time-series QC")
    GROUP = "quality"

    INPUT = "INPUT"
    SENSOR_FIELD = "SENSOR_FIELD"
    TIME_FIELD = "TIME_FIELD"
    VALUE_FIELD = "VALUE_FIELD"
    PROPERTY_FIELD = "PROPERTY_FIELD"
    PARAMETERS = "PARAMETERS"
    PARAMETERS_FILE = "PARAMETERS_FILE"
    OUTPUT = "OUTPUT"
    OUTPUT_JSON = "OUTPUT_JSON"
    OUTPUT_HTML = "OUTPUT_HTML"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.INPUT, self.tr("Observations (layer or table)"), [QgsProcessing.TypeVector]
            )
        )
        # Defaults are the field names of TerriData's sensor downloads (sensorthings_/hubeau_observations), so a
        # model "observations → sensor_qc" needs no field mapping.
        for name, label, optional, default in (
            (self.SENSOR_FIELD, self.tr("Sensor identifier field"), False, "sensor_id"),
            (
                self.TIME_FIELD,
                self.tr("Observation time field (date-time, ISO text or epoch seconds)"),
                False,
                "observed_at",
            ),
            (self.VALUE_FIELD, self.tr("Observed value field"), False, "value"),
            (self.PROPERTY_FIELD, self.tr("Observed property field (selects the parameters)"), True, None),
        ):
            self.addParameter(
                QgsProcessingParameterField(
                    name, label, defaultValue=default, parentLayerParameterName=self.INPUT, optional=optional
                )
            )
        self.addParameter(
            QgsProcessingParameterString(
                self.PARAMETERS,
                self.tr(
                    'Test parameters per property (JSON: {"NO2": {"gross_range": {"fail_span": [0, 1000], '
                    '"suspect_span": [0, 400]}, "spike": {...}, "rate_of_change": {...}, "flat_line": {...}}, '
                    '"default": {...}}); empty: built-in defaults'
                ),
                multiLine=True,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.PARAMETERS_FILE,
                self.tr("Test parameters file (JSON, same content)"),
                extension="json",
                optional=True,
            )
        )
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Observations with QC flags")))
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_JSON, self.tr("QC report (JSON)"), self.tr("JSON files (*.json)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_HTML, self.tr("QC report (HTML)"), self.tr("HTML files (*.html)"), optional=True
            )
        )
        for flag, label in (
            ("GOOD", self.tr("Observations GOOD")),
            ("SUSPECT", self.tr("Observations SUSPECT")),
            ("FAIL", self.tr("Observations FAIL")),
            ("MISSING", self.tr("Observations MISSING")),
        ):
            self.addOutput(QgsProcessingOutputNumber(flag, label))

    def _parameters(self, parameters, context) -> dict:
        text = (self.parameterAsString(parameters, self.PARAMETERS, context) or "").strip()
        path = self.parameterAsFile(parameters, self.PARAMETERS_FILE, context)
        if text and path:
            raise QgsProcessingException(self.tr("Give the test parameters either as text or as a file, not both"))
        if path:
            try:
                with open(path, encoding="utf-8") as fh:
                    text = fh.read()
            except OSError as e:
                raise QgsProcessingException(self.tr("Cannot read the parameters file {}: {}", path, str(e))) from None
        if not text:
            return {}
        try:
            params = json.loads(text)
        except json.JSONDecodeError as e:
            raise QgsProcessingException(self.tr("The test parameters are not valid JSON: {}", str(e))) from None
        if not isinstance(params, dict) or not all(isinstance(v, dict) for v in params.values()):
            raise QgsProcessingException(
                self.tr(
                    'The test parameters must be {"property": {"test": {parameters}}}, e.g. {"NO2": {"spike": ...}}'
                )
            )
        for prop, cfg in params.items():
            try:
                qartod.validate_config(cfg)
            except ValueError as e:
                raise QgsProcessingException(self.tr("Test parameters of '{}': {}", prop, error_text(e))) from None
        return params

    def checkParameterValues(self, parameters, context):  # noqa: N802
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        try:
            self._parameters(parameters, context)
        except QgsProcessingException as e:
            return False, str(e)
        return True, ""

    def _request(self, parameters, context) -> SensorQcRequest:
        return SensorQcRequest(
            sensor=self.parameterAsString(parameters, self.SENSOR_FIELD, context),
            time=self.parameterAsString(parameters, self.TIME_FIELD, context),
            value=self.parameterAsString(parameters, self.VALUE_FIELD, context),
            prop=self.parameterAsString(parameters, self.PROPERTY_FIELD, context) or "",
            tests=self._parameters(parameters, context),
            naive_is_utc=naive_datetimes_are_utc(
                self.parameterAsVectorLayer(parameters, self.INPUT, context),
                self.parameterAsString(parameters, self.TIME_FIELD, context),
            ),
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        request = self._request(parameters, context)
        outputs = OutputsTogether(
            self, parameters, context, layers=[self.OUTPUT], files=[self.OUTPUT_JSON, self.OUTPUT_HTML]
        )
        out_fields = self._output_fields(source.fields(), request, outputs)
        try:
            obs = self._read(source, request, feedback, outputs)
            flags = self._flags(obs, request, feedback, outputs)
            with outputs:
                outputs.write_layer(
                    self.OUTPUT,
                    out_fields,
                    source.wkbType(),
                    source.sourceCrs(),
                    _flagged(obs, flags, out_fields, feedback),
                )
                report = self._report(source, obs, request.tests, flags, request.value)
                write_reports(report, outputs.file(self.OUTPUT_JSON), outputs.file(self.OUTPUT_HTML))
        except CancelledError:
            return {}
        agg = flags["aggregate"]
        counts = {name: int((agg == code).sum()) for code, name in qartod.FLAG_NAMES.items()}
        feedback.pushInfo(self.tr("Aggregated flags: {}", ", ".join(f"{k} {v}" for k, v in counts.items())))
        return {**outputs.results, **{name: counts[name] for name in ("GOOD", "SUSPECT", "FAIL", "MISSING")}}

    def _output_fields(self, in_fields, request: SensorQcRequest, outputs) -> QgsFields:
        for name in (request.sensor, request.time, request.value, request.prop):
            if name and in_fields.lookupField(name) < 0:
                raise outputs.refuse(
                    self.tr("Field '{}' is not in the input (its fields: {})", name, ", ".join(in_fields.names()))
                )
        out_fields = QgsFields(in_fields)
        for name in FLAG_FIELDS.values():
            if out_fields.lookupField(name) >= 0:
                raise outputs.refuse(self.tr("The input already has a field '{}': rename it first", name))
            out_fields.append(QgsField(name, QVariant.Int))
        return out_fields

    def _read(self, source, request: SensorQcRequest, feedback, outputs) -> Observations:
        fields = source.fields()
        idx = {name: fields.lookupField(name) for name in (request.sensor, request.time, request.value, request.prop)}
        obs = Observations([], [], [], [], [])
        total = max(source.featureCount(), 1)
        for k, feat in enumerate(source.getFeatures(QgsFeatureRequest(), SKIP_VALIDITY_CHECKS)):
            if k % 2000 == 0:
                if feedback.isCanceled():
                    raise CancelledError()
                feedback.setProgress(30.0 * k / total)
            attrs = feat.attributes()
            obs.features.append(feat)
            obs.sensors.append(py_value(attrs[idx[request.sensor]]))
            obs.times.append(epoch_seconds(attrs[idx[request.time]], request.naive_is_utc))
            obs.values.append(_number(py_value(attrs[idx[request.value]])))
            obs.props.append(py_value(attrs[idx[request.prop]]) if request.prop else request.value)
        bad_times = [obs.features[i].id() for i, t in enumerate(obs.times) if math.isnan(t)]
        if bad_times:
            raise outputs.refuse(
                self.tr(
                    "{} observation(s) have no readable time in '{}' (first: feature {}); the tests need a time for "
                    "every observation: fix or filter them",
                    len(bad_times),
                    request.time,
                    bad_times[0],
                )
            )
        if any(v is None or (isinstance(v, str) and not v.strip()) for v in obs.sensors):
            raise outputs.refuse(
                self.tr("Some observations have no sensor identifier in '{}': fix or filter them", request.sensor)
            )
        return obs

    def _flags(self, obs: Observations, request: SensorQcRequest, feedback, outputs) -> dict:
        try:
            flags = qartod.run_qc(
                obs.sensors,
                obs.times,
                obs.values,
                obs.props,
                request.tests,
                progress=lambda pct: feedback.setProgress(30 + 0.5 * pct),
                is_canceled=feedback.isCanceled,
            )
        except ValueError as e:
            raise outputs.refuse(self.tr("The QC tests cannot run: {}", error_text(e))) from None
        if feedback.isCanceled():
            raise CancelledError()
        return flags

    def _titles(self) -> dict:
        return {
            "gross_range": self.tr("Gross range test"),
            "spike": self.tr("Spike test"),
            "rate_of_change": self.tr("Rate of change test"),
            "flat_line": self.tr("Flat line test"),
        }

    def _report(self, source, obs: Observations, params, flags, value_f) -> qm.QualityReport:
        titles = self._titles()
        report = qm.QualityReport(
            self.tr("Sensor QC of {}", source.sourceName()), source=source.sourceName(), row_count=len(obs.features)
        )
        used = {}
        for p in sorted({str(p) for p in obs.props}):
            used[p] = qartod.config_for(params, p)
        report.metadata = {"parameters": used, "flags": {v: k for k, v in qartod.FLAG_NAMES.items()}}
        for test in qartod.TESTS:
            self._test_check(report, test, titles[test], obs, used, flags[test], value_f)
        report.metadata["sensors"] = self._sensor_check(report, obs, flags, value_f)
        return report

    def _test_check(self, report, test, title, obs: Observations, used, arr, value_f) -> None:
        """One QARTOD test: its SUSPECT and FAIL observations, and the count of each flag."""
        check = report.add(
            qm.CheckResult(
                f"qartod_{test}",
                title,
                qm.THEMATIC_ACCURACY,
                params={p: cfg.get(test) for p, cfg in used.items() if cfg.get(test)},
            )
        )
        check.checked = len(obs.features)
        for k in (arr == qartod.SUSPECT).nonzero()[0].tolist() + (arr == qartod.FAIL).nonzero()[0].tolist():
            sensor, when, value = obs.sensors[k], _iso(obs.times[k]), obs.values[k]
            check.problem(
                f"qartod-{test.replace('_', '-')}",
                self.tr(
                    "Sensor {} at {}: value {} flagged {} by the {}",
                    sensor,
                    when,
                    value,
                    qartod.FLAG_NAMES[int(arr[k])],
                    title.lower(),
                ),
                row=obs.features[k].id(),
                field=value_f,
                value=value,
                severity=qm.ERROR if arr[k] == qartod.FAIL else qm.WARNING,
                details={"sensor": str(sensor), "time": when, "flag": int(arr[k])},
            )
        check.summary = {qartod.FLAG_NAMES[c]: int((arr == c).sum()) for c in qartod.FLAG_NAMES}
        if not check.params:
            check.status = qm.SKIPPED
            check.note = self.tr("Not configured for these properties: every observation UNKNOWN (not evaluated)")

    def _sensor_check(self, report, obs: Observations, flags, value_f) -> dict:
        """The sensors that need attention, and the table of flags per sensor; returns the counts per sensor."""
        per_sensor = qartod.summary_by_sensor([str(s) for s in obs.sensors], flags["aggregate"])
        summary = report.add(
            qm.CheckResult(
                "qartod_sensors",
                self.tr("Sensors that need attention (aggregated flag)"),
                qm.THEMATIC_ACCURACY,
                severity=qm.WARNING,
            )
        )
        summary.checked = len(per_sensor)
        for sensor, counts in sorted(per_sensor.items()):
            if counts["FAIL"] or counts["SUSPECT"]:
                summary.problem(
                    "sensor-needs-attention",
                    self.tr(
                        "Sensor {}: {} FAIL, {} SUSPECT, {} MISSING of {} observations",
                        sensor,
                        counts["FAIL"],
                        counts["SUSPECT"],
                        counts["MISSING"],
                        sum(counts.values()),
                    ),
                    field=value_f,
                    value=sensor,
                    details=counts,
                )
        summary.summary = {"sensors": len(per_sensor), "sensors_flagged": len(summary.problems)}
        names = [
            qartod.FLAG_NAMES[c] for c in (qartod.FAIL, qartod.SUSPECT, qartod.MISSING, qartod.UNKNOWN, qartod.GOOD)
        ]
        summary.table = {
            "columns": [self.tr("Sensor"), *names, self.tr("Total")],
            "rows": [
                [sensor, *(counts[n] for n in names), sum(counts.values())]
                for sensor, counts in sorted(
                    per_sensor.items(), key=lambda kv: (-kv[1]["FAIL"], -kv[1]["SUSPECT"], kv[0])
                )
            ],
        }
        summary.note = self.tr(
            "{} of {} sensors have SUSPECT or FAIL observations", len(summary.problems), len(per_sensor)
        )
        return per_sensor


@dataclass(frozen=True)
class SensorQcRequest:
    """The parameters of a run, read once."""

    sensor: str
    time: str
    value: str
    prop: str
    tests: dict
    naive_is_utc: bool


@dataclass
class Observations:
    features: list
    sensors: list
    times: list
    values: list
    props: list


def _flagged(obs: Observations, flags: dict, fields, feedback):
    """The observations with their flags, as output features."""
    order = list(FLAG_FIELDS)
    for k, feat in enumerate(obs.features):
        if k % 2000 == 0:
            if feedback.isCanceled():
                raise CancelledError()
            feedback.setProgress(80 + 15.0 * k / max(len(obs.features), 1))
        out = QgsFeature(fields)
        out.setGeometry(feat.geometry())
        out.setAttributes(list(feat.attributes()) + [int(flags[t][k]) for t in order])
        yield out


def _number(value):
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    try:
        return float(str(value).strip().replace(",", "."))
    except ValueError:
        return None


def _iso(seconds: float) -> str:
    return _dt.datetime.fromtimestamp(seconds, _dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
