"""Open data publication, pure parts: schema rules beyond the quality report's Table Schema check (formats, SIRET
and SIREN keys, COG commune codes, foreign keys), the CSV a schema wants, the privacy gate and the data.gouv.fr
payloads. No QGIS import."""
