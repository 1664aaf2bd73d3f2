"""Processing algorithm ``terridata:export_atlas``: one page per feature of a coverage layer (each commune of an EPCI,
each EPCI of a département…), as one multi-page PDF or one file per page, with the layout template."""

from dataclasses import dataclass

from qgis.core import (
    QgsExpression,
    QgsFeatureRequest,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputFile,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExpression,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ...core import territory_crs
from ...maps.atlas import (
    STATS_FIELD,
    AtlasSpec,
    configure_atlas,
    coverage_copy,
    export_atlas_pages,
    export_atlas_pdf,
    mask_renderer,
    outline_renderer,
    set_page_crs,
)
from ...maps.layout import build_layout, crs_of_each_page
from ...maps.thematic import ThematicRequest, build_thematic
from ..feature_parts import feature_parts
from ._aggregation_common import check_geographic_extent
from ._map_inputs import context_layer, copy_credits, layer_copy, publish_layout, removed_on_failure, working_project
from .export_map import ExportMap, report_missing_geometries


@dataclass
class AtlasRequest:
    atlas: AtlasSpec
    one_file_per_page: bool


class ExportAtlas(ExportMap):
    NAME = "export_atlas"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("TerriData", "Export atlas (one page per territory)")
    GROUP = "maps"

    COVERAGE, NAME_FIELD, FILTER, SORT = "COVERAGE", "NAME_FIELD", "FILTER", "SORT"
    STATS_FIELDS, STATS_LABELS, MARGIN, MODE = "STATS_FIELDS", "STATS_LABELS", "MARGIN", "MODE"
    PAGES_OUTPUT = "PAGES"

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.COVERAGE, self.tr("Coverage layer (one page per feature)"), [QgsProcessing.TypeVectorPolygon]
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.NAME_FIELD, self.tr("Page names from the field"), parentLayerParameterName=self.COVERAGE
            )
        )
        self.addParameter(
            QgsProcessingParameterExpression(
                self.FILTER,
                self.tr("Filter (expression on the coverage)"),
                parentLayerParameterName=self.COVERAGE,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterExpression(
                self.SORT, self.tr("Sort pages by (expression)"), parentLayerParameterName=self.COVERAGE, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.STATS_FIELDS,
                self.tr("Statistics shown on each page (fields of the coverage)"),
                parentLayerParameterName=self.COVERAGE,
                allowMultiple=True,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.STATS_LABELS,
                self.tr('Labels of the statistics, separated by ";" in the same order (empty: the field names)'),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.INPUT, self.tr("Layer to map (empty: the coverage itself)"), optional=True
            )
        )
        self.add_kind_parameter()
        self.addParameter(
            QgsProcessingParameterField(
                self.FIELD,
                self.tr("Field to map (of the layer to map, else of the coverage)"),
                parentLayerParameterName=self.INPUT,
            )
        )
        self.add_classification_parameters()
        self.add_page_parameters()
        title = self.parameterDefinition(self.TITLE)
        title.setDescription(self.tr('Page title (may use fields: [% "nom" %]; empty: the page name)'))
        title.setFlags(title.flags() | QgsProcessingParameterDefinition.FlagOptional)
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MARGIN,
                self.tr("Margin around each territory (%)"),
                type=QgsProcessingParameterNumber.Double,
                defaultValue=10.0,
                minValue=0.0,
                maxValue=200.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.MODE,
                self.tr("Output"),
                options=[self.tr("One multi-page PDF"), self.tr("One file per page (named from the page names)")],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT,
                self.tr("Atlas file (one file per page: named <file>-<page name>)"),
                self.tr("PDF (*.pdf);;PNG (*.png);;SVG (*.svg)"),
            )
        )
        self.addOutput(QgsProcessingOutputFile(self.TEMPLATE, self.tr("Layout template (.qpt)")))
        self.addOutput(QgsProcessingOutputNumber(self.PAGES_OUTPUT, self.tr("Number of pages")))
        self.addOutput(QgsProcessingOutputString(self.LAYOUT, self.tr("Layout name in the project")))

    def checkParameterValues(self, parameters, context):
        ok, message = super(ExportMap, self).checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        target = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        per_page = self.parameterAsEnum(parameters, self.MODE, context) == 1
        if not target.lower().endswith(".pdf" if not per_page else (".pdf", ".png", ".svg")):
            return False, self.tr(
                "A multi-page atlas is a PDF: the atlas file must end in .pdf (got {}); choose one file per page for "
                "PNG or SVG.",
                target,
            )
        for name in (self.FILTER, self.SORT):
            text = self.parameterAsExpression(parameters, name, context)
            expression = QgsExpression(text)
            if text and expression.hasParserError():
                return False, self.tr("The expression {} is not valid: {}", text, expression.parserErrorString())
        source = self.parameterAsSource(parameters, self.INPUT, context)
        coverage = self.parameterAsSource(parameters, self.COVERAGE, context)
        layer = source or coverage
        if layer is not None:
            problem = self.field_problem(
                layer, self.parameterAsString(parameters, self.FIELD, context), parameters, context
            )
            if problem:
                return False, problem
        return True, ""

    def read_atlas_request(self, parameters, context, lang: str) -> AtlasRequest:
        labels = self.parameterAsString(parameters, self.STATS_LABELS, context)
        return AtlasRequest(
            AtlasSpec(
                name_field=self.parameterAsString(parameters, self.NAME_FIELD, context),
                filter_expression=self.parameterAsExpression(parameters, self.FILTER, context),
                sort_expression=self.parameterAsExpression(parameters, self.SORT, context),
                stats_fields=self.parameterAsFields(parameters, self.STATS_FIELDS, context),
                stats_labels=[label.strip() for label in labels.split(";")],
                margin=self.parameterAsDouble(parameters, self.MARGIN, context) / 100.0,
                lang=lang,
            ),
            one_file_per_page=self.parameterAsEnum(parameters, self.MODE, context) == 1,
        )

    def processAlgorithm(self, parameters, context, feedback):
        request = self.read_request(parameters, context)
        atlas_request = self.read_atlas_request(parameters, context, request.spec.lang)
        project, desktop = working_project(context)
        with removed_on_failure(project, desktop):
            coverage = self.coverage(parameters, context, feedback, project, atlas_request.atlas)
            layer = layer_copy(self, parameters, self.INPUT, context, feedback, project, required=False)
            if layer is None:  # the coverage maps itself
                layer = coverage.materialize(QgsFeatureRequest())
                layer.setName(coverage.name())
                copy_credits(coverage, layer)
                project.addMapLayer(layer, False)
            report_missing_geometries(self, layer, feedback)
            wanted = self.parameterAsBool(parameters, self.INSET, context)
            inset = context_layer(self, parameters, self.CONTEXT, context, feedback, project, wanted)
            thematic = self.thematic(request, layer, inset, coverage, project, context, feedback)
            several_crs = self.page_crs(coverage, thematic.content.crs, context, feedback)
            page = request.layout
            spec = atlas_request.atlas
            page.title = page.title or f"[% {QgsExpression.quotedColumnRef(spec.name_field)} %]"
            page.stats_text = f"[% {QgsExpression.quotedColumnRef(STATS_FIELD)} %]" if spec.stats_fields else ""
            page.notes = (thematic.caption,) if thematic.caption else ()  # warnings are for the log, not the page
            page.name = page.name or self.tr("Atlas: {}", coverage.name())
            built = build_layout(project, thematic.content, page)
            if several_crs:
                crs_of_each_page(built)
            pages = configure_atlas(built.layout, built.map_item, coverage, spec, built.scale_bar)
            feedback.pushInfo(self.tr("Rendering {} page(s)…", pages))
            files, template = self.export(built.layout, request, atlas_request, feedback)
            name = ""
            if desktop:
                layers = [coverage, *thematic.content.layers, *thematic.content.inset_layers]
                name = publish_layout(built.layout, project, layers, page.name)
                feedback.pushInfo(
                    self.tr("The layout {} is in the project's layouts: open it to adjust the atlas.", name)
                )
        for path in files[:3]:
            feedback.pushInfo(str(path))
        return {
            self.OUTPUT: str(files[0]) if len(files) == 1 else request.target,
            self.TEMPLATE: str(template),
            self.PAGES_OUTPUT: pages,
            self.LAYOUT: name,
        }

    def coverage(self, parameters, context, feedback, project, spec: AtlasSpec):
        """The coverage's pages (filtered, sorted) in a memory copy that keeps the layer's name and credits."""
        source = self.parameterAsSource(parameters, self.COVERAGE, context)
        coverage = coverage_copy(source, spec, feedback)
        original = self.parameterAsVectorLayer(parameters, self.COVERAGE, context)
        coverage.setName(original.name() if original is not None else source.sourceName())
        if original is not None:
            copy_credits(original, coverage)
        project.addMapLayer(coverage, False)
        if coverage.featureCount() == 0:
            raise QgsProcessingException(
                self.tr(
                    "The coverage {} has no feature (after the filter): the atlas would have no page.",
                    coverage.name(),
                )
            )
        check_geographic_extent(coverage.name(), coverage.crs(), coverage.extent())
        return coverage

    def page_crs(self, coverage, map_crs, context, feedback) -> bool:
        """Each page in the official CRS of the part of France its territory lies in (:mod:`core.territory_crs`,
        told from a point on the territory's surface); a territory outside every part keeps the map's CRS. True
        when the pages are not all in the map's CRS."""
        placed = feature_parts(coverage, coverage.crs(), context.transformContext())
        fallback = map_crs.authid()
        authids = {
            fid: f"EPSG:{territory_crs.PARTS[part].epsg}" if part >= 0 else fallback
            for fid, part in zip(placed.fids.tolist(), placed.part.tolist())
        }
        set_page_crs(coverage, authids)
        used = sorted(set(authids.values()))
        if len(used) > 1:
            feedback.pushInfo(
                self.tr(
                    "Each page is drawn in the official CRS of its territory ({}): scale bars are true on every page.",
                    ", ".join(used),
                )
            )
        return used != [fallback]

    def thematic(self, request, layer, inset, coverage, project, context, feedback):
        """The styled map, with the other territories greyed and the page's territory outlined on top."""
        try:
            thematic = build_thematic(
                ThematicRequest(
                    layer=layer,
                    kind=request.kind,
                    spec=request.spec,
                    context_layer=inset,
                    max_diameter_mm=request.max_diameter_mm,
                    legend_title=request.layout.legend_title,
                    atlas=True,
                    transform_context=context.transformContext(),
                ),
                project,
            )
        except ValueError as error:
            raise QgsProcessingException(str(error)) from error
        for warning in thematic.warnings:
            feedback.pushWarning(warning)
        for renderer, name in ((mask_renderer(), self.tr("Other territories")), (outline_renderer(), coverage.name())):
            overlay = coverage.materialize(QgsFeatureRequest())
            overlay.setName(name)
            overlay.setRenderer(renderer)
            project.addMapLayer(overlay, False)
            thematic.content.layers.insert(0, overlay)
        return thematic

    def export(self, layout, request, atlas_request: AtlasRequest, feedback):
        """Progress and cancel page by page; every file committed together at the end."""
        try:
            if atlas_request.one_file_per_page:
                return export_atlas_pages(layout, request.target, request.dpi, feedback, self.check_cancelled)
            return export_atlas_pdf(layout, request.target, request.dpi, feedback)
        except (InterruptedError, RuntimeError, OSError, ValueError) as error:
            self.check_cancelled(feedback)
            raise QgsProcessingException(str(error)) from error
