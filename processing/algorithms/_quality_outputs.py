"""Outputs shared by the quality algorithms: the problems layer's fields and features, where each problem is drawn,
and the JSON/HTML reports (written to the paths ``OutputsTogether`` gives, so that they are committed together)."""

from __future__ import annotations

import json
from pathlib import Path

from qgis.core import QgsFeature, QgsField, QgsFields, QgsGeometry, QgsWkbTypes
from qgis.PyQt.QtCore import QVariant

from ...core.quality import model as qm
from ...core.quality.html import render_html
from ...toolbelt.i18n import localiser


def problem_fields() -> QgsFields:
    fields = QgsFields()
    for name, kind, length in (
        ("check", QVariant.String, 80),
        ("severity", QVariant.String, 10),
        ("feature_id", QVariant.LongLong, 0),
        ("field", QVariant.String, 80),
        ("type", QVariant.String, 40),
        ("message", QVariant.String, 0),
        ("iso19157", QVariant.String, 60),
        ("value", QVariant.String, 0),
    ):
        fields.append(QgsField(name, kind, "", length))
    return fields


def problem_feature(
    problem: qm.Problem, fields: QgsFields, geometry: QgsGeometry | None = None, loc=None
) -> QgsFeature:
    feat = QgsFeature(fields)
    value = problem.value
    if value is not None and not isinstance(value, str):
        value = json.dumps(qm._clean(value), ensure_ascii=False)
    feat.setAttributes(
        [
            problem.check,
            problem.severity,
            problem.row,
            problem.field,
            problem.type,
            (loc or localiser()).text(problem.message),  # shown to people: in the interface language
            problem.iso19157,
            value,
        ]
    )
    if geometry is not None and not geometry.isNull():
        feat.setGeometry(geometry)
    return feat


def write_reports(report: qm.QualityReport, json_path: str, html_path: str) -> None:
    """Write the JSON and HTML reports (either path may be empty: not written). The JSON keeps the English messages
    (a stable record for pipelines); the HTML report is in the interface language, numbers written its way."""
    if json_path:
        Path(json_path).write_text(report.to_json(), encoding="utf-8")
    if html_path:
        Path(html_path).write_text(render_html(report, localiser=localiser()), encoding="utf-8")


class ProblemPlaces:
    """Where each problem of a report is drawn: its own location (an error point, a gap, an overlap) or a point
    on the feature it is about; polygons for the problem areas layer."""

    def __init__(self, ids: list, geometries: list, has_geometry: bool, polygon_layer: bool, locations: dict):
        self.position = {fid: i for i, fid in enumerate(ids)}
        self.geometries = geometries
        self.has_geometry = has_geometry
        self.polygon_layer = polygon_layer
        self.locations = locations

    def _feature_geometry(self, problem) -> QgsGeometry | None:
        if not self.has_geometry or problem.row not in self.position:
            return None
        geom = self.geometries[self.position[problem.row]]
        return None if geom is None or geom.isNull() or geom.isEmpty() else geom

    def point(self, problem) -> QgsGeometry | None:
        if not self.has_geometry:
            return None
        base = self.locations.get(id(problem))
        if base is None:
            base = self._feature_geometry(problem)
        if base is None or base.isEmpty():
            return None
        if base.type() == QgsWkbTypes.PointGeometry and not base.isMultipart():
            return base
        point = base.pointOnSurface()
        return base.centroid() if point.isEmpty() else point

    def area(self, problem) -> QgsGeometry | None:
        loc = self.locations.get(id(problem))
        area = None
        if loc is not None and loc.type() == QgsWkbTypes.PolygonGeometry:
            area = loc
        elif self.polygon_layer and problem.check.startswith("geometry_"):
            area = self._feature_geometry(problem)
        if area is None:
            return None
        area = QgsGeometry(area)
        area.convertToMultiType()
        return area

    def point_features(self, problems, fields, tick, start=90.0, span=4.0):
        loc = localiser()
        for k, problem in enumerate(problems):
            if k % 1000 == 0:
                tick(start + span * k / max(len(problems), 1))
            yield problem_feature(problem, fields, self.point(problem), loc)

    def area_features(self, problems, fields, tick, start=94.0, span=4.0):
        loc = localiser()
        for k, problem in enumerate(problems):
            if k % 1000 == 0:
                tick(start + span * k / max(len(problems), 1))
            area = self.area(problem)
            if area is not None:
                yield problem_feature(problem, fields, area, loc)
