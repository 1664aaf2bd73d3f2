"""Data quality rules (pure computation, no QGIS): geometry arrays, attributes, territorial codes, Table Schema,
QARTOD sensor tests, and the report model with its JSON (Frictionless style) and HTML renderings.

The rules and thresholds follow ../shared/docs/privacy-and-quality.md ("Data quality").
"""
