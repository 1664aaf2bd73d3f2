"""Processing algorithm ``terridata:aggregate_time_series``: observations → statistics per key and time bucket.

Buckets (15 min, hour, day, ISO week, month) follow Europe/Paris local time, daylight-saving days included
(:mod:`core.aggregation.timebuckets`). The series key is a field (sensor id, zone code) or the polygon zone each
observation point falls in. Output: a long table (one row per key and bucket) or a temporal layer whose
``bucket_start``/``bucket_end`` fields drive QGIS's Temporal Controller.
"""

from __future__ import annotations

from dataclasses import dataclass

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
from ...core.aggregation.timebuckets import (
    BUCKETS,
    bucket_bounds,
    local_iso,
    parse_timestamps,
    unsupported_instants,
    utc_iso,
)
from ..base import TerriDataAlgorithm
from ..enum_choices import enum_key, keyed_enum
from ..ogr_arrays import VectorInput, numeric_array, read_arrays, vector_input
from ..timestamps import epoch_seconds, naive_datetimes_are_utc
from ._aggregation_common import (
    PointArrays,
    add_statistics_parameters,
    check_crs,
    check_statistics,
    column_lists,
    compute_statistics,
    make_fields,
    place_points,
    statistics_from_parameters,
    zone_features,
)

# The stable bucket names (core.aggregation.timebuckets.BUCKETS, in its order) and the labels the drop-down shows.
BUCKET_CHOICES = [
    ("15min", QT_TRANSLATE_NOOP("TerriData", "15 minutes")),
    ("hour", QT_TRANSLATE_NOOP("TerriData", "Hour")),
    ("day", QT_TRANSLATE_NOOP("TerriData", "Day")),
    ("week", QT_TRANSLATE_NOOP("TerriData", "Week (ISO, from Monday)")),
    ("month", QT_TRANSLATE_NOOP("TerriData", "Month")),
]
assert [key for key, _ in BUCKET_CHOICES] == list(BUCKETS)


@dataclass(frozen=True)
class _SeriesRequest:
    """The parameters of a run, read once."""

    observations: VectorInput
    zones: VectorInput | None
    time_field: str
    key_field: str
    zone_id_field: str
    bucket: str
    temporal: bool
    fields: list
    weight: str
    statistics: list
    naive_is_utc: bool


