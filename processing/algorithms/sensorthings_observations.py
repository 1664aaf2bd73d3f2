"""Processing algorithm ``terridata:sensorthings_observations``: the Observations of chosen Datastreams (or
MultiDatastreams) of a SensorThings API service over a time window, as a long table or a time-enabled point layer,
with the field names ``terridata:sensor_qc`` and ``terridata:aggregate_time_series`` are given in a model."""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterAuthConfig,
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
from ._sensors_common import (
    Spool,
    Window,
    add_output_type_parameter,
    add_window_parameters,
    check_window,
    point_geometry,
    say_naive_times,
    split_codes,
    write_observations,
)


@dataclass
class Request:
    url: str
    authcfg: str
    datastreams: list
    window: Window
    spatial: bool


class SensorThingsObservations(TerriDataAlgorithm):
    NAME = "sensorthings_observations"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("TerriData", "SensorThings observations")
    GROUP = "data"

    ENDPOINT, AUTHCFG, DATASTREAMS = "ENDPOINT", "AUTHCFG", "DATASTREAMS"
    OUTPUT_TYPE, OUTPUT, ROWS = "OUTPUT_TYPE", "OUTPUT", "ROWS"

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
            QgsProcessingParameterString(
                self.DATASTREAMS,
                self.tr("Datastream ids, comma-separated (multi:<id> for a MultiDatastream)"),
            )
        )
        add_window_parameters(self)
        add_output_type_parameter(self)
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Observations")))
        self.addOutput(QgsProcessingOutputNumber(self.ROWS, self.tr("Observations written")))

    def checkParameterValues(self, parameters, context):  # noqa: N802
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        if not split_codes(self.parameterAsString(parameters, self.DATASTREAMS, context)):
            return False, self.tr("Give at least one datastream id.")
        return check_window(self, parameters, context)

    def _request(self, parameters, context, feedback) -> Request:
        return Request(
            url=resolve(self.parameterAsString(parameters, self.ENDPOINT, context)),
            authcfg=self.parameterAsString(parameters, self.AUTHCFG, context) or "",
            datastreams=split_codes(self.parameterAsString(parameters, self.DATASTREAMS, context)),
            window=Window.from_parameters(self, parameters, context, feedback),
            spatial=self.parameterAsEnum(parameters, self.OUTPUT_TYPE, context) == 1,
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        request = self._request(parameters, context, feedback)
        with Spool() as spool:
            geometries = {}
            try:
                client = SensorThingsClient(request.url, feedback=feedback, authcfg=request.authcfg)
                info = client.service()
                if info.offers_data_array:
                    feedback.pushInfo(self.tr("{} offers the dataArray format: it is used.", request.url))
                for position, reference in enumerate(request.datastreams):
                    before = spool.count
                    for number, rows in client.observation_pages(
                        reference, request.window.start_ms, request.window.end_ms
                    ):
                        self.check_cancelled(feedback)
                        spool.add(rows)
                        feedback.setProgressText(
                            self.tr(
                                "Datastream {}: page {} read ({} observations so far)", reference, number, spool.count
                            )  # fmt: skip
                        )
                        feedback.setProgress(50 * (position + min(number, 20) / 21) / len(request.datastreams))
                    if spool.count == before:
                        raise SensorDataError(
                            self.tr("The datastream '{}' has no observation in the chosen time window.", reference)
                        )
                    if request.spatial:
                        for series in client.series(reference)[2]:
                            geometries[series.sensor_id] = point_geometry(series.geometry)
            except RequestCancelled:
                return {}
            except (NetworkError, SensorDataError) as error:
                raise QgsProcessingException(
                    self.tr("Could not read the observations from {}: {} Nothing was written.", request.url, error)
                ) from None
            self.check_cancelled(feedback)
            say_naive_times(client.parser, feedback)
            dest_id, written = write_observations(
                self, parameters, context, spool, geometries, 0, request.spatial, feedback
            )
            if dest_id is None:
                return {}
        feedback.pushInfo(self.tr("{} observations written.", written))
        temporal = ("observed_at", "observed_end") if request.spatial else None
        self.on_load(context, dest_id, style="sensor_observations" if request.spatial else "",
                     source=sensorthings_dataset(request.url), temporal=temporal)  # fmt: skip
        return {self.OUTPUT: dest_id, self.ROWS: written}
