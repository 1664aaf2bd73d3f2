"""Shared parameters and glue of TerriData's aggregation algorithms (points to zones, to a grid, over time).

The heavy work is in :mod:`terridata.core.aggregation` (numpy); this module reads the inputs into arrays, turns
statistic choices into names, and builds output fields and feature attributes from the computed arrays.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from qgis.core import (
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QVariant

from ...core.aggregation.geometry import GeometryError
from ...core.aggregation.stats import BASIC_STATISTICS, category_counts, grouped_statistics, safe_field_name
from ...toolbelt.i18n import tr
from ..enum_choices import enum_keys, keyed_enum
from ..ogr_arrays import VectorInput, numeric_array, read_arrays, transform_xy, vector_input

DEFAULT_STATISTICS = ["count", "sum", "mean"]
# The stable names (core.aggregation.stats.BASIC_STATISTICS, in its order) and the labels the drop-down shows.
STATISTIC_CHOICES = [
    ("count", QT_TRANSLATE_NOOP("TerriData", "Count (non-NULL values)")),
    ("sum", QT_TRANSLATE_NOOP("TerriData", "Sum")),
    ("mean", QT_TRANSLATE_NOOP("TerriData", "Mean")),
    ("median", QT_TRANSLATE_NOOP("TerriData", "Median")),
    ("min", QT_TRANSLATE_NOOP("TerriData", "Minimum")),
    ("max", QT_TRANSLATE_NOOP("TerriData", "Maximum")),
    ("std", QT_TRANSLATE_NOOP("TerriData", "Standard deviation")),
]
assert [key for key, _ in STATISTIC_CHOICES] == list(BASIC_STATISTICS)


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
    alg.addParameter(
        keyed_enum(
            "STATISTICS",
            tr("Statistics of each field"),
            STATISTIC_CHOICES,
            default=DEFAULT_STATISTICS,
            allow_multiple=True,
            optional=True,
        )
    )
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
        names = enum_keys(alg, parameters, "STATISTICS", context)
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


@dataclass(frozen=True)
class PointRequest:
    """What an aggregation reads from its point input, taken from the parameters once (:func:`point_request`)."""

    points: VectorInput
    fields: list
    weight: str
    category: str
    statistics: list


def point_request(alg, parameters, context, name: str = "INPUT") -> PointRequest:
    """The :class:`PointRequest` of an algorithm declared with :func:`add_statistics_parameters`."""
    category = alg.parameterAsString(parameters, "CATEGORY", context) if "CATEGORY" in parameters else ""
    return PointRequest(
        points=vector_input(alg, parameters, name, context),
        fields=alg.parameterAsFields(parameters, "FIELDS", context),
        weight=alg.parameterAsString(parameters, "WEIGHT", context) or "",
        category=category or "",
        statistics=statistics_from_parameters(alg, parameters, context),
    )


class PointArrays:
    """Points read as arrays: ``x``, ``y`` (in the target CRS, finite), ``feature`` (index of the source feature of
    each point, multipoints giving several), and per-feature ``values`` {field: float array}, ``weights``,
    ``categories``. ``without_geometry``: features without a usable point (NULL, empty, NaN or infinite
    coordinates); ``not_projected``: points that could not be reprojected to the target CRS. Neither is in ``x``.
    """

    def __init__(self, x, y, feature, values, weights, categories, n_features, without_geometry=0, not_projected=0):
        self.x, self.y, self.feature = x, y, feature
        self.values, self.weights, self.categories = values, weights, categories
        self.n_features = n_features
        self.without_geometry = without_geometry
        self.not_projected = not_projected


def crs_label(crs) -> str:
    """``EPSG:4326 (WGS 84)`` style name of a CRS for messages."""
    if not crs.isValid():
        return tr("no CRS")
    return f"{crs.authid() or crs.toProj()} ({crs.description()})" if crs.description() else crs.authid()


def check_crs(layer_name: str, crs) -> None:
    """QgsProcessingException when a layer that must be reprojected has no CRS."""
    if not crs.isValid():
        raise QgsProcessingException(
            tr(
                "The layer {} has no coordinate reference system, so its coordinates cannot be placed: set its CRS "
                "(Layer Properties > Source, or 'Assign projection') and retry.",
                layer_name,
            )
        )


def _wrong_crs_error(layer_name: str, crs, x, y) -> QgsProcessingException:
    sample = f"({x[0]:.6g}, {y[0]:.6g})" if len(x) else "?"
    return QgsProcessingException(
        tr(
            "The coordinates of the layer {} do not fit the CRS it claims, {}: e.g. {}. Its real CRS is probably "
            "another one (values like 652000, 6862000 are Lambert-93, EPSG:2154): set the layer's CRS to the one "
            "its coordinates are in ('Assign projection', not 'Reproject') and retry.",
            layer_name,
            crs_label(crs),
            sample,
        )
    )


def check_geographic_extent(layer_name: str, crs, extent) -> None:
    """Refuse a layer that claims a geographic CRS while its extent is far outside longitudes/latitudes (e.g.
    Lambert-93 numbers labelled EPSG:4326), naming the layer and its CRS."""
    if not crs.isValid() or not crs.isGeographic() or extent.isNull():
        return
    corners = np.array([extent.xMinimum(), extent.xMaximum()]), np.array([extent.yMinimum(), extent.yMaximum()])
    if np.any(np.abs(corners[0]) > 360.0) or np.any(np.abs(corners[1]) > 90.0):
        raise _wrong_crs_error(layer_name, crs, *corners)


def place_points(layer_name: str, source_crs, x, y, target_crs, transform_context):
    """``(x, y, placed)``: points reprojected to ``target_crs`` (NaN where they cannot be), ``placed`` a bool mask.

    Refuses a layer without CRS, and one whose coordinates cannot be those of its CRS (longitudes/latitudes out of
    range, or nothing PROJ can transform), with a message naming the layer and the CRS it claims.
    """
    if target_crs is None or not target_crs.isValid() or source_crs == target_crs:
        return x, y, np.ones(len(x), dtype=bool)
    check_crs(layer_name, source_crs)
    if source_crs.isGeographic() and len(x):
        with np.errstate(invalid="ignore"):
            out_of_range = (np.abs(x) > 360.0) | (np.abs(y) > 90.0)
        if out_of_range.mean() > 0.5:
            raise _wrong_crs_error(layer_name, source_crs, x[out_of_range], y[out_of_range])
        x = np.where(out_of_range, np.nan, x)
        y = np.where(out_of_range, np.nan, y)
    tx, ty = transform_xy(x, y, source_crs, target_crs, transform_context)
    placed = np.isfinite(tx) & np.isfinite(ty)
    with np.errstate(invalid="ignore"):
        given = np.isfinite(x) & np.isfinite(y)  # (NULL geometries come as NaN: not the CRS's fault)
    if given.any() and not placed[given].any():
        raise _wrong_crs_error(layer_name, source_crs, x[given], y[given])
    return tx, ty, placed


def read_points(request: PointRequest, feedback, target_crs=None, transform_context=None) -> PointArrays:
    """Read the points and values of ``request`` as arrays, reprojected to ``target_crs`` (in
    ``transform_context``); features without a usable point and points that cannot be reprojected are counted,
    not kept (see :func:`report_excluded_points`)."""
    name = request.points.name
    wanted = list(dict.fromkeys(request.fields + [f for f in (request.weight, request.category) if f]))
    try:
        arrays = read_arrays(request.points, wanted, feedback=feedback, as_points=True)
    except GeometryError as exc:
        raise QgsProcessingException(
            tr(
                "The layer {} holds geometries that are not points ({}). Keep only its points (e.g. 'Extract by "
                "expression' with geometry_type($geometry) = 'Point') and retry.",
                name,
                exc,
            )
        ) from exc
    n = len(arrays)
    if n == 0:
        raise QgsProcessingException(tr("The point layer ({}) has no feature: nothing to aggregate.", name))
    x, y, feature = arrays.points
    with np.errstate(invalid="ignore"):
        finite = np.isfinite(x) & np.isfinite(y)
    x, y, feature = x[finite], y[finite], feature[finite]
    without_geometry = n - _distinct_count(feature)
    crs = arrays.crs if arrays.crs is not None else request.points.crs
    x, y, placed = place_points(name, crs, x, y, target_crs, transform_context)
    not_projected = int(len(x) - placed.sum())
    x, y, feature = x[placed], y[placed], feature[placed]
    values = {f: numeric_array(arrays.attributes[f]) for f in request.fields}
    weights = numeric_array(arrays.attributes[request.weight]) if request.weight else None
    if weights is not None and np.any(weights[~np.isnan(weights)] < 0):
        raise QgsProcessingException(
            tr("The weight field {} has negative values: weights must be zero or positive.", request.weight)
        )
    categories = arrays.attributes[request.category] if request.category else None
    return PointArrays(x, y, feature, values, weights, categories, n, without_geometry, not_projected)


def _distinct_count(feature) -> int:
    """Number of distinct feature indices; without a sort when they come in order (as every reader gives them)."""
    if len(feature) == 0:
        return 0
    if np.all(feature[1:] >= feature[:-1]):
        return int(np.count_nonzero(feature[1:] != feature[:-1])) + 1
    return len(np.unique(feature))


def report_excluded_points(feedback, points: PointArrays, layer_name: str, target_crs=None) -> None:
    """Warn about the points left out before aggregating (never silently)."""
    if points.without_geometry:
        feedback.pushWarning(
            tr(
                "{} feature(s) of {} have no usable point (NULL or empty geometry, NaN or infinite coordinates): "
                "not counted (output POINTS_WITHOUT_GEOMETRY).",
                points.without_geometry,
                layer_name,
            )
        )
    if points.not_projected:
        feedback.pushWarning(
            tr(
                "{} point(s) of {} could not be reprojected to {} (coordinates outside what the CRS can "
                "represent): not counted.",
                points.not_projected,
                layer_name,
                crs_label(target_crs) if target_crs is not None else "?",
            )
        )


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


def zone_features(source, feedback, invalid_mode: int):
    """Zone features with their geometry WKB (2D, curves segmentised), handling invalid geometries.

    ``invalid_mode``: 0 use as they are (even-odd rule), 1 skip invalid zones, 2 repair them (make valid, the
    feature's geometry replaced), 3 stop with the list. Returns ``(features, wkb list, invalid feature ids)``.
    """
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


def multi_geometry(geometry) -> QgsGeometry:
    """A zone's output geometry, as a multi-geometry, from a QgsGeometry or from WKB (None: no geometry)."""
    if isinstance(geometry, QgsGeometry):
        geom = QgsGeometry(geometry)
    else:
        geom = QgsGeometry()
        if geometry:
            geom.fromWkb(geometry)
    if not geom.isNull() and not QgsWkbTypes.isMultiType(geom.wkbType()):
        geom.convertToMultiType()
    return geom


def _polygon_parts(geom: QgsGeometry) -> QgsGeometry:
    """The polygon parts of a geometry collection returned by makeValid."""
    parts = [QgsGeometry(p.clone()) for p in geom.constParts() if QgsWkbTypes.geometryType(p.wkbType()) == 2]
    if not parts:
        return QgsGeometry()
    return QgsGeometry.collectGeometry(parts)
