"""Processing algorithm ``terridata:ign_basemap`` ("Add IGN basemap").

Adds a WMTS (or WMS) basemap of the IGN Géoplateforme through QGIS's native ``wms`` data provider, with the tile
matrix set, format and style of the layer, and the licence and attribution in the layer metadata. From the
toolbox the layer is added to the current project; headless (``qgis_process``) the algorithm checks the layer and
returns its data source URI, which any script can use with ``QgsRasterLayer(uri, name, "wms")``.
"""

from __future__ import annotations

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterString,
    QgsRasterLayer,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ...providers.ign.curated import ATTRIBUTION, LICENCE, LICENCE_URL, PRODUCER, curated_basemaps
from ...providers.layer_metadata import apply_source_metadata
from ...providers.model import Access, AccessKind, Dataset, LocalizedText
from ...toolbelt.i18n import interface_language
from ...toolbelt.secrets import check_url_has_no_credentials, sanitize_url
from ...toolbelt.services import base_url
from ..base import TerriDataAlgorithm

SERVICES = ["WMTS", "WMS"]


class AddIgnBasemap(TerriDataAlgorithm):
    NAME = "ign_basemap"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("TerriData", "Add IGN basemap")
    GROUP = "data"

    BASEMAP, LAYER, SERVICE, SERVICE_URL = "BASEMAP", "LAYER", "SERVICE", "SERVICE_URL"
    TILE_MATRIX_SET, FORMAT, STYLE, CRS, ADD_TO_PROJECT = "TILE_MATRIX_SET", "FORMAT", "STYLE", "CRS", "ADD_TO_PROJECT"
    URI, LAYER_ID, PROVIDER_KEY = "URI", "LAYER_ID", "PROVIDER_KEY"

    def flags(self):
        # Layers are created and added to the project: main thread only.
        return super().flags() | QgsProcessingAlgorithm.FlagNoThreading

    @staticmethod
    def basemaps() -> list:
        return curated_basemaps("")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(
            QgsProcessingParameterEnum(
                self.BASEMAP,
                self.tr("Basemap"),
                options=[ds.title_in(interface_language()) for ds in self.basemaps()],
                defaultValue=0,
            )
        )
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

    def checkParameterValues(self, parameters, context):  # noqa: N802
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

    def dataset(self, parameters, context) -> Dataset:
        """The basemap as a dataset of the common model, with the access the parameters describe."""
        service = SERVICES[self.parameterAsEnum(parameters, self.SERVICE, context)]
        kind = AccessKind.WMTS if service == "WMTS" else AccessKind.WMS
        default_url = base_url("ign_wmts" if kind == AccessKind.WMTS else "ign_wms_raster")
        url = (self.parameterAsString(parameters, self.SERVICE_URL, context) or "").strip() or default_url
        layer = (self.parameterAsString(parameters, self.LAYER, context) or "").strip()
        curated = {ds.id: ds for ds in self.basemaps()}
        base = curated.get(layer) if layer else self.basemaps()[self.parameterAsEnum(parameters, self.BASEMAP, context)]
        name = layer or base.id
        base_access = base.access() if base else None
        fmt = (self.parameterAsString(parameters, self.FORMAT, context) or "").strip()
        fmt = fmt or (base_access.default_format() if base_access else "image/png")
        style = self.parameterAsString(parameters, self.STYLE, context)
        style = style if style else (base_access.style if base_access else "")
        if kind == AccessKind.WMS and style == "normal":
            style = ""  # WMS default style
        crs = (self.parameterAsString(parameters, self.CRS, context) or "").strip() or "EPSG:3857"
        tms = (self.parameterAsString(parameters, self.TILE_MATRIX_SET, context) or "").strip() or "PM"
        access = Access(
            kind,
            url,
            name,
            (fmt,),
            (crs,),
            tile_matrix_set=tms if kind == AccessKind.WMTS else "",
            style=style,
            service="ign_wmts" if kind == AccessKind.WMTS else "ign_wms_raster",
        )
        return Dataset(
            id=name,
            provider_id="ign",
            title=base.title if base else LocalizedText(name, name),
            description=base.description if base else LocalizedText(),
            keywords=base.keywords if base else (),
            licence=LICENCE,
            licence_url=LICENCE_URL,
            attribution=ATTRIBUTION,
            producer=PRODUCER,
            accesses=(access,),
            category="basemap",
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        dataset = self.dataset(parameters, context)
        access = dataset.access()
        uri = access.qgis_uri()
        title = dataset.title_in(interface_language())
        feedback.pushInfo(self.tr("Basemap {} ({}): {}", title, access.kind.value.upper(), uri))
        layer = QgsRasterLayer(uri, title, access.qgis_provider)
        if not layer.isValid():
            error = layer.error().summary() if layer.error() else ""
            raise QgsProcessingException(
                self.tr(
                    "The {} layer {} of {} could not be opened: {}. Check the layer name, the tile matrix set and the "
                    "service URL (TerriData settings), and that the service is reachable.",
                    access.kind.value.upper(),
                    access.layer,
                    access.url,
                    error or self.tr("no details from QGIS"),
                )
            )
        apply_source_metadata(layer, dataset)
        layer_id = ""
        project = context.project()
        if self.parameterAsBoolean(parameters, self.ADD_TO_PROJECT, context) and project is not None:
            project.addMapLayer(layer)
            layer_id = layer.id()
            feedback.pushInfo(self.tr("Layer added to the project with the attribution {}", dataset.attribution))
        return {self.URI: uri, self.LAYER_ID: layer_id, self.PROVIDER_KEY: access.qgis_provider}
