"""Base class of every TerriData Processing algorithm.

It gives each algorithm the same identity rules (stable lowercase ``NAME``, translated display name and group),
its help from ``resources/help/<name>.md``, and helpers for what every algorithm needs: styling a layer output when
it is loaded, and reporting errors in words a GIS technician understands.
"""

from pathlib import Path

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingLayerPostProcessorInterface,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP
from qgis.PyQt.QtGui import QIcon

from ..__about__ import DIR_PLUGIN_ROOT, __icon_path__, __uri_homepage__
from ..toolbelt.i18n import tr

HELP_DIR = DIR_PLUGIN_ROOT / "resources" / "help"
STYLES_DIR = DIR_PLUGIN_ROOT / "resources" / "styles"


class TerriDataAlgorithm(QgsProcessingAlgorithm):
    """Subclasses set ``NAME`` (never renamed), ``DISPLAY_NAME`` and ``GROUP`` (English, translated here)."""

    NAME = ""
    DISPLAY_NAME = ""  # wrapped in QT_TRANSLATE_NOOP("TerriData", ...) so that pylupdate5 collects it
    GROUP = ""  # one of GROUPS' keys

    # QT_TRANSLATE_NOOP marks the strings for pylupdate5; they are translated when displayed.
    GROUPS = {
        "data": QT_TRANSLATE_NOOP("TerriData", "Load data"),
        "territories": QT_TRANSLATE_NOOP("TerriData", "Territorial codes"),
        "aggregation": QT_TRANSLATE_NOOP("TerriData", "Aggregation"),
        "quality": QT_TRANSLATE_NOOP("TerriData", "Quality"),
        "privacy": QT_TRANSLATE_NOOP("TerriData", "Confidentiality and anonymisation"),
        "maps": QT_TRANSLATE_NOOP("TerriData", "Maps"),
    }

    def createInstance(self):  # noqa: N802
        return type(self)()

    def name(self) -> str:
        return self.NAME

    def displayName(self) -> str:  # noqa: N802
        return tr(self.DISPLAY_NAME)

    def group(self) -> str:
        return tr(self.GROUPS[self.GROUP])

    def groupId(self) -> str:  # noqa: N802
        return self.GROUP

    def icon(self) -> QIcon:
        return QIcon(str(__icon_path__))

    def helpUrl(self) -> str:  # noqa: N802
        return f"{__uri_homepage__}/blob/main/resources/help/{self.NAME}.md"

    def shortHelpString(self) -> str:  # noqa: N802
        """The algorithm's help file (Markdown kept simple, shown as text in the Processing dialog)."""
        path = HELP_DIR / f"{self.NAME}.md"
        if not path.exists():
            return ""
        text = path.read_text(encoding="utf-8")
        return "<br>".join(line for line in text.splitlines())

    def tr(self, message: str, *args) -> str:
        return tr(message, *args)

    def style_output_on_load(self, context: QgsProcessingContext, layer_id: str, style_name: str) -> None:
        """Apply ``resources/styles/<style_name>.qml`` when QGIS loads the output ``layer_id``."""
        if not context.willLoadLayerOnCompletion(layer_id):
            return
        processor = _StyleOnLoad(STYLES_DIR / f"{style_name}.qml")
        # QGIS does not own Python post-processors and the algorithm instance may be gone when the layer loads.
        _LIVE_POST_PROCESSORS[layer_id] = processor
        context.layerToLoadOnCompletionDetails(layer_id).setPostProcessor(processor)


_LIVE_POST_PROCESSORS = {}


class _StyleOnLoad(QgsProcessingLayerPostProcessorInterface):
    def __init__(self, qml_path: Path):
        super().__init__()
        self.qml_path = qml_path

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        if isinstance(layer, QgsVectorLayer) and self.qml_path.exists():
            layer.loadNamedStyle(str(self.qml_path))
            layer.triggerRepaint()
