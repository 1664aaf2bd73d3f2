"""One thematic map, whatever its kind: the styled layers, the legend entries and what the reader should know.

Kinds: ``choropleth`` (rates, densities, shares), ``proportional`` (counts as circles), ``grid`` (INSEE 200 m /
1 km cells), ``categorised`` (one colour per category). The layers given are copies the caller owns: they are
restyled here.
"""

from dataclasses import dataclass, field
from typing import Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsCsException,
    QgsExpression,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsRectangle,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..core.classification import NO_DATA_COLOUR
from ..toolbelt.i18n import tr
from .categorised import style_categorised
from .choropleth import style_choropleth
from .classified import ClassSpec
from .grid_heatmap import grid_caption, style_grid
from .inset import context_copy, departement_extent
from .layout import LegendEntry, MapContent
from .proportional import background_symbol, style_proportional

KINDS = ("choropleth", "proportional", "grid", "categorised")
INSET_USELESS_SHARE = 0.6  # no inset when the map covers more than this share of its département's extent


@dataclass
class ThematicRequest:
    layer: QgsVectorLayer  # a copy, restyled here
    kind: str
    spec: ClassSpec
    other_layers: list = field(default_factory=list)  # unstyled: points and lines on top, polygons underneath
    context_layer: Optional[QgsVectorLayer] = None  # the inset's context (communes of the département)
    max_diameter_mm: float = 14.0
    legend_title: str = ""
    atlas: bool = False  # an atlas page shows one territory: the inset is always useful
    transform_context: QgsCoordinateTransformContext = field(default_factory=QgsCoordinateTransformContext)
    map_crs: Optional[QgsCoordinateReferenceSystem] = None  # the map's CRS (None: the layer's)


@dataclass
class Thematic:
    content: MapContent
    labels: list  # the legend's class or category labels, in order (no data last)
    warnings: list
    caption: str = ""  # e.g. "200 m grid cells"
    classification: object = None


def build_thematic(request: ThematicRequest, project) -> Thematic:
    """Style the request's layer by its kind and assemble the map's content (every layer added to ``project``)."""
    if request.kind not in KINDS:
        raise ValueError(tr("Unknown map kind {}; choose one of {}.", request.kind, ", ".join(KINDS)))
    layer = request.layer
    layers, legend, labels, warnings, caption, result = [], [], [], [], "", None
    if request.kind in ("choropleth", "grid"):
        style = style_grid if request.kind == "grid" else style_choropleth
        classified = style(layer, request.spec)
        layers.append(layer)
        legend.append(LegendEntry(layer))
        labels, warnings, result = list(classified.labels), list(classified.warnings), classified.classification
        no_data = no_data_layer(layer, request.spec.field, project)
        if no_data is not None:
            layers.append(no_data)
            legend.append(LegendEntry(no_data, show_name=True))
            labels.append(no_data.name())
        if request.kind == "grid":
            caption = grid_caption(layer)
    elif request.kind == "proportional":
        circles = style_proportional(
            layer, request.spec.field, request.max_diameter_mm, request.spec.lang, request.legend_title
        )
        project.addMapLayer(circles.layer, False)
        warnings = list(circles.warnings)
        labels = [c.label for c in circles.layer.renderer().dataDefinedSizeLegend().classes()]
        layers.append(circles.layer)
        legend.append(LegendEntry(circles.layer))
        if layer.geometryType() == QgsWkbTypes.PolygonGeometry:
            layer.setRenderer(QgsSingleSymbolRenderer(background_symbol()))
            layers.append(layer)
    else:
        labels, warnings = style_categorised(layer, request.spec.field)
        layers.append(layer)
        legend.append(LegendEntry(layer))
    # Other layers: points and lines above the thematic layer (visible), polygons under it.
    for other in request.other_layers:
        if getattr(other, "geometryType", lambda: None)() == QgsWkbTypes.PolygonGeometry:
            layers.append(other)
        else:
            layers.insert(0, other)
    crs, extent = layer.crs(), QgsRectangle(layer.extent())
    if request.map_crs is not None and request.map_crs.isValid() and request.map_crs != crs:
        to_map = QgsCoordinateTransform(crs, request.map_crs, request.transform_context)
        try:
            crs, extent = request.map_crs, to_map.transformBoundingBox(extent)
        except QgsCsException:
            crs, extent = layer.crs(), QgsRectangle(layer.extent())  # keep the layer's CRS rather than no map
    content = MapContent(layers=layers, legend=legend, extent=extent, crs=crs)
    if request.context_layer is not None:
        add_inset(content, request.context_layer, project, request.transform_context, always=request.atlas)
    return Thematic(content, labels, warnings, caption, result)


def add_inset(content: MapContent, context_layer, project, transform_context, always: bool = False) -> bool:
    """Give ``content`` an inset of ``context_layer`` zoomed to the département of the map; False (no inset) when
    the context does not overlap the map or when the map covers most of the département already."""
    box, _code = departement_extent(context_layer, content.extent, content.crs, transform_context)
    if box is None or box.isEmpty():
        return False
    if not always and content.extent.area() > INSET_USELESS_SHARE * box.area():
        return False  # the map shows (almost) the whole département already: an inset would locate nothing
    context = context_copy(context_layer, tr("Location"))
    project.addMapLayer(context, False)
    content.inset_layers = [context]
    content.inset_extent = box
    return True


def no_data_layer(layer, field_name: str, project):
    """A grey copy of the layer's features without a value, drawn under it and named "No data" in the legend
    (translated), so they show as no data rather than as holes; ``None`` when every feature has a value."""
    expression = f"{QgsExpression.quotedColumnRef(field_name)} IS NULL"
    if not any(True for _ in layer.getFeatures(QgsFeatureRequest(QgsExpression(expression)).setLimit(1))):
        return None
    base = layer.clone()
    base.setName(tr("No data"))
    subset = layer.subsetString()
    base.setSubsetString(expression if not subset else f"({subset}) AND {expression}")
    symbol = QgsFillSymbol.createSimple(
        {"color": NO_DATA_COLOUR, "outline_color": "#5a5a5a", "outline_width": "0.15", "style": "solid"}
    )
    base.setRenderer(QgsSingleSymbolRenderer(symbol))
    project.addMapLayer(base, False)
    return base
