"""Processing algorithm ``terridata:aggregate_time_series``: observations → statistics per key and time bucket.

Buckets (15 min, hour, day, ISO week, month) follow Europe/Paris local time, daylight-saving days included
(:mod:`core.aggregation.timebuckets`). The series key is a field (sensor id, zone code) or the polygon zone each
observation point falls in. Output: a long table (one row per key and bucket) or a temporal layer whose
``bucket_start``/``bucket_end`` fields drive QGIS's Temporal Controller.
"""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QDate, QDateTime, Qt, QVariant

from ...core.aggregation.geometry import GeometryError, parse_point_wkb, parse_polygon_wkb
from ...core.aggregation.pip import CancelledError, assign_points
from ...core.aggregation.timebuckets import BUCKETS, bucket_bounds, local_iso, parse_timestamps
from ..base import TerriDataAlgorithm
from ..ogr_arrays import numeric_array, read_vector, transform_xy
from ..timestamps import epoch_seconds, naive_datetimes_are_utc
from ._aggregation_common import (
    PointArrays,
    add_statistics_parameters,
    check_statistics,
    column_lists,
    compute_statistics,
    make_fields,
    statistics_from_parameters,
    zone_features,
)


class AggregateTimeSeries(TerriDataAlgorithm):
    NAME = "aggregate_time_series"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("TerriData", "Aggregate observations over time")
    GROUP = "aggregation"

    INPUT, TIME_FIELD, KEY_FIELD, ZONES, ZONE_ID_FIELD = "INPUT", "TIME_FIELD", "KEY_FIELD", "ZONES", "ZONE_ID_FIELD"
    BUCKET, OUTPUT_TYPE, OUTPUT = "BUCKET", "OUTPUT_TYPE", "OUTPUT"
    OUTPUT_TYPES = ["Table (long format)", "Temporal layer (geometry of the sensor or zone)"]

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.INPUT, self.tr("Observations (layer or table)"), [QgsProcessing.TypeVector]
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.TIME_FIELD,
                self.tr("Timestamp field (date/time, or ISO 8601 text; without offset = Paris local time)"),
                parentLayerParameterName=self.INPUT,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.KEY_FIELD,
                self.tr("Sensor or zone key field"),
                parentLayerParameterName=self.INPUT,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.ZONES,
                self.tr("Or: zones to assign observation points to"),
                [QgsProcessing.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.ZONE_ID_FIELD, self.tr("Zone identifier field"), parentLayerParameterName=self.ZONES, optional=True
            )
        )
        bucket = QgsProcessingParameterEnum(
            self.BUCKET, self.tr("Time bucket (Europe/Paris)"), options=list(BUCKETS), defaultValue="hour"
        )
        bucket.setUsesStaticStrings(True)
        self.addParameter(bucket)
        add_statistics_parameters(self, self.INPUT, with_category=False)
        self.addParameter(
            QgsProcessingParameterEnum(
                self.OUTPUT_TYPE,
                self.tr("Output"),
                options=[self.tr(o) for o in self.OUTPUT_TYPES],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Statistics per key and time bucket"), QgsProcessing.TypeVector
            )
        )
        self.addOutput(QgsProcessingOutputNumber("ROWS", self.tr("Rows written")))
        self.addOutput(QgsProcessingOutputNumber("SKIPPED", self.tr("Observations without a timestamp or zone")))

    def checkParameterValues(self, parameters, context):
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is not None and source.featureCount() == 0:
            return False, self.tr("The observation layer is empty: nothing to aggregate.")
        zones = self.parameterAsSource(parameters, self.ZONES, context)
        key = self.parameterAsString(parameters, self.KEY_FIELD, context)
        if zones is not None and key:
            return False, self.tr("Give either a key field or zones, not both.")
        if zones is not None and source is not None:
            if QgsWkbTypes.geometryType(source.wkbType()) != QgsWkbTypes.PointGeometry:
                return False, self.tr("To assign observations to zones, the observation layer must have points.")
        if source is not None:
            time_field = self.parameterAsString(parameters, self.TIME_FIELD, context)
            idx = source.fields().lookupField(time_field)
            if idx >= 0 and source.fields().at(idx).type() not in (
                QVariant.DateTime,
                QVariant.Date,
                QVariant.String,
            ):
                return False, self.tr(
                    "The timestamp field {} must be a date/time, a date or ISO 8601 text.", time_field
                )
        return check_statistics(self, parameters, context)

    def processAlgorithm(self, parameters, context, feedback):
        steps = QgsProcessingMultiStepFeedback(4, feedback)
        if feedback.isCanceled():  # cancelled before the start: the step feedback only hears later requests
            steps.cancel()
        statistics = statistics_from_parameters(self, parameters, context)
        bucket = self.parameterAsEnumString(parameters, self.BUCKET, context) or "hour"
        temporal = self.parameterAsEnum(parameters, self.OUTPUT_TYPE, context) == 1
        source = self.parameterAsSource(parameters, self.INPUT, context)
        time_field = self.parameterAsString(parameters, self.TIME_FIELD, context)
        key_field = self.parameterAsString(parameters, self.KEY_FIELD, context) or ""
        zones = self.parameterAsSource(parameters, self.ZONES, context)
        fields = self.parameterAsFields(parameters, "FIELDS", context)
        weight = self.parameterAsString(parameters, "WEIGHT", context) or ""

        steps.setCurrentStep(0)
        need_geometry = zones is not None or (temporal and source.wkbType() != QgsWkbTypes.NoGeometry)
        wanted = list(dict.fromkeys(fields + [f for f in (weight, key_field) if f]))
        arrays = read_vector(self, parameters, self.INPUT, context, wanted, steps, need_geometry=need_geometry)
        n = len(arrays)
        naive_is_utc = naive_datetimes_are_utc(self.parameterAsVectorLayer(parameters, self.INPUT, context), time_field)
        times = self._timestamps(source, time_field, steps, naive_is_utc)
        if len(times) != n:
            raise QgsProcessingException(
                self.tr("The timestamps could not be read consistently ({} features, {} timestamps).", n, len(times))
            )
        if steps.isCanceled():
            return {}

        steps.setCurrentStep(1)
        geometries = {}
        if zones is not None:
            try:
                x, y, feat = parse_point_wkb(arrays.wkb)
            except GeometryError as exc:
                raise QgsProcessingException(self.tr("The observation points could not be read: {}.", exc)) from exc
            x, y = transform_xy(x, y, arrays.crs, zones.sourceCrs())
            zfeats, zwkb, _invalid = zone_features(zones, steps, 0)
            try:
                pts, zidx = assign_points(parse_polygon_wkb(zwkb), x, y, feedback=lambda f: steps.isCanceled())
            except CancelledError:
                return {}
            obs = feat[pts]
            id_field = self.parameterAsString(parameters, self.ZONE_ID_FIELD, context) or ""
            labels = [str(f[id_field]) if id_field else str(f.id()) for f in zfeats]
            key_index = zidx
            key_labels = np.array(labels, dtype=object)
            if temporal:
                geometries = {i: zfeats[i].geometry() for i in np.unique(zidx).tolist()}
            out_crs = zones.sourceCrs()
        else:
            obs = np.arange(n)
            if key_field:
                raw = arrays.attributes[key_field]
                text = np.array(["" if v is None else str(v) for v in raw.tolist()], dtype=object)
                key_labels, key_index = np.unique(text.astype(str), return_inverse=True)
                key_labels = key_labels.astype(object)
            else:
                key_labels, key_index = np.array(["all"], dtype=object), np.zeros(n, dtype=np.int64)
            if temporal and need_geometry:
                first = np.full(len(key_labels), -1)
                order = np.arange(n)[::-1]
                first[key_index[order]] = order  # the first observation of each key
                geometries = {
                    k: QgsGeometry.fromWkb(arrays.wkb[i]) if arrays.wkb[i] else QgsGeometry()
                    for k, i in enumerate(first.tolist())
                    if i >= 0
                }
            out_crs = source.sourceCrs()

        t = times[obs]
        ok = ~np.isnan(t)
        skipped = int(n - ok.sum())
        obs, key_index, t = obs[ok], np.asarray(key_index)[ok], t[ok]
        if len(obs) == 0:
            raise QgsProcessingException(
                self.tr("No observation has a readable timestamp (and a zone): check the field {}.", time_field)
            )
        steps.setCurrentStep(2)
        start, end = bucket_bounds(t, bucket)
        b_values, b_index = np.unique(start, return_inverse=True)
        combined = key_index.astype(np.int64) * len(b_values) + b_index
        groups_u, groups = np.unique(combined, return_inverse=True)
        g_key = groups_u // len(b_values)
        g_start = b_values[groups_u % len(b_values)]
        _, first_of = np.unique(groups, return_index=True)
        g_end = end[first_of]
        values = {f: numeric_array(arrays.attributes[f]) for f in fields}
        weights = numeric_array(arrays.attributes[weight]) if weight else None
        points = PointArrays(None, None, obs, values, weights, None, n)
        columns = compute_statistics(groups, obs, points, len(groups_u), statistics)

        steps.setCurrentStep(3)
        base = QgsFields()
        base.append(QgsField("key", QVariant.String))
        base.append(QgsField("bucket_start", QVariant.DateTime))
        base.append(QgsField("bucket_end", QVariant.DateTime))
        base.append(QgsField("bucket_local", QVariant.String))
        out_fields, _ = make_fields(base, columns)
        if temporal and geometries:
            wkb_type = zones.wkbType() if zones is not None else source.wkbType()
            wkb_type = QgsWkbTypes.multiType(wkb_type) if zones is not None else wkb_type
        else:
            wkb_type = QgsWkbTypes.NoGeometry
        sink, dest_id = self.parameterAsSink(
            parameters,
            self.OUTPUT,
            context,
            out_fields,
            wkb_type,
            out_crs if wkb_type != QgsWkbTypes.NoGeometry else QgsCoordinateReferenceSystem(),
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        stat_cols = column_lists(columns)
        local = local_iso(g_start)
        batch = []
        for i in range(len(groups_u)):
            f = QgsFeature(out_fields)
            k = int(g_key[i])
            if wkb_type != QgsWkbTypes.NoGeometry and k in geometries:
                geom = QgsGeometry(geometries[k])
                if zones is not None:
                    geom.convertToMultiType()
                f.setGeometry(geom)
            f.setAttributes(
                [
                    str(key_labels[k]),
                    QDateTime.fromMSecsSinceEpoch(int(g_start[i]) * 1000, Qt.UTC),
                    QDateTime.fromMSecsSinceEpoch(int(g_end[i]) * 1000, Qt.UTC),
                    local[i],
                ]
                + [col[i] for col in stat_cols]
            )
            batch.append(f)
            if len(batch) == 10000:
                if steps.isCanceled():
                    return {}
                sink.addFeatures(batch, QgsFeatureSink.FastInsert)
                batch = []
                steps.setProgress(100.0 * i / len(groups_u))
        sink.addFeatures(batch, QgsFeatureSink.FastInsert)
        if wkb_type != QgsWkbTypes.NoGeometry:
            style = "aggregation_time_zones" if zones is not None else "aggregation_time_points"
            self.on_load(context, dest_id, style=style, temporal=("bucket_start", "bucket_end"))
        if skipped:
            steps.pushWarning(
                self.tr("{} observations skipped (no readable timestamp, or outside every zone).", skipped)
            )
        return {self.OUTPUT: dest_id, "ROWS": len(groups_u), "SKIPPED": skipped}

    def _timestamps(self, source, time_field: str, feedback, naive_is_utc: bool = False) -> np.ndarray:
        """UTC epoch seconds of each feature's timestamp (NaN when missing), in the source's feature order."""
        idx = source.fields().lookupField(time_field)
        if idx < 0:
            raise QgsProcessingException(self.tr("Field {} not found in the observation layer.", time_field))
        request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry).setSubsetOfAttributes([idx])
        out = []
        naive = []
        total = max(source.featureCount(), 1)
        flags = QgsProcessingFeatureSource.FlagSkipGeometryValidityChecks
        for i, f in enumerate(source.getFeatures(request, flags)):
            if i % 20000 == 0:
                if feedback.isCanceled():
                    raise QgsProcessingException(self.tr("Cancelled."))
                feedback.setProgress(100.0 * i / total)
            v = f.attributes()[idx]
            if isinstance(v, QDateTime):
                if not v.isValid():
                    out.append(np.nan)
                elif v.timeSpec() == Qt.LocalTime and naive_is_utc:
                    out.append(epoch_seconds(v, naive_is_utc=True))
                elif v.timeSpec() == Qt.LocalTime:
                    naive.append((len(out), v.toString("yyyy-MM-ddTHH:mm:ss.zzz")))
                    out.append(np.nan)
                else:
                    out.append(v.toMSecsSinceEpoch() / 1000.0)
            elif isinstance(v, QDate):
                naive.append((len(out), v.toString("yyyy-MM-dd") + "T00:00:00") if v.isValid() else (len(out), None))
                out.append(np.nan)
            elif isinstance(v, str):
                naive.append((len(out), v))
                out.append(np.nan)
            else:
                out.append(np.nan)
        arr = np.asarray(out, dtype=np.float64)
        if naive:
            pos = np.array([p for p, _ in naive], dtype=np.int64)
            arr[pos] = parse_timestamps([t for _, t in naive])
        return arr
