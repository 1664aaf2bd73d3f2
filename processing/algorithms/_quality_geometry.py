"""The GEOS side of ``terridata:quality_report``: read a source once into arrays, then check geometries (missing,
validity by GEOS and by QGIS, exact duplicates, outside the CRS's area of use) and partitions (gaps, overlaps).

Each function adds its checks to a ``core.quality.model.QualityReport`` and records where each problem is in
``locations`` (``id(problem)`` → QgsGeometry). ``tick(progress=None)`` reports progress and raises
:class:`Cancelled` when the user cancelled. The array work (duplicates, unshared edges) is in ``core/quality``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDistanceArea,
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProcessingFeatureSource,
    QgsRectangle,
    QgsSpatialIndex,
    QgsUnitTypes,
    QgsWkbTypes,
)

from ...core.quality import model as qm
from ...core.quality.geometry import duplicate_groups, outside_extent, unshared_edge_owners
from ...toolbelt.i18n import tr
from ..qgis_values import py_value
from ..territory_defaults import epsg_code, in_official_part, parts_of_boxes

try:  # QGIS >= 3.36
    SKIP_VALIDITY_CHECKS = Qgis.ProcessingFeatureSourceFlag.SkipGeometryValidityChecks
except AttributeError:  # QGIS 3.22
    SKIP_VALIDITY_CHECKS = QgsProcessingFeatureSource.FlagSkipGeometryValidityChecks

_ENGINE_GEOS = Qgis.GeometryValidationEngine.Geos
_ENGINE_QGIS = Qgis.GeometryValidationEngine.QgisInternal


@dataclass
class LayerData:
    """A source read once: feature ids, attribute columns (plain Python values), geometries, WKB and bounds."""

    ids: list
    columns: dict
    geometries: list
    wkb: list
    bounds: np.ndarray
    geometry_type: int
    geos_valid: list | None = None


def read_source(source, tick, start=0.0, end=100.0, with_geometry=True) -> LayerData:
    """The source read once; without its geometries (all None, for the database engine) when not
    ``with_geometry``."""
    names = source.fields().names()
    request = QgsFeatureRequest()
    has_geometry = source.wkbType() != QgsWkbTypes.NoGeometry and with_geometry
    if not has_geometry:
        request.setFlags(QgsFeatureRequest.NoGeometry)
    data = LayerData(
        [], {name: [] for name in names}, [], [], np.zeros((0, 4)), QgsWkbTypes.geometryType(source.wkbType())
    )
    bounds = []
    total = max(source.featureCount(), 1)
    for k, feat in enumerate(source.getFeatures(request, SKIP_VALIDITY_CHECKS)):
        if k % 1000 == 0:
            tick(start + (end - start) * min(k / total, 1))
        data.ids.append(feat.id())
        for name, value in zip(names, feat.attributes()):
            data.columns[name].append(py_value(value))
        if has_geometry:
            _append_geometry(data, bounds, feat.geometry())
        elif not with_geometry:
            _append_geometry(data, bounds, None)
    data.bounds = np.array(bounds, dtype=float).reshape(-1, 4)
    return data


def _append_geometry(data: LayerData, bounds: list, g: QgsGeometry) -> None:
    if g is None or g.isNull() or g.isEmpty():
        data.geometries.append(None)
        data.wkb.append(b"")
        bounds.append((math.nan,) * 4)
        return
    data.geometries.append(g)
    data.wkb.append(bytes(g.asWkb()))
    r = g.boundingBox()
    bounds.append((r.xMinimum(), r.yMinimum(), r.xMaximum(), r.yMaximum()))


def crs_extent(crs: QgsCoordinateReferenceSystem, transform_context) -> tuple | None:
    """The CRS's area of use in its own coordinates, or None when unknown."""
    if not crs.isValid():
        return None
    bounds = crs.bounds()  # WGS84 lon/lat
    if bounds.isNull() or bounds.isEmpty():
        return None
    if crs.isGeographic():
        rect = bounds
    else:
        try:
            transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), crs, transform_context)
            rect = transform.transformBoundingBox(bounds)
        except Exception:  # noqa: BLE001  a CRS whose area of use cannot be projected: no check
            return None
    if not isinstance(rect, QgsRectangle) or rect.isEmpty():
        return None
    return rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum()


# ---------------------------------------------------------------- geometry checks
def geometry_checks(report, data: LayerData, crs, transform_context, tick, locations) -> None:
    validity_checks(report, data, tick, locations)
    tick(52)
    duplicate_check(report, data, locations)
    tick(55)
    crs_area_check(report, data, crs, transform_context, locations)


