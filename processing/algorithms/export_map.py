"""Processing algorithm ``terridata:export_map``: a finished, credited map (PDF, PNG or SVG) and its layout
template, of one of four kinds: choropleth, proportional symbols, grid heat map, categorised."""

import os
from dataclasses import dataclass

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureRequest,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputFile,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ...core import territory_crs
from ...core.classification import DIVERGING, MAX_CLASSES, METHODS, SEQUENTIAL
from ...maps.classified import ClassSpec
from ...maps.export import FORMATS, export_with_template
from ...maps.language import map_language
from ...maps.layout import PAGE_SIZES, LayoutSpec, PageSpec, build_layout
from ...maps.thematic import KINDS, ThematicRequest, build_thematic
from ..base import TerriDataAlgorithm
from ..enum_choices import enum_key, keyed_enum
from ..feature_parts import parts_present
from ..territory_defaults import parts_of_rectangle
from ._aggregation_common import check_geographic_extent
from ._map_inputs import context_layer, copy_credits, layer_copy, publish_layout, removed_on_failure, working_project


@dataclass
class ExportMapRequest:
    kind: str
    spec: ClassSpec
    layout: LayoutSpec
    max_diameter_mm: float
    dpi: int
    target: str
    overseas: str = "never"  # a key of OVERSEAS_CHOICES: metropolitan France and the DROM in insets
    map_crs: object = None  # QgsCoordinateReferenceSystem of the map (None: the layer's)


OVERSEAS_CHOICES = (
    ("automatic", QT_TRANSLATE_NOOP("TerriData", "Automatic: when the layer covers metropolitan France and overseas")),
    ("always", QT_TRANSLATE_NOOP("TerriData", "Always")),
    ("never", QT_TRANSLATE_NOOP("TerriData", "Never")),
)


def parse_breaks(text: str) -> tuple:
    """ "10; 20; 50" or "10 20 50" → (10.0, 20.0, 50.0); a decimal comma is accepted ("2,5; 7,5")."""
    parts = [p for p in text.replace(";", " ").split() if p]
    try:
        return tuple(float(p.replace(",", ".")) for p in parts)
    except ValueError as error:
        raise ValueError(str(error)) from error


