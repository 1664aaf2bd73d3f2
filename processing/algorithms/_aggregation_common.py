"""Shared parameters and glue of TerriData's aggregation algorithms (points to zones, to a grid, over time).

The heavy work is in :mod:`terridata.core.aggregation` (numpy); this module reads the inputs into arrays, turns
statistic choices into names, and builds output fields and feature attributes from the computed arrays.
"""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsProcessingParameterEnum,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ...core.aggregation.geometry import GeometryError
from ...core.aggregation.stats import BASIC_STATISTICS, category_counts, grouped_statistics, safe_field_name
from ...toolbelt.i18n import tr
from ..ogr_arrays import read_vector, transform_xy

DEFAULT_STATISTICS = ["count", "sum", "mean"]


def add_statistics_parameters(alg, input_name: str = "INPUT", with_category: bool = True) -> None:
    """FIELDS, STATISTICS, PERCENTILES, WEIGHT (and CATEGORY) parameters, with stable names."""
    alg.addParameter(
        QgsProcessingParameterField(
            "FIELDS",
            tr("Numeric fields to summarise"),
            parentLayerParameterName=input_name,
            type=QgsProcessingParameterField.Numeric,
            allowMultiple=True,
            optional=True,
        )
    )
    stats = QgsProcessingParameterEnum(
        "STATISTICS",
        tr("Statistics of each field"),
        options=list(BASIC_STATISTICS),
        allowMultiple=True,
        defaultValue=DEFAULT_STATISTICS,
        optional=True,
    )
    stats.setUsesStaticStrings(True)
    alg.addParameter(stats)
    alg.addParameter(
        QgsProcessingParameterString(
            "PERCENTILES", tr("Percentiles of each field (comma-separated, e.g. 10,25,75,90)"), optional=True
        )
    )
    alg.addParameter(
        QgsProcessingParameterField(
            "WEIGHT",
            tr("Weight field (weighted sum, mean, standard deviation and percentiles)"),
            parentLayerParameterName=input_name,
            type=QgsProcessingParameterField.Numeric,
            optional=True,
        )
    )
    if with_category:
        alg.addParameter(
            QgsProcessingParameterField(
                "CATEGORY",
                tr("Category field (one count column per category)"),
                parentLayerParameterName=input_name,
                optional=True,
            )
        )


def statistics_from_parameters(alg, parameters, context) -> list:
    """Statistic names chosen (``STATISTICS`` + ``PERCENTILES`` as ``pNN``); QgsProcessingException if invalid."""
    raw = parameters.get("STATISTICS")
    if raw is None or raw == [] or raw == "":
        names = list(DEFAULT_STATISTICS)
    else:
        names = alg.parameterAsEnumStrings(parameters, "STATISTICS", context)
        if isinstance(raw, (list, tuple)) and any(isinstance(v, int) for v in raw):
            names = [BASIC_STATISTICS[int(v)] for v in raw]
    text = alg.parameterAsString(parameters, "PERCENTILES", context) or ""
    for part in text.replace(";", ",").split(","):
        part = part.strip().rstrip("%")
        if not part:
            continue
        try:
            value = float(part)
        except ValueError:
            raise QgsProcessingException(
                tr("Percentile {!r} is not a number: give numbers between 1 and 99, e.g. 10,25,75,90.", part)
            ) from None
        if not 0 < value < 100:
            raise QgsProcessingException(tr("Percentile {} is out of range: give numbers between 1 and 99.", part))
        names.append(f"p{value:g}".replace(".", "_") if value != int(value) else f"p{int(value)}")
    out = []
    for n in names:
        if n not in out:
            out.append(n)
    return out


def check_statistics(alg, parameters, context):
    """``(ok, message)`` for checkParameterValues."""
    try:
        statistics_from_parameters(alg, parameters, context)
    except QgsProcessingException as exc:
        return False, str(exc)
    fields = alg.parameterAsFields(parameters, "FIELDS", context)
    source = alg.parameterAsSource(parameters, "INPUT", context)
    if source is not None:
        names = source.fields()
        for f in fields + [alg.parameterAsString(parameters, "WEIGHT", context) or ""]:
            if f and names.lookupField(f) >= 0 and not names.field(names.lookupField(f)).isNumeric():
                return False, tr("Field {} of the input layer is not numeric: choose numeric fields to summarise.", f)
    return True, ""


