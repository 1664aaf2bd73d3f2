"""Processing algorithm ``terridata:hubeau_stations``: Hub'Eau stations (hydrometry, piezometry, river water
quality) of a territory (communes, départements or EPCI through the COG) or an extent, as a point layer."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ...core.cog.referential import default_referential
from ...providers.sensors import hubeau_dataset
from ...providers.sensors.hubeau import HubeauClient
from ...providers.sensors.hubeau_format import STATION_APIS
from ...providers.sensors.records import SensorDataError
from ...toolbelt.i18n import tr
from ...toolbelt.network import NetworkError, RequestCancelled
from ..base import TerriDataAlgorithm
from ..enum_choices import enum_key, keyed_enum
from ._sensors_common import WGS84, say_naive_times, split_codes, station_sink, write_stations

LEVEL_CHOICES = [
    ("commune", QT_TRANSLATE_NOOP("TerriData", "Communes")),
    ("departement", QT_TRANSLATE_NOOP("TerriData", "Départements")),
    ("epci", QT_TRANSLATE_NOOP("TerriData", "EPCI (SIREN codes)")),
]
# The keys of providers.sensors.hubeau_format.STATION_APIS and the labels the drop-down shows.
NETWORK_CHOICES = [
    ("hydrometry", QT_TRANSLATE_NOOP("TerriData", "Hydrometry (water level and flow)")),
    ("piezometry", QT_TRANSLATE_NOOP("TerriData", "Piezometry (groundwater level)")),
    ("river_quality", QT_TRANSLATE_NOOP("TerriData", "River water quality (physico-chemical sampling)")),
]
assert [key for key, _ in NETWORK_CHOICES] == list(STATION_APIS)
#: The observation dataset credited for each station referential.
_DATASET_OF = {"hydrometry": "hydrometry_elaborated", "piezometry": "piezometry", "river_quality": "river_quality"}


def territory_communes(level: str, codes: list):
    """``(communes, départements)`` to ask Hub'Eau for: an EPCI becomes its member communes (latest COG with EPCI)."""
    if level == "commune":
        return codes, []
    if level == "departement":
        return [], codes
    referential = default_referential()
    vintage = referential.latest_vintage("epci")
    communes = []
    for code in codes:
        try:
            communes.extend(referential.members(code, "epci", vintage=vintage))
        except KeyError:
            raise QgsProcessingException(tr("'{}' is not an EPCI code (SIREN) of the {} COG.", code, vintage)) from None
    return communes, []


class HubeauStations(TerriDataAlgorithm):
    NAME = "hubeau_stations"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("TerriData", "Hub'Eau stations")
    GROUP = "data"

    API, LEVEL, CODES, EXTENT, OUTPUT, STATIONS = "API", "LEVEL", "CODES", "EXTENT", "OUTPUT", "STATIONS"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(keyed_enum(self.API, self.tr("Network"), NETWORK_CHOICES, default="hydrometry"))
        self.addParameter(keyed_enum(self.LEVEL, self.tr("Territory level"), LEVEL_CHOICES, default="departement"))
        self.addParameter(
            QgsProcessingParameterString(
                self.CODES, self.tr("Territory codes, comma-separated (INSEE codes; SIREN for an EPCI)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterExtent(self.EXTENT, self.tr("Or: stations inside this extent"), optional=True)
        )
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Stations")))
        self.addOutput(QgsProcessingOutputNumber(self.STATIONS, self.tr("Stations written")))

    def checkParameterValues(self, parameters, context):  # noqa: N802
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        if not split_codes(self.parameterAsString(parameters, self.CODES, context)) and not parameters.get(self.EXTENT):
            return False, self.tr("Give territory codes or an extent.")
        return True, ""

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        api = enum_key(self, parameters, self.API, context)
        level = enum_key(self, parameters, self.LEVEL, context)
        codes = split_codes(self.parameterAsString(parameters, self.CODES, context))
        bbox = None
        if parameters.get(self.EXTENT):
            rect = self.parameterAsExtent(parameters, self.EXTENT, context, QgsCoordinateReferenceSystem(WGS84))
            bbox = (rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum())
        communes, departements = territory_communes(level, codes)
        try:
            client = HubeauClient(feedback=feedback)
            stations = client.stations(
                api,
                communes=communes,
                departements=departements,
                bbox=bbox,
                on_page=lambda n: feedback.setProgressText(self.tr("Stations: page {} read", n)),
            )
        except RequestCancelled:
            return {}
        except (NetworkError, SensorDataError) as error:
            raise QgsProcessingException(self.tr("Could not read Hub'Eau's stations: {}", error)) from None
        self.check_cancelled(feedback)
        say_naive_times(client.parser, feedback)
        sink, dest_id = station_sink(self, parameters, context)
        write_stations(sink, stations, feedback)
        feedback.pushInfo(self.tr("{} stations written.", len(stations)))
        self.on_load(context, dest_id, style="sensor_stations", source=hubeau_dataset(_DATASET_OF[api]))
        return {self.OUTPUT: dest_id, self.STATIONS: len(stations)}
