"""Pure computation, importable and testable without QGIS (standard library, numpy, pandas only)."""