def validity_results(report, n: int) -> tuple:
    """The three validity checks (missing, GEOS, QGIS) added to ``report``, each having looked at ``n`` features."""
    missing = report.add(
        qm.CheckResult("geometry_missing", tr("Missing or empty geometries"), qm.COMPLETENESS_OMISSION)
    )
    geos = report.add(
        qm.CheckResult(
            "geometry_validity_geos",
            tr("Invalid geometries (GEOS: first error)"),
            qm.CONSISTENCY_TOPOLOGICAL,
            params={"engine": "GEOS"},
        )
    )
    qgis_check = report.add(
        qm.CheckResult(
            "geometry_validity_qgis",
            tr("Invalid geometries (QGIS: every error)"),
            qm.CONSISTENCY_TOPOLOGICAL,
            params={"engine": "QGIS"},
        )
    )
    for c in (missing, geos, qgis_check):
        c.checked = n
    return missing, geos, qgis_check


def validate_one(checks: tuple, fid, g, locations) -> bool:
    """Check one feature's geometry (adds its problems to ``checks``); False when missing or invalid for GEOS."""
    missing, geos, qgis_check = checks
    if g is None or g.isNull() or g.isEmpty():
        missing.problem("geometry-missing", tr("Feature {} has no geometry", fid), row=fid)
        return False
    errors = g.validateGeometry(_ENGINE_GEOS)
    if errors:
        _invalid(geos, fid, errors[0], g, locations)
    for err in g.validateGeometry(_ENGINE_QGIS):
        _invalid(qgis_check, fid, err, g, locations)
    return not errors


def validity_notes(checks: tuple, n: int) -> None:
    missing, geos, qgis_check = checks
    geos.note = tr("{} invalid feature(s) of {}", len(geos.affected_rows), n)
    qgis_check.note = tr(
        "{} error(s) on {} feature(s) of {}", len(qgis_check.problems), len(qgis_check.affected_rows), n
    )
    missing.note = tr("{} feature(s) without geometry", len(missing.problems))


