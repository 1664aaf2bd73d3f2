"""Graduated styling shared by the maps and by every output TerriData loads into QGIS.

One place decides how a numeric field is classified and coloured (``core.classification`` through
``maps.classified``), so a layer looks the same on screen and on the printed map: ColorBrewer's yellow-orange-red
ramp, classes computed on the features that have a value, ties never split into repeated classes.
"""

from .classified import ClassSpec, classified_renderer
from .language import map_language


def graduated_renderer(
    layer, field: str, classes: int = 5, method: str = "quantile", decimals: int = -1, symbol=None, values=None
):
    """A graduated renderer of ``field`` classified on the non-NULL values; ``decimals`` -1: the fewest decimals
    that keep the classes apart. ``values``: the field's values when the caller has them (else read from
    ``layer``)."""
    spec = ClassSpec(
        field=field,
        method=method,
        classes=classes,
        decimals=None if decimals < 0 else decimals,
        lang=map_language(),
    )
    return classified_renderer(layer, spec, symbol, values).renderer


def apply_graduated(
    layer, field: str, classes: int = 5, method: str = "quantile", decimals: int = -1, symbol=None, values=None
):
    """Set :func:`graduated_renderer` on ``layer`` and return it (a layer without any value keeps its style)."""
    try:
        renderer = graduated_renderer(layer, field, classes, method, decimals, symbol, values)
    except ValueError:
        return None  # nothing to classify (every value NULL): the layer keeps its style
    layer.setRenderer(renderer)
    layer.triggerRepaint()
    return renderer


def save_default_style(layer, name: str = "") -> str:
    """Save ``layer``'s current style in its data source (GeoPackage: the ``layer_styles`` table) as the default
    style, which QGIS applies whenever the layer is opened again. Returns the error message, or ``""``."""
    name = name or layer.name() or "default"
    error = layer.saveStyleToDatabase(name, "TerriData", True, "")
    return error or ""
