"""Processing algorithm ``terridata:sensorthings_stations``: the Things of a SensorThings API service as a point
layer of stations, with their datastreams, what they measure, units and first/last observation times."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ...providers.sensors import sensorthings_dataset
from ...providers.sensors.endpoints import endpoints, resolve
from ...providers.sensors.records import SensorDataError
from ...providers.sensors.sensorthings import SensorThingsClient
from ...toolbelt.network import NetworkError, RequestCancelled
from ..base import TerriDataAlgorithm
from ._sensors_common import WGS84, say_naive_times, station_sink, write_stations


class SensorThingsStations(TerriDataAlgorithm):
    NAME = "sensorthings_stations"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("TerriData", "SensorThings stations")
    GROUP = "data"

    ENDPOINT, AUTHCFG, EXTENT, OUTPUT, STATIONS = "ENDPOINT", "AUTHCFG", "EXTENT", "OUTPUT", "STATIONS"

    def initAlgorithm(self, config=None):  # noqa: N802
        names = ", ".join(name for name, _ in endpoints())
        self.addParameter(
            QgsProcessingParameterString(
                self.ENDPOINT, self.tr("SensorThings service (address ending with the version, or one of: {})", names)
            )
        )
        self.addParameter(
            QgsProcessingParameterAuthConfig(self.AUTHCFG, self.tr("Authentication configuration"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterExtent(self.EXTENT, self.tr("Only stations inside this extent"), optional=True)
        )
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Stations")))
        self.addOutput(QgsProcessingOutputNumber(self.STATIONS, self.tr("Stations written")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        url = resolve(self.parameterAsString(parameters, self.ENDPOINT, context))
        authcfg = self.parameterAsString(parameters, self.AUTHCFG, context) or ""
        extent = None
        if parameters.get(self.EXTENT):
            rect = self.parameterAsExtent(parameters, self.EXTENT, context, QgsCoordinateReferenceSystem(WGS84))
            extent = (rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum())
        try:
            client = SensorThingsClient(url, feedback=feedback, authcfg=authcfg)
            info = client.service()
            feedback.pushInfo(
                self.tr(
                    "{}: SensorThings {}, dataArray {}",
                    url,
                    info.version,
                    self.tr("offered") if info.offers_data_array else self.tr("not offered"),
                )  # fmt: skip
            )
            stations = []
            for station in client.stations(
                extent=extent, on_page=lambda n: feedback.setProgressText(self.tr("Things: page {} read", n))
            ):
                stations.append(station)
        except RequestCancelled:
            return {}
        except (NetworkError, SensorDataError) as error:
            raise QgsProcessingException(self.tr("Could not read the stations of {}: {}", url, error)) from None
        self.check_cancelled(feedback)
        say_naive_times(client.parser, feedback)
        sink, dest_id = station_sink(self, parameters, context)
        write_stations(sink, stations, feedback)
        feedback.pushInfo(self.tr("{} stations written.", len(stations)))
        self.on_load(context, dest_id, style="sensor_stations", source=sensorthings_dataset(url))
        return {self.OUTPUT: dest_id, self.STATIONS: len(stations)}
