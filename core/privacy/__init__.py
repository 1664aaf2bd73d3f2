"""Disclosure control for TerriData's anonymised exports (pure computation: stdlib, numpy, pandas; no ``qgis``).

Modules:
- :mod:`.identifiers`: detection of direct identifiers (names, e-mails, French phone numbers, NIR, IBAN, precise
  addresses) in fields and free text, and redaction of free text;
- :mod:`.generalise`: generalisation hierarchies (age bands, dates, commune → EPCI → département, grid cells);
- :mod:`.kanonymity`: k-anonymity and l-diversity with a suppression budget, least generalisation first;
- :mod:`.pseudonym`: keyed HMAC-SHA-256 pseudonymisation (pseudonymised data is still personal data);
- :mod:`.cell_suppression`: primary (frequency, dominance) and secondary cell suppression of aggregate tables;
- :mod:`.protective_grid`: INSEE "natural level" quadtree grid in EPSG:3035;
- :mod:`.geomask`: donut geomasking with spatial k-anonymity measured on a reference population;
- :mod:`.report`: the risk report model, written as JSON and as a self-contained HTML page.

The rules and thresholds follow ``privacy-and-quality.md`` (INSEE statistical confidentiality, CNIL/WP29 criteria).
"""
