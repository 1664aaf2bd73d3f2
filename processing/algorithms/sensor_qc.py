"""Sensor time-series QC (``terridata:sensor_qc``): QARTOD tests (gross range, spike, rate of change, flat line)
per sensor and observed property, one flag per observation per test plus the aggregated flag, and a quality report
(JSON/HTML) with the per-sensor counts. The tests are in ``core/quality/qartod.py``."""

from __future__ import annotations

import datetime as _dt
import json
import math

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
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
from ..base import TerriDataAlgorithm
from ..qgis_values import py_value
from ..timestamps import epoch_seconds, naive_datetimes_are_utc
from .quality_report import SKIP_VALIDITY_CHECKS, write_reports

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
        for name, label, optional in (
            (self.SENSOR_FIELD, self.tr("Sensor identifier field"), False),
            (self.TIME_FIELD, self.tr("Observation time field (date-time, ISO text or epoch seconds)"), False),
            (self.VALUE_FIELD, self.tr("Observed value field"), False),
            (self.PROPERTY_FIELD, self.tr("Observed property field (selects the parameters)"), True),
        ):
            self.addParameter(
                QgsProcessingParameterField(name, label, parentLayerParameterName=self.INPUT, optional=optional)
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
                raise QgsProcessingException(self.tr("Test parameters of '{}': {}", prop, str(e))) from None
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

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        params = self._parameters(parameters, context)
        sensor_f = self.parameterAsString(parameters, self.SENSOR_FIELD, context)
        time_f = self.parameterAsString(parameters, self.TIME_FIELD, context)
        value_f = self.parameterAsString(parameters, self.VALUE_FIELD, context)
        prop_f = self.parameterAsString(parameters, self.PROPERTY_FIELD, context)
        in_fields = source.fields()
        idx = {}
        for name in (sensor_f, time_f, value_f, prop_f):
            if name and in_fields.lookupField(name) < 0:
                raise QgsProcessingException(
                    self.tr("Field '{}' is not in the input (its fields: {})", name, ", ".join(in_fields.names()))
                )
            if name:
                idx[name] = in_fields.lookupField(name)

        # read once
        naive_is_utc = naive_datetimes_are_utc(self.parameterAsVectorLayer(parameters, self.INPUT, context), time_f)
        feats, sensors, times, values, props = [], [], [], [], []
        total = max(source.featureCount(), 1)
        for k, feat in enumerate(source.getFeatures(QgsFeatureRequest(), SKIP_VALIDITY_CHECKS)):
            if k % 2000 == 0:
                if feedback.isCanceled():
                    return {}
                feedback.setProgress(30.0 * k / total)
            attrs = feat.attributes()
            feats.append(feat)
            sensors.append(py_value(attrs[idx[sensor_f]]))
            times.append(epoch_seconds(attrs[idx[time_f]], naive_is_utc))
            values.append(_number(py_value(attrs[idx[value_f]])))
            props.append(py_value(attrs[idx[prop_f]]) if prop_f else value_f)
        bad_times = [feats[i].id() for i, t in enumerate(times) if math.isnan(t)]
        if bad_times:
            raise QgsProcessingException(
                self.tr(
                    "{} observation(s) have no readable time in '{}' (first: feature {}); the tests need a time for "
                    "every observation: fix or filter them",
                    len(bad_times),
                    time_f,
                    bad_times[0],
                )
            )
        if any(v is None or (isinstance(v, str) and not v.strip()) for v in sensors):
            raise QgsProcessingException(
                self.tr("Some observations have no sensor identifier in '{}': fix or filter them", sensor_f)
            )
        try:
            flags = qartod.run_qc(
                sensors,
                times,
                values,
                props,
                params,
                progress=lambda pct: feedback.setProgress(30 + 0.5 * pct),
                is_canceled=feedback.isCanceled,
            )
        except ValueError as e:
            raise QgsProcessingException(self.tr("The QC tests cannot run: {}", str(e))) from None
        if feedback.isCanceled():
            return {}

        # observations with flags
        out_fields = QgsFields(in_fields)
        for name in FLAG_FIELDS.values():
            if out_fields.lookupField(name) >= 0:
                raise QgsProcessingException(self.tr("The input already has a field '{}': rename it first", name))
            out_fields.append(QgsField(name, QVariant.Int))
        sink, dest = self.parameterAsSink(
            parameters, self.OUTPUT, context, out_fields, source.wkbType(), source.sourceCrs()
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        order = list(FLAG_FIELDS)
        for k, feat in enumerate(feats):
            if k % 2000 == 0:
                if feedback.isCanceled():
                    return {}
                feedback.setProgress(80 + 15.0 * k / max(len(feats), 1))
            out = QgsFeature(out_fields)
            out.setGeometry(feat.geometry())
            out.setAttributes(list(feat.attributes()) + [int(flags[t][k]) for t in order])
            sink.addFeature(out, QgsFeatureSink.FastInsert)

        report = self._report(source, feats, sensors, times, values, props, params, flags, value_f)
        json_path = self.parameterAsFileOutput(parameters, self.OUTPUT_JSON, context)
        html_path = self.parameterAsFileOutput(parameters, self.OUTPUT_HTML, context)
        write_reports(report, json_path, html_path)
        agg = flags["aggregate"]
        counts = {name: int((agg == code).sum()) for code, name in qartod.FLAG_NAMES.items()}
        feedback.pushInfo(self.tr("Aggregated flags: {}", ", ".join(f"{k} {v}" for k, v in counts.items())))
        results = {self.OUTPUT: dest, "GOOD": counts["GOOD"], "SUSPECT": counts["SUSPECT"], "FAIL": counts["FAIL"]}
        results["MISSING"] = counts["MISSING"]
        if json_path:
            results[self.OUTPUT_JSON] = json_path
        if html_path:
            results[self.OUTPUT_HTML] = html_path
        return results

    def _titles(self) -> dict:
        return {
            "gross_range": self.tr("Gross range test"),
            "spike": self.tr("Spike test"),
            "rate_of_change": self.tr("Rate of change test"),
            "flat_line": self.tr("Flat line test"),
        }

    def _report(self, source, feats, sensors, times, values, props, params, flags, value_f) -> qm.QualityReport:
        titles = self._titles()
        report = qm.QualityReport(
            self.tr("Sensor QC of {}", source.sourceName()), source=source.sourceName(), row_count=len(feats)
        )
        used = {}
        for p in sorted({str(p) for p in props}):
            used[p] = qartod.config_for(params, p)
        report.metadata = {"parameters": used, "flags": {v: k for k, v in qartod.FLAG_NAMES.items()}}
        ids = [f.id() for f in feats]
        for test in qartod.TESTS:
            check = report.add(
                qm.CheckResult(
                    f"qartod_{test}",
                    titles[test],
                    qm.THEMATIC_ACCURACY,
                    params={p: cfg.get(test) for p, cfg in used.items() if cfg.get(test)},
                )
            )
            check.checked = len(feats)
            arr = flags[test]
            for k in (arr == qartod.SUSPECT).nonzero()[0].tolist() + (arr == qartod.FAIL).nonzero()[0].tolist():
                name = qartod.FLAG_NAMES[int(arr[k])]
                check.problem(
                    f"qartod-{test.replace('_', '-')}",
                    self.tr(
                        "Sensor {} at {}: value {} flagged {} by the {}",
                        sensors[k],
                        _iso(times[k]),
                        values[k],
                        name,
                        titles[test].lower(),
                    ),
                    row=ids[k],
                    field=value_f,
                    value=values[k],
                    severity=qm.ERROR if arr[k] == qartod.FAIL else qm.WARNING,
                    details={"sensor": str(sensors[k]), "time": _iso(times[k]), "flag": int(arr[k])},
                )
            counts = {qartod.FLAG_NAMES[c]: int((arr == c).sum()) for c in qartod.FLAG_NAMES}
            check.summary = counts
            if not check.params:
                check.status = qm.SKIPPED
                check.note = self.tr("Not configured for these properties: every observation UNKNOWN (not evaluated)")
        per_sensor = qartod.summary_by_sensor([str(s) for s in sensors], flags["aggregate"])
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
        report.metadata["sensors"] = per_sensor
        return report


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
