"""The steps of ``make demo``, in order: each takes the running :class:`demo.Demo` and runs TerriData algorithms.

Every layer goes into ``terridata-demo.gpkg``; reports, the maps and the atlas are files beside it.
"""

import json
import os
import secrets
from contextlib import contextmanager

COG_VINTAGE = 2024  # the sample's communes are coded in the COG 2024
#: The Table Schema of the published citizen reports (the columns of the anonymised export).
REPORTS_SCHEMA = {
    "name": "signalements-anonymises",
    "title": "Signalements citoyens anonymisés",
    "fields": [
        {"name": "category", "type": "string", "constraints": {"required": True}},
        {"name": "reported_on", "type": "string", "description": "date generalised (week, month or year)"},
        {"name": "commune", "type": "string", "description": "commune, EPCI or département code"},
        {"name": "status", "type": "string"},
        {"name": "cell_id", "type": "string", "description": "INSEE grid cell (EPSG:3035)"},
    ],
}


def sensor_network_quality(demo):
    demo.run(
        "Sensor QC of the NO2 network (QARTOD flags per observation)",
        "terridata:sensor_qc",
        {
            "INPUT": demo.layer("no2_hourly"),
            "SENSOR_FIELD": "sensor_id",
            "TIME_FIELD": "observed_at",
            "VALUE_FIELD": "no2",
            "PROPERTY_FIELD": "property",
            "OUTPUT": demo.out_layer("no2_hourly_qc"),
            "OUTPUT_JSON": str(demo.work / "quality-sensors.json"),
            "OUTPUT_HTML": str(demo.work / "quality-sensors.html"),
        },
    )


def communes_quality(demo):
    demo.run(
        "Quality report of the sample communes (geometry, partition, codes, completeness)",
        "terridata:quality_report",
        {
            "INPUT": demo.layer("communes"),
            "PARTITION": True,
            "KEY_FIELDS": ["code"],
            "CODE_FIELD": "code",
            "COG_VINTAGE": COG_VINTAGE,
            "REQUIRED_FIELDS": ["population_2021"],
            "OUTLIER_FIELDS": ["population_2021"],
            "OUTPUT": demo.out_layer("quality_communes_problems"),
            "OUTPUT_AREAS": demo.out_layer("quality_communes_areas"),
            "OUTPUT_JSON": str(demo.work / "quality-communes.json"),
            "OUTPUT_HTML": str(demo.work / "quality-communes.html"),
        },
    )


def daily_no2_per_commune(demo):
    demo.run(
        "Daily NO2 per commune (Europe/Paris days, across the daylight-saving change)",
        "terridata:aggregate_time_series",
        {
            "INPUT": demo.layer("no2_hourly"),
            "TIME_FIELD": "observed_at",
            "KEY_FIELD": "commune",
            "BUCKET": "day",
            "FIELDS": ["no2"],
            "STATISTICS": ["mean", "median", "max"],
            "OUTPUT_TYPE": 0,
            "OUTPUT": demo.out_layer("no2_daily_per_commune"),
        },
    )


