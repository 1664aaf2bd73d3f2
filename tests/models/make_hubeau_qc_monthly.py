"""Regenerate ``hubeau_qc_monthly.model3`` (the committed model is what the test runs; this script documents it).

The model: ``terridata:hubeau_observations`` (daily flows QmnJ of the chosen stations, as a table) →
``terridata:sensor_qc`` (gross range on the property QmnJ) → ``terridata:aggregate_time_series`` (monthly count and
mean per sensor_id, Europe/Paris months). Its inputs are STATIONS, START and END; its outputs QC (the observations
with their flags) and MONTHLY.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/models/make_hubeau_qc_monthly.py
"""

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.append("/usr/share/qgis/python/plugins")
sys.path.insert(0, str(HERE.parents[1] / ".build" / "import"))

QC_PARAMETERS = {"QmnJ": {"gross_range": {"fail_span": [0, 100000], "suspect_span": [0, 5000]}}}


def build():
    from qgis.core import (
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterDateTime,
        QgsProcessingParameterFeatureSink,
        QgsProcessingParameterString,
    )
    from qgis.core import (
        QgsProcessingModelChildParameterSource as Source,
    )
    from qgis.PyQt.QtCore import QPointF

    model = QgsProcessingModelAlgorithm("Hub'Eau daily flows, QC and monthly means", "TerriData tests")
    for name, parameter in (
        ("STATIONS", QgsProcessingParameterString("STATIONS", "Station codes")),
        ("START", QgsProcessingParameterDateTime("START", "Start")),
        ("END", QgsProcessingParameterDateTime("END", "End")),
    ):
        component = QgsProcessingModelParameter(name)
        component.setPosition(QPointF(100, 100 + 80 * len(model.parameterComponents())))
        model.addModelParameter(parameter, component)

    observations = QgsProcessingModelChildAlgorithm("terridata:hubeau_observations")
    observations.setChildId("observations")
    observations.setDescription("Hub'Eau observations")
    observations.addParameterSources("API", [Source.fromStaticValue("hydrometry_elaborated")])
    observations.addParameterSources("STATIONS", [Source.fromModelParameter("STATIONS")])
    observations.addParameterSources("VARIABLE", [Source.fromStaticValue("QmnJ")])
    observations.addParameterSources("START", [Source.fromModelParameter("START")])
    observations.addParameterSources("END", [Source.fromModelParameter("END")])
    observations.addParameterSources("OUTPUT_TYPE", [Source.fromStaticValue(0)])
    observations.setPosition(QPointF(350, 100))
    model.addChildAlgorithm(observations)

    qc = QgsProcessingModelChildAlgorithm("terridata:sensor_qc")
    qc.setChildId("qc")
    qc.setDescription("Sensor time-series QC")
    qc.addParameterSources("INPUT", [Source.fromChildOutput("observations", "OUTPUT")])
    for name, field in (("SENSOR_FIELD", "sensor_id"), ("TIME_FIELD", "observed_at"), ("VALUE_FIELD", "value"),
                        ("PROPERTY_FIELD", "property")):  # fmt: skip
        qc.addParameterSources(name, [Source.fromStaticValue(field)])
    qc.addParameterSources("PARAMETERS", [Source.fromStaticValue(json.dumps(QC_PARAMETERS))])
    qc_output = QgsProcessingModelOutput("QC", "Observations with QC flags")
    qc_output.setChildId("qc")
    qc_output.setChildOutputName("OUTPUT")
    qc.setModelOutputs({"QC": qc_output})
    qc.setPosition(QPointF(600, 100))
    model.addChildAlgorithm(qc)

    monthly = QgsProcessingModelChildAlgorithm("terridata:aggregate_time_series")
    monthly.setChildId("monthly")
    monthly.setDescription("Aggregate observations over time")
    monthly.addParameterSources("INPUT", [Source.fromChildOutput("qc", "OUTPUT")])
    monthly.addParameterSources("TIME_FIELD", [Source.fromStaticValue("observed_at")])
    monthly.addParameterSources("KEY_FIELD", [Source.fromStaticValue("sensor_id")])
    monthly.addParameterSources("BUCKET", [Source.fromStaticValue("month")])
    monthly.addParameterSources("FIELDS", [Source.fromStaticValue(["value"])])
    monthly.addParameterSources("STATISTICS", [Source.fromStaticValue(["count", "mean"])])
    monthly.addParameterSources("OUTPUT_TYPE", [Source.fromStaticValue(0)])
    monthly_output = QgsProcessingModelOutput("MONTHLY", "Monthly statistics")
    monthly_output.setChildId("monthly")
    monthly_output.setChildOutputName("OUTPUT")
    monthly.setModelOutputs({"MONTHLY": monthly_output})
    monthly.setPosition(QPointF(850, 100))
    model.addChildAlgorithm(monthly)
    model.updateDestinationParameters()
    assert isinstance(model.parameterDefinition("qc:QC"), QgsProcessingParameterFeatureSink)
    return model


if __name__ == "__main__":
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from terridata.processing.provider import TerriDataProvider

    provider = TerriDataProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    target = HERE / "hubeau_qc_monthly.model3"
    assert build().toFile(str(target)), "could not write the model"
    print(target)
