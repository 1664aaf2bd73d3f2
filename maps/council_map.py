"""A map ready for a council meeting: a choropleth of one field with title, legend, scale bar and source credits.

Built as a QGIS print layout so that it renders the same in QGIS Desktop and headless (``qgis_process``, ``make
demo``), and exported to PNG or PDF atomically. Source credits are collected from the layers' metadata (the
``terridata/attribution`` custom property and the metadata rights that every TerriData layer carries), so a map
always credits IGN, INSEE or whoever produced the data it shows.
"""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from qgis.core import (
    QgsExpression,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsGraduatedSymbolRenderer,
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendRenderer,
    QgsLegendStyle,
    QgsPrintLayout,
    QgsProject,
    QgsSingleSymbolRenderer,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QFont

from ..toolbelt.atomic import atomic_path
from ..toolbelt.i18n import tr
from .styling import CLASSIFICATIONS, apply_graduated

ATTRIBUTION_PROPERTY = "terridata/attribution"


@dataclass
class MapRequest:
    layer: QgsVectorLayer
    field: str
    title: str
    subtitle: str = ""
    legend_title: str = ""
    classes: int = 5
    method: str = "quantile"
    extra_credits: list = field(default_factory=list)
    dpi: int = 150
    decimals: int = -1  # -1: 0 for integer fields, 1 otherwise


def layer_credits(layer) -> list:
    """Attribution texts carried by a layer (TerriData's custom property first, then the metadata rights)."""
    sources = []
    attribution = layer.customProperty(ATTRIBUTION_PROPERTY)
    if attribution:
        sources.append(str(attribution))
    sources.extend(r for r in layer.metadata().rights() if r)
    return sources


def apply_choropleth(request: MapRequest) -> QgsGraduatedSymbolRenderer:
    """Style ``request.layer`` as a graduated choropleth of ``request.field`` and return the renderer."""
    layer = request.layer
    if layer.fields().indexOf(request.field) < 0:
        raise ValueError(tr("The layer {} has no field named {}.", layer.name(), request.field))
    if request.method not in CLASSIFICATIONS:
        raise ValueError(tr("Unknown classification {}; choose one of {}.", request.method, ", ".join(CLASSIFICATIONS)))
    symbol = QgsFillSymbol.createSimple({"outline_color": "#5a5a5a", "outline_width": "0.15"})
    return apply_graduated(layer, request.field, request.classes, request.method, request.decimals, symbol)


def build_layout(request: MapRequest, project: QgsProject, basemaps=()) -> QgsPrintLayout:
    """An A4 landscape layout: title, subtitle, map, legend, scale bar and a line of source credits."""
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()  # one A4 landscape page
    layout.setName(request.title)
    page_w, page_h = 297.0, 210.0

    title = _label(layout, request.title, 20, bold=True)
    title.attemptMove(QgsLayoutPoint(10, 7, QgsUnitTypes.LayoutMillimeters))
    title.attemptResize(QgsLayoutSize(page_w - 20, 11, QgsUnitTypes.LayoutMillimeters))
    if request.subtitle:
        subtitle = _label(layout, request.subtitle, 11)
        subtitle.attemptMove(QgsLayoutPoint(10, 18, QgsUnitTypes.LayoutMillimeters))
        subtitle.attemptResize(QgsLayoutSize(page_w - 20, 7, QgsUnitTypes.LayoutMillimeters))

    thematic = [request.layer, *_no_data_layer(request, project)]
    layers = [*thematic, *basemaps]
    map_item = QgsLayoutItemMap(layout)
    layout.addLayoutItem(map_item)  # sized and zoomed once in the layout, or it renders nothing
    map_item.attemptMove(QgsLayoutPoint(10, 27, QgsUnitTypes.LayoutMillimeters))
    map_item.attemptResize(QgsLayoutSize(205, 165, QgsUnitTypes.LayoutMillimeters))
    map_item.setLayers(layers)
    map_item.setKeepLayerSet(True)
    map_item.setCrs(request.layer.crs())
    extent = request.layer.extent()
    extent.scale(1.04)
    map_item.setExtent(extent)  # zoomToExtent alone fails on an item that has no extent yet,
    map_item.attemptResize(QgsLayoutSize(205, 165, QgsUnitTypes.LayoutMillimeters))  # but setExtent resizes it
    map_item.zoomToExtent(extent)
    map_item.setFrameEnabled(True)

    legend = QgsLayoutItemLegend(layout)
    legend.setTitle(request.legend_title or request.field)
    legend.setLinkedMap(map_item)
    legend.setAutoUpdateModel(False)
    root = legend.model().rootGroup()
    root.clear()
    for legend_layer in thematic:
        node = root.addLayer(legend_layer)
        if legend_layer is request.layer:
            QgsLegendRenderer.setNodeLegendStyle(node, QgsLegendStyle.Hidden)  # the legend title names it already
    legend.attemptMove(QgsLayoutPoint(222, 27, QgsUnitTypes.LayoutMillimeters))
    layout.addLayoutItem(legend)

    scale_bar = QgsLayoutItemScaleBar(layout)
    scale_bar.setStyle("Single Box")
    scale_bar.setLinkedMap(map_item)
    scale_bar.applyDefaultSize(QgsUnitTypes.DistanceKilometers)
    scale_bar.setUnitLabel("km")
    scale_bar.setNumberOfSegments(2)
    scale_bar.setNumberOfSegmentsLeft(0)
    scale_bar.attemptMove(QgsLayoutPoint(222, 170, QgsUnitTypes.LayoutMillimeters))
    layout.addLayoutItem(scale_bar)

    sources = []
    for layer in layers:
        sources.extend(c for c in layer_credits(layer) if c not in sources)
    sources.extend(c for c in request.extra_credits if c and c not in sources)
    credit_text = tr("Sources: {}", "; ".join(sources)) if sources else tr("Sources: not stated")
    credit_text += " — " + tr("Map: TerriData, {}", date.today().isoformat())
    credit_label = _label(layout, credit_text, 7)
    credit_label.attemptMove(QgsLayoutPoint(10, page_h - 15, QgsUnitTypes.LayoutMillimeters))
    credit_label.attemptResize(QgsLayoutSize(page_w - 20, 10, QgsUnitTypes.LayoutMillimeters))
    return layout


def _no_data_layer(request: MapRequest, project: QgsProject) -> list:
    """A grey copy of the layer drawn underneath, so features without a value show as "No data", not as holes."""
    layer = request.layer
    expression = f'"{request.field}" IS NULL'
    if not any(True for _ in layer.getFeatures(QgsFeatureRequest(QgsExpression(expression)).setLimit(1))):
        return []
    base = layer.clone()
    base.setName(tr("No data"))
    base.setSubsetString(expression if not layer.subsetString() else f"({layer.subsetString()}) AND {expression}")
    base.setRenderer(
        QgsSingleSymbolRenderer(
            QgsFillSymbol.createSimple({"color": "#e6e6e6", "outline_color": "#5a5a5a", "outline_width": "0.15"})
        )
    )
    project.addMapLayer(base, False)
    return [base]


def _label(layout, text, size, bold=False) -> QgsLayoutItemLabel:
    label = QgsLayoutItemLabel(layout)
    label.setText(text)
    font = QFont("DejaVu Sans", size)
    font.setBold(bold)
    label.setFont(font)
    label.setHAlign(Qt.AlignLeft)
    layout.addLayoutItem(label)
    return label


def export_layout(layout: QgsPrintLayout, target, dpi: int = 150) -> Path:
    """Export to PNG or PDF (chosen by the file extension), atomically."""
    target = Path(target)
    exporter = QgsLayoutExporter(layout)
    with atomic_path(target) as tmp:
        if target.suffix.lower() == ".pdf":
            settings = QgsLayoutExporter.PdfExportSettings()
            settings.dpi = dpi
            result = exporter.exportToPdf(str(tmp), settings)
        else:
            settings = QgsLayoutExporter.ImageExportSettings()
            settings.dpi = dpi
            settings.exportMetadata = False  # GDAL cannot add it to a PNG in place (noisy "ERROR 6")
            result = exporter.exportToImage(str(tmp), settings)
        if result != QgsLayoutExporter.Success:
            raise RuntimeError(tr("QGIS could not export the map to {} (error {}).", target, int(result)))
    return target


def render_council_map(request: MapRequest, target, project: QgsProject = None) -> Path:
    """Style the layer, lay the map out and export it: the whole job in one call."""
    project = project or QgsProject.instance()
    apply_choropleth(request)
    layout = build_layout(request, project)
    return export_layout(layout, target, request.dpi)
