"""Base class of every TerriData Processing algorithm.

It gives each algorithm the same identity rules (stable lowercase ``NAME``, translated display name and group),
its help from ``resources/help/<name>.md``, and helpers for what every algorithm needs: styling a layer output when
it is loaded, and reporting errors in words a GIS technician understands.
"""

from typing import Optional

from qgis.core import (
    QgsGraduatedSymbolRenderer,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingLayerPostProcessorInterface,
    QgsVectorLayer,
    QgsVectorLayerTemporalProperties,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP
from qgis.PyQt.QtGui import QIcon

from ..__about__ import DIR_PLUGIN_ROOT, __icon_path__, __uri_homepage__
from ..maps.styling import apply_graduated
from ..providers.layer_metadata import apply_source_metadata, restore_attribution_property
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

    def on_load(
        self,
        context: QgsProcessingContext,
        layer_id: str,
        style: str = "",
        graduated_field: str = "",
        source=None,
        temporal: Optional[tuple] = None,
    ) -> None:
        """Decorate the output ``layer_id`` when QGIS loads it (toolbox, modeler; nothing to do headless).

        ``style``: ``resources/styles/<style>.qml``; a graduated style in it gets its classes computed on the real
        values. ``graduated_field``: classify that field instead (see ``maps.styling``). ``source``: a dataset (or
        dict) whose licence and attribution go into the layer metadata (``providers.layer_metadata``); attribution
        saved inside a GeoPackage is restored either way. ``temporal``: ``(start_field, end_field)`` so that the
        Temporal Controller animates the layer.
        """
        if not context.willLoadLayerOnCompletion(layer_id):
            return
        processor = _OnLoad(style, graduated_field, source, temporal)
        # QGIS does not own Python post-processors and the algorithm instance may be gone when the layer loads.
        _LIVE_POST_PROCESSORS[layer_id] = processor
        context.layerToLoadOnCompletionDetails(layer_id).setPostProcessor(processor)


_LIVE_POST_PROCESSORS = {}


class _OnLoad(QgsProcessingLayerPostProcessorInterface):
    def __init__(self, style: str, graduated_field: str, source, temporal):
        super().__init__()
        self.style, self.graduated_field, self.source, self.temporal = style, graduated_field, source, temporal

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        decorate_layer(layer, self.style, self.graduated_field, self.source, self.temporal)


def decorate_layer(layer, style: str = "", graduated_field: str = "", source=None, temporal=None) -> None:
    """What :meth:`TerriDataAlgorithm.on_load` does to a loaded output (public for tests and the GUI)."""
    if not isinstance(layer, QgsVectorLayer):
        return
    qml = STYLES_DIR / f"{style}.qml"
    if style and qml.exists():
        layer.loadNamedStyle(str(qml))
    renderer = layer.renderer()
    graduated = isinstance(renderer, QgsGraduatedSymbolRenderer)
    field = graduated_field or (renderer.classAttribute() if graduated else "")
    if field and layer.isSpatial() and layer.fields().indexOf(field) >= 0:
        apply_graduated(layer, field, symbol=renderer.sourceSymbol().clone() if graduated else None)
    if source is not None:
        apply_source_metadata(layer, source)
    restore_attribution_property(layer)
    if temporal:
        set_temporal(layer, *temporal)
    layer.triggerRepaint()


def set_temporal(layer: QgsVectorLayer, start_field: str, end_field: str) -> None:
    """Make the Temporal Controller animate ``layer`` by its ``[start, end)`` date-time fields."""
    properties = layer.temporalProperties()
    properties.setIsActive(True)
    properties.setMode(QgsVectorLayerTemporalProperties.ModeFeatureDateTimeStartAndEndFromFields)
    properties.setStartField(start_field)
    properties.setEndField(end_field)
