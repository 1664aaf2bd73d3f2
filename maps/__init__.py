"""Map making: layouts for council meetings (QGIS glue, no Processing)."""
