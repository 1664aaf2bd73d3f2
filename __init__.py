"""TerriData QGIS plugin entry point.

Nothing is imported at module level so that the pure-computation modules of the package
(``terridata.core``) can be imported and unit-tested without a QGIS application.
"""


def classFactory(iface):  # noqa: N802 (QGIS API name)
    """Called by QGIS (Desktop and qgis_process) to create the plugin; ``iface`` is None headless."""
    from .plugin import TerriDataPlugin

    return TerriDataPlugin(iface)
