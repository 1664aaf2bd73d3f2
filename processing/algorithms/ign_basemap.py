"""Processing algorithm ``terridata:ign_basemap`` ("Add IGN basemap").

Adds a WMTS (or WMS) basemap of the IGN Géoplateforme through QGIS's native ``wms`` data provider, with the tile
matrix set, format and style of the layer, and the licence and attribution in the layer metadata. The basemap is
chosen among the curated ones and every layer of the WMTS and WMS capabilities (:mod:`._ign_layer_param`).

The run never touches the network on the GUI thread: it runs in Processing's worker thread (no
``FlagNoThreading``), reads the capabilities through the network layer (cached a day) to check the layer and take
its format, style and tile matrix set, opens the layer there, and hands it to QGIS, which adds it to the project
when the run ends (``addLayerToLoadOnCompletion``). Headless (``qgis_process``) the algorithm checks the layer and
returns its data source URI, which any script can use with ``QgsRasterLayer(uri, name, "wms")``.
"""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterString,
    QgsRasterLayer,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ...providers.ign import layer_choices
from ...providers.ign.capabilities import CapabilitiesError
from ...providers.ign.catalogue import IgnProvider
from ...providers.ign.curated import ATTRIBUTION, LICENCE, LICENCE_URL, PRODUCER
from ...providers.layer_metadata import apply_source_metadata
from ...providers.model import Access, AccessKind, Dataset, LocalizedText
from ...toolbelt.i18n import interface_language
from ...toolbelt.network import NetworkError, RequestCancelled
from ...toolbelt.secrets import check_url_has_no_credentials, sanitize_url
from ...toolbelt.services import base_url
from ..base import TerriDataAlgorithm
from ._ign_layer_param import help_with_short_layer_line, layer_parameter, unlisted_name, with_unlisted_as_typed

SERVICES = ["WMTS", "WMS"]


@dataclass(frozen=True)
class BasemapRequest:
    """The parameters of one run, read once at the edge of the algorithm."""

    layer: str
    kind: AccessKind
    url: str
    fmt: str  # "" = the layer's own
    style: str | None  # None = the layer's own
    crs: str
    tile_matrix_set: str
    add_to_project: bool
    wms_only: bool = False  # WMTS was asked for, but the layer is published by the WMS only

    @property
    def service(self) -> str:
        return "wmts" if self.kind == AccessKind.WMTS else "wms"


