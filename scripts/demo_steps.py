"""The steps of ``make demo``, in order: each takes the running :class:`demo.Demo` and runs TerriData algorithms.

Every layer goes into ``terridata-demo.gpkg``; reports and the map are files beside it.
"""

COG_VINTAGE = 2024  # the sample's communes are coded in the COG 2024


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
    protective_grid,
    council_map,
]