def validity_checks(report, data: LayerData, tick, locations) -> None:
    ids, geoms = data.ids, data.geometries
    n = len(ids)
    checks = validity_results(report, n)
    data.geos_valid = valid = [True] * n
    step = max(1, n // 50)
    for i, g in enumerate(geoms):
        if i % step == 0:
            tick(15 + 35 * i / max(n, 1))
        valid[i] = validate_one(checks, ids[i], g, locations)
    validity_notes(checks, n)


def _invalid(check, fid, err, geom, locations) -> None:
    where = {"x": err.where().x(), "y": err.where().y()} if err.hasWhere() else {}
    prob = check.problem(
        "geometry-invalid", tr("Feature {}: {}", fid, err.what()), row=fid, details=where, value=err.what()
    )
    locations[id(prob)] = QgsGeometry.fromPointXY(err.where()) if err.hasWhere() else geom.pointOnSurface()


def duplicate_check(report, data: LayerData, locations, groups=None) -> None:
    """Exact duplicates (same WKB); ``groups`` (positions) when already found (by the database engine)."""
    ids = data.ids
    dup = report.add(
        qm.CheckResult("geometry_duplicates", tr("Exact duplicate geometries"), qm.COMPLETENESS_COMMISSION)
    )
    dup.checked = len(ids)
    add_duplicates(dup, ids, duplicate_groups(data.wkb) if groups is None else groups, data.geometries, locations)


def add_duplicates(dup, ids, groups, geometries, locations) -> None:
    """The problems of ``groups`` (positions, the first one kept) of exact duplicates."""
    for group in groups:
        first = ids[group[0]]
        for k in group[1:]:
            prob = dup.problem(
                "geometry-duplicate",
                tr("Feature {} has exactly the same geometry as feature {}", ids[k], first),
                row=ids[k],
                details={"duplicate_of": first},
            )
            locations[id(prob)] = geometries[k]
    dup.note = tr("{} duplicate(s)", len(dup.problems))


def crs_area_check(report, data: LayerData, crs, transform_context, locations) -> None:
    """Features outside the area of use of the layer's CRS (a wrong CRS declared, most of the time)."""
    ids = data.ids
    area = report.add(
        qm.CheckResult(
            "geometry_outside_crs_area",
            tr("Features outside the area of use of the CRS"),
            qm.POSITIONAL_ACCURACY,
            params={"crs": crs.authid()},
        )
    )
    area.checked = len(ids)
    extent = crs_extent(crs, transform_context)
    if extent is None:
        area.status = qm.SKIPPED
        area.note = tr("The layer's CRS ({}) has no known area of use", crs.authid() or "?")
        return
    area.params["extent"] = [round(v, 6) for v in extent]
    outside = outside_extent(data.bounds, extent)
    outside &= ~in_official_part(data.bounds, crs, transform_context)  # e.g. Guyane west of 54° W in EPSG:2972
    rows = outside.nonzero()[0]
    for i, part in zip(rows, parts_of_boxes(data.bounds[rows], crs, transform_context)):
        if part is not None and part.epsg != epsg_code(crs):
            text = tr(
                "Feature {} lies outside the area of use of {} ({}): it is in {}, whose official CRS is EPSG:{}. "
                "Reproject the layer to EPSG:{} (or, if its coordinates are in another system, declare that one).",
                ids[i],
                crs.authid(),
                crs.description(),
                part.name,
                part.epsg,
                part.epsg,
            )
            area.params.setdefault("official_crs", {})[part.name] = f"EPSG:{part.epsg}"
        else:
            text = tr(
                "Feature {} lies outside the area of use of {} ({}): wrong CRS declared, or coordinates "
                "in another system (e.g. longitude/latitude stored as Lambert-93)?",
                ids[i],
                crs.authid(),
                crs.description(),
            )
        prob = area.problem("geometry-outside-crs-area", text, row=ids[i])
        locations[id(prob)] = data.geometries[i]
    area.note = tr("{} feature(s) outside {}", len(area.problems), ", ".join(f"{v:.0f}" for v in extent))


# ---------------------------------------------------------------- partition: gaps and overlaps
def polygon_only(geom: QgsGeometry) -> QgsGeometry:
    """The polygonal part of a geometry (makeValid/intersection may add points or lines), as a multipolygon."""
    if geom.isNull() or geom.isEmpty():
        return QgsGeometry()
    if QgsWkbTypes.geometryType(geom.wkbType()) == QgsWkbTypes.PolygonGeometry:
        out = QgsGeometry(geom)
    else:
        parts = [p for p in geom.asGeometryCollection() if p.type() == QgsWkbTypes.PolygonGeometry]
        if not parts:
            return QgsGeometry()
        out = QgsGeometry.collectGeometry(parts)
    out.convertToMultiType()
    return out


class _Partition:
    """The state shared by the gap and overlap searches: repaired polygons, candidates, spatial indexes."""

    def __init__(self, data: LayerData, crs, transform_context, tolerance: float, tick, found=None):
        """``found``: ``(fixed polygons, candidate positions, unshared share, covered_elsewhere)`` when the
        database engine found the candidates (only their polygons and the repaired ones are then given);
        ``covered_elsewhere(point)`` tells whether a polygon not given contains the point."""
        self.ids = data.ids
        self.tolerance = tolerance
        self.tick = tick
        self.da = QgsDistanceArea()
        self.da.setSourceCrs(crs, transform_context)
        if crs.isGeographic():
            self.da.setEllipsoid(crs.ellipsoidAcronym() or "EPSG:7030")
        self.covered_elsewhere = None
        if found is None:
            self.fixed = self._valid_polygons(data)
            wkbs = [bytes(g.asWkb()) if not g.isEmpty() else b"" for g in self.fixed]
            candidates, self.unshared_share = unshared_edge_owners(wkbs, edge_quantum(crs))
        else:
            self.fixed, candidates, self.unshared_share, self.covered_elsewhere = found
        self.candidates = [int(i) for i in candidates]
        self.candidate_set = set(self.candidates)
        self.index, self.all_index = QgsSpatialIndex(), QgsSpatialIndex()
        for i, g in enumerate(self.fixed):
            if g.isEmpty():
                continue
            feat = QgsFeature(i)
            feat.setGeometry(g)
            self.all_index.addFeature(feat)
            if i in self.candidate_set:
                self.index.addFeature(feat)

    def _valid_polygons(self, data: LayerData) -> list:
        """The polygons as GEOS needs them (invalid ones repaired in memory)."""
        fixed = []
        for i, g in enumerate(data.geometries):
            if i % 2000 == 0:
                self.tick()
            if g is None or g.isNull() or g.isEmpty():
                fixed.append(QgsGeometry())
            elif data.geos_valid[i] if data.geos_valid is not None else g.isGeosValid():
                fixed.append(g)
            else:
                fixed.append(polygon_only(g.makeValid()))
        return fixed

    def area_m2(self, g) -> float:
        return self.da.convertAreaMeasurement(self.da.measureArea(g), QgsUnitTypes.AreaSquareMeters)

    def overlaps(self, check, locations) -> None:
        """Pairs of candidates whose interiors intersect over more than the tolerance."""
        cand, fixed, ids = self.candidates, self.fixed, self.ids
        for k, i in enumerate(cand):
            if k % 200 == 0:
                self.tick(62 + 8 * k / max(len(cand), 1))
            engine = QgsGeometry.createGeometryEngine(fixed[i].constGet())
            engine.prepareGeometry()
            for j in self.index.intersects(fixed[i].boundingBox()):
                if j <= i or not engine.relatePattern(fixed[j].constGet(), "T********"):
                    continue
                inter = polygon_only(fixed[i].intersection(fixed[j]))
                a = self.area_m2(inter) if not inter.isEmpty() else 0.0
                if a <= self.tolerance:
                    continue
                prob = check.problem(
                    "partition-overlap",
                    tr("Features {} and {} overlap over {} m²", ids[i], ids[j], f"{a:.1f}"),
                    row=ids[i],
                    value=round(a, 3),
                    details={"other_feature": ids[j], "area_m2": round(a, 3)},
                )
                locations[id(prob)] = inter

    def gaps(self, check, locations) -> None:
        """Holes of the union of the candidates that no polygon covers."""
        if not self.candidates:
            return
        union = QgsGeometry.unaryUnion([self.fixed[i] for i in self.candidates])
        self.tick(77)
        for part in union.asGeometryCollection():
            for ring in part.asPolygon()[1:]:
                hole = QgsGeometry.fromPolygonXY([ring])
                a = self.area_m2(hole)
                if a <= self.tolerance or self._covered(hole):
                    continue
                around = sorted(
                    self.ids[j] for j in self.index.intersects(hole.boundingBox()) if self.fixed[j].touches(hole)
                )
                prob = check.problem(
                    "partition-gap",
                    tr("Gap of {} m² between features {}", f"{a:.1f}", ", ".join(map(str, around[:8])) or "?"),
                    value=round(a, 3),
                    details={"area_m2": round(a, 3), "neighbours": around},
                )
                locations[id(prob)] = hole

    def _covered(self, hole: QgsGeometry) -> bool:
        """A hole of the candidates' union filled by a polygon that is not a candidate (an enclave)."""
        point = hole.pointOnSurface()
        box = point.boundingBox().buffered(1e-9)
        if any(self.fixed[j].contains(point) for j in self.all_index.intersects(box) if j not in self.candidate_set):
            return True
        return self.covered_elsewhere is not None and self.covered_elsewhere(point)


def edge_quantum(crs) -> float:
    """Coordinates are compared to this step when looking for unshared edges (1e-8 degree, 1 mm)."""
    return 1e-8 if crs.isGeographic() else 1e-3


def partition_check(
    report, data: LayerData, crs, transform_context, tolerance: float, tick, locations, found=None
) -> None:
    """Gaps and overlaps; ``found`` as :class:`_Partition` takes it (database engine)."""
    params = {"tolerance_m2": tolerance}
    gaps = report.add(
        qm.CheckResult("partition_gaps", tr("Gaps between polygons"), qm.CONSISTENCY_TOPOLOGICAL, params=params)
    )
    overlaps = report.add(
        qm.CheckResult(
            "partition_overlaps", tr("Overlaps between polygons"), qm.CONSISTENCY_TOPOLOGICAL, params=dict(params)
        )
    )
    gaps.checked = overlaps.checked = len(data.ids)
    partition = _Partition(data, crs, transform_context, tolerance, tick, found)
    tick(58)
    gaps.summary = overlaps.summary = {
        "polygons_next_to_unshared_edges": len(partition.candidates),
        "unshared_edge_share": round(partition.unshared_share, 4),
    }
    tick(62)
    partition.overlaps(overlaps, locations)
    tick(70)
    partition.gaps(gaps, locations)
    gaps.note = tr("{} gap(s) larger than {} m²", len(gaps.problems), f"{tolerance:g}")
    overlaps.note = tr("{} overlap(s) larger than {} m²", len(overlaps.problems), f"{tolerance:g}")
