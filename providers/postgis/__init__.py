"""PostgreSQL/PostGIS as a place where TerriData's computations run (the "database engine").

:mod:`.connection` reads a QGIS ``postgres`` layer's table and connection, and runs SQL through QGIS's own
provider connection (saved connections and authentication configurations apply; cancelling the QgsFeedback
cancels the statement on the server). The SQL itself is built in :mod:`terridata.core.aggregation.pushdown_sql`.
"""
