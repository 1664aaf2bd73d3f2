"""Regenerate ``publish_citizen_reports.model3`` (the committed model is what the test runs; this script documents
it).

The model: ``terridata:anonymised_export`` (locations dropped, k = 11) → ``terridata:export_to_schema`` (the
anonymised records as the chosen Table Schema wants them, with the validation report) →
``terridata:publish_datagouv`` (the CSV, its validation report and the risk report, behind the privacy gate).
Its inputs are INPUT, SCHEMA, AUTHCFG, ORGANIZATION and TITLE; its outputs the anonymised records, the risk report
(JSON), the CSV and the validation report (JSON).

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/models/make_publish_citizen_reports.py
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.append("/usr/share/qgis/python/plugins")
sys.path.insert(0, str(HERE.parents[1] / ".build" / "import"))


def build():
    from qgis.core import (
        QgsProcessing,
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterAuthConfig,
        QgsProcessingParameterFeatureSource,
        QgsProcessingParameterString,
    )
    from qgis.core import (
        QgsProcessingModelChildParameterSource as Source,
    )
    from qgis.PyQt.QtCore import QPointF

    model = QgsProcessingModelAlgorithm("Anonymise, export to a schema and publish", "TerriData tests")
    for name, parameter in (
        ("INPUT", QgsProcessingParameterFeatureSource("INPUT", "Records", [QgsProcessing.TypeVector])),
        ("SCHEMA", QgsProcessingParameterString("SCHEMA", "Schema (name@version or .json file)")),
        ("AUTHCFG", QgsProcessingParameterAuthConfig("AUTHCFG", "data.gouv.fr API key")),
        ("ORGANIZATION", QgsProcessingParameterString("ORGANIZATION", "Organisation")),
        ("TITLE", QgsProcessingParameterString("TITLE", "Dataset title")),
    ):
        component = QgsProcessingModelParameter(name)
        component.setPosition(QPointF(100, 100 + 80 * len(model.parameterComponents())))
        model.addModelParameter(parameter, component)

    def output(child, name, child_output, description):
        out = QgsProcessingModelOutput(name, description)
        out.setChildId(child.childId())
        out.setChildOutputName(child_output)
        return out

    anonymise = QgsProcessingModelChildAlgorithm("terridata:anonymised_export")
    anonymise.setChildId("anonymise")
    anonymise.setDescription("Anonymised export")
    anonymise.addParameterSources("INPUT", [Source.fromModelParameter("INPUT")])
    anonymise.addParameterSources("GEOMETRY", [Source.fromStaticValue(1)])  # locations dropped
    anonymise.setModelOutputs(
        {
            "RECORDS": output(anonymise, "RECORDS", "OUTPUT", "Anonymised records"),
            "RISK": output(anonymise, "RISK", "REPORT_JSON", "Risk report (JSON)"),
        }
    )
    anonymise.setPosition(QPointF(350, 100))
    model.addChildAlgorithm(anonymise)

    export = QgsProcessingModelChildAlgorithm("terridata:export_to_schema")
    export.setChildId("export")
    export.setDescription("Export to a national schema")
    export.addParameterSources("INPUT", [Source.fromChildOutput("anonymise", "OUTPUT")])
    export.addParameterSources("SCHEMA", [Source.fromModelParameter("SCHEMA")])
    export.setModelOutputs(
        {
            "CSV": output(export, "CSV", "OUTPUT", "CSV for the schema"),
            "VALIDATION": output(export, "VALIDATION", "REPORT_JSON", "Validation report (JSON)"),
        }
    )
    export.setPosition(QPointF(600, 100))
    model.addChildAlgorithm(export)

    publish = QgsProcessingModelChildAlgorithm("terridata:publish_datagouv")
    publish.setChildId("publish")
    publish.setDescription("Publish to data.gouv.fr")
    publish.addParameterSources("INPUT", [Source.fromChildOutput("export", "OUTPUT")])
    publish.addParameterSources("VALIDATION_REPORT", [Source.fromChildOutput("export", "REPORT_JSON")])
    publish.addParameterSources("RISK_REPORT", [Source.fromChildOutput("anonymise", "REPORT_JSON")])
    for name in ("AUTHCFG", "ORGANIZATION", "TITLE"):
        publish.addParameterSources(name, [Source.fromModelParameter(name)])
    publish.addParameterSources("DESCRIPTION", [Source.fromStaticValue("Citizen reports, anonymised (k-anonymity).")])
    publish.setPosition(QPointF(850, 100))
    model.addChildAlgorithm(publish)
    model.updateDestinationParameters()
    return model


if __name__ == "__main__":
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from terridata.processing.provider import TerriDataProvider

    provider = TerriDataProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    target = HERE / "publish_citizen_reports.model3"
    assert build().toFile(str(target)), "could not write the model"
    print(target)