class AggregateTimeSeries(TerriDataAlgorithm):
    NAME = "aggregate_time_series"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("TerriData", "Aggregate observations over time")
    GROUP = "aggregation"

    INPUT, TIME_FIELD, KEY_FIELD, ZONES, ZONE_ID_FIELD = "INPUT", "TIME_FIELD", "KEY_FIELD", "ZONES", "ZONE_ID_FIELD"
    BUCKET, OUTPUT_TYPE, OUTPUT = "BUCKET", "OUTPUT_TYPE", "OUTPUT"
    OUTPUT_TYPES = [
        QT_TRANSLATE_NOOP("TerriData", "Table (long format)"),
        QT_TRANSLATE_NOOP("TerriData", "Temporal layer (geometry of the sensor or zone)"),
    ]

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
                defaultValue="observed_at",  # the time field of TerriData's sensor downloads
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
        self.addParameter(
            keyed_enum(self.BUCKET, self.tr("Time bucket (Europe/Paris)"), BUCKET_CHOICES, default="hour")
        )
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
        self.addOutput(
            QgsProcessingOutputNumber(
                "POINTS_WITHOUT_GEOMETRY", self.tr("Observations without a usable point (with zones only)")
            )
        )

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

    def _request(self, parameters, context) -> _SeriesRequest:
        zones = self.parameterAsSource(parameters, self.ZONES, context)
        return _SeriesRequest(
            observations=vector_input(self, parameters, self.INPUT, context),
            zones=vector_input(self, parameters, self.ZONES, context) if zones is not None else None,
            time_field=self.parameterAsString(parameters, self.TIME_FIELD, context),
            key_field=self.parameterAsString(parameters, self.KEY_FIELD, context) or "",
            zone_id_field=self.parameterAsString(parameters, self.ZONE_ID_FIELD, context) or "",
            bucket=enum_key(self, parameters, self.BUCKET, context) or "hour",
            temporal=self.parameterAsEnum(parameters, self.OUTPUT_TYPE, context) == 1,
            fields=self.parameterAsFields(parameters, "FIELDS", context),
            weight=self.parameterAsString(parameters, "WEIGHT", context) or "",
            statistics=statistics_from_parameters(self, parameters, context),
            naive_is_utc=naive_datetimes_are_utc(
                self.parameterAsVectorLayer(parameters, self.INPUT, context),
                self.parameterAsString(parameters, self.TIME_FIELD, context),
            ),
        )

    def processAlgorithm(self, parameters, context, feedback):
        steps = QgsProcessingMultiStepFeedback(4, feedback)
        if feedback.isCanceled():  # cancelled before the start: the step feedback only hears later requests
            steps.cancel()
        request = self._request(parameters, context)
        source = request.observations.source
        zones = request.zones.source if request.zones is not None else None
        temporal, time_field, key_field = request.temporal, request.time_field, request.key_field
        fields, weight = request.fields, request.weight

        steps.setCurrentStep(0)
        need_geometry = zones is not None or (temporal and source.wkbType() != QgsWkbTypes.NoGeometry)
        wanted = list(dict.fromkeys(fields + [f for f in (weight, key_field) if f]))
        arrays = read_arrays(request.observations, wanted, steps, need_geometry=need_geometry)
        n = len(arrays)
        times = self._timestamps(source, time_field, steps, request.naive_is_utc)
        if len(times) != n:
            raise QgsProcessingException(
                self.tr("The timestamps could not be read consistently ({} features, {} timestamps).", n, len(times))
            )
        self._refuse_unsupported_dates(times, request.observations.name, time_field)
        self.check_cancelled(steps)

        steps.setCurrentStep(1)
        geometries = {}
        without_geometry = 0
        if zones is not None:
            try:
                x, y, feat = parse_point_wkb(arrays.wkb)
            except GeometryError as exc:
                raise QgsProcessingException(
                    self.tr(
                        "The layer {} holds geometries that are not points ({}). Keep only its points and retry.",
                        request.observations.name,
                        exc,
                    )
                ) from exc
            with np.errstate(invalid="ignore"):
                finite = np.isfinite(x) & np.isfinite(y)
            x, y, feat = x[finite], y[finite], feat[finite]
            without_geometry = n - len(np.unique(feat))
            if arrays.crs.isValid():
                check_crs(request.zones.name, zones.sourceCrs())
            x, y, placed = place_points(
                request.observations.name, arrays.crs, x, y, zones.sourceCrs(), context.transformContext()
            )
            x, y, feat = x[placed], y[placed], feat[placed]
            if without_geometry:
                steps.pushWarning(
                    self.tr(
                        "{} observation(s) of {} have no usable point (NULL or empty geometry, NaN or infinite "
                        "coordinates): not assigned to a zone (output POINTS_WITHOUT_GEOMETRY).",
                        without_geometry,
                        request.observations.name,
                    )
                )
            zfeats, zwkb, _invalid = zone_features(zones, steps, 0)
            try:
                pts, zidx = assign_points(parse_polygon_wkb(zwkb), x, y, feedback=lambda f: steps.isCanceled())
            except CancelledError:
                return {}
            obs = feat[pts]
            id_field = request.zone_id_field
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
                usable = _usable_points(arrays.wkb, n)
                first = np.full(len(key_labels), -1)
                order = np.flatnonzero(usable)[::-1]
                first[key_index[order]] = order  # the first observation of each key that has a usable point
                geometries = {k: _geometry(arrays.wkb[i]) for k, i in enumerate(first.tolist()) if i >= 0}
                if not usable.all():
                    feedback.pushWarning(
                        self.tr(
                            "{} observation(s) of {} have no usable point (NULL or empty geometry, NaN or infinite "
                            "coordinates): they are aggregated with their key, whose geometry is taken from another "
                            "observation; {} key(s) have no geometry at all.",
                            int(n - usable.sum()),
                            request.observations.name,
                            int((first < 0).sum()),
                        )
                    )
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
        start, end = bucket_bounds(t, request.bucket)
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
        columns = compute_statistics(groups, obs, points, len(groups_u), request.statistics)

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
                self.check_cancelled(steps)
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
        return {
            self.OUTPUT: dest_id,
            "ROWS": len(groups_u),
            "SKIPPED": skipped,
            "POINTS_WITHOUT_GEOMETRY": int(without_geometry),
        }

    def _refuse_unsupported_dates(self, times, layer_name: str, time_field: str) -> None:
        """QgsProcessingException when timestamps fall outside 1970-2100 (Paris local time)."""
        bad = unsupported_instants(times)
        if bad.any():
            rows = np.flatnonzero(bad)
            raise QgsProcessingException(
                self.tr(
                    "{} timestamp(s) of field {} in {} are before 1970-01-01 or after 2100-12-31 (e.g. {}, feature "
                    "number {}): time buckets are supported from 1970 to 2100 only. Filter these observations out "
                    "(e.g. a filter on the layer) or correct their dates, and retry.",
                    len(rows),
                    time_field,
                    layer_name,
                    utc_iso(times[rows[0]]),
                    int(rows[0]) + 1,
                )
            )

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


def _usable_points(wkbs, n: int) -> np.ndarray:
    """Bool mask of the observations whose geometry is a point with finite coordinates (every one when the layer
    does not hold points: their geometries are then taken as they are)."""
    try:
        x, y, feat = parse_point_wkb(wkbs)
    except GeometryError:
        return np.ones(n, dtype=bool)
    with np.errstate(invalid="ignore"):
        finite = np.isfinite(x) & np.isfinite(y)
    usable = np.zeros(n, dtype=bool)
    usable[feat[finite]] = True
    return usable


def _geometry(wkb) -> QgsGeometry:
    """A QgsGeometry from WKB bytes (an empty geometry for none): ``fromWkb`` is an instance method in PyQGIS."""
    geometry = QgsGeometry()
    if wkb:
        geometry.fromWkb(bytes(wkb))
    return geometry
