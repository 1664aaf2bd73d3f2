"""Processing algorithm ``terridata:portal_load`` ("Load a dataset from an open-data portal").

Portal, dataset and resource (id or URL) → a layer with licence and attribution, written through the feature sink
(GeoPackage or CSV). Optional server-side filter (ODSQL on Opendatasoft, column filters through data.gouv.fr's
tabular API), geometry detected automatically or chosen (X/Y columns, WKT column, territory code joined to a
boundary layer), optional Table Schema validation written beside the layer. Fetching is in
:mod:`providers.portals.fetch`, loading in :mod:`providers.portals.loader`.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from osgeo import ogr
from qgis.core import (
    QgsFeatureSink,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
    QgsProcessingUtils,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ...core.tabular.converted import choose_download, display_tiles
from ...providers.layer_metadata import apply_source_metadata
from ...providers.portals import client_for, registry_provider
from ...providers.portals.base import PortalError
from ...providers.portals.config import DATAGOUV
from ...providers.portals.extras import ConvertedSource, fetch_display_tiles, gdal_drivers, parquet_to_csv
from ...providers.portals.fetch import fetch_resource, parse_filters
from ...providers.portals.load_common import null_empty_geometries
from ...providers.portals.loader import GeometryOptions, ResourceLoadError, load_file
from ...providers.portals.schema_check import validate_against_schema
from ...toolbelt.atomic import atomic_path
from ...toolbelt.network import NetworkError
from ...toolbelt.settings import PlgSettings
from ..base import TerriDataAlgorithm

GEOMETRY_MODES = ("auto", "xy", "wkt", "code", "none")
LEVELS = ("commune", "epci", "departement", "region")


STYLES = {
    QgsWkbTypes.PointGeometry: "portal_points",
    QgsWkbTypes.LineGeometry: "portal_lines",
    QgsWkbTypes.PolygonGeometry: "portal_polygons",
}


def style_for(wkb_type) -> str:
    """The style (``resources/styles/<name>.qml``) of a loaded layer of that geometry type; "" for a table."""
    return STYLES.get(QgsWkbTypes.geometryType(wkb_type), "")


@dataclass
class LoadRequest:
    portal: str
    dataset: str
    resource: str
    where: str = ""
    filters: dict = field(default_factory=dict)
    options: GeometryOptions = field(default_factory=GeometryOptions)
    schema_check: bool = False
    schema_report: str = ""
    tiles: str = ""


class PortalLoad(TerriDataAlgorithm):
    NAME = "portal_load"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("TerriData", "Load a dataset from an open-data portal")
    GROUP = "data"

    PORTAL, DATASET, RESOURCE, WHERE, FILTERS = "PORTAL", "DATASET", "RESOURCE", "WHERE", "FILTERS"
    GEOMETRY, X_FIELD, Y_FIELD, CRS_CODE, WKT_FIELD = "GEOMETRY", "X_FIELD", "Y_FIELD", "CRS", "WKT_FIELD"
    CODE_FIELD, CODE_LEVEL, BOUNDARIES, BOUNDARY_CODE = "CODE_FIELD", "CODE_LEVEL", "BOUNDARIES", "BOUNDARY_CODE"
    LAYER, SCHEMA_CHECK, SCHEMA_REPORT, OUTPUT = "LAYER", "SCHEMA_CHECK", "SCHEMA_REPORT", "OUTPUT"
    TILES = "TILES"
    FEATURE_COUNT, WITHOUT_GEOMETRY, UNJOINED_CODES = "FEATURE_COUNT", "WITHOUT_GEOMETRY", "UNJOINED_CODES"
    UNJOINED_ROWS, OUTSIDE_FRANCE = "UNJOINED_ROWS", "OUTSIDE_FRANCE"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(
            QgsProcessingParameterString(
                self.PORTAL, self.tr("Portal (name from the TerriData settings, or its API URL)"), defaultValue=DATAGOUV
            )
        )
        self.addParameter(QgsProcessingParameterString(self.DATASET, self.tr("Dataset id (or slug)")))
        self.addParameter(
            QgsProcessingParameterString(
                self.RESOURCE, self.tr("Resource id or URL (empty: the first loadable one)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.WHERE, self.tr("Opendatasoft: ODSQL filter applied by the server (where)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.FILTERS,
                self.tr(
                    "Server-side filters: data.gouv.fr tabular API column filters (code__exact=91228&…), "
                    "Opendatasoft select=…"
                ),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.GEOMETRY,
                self.tr("Geometry"),
                options=[
                    self.tr("Automatic"),
                    self.tr("X/Y columns"),
                    self.tr("WKT column"),
                    self.tr("Territory code joined to boundaries"),
                    self.tr("No geometry"),
                ],
                defaultValue=0,
            )
        )
        advanced = [
            QgsProcessingParameterString(self.X_FIELD, self.tr("X / longitude column"), optional=True),
            QgsProcessingParameterString(self.Y_FIELD, self.tr("Y / latitude column"), optional=True),
            QgsProcessingParameterString(
                self.CRS_CODE, self.tr("CRS of the X/Y columns"), defaultValue="EPSG:4326", optional=True
            ),
            QgsProcessingParameterString(self.WKT_FIELD, self.tr("WKT column"), optional=True),
            QgsProcessingParameterString(self.LAYER, self.tr("Layer inside the file (zip, GeoPackage)"), optional=True),
        ]
        for param in advanced:
            param.setFlags(param.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
            self.addParameter(param)
        self.addParameter(
            QgsProcessingParameterString(self.CODE_FIELD, self.tr("Territory code column"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.CODE_LEVEL,
                self.tr("Territory code level"),
                options=[self.tr("Commune"), self.tr("EPCI"), self.tr("Département"), self.tr("Région")],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(self.BOUNDARIES, self.tr("Boundary layer (for codes)"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.BOUNDARY_CODE,
                self.tr("Code field of the boundaries"),
                parentLayerParameterName=self.BOUNDARIES,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.SCHEMA_CHECK, self.tr("Validate against the declared Table Schema"), defaultValue=False
            )
        )
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Loaded layer")))
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.SCHEMA_REPORT,
                self.tr("Table Schema report (JSON)"),
                "JSON (*.json)",
                optional=True,
                createByDefault=False,
            )
        )
        tiles = QgsProcessingParameterFileDestination(
            self.TILES,
            self.tr("Vector tiles for display (PMTiles, when data.gouv.fr offers them)"),
            "PMTiles (*.pmtiles)",
            optional=True,
            createByDefault=False,
        )
        tiles.setFlags(tiles.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(tiles)
        self.addOutput(QgsProcessingOutputNumber(self.FEATURE_COUNT, self.tr("Number of features")))
        self.addOutput(QgsProcessingOutputNumber(self.WITHOUT_GEOMETRY, self.tr("Rows without geometry")))
        self.addOutput(QgsProcessingOutputNumber(self.OUTSIDE_FRANCE, self.tr("Features outside France")))
        self.addOutput(QgsProcessingOutputNumber(self.UNJOINED_ROWS, self.tr("Rows whose code matched no boundary")))
        self.addOutput(QgsProcessingOutputString(self.UNJOINED_CODES, self.tr("Codes that matched no boundary")))

    def checkParameterValues(self, parameters, context):  # noqa: N802
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        mode = GEOMETRY_MODES[self.parameterAsEnum(parameters, self.GEOMETRY, context)]
        text = lambda name: (self.parameterAsString(parameters, name, context) or "").strip()  # noqa: E731
        if mode == "xy" and not (text(self.X_FIELD) and text(self.Y_FIELD)):
            return False, self.tr("Geometry from X/Y columns: give the X and Y column names")
        if mode == "wkt" and not text(self.WKT_FIELD):
            return False, self.tr("Geometry from a WKT column: give the column name")
        if mode == "code" and not (
            text(self.CODE_FIELD) and parameters.get(self.BOUNDARIES) and text(self.BOUNDARY_CODE)
        ):
            return False, self.tr(
                "Geometry from a territory code: give the code column, a boundary layer and its code field"
            )
        try:
            parse_filters(text(self.FILTERS))
        except PortalError as exc:
            return False, str(exc)
        return True, ""

    def _boundaries(self, parameters, context, feedback) -> tuple:
        source = self.parameterAsSource(parameters, self.BOUNDARIES, context)
        field_name = self.parameterAsString(parameters, self.BOUNDARY_CODE, context)
        if source is None:
            return {}, "EPSG:2154"
        crs = source.sourceCrs()
        out = {}
        for feature in source.getFeatures():
            if feedback.isCanceled():
                raise QgsProcessingException(self.tr("Cancelled"))
            geom = feature.geometry()
            if geom.isEmpty():
                continue
            out[str(feature[field_name]).strip()] = ogr.CreateGeometryFromWkb(bytes(geom.asWkb()))
        return out, crs.authid() or crs.toWkt()

    def _request(self, parameters, context, feedback) -> LoadRequest:
        text = lambda name: (self.parameterAsString(parameters, name, context) or "").strip()  # noqa: E731
        mode = GEOMETRY_MODES[self.parameterAsEnum(parameters, self.GEOMETRY, context)]
        options = GeometryOptions(
            mode=mode,
            x_field=text(self.X_FIELD),
            y_field=text(self.Y_FIELD),
            crs=text(self.CRS_CODE) or "EPSG:4326",
            wkt_field=text(self.WKT_FIELD),
            code_field=text(self.CODE_FIELD),
            level=LEVELS[self.parameterAsEnum(parameters, self.CODE_LEVEL, context)],
            layer=text(self.LAYER),
            spatial_index=False,  # an intermediate file: the sink writes the output (with its own index)
        )
        if mode == "code":
            options.boundaries, options.boundaries_crs = self._boundaries(parameters, context, feedback)
        report = (
            self.parameterAsFileOutput(parameters, self.SCHEMA_REPORT, context)
            if parameters.get(self.SCHEMA_REPORT)
            else ""
        )
        tiles = self.parameterAsFileOutput(parameters, self.TILES, context) if parameters.get(self.TILES) else ""
        return LoadRequest(
            portal=text(self.PORTAL),
            dataset=text(self.DATASET),
            resource=text(self.RESOURCE),
            where=text(self.WHERE),
            filters=parse_filters(text(self.FILTERS)),
            options=options,
            schema_check=self.parameterAsBoolean(parameters, self.SCHEMA_CHECK, context),
            schema_report=report,
            tiles=tiles,
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        work = Path(tempfile.mkdtemp(prefix="portal_load_", dir=QgsProcessingUtils.tempFolder()))
        try:
            request = self._request(parameters, context, feedback)
            return self._run(request, parameters, context, feedback, work)
        except (PortalError, NetworkError, ResourceLoadError) as exc:
            raise QgsProcessingException(str(exc)) from None
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def _run(self, request: LoadRequest, parameters, context, feedback, work: Path) -> dict:
        client = client_for(request.portal, feedback)
        info = client.dataset(request.dataset)
        resource = client.find_resource(info, request.resource)
        source = registry_provider().remember(info).source_metadata("fr")
        source["identifier"] = f"{info.portal}:{info.id}:{resource.id}"
        downloaded = self._download(client, info, resource, request, work, feedback)
        tiles = fetch_display_tiles(client, info, resource, work, feedback) if request.tiles else None
        settings = PlgSettings.get()
        loaded = load_file(
            downloaded,
            work / "loaded.gpkg",
            "data",
            request.options,
            source=source,
            feedback=feedback,
            zip_max_expanded=int(settings.portal_zip_max_expanded_mb) * 1024 * 1024,
            zip_max_ratio=float(settings.portal_zip_max_ratio),
            label=resource.url or resource.id,
        )
        for note in loaded.notes:
            feedback.pushWarning(note) if hasattr(feedback, "pushWarning") else feedback.pushInfo(note)
        layer = QgsVectorLayer(f"{loaded.path}|layername=data", "data", "ogr")
        if not layer.isValid():
            raise QgsProcessingException(self.tr("The loaded layer cannot be opened ({}).", loaded.path))
        sink, dest_id = self.parameterAsSink(
            parameters, self.OUTPUT, context, layer.fields(), layer.wkbType(), layer.crs()
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        total = max(1, layer.featureCount())
        for n, feature in enumerate(layer.getFeatures()):
            if feedback.isCanceled():
                raise QgsProcessingException(self.tr("Cancelled"))
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
            if n % 5000 == 0:
                feedback.setProgress(100 * n / total)
        del sink  # closes the file, so the source metadata can be saved inside a GeoPackage output
        null_empty_geometries(str(dest_id))
        if str(dest_id).lower().split("|")[0].endswith(".gpkg") and Path(str(dest_id).split("|")[0]).exists():
            apply_source_metadata(str(dest_id), source)
        self.on_load(context, dest_id, style=style_for(layer.wkbType()), source=source)
        if request.schema_check:
            self._schema_check(resource, info, layer, request, feedback)
        del layer
        if tiles is not None:
            self._place_tiles(tiles, request.tiles, source, context)
        return {
            self.OUTPUT: dest_id,
            self.FEATURE_COUNT: loaded.feature_count,
            self.WITHOUT_GEOMETRY: loaded.without_geometry,
            self.OUTSIDE_FRANCE: loaded.outside_france,
            self.UNJOINED_ROWS: loaded.unjoined_rows,
            self.UNJOINED_CODES: ",".join(loaded.unjoined_codes),
            self.SCHEMA_REPORT: request.schema_report or None,
            self.TILES: request.tiles if tiles is not None else None,
        }

    def _place_tiles(self, tiles: Path, target: str, source: dict, context) -> None:
        """The downloaded tiles moved to ``target`` (atomically) and, in QGIS Desktop, loaded for display."""
        with atomic_path(target) as tmp:
            shutil.copyfile(tiles, tmp)
        if context.project() is not None:
            details = QgsProcessingContext.LayerDetails(
                self.tr("Vector tiles (display)"), context.project(), self.TILES
            )
            context.addLayerToLoadOnCompletion(target, details)
            self.on_load(context, target, source=source)

    def _download(self, client, info, resource, request: LoadRequest, work: Path, feedback) -> Path:
        """The resource, or the cheaper conversion the portal made of it (data.gouv.fr extras: Parquet when GDAL
        reads it, else GeoJSON for automatic geometry). Its vector tiles (PMTiles) are for display: see TILES."""
        prefer_converted = request.options.mode == "auto"
        if client.kind == "datagouv":
            drivers = gdal_drivers()
            filtered = bool(request.filters or request.where)
            choice = choose_download(resource.format, resource.extras, drivers, request.options.mode, filtered)
            tiles = display_tiles(resource.extras, drivers)
            if tiles and not request.tiles:
                feedback.pushInfo(
                    self.tr(
                        "The portal also offers this resource as vector tiles for display (PMTiles): {} "
                        "(give a file for the vector tiles output to download them).",
                        tiles,
                    )
                )
            if choice.kind == "parquet":
                size = f" ({choice.size / 1e6:.1f} MB)" if choice.size else ""
                feedback.pushInfo(self.tr("Using the portal's Parquet conversion of the resource{}.", size))
                parquet = fetch_resource(
                    ConvertedSource(client, choice), info, resource, work / "download", feedback=feedback
                )
                return parquet_to_csv(parquet, work / "parquet.csv", resource.url or resource.id)
            prefer_converted = choice.kind == "geojson"
        return fetch_resource(
            client,
            info,
            resource,
            work / "download",
            where=request.where,
            filters=request.filters,
            prefer_converted=prefer_converted,
            feedback=feedback,
        )

    def _schema_check(self, resource, info, layer, request: LoadRequest, feedback) -> None:
        if not resource.schema:
            feedback.pushInfo(self.tr("The resource declares no Table Schema: nothing to validate."))
            return
        if not request.schema_report:
            raise QgsProcessingException(self.tr("Give a file for the Table Schema report."))
        report = validate_against_schema(resource, layer, feedback)
        from ...toolbelt.atomic import write_text_atomic

        write_text_atomic(request.schema_report, json.dumps(report, ensure_ascii=False, indent=2))
        feedback.pushInfo(self.tr("Table Schema report written to {}", request.schema_report))
