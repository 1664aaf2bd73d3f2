"""Grid heat map: the INSEE 200 m or 1 km cells coloured by class, without outlines (cells of equal area, so a
count per cell is a density and needs no warning)."""

from qgis.core import QgsFeatureRequest, QgsFillSymbol

from ..toolbelt.i18n import tr
from .classified import Classified, ClassSpec, classified_renderer

INSEE_CELL_SIZES = (200, 1000)


def cell_size(layer) -> int:
    """The side of the grid's square cells in metres (200 or 1000 for the INSEE grids, rounded otherwise; 0 when
    the cells are not squares in a metric CRS)."""
    if layer.crs().isGeographic():
        return 0
    for feature in layer.getFeatures(QgsFeatureRequest().setNoAttributes().setLimit(5)):
        box = feature.geometry().boundingBox()
        if box.isEmpty():
            continue
        width, height = box.width(), box.height()
        if abs(width - height) > 0.01 * max(width, height):
            return 0
        return int(round(width))
    return 0


def style_grid(layer, spec: ClassSpec) -> Classified:
    size = cell_size(layer)
    symbol = QgsFillSymbol.createSimple({"outline_style": "no"})  # no outline between cells
    classified = classified_renderer(layer, spec, symbol)
    if size and size not in INSEE_CELL_SIZES:
        classified.warnings.append(
            tr("The cells of {} measure {} m: not an INSEE grid (200 m or 1 km).", layer.name(), size)
        )
    layer.setRenderer(classified.renderer)
    layer.triggerRepaint()
    return classified


def grid_caption(layer) -> str:
    size = cell_size(layer)
    if size >= 1000:
        return tr("{} km grid cells", f"{size / 1000:g}")
    return tr("{} m grid cells", size) if size else ""
