"""The database engine of TerriData's algorithms: the work runs in PostGIS when every input is a PostGIS layer of
one database (see :mod:`.zones`), and only the results come back to QGIS."""
