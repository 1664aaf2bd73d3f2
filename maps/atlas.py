"""Atlas: one page per feature of a coverage layer (each commune of an EPCI, each EPCI of a département…), the map
zoomed to the feature with a margin, the other territories greyed, a title and statistics of its own.

The coverage is copied (filter and sort applied, page order kept in ``_td_order``, the statistics text of each
page precomputed in ``_td_stats`` with the interface's number format) so the user's layer is untouched and the
layout's labels read plain fields, which the ``.qpt`` template keeps working in QGIS's layout designer.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsExpression,
    QgsFeatureRequest,
    QgsField,
    QgsFillSymbol,
    QgsInvertedPolygonRenderer,
    QgsLayoutExporter,
    QgsLayoutItemMap,
    QgsLayoutObject,
    QgsProperty,
    QgsRuleBasedRenderer,
)
from qgis.PyQt.QtCore import QVariant

from ..core.classification import format_number, label_decimals
from ..toolbelt.atomic import atomic_outputs
from ..toolbelt.i18n import tr
from .export import export_page, save_template, template_path
from .language import plain
from .layout import fit_scale_bar

ORDER_FIELD, STATS_FIELD, CRS_FIELD = "_td_order", "_td_stats", "_td_crs"
GREY = "225,225,225,200"


@dataclass
class AtlasSpec:
    name_field: str
    filter_expression: str = ""
    sort_expression: str = ""
    stats_fields: list = field(default_factory=list)
    stats_labels: list = field(default_factory=list)  # same order as stats_fields; empty: the field's alias/name
    margin: float = 0.1  # share of the feature's extent added around it
    lang: str = "en"


def coverage_copy(source, spec: AtlasSpec, feedback=None):
    """The coverage's features (filtered, sorted) in a memory layer with the page order and statistics text."""
    request = QgsFeatureRequest()
    if spec.filter_expression:
        request.setFilterExpression(spec.filter_expression)
    if spec.sort_expression:
        request.setOrderBy(QgsFeatureRequest.OrderBy([QgsFeatureRequest.OrderByClause(spec.sort_expression, True)]))
    copy = source.materialize(request, feedback)
    provider = copy.dataProvider()
    provider.addAttributes([QgsField(ORDER_FIELD, QVariant.Int), QgsField(STATS_FIELD, QVariant.String)])
    copy.updateFields()
    order_index, stats_index = copy.fields().indexOf(ORDER_FIELD), copy.fields().indexOf(STATS_FIELD)
    changes = {}
    for order, feature in enumerate(copy.getFeatures()):
        changes[feature.id()] = {order_index: order, stats_index: statistics_text(feature, spec, copy.fields())}
    provider.changeAttributeValues(changes)
    return copy


def statistics_text(feature, spec: AtlasSpec, fields) -> str:
    """ "Label: value" lines of the feature's statistics fields (alias as label), numbers in the interface's
    format."""
    lines = []
    for position, name in enumerate(spec.stats_fields):
        index = fields.indexOf(name)
        if index < 0:
            continue
        value = plain(feature.attribute(index))
        given = spec.stats_labels[position] if position < len(spec.stats_labels) else ""
        label = given or fields.at(index).displayName()
        if value is None:
            text = tr("no data")
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            decimals = 0 if float(value).is_integer() else max(1, label_decimals([value], 2))
            text = format_number(float(value), decimals, spec.lang)
        else:
            text = str(value)
        colon = "\u00a0: " if spec.lang == "fr" else ": "  # French: a no-break space before the colon
        lines.append(f"{label}{colon}{text}")
    return "\n".join(lines)


def _current_page_rule(symbol, label: str) -> QgsRuleBasedRenderer:
    current = f"{QgsExpression.quotedColumnRef(ORDER_FIELD)} = attribute(@atlas_feature, '{ORDER_FIELD}')"
    root = QgsRuleBasedRenderer.Rule(None)
    root.appendChild(QgsRuleBasedRenderer.Rule(symbol, filterExp=current, label=label))
    return QgsRuleBasedRenderer(root)


def mask_renderer() -> QgsInvertedPolygonRenderer:
    """Grey over everything outside the page's territory (every other territory, filtered out or not)."""
    grey = QgsFillSymbol.createSimple({"color": GREY, "outline_style": "no"})
    return QgsInvertedPolygonRenderer(_current_page_rule(grey, tr("Other territories")))


def outline_renderer() -> QgsRuleBasedRenderer:
    """A dark outline around the page's territory."""
    own = QgsFillSymbol.createSimple({"style": "no", "outline_color": "#252525", "outline_width": "0.8"})
    return _current_page_rule(own, tr("Territory of the page"))


