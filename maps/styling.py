"""Graduated styling shared by the council map and by every output TerriData loads into QGIS.

One place decides how a numeric field is classified and coloured, so a layer looks the same on screen and on the
printed map: ColorBrewer's yellow-orange-red ramp, classes computed on the features that have a value (QGIS counts
NULLs as zeros in class breaks otherwise).
"""

from qgis.core import (
    QgsClassificationEqualInterval,
    QgsClassificationJenks,
    QgsClassificationQuantile,
    QgsGradientColorRamp,
    QgsGradientStop,
    QgsGraduatedSymbolRenderer,
    QgsSymbol,
)
from qgis.PyQt.QtCore import QVariant
from qgis.PyQt.QtGui import QColor

CLASSIFICATIONS = {
    "quantile": QgsClassificationQuantile,
    "jenks": QgsClassificationJenks,
    "equal": QgsClassificationEqualInterval,
}
# ColorBrewer YlOrRd: readable when printed and by most colour-blind readers.
RAMP_START, RAMP_END = "#ffffb2", "#bd0026"
RAMP_STOPS = [(0.25, "#fecc5c"), (0.5, "#fd8d3c"), (0.75, "#f03b20")]


def color_ramp() -> QgsGradientColorRamp:
    ramp = QgsGradientColorRamp(QColor(RAMP_START), QColor(RAMP_END))
    ramp.setStops([QgsGradientStop(offset, QColor(colour)) for offset, colour in RAMP_STOPS])
    return ramp


def graduated_renderer(layer, field: str, classes: int = 5, method: str = "quantile", decimals: int = -1, symbol=None):
    """A graduated renderer of ``field`` classified on the non-NULL values; ``decimals`` -1: 0 for integers."""
    if layer.fields().indexOf(field) < 0:
        raise ValueError(f"The layer {layer.name()} has no field named {field}.")
    if method not in CLASSIFICATIONS:
        raise ValueError(f"Unknown classification {method}; choose one of {', '.join(CLASSIFICATIONS)}.")
    renderer = QgsGraduatedSymbolRenderer(field)
    renderer.setSourceSymbol(symbol or QgsSymbol.defaultSymbol(layer.geometryType()))
    renderer.setSourceColorRamp(color_ramp())  # the renderer owns the ramp: never hand one over twice
    classification = CLASSIFICATIONS[method]()
    if decimals < 0:
        decimals = 0 if layer.fields().field(field).type() in (QVariant.Int, QVariant.LongLong) else 1
    classification.setLabelPrecision(decimals)
    renderer.setClassificationMethod(classification)
    valued = layer.clone()
    not_null = f'"{field}" IS NOT NULL'
    valued.setSubsetString(not_null if not layer.subsetString() else f"({layer.subsetString()}) AND {not_null}")
    renderer.updateClasses(valued, classes)
    return renderer


def apply_graduated(layer, field: str, classes: int = 5, method: str = "quantile", decimals: int = -1, symbol=None):
    """Set :func:`graduated_renderer` on ``layer`` and return it."""
    renderer = graduated_renderer(layer, field, classes, method, decimals, symbol)
    layer.setRenderer(renderer)
    layer.triggerRepaint()
    return renderer


def save_default_style(layer, name: str = "") -> str:
    """Save ``layer``'s current style in its data source (GeoPackage: the ``layer_styles`` table) as the default
    style, which QGIS applies whenever the layer is opened again. Returns the error message, or ``""``."""
    name = name or layer.name() or "default"
    error = layer.saveStyleToDatabase(name, "TerriData", True, "")
    return error or ""