def mean_no2_per_commune(demo):
    """Observations take their sensor's location, then are aggregated to the communes they fall in."""
    located = demo.run(
        "Locate each NO2 observation at its sensor",
        "native:joinattributestable",
        {
            "INPUT": demo.layer("air_sensors"),
            "FIELD": "sensor_id",
            "INPUT_2": demo.layer("no2_hourly"),
            "FIELD_2": "sensor_id",
            "FIELDS_TO_COPY": ["observed_at", "no2"],
            "METHOD": 0,  # one feature per observation
            "DISCARD_NONMATCHING": True,
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )["OUTPUT"]
    demo.run(
        "Mean NO2 per commune over the four weeks",
        "terridata:aggregate_points_to_zones",
        {
            "INPUT": located,
            "ZONES": demo.layer("communes"),
            "FIELDS": ["no2"],
            "STATISTICS": ["mean", "median", "max"],
            "PERCENTILES": "90",
            "OUTPUT": demo.out_layer("no2_mean_per_commune"),
        },
    )


def reports_per_commune(demo):
    demo.run(
        "Citizen reports per commune, one column per category",
        "terridata:aggregate_points_to_zones",
        {
            "INPUT": demo.layer("citizen_reports"),
            "ZONES": demo.layer("communes"),
            "CATEGORY": "category",
            "STATISTICS": [],
            "OUTPUT": demo.out_layer("reports_per_commune"),
        },
    )


def reports_per_cell(demo):
    demo.run(
        "Citizen reports per 200 m INSEE grid cell",
        "terridata:aggregate_points_to_grid",
        {
            "INPUT": demo.layer("citizen_reports"),
            "CELL_SIZE": 200,
            "CATEGORY": "category",
            "OUTPUT": demo.out_layer("reports_grid_200m"),
        },
    )


def epci_rollup(demo):
    demo.run(
        "Roll-up of the communes to their EPCI (COG 2024)",
        "terridata:rollup_territories",
        {
            "INPUT": demo.written("reports_per_commune"),
            "CODE_FIELD": "code",
            "LEVEL": "epci",
            "VINTAGE": COG_VINTAGE,
            "SUM_FIELDS": ["population_2021", "menages_2021", "count"],
            "OUTPUT": demo.out_layer("epci_rollup"),
        },
    )


def anonymised_reports(demo):
    demo.run(
        "Anonymised export of the citizen reports (k = 11) with its risk report",
        "terridata:anonymised_export",
        {
            "INPUT": demo.layer("citizen_reports"),
            "SENSITIVE_FIELD": "category",
            # With age, date, commune and location as quasi-identifiers, k = 11 would cost 22 % of the 3,000
            # reports (the risk report says so); the declarant's age is not needed for open data.
            "DROP_FIELDS": ["declarant_age"],
            "OUTPUT": str(demo.work / "citizen-reports-anonymised.gpkg"),
            "REPORT_HTML": str(demo.work / "risk-report-citizen-reports.html"),
            "REPORT_JSON": str(demo.work / "risk-report-citizen-reports.json"),
        },
    )


def publish_reports(demo):
    """The anonymised reports as open data: a CSV following a Table Schema, validated, then published with its risk
    report to a local stand-in for data.gouv.fr (nothing leaves the machine), behind the privacy gate."""
    from demo_datagouv import DemoDataGouv

    schema = demo.work / "schema-citizen-reports.json"
    schema.write_text(json.dumps(REPORTS_SCHEMA, ensure_ascii=False, indent=1), encoding="utf-8")
    exported = demo.run(
        "The anonymised reports as a CSV following their Table Schema, with a validation report",
        "terridata:export_to_schema",
        {
            "INPUT": str(demo.work / "citizen-reports-anonymised.gpkg"),
            "SCHEMA": str(schema),
            "OUTPUT": str(demo.work / "citizen-reports-open-data.csv"),
            "REPORT_JSON": str(demo.work / "validation-citizen-reports.json"),
            "REPORT_HTML": str(demo.work / "validation-citizen-reports.html"),
        },
    )
    key = f"demo-{secrets.token_hex(12)}"
    with DemoDataGouv(key) as site, _environment(TERRIDATA_DATAGOUV_URL=site.url), _demo_key(key) as authcfg:
        result = demo.run(
            "Publish them with the risk report (local stand-in for data.gouv.fr)",
            "terridata:publish_datagouv",
            {
                "INPUT": exported["OUTPUT"],
                "VALIDATION_REPORT": exported["REPORT_JSON"],
                "RISK_REPORT": str(demo.work / "risk-report-citizen-reports.json"),
                "AUTHCFG": authcfg,
                "ORGANIZATION": "demo-commune",
                "TITLE": "Signalements citoyens (anonymisés)",
                "DESCRIPTION": "Signalements des habitants, anonymisés (k-anonymat, k = 11). Données de démonstration.",
                "FREQUENCY": "monthly",
                "COVERAGE": "91",
                "TAGS": "signalements, voirie, propreté",
            },
        )
        published = say(
            demo.language, "  published: dataset {} with {} resources", result["DATASET_ID"], result["RESOURCES"]
        )
        print(published, flush=True)


@contextmanager
def _environment(**values):
    previous = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextmanager
def _demo_key(key: str):
    """An authentication configuration holding the demo's key, in the demo's own authentication database (demo.py
    points QGIS at a throw-away one: the user's is never touched)."""
    from qgis.core import QgsApplication, QgsAuthMethodConfig

    manager = QgsApplication.authManager()
    if not manager.masterPasswordIsSet():
        manager.setMasterPassword(f"demo-{secrets.token_hex(8)}", True)
    config = QgsAuthMethodConfig("Basic")
    config.setName("TerriData demo: data.gouv.fr stand-in key")
    config.setConfig("username", "demo")
    config.setConfig("password", key)
    ok, config = manager.storeAuthenticationConfig(config)
    if not ok:
        raise RuntimeError("the demo could not store its key in its authentication database")
    try:
        yield config.id()
    finally:
        manager.removeAuthenticationConfig(config.id())


def protective_grid(demo):
    demo.run(
        "Protective grid of the citizen reports (every published cell holds 0 or at least 11 reports)",
        "terridata:protective_grid",
        {
            "INPUT": demo.layer("citizen_reports"),
            "OUTPUT": str(demo.work / "citizen-reports-protective-grid.gpkg"),
            "REPORT_HTML": str(demo.work / "risk-report-protective-grid.html"),
            "REPORT_JSON": str(demo.work / "risk-report-protective-grid.json"),
        },
    )


def council_map(demo):
    demo.run(
        "Map of mean NO2 per commune, ready for the council",
        "terridata:export_council_map",
        {
            "INPUT": demo.written("no2_mean_per_commune"),
            "FIELD": "no2_mean",
            "TITLE": "Dioxyde d'azote : moyenne du 16 mars au 12 avril 2026",
            "SUBTITLE": "Communes de l'Essonne, capteurs du réseau (données synthétiques de démonstration)",
            "LEGEND_TITLE": "NO2 (µg/m³)",
            "CREDITS": say(
                demo.language, "IGN ADMIN EXPRESS COG; INSEE COG 2024; synthetic sensor network (TerriData sample)"
            ),
            "OUTPUT": str(demo.work / "map-no2-per-commune.png"),
        },
    )


def communes_with_epci(demo):
    demo.run(
        "Communes with their EPCI (COG 2024) and their population density",
        "terridata:add_territorial_hierarchy",
        {
            "INPUT": demo.layer("communes"),
            "CODE_FIELD": "code",
            "VINTAGE": str(COG_VINTAGE),  # an enum of vintages: its name
            "OUTPUT": demo.out_layer("communes_hierarchy"),
        },
    )
    demo.run(
        "Population density per commune (inhabitants per km²)",
        "native:fieldcalculator",
        {
            "INPUT": demo.written("communes_hierarchy"),
            "FIELD_NAME": "densite_2021",
            "FIELD_TYPE": 0,  # decimal number
            "FIELD_LENGTH": 12,
            "FIELD_PRECISION": 1,
            "FORMULA": '"population_2021" / "superficie_km2"',
            "OUTPUT": demo.out_layer("communes_density"),
        },
    )


def _aggregate(name, expression, kind, field_type, length=0):
    return {
        "aggregate": kind,
        "delimiter": ",",
        "input": expression,
        "length": length,
        "name": name,
        "precision": 0,
        "type": field_type,
    }


def epci_territories(demo):
    text, integer, decimal = 10, 2, 6  # QVariant types
    demo.run(
        "EPCI boundaries and totals from their communes",
        "native:aggregate",
        {
            "INPUT": demo.written("communes_density"),
            "GROUP_BY": '"epci_code"',
            "AGGREGATES": [
                _aggregate("epci_code", '"epci_code"', "first_value", text, 9),
                _aggregate("epci_name", '"epci_name"', "first_value", text, 254),
                _aggregate("communes", '"code"', "count", integer),
                _aggregate("population_2021", '"population_2021"', "sum", integer),
                _aggregate("menages_2021", '"menages_2021"', "sum", integer),
                _aggregate("superficie_km2", '"superficie_km2"', "sum", decimal),
            ],
            "OUTPUT": demo.out_layer("epci"),
        },
    )


def french_density_map(demo):
    demo.run(
        "Map of the population density of the communes (PDF and its QGIS layout template)",
        "terridata:export_map",
        {
            "INPUT": demo.written("communes_density"),
            "KIND": 0,  # choropleth: a density, not a count
            "FIELD": "densite_2021",
            "METHOD": 1,  # natural breaks
            "CLASSES": 6,
            "TITLE": "Densité de population en 2021",
            "SUBTITLE": "Communes de l'Essonne (habitants par km²)",
            "LEGEND_TITLE": "Densité (hab./km²)",
            "AUTHOR": "Démonstration TerriData",
            "CREDITS": "IGN – ADMIN EXPRESS COG, édition 2024; INSEE – recensement de la population 2021",
            "OUTPUT": str(demo.work / "carte-densite-communes.pdf"),
        },
    )


def epci_atlas(demo):
    demo.run(
        "Atlas of the EPCI: one page per EPCI, its communes' density, the other EPCI greyed",
        "terridata:export_atlas",
        {
            "COVERAGE": demo.written("epci"),
            "NAME_FIELD": "epci_name",
            "SORT": '"epci_name"',
            "STATS_FIELDS": ["communes", "population_2021", "menages_2021", "superficie_km2"],
            "STATS_LABELS": "Communes; Population municipale 2021; Ménages 2021; Superficie (km²)",
            "INPUT": demo.written("communes_density"),
            "FIELD": "densite_2021",
            "METHOD": 1,
            "CLASSES": 6,
            "SUBTITLE": "Densité de population des communes en 2021 (habitants par km²)",
            "LEGEND_TITLE": "Densité (hab./km²)",
            "AUTHOR": "Démonstration TerriData",
            "CREDITS": "IGN – ADMIN EXPRESS COG, édition 2024; INSEE – recensement de la population 2021",
            "DPI": 100,
            "OUTPUT": str(demo.work / "atlas-epci.pdf"),
        },
    )


# What the demo prints, in French (``make demo LANG=fr``); the English text is the key.
FRENCH = {
    "Sensor QC of the NO2 network (QARTOD flags per observation)": (
        "Contrôle qualité du réseau NO2 (indicateurs QARTOD par observation)"
    ),
    "Quality report of the sample communes (geometry, partition, codes, completeness)": (
        "Rapport qualité des communes de l’échantillon (géométrie, partition, codes, exhaustivité)"
    ),
    "Daily NO2 per commune (Europe/Paris days, across the daylight-saving change)": (
        "NO2 journalier par commune (jours de Paris, à travers le changement d’heure)"
    ),
    "Locate each NO2 observation at its sensor": "Placer chaque observation de NO2 à son capteur",
    "Mean NO2 per commune over the four weeks": "NO2 moyen par commune sur les quatre semaines",
    "Citizen reports per commune, one column per category": (
        "Signalements citoyens par commune, une colonne par catégorie"
    ),
    "Citizen reports per 200 m INSEE grid cell": "Signalements citoyens par carreau INSEE de 200 m",
    "Roll-up of the communes to their EPCI (COG 2024)": "Agrégation des communes par EPCI (COG 2024)",
    "Anonymised export of the citizen reports (k = 11) with its risk report": (
        "Export anonymisé des signalements citoyens (k = 11) avec son rapport de risques"
    ),
    "Protective grid of the citizen reports (every published cell holds 0 or at least 11 reports)": (
        "Carroyage protecteur des signalements citoyens (chaque carreau publié contient 0 ou au moins 11 signalements)"
    ),
    "Map of mean NO2 per commune, ready for the council": "Carte du NO2 moyen par commune, prête pour le conseil",
    "IGN ADMIN EXPRESS COG; INSEE COG 2024; synthetic sensor network (TerriData sample)": (
        "IGN ADMIN EXPRESS COG ; INSEE COG 2024 ; réseau de capteurs synthétique (échantillon TerriData)"
    ),
    "The anonymised reports as a CSV following their Table Schema, with a validation report": (
        "Les signalements anonymisés en CSV conforme à leur schéma de table, avec un rapport de validation"
    ),
    "Publish them with the risk report (local stand-in for data.gouv.fr)": (
        "Les publier avec le rapport de risques (serveur local qui tient lieu de data.gouv.fr)"
    ),
    "  published: dataset {} with {} resources": "  publié : jeu de données {} avec {} ressources",
    "Communes with their EPCI (COG 2024) and their population density": (
        "Communes avec leur EPCI (COG 2024) et leur densité de population"
    ),
    "Population density per commune (inhabitants per km²)": "Densité de population par commune (habitants par km²)",
    "EPCI boundaries and totals from their communes": "Contours et totaux des EPCI à partir de leurs communes",
    "Map of the population density of the communes (PDF and its QGIS layout template)": (
        "Carte de la densité de population des communes (PDF et son modèle de mise en page QGIS)"
    ),
    "Atlas of the EPCI: one page per EPCI, its communes' density, the other EPCI greyed": (
        "Atlas des EPCI : une page par EPCI, la densité de ses communes, les autres EPCI grisés"
    ),
    "  done in {:.1f} s": "  fait en {:.1f} s",
    "TerriData demo on {} (Essonne: real communes and INSEE statistics, synthetic sensors and citizen reports)": (
        "Démonstration de TerriData sur {} (Essonne : communes et statistiques INSEE réelles, capteurs et "
        "signalements citoyens synthétiques)"
    ),
    "\nAll {} steps done in {:.1f} s. Results in {}:": "\nLes {} étapes sont faites en {:.1f} s. Résultats dans {} :",
}


def say(language: str, text: str, *args) -> str:
    """``text`` in the demo's language (French from :data:`FRENCH`), formatted with ``args`` (decimal comma in
    French)."""
    if language != "fr":
        return text.format(*args) if args else text
    args = [f"{a:.1f}".replace(".", ",") if isinstance(a, float) else a for a in args]
    template = FRENCH.get(text, text).replace("{:.1f}", "{}")
    return template.format(*args) if args else template


STEPS = [
    communes_quality,
    sensor_network_quality,
    daily_no2_per_commune,
    mean_no2_per_commune,
    reports_per_commune,
    reports_per_cell,
    epci_rollup,
    anonymised_reports,
    publish_reports,
    protective_grid,
    council_map,
    communes_with_epci,
    epci_territories,
    french_density_map,
    epci_atlas,
]