class PointArrays:
    """Points read as arrays: ``x``, ``y`` (in the target CRS), ``feature`` (index of the source feature of each
    point, multipoints giving several), and per-feature ``values`` {field: float array}, ``weights``, ``categories``.
    """

    def __init__(self, x, y, feature, values, weights, categories, n_features):
        self.x, self.y, self.feature = x, y, feature
        self.values, self.weights, self.categories = values, weights, categories
        self.n_features = n_features


def read_points(alg, parameters, context, feedback, target_crs=None, name="INPUT") -> PointArrays:
    fields = alg.parameterAsFields(parameters, "FIELDS", context)
    weight = alg.parameterAsString(parameters, "WEIGHT", context) or ""
    category = alg.parameterAsString(parameters, "CATEGORY", context) if "CATEGORY" in parameters else ""
    wanted = list(dict.fromkeys(fields + [f for f in (weight, category) if f]))
    try:
        arrays = read_vector(alg, parameters, name, context, wanted, feedback=feedback, as_points=True)
    except GeometryError as exc:
        raise QgsProcessingException(tr("The point layer could not be read: {}. Use a point layer.", exc)) from exc
    if len(arrays) == 0:
        raise QgsProcessingException(tr("The point layer ({}) has no feature: nothing to aggregate.", name))
    x, y, feature = arrays.points
    if target_crs is not None and target_crs.isValid() and arrays.crs.isValid():
        x, y = transform_xy(x, y, arrays.crs, target_crs)
    from ..ogr_arrays import numeric_array

    values = {f: numeric_array(arrays.attributes[f]) for f in fields}
    weights = numeric_array(arrays.attributes[weight]) if weight else None
    if weights is not None and np.any(weights[~np.isnan(weights)] < 0):
        raise QgsProcessingException(
            tr("The weight field {} has negative values: weights must be zero or positive.", weight)
        )
    categories = arrays.attributes[category] if category else None
    return PointArrays(x, y, feature, values, weights, categories, len(arrays))


def compute_statistics(groups, feature, points: PointArrays, n_groups: int, statistics: list, category_field=""):
    """Ordered ``[(field name, QVariant type, array)]`` of the statistic columns for ``n_groups`` groups.

    ``groups`` and ``feature`` are the pairs (group, source feature index) of each assigned point.
    """
    columns = [("count", QVariant.Int, np.bincount(groups, minlength=n_groups))]
    stat_names = statistics
    for field, values in points.values.items():
        w = points.weights[feature] if points.weights is not None else None
        res = grouped_statistics(groups, values[feature], n_groups, stat_names, weights=w)
        for stat in stat_names:
            kind = QVariant.Int if stat == "count" else QVariant.Double
            columns.append((f"{field}_{stat}", kind, res[stat]))
    if points.categories is not None:
        try:
            labels, matrix = category_counts(groups, points.categories[feature], n_groups)
        except ValueError as exc:
            raise QgsProcessingException(
                tr(
                    "The category field {} has too many distinct values ({}): choose a field with categories.",
                    category_field,
                    exc,
                )
            ) from exc
        for j, label in enumerate(labels):
            columns.append((f"{category_field}_{'null' if label is None else label}", QVariant.Int, matrix[:, j]))
    return columns


def make_fields(base: QgsFields, columns) -> tuple:
    """Output QgsFields (``base`` + statistic columns, names made unique and safe) and the chosen names."""
    fields = QgsFields(base)
    used = {f.name().lower() for f in base}
    names = []
    for name, kind, _ in columns:
        safe = safe_field_name(name, used)
        names.append(safe)
        if kind == QVariant.Double:
            fields.append(QgsField(safe, QVariant.Double, "double", 20, 6))
        else:
            fields.append(QgsField(safe, kind))
    return fields, names


def column_lists(columns, rows=None) -> list:
    """Per statistic column, its Python values (NaN → None) for ``rows`` (all when None)."""
    out_cols = []
    for _, kind, arr in columns:
        sub = np.asarray(arr) if rows is None else np.asarray(arr)[rows]
        if kind == QVariant.Double:
            sub = sub.astype(np.float64)
            vals = sub.astype(object)
            vals[np.isnan(sub)] = None
            out_cols.append(vals.tolist())
        else:
            out_cols.append(sub.astype(np.int64).tolist())
    return out_cols


