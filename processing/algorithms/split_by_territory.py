"""Processing algorithm ``terridata:split_by_territory``: one GeoPackage with one layer per part of France present in
the input (metropolitan France, Guadeloupe, Martinique, Guyane, La Réunion, Mayotte, …), each in the part's official
CRS (:mod:`core.territory_crs`), features assigned by a point on their surface."""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsFeatureRequest,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFileDestination,
    QgsVectorFileWriter,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ...core import territory_crs
from ...toolbelt.atomic import atomic_path
from ..base import TerriDataAlgorithm
from ..feature_parts import feature_parts
from ._aggregation_common import check_crs, check_geographic_extent, crs_label


@dataclass
class SplitRequest:
    source: object
    name: str
    target: str


class SplitByTerritory(TerriDataAlgorithm):
    NAME = "split_by_territory"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("TerriData", "Split a layer by part of France")
    GROUP = "territories"

    INPUT, OUTPUT, LAYERS, OUTSIDE = "INPUT", "OUTPUT", "LAYERS", "OUTSIDE"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.INPUT, self.tr("Layer to split"), [QgsProcessing.TypeVectorAnyGeometry]
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT, self.tr("GeoPackage (one layer per part of France)"), self.tr("GeoPackage (*.gpkg)")
            )
        )
        self.addOutput(QgsProcessingOutputString(self.LAYERS, self.tr("Layers written (name: features)")))
        self.addOutput(QgsProcessingOutputNumber(self.OUTSIDE, self.tr("Features outside every part of France")))

    def checkParameterValues(self, parameters, context):  # noqa: N802
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        target = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        if target and not target.lower().endswith(".gpkg"):
            return False, self.tr("The output must be a GeoPackage (.gpkg), got {}.", target)
        return True, ""

    def read_request(self, parameters, context) -> SplitRequest:
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.tr("The layer to split could not be opened."))
        return SplitRequest(source, source.sourceName(), self.parameterAsFileOutput(parameters, self.OUTPUT, context))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        request = self.read_request(parameters, context)
        source, name = request.source, request.name
        if source.featureCount() == 0:
            raise QgsProcessingException(self.tr("The layer {} is empty: there is nothing to split.", name))
        check_crs(name, source.sourceCrs())
        check_geographic_extent(name, source.sourceCrs(), source.sourceExtent())
        placed = feature_parts(source, source.sourceCrs(), context.transformContext(), feedback, self.check_cancelled)
        parts = placed.present()
        if not parts:
            raise QgsProcessingException(
                self.tr(
                    "No feature of {} lies in a part of France (metropolitan France, the overseas départements and "
                    "collectivities) in its CRS {}: check the layer's CRS (Layer Properties > Source).",
                    name,
                    crs_label(source.sourceCrs()),
                )
            )
        self.report(placed, parts, name, feedback)
        groups = [(territory_crs.LAYER_NAMES[p.key], f"EPSG:{p.epsg}", placed.fids_of(p)) for p in parts]
        outside = placed.fids[placed.part == -1].tolist()
        if outside:  # kept with their data, in the layer's own CRS
            groups.append((territory_crs.OUTSIDE_LAYER, source.sourceCrs().authid(), outside))
        written = self.write(source, groups, request.target, context, feedback)
        for layer_name, _count in written:
            context.addLayerToLoadOnCompletion(
                f"{request.target}|layername={layer_name}",
                QgsProcessingContext.LayerDetails(f"{name} – {layer_name}", context.project(), layer_name),
            )
        summary = ", ".join(f"{layer_name}: {count}" for layer_name, count in written)
        return {self.OUTPUT: request.target, self.LAYERS: summary, self.OUTSIDE: len(outside)}

    def report(self, placed, parts, name, feedback) -> None:
        feedback.pushInfo(self.tr("{} lies in {} part(s) of France: {}.", name, len(parts), territory_crs.names(parts)))
        if placed.outside:
            feedback.pushWarning(
                self.tr(
                    "{} feature(s) of {} lie outside every part of France (or could not be located): they are "
                    "written, unchanged, to the layer 'outside' in the layer's own CRS.",
                    placed.outside,
                    name,
                )
            )
        if placed.without_geometry:
            feedback.pushWarning(
                self.tr(
                    "{} feature(s) of {} have no geometry (NULL, empty or without finite coordinates): they have no "
                    "place and are not written.",
                    placed.without_geometry,
                    name,
                )
            )

    def write(self, source, groups, target, context, feedback) -> list:
        """Every layer into one temporary GeoPackage, renamed into place at the end (nothing half-written)."""
        total = max(1, sum(len(fids) for _n, _c, fids in groups))
        done = 0
        written = []
        with atomic_path(target) as tmp:
            for number, (layer_name, authid, fids) in enumerate(groups):
                crs = QgsCoordinateReferenceSystem(authid) if authid else source.sourceCrs()
                transform = QgsCoordinateTransform(source.sourceCrs(), crs, context.transformContext())
                writer = self.writer(tmp, layer_name, source, crs, context, first=number == 0)
                failed = 0
                try:
                    request = QgsFeatureRequest().setFilterFids(fids)
                    for feature in source.getFeatures(request):
                        if done % 500 == 0:
                            self.check_cancelled(feedback)
                            feedback.setProgress(30 + 70.0 * done / total)
                        done += 1
                        geometry = feature.geometry()
                        try:
                            geometry.transform(transform)
                        except QgsCsException:
                            failed += 1
                            continue
                        feature.setGeometry(geometry)
                        if not writer.addFeature(feature):
                            raise QgsProcessingException(
                                self.tr("Could not write to {}: {}", target, writer.errorMessage())
                            )
                finally:
                    del writer  # closes the layer before the next one is added to the GeoPackage
                if failed:
                    feedback.pushWarning(
                        self.tr("{} feature(s) could not be reprojected to {}: not written.", failed, authid)
                    )
                written.append((layer_name, len(fids) - failed))
                feedback.pushInfo(self.tr("{}: {} feature(s) in {}", layer_name, len(fids) - failed, authid))
            self.check_cancelled(feedback)
        return written

    def writer(self, path, layer_name, source, crs, context, first: bool):
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.driverName = "GPKG"
        options.layerName = layer_name
        options.fileEncoding = "UTF-8"
        options.actionOnExistingFile = (
            QgsVectorFileWriter.CreateOrOverwriteFile if first else QgsVectorFileWriter.CreateOrOverwriteLayer
        )
        writer = QgsVectorFileWriter.create(
            str(path), source.fields(), source.wkbType(), crs, context.transformContext(), options
        )
        if writer.hasError() != QgsVectorFileWriter.NoError:
            message = writer.errorMessage()
            del writer
            raise QgsProcessingException(self.tr("Could not create the layer {} in {}: {}", layer_name, path, message))
        return writer
