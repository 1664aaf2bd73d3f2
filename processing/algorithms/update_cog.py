"""Processing algorithm ``terridata:update_cog``: add a COG vintage newer than the embedded ones, from INSEE's API."""

from datetime import date

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterNumber,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ...core.cog.referential import default_referential
from ...core.cog.snapshot import EMBEDDED_VINTAGES
from ...providers.insee.geo_api import refresh_vintage
from ...toolbelt.network import NetworkError
from ..base import TerriDataAlgorithm


class UpdateCog(TerriDataAlgorithm):
    NAME = "update_cog"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("TerriData", "Update the official geographic code (COG)")
    GROUP = "territories"

    YEAR, REFRESH = "YEAR", "REFRESH"
    VINTAGE, COMMUNES, DEPARTEMENTS = "VINTAGE", "COMMUNES", "DEPARTEMENTS"

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterNumber(
                self.YEAR,
                self.tr("Vintage (COG in force on 1 January of this year)"),
                defaultValue=date.today().year,
                minValue=max(EMBEDDED_VINTAGES) + 1,
                maxValue=2100,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.REFRESH, self.tr("Download again even if this vintage is already cached"), defaultValue=False
            )
        )
        self.addOutput(QgsProcessingOutputNumber(self.VINTAGE, self.tr("Vintage added")))
        self.addOutput(QgsProcessingOutputNumber(self.COMMUNES, self.tr("Communes in force")))
        self.addOutput(QgsProcessingOutputNumber(self.DEPARTEMENTS, self.tr("Départements")))

    def processAlgorithm(self, parameters, context, feedback):
        year = self.parameterAsInt(parameters, self.YEAR, context)
        if year in EMBEDDED_VINTAGES:
            raise QgsProcessingException(
                self.tr("The COG {} is embedded in TerriData already; choose a later year.", year)
            )
        try:
            referential = refresh_vintage(
                year,
                referential=default_referential(),
                feedback=feedback,
                refresh=self.parameterAsBool(parameters, self.REFRESH, context),
            )
        except NetworkError as error:
            raise QgsProcessingException(
                self.tr("The COG {} could not be read from INSEE's geographic API: {}", year, error)
            ) from error
        self.check_cancelled(feedback)
        communes = referential.codes("commune", year)
        departements = referential.codes("departement", year)
        if not communes:
            raise QgsProcessingException(
                self.tr("INSEE's geographic API returned no commune for 1 January {}: is this vintage published?", year)
            )
        feedback.pushInfo(
            self.tr(
                "COG {} added: {} communes, {} départements. It is kept in your profile and used from now on "
                "(EPCI are not published by this API: EPCI roll-ups keep using the latest embedded vintage).",
                year,
                len(communes),
                len(departements),
            )
        )
        return {self.VINTAGE: year, self.COMMUNES: len(communes), self.DEPARTEMENTS: len(departements)}
