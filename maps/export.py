"""Export a layout to PDF, PNG or SVG together with its ``.qpt`` template (both committed together or neither),
and hand the layout to QGIS Desktop's layout manager so the planner can finish it in the layout designer."""

from pathlib import Path

from qgis.core import Qgis, QgsLayoutExporter, QgsReadWriteContext

from ..toolbelt.atomic import atomic_outputs
from ..toolbelt.i18n import tr

FORMATS = (".pdf", ".png", ".svg")


def template_path(target) -> Path:
    """The ``.qpt`` saved beside the map: ``map.pdf`` → ``map.qpt``."""
    return Path(target).with_suffix(".qpt")


def export_page(layout, target, dpi: int = 150) -> None:
    """Export ``layout`` to ``target`` in the format of its extension (PDF, PNG or SVG)."""
    target = Path(target)
    exporter = QgsLayoutExporter(layout)
    suffix = target.suffix.lower()
    if suffix == ".pdf":
        settings = QgsLayoutExporter.PdfExportSettings()
        settings.dpi = dpi
        settings.rasterizeWholeImage = False
        settings.textRenderFormat = Qgis.TextRenderFormat.AlwaysText  # text a reader can search and copy
        result = exporter.exportToPdf(str(target), settings)
    elif suffix == ".svg":
        settings = QgsLayoutExporter.SvgExportSettings()
        settings.dpi = dpi
        settings.textRenderFormat = Qgis.TextRenderFormat.AlwaysText
        settings.exportMetadata = False
        result = exporter.exportToSvg(str(target), settings)
    elif suffix == ".png":
        settings = QgsLayoutExporter.ImageExportSettings()
        settings.dpi = dpi
        settings.exportMetadata = False  # GDAL cannot add it to a PNG in place (noisy "ERROR 6")
        result = exporter.exportToImage(str(target), settings)
    else:
        raise ValueError(tr("The map file must end in .pdf, .png or .svg (got {}).", target.name))
    if result != QgsLayoutExporter.Success:
        raise RuntimeError(tr("QGIS could not export the map to {} (error {}).", target, int(result)))


def save_template(layout, target) -> None:
    if not layout.saveAsTemplate(str(target), QgsReadWriteContext()):
        raise RuntimeError(tr("QGIS could not save the layout template {}.", target))


def export_with_template(layout, target, dpi: int = 150) -> tuple:
    """Write the map and its template atomically together; returns (map path, template path)."""
    target = Path(target)
    template = template_path(target)
    with atomic_outputs([target, template]) as (tmp_map, tmp_template):
        export_page(layout, tmp_map, dpi)
        save_template(layout, tmp_template)
    return target, template


def add_to_layout_manager(layout, project) -> str:
    """Add ``layout`` to ``project``'s layout manager under a name not taken yet; returns the name."""
    manager = project.layoutManager()
    base = layout.name() or tr("TerriData map")
    name, number = base, 2
    while manager.layoutByName(name) is not None:
        name, number = f"{base} ({number})", number + 1
    layout.setName(name)
    manager.addLayout(layout)
    return name


def desktop_iface():
    """QGIS Desktop's interface, or ``None`` (qgis_process, scripts)."""
    try:
        from qgis.utils import iface
    except ImportError:  # pragma: no cover - qgis.utils always exists with PyQGIS
        return None
    return iface