def column_values(columns, rows) -> list:
    """Per output row, the Python values of the statistic columns (NaN → None)."""
    out_cols = column_lists(columns, rows)
    return [list(r) for r in zip(*out_cols)] if out_cols else [[] for _ in rows]


def zone_features(source, feedback, invalid_mode: int, bulk=None):
    """Zone features with their geometry WKB (2D, curves segmentised), handling invalid geometries.

    ``invalid_mode``: 0 use as they are (even-odd rule), 1 skip invalid zones, 2 repair them (make valid),
    3 stop with the list. ``bulk``: ``(fids, wkb)`` already read through OGR (``read_fids_and_wkb``): with mode 0
    the features are then read without geometry (much faster) and matched by id. Returns ``(features, wkb list,
    invalid feature ids)``; a feature read without geometry gets it from its WKB when written.
    """
    if bulk is not None and invalid_mode == 0:
        fast = _zone_features_bulk(source, feedback, bulk)
        if fast is not None:
            return fast[0], fast[1], []
    request = QgsFeatureRequest()
    request.setInvalidGeometryCheck(QgsFeatureRequest.GeometryNoCheck)
    total = max(source.featureCount(), 1)
    feats, wkbs, invalid = [], [], []
    for i, f in enumerate(source.getFeatures(request, QgsProcessingFeatureSource.FlagSkipGeometryValidityChecks)):
        if i % 2000 == 0:
            if feedback.isCanceled():
                raise QgsProcessingException(tr("Cancelled."))
            feedback.setProgress(100.0 * i / total)
        geom = f.geometry()
        wkb = None
        if not geom.isNull() and not geom.isEmpty():
            if QgsWkbTypes.isCurvedType(geom.wkbType()):
                geom = QgsGeometry(geom.constGet().segmentize())
            if invalid_mode != 0 and not geom.isGeosValid():
                invalid.append(f.id())
                if invalid_mode == 1:
                    feats.append(f)
                    wkbs.append(None)
                    continue
                if invalid_mode == 2:
                    repaired = geom.makeValid()
                    if repaired.type() != QgsWkbTypes.PolygonGeometry:
                        repaired = _polygon_parts(repaired)
                    geom = repaired
                    f.setGeometry(geom)
            wkb = bytes(geom.asWkb())
        feats.append(f)
        wkbs.append(wkb)
    if invalid and invalid_mode == 3:
        ids = ", ".join(str(i) for i in invalid[:20]) + (" …" if len(invalid) > 20 else "")
        raise QgsProcessingException(
            tr(
                "{} zone(s) have invalid geometries (feature ids {}). Repair them (Fix geometries), or set "
                "'Invalid zone geometries' to skip, repair or use them as they are.",
                len(invalid),
                ids,
            )
        )
    return feats, wkbs, invalid


def _zone_features_bulk(source, feedback, bulk):
    fids, wkb = bulk
    position = {int(f): i for i, f in enumerate(fids.tolist())}
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
    flags = QgsProcessingFeatureSource.FlagSkipGeometryValidityChecks
    feats, wkbs = [], []
    total = max(source.featureCount(), 1)
    for i, f in enumerate(source.getFeatures(request, flags)):
        if i % 5000 == 0:
            if feedback.isCanceled():
                raise QgsProcessingException(tr("Cancelled."))
            feedback.setProgress(100.0 * i / total)
        k = position.get(f.id())
        if k is None:
            return None  # ids do not match OGR's: read geometries through QGIS instead
        feats.append(f)
        wkbs.append(wkb[k])
    if len(feats) != len(wkb):
        return None
    return feats, wkbs


def output_geometry(feature, wkb) -> QgsGeometry:
    """The zone's geometry as a multi-geometry, from the feature or, when read without geometry, its WKB."""
    if feature.hasGeometry():
        geom = feature.geometry()
    else:
        geom = QgsGeometry()
        if wkb:
            geom.fromWkb(wkb)
    if not geom.isNull():
        geom.convertToMultiType()
    return geom


def _polygon_parts(geom: QgsGeometry) -> QgsGeometry:
    """The polygon parts of a geometry collection returned by makeValid."""
    parts = [QgsGeometry(p.clone()) for p in geom.constParts() if QgsWkbTypes.geometryType(p.wkbType()) == 2]
    if not parts:
        return QgsGeometry()
    return QgsGeometry.collectGeometry(parts)