class ExportMap(TerriDataAlgorithm):
    NAME = "export_map"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("TerriData", "Export map (layout, PDF/PNG/SVG)")
    GROUP = "maps"

    INPUT, KIND, FIELD, OTHER_LAYERS = "INPUT", "KIND", "FIELD", "OTHER_LAYERS"
    METHOD, CLASSES, BREAKS, COLOURS, CENTRE, UNIT = "METHOD", "CLASSES", "BREAKS", "COLOURS", "CENTRE", "UNIT"
    TITLE, SUBTITLE, LEGEND_TITLE = "TITLE", "SUBTITLE", "LEGEND_TITLE"
    PAGE_SIZE, ORIENTATION, NORTH_ARROW, SCALE_BAR = "PAGE_SIZE", "ORIENTATION", "NORTH_ARROW", "SCALE_BAR"
    INSET, CONTEXT, LOGO, AUTHOR, CREDITS = "INSET", "CONTEXT", "LOGO", "AUTHOR", "CREDITS"
    MAX_DIAMETER, DPI, OUTPUT, TEMPLATE, LAYOUT = "MAX_DIAMETER", "DPI", "OUTPUT", "TEMPLATE", "LAYOUT"
    OVERSEAS = "OVERSEAS_INSETS"
    COLOUR_SCHEMES = list(SEQUENTIAL)
    PAGES = list(PAGE_SIZES)

    def flags(self):
        # Print layouts live on a QGraphicsScene, which is not thread-safe: render in the main thread.
        return super().flags() | QgsProcessingAlgorithm.FlagNoThreading

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSource(self.INPUT, self.tr("Layer to map")))
        self.add_kind_parameter()
        self.addParameter(
            QgsProcessingParameterField(self.FIELD, self.tr("Field to map"), parentLayerParameterName=self.INPUT)
        )
        self.add_classification_parameters()
        self.add_page_parameters()
        self.addParameter(
            keyed_enum(self.OVERSEAS, self.tr("Overseas départements in insets"), OVERSEAS_CHOICES, default="automatic")
        )
        self.addParameter(
            QgsProcessingParameterMultipleLayers(
                self.OTHER_LAYERS,
                self.tr("Other layers (points and lines drawn over the map, polygons under it; optional)"),
                QgsProcessing.TypeVectorAnyGeometry,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT, self.tr("Map file"), self.tr("PDF (*.pdf);;PNG (*.png);;SVG (*.svg)")
            )
        )
        self.addOutput(QgsProcessingOutputFile(self.TEMPLATE, self.tr("Layout template (.qpt)")))
        self.addOutput(QgsProcessingOutputString(self.LAYOUT, self.tr("Layout name in the project")))

    def add_kind_parameter(self):
        self.addParameter(
            QgsProcessingParameterEnum(
                self.KIND,
                self.tr("Kind of map"),
                options=[
                    self.tr("Choropleth (rates, densities, shares)"),
                    self.tr("Proportional symbols (counts)"),
                    self.tr("Grid heat map (INSEE 200 m / 1 km cells)"),
                    self.tr("Categories (one colour per value)"),
                ],
                defaultValue=0,
            )
        )

    def add_classification_parameters(self):
        self.addParameter(
            QgsProcessingParameterEnum(
                self.METHOD,
                self.tr("Classification"),
                options=[
                    self.tr("Quantiles"),
                    self.tr("Natural breaks (Jenks)"),
                    self.tr("Equal intervals"),
                    self.tr("Round (pretty) breaks"),
                    self.tr("Manual breaks"),
                ],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.CLASSES, self.tr("Number of classes"), defaultValue=5, minValue=2, maxValue=MAX_CLASSES
            )
        )
        self.addParameter(
            QgsProcessingParameterString(self.BREAKS, self.tr("Manual breaks (e.g. 10; 20; 50)"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.COLOURS, self.tr("Colours (ColorBrewer)"), options=self.COLOUR_SCHEMES, defaultValue=0
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.CENTRE,
                self.tr("Diverging colours centred on (e.g. 0 for a rate of change; empty: sequential colours)"),
                type=QgsProcessingParameterNumber.Double,
                optional=True,
            )
        )
        self.addParameter(QgsProcessingParameterString(self.UNIT, self.tr("Unit shown in the legend"), optional=True))
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MAX_DIAMETER,
                self.tr("Largest circle diameter (mm, proportional symbols)"),
                type=QgsProcessingParameterNumber.Double,
                defaultValue=14.0,
                minValue=2.0,
                maxValue=60.0,
            )
        )

    def add_page_parameters(self):
        self.addParameter(QgsProcessingParameterString(self.TITLE, self.tr("Title")))
        self.addParameter(QgsProcessingParameterString(self.SUBTITLE, self.tr("Subtitle"), optional=True))
        self.addParameter(QgsProcessingParameterString(self.LEGEND_TITLE, self.tr("Legend title"), optional=True))
        self.addParameter(QgsProcessingParameterEnum(self.PAGE_SIZE, self.tr("Page size"), self.PAGES, defaultValue=0))
        self.addParameter(
            QgsProcessingParameterEnum(
                self.ORIENTATION, self.tr("Orientation"), [self.tr("Landscape"), self.tr("Portrait")], defaultValue=0
            )
        )
        self.addParameter(QgsProcessingParameterBoolean(self.NORTH_ARROW, self.tr("North arrow"), defaultValue=True))
        self.addParameter(QgsProcessingParameterBoolean(self.SCALE_BAR, self.tr("Scale bar"), defaultValue=True))
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.INSET, self.tr("Inset locating the territory in its département"), defaultValue=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.CONTEXT,
                self.tr("Context of the inset (communes of the département; default: the sample's communes)"),
                [QgsProcessing.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.LOGO, self.tr("Logo (PNG or SVG)"), optional=True, fileFilter="Images (*.png *.svg *.jpg)"
            )
        )
        self.addParameter(QgsProcessingParameterString(self.AUTHOR, self.tr("Author (credits line)"), optional=True))
        self.addParameter(
            QgsProcessingParameterString(
                self.CREDITS,
                self.tr('Additional source credits, separated by ";" (the layers\' own sources are added)'),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.DPI, self.tr("Resolution (dpi)"), defaultValue=150, minValue=72, maxValue=600
            )
        )

    # ------------------------------------------------------------------------------------------------ checks
    def checkParameterValues(self, parameters, context):
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        target = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        if not target.lower().endswith(FORMATS):
            return False, self.tr("The map file must end in .pdf, .png or .svg (got {}).", target)
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is not None and source.featureCount() == 0:
            return False, self.tr("The layer {} is empty: there is nothing to map.", source.sourceName())
        if source is not None:
            problem = self.field_problem(
                source, self.parameterAsString(parameters, self.FIELD, context), parameters, context
            )
            if problem:
                return False, problem
        if self.parameterAsEnum(parameters, self.METHOD, context) == METHODS.index("manual"):
            try:
                cuts = parse_breaks(self.parameterAsString(parameters, self.BREAKS, context))
            except ValueError:
                cuts = ()
            if not cuts:
                return False, self.tr('Manual breaks need numbers in "Manual breaks", e.g. 10; 20; 50.')
        logo = self.parameterAsFile(parameters, self.LOGO, context)
        if logo and not os.path.isfile(logo):
            return False, self.tr("The logo {} does not exist.", logo)
        return True, ""

    def field_problem(self, source, name: str, parameters, context) -> str:
        """Why ``name`` cannot be mapped ('' when it can): missing, not numeric (except categories), all NULL."""
        index = source.fields().lookupField(name)
        if index < 0:
            return self.tr("The layer {} has no field {}.", source.sourceName(), name)
        kind = KINDS[self.parameterAsEnum(parameters, self.KIND, context)]
        field = source.fields().at(index)
        if kind != "categorised" and not field.isNumeric():
            return self.tr(
                "The field {} of {} holds {} values, not numbers: this kind of map needs numbers. Convert it first "
                '(Field calculator: to_real("{}")), choose a numeric field, or make a map of categories.',
                name,
                source.sourceName(),
                field.typeName() or field.friendlyTypeString(),
                name,
            )
        return ""

    # ---------------------------------------------------------------------------------------------- running
    def read_request(self, parameters, context) -> ExportMapRequest:
        lang = map_language()
        centre = parameters.get(self.CENTRE)
        method = METHODS[self.parameterAsEnum(parameters, self.METHOD, context)]
        spec = ClassSpec(
            field=self.parameterAsString(parameters, self.FIELD, context),
            method=method,
            classes=self.parameterAsInt(parameters, self.CLASSES, context),
            cuts=parse_breaks(self.parameterAsString(parameters, self.BREAKS, context)) if method == "manual" else (),
            scheme=self.COLOUR_SCHEMES[self.parameterAsEnum(parameters, self.COLOURS, context)],
            centre=None if centre in (None, "") else self.parameterAsDouble(parameters, self.CENTRE, context),
            diverging_scheme=DIVERGING[0],
            unit=self.parameterAsString(parameters, self.UNIT, context),
            lang=lang,
        )
        extra = self.parameterAsString(parameters, self.CREDITS, context)
        layout = LayoutSpec(
            title=self.parameterAsString(parameters, self.TITLE, context),
            subtitle=self.parameterAsString(parameters, self.SUBTITLE, context),
            legend_title=self.parameterAsString(parameters, self.LEGEND_TITLE, context) or spec.field,
            page=PageSpec(
                self.PAGES[self.parameterAsEnum(parameters, self.PAGE_SIZE, context)],
                self.parameterAsEnum(parameters, self.ORIENTATION, context) == 0,
            ),
            north_arrow=self.parameterAsBool(parameters, self.NORTH_ARROW, context),
            scale_bar=self.parameterAsBool(parameters, self.SCALE_BAR, context),
            logo=self.parameterAsFile(parameters, self.LOGO, context),
            author=self.parameterAsString(parameters, self.AUTHOR, context),
            extra_credits=tuple(c.strip() for c in extra.split(";") if c.strip()),
            lang=lang,
        )
        return ExportMapRequest(
            kind=KINDS[self.parameterAsEnum(parameters, self.KIND, context)],
            spec=spec,
            layout=layout,
            max_diameter_mm=self.parameterAsDouble(parameters, self.MAX_DIAMETER, context),
            dpi=self.parameterAsInt(parameters, self.DPI, context),
            target=self.parameterAsFileOutput(parameters, self.OUTPUT, context),
            overseas=enum_key(self, parameters, self.OVERSEAS, context)
            if self.parameterDefinition(self.OVERSEAS) is not None
            else "never",
        )

    def processAlgorithm(self, parameters, context, feedback):
        request = self.read_request(parameters, context)
        project, desktop = working_project(context)
        with removed_on_failure(project, desktop):
            layer = layer_copy(self, parameters, self.INPUT, context, feedback, project)
            others = []
            for other in self.parameterAsLayerList(parameters, self.OTHER_LAYERS, context):
                copy = other.clone()
                copy_credits(other, copy)
                project.addMapLayer(copy, False)
                others.append(copy)
            present = map_parts(layer, context)
            request.layout.national = national_layout(self, present, request.overseas, feedback)
            request.map_crs = None if request.layout.national else official_crs(self, layer, present, feedback)
            wanted = self.parameterAsBool(parameters, self.INSET, context) and not request.layout.national
            inset = context_layer(self, parameters, self.CONTEXT, context, feedback, project, wanted)
            result = render_map(self, layer, request, project, context, feedback, others, inset)
            name = ""
            if desktop:
                name = publish_layout(result.layout, project, result.layers, request.layout.title)
                feedback.pushInfo(
                    self.tr("The layout {} is in the project's layouts: open it to adjust the map.", name)
                )
            return {self.OUTPUT: str(result.target), self.TEMPLATE: str(result.template), self.LAYOUT: name}