class AddIgnBasemap(TerriDataAlgorithm):
    NAME = "ign_basemap"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("TerriData", "Add IGN basemap")
    GROUP = "data"

    BASEMAP, LAYER, SERVICE, SERVICE_URL = "BASEMAP", "LAYER", "SERVICE", "SERVICE_URL"
    TILE_MATRIX_SET, FORMAT, STYLE, CRS, ADD_TO_PROJECT = "TILE_MATRIX_SET", "FORMAT", "STYLE", "CRS", "ADD_TO_PROJECT"
    URI, LAYER_ID, PROVIDER_KEY = "URI", "LAYER_ID", "PROVIDER_KEY"

    def initAlgorithm(self, config=None):  # noqa: N802
        # Curated basemaps first, then every layer of the WMTS and WMS capabilities in memory.
        self.addParameter(layer_parameter(self.BASEMAP, self.tr("Basemap"), layer_choices.BASEMAP))
        self.addParameter(
            QgsProcessingParameterString(
                self.LAYER, self.tr("Other layer: WMTS/WMS layer name (replaces the basemap above)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(self.SERVICE, self.tr("Service"), options=SERVICES, defaultValue=0)
        )
        self.addParameter(
            QgsProcessingParameterBoolean(self.ADD_TO_PROJECT, self.tr("Add the layer to the project"), True)
        )
        advanced = [
            QgsProcessingParameterString(
                self.SERVICE_URL, self.tr("Service URL (empty: the Géoplateforme URL of the settings)"), optional=True
            ),
            QgsProcessingParameterString(
                self.TILE_MATRIX_SET, self.tr("WMTS tile matrix set"), defaultValue="PM", optional=True
            ),
            QgsProcessingParameterString(
                self.FORMAT, self.tr("Image format (empty: the basemap's own)"), optional=True
            ),
            QgsProcessingParameterString(self.STYLE, self.tr("Style (empty: the basemap's own)"), optional=True),
            QgsProcessingParameterString(self.CRS, self.tr("CRS"), defaultValue="EPSG:3857", optional=True),
        ]
        for param in advanced:
            param.setFlags(param.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
            self.addParameter(param)
        self.addOutput(QgsProcessingOutputString(self.URI, self.tr("Data source URI (wms provider)")))
        self.addOutput(QgsProcessingOutputString(self.LAYER_ID, self.tr("Layer id in the project")))
        self.addOutput(QgsProcessingOutputString(self.PROVIDER_KEY, self.tr("QGIS data provider")))

    def shortHelpString(self) -> str:  # noqa: N802
        return help_with_short_layer_line(super().shortHelpString(), self, self.BASEMAP, layer_choices.BASEMAP)

    def checkParameterValues(self, parameters, context):  # noqa: N802
        parameters = with_unlisted_as_typed(self, parameters, self.BASEMAP, self.LAYER)
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        url = (self.parameterAsString(parameters, self.SERVICE_URL, context) or "").strip()
        refusal = check_url_has_no_credentials(url) if url else None
        if refusal:
            return False, refusal
        if url and not url.lower().startswith(("http://", "https://")):
            return False, self.tr("The service URL must start with http:// or https:// (got {!r})", sanitize_url(url))
        fmt = (self.parameterAsString(parameters, self.FORMAT, context) or "").strip()
        if fmt and not fmt.startswith("image/"):
            return False, self.tr("The image format must be a MIME type such as image/png (got {!r})", fmt)
        return True, ""

    # ------------------------------------------------------------------------------------------------ run
    def _request(self, parameters, context) -> BasemapRequest:
        """Every parameter, read once; nothing below this takes ``parameters``."""
        kind = AccessKind.WMTS if self.parameterAsEnum(parameters, self.SERVICE, context) == 0 else AccessKind.WMS
        layer = (self.parameterAsString(parameters, self.LAYER, context) or "").strip()
        layer = layer or unlisted_name(self, parameters, self.BASEMAP)
        layer = layer or self.parameterAsEnumString(parameters, self.BASEMAP, context)
        url = (self.parameterAsString(parameters, self.SERVICE_URL, context) or "").strip()
        listed = layer_choices.find(layer_choices.BASEMAP, layer) if not url else None
        wms_only = kind == AccessKind.WMTS and listed is not None and layer_choices.service_of(listed) == "wms"
        if wms_only:
            kind = AccessKind.WMS
        style = self.parameterAsString(parameters, self.STYLE, context)
        return BasemapRequest(
            layer=layer,
            kind=kind,
            url=url or base_url("ign_wmts" if kind == AccessKind.WMTS else "ign_wms_raster"),
            fmt=(self.parameterAsString(parameters, self.FORMAT, context) or "").strip(),
            style=style if style else None,
            crs=(self.parameterAsString(parameters, self.CRS, context) or "").strip() or "EPSG:3857",
            tile_matrix_set=(self.parameterAsString(parameters, self.TILE_MATRIX_SET, context) or "").strip() or "PM",
            add_to_project=self.parameterAsBoolean(parameters, self.ADD_TO_PROJECT, context),
            wms_only=wms_only,
        )

    def _published(self, request: BasemapRequest, feedback) -> Dataset:
        """The layer as the service's capabilities describe it (through the network layer, cached a day)."""
        service = request.service.upper()
        try:
            found = IgnProvider().remote_datasets(request.service, request.url, feedback)
        except RequestCancelled:
            raise QgsProcessingException(self.tr("Cancelled: the basemap was not added")) from None
        except (NetworkError, CapabilitiesError) as exc:
            raise QgsProcessingException(
                self.tr(
                    "The {} capabilities of {} could not be read: {}. Check the service URL (TerriData settings) and "
                    "that the service is reachable.",
                    service,
                    sanitize_url(request.url),
                    exc,
                )
            ) from None
        published = next((ds for ds in found if ds.id == request.layer), None)
        if published is None:
            raise QgsProcessingException(
                self.tr(
                    "The {} layer {} of {} could not be opened: the service does not list it among its {} layers. "
                    "Check the layer name (the Basemap list shows every layer of the service).",
                    service,
                    request.layer,
                    sanitize_url(request.url),
                    len(found),
                )
            )
        return published

    def dataset(self, request: BasemapRequest, published: Dataset) -> Dataset:
        """The basemap in the common model: the curated entry's titles when there is one, the published format,
        style and CRS unless the parameters say otherwise."""
        curated = next((ds for ds in layer_choices.curated(layer_choices.BASEMAP) if ds.id == request.layer), None)
        own = (curated or published).access()
        offered = published.access()
        fmt = request.fmt or (own.default_format() if curated else offered.default_format())
        style = request.style if request.style is not None else (own.style if curated else offered.style)
        if request.kind == AccessKind.WMS and style == "normal":
            style = ""  # WMS default style
        access = Access(
            request.kind,
            request.url,
            request.layer,
            (fmt,),
            (request.crs,),
            tile_matrix_set=request.tile_matrix_set if request.kind == AccessKind.WMTS else "",
            style=style,
            service="ign_wmts" if request.kind == AccessKind.WMTS else "ign_wms_raster",
        )
        base = curated or published
        return Dataset(
            id=request.layer,
            provider_id="ign",
            title=base.title if base.title else LocalizedText(request.layer, request.layer),
            description=base.description,
            keywords=base.keywords,
            licence=LICENCE,
            licence_url=LICENCE_URL,
            attribution=ATTRIBUTION,
            producer=PRODUCER,
            accesses=(access,),
            category="basemap",
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        request = self._request(parameters, context)
        if request.wms_only:
            feedback.pushInfo(self.tr("{} is published by the WMS only: the WMS is used", request.layer))
        dataset = self.dataset(request, self._published(request, feedback))
        self.check_cancelled(feedback)
        access = dataset.access()
        uri = access.qgis_uri()
        name = dataset.title_in(interface_language())
        feedback.pushInfo(self.tr("Basemap {} ({}): {}", name, access.kind.value.upper(), uri))
        layer = QgsRasterLayer(uri, name, access.qgis_provider)  # in the worker thread when run from a dialog
        if not layer.isValid():
            error = layer.error().summary() if layer.error() else ""
            raise QgsProcessingException(
                self.tr(
                    "The {} layer {} of {} could not be opened: {}. Check the layer name, the tile matrix set and the "
                    "service URL (TerriData settings), and that the service is reachable.",
                    access.kind.value.upper(),
                    access.layer,
                    sanitize_url(access.url),
                    error or self.tr("no details from QGIS"),
                )
            )
        apply_source_metadata(layer, dataset)
        layer_id = ""
        if request.add_to_project and context.project() is not None:
            # QGIS adds it to the project on the main thread when the run ends (dialog, model, runAndLoadResults).
            layer_id = layer.id()
            context.temporaryLayerStore().addMapLayer(layer)
            details = QgsProcessingContext.LayerDetails(name, context.project(), "")
            if hasattr(details, "forceName"):
                details.forceName = True
            context.addLayerToLoadOnCompletion(layer_id, details)
            feedback.pushInfo(self.tr("The layer is added to the project with the attribution {}", dataset.attribution))
        return {self.URI: uri, self.LAYER_ID: layer_id, self.PROVIDER_KEY: access.qgis_provider}
