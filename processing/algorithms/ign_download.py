"""Processing algorithm ``terridata:ign_download`` ("Download IGN vector data").

A WFS 2.0 layer of the IGN Géoplateforme (or of an IGN-compatible regional platform / mirror) into a GeoPackage:
count first (``RESULTTYPE=hits``, a hint), then pages of ``COUNT`` features from ``STARTINDEX``, features sent twice
written once, optionally restricted to an extent, to polygons of a layer, or to a territory given by its INSEE/SIREN
code (resolved to a geometry through ADMIN EXPRESS with a FES 2.0 filter, paged like any download). The protocol and
the writing are in :mod:`providers.ign.wfs`; this module reads the parameters once into a :class:`DownloadRequest`
and is the Processing glue.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from osgeo import ogr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterCrs,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorDestination,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ...providers.ign import layer_choices, wfs
from ...providers.ign.curated import (
    ATTRIBUTION,
    LICENCE,
    LICENCE_URL,
    PRODUCER,
    TERRITORY_LEVELS,
    curated_vector_datasets,
)
from ...providers.layer_metadata import apply_source_metadata
from ...providers.model import Dataset, LocalizedText
from ...toolbelt.atomic import atomic_path
from ...toolbelt.i18n import interface_language
from ...toolbelt.network import NetworkClient, NetworkError, RequestCancelled
from ...toolbelt.secrets import check_url_has_no_credentials, sanitize_url
from ...toolbelt.services import base_url
from ..base import TerriDataAlgorithm
from ..territory_defaults import territory_output_crs
from ._ign_layer_param import help_with_short_layer_line, layer_parameter, unlisted_name, with_unlisted_as_typed

LEVEL_KEYS = ["commune", "epci", "departement", "region"]


@dataclass(frozen=True)
class Territory:
    """A territory given by its code: the features of ``typename`` whose ``code_field`` equals ``code``."""

    code: str
    typename: str
    code_field: str
    level: str = ""


@dataclass(frozen=True)
class DownloadRequest:
    """The parameters of one run, read once at the edge of the algorithm."""

    url: str
    typename: str
    dataset: Dataset
    crs_id: str  # "" for the official CRS of the territory (territory_defaults)
    page_size: int
    output: str
    dest_id: str
    bbox: tuple | None = None
    mask: ogr.Geometry | None = None
    territory: Territory | None = None


WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")


def style_for(dataset: Dataset, geometry_type: int) -> str:
    if dataset.category == "admin":
        return "ign_admin"
    if dataset.category == "buildings":
        return "ign_buildings"
    flat = ogr.GT_Flatten(geometry_type)
    if flat in (ogr.wkbLineString, ogr.wkbMultiLineString):
        return "ign_lines"
    if flat in (ogr.wkbPoint, ogr.wkbMultiPoint):
        return "ign_points"
    return "ign_polygons"


class DownloadIgnVectorData(TerriDataAlgorithm):
    NAME = "ign_download"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("TerriData", "Download IGN vector data")
    GROUP = "data"

    LAYER, TYPENAME, SERVICE_URL = "LAYER", "TYPENAME", "SERVICE_URL"
    EXTENT, MASK = "EXTENT", "MASK"
    TERRITORY_LEVEL, TERRITORY_CODE = "TERRITORY_LEVEL", "TERRITORY_CODE"
    TERRITORY_TYPENAME, TERRITORY_FIELD = "TERRITORY_TYPENAME", "TERRITORY_FIELD"
    PAGE_SIZE, CRS, OUTPUT = "PAGE_SIZE", "CRS", "OUTPUT"
    FEATURE_COUNT, NUMBER_MATCHED, PAGES = "FEATURE_COUNT", "NUMBER_MATCHED", "PAGES"
    DUPLICATES = "DUPLICATES"

    def initAlgorithm(self, config=None):  # noqa: N802
        # Curated layers first, then every layer of the WFS capabilities in memory (see _ign_layer_param).
        self.addParameter(layer_parameter(self.LAYER, self.tr("Layer"), layer_choices.VECTOR))
        self.addParameter(
            QgsProcessingParameterString(
                self.TYPENAME, self.tr("Other layer: WFS type name (replaces the layer above)"), optional=True
            )
        )
        self.addParameter(QgsProcessingParameterExtent(self.EXTENT, self.tr("Restrict to extent"), optional=True))
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.MASK,
                self.tr("Restrict to the polygons of a layer"),
                [QgsProcessing.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.TERRITORY_LEVEL,
                self.tr("Territory level"),
                options=[TERRITORY_LEVELS[k].label.get(interface_language()) for k in LEVEL_KEYS],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.TERRITORY_CODE,
                self.tr("Restrict to a territory: INSEE code (commune, département, région) or SIREN code (EPCI)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterCrs(
                self.CRS,
                self.tr("Output CRS (default: the official CRS of the territory, Lambert-93 in metropolitan France)"),
                defaultValue=None,
                optional=True,
            )
        )
        advanced = [
            QgsProcessingParameterString(
                self.SERVICE_URL,
                self.tr("WFS 2.0 service URL (empty: the IGN Géoplateforme of the settings)"),
                optional=True,
            ),
            QgsProcessingParameterString(
                self.TERRITORY_TYPENAME,
                self.tr("Territory layer (WFS type name; empty: ADMIN EXPRESS of the chosen level)"),
                optional=True,
            ),
            QgsProcessingParameterString(
                self.TERRITORY_FIELD,
                self.tr("Territory code attribute (empty: the ADMIN EXPRESS one)"),
                optional=True,
            ),
            QgsProcessingParameterNumber(
                self.PAGE_SIZE,
                self.tr("Features per request (at most 5000)"),
                QgsProcessingParameterNumber.Integer,
                defaultValue=wfs.MAX_PAGE_SIZE,
                minValue=1,
                maxValue=wfs.MAX_PAGE_SIZE,
            ),
        ]
        for param in advanced:
            param.setFlags(param.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
            self.addParameter(param)
        output = QgsProcessingParameterVectorDestination(self.OUTPUT, self.tr("Downloaded layer (GeoPackage)"))
        self.addParameter(output)
        self.addOutput(QgsProcessingOutputNumber(self.FEATURE_COUNT, self.tr("Number of features downloaded")))
        self.addOutput(QgsProcessingOutputNumber(self.NUMBER_MATCHED, self.tr("Number of features on the server")))
        self.addOutput(QgsProcessingOutputNumber(self.PAGES, self.tr("Number of pages requested")))
        self.addOutput(
            QgsProcessingOutputNumber(
                self.DUPLICATES, self.tr("Number of features the server sent twice (written once)")
            )
        )

    # ------------------------------------------------------------------------------------------------ checks
    def shortHelpString(self) -> str:  # noqa: N802
        return help_with_short_layer_line(super().shortHelpString(), self, self.LAYER, layer_choices.VECTOR)

    def _typename(self, parameters, context) -> str:
        free = (self.parameterAsString(parameters, self.TYPENAME, context) or "").strip()
        if free:
            return free
        return unlisted_name(self, parameters, self.LAYER) or self.parameterAsEnumString(
            parameters, self.LAYER, context
        )

    def checkParameterValues(self, parameters, context):  # noqa: N802
        parameters = with_unlisted_as_typed(self, parameters, self.LAYER, self.TYPENAME)
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        typename = self._typename(parameters, context)
        if any(c.isspace() for c in typename) or "," in typename:
            return False, self.tr(
                "Invalid WFS type name {!r}: give one layer name such as BDTOPO_V3:batiment", typename
            )
        url = (self.parameterAsString(parameters, self.SERVICE_URL, context) or "").strip()
        refusal = check_url_has_no_credentials(url) if url else None
        if refusal:
            return False, refusal
        if url and not url.lower().startswith(("http://", "https://")):
            return False, self.tr("The service URL must start with http:// or https:// (got {!r})", sanitize_url(url))
        restrictions = [
            bool(parameters.get(self.EXTENT)),
            bool(parameters.get(self.MASK)),
            bool((self.parameterAsString(parameters, self.TERRITORY_CODE, context) or "").strip()),
        ]
        if sum(restrictions) > 1:
            return False, self.tr(
                "Restrict the download by an extent, a polygon layer or a territory code: only one of them"
            )
        code = (self.parameterAsString(parameters, self.TERRITORY_CODE, context) or "").strip()
        if code and not code.replace(" ", "").isalnum():
            return False, self.tr("Invalid territory code {!r}: expected an INSEE code such as 44109, 44 or 2A", code)
        output = _raw_destination(parameters.get(self.OUTPUT))
        if output and output != "TEMPORARY_OUTPUT" and not output.lower().split("|")[0].endswith(".gpkg"):
            return False, self.tr("The output must be a GeoPackage (.gpkg) file, not {}", output)
        if parameters.get(self.CRS) and not self.parameterAsCrs(parameters, self.CRS, context).isValid():
            return False, self.tr("Choose a valid output CRS")
        return True, ""

    # ------------------------------------------------------------------------------------------------ run
    def _dataset(self, typename: str, url: str, default_url: str) -> Dataset:
        if url == default_url:
            listed = layer_choices.find(layer_choices.VECTOR, typename)
            if listed is not None:
                return listed
        for ds in curated_vector_datasets(url):
            if ds.id == typename:
                return ds
        if url == default_url:
            return Dataset(
                id=typename,
                provider_id="ign",
                title=LocalizedText(typename, typename),
                licence=LICENCE,
                licence_url=LICENCE_URL,
                attribution=ATTRIBUTION,
                producer=PRODUCER,
            )
        host = urlsplit(url).hostname or url
        return Dataset(
            id=typename,
            provider_id="ign",
            title=LocalizedText(typename, typename),
            attribution=self.tr("Source: {} ({})", typename, host),
            producer=host,
        )

    def _mask_from_source(self, parameters, context, feedback) -> ogr.Geometry | None:
        source = self.parameterAsSource(parameters, self.MASK, context)
        if source is None:
            return None
        transform = QgsCoordinateTransform(source.sourceCrs(), WGS84, context.transformContext())
        geoms = []
        for feat in source.getFeatures():
            if feedback.isCanceled():
                raise QgsProcessingException(self.tr("Cancelled"))
            geom = QgsGeometry(feat.geometry())
            if geom.isEmpty():
                continue
            geom.transform(transform)
            geoms.append(geom.makeValid())
        if not geoms:
            raise QgsProcessingException(
                self.tr("The restriction layer has no polygon: choose a layer with at least one polygon")
            )
        union = QgsGeometry.unaryUnion(geoms)
        return ogr.CreateGeometryFromWkb(bytes(union.asWkb()))

    def _extent_bbox(self, parameters, context) -> tuple | None:
        if not parameters.get(self.EXTENT):
            return None
        rect = self.parameterAsExtent(parameters, self.EXTENT, context, WGS84)
        if rect.isNull() or rect.isEmpty():
            return None
        return (rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum())

    def _territory(self, parameters, context) -> Territory | None:
        code = (self.parameterAsString(parameters, self.TERRITORY_CODE, context) or "").strip()
        if not code:
            return None
        level = TERRITORY_LEVELS[LEVEL_KEYS[self.parameterAsEnum(parameters, self.TERRITORY_LEVEL, context)]]
        typename = (self.parameterAsString(parameters, self.TERRITORY_TYPENAME, context) or "").strip()
        code_field = (self.parameterAsString(parameters, self.TERRITORY_FIELD, context) or "").strip()
        return Territory(code, typename or level.typename, code_field or level.code_field, level.key)

    def _request(self, parameters, context, feedback) -> DownloadRequest:
        """Every parameter, read once (the mask layer included); nothing below this takes ``parameters``."""
        default_url = base_url("ign_wfs")
        url = (self.parameterAsString(parameters, self.SERVICE_URL, context) or "").strip() or default_url
        typename = self._typename(parameters, context)
        crs = self.parameterAsCrs(parameters, self.CRS, context)
        # Called once: each call with TEMPORARY_OUTPUT makes a new file name and a new layer to load.
        dest_id = self.parameterAsOutputLayer(parameters, self.OUTPUT, context)
        output = dest_id.split("|")[0]
        if not output.lower().endswith(".gpkg"):
            raise QgsProcessingException(self.tr("The output must be a GeoPackage (.gpkg) file, not {}", output))
        return DownloadRequest(
            url=url,
            typename=typename,
            dataset=self._dataset(typename, url, default_url),
            crs_id=(crs.authid() or crs.toWkt()) if crs.isValid() else "",
            page_size=self.parameterAsInt(parameters, self.PAGE_SIZE, context),
            output=output,
            dest_id=dest_id,
            bbox=self._extent_bbox(parameters, context),
            mask=self._mask_from_source(parameters, context, feedback),
            territory=self._territory(parameters, context),
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        request = self._request(parameters, context, feedback)
        result, geometry_type = self._download(request, feedback)
        self._report(request, result, feedback)
        if context.willLoadLayerOnCompletion(request.dest_id):
            details = context.layerToLoadOnCompletionDetails(request.dest_id)
            details.name = request.dataset.title_in(interface_language())
            if hasattr(details, "forceName"):  # QGIS >= 3.22: keep our name, not the output's description
                details.forceName = True
            self.on_load(context, request.dest_id, style=style_for(request.dataset, geometry_type))
        return {
            self.OUTPUT: request.output,
            self.FEATURE_COUNT: result.feature_count,
            self.NUMBER_MATCHED: result.number_matched if result.number_matched is not None else result.feature_count,
            self.PAGES: result.pages,
            self.DUPLICATES: result.duplicates,
        }

    def _download(self, request: DownloadRequest, feedback) -> tuple:
        """``(DownloadResult, geometry type)``: the territory looked up, then the layer written atomically."""
        typename, url = request.typename, request.url
        network = NetworkClient("ign_wfs", feedback=feedback)
        try:
            mask = request.mask
            ter = request.territory
            if ter is not None:
                feedback.pushInfo(self.tr("Looking up territory {} in {} ({})", ter.code, ter.typename, ter.code_field))
                mask = wfs.WfsClient(network, url).territory_geometry(
                    ter.typename, ter.code_field, ter.code, page_size=request.page_size, feedback=feedback
                )
            crs_id = request.crs_id or territory_output_crs(ter, mask, request.bbox, feedback, typename)
            with atomic_path(request.output) as tmp:
                result = wfs.download(
                    network,
                    url,
                    typename,
                    str(tmp),
                    crs=crs_id,
                    page_size=request.page_size,
                    bbox=request.bbox,
                    mask=mask,
                    feedback=feedback,
                    log=feedback.pushInfo,
                )
                geometry_type = _gpkg_geometry_type(tmp, result.layer_name)
                apply_source_metadata(str(tmp), request.dataset, layer_name=result.layer_name)
        except (RequestCancelled, wfs.WfsCancelled):
            raise QgsProcessingException(self.tr("Download of {} cancelled: nothing was written", typename)) from None
        except (wfs.WfsError, NetworkError) as exc:
            raise QgsProcessingException(
                self.tr("Download of {} from {} failed: {}", typename, sanitize_url(url), exc)
            ) from None
        except OSError as exc:
            raise QgsProcessingException(
                self.tr("Could not write the GeoPackage {}: {}. Choose a writable folder.", request.output, exc)
            ) from None
        return result, geometry_type

    def _report(self, request: DownloadRequest, result, feedback) -> None:
        feedback.pushInfo(
            self.tr(
                "{} features of {} written to {} ({} pages, {} requests)",
                result.feature_count,
                request.typename,
                request.output,
                result.pages,
                result.requests,
            )
        )
        if result.duplicates:
            feedback.pushInfo(
                self.tr("The server sent {} features twice (in two pages); each was written once", result.duplicates)
            )
        if result.short_of_announced:
            feedback.pushWarning(
                self.tr(
                    "The server announced {} features (numberMatched) but sent {} distinct ones, and nothing more "
                    "when asked for the next page: its count is an estimate (MapServer counts the candidates of "
                    "the bounding box before filtering them).",
                    result.number_matched,
                    result.distinct,
                )
            )
        if result.skipped_outside:
            feedback.pushInfo(self.tr("{} features outside the territory were left out", result.skipped_outside))


def _raw_destination(value) -> str:
    """The file name of an output parameter value without resolving it (no temporary file made)."""
    if value is None:
        return ""
    sink = getattr(value, "sink", None)
    if sink is not None:
        value = sink.staticValue()
    return str(value or "")


def _gpkg_geometry_type(path, layer_name: str) -> int:
    ds = ogr.Open(str(path))
    try:
        layer = ds.GetLayerByName(layer_name) if ds is not None else None
        return layer.GetGeomType() if layer is not None else ogr.wkbUnknown
    finally:
        ds = None
