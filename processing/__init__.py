"""The TerriData Processing provider and its algorithms (QGIS glue around ``core`` and ``providers``)."""
