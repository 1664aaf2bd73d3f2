"""The inset that locates the mapped territory in its département: the context layer (communes of the département,
from the layer the user gives or the sample's communes) zoomed to the département the features fall in."""

from collections import Counter

from qgis.core import (
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsRectangle,
    QgsSingleSymbolRenderer,
)

from .language import plain

CODE_FIELDS = ("code_dep", "dep", "insee_dep", "code_departement", "code", "insee_com", "code_insee", "codgeo")


def departement_of(code: str) -> str:
    """Département of a commune code (97x overseas: three characters, else two, e.g. 2A)."""
    code = str(code).strip()
    return code[:3] if code.startswith("97") else code[:2]


def _code_field(layer) -> str:
    names = {f.name().lower(): f.name() for f in layer.fields()}
    return next((names[c] for c in CODE_FIELDS if c in names), "")


def departement_extent(context_layer, extent: QgsRectangle, crs, transform_context):
    """(extent of the département that most of ``extent`` lies in, in ``crs``; its code) from ``context_layer``;
    (None, "") when the context does not overlap the map."""
    to_context = QgsCoordinateTransform(crs, context_layer.crs(), transform_context)
    to_map = QgsCoordinateTransform(context_layer.crs(), crs, transform_context)
    try:
        search = to_context.transformBoundingBox(extent)
    except Exception:  # noqa: BLE001 - a transformation that fails: no inset rather than no map
        return None, ""
    field_name = _code_field(context_layer)
    request = QgsFeatureRequest().setFilterRect(search)
    overlapping = Counter()
    for feature in context_layer.getFeatures(request):
        code = plain(feature[field_name]) if field_name else None
        overlapping[departement_of(code) if code else ""] += feature.geometry().boundingBox().intersect(search).area()
    if not overlapping:
        return None, ""
    code = overlapping.most_common(1)[0][0]
    if not code:  # no code to tell the départements apart: the whole context layer
        return to_map.transformBoundingBox(context_layer.extent()), ""
    box = QgsRectangle()
    box.setMinimal()
    for feature in context_layer.getFeatures():
        if departement_of(plain(feature[field_name]) or "") == code:
            box.combineExtentWith(feature.geometry().boundingBox())
    return to_map.transformBoundingBox(box), code


def context_copy(layer, name: str):
    """A light grey copy of ``layer`` for the inset (the user's layer keeps its style)."""
    copy = layer.clone()
    copy.setName(name)
    copy.setRenderer(
        QgsSingleSymbolRenderer(
            QgsFillSymbol.createSimple({"color": "#ececec", "outline_color": "#a6a6a6", "outline_width": "0.1"})
        )
    )
    return copy