def set_page_crs(coverage, authids: dict) -> None:
    """Store the map CRS of each page (``{feature id: "EPSG:nnnn"}``) in the coverage copy's ``_td_crs``: the
    map item reads it as its data-defined CRS (see :func:`configure_atlas`), so each page is drawn in the official
    CRS of its territory (La Réunion in EPSG:2975, Essonne in Lambert-93), and the ``.qpt`` keeps doing so."""
    provider = coverage.dataProvider()
    provider.addAttributes([QgsField(CRS_FIELD, QVariant.String)])
    coverage.updateFields()
    index = coverage.fields().indexOf(CRS_FIELD)
    provider.changeAttributeValues({fid: {index: authid} for fid, authid in authids.items()})


def configure_atlas(layout, map_item, coverage, spec: AtlasSpec, scale_bar=None) -> int:
    """Make ``layout`` an atlas over ``coverage`` (the scale bar refitted on each page; the map in the page's CRS
    when the coverage has one, see :func:`set_page_crs`); returns the number of pages."""
    atlas = layout.atlas()
    atlas.setCoverageLayer(coverage)
    atlas.setEnabled(True)
    atlas.setHideCoverage(False)
    atlas.setPageNameExpression(QgsExpression.quotedColumnRef(spec.name_field))
    atlas.setSortFeatures(True)
    atlas.setSortExpression(QgsExpression.quotedColumnRef(ORDER_FIELD))
    atlas.setFilenameExpression(QgsExpression.quotedColumnRef(spec.name_field))
    map_item.setAtlasDriven(True)
    map_item.setAtlasScalingMode(QgsLayoutItemMap.Auto)
    map_item.setAtlasMargin(spec.margin)
    if coverage.fields().indexOf(CRS_FIELD) >= 0:
        map_item.dataDefinedProperties().setProperty(QgsLayoutObject.MapCrs, QgsProperty.fromField(CRS_FIELD))
    if scale_bar is not None:
        # Connected after the map item's own handler: the map has its page's extent when this runs.
        atlas.featureChanged.connect(lambda _feature: fit_scale_bar(scale_bar, map_item))
    return atlas.updateFeatures()


def safe_file_name(name: str) -> str:
    """A page name usable as a file name on every system (accents kept, separators and reserved characters
    replaced)."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", str(name)).strip(" .")
    return cleaned or "page"


def page_targets(layout, target) -> list:
    """One file per page, beside ``target``: "<stem>-<page name><ext>" (numbered when two names are equal)."""
    atlas = layout.atlas()
    target = Path(target)
    targets, seen = [], set()
    for page in range(atlas.count()):
        name = safe_file_name(atlas.nameForPage(page))
        candidate, number = name, 2
        while candidate.lower() in seen:
            candidate, number = f"{name}-{number}", number + 1
        seen.add(candidate.lower())
        targets.append(target.with_name(f"{target.stem}-{candidate}{target.suffix}"))
    return targets


def export_atlas_pdf(layout, target, dpi: int, feedback) -> tuple:
    """One multi-page PDF and the template, committed together; QGIS reports progress and stops on cancel per
    page through ``feedback``."""
    template = template_path(target)
    with atomic_outputs([target, template]) as (tmp_pdf, tmp_template):
        settings = QgsLayoutExporter.PdfExportSettings()
        settings.dpi = dpi
        settings.rasterizeWholeImage = False
        settings.textRenderFormat = Qgis.TextRenderFormat.AlwaysText  # text a reader can search and copy
        result, error = QgsLayoutExporter.exportToPdf(layout.atlas(), str(tmp_pdf), settings, feedback)
        if feedback is not None and feedback.isCanceled():
            raise InterruptedError()
        if result != QgsLayoutExporter.Success:
            raise RuntimeError(tr("QGIS could not export the atlas to {}: {}", target, error or int(result)))
        save_template(layout, tmp_template)
    return [Path(target)], template


def export_atlas_pages(layout, target, dpi: int, feedback, check_cancelled) -> tuple:
    """One file per page (format of ``target``'s extension) and the template, all committed together."""
    targets = page_targets(layout, target)
    template = template_path(target)
    atlas = layout.atlas()
    with atomic_outputs([*targets, template]) as temporaries:
        if not atlas.beginRender():
            raise RuntimeError(tr("The atlas has no page to render."))
        try:
            for page, tmp in enumerate(temporaries[:-1]):
                check_cancelled(feedback)
                atlas.seekTo(page)
                export_page(layout, tmp, dpi)
                if feedback is not None:
                    feedback.setProgress(100.0 * (page + 1) / len(targets))
        finally:
            atlas.endRender()
        save_template(layout, temporaries[-1])
    return targets, template
