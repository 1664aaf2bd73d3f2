"""Fast aggregation on numpy arrays: points in polygons, grouped statistics, time buckets and territorial roll-ups.

Pure computation (numpy, standard library): no ``qgis`` import, tested in ``tests/unit``.

- :mod:`.geometry`: WKB (from OGR or QGIS) to flat coordinate arrays.
- :mod:`.pip`: vectorised assignment of points to polygons (label raster + exact crossing-number test).
- :mod:`.stats`: grouped statistics (count, sum, mean, median, min, max, std, percentiles, categories).
- :mod:`.timebuckets`: 15 min / hour / day / ISO week / month buckets in Europe/Paris local time.
- :mod:`.rollup`: commune → EPCI / département / région totals and weighted means.
"""

from .geometry import PolygonSet, parse_point_wkb, parse_polygon_wkb
from .pip import ZoneIndex, assign_points
from .stats import grouped_statistics, parse_statistics

__all__ = [
    "PolygonSet",
    "ZoneIndex",
    "assign_points",
    "grouped_statistics",
    "parse_point_wkb",
    "parse_polygon_wkb",
    "parse_statistics",
]