@dataclass
class RenderedMap:
    layout: object
    layers: list
    target: str
    template: str
    labels: list


def render_map(alg, layer, request: ExportMapRequest, project, context, feedback, others=(), inset=None) -> RenderedMap:
    """Style ``layer`` (a copy in ``project``), lay the page out and export it with its template."""
    check_geographic_extent(layer.name(), layer.crs(), layer.extent())
    report_missing_geometries(alg, layer, feedback)
    alg.check_cancelled(feedback)
    try:
        thematic = build_thematic(
            ThematicRequest(
                layer=layer,
                kind=request.kind,
                spec=request.spec,
                other_layers=list(others),
                context_layer=inset,
                max_diameter_mm=request.max_diameter_mm,
                legend_title=request.layout.legend_title,
                transform_context=context.transformContext(),
                map_crs=request.map_crs,
            ),
            project,
        )
    except ValueError as error:
        raise QgsProcessingException(str(error)) from error
    for warning in thematic.warnings:
        feedback.pushWarning(warning)
    spec = request.layout
    spec.notes = (thematic.caption,) if thematic.caption else ()  # warnings are for the log, not the page
    feedback.pushInfo(alg.tr("Rendering the map of {} ({} features)…", request.spec.field, layer.featureCount()))
    built = build_layout(project, thematic.content, spec)
    feedback.setProgress(40)
    alg.check_cancelled(feedback)
    try:
        target, template = export_with_template(built.layout, request.target, request.dpi)
    except (ValueError, RuntimeError, OSError) as error:
        raise QgsProcessingException(str(error)) from error
    feedback.setProgress(100)
    layers = [*thematic.content.layers, *thematic.content.inset_layers]
    return RenderedMap(built.layout, layers, str(target), str(template), thematic.labels)


