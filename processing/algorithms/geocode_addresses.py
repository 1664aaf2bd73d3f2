"""Processing algorithm ``terridata:geocode_addresses`` ("Geocode addresses").

Every row of a table or layer becomes a point (in the chosen CRS) from the Géoplateforme geocoding service, with
``score``, the matched ``label``, its ``type`` and ``citycode``, and a ``geocode_status``. Unmatched rows are kept
(empty geometry, score 0), as are rows below the minimum score. Large tables go through the CSV batch endpoint,
small ones through ``/search`` (the service allows 50 requests a second; the network layer paces them). The protocol
is in :mod:`providers.ign.geocoding`.
"""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterCrs,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QVariant

from ...providers.ign import geocoding
from ...providers.ign.curated import LICENCE, LICENCE_URL
from ...providers.model import Dataset, LocalizedText
from ...toolbelt.network import NetworkClient, NetworkError, RequestCancelled
from ...toolbelt.services import base_url
from ..base import TerriDataAlgorithm

MODES = [
    ("auto", QT_TRANSLATE_NOOP("TerriData", "Automatic (batch CSV above 100 addresses)")),
    ("single", QT_TRANSLATE_NOOP("TerriData", "One request per address")),
    ("batch", QT_TRANSLATE_NOOP("TerriData", "Batch CSV")),
]
GEOCODING_ATTRIBUTION = "Géocodage : IGN Géoplateforme – Base Adresse Nationale"
RESULT_FIELDS = [
    ("score", QVariant.Double),
    ("label", QVariant.String),
    ("type", QVariant.String),
    ("citycode", QVariant.String),
    ("geocode_status", QVariant.String),
]


WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")


@dataclass(frozen=True)
class GeocodeRequest:
    """The parameters of one run, read once at the edge of the algorithm."""

    address_field: str
    part_fields: tuple  # number, street, postcode, city (empty names for the ones not chosen)
    citycode_field: str
    fixed_code: str
    min_score: float
    mode: str
    batch_size: int
    crs: QgsCoordinateReferenceSystem

    def used_fields(self) -> list:
        return [f for f in (self.address_field, *self.part_fields, self.citycode_field) if f]


def geocoding_dataset() -> Dataset:
    return Dataset(
        id="geocodage",
        provider_id="ign",
        title=LocalizedText("Adresses géocodées (BAN)", "Geocoded addresses (BAN)"),
        licence=LICENCE,
        licence_url=LICENCE_URL,
        attribution=GEOCODING_ATTRIBUTION,
        producer="IGN / Base Adresse Nationale",
    )


