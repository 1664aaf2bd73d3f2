"""Processing algorithm ``terridata:hubeau_observations``: observations of chosen Hub'Eau stations over a time
window (hydrometry real-time or daily/monthly values, piezometry, river water quality analyses), as a long table or
a time-enabled point layer, with the field names ``terridata:sensor_qc`` and ``terridata:aggregate_time_series``
are given in a model."""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ...providers.sensors import hubeau_dataset
from ...providers.sensors.hubeau import HubeauClient
from ...providers.sensors.hubeau_format import OBSERVATION_APIS
from ...providers.sensors.records import SensorDataError, iso_utc
from ...toolbelt.network import NetworkError, RequestCancelled
from ..base import TerriDataAlgorithm
from ..enum_choices import enum_key, keyed_enum
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
    api: str
    stations: list
    variable: str
    window: Window
    spatial: bool


# The keys of providers.sensors.hubeau_format.OBSERVATION_APIS and the labels the drop-down shows.
DATA_CHOICES = [
    ("hydrometry_realtime", QT_TRANSLATE_NOOP("TerriData", "Hydrometry, real-time observations (H, Q)")),
    ("hydrometry_elaborated", QT_TRANSLATE_NOOP("TerriData", "Hydrometry, daily and monthly values")),
    ("piezometry", QT_TRANSLATE_NOOP("TerriData", "Piezometry, groundwater levels")),
    ("piezometry_realtime", QT_TRANSLATE_NOOP("TerriData", "Piezometry, real-time levels")),
    ("river_quality", QT_TRANSLATE_NOOP("TerriData", "River water quality, analyses")),
]
assert [key for key, _ in DATA_CHOICES] == list(OBSERVATION_APIS)


class HubeauObservations(TerriDataAlgorithm):
    NAME = "hubeau_observations"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("TerriData", "Hub'Eau observations")
    GROUP = "data"

    API, STATIONS, VARIABLE = "API", "STATIONS", "VARIABLE"
    OUTPUT_TYPE, OUTPUT, ROWS = "OUTPUT_TYPE", "OUTPUT", "ROWS"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(keyed_enum(self.API, self.tr("Data"), DATA_CHOICES, default="hydrometry_elaborated"))
        self.addParameter(QgsProcessingParameterString(self.STATIONS, self.tr("Station codes, comma-separated")))
        self.addParameter(
            QgsProcessingParameterString(
                self.VARIABLE,
                self.tr(
                    "Variable (hydrometry: H or Q in real time, QmnJ, QmM, HIXnJ... for elaborated values; river "
                    "quality: parameter code, e.g. 1340 for nitrates); empty: the endpoint's default"
                ),
                optional=True,
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
        if not split_codes(self.parameterAsString(parameters, self.STATIONS, context)):
            return False, self.tr("Give at least one station code.")
        return check_window(self, parameters, context)

    def _request(self, parameters, context, feedback) -> Request:
        return Request(
            api=enum_key(self, parameters, self.API, context),
            stations=split_codes(self.parameterAsString(parameters, self.STATIONS, context)),
            variable=(self.parameterAsString(parameters, self.VARIABLE, context) or "").strip(),
            window=Window.from_parameters(self, parameters, context, feedback),
            spatial=self.parameterAsEnum(parameters, self.OUTPUT_TYPE, context) == 1,
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        request = self._request(parameters, context, feedback)
        api = OBSERVATION_APIS[request.api]
        with Spool() as spool:
            try:
                client = HubeauClient(feedback=feedback)
                warning = client.real_time_warning(request.api, request.window.start_ms)
                if warning:
                    feedback.pushWarning(warning)
                stations = client.known_stations(request.api, request.stations)
                for number, expected, rows in client.observation_pages(
                    request.api, stations, request.variable, request.window.start_ms, request.window.end_ms
                ):
                    self.check_cancelled(feedback)
                    spool.add(rows)
                    of_total = self.tr(" of {}", expected) if expected else ""
                    feedback.setProgressText(self.tr("Page {}{} read ({} observations so far)", number, of_total,
                                                     spool.count))  # fmt: skip
                    if expected:
                        feedback.setProgress(min(50.0, 50.0 * number / expected))
            except RequestCancelled:
                return {}
            except (NetworkError, SensorDataError) as error:
                raise QgsProcessingException(
                    self.tr("Could not read {}: {} Nothing was written.", api.label, error)
                ) from None
            self.check_cancelled(feedback)
            if spool.count == 0:
                raise QgsProcessingException(
                    self.tr(
                        "{} has no observation for the stations {} between {} and {}: nothing was written.",
                        api.label,
                        ", ".join(request.stations),
                        iso_utc(request.window.start_ms),
                        iso_utc(request.window.end_ms),
                    )
                )
            say_naive_times(client.parser, feedback)
            geometries = {}
            if request.spatial:
                geometries = {code: point_geometry(s.geometry) for code, s in stations.items()}
            dest_id, written = write_observations(
                self, parameters, context, spool, geometries, 1, request.spatial, feedback
            )
            if dest_id is None:
                return {}
        feedback.pushInfo(self.tr("{} observations written.", written))
        temporal = ("observed_at", "observed_end") if request.spatial else None
        self.on_load(context, dest_id, style="sensor_observations" if request.spatial else "",
                     source=hubeau_dataset(request.api), temporal=temporal)  # fmt: skip
        return {self.OUTPUT: dest_id, self.ROWS: written}