def map_parts(layer, context) -> list:
    """The parts of France the layer's features lie in (:mod:`core.territory_crs`), told without a Python loop over
    the features: from the extent when it meets one part only, else by one rectangle request per part."""
    met = parts_of_rectangle(layer.extent(), layer.crs(), context.transformContext())
    if met is not None and len(met) < 2:
        return met
    return parts_present(layer, context.transformContext())


def official_crs(alg, layer, present, feedback):
    """The official CRS of the part(s) of France the layer lies in when they share one (a map of La Réunion in
    EPSG:2975 whatever the layer's CRS, so shapes and the scale bar are true); None otherwise (the layer's CRS)."""
    codes = {p.epsg for p in present}
    if len(codes) != 1:
        return None
    crs = QgsCoordinateReferenceSystem(f"EPSG:{codes.pop()}")
    if crs != layer.crs():
        feedback.pushInfo(
            alg.tr(
                "The map is drawn in {} ({}), the official CRS of {}.",
                crs.description(),
                crs.authid(),
                territory_crs.names(present),
            )
        )
    return crs


def national_layout(alg, present, mode: str, feedback) -> bool:
    """Whether the map is a national one (metropolitan France in Lambert-93, the five DROM in insets, each in its
    own CRS): always, never, or (automatic) when ``present`` (the parts of France the features lie in) holds
    metropolitan France and at least one DROM."""
    if mode == "never":
        return False
    if mode == "always":
        feedback.pushInfo(alg.tr("National map: metropolitan France with the five overseas départements in insets."))
        return True
    keys = {p.key for p in present}
    if territory_crs.METROPOLE.key not in keys or not keys & set(territory_crs.DROM):
        return False
    feedback.pushInfo(
        alg.tr(
            "The layer covers several parts of France ({}): metropolitan France in Lambert-93 and the overseas "
            "départements in insets, each in its official CRS (for one map, set 'Overseas départements in insets' "
            "to Never).",
            territory_crs.names(present),
        )
    )
    others = [p for p in present if p.key != territory_crs.METROPOLE.key and p.key not in territory_crs.DROM]
    if others:
        feedback.pushWarning(
            alg.tr("{} have no inset on the national map: map them separately.", territory_crs.names(others))
        )
    return True


def report_missing_geometries(alg, layer, feedback) -> None:
    without_geometry = sum(
        1
        for feature in layer.getFeatures(QgsFeatureRequest().setNoAttributes())
        if feature.geometry().isNull() or feature.geometry().isEmpty()
    )
    if without_geometry:
        feedback.pushWarning(
            alg.tr(
                "{} feature(s) of {} have no geometry (NULL, empty or unreadable, e.g. NaN coordinates): they "
                "are not on the map.",
                without_geometry,
                layer.name(),
            )
        )
