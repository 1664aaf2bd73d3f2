"""The official geographic code (COG): referential of vintages, snapshot, code harmonisation (no ``qgis`` import)."""

from .referential import CogReferential, VintageTables, default_referential

__all__ = ["CogReferential", "VintageTables", "default_referential"]
