"""A national map of France with the five overseas départements in insets, the way INSEE and IGN draw it.

Metropolitan France and Corsica fill the main map in Lambert-93 (EPSG:2154); Guadeloupe, Martinique, Guyane,
La Réunion and Mayotte each get an inset in their own official CRS (:mod:`core.territory_crs`), so that shapes and
distances are right there too. The four islands are drawn at one common scale (so their sizes compare); Guyane,
about 400 km across, at a smaller scale of its own, stated on its scale bar. Every map item has its own scale bar,
true in its CRS (metres, the UTM or Lambert-93 scale factor is within 0.1 % of 1 over each territory).

:func:`national_insets` adds the maps to any print layout (``export_map`` can call it for a national option);
:func:`build_national_layout` makes a whole A4 page with a title, and :func:`render_national_map` exports it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsLayoutItemLabel,
    QgsLayoutItemMap,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QFont

from ..core import territory_crs

INSETS = ("971", "972", "973", "974", "976")  # Guadeloupe, Martinique, Guyane, La Réunion, Mayotte
OWN_SCALE = ("973",)  # too large for the islands' common scale
_MM = QgsUnitTypes.LayoutMillimeters


@dataclass
class NationalMaps:
    """The map items of a national layout: the main map and one inset per overseas département (by code)."""

    main: QgsLayoutItemMap
    insets: dict = field(default_factory=dict)
    scale_bars: dict = field(default_factory=dict)  # "metropole" and the inset codes → QgsLayoutItemScaleBar
    titles: dict = field(default_factory=dict)  # inset code → QgsLayoutItemLabel


def part_extent(part, transform_context=None) -> QgsRectangle:
    """The box of a part of France (WGS84) in its official CRS."""
    crs = QgsCoordinateReferenceSystem(f"EPSG:{part.epsg}")
    transform = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"), crs, transform_context or QgsProject.instance().transformContext()
    )
    return transform.transformBoundingBox(QgsRectangle(*part.box))


def national_insets(
    layout,
    layers,
    x: float,
    y: float,
    width: float,
    height: float,
    inset_width: float = 0.0,
    lang: str = "en",
    scale_bars: bool = True,
):
    """Add to ``layout`` a national map of ``layers`` in the rectangle (``x``, ``y``, ``width``, ``height``, mm):
    a column of five insets (``inset_width`` mm wide; 0: 28 % of the width, at most 56 mm) on the left,
    metropolitan France on the right; each map has its scale bar (two segments of a round length, numbers in the
    ``lang`` format) in its lower left corner, unless ``scale_bars`` is False. Returns the :class:`NationalMaps`."""
    inset_width = inset_width or min(56.0, 0.28 * width)
    context = layout.project().transformContext() if layout.project() else None
    gap = 2.0
    title_h = 4.5
    bar_h = 8.0
    cell_h = (height - gap * (len(INSETS) - 1)) / len(INSETS)
    frame_h = cell_h - title_h
    main = _map(layout, layers, x + inset_width + 4.0, y, width - inset_width - 4.0, height)
    main.setId("map metropole")
    main.setCrs(QgsCoordinateReferenceSystem(f"EPSG:{territory_crs.METROPOLE.epsg}"))
    _zoom(main, part_extent(territory_crs.METROPOLE, context))
    maps = NationalMaps(main)
    if scale_bars:
        maps.scale_bars["metropole"] = _scale_bar(layout, main, x + inset_width + 6.0, y + height - bar_h, lang)
    extents = {}
    for i, code in enumerate(INSETS):
        part = territory_crs.BY_KEY[code]
        top = y + i * (cell_h + gap)
        title = _label(layout, part.name, 8, bold=True)
        title.attemptMove(QgsLayoutPoint(x, top, _MM))
        title.attemptResize(QgsLayoutSize(inset_width, title_h, _MM))
        maps.titles[code] = title
        item = _map(layout, layers, x, top + title_h, inset_width, frame_h)
        item.setId(f"map {code}")
        item.setCrs(QgsCoordinateReferenceSystem(f"EPSG:{part.epsg}"))
        extents[code] = part_extent(part, context)
        _zoom(item, extents[code])
        maps.insets[code] = item
    # the islands at one common scale: the smallest scale that shows each of them whole
    common = max(maps.insets[c].scale() for c in INSETS if c not in OWN_SCALE)
    for code in INSETS:
        item = maps.insets[code]
        if code not in OWN_SCALE:
            item.setExtent(_centred(extents[code], item, common))
        top = y + INSETS.index(code) * (cell_h + gap)
        if scale_bars:
            maps.scale_bars[code] = _scale_bar(layout, item, x + 1.0, top + title_h + frame_h - bar_h, lang)
    return maps


def build_national_layout(layers, title: str, project: QgsProject = None, subtitle: str = "") -> tuple:
    """``(QgsPrintLayout, NationalMaps)``: an A4 landscape page with a title and the national map of ``layers``."""
    project = project or QgsProject.instance()
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(title)
    head = _label(layout, title, 18, bold=True)
    head.attemptMove(QgsLayoutPoint(10, 6, _MM))
    head.attemptResize(QgsLayoutSize(277, 10, _MM))
    if subtitle:
        sub = _label(layout, subtitle, 10)
        sub.attemptMove(QgsLayoutPoint(10, 16, _MM))
        sub.attemptResize(QgsLayoutSize(277, 6, _MM))
    maps = national_insets(layout, layers, 10, 24, 277, 178)
    return layout, maps


def render_national_map(layers, target, title: str, project: QgsProject = None, dpi: int = 150) -> Path:
    """Lay out and export (PNG or PDF, by the extension, atomically) the national map of ``layers``."""
    layout, _maps = build_national_layout(layers, title, project)
    return export_national_layout(layout, target, dpi)


def export_national_layout(layout, target, dpi: int = 150) -> Path:
    """Export to PNG or PDF (by the extension) atomically; a PDF keeps its text as text (titles and scale bar
    labels can be searched and read back)."""
    from qgis.core import QgsLayoutExporter

    from ..toolbelt.atomic import atomic_path

    target = Path(target)
    exporter = QgsLayoutExporter(layout)
    with atomic_path(target) as tmp:
        if target.suffix.lower() == ".pdf":
            settings = QgsLayoutExporter.PdfExportSettings()
            settings.dpi = dpi
            settings.textRenderFormat = _always_text()
            result = exporter.exportToPdf(str(tmp), settings)
        else:
            settings = QgsLayoutExporter.ImageExportSettings()
            settings.dpi = dpi
            settings.exportMetadata = False  # GDAL cannot add it to a PNG in place
            result = exporter.exportToImage(str(tmp), settings)
        if result != QgsLayoutExporter.Success:
            raise RuntimeError(f"QGIS could not export the map to {target} (error {int(result)}).")
    return target


def _always_text():
    """The "always render text as text" format: Qgis.TextRenderFormat on QGIS >= 3.28, QgsRenderContext before."""
    from qgis.core import Qgis, QgsRenderContext

    scoped = getattr(Qgis, "TextRenderFormat", None)
    return scoped.AlwaysText if scoped is not None else QgsRenderContext.TextFormatAlwaysText


def _map(layout, layers, x, y, w, h) -> QgsLayoutItemMap:
    item = QgsLayoutItemMap(layout)
    layout.addLayoutItem(item)
    item.attemptMove(QgsLayoutPoint(x, y, _MM))
    item.attemptResize(QgsLayoutSize(w, h, _MM))
    item.setLayers(list(layers))
    item.setKeepLayerSet(True)
    item.setFrameEnabled(True)
    return item


def _zoom(item: QgsLayoutItemMap, extent: QgsRectangle) -> None:
    size = item.sizeWithUnits()
    item.setExtent(extent)  # setExtent resizes an item to the extent's shape: size it back, then fit
    item.attemptResize(size)
    item.zoomToExtent(extent)


def _centred(extent: QgsRectangle, item: QgsLayoutItemMap, scale: float) -> QgsRectangle:
    """The extent of ``item`` at ``scale`` centred on ``extent`` (ground metres = paper mm × scale / 1000)."""
    size = item.sizeWithUnits()
    half_w = size.width() * scale / 2000.0
    half_h = size.height() * scale / 2000.0
    c = extent.center()
    return QgsRectangle(c.x() - half_w, c.y() - half_h, c.x() + half_w, c.y() + half_h)


def _scale_bar(layout, item: QgsLayoutItemMap, x: float, y: float, lang: str = "en") -> QgsLayoutItemScaleBar:
    bar = QgsLayoutItemScaleBar(layout)
    bar.setStyle("Single Box")
    bar.setLinkedMap(item)
    bar.setUnits(QgsUnitTypes.DistanceKilometers)
    bar.setUnitLabel("km")
    bar.setNumberOfSegments(2)
    bar.setNumberOfSegmentsLeft(0)
    bar.applyDefaultSize(QgsUnitTypes.DistanceKilometers)
    bar.setHeight(1.5)
    bar.setBackgroundEnabled(False)
    font = QFont("DejaVu Sans", 6)
    if hasattr(bar, "setTextFormat"):
        from qgis.core import QgsTextFormat

        fmt = QgsTextFormat()
        fmt.setFont(font)
        fmt.setSize(6)
        bar.setTextFormat(fmt)
    else:  # QGIS < 3.14
        bar.setFont(font)
    if lang == "fr":  # "0,5 km"
        from qgis.core import QgsBasicNumericFormat

        numbers = QgsBasicNumericFormat()
        numbers.setDecimalSeparator(",")
        numbers.setThousandsSeparator("\u202f")
        bar.setNumericFormat(numbers)
    layout.addLayoutItem(bar)
    bar.attemptMove(QgsLayoutPoint(x, y, _MM))
    from .layout import fit_scale_bar  # (maps.layout imports this module)

    fit_scale_bar(bar, item, segment_mm=10.0)
    return bar


def _label(layout, text, size, bold=False) -> QgsLayoutItemLabel:
    label = QgsLayoutItemLabel(layout)
    label.setText(text)
    font = QFont("DejaVu Sans", size)
    font.setBold(bold)
    label.setFont(font)
    label.setHAlign(Qt.AlignLeft)
    layout.addLayoutItem(label)
    return label


def inset_titles() -> list:
    """The inset titles, in order (for readers of an exported map)."""
    return [territory_crs.BY_KEY[c].name for c in INSETS]
