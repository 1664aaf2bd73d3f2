"""The page of a TerriData map: title, subtitle, map, legend, north arrow, scale bar, inset, credits, date, CRS,
logo. One builder for every map kind, the atlas and the council map, so they all look alike and can be finished by
hand in QGIS's layout designer (the layout is also saved as a ``.qpt`` template, see ``maps.export``)."""

import math
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Optional

from qgis.core import (
    QgsApplication,
    QgsBasicNumericFormat,
    QgsFillSymbol,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendRenderer,
    QgsLegendStyle,
    QgsPrintLayout,
    QgsRectangle,
    QgsScaleBarSettings,
    QgsTextFormat,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QFont

from ..toolbelt.i18n import tr
from .credits import credits_line
from .france_insets import national_insets

FONT = "DejaVu Sans"
PAGE_SIZES = {"A4": (297.0, 210.0), "A3": (420.0, 297.0)}  # landscape width, height in mm
MM = QgsUnitTypes.LayoutMillimeters


@dataclass
class PageSpec:
    size: str = "A4"
    landscape: bool = True

    def dimensions(self) -> tuple:
        width, height = PAGE_SIZES[self.size]
        return (width, height) if self.landscape else (height, width)


@dataclass
class LegendEntry:
    layer: object
    show_name: bool = False  # the legend title names the main layer already


@dataclass
class MapContent:
    """What the map shows: ``layers`` top first, the legend entries, the layers whose sources are credited."""

    layers: list
    legend: list
    extent: QgsRectangle
    crs: object
    inset_layers: list = field(default_factory=list)  # context drawn in the inset (empty: no inset)
    inset_extent: Optional[QgsRectangle] = None


@dataclass
class LayoutSpec:
    title: str
    subtitle: str = ""
    legend_title: str = ""
    page: PageSpec = field(default_factory=PageSpec)
    north_arrow: bool = True
    scale_bar: bool = True
    show_crs: bool = True
    logo: str = ""
    author: str = ""
    extra_credits: tuple = ()
    notes: tuple = ()  # short lines for the reader under the legend (e.g. "200 m grid cells")
    lang: str = "en"
    day: date = field(default_factory=date.today)
    stats_text: str = ""  # a label under the legend (the atlas puts [% "_td_stats" %] there)
    name: str = ""
    national: bool = False  # metropolitan France in Lambert-93 and the five DROM in insets (maps.france_insets)


@dataclass
class BuiltLayout:
    layout: QgsPrintLayout
    map_item: QgsLayoutItemMap
    legend: QgsLayoutItemLegend
    credit_label: QgsLayoutItemLabel
    inset: Optional[QgsLayoutItemMap] = None
    scale_bar: Optional[QgsLayoutItemScaleBar] = None
    national: object = None  # maps.france_insets.NationalMaps of a national layout
    crs_label: Optional[QgsLayoutItemLabel] = None


def _frames(spec: LayoutSpec) -> dict:
    """Rectangles (x, y, w, h in mm) of the page's parts: a side column in landscape, a bottom band in portrait."""
    width, height = spec.page.dimensions()
    top = 27 if spec.subtitle else 21
    bottom = 16 if spec.show_crs else 12
    if spec.page.landscape:
        column = 72 if spec.page.size == "A4" else 90
        map_w, map_h = width - 20 - column - 6, height - top - bottom - 2
        side_x = 10 + map_w + 6
        inset = min(column, map_h * 0.4)
        return {
            "map": (10, top, map_w, map_h),
            "legend": (side_x, top, column, map_h - inset - 4),
            "inset": (side_x, top + map_h - inset, column, inset),
        }
    band = 75 if spec.page.size == "A4" else 100
    map_w, map_h = width - 20, height - top - bottom - band - 6
    band_y = top + map_h + 4
    return {
        "map": (10, top, map_w, map_h),
        "legend": (10, band_y, map_w - band - 6, band),
        "inset": (10 + map_w - band, band_y, band, band),
    }


def build_layout(project, content: MapContent, spec: LayoutSpec) -> BuiltLayout:
    """A print layout of ``content`` laid out by ``spec`` (not yet added to the project's layout manager)."""
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    width, height = spec.page.dimensions()
    page = layout.pageCollection().page(0)
    page.setPageSize(QgsLayoutSize(width, height, MM))
    layout.setName(spec.name or spec.title)
    frames = _frames(spec)

    title_width = width - 20 - (32 if spec.logo else 0)
    _place(_label(layout, spec.title, 18, bold=True), 10, 6, title_width, 11)
    if spec.subtitle:
        _place(_label(layout, spec.subtitle, 10, colour="#404040"), 10, 17, title_width, 8)
    if spec.logo:
        _logo(layout, spec.logo, width)

    national = None
    if spec.national:
        national = national_insets(layout, content.layers, *frames["map"], lang=spec.lang, scale_bars=spec.scale_bar)
        map_item = national.main
    else:
        map_item = _map(layout, content, frames["map"])
    legend = _legend(layout, map_item, content, spec, frames["legend"])
    if spec.north_arrow:
        _north_arrow(layout, map_item, frames["map"])
    bar = None
    if spec.scale_bar and national is None:
        bar = _scale_bar(layout, map_item, frames["map"], spec.lang)
    inset = None
    if content.inset_layers and national is None:
        inset = _inset(layout, map_item, content, frames["inset"])

    credit_layers = [entry.layer for entry in content.legend] + list(content.layers) + list(content.inset_layers)
    text = credits_line(credit_layers, spec.extra_credits, spec.author, spec.day, spec.lang)
    bottom = height - (15 if spec.show_crs else 11)
    credit_label = _label(layout, text, 7)
    _place(credit_label, 10, bottom, width - 20, 6)
    if spec.show_crs:
        crs = map_item.crs()
        crs_text = tr("Coordinate reference system: {} ({})", crs.description(), crs.authid())
        if national is not None:
            crs_text = tr(
                "Coordinate reference systems: {} ({}) for metropolitan France; overseas, each territory's own: {}",
                crs.description(),
                crs.authid(),
                ", ".join(f"{item.crs().authid()} ({code})" for code, item in national.insets.items()),
            )
    crs_label = None
    if spec.show_crs:
        crs_label = _place(_label(layout, crs_text, 6, colour="#595959"), 10, bottom + 5.5, width - 20, 4)
    return BuiltLayout(layout, map_item, legend, credit_label, inset, bar, national, crs_label)


def crs_of_each_page(built: BuiltLayout) -> None:
    """Atlas pages in CRSs of their own: the map item is named ``map`` and the CRS line reads its CRS on each page."""
    built.map_item.setId("map")
    if built.crs_label is not None:
        built.crs_label.setText(
            tr(
                "Coordinate reference system: {} ({})",
                "[% map_get(item_variables('map'), 'map_crs_description') %]",
                "[% map_get(item_variables('map'), 'map_crs') %]",
            )
        )


def _place(item, x, y, w, h):
    item.attemptMove(QgsLayoutPoint(x, y, MM))
    item.attemptResize(QgsLayoutSize(w, h, MM))
    return item


def _label(layout, text, size, bold=False, colour="#000000") -> QgsLayoutItemLabel:
    label = QgsLayoutItemLabel(layout)
    label.setText(text)
    font = QFont(FONT, size)
    font.setBold(bold)
    label.setFont(font)
    label.setFontColor(QColor(colour))
    label.setHAlign(Qt.AlignLeft)
    label.setVAlign(Qt.AlignTop)
    layout.addLayoutItem(label)
    return label


def _logo(layout, path, page_width):
    picture = QgsLayoutItemPicture(layout)
    picture.setPicturePath(str(path))
    picture.setResizeMode(QgsLayoutItemPicture.Zoom)
    layout.addLayoutItem(picture)
    _place(picture, page_width - 10 - 30, 4, 30, 18)


def _map(layout, content: MapContent, frame) -> QgsLayoutItemMap:
    x, y, w, h = frame
    map_item = QgsLayoutItemMap(layout)
    layout.addLayoutItem(map_item)  # sized and zoomed once in the layout, or it renders nothing
    _place(map_item, x, y, w, h)
    map_item.setLayers(content.layers)
    map_item.setKeepLayerSet(True)
    map_item.setCrs(content.crs)
    extent = QgsRectangle(content.extent)
    extent.scale(1.04)
    map_item.setExtent(extent)  # zoomToExtent alone fails on an item that has no extent yet,
    _place(map_item, x, y, w, h)  # but setExtent resizes it
    map_item.zoomToExtent(extent)
    map_item.setFrameEnabled(True)
    map_item.setFrameStrokeColor(QColor("#8c8c8c"))
    return map_item


def _legend(layout, map_item, content: MapContent, spec: LayoutSpec, frame) -> QgsLayoutItemLegend:
    x, y, w, h = frame
    legend = QgsLayoutItemLegend(layout)
    legend.setTitle(spec.legend_title)
    legend.setLinkedMap(map_item)
    legend.setAutoUpdateModel(False)
    legend.setEqualColumnWidth(False)
    legend.setWrapString("\n")
    for style, size, bold in (
        (QgsLegendStyle.Title, 10, True),
        (QgsLegendStyle.Group, 9, True),
        (QgsLegendStyle.Subgroup, 8, True),
        (QgsLegendStyle.SymbolLabel, 8, False),
    ):
        font = QFont(FONT, size)
        font.setBold(bold)
        legend.rstyle(style).setFont(font)
    root = legend.model().rootGroup()
    root.clear()
    for entry in content.legend:
        node = root.addLayer(entry.layer)
        if not entry.show_name:
            QgsLegendRenderer.setNodeLegendStyle(node, QgsLegendStyle.Hidden)
    layout.addLayoutItem(legend)
    legend.attemptMove(QgsLayoutPoint(x, y, MM))
    texts = [t for t in (spec.stats_text, *spec.notes) if t]
    if texts:  # at the bottom of the legend's frame, never over the legend
        notes = _label(layout, "\n".join(texts), 7, colour="#404040")
        notes.setVAlign(Qt.AlignBottom)
        notes_height = min(h * 0.45, 8 + 5 * sum(1 + len(t) // 55 for t in texts))
        _place(notes, x, y + h - notes_height, w, notes_height)
    return legend


def _north_arrow(layout, map_item, frame):
    x, y, w, _h = frame
    svg = _svg("arrows/NorthArrow_02.svg")
    if not svg:
        return
    arrow = QgsLayoutItemPicture(layout)
    arrow.setPicturePath(svg)
    arrow.setLinkedMap(map_item)
    layout.addLayoutItem(arrow)
    _place(arrow, x + w - 14, y + 3, 10, 13)


def _svg(relative: str) -> str:
    for folder in QgsApplication.svgPaths():
        candidate = Path(folder) / relative
        if candidate.exists():
            return str(candidate)
    return ""


def _scale_bar(layout, map_item, frame, lang: str):
    x, y, _w, h = frame
    bar = QgsLayoutItemScaleBar(layout)
    bar.setStyle("Single Box")
    bar.setLinkedMap(map_item)
    bar.applyDefaultSize(QgsUnitTypes.DistanceKilometers)
    bar.setUnitLabel("km")
    bar.setNumberOfSegments(2)
    bar.setNumberOfSegmentsLeft(0)
    if lang == "fr":  # "0,5 km"
        numbers = QgsBasicNumericFormat()
        numbers.setDecimalSeparator(",")
        numbers.setThousandsSeparator("\u202f")
        bar.setNumericFormat(numbers)
    text_format = QgsTextFormat()
    text_format.setFont(QFont(FONT, 7))
    text_format.setSize(7)
    bar.setTextFormat(text_format)
    layout.addLayoutItem(bar)
    bar.attemptMove(QgsLayoutPoint(x + 3, y + h - 12, MM))
    fit_scale_bar(bar, map_item)
    return bar


def round_length(value: float) -> float:
    """The 1, 2 or 5 × 10^k nearest to ``value`` (by ratio): scale bar segments a reader can add up (0.5, 1, 2 km)."""
    power = 10 ** math.floor(math.log10(value))
    return min((m * power for m in (1, 2, 5, 10)), key=lambda candidate: abs(math.log(candidate / value)))


def fit_scale_bar(bar, map_item, segment_mm: float = 15.0) -> None:
    """Two segments of a round length (1, 2 or 5 × 10^k km) about ``segment_mm`` long at the map's current scale;
    called again for each atlas page (each page has its own scale)."""
    scale = map_item.scale()
    if not scale or scale <= 0:
        return
    kilometres = segment_mm * scale / 1e6  # 1 mm on paper is ``scale`` mm on the ground
    bar.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeFixed)
    bar.setUnitsPerSegment(round_length(kilometres))
    bar.update()


def _inset(layout, map_item, content: MapContent, frame) -> QgsLayoutItemMap:
    x, y, w, h = frame
    inset = QgsLayoutItemMap(layout)
    layout.addLayoutItem(inset)
    _place(inset, x, y, w, h)
    inset.setLayers(content.inset_layers)
    inset.setKeepLayerSet(True)
    inset.setCrs(content.crs)
    extent = QgsRectangle(content.inset_extent or content.inset_layers[0].extent())
    extent.scale(1.05)
    inset.setExtent(extent)
    _place(inset, x, y, w, h)
    inset.zoomToExtent(extent)
    inset.setFrameEnabled(True)
    inset.setFrameStrokeColor(QColor("#8c8c8c"))
    overview = inset.overview()
    overview.setLinkedMap(map_item)
    overview.setFrameSymbol(
        QgsFillSymbol.createSimple({"color": "215,48,31,30", "outline_color": "#d7301f", "outline_width": "0.6"})
    )
    overview.setEnabled(True)
    return inset
