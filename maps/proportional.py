"""Proportional symbols: counts shown as circles whose AREA is proportional to the value (the eye compares areas),
placed inside each territory, the largest drawn first so that small circles stay visible; the legend shows three
nested circles."""

import math
from dataclasses import dataclass, field

from qgis.core import (
    QgsDataDefinedSizeLegend,
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsFillSymbol,
    QgsMarkerSymbol,
    QgsProperty,
    QgsSingleSymbolRenderer,
    QgsSymbolLayer,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..core.classification import format_number
from ..toolbelt.i18n import tr
from .language import plain

CIRCLE_COLOUR = "227,74,51,210"  # ColorBrewer OrRd #e34a33, slightly transparent


@dataclass
class Proportional:
    layer: QgsVectorLayer  # the circles (points), to draw above the territories
    max_value: float
    legend_values: list
    warnings: list = field(default_factory=list)


def nice_round(value: float) -> float:
    """``value`` rounded down to one or two meaningful digits (1, 1.5, 2, 2.5, 3, 4, 5, 7.5 × 10^k)."""
    if value <= 0:
        return 0.0
    power = 10 ** math.floor(math.log10(value))
    steps = (1, 1.5, 2, 2.5, 3, 4, 5, 7.5, 10)
    return max(s * power for s in steps if s * power <= value * (1 + 1e-9))


def legend_values(max_value: float) -> list:
    """Three nested sizes: the largest value, rounded, then about a third and a tenth of it (rounded)."""
    top = nice_round(max_value)
    values = [top, nice_round(top / 3), nice_round(top / 10)]
    return sorted({v for v in values if v > 0}, reverse=True)


def circle_points(layer, value_field: str, name: str) -> QgsVectorLayer:
    """A memory point layer: one point inside each feature of ``layer`` (point on surface), with its value."""
    index = layer.fields().lookupField(value_field)
    if index < 0:
        raise ValueError(tr("The layer {} has no field named {}.", layer.name(), value_field))
    points = QgsVectorLayer(f"Point?crs={layer.crs().authid()}", name, "memory")
    points.setCrs(layer.crs())
    points.dataProvider().addAttributes([QgsField("value", QVariant.Double)])
    points.updateFields()
    features = []
    for source in layer.getFeatures(QgsFeatureRequest().setSubsetOfAttributes([index])):
        value = plain(source.attribute(index))
        geometry = source.geometry()
        if value is None or geometry.isNull() or geometry.isEmpty():
            continue
        if geometry.type() != QgsWkbTypes.PointGeometry:
            geometry = geometry.pointOnSurface()
        feature = QgsFeature(points.fields())
        feature.setGeometry(geometry)
        feature.setAttribute("value", float(value))
        features.append(feature)
    points.dataProvider().addFeatures(features)
    points.updateExtents()
    return points


def style_proportional(layer, value_field: str, max_diameter_mm: float = 14.0, lang: str = "en", title=""):
    """Circles for ``value_field``: returns the point layer (styled) and the legend's three values."""
    points = circle_points(layer, value_field, title or value_field)
    values = [f["value"] for f in points.getFeatures()]
    warnings = []
    negative = sum(1 for v in values if v < 0)
    if negative:
        warnings.append(tr("{} negative value(s) of {} cannot be drawn as circles: left out.", negative, value_field))
    max_value = max((v for v in values if v > 0), default=0.0)
    if max_value <= 0:
        raise ValueError(tr("The field {} of {} has no positive value to draw as circles.", value_field, layer.name()))
    # Area proportional to the value: the diameter grows with the square root.
    expression = f'{max_diameter_mm} * sqrt(max("value", 0) / {max_value!r})'
    symbol = QgsMarkerSymbol.createSimple(
        {"name": "circle", "color": CIRCLE_COLOUR, "outline_color": "#ffffff", "outline_width": "0.2"}
    )
    symbol.setDataDefinedSize(QgsProperty.fromExpression(expression))
    symbol.symbolLayer(0).setDataDefinedProperty(QgsSymbolLayer.PropertySize, QgsProperty.fromExpression(expression))
    renderer = QgsSingleSymbolRenderer(symbol)
    renderer.setOrderBy(QgsFeatureRequest.OrderBy([QgsFeatureRequest.OrderByClause("value", False)]))
    renderer.setOrderByEnabled(True)
    sizes = legend_values(max_value)
    legend = QgsDataDefinedSizeLegend()
    legend.setLegendType(QgsDataDefinedSizeLegend.LegendCollapsed)
    legend.setSymbol(symbol.clone())
    legend.setTitle(tr("Circles proportional to the value"))
    legend.setClasses(
        [
            QgsDataDefinedSizeLegend.SizeClass(max_diameter_mm * math.sqrt(v / max_value), format_number(v, 0, lang))
            if v >= 1
            else QgsDataDefinedSizeLegend.SizeClass(max_diameter_mm * math.sqrt(v / max_value), f"{v:g}")
            for v in sizes
        ]
    )
    renderer.setDataDefinedSizeLegend(legend)
    points.setRenderer(renderer)
    return Proportional(points, max_value, sizes, warnings)


def background_symbol() -> QgsFillSymbol:
    return QgsFillSymbol.createSimple({"color": "#f2f2f2", "outline_color": "#8c8c8c", "outline_width": "0.15"})