class GeocodeAddresses(TerriDataAlgorithm):
    NAME = "geocode_addresses"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("TerriData", "Geocode addresses")
    GROUP = "data"

    INPUT, ADDRESS_FIELD = "INPUT", "ADDRESS_FIELD"
    NUMBER_FIELD, STREET_FIELD, POSTCODE_FIELD, CITY_FIELD = (
        "NUMBER_FIELD",
        "STREET_FIELD",
        "POSTCODE_FIELD",
        "CITY_FIELD",
    )
    CITYCODE_FIELD, CITYCODE = "CITYCODE_FIELD", "CITYCODE"
    MIN_SCORE, MODE, CRS, BATCH_SIZE, OUTPUT = "MIN_SCORE", "MODE", "CRS", "BATCH_SIZE", "OUTPUT"
    MATCHED, UNMATCHED, MODE_USED = "MATCHED", "UNMATCHED", "MODE_USED"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.INPUT, self.tr("Table or layer of addresses"), [QgsProcessing.TypeVector]
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.ADDRESS_FIELD, self.tr("Full address field"), parentLayerParameterName=self.INPUT, optional=True
            )
        )
        for name, label in (
            (self.NUMBER_FIELD, QT_TRANSLATE_NOOP("TerriData", "Or: house number field")),
            (self.STREET_FIELD, QT_TRANSLATE_NOOP("TerriData", "Street field")),
            (self.POSTCODE_FIELD, QT_TRANSLATE_NOOP("TerriData", "Postcode field")),
            (self.CITY_FIELD, QT_TRANSLATE_NOOP("TerriData", "City field")),
            (
                self.CITYCODE_FIELD,
                QT_TRANSLATE_NOOP("TerriData", "INSEE commune code field (restricts each address to its commune)"),
            ),
        ):
            self.addParameter(
                QgsProcessingParameterField(name, self.tr(label), parentLayerParameterName=self.INPUT, optional=True)
            )
        self.addParameter(
            QgsProcessingParameterString(
                self.CITYCODE, self.tr("Or: one INSEE commune code for every address"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MIN_SCORE,
                self.tr("Minimum score (0 to 1): results below are kept without a point"),
                QgsProcessingParameterNumber.Double,
                defaultValue=0.5,
                minValue=0.0,
                maxValue=1.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterCrs(
                self.CRS, self.tr("Output CRS (default Lambert-93, EPSG:2154)"), defaultValue="EPSG:2154", optional=True
            )
        )
        advanced = [
            QgsProcessingParameterEnum(
                self.MODE, self.tr("Method"), options=[self.tr(m[1]) for m in MODES], defaultValue=0
            ),
            QgsProcessingParameterNumber(
                self.BATCH_SIZE,
                self.tr("Addresses per batch request"),
                QgsProcessingParameterNumber.Integer,
                defaultValue=geocoding.BATCH_SIZE,
                minValue=1,
                maxValue=50000,
            ),
        ]
        for param in advanced:
            param.setFlags(param.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
            self.addParameter(param)
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Geocoded addresses"), QgsProcessing.TypeVectorPoint)
        )
        self.addOutput(QgsProcessingOutputNumber(self.MATCHED, self.tr("Addresses located")))
        self.addOutput(QgsProcessingOutputNumber(self.UNMATCHED, self.tr("Addresses not located")))
        self.addOutput(QgsProcessingOutputString(self.MODE_USED, self.tr("Method used (single or batch)")))

    def _fields(self, parameters, context) -> list:
        names = [self.ADDRESS_FIELD, self.NUMBER_FIELD, self.STREET_FIELD, self.POSTCODE_FIELD, self.CITY_FIELD]
        return [self.parameterAsString(parameters, n, context) for n in names]

    def checkParameterValues(self, parameters, context):  # noqa: N802
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        address, number, street, postcode, city = self._fields(parameters, context)
        if not address and not street and not city:
            return False, self.tr("Choose the full address field, or at least a street or city field")
        if address and (number or street):
            return False, self.tr("Choose either the full address field or the separate number/street fields, not both")
        code = (self.parameterAsString(parameters, self.CITYCODE, context) or "").strip()
        if code and not (len(code) == 5 and code[:2].isalnum() and code[2:].isdigit()):
            return False, self.tr("Invalid INSEE commune code {!r}: expected 5 characters such as 44109 or 2A004", code)
        if code and self.parameterAsString(parameters, self.CITYCODE_FIELD, context):
            return False, self.tr("Choose either an INSEE code field or one INSEE code, not both")
        return True, ""

    def _request(self, parameters, context) -> GeocodeRequest:
        """Every parameter, read once; nothing below this takes ``parameters``."""
        address, number, street, postcode, city = self._fields(parameters, context)
        crs = self.parameterAsCrs(parameters, self.CRS, context)
        return GeocodeRequest(
            address_field=address,
            part_fields=(number, street, postcode, city),
            citycode_field=self.parameterAsString(parameters, self.CITYCODE_FIELD, context),
            fixed_code=(self.parameterAsString(parameters, self.CITYCODE, context) or "").strip(),
            min_score=self.parameterAsDouble(parameters, self.MIN_SCORE, context),
            mode=MODES[self.parameterAsEnum(parameters, self.MODE, context)][0],
            batch_size=self.parameterAsInt(parameters, self.BATCH_SIZE, context),
            crs=crs if crs.isValid() else QgsCoordinateReferenceSystem("EPSG:2154"),
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        request = self._request(parameters, context)
        in_fields = source.fields()
        for name in request.used_fields():
            if in_fields.lookupField(name) < 0:
                raise QgsProcessingException(self.tr("The field {} is not in the input table", name))
        out_fields = QgsFields(in_fields)
        for name, vtype in RESULT_FIELDS:
            out_fields.append(QgsField(name if in_fields.lookupField(name) < 0 else f"geo_{name}", vtype))
        rows, queries = self._read_addresses(source, request, feedback)
        feedback.pushInfo(self.tr("{} addresses to geocode", len(queries)))
        used, results = self._geocode(queries, request, feedback)
        feedback.pushInfo(self.tr("Method used: {}", used))
        sink, dest_id = self.parameterAsSink(
            parameters, self.OUTPUT, context, out_fields, QgsWkbTypes.Point, request.crs
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        transform = QgsCoordinateTransform(WGS84, request.crs, context.transformContext())
        matched = self._write(sink, out_fields, rows, results, transform, feedback)
        unmatched = len(rows) - matched
        feedback.pushInfo(self.tr("{} addresses located, {} not located (kept without a point)", matched, unmatched))
        self.on_load(context, dest_id, style="ign_points", source=geocoding_dataset())
        return {self.OUTPUT: dest_id, self.MATCHED: matched, self.UNMATCHED: unmatched, self.MODE_USED: used}

    def _read_addresses(self, source, request: GeocodeRequest, feedback) -> tuple:
        """``(attribute rows, AddressQuery list)``, read once through the feature source (no geometry needed)."""
        rows, queries = [], []
        for i, feat in enumerate(source.getFeatures(QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry))):
            if feedback.isCanceled():
                raise QgsProcessingException(self.tr("Geocoding cancelled"))
            rows.append(feat.attributes())
            if request.address_field:
                text = geocoding.build_address(feat[request.address_field])
            else:
                text = geocoding.build_address(*(feat[f] if f else None for f in request.part_fields))
            code = request.fixed_code or (
                geocoding.build_address(feat[request.citycode_field]) if request.citycode_field else ""
            )
            queries.append(geocoding.AddressQuery(i, text, code))
        return rows, queries

    def _geocode(self, queries: list, request: GeocodeRequest, feedback) -> tuple:
        network = NetworkClient("ign_geocoding", feedback=feedback)
        try:
            return geocoding.geocode(
                network,
                base_url("ign_geocoding"),
                queries,
                mode=request.mode,
                min_score=request.min_score,
                batch_size=request.batch_size,
                feedback=feedback,
            )
        except (RequestCancelled, geocoding.GeocodingCancelled):
            raise QgsProcessingException(self.tr("Geocoding cancelled")) from None
        except (NetworkError, geocoding.GeocodingError) as exc:
            raise QgsProcessingException(self.tr("Geocoding failed: {}", exc)) from None

    def _write(self, sink, out_fields, rows: list, results: dict, transform, feedback) -> int:
        """Every input row with its result (a point when located); returns how many were located."""
        matched = 0
        for i, attrs in enumerate(rows):
            if feedback.isCanceled():
                raise QgsProcessingException(self.tr("Geocoding cancelled"))
            res = results.get(i) or geocoding.GeocodeResult(i)
            out = QgsFeature(out_fields)
            out.setAttributes(
                list(attrs) + [res.score if res.matched else 0.0, res.label, res.type, res.citycode, res.status]
            )
            if res.matched:
                point = QgsGeometry.fromPointXY(QgsPointXY(res.lon, res.lat))
                point.transform(transform)
                out.setGeometry(point)
                matched += 1
            sink.addFeature(out, QgsFeatureSink.FastInsert)
        return matched
