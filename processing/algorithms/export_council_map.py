"""Processing algorithm ``terridata:export_council_map``: a choropleth map as PNG or PDF, with source credits (a
preset of ``terridata:export_map``; its id and parameters are kept)."""

from qgis.core import (
    QgsFeatureRequest,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingParameterEnum,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ...maps.classified import ClassSpec
from ...maps.council_map import CLASSIFICATIONS
from ...maps.language import map_language
from ...maps.layout import LayoutSpec, PageSpec
from ..base import TerriDataAlgorithm
from ..qgis_values import py_value
from ._map_inputs import layer_copy, publish_layout, removed_on_failure, working_project
from .export_map import ExportMapRequest, render_map


class ExportCouncilMap(TerriDataAlgorithm):
    NAME = "export_council_map"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("TerriData", "Export council map")
    GROUP = "maps"

    INPUT, FIELD, TITLE, SUBTITLE, LEGEND_TITLE = "INPUT", "FIELD", "TITLE", "SUBTITLE", "LEGEND_TITLE"
    CLASSES, METHOD, CREDITS, DPI, OUTPUT = "CLASSES", "METHOD", "CREDITS", "DPI", "OUTPUT"
    METHODS = list(CLASSIFICATIONS)

    def flags(self):
        # Print layouts live on a QGraphicsScene, which is not thread-safe: render in the main thread.
        return super().flags() | QgsProcessingAlgorithm.FlagNoThreading

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterVectorLayer(
                self.INPUT, self.tr("Polygon layer to map"), [QgsProcessing.TypeVectorPolygon]
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.FIELD,
                self.tr("Field to map"),
                parentLayerParameterName=self.INPUT,
                type=QgsProcessingParameterField.Numeric,
            )
        )
        self.addParameter(QgsProcessingParameterString(self.TITLE, self.tr("Title")))
        self.addParameter(QgsProcessingParameterString(self.SUBTITLE, self.tr("Subtitle"), optional=True))
        self.addParameter(QgsProcessingParameterString(self.LEGEND_TITLE, self.tr("Legend title"), optional=True))
        self.addParameter(
            QgsProcessingParameterNumber(
                self.CLASSES, self.tr("Number of classes"), defaultValue=5, minValue=2, maxValue=9
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.METHOD,
                self.tr("Classification"),
                options=[self.tr("Quantiles"), self.tr("Natural breaks (Jenks)"), self.tr("Equal intervals")],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.CREDITS,
                self.tr("Additional source credits (the layer's own attribution is added)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.DPI, self.tr("Resolution (dpi)"), defaultValue=150, minValue=72, maxValue=600
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(self.OUTPUT, self.tr("Map file"), self.tr("PNG (*.png);;PDF (*.pdf)"))
        )

    def checkParameterValues(self, parameters, context):
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        layer = self.parameterAsVectorLayer(parameters, self.INPUT, context)
        if layer is not None and layer.featureCount() == 0:
            return False, self.tr("The layer {} is empty: there is nothing to map.", layer.name())
        if layer is not None:
            problem = self._field_problem(layer, self.parameterAsString(parameters, self.FIELD, context))
            if problem:
                return False, problem
        target = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        if not target.lower().endswith((".png", ".pdf")):
            return False, self.tr("The map file must end in .png or .pdf (got {}).", target)
        return True, ""

    def _field_problem(self, layer, name: str) -> str:
        """Why ``name`` cannot be mapped as a choropleth ('' when it can): a missing, non-numeric or empty field."""
        index = layer.fields().lookupField(name)
        if index < 0:
            return self.tr("The layer {} has no field {}.", layer.name(), name)
        field = layer.fields().at(index)
        if not field.isNumeric():
            return self.tr(
                "The field {} of {} holds {} values, not numbers: a choropleth needs numbers. Convert it first "
                '(Field calculator: to_real("{}")) or choose a numeric field.',
                name,
                layer.name(),
                field.typeName() or field.friendlyTypeString(),
                name,
            )
        request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry).setSubsetOfAttributes([index])
        if all(py_value(feature.attribute(index)) is None for feature in layer.getFeatures(request)):
            return self.tr("The field {} of {} has no value (all NULL): there is nothing to map.", name, layer.name())
        return ""

    def processAlgorithm(self, parameters, context, feedback):
        """A preset of ``terridata:export_map``: a choropleth on an A4 landscape page, north arrow and scale bar,
        no inset, the layout template saved beside the map."""
        lang = map_language()
        extra = self.parameterAsString(parameters, self.CREDITS, context)
        field = self.parameterAsString(parameters, self.FIELD, context)
        request = ExportMapRequest(
            kind="choropleth",
            spec=ClassSpec(
                field=field,
                method=self.METHODS[self.parameterAsEnum(parameters, self.METHOD, context)],
                classes=self.parameterAsInt(parameters, self.CLASSES, context),
                lang=lang,
            ),
            layout=LayoutSpec(
                title=self.parameterAsString(parameters, self.TITLE, context),
                subtitle=self.parameterAsString(parameters, self.SUBTITLE, context),
                legend_title=self.parameterAsString(parameters, self.LEGEND_TITLE, context) or field,
                page=PageSpec("A4", landscape=True),
                extra_credits=tuple(c.strip() for c in extra.split(";") if c.strip()),
                lang=lang,
            ),
            max_diameter_mm=0.0,
            dpi=self.parameterAsInt(parameters, self.DPI, context),
            target=self.parameterAsFileOutput(parameters, self.OUTPUT, context),
        )
        project, desktop = working_project(context)
        with removed_on_failure(project, desktop):
            layer = layer_copy(self, parameters, self.INPUT, context, feedback, project)
            result = render_map(self, layer, request, project, context, feedback)
            if desktop:
                publish_layout(result.layout, project, result.layers, request.layout.title)
        return {self.OUTPUT: result.target}
