"""Base class of every TerriData Processing algorithm.

It gives each algorithm the same identity rules (stable lowercase ``NAME``, translated display name and group),
its help from ``resources/help/<lang>/<name>.md`` (rendered by :mod:`core.help_markdown`, in the interface
language), and what every algorithm needs without writing it again:

- **Output guards** (:mod:`.output_checks`): ``checkParameterValues`` refuses, before any work, an output that
  would overwrite an input, two outputs at one path, an extension QGIS would change, and a folder that cannot be
  written. Algorithms that override ``checkParameterValues`` call ``super()`` first, as they already do.
- **Enum choices by number or by name** (:mod:`.enum_choices`): every enum parameter accepts both, in
  qgis_process, ``processing.run`` and models. Each subclass's ``checkParameterValues``, ``prepareAlgorithm`` and
  ``processAlgorithm`` is wrapped (in ``__init_subclass__``) so that it receives the parameters with enum values
  in the form the parameter stores; nothing to declare in the algorithm.
- **One way to stop on cancel**: :meth:`TerriDataAlgorithm.check_cancelled` raises a ``QgsProcessingException``
  ("Cancelled: … stopped before the end …"): a cancelled run is a failed run everywhere (red in the log, exit code
  1 in qgis_process, a model stops), and outputs committed with ``toolbelt.atomic`` are left as they were. A
  ``processAlgorithm`` that returns (``return {}``) or raises its own message after a cancel is reported the same
  way by the wrapper, and the layer files the failed run's sinks created are removed.
- **Atomic database outputs** (:mod:`.database_output`): a layer output saved to a PostgreSQL table is written
  into a temporary table and renamed to its name only when the run succeeded (dropped when it failed or was
  cancelled): ``self.parameterAsSink`` does it, nothing to write in the algorithm.
- **Styled, credited outputs**: :meth:`TerriDataAlgorithm.on_load` styles and credits a layer output when QGIS
  loads it, and saves the style (as default) and the licence/attribution into the GeoPackage the output was written
  to, so that the file opened later in another QGIS session is styled and credited too.
"""

import functools
import os
from typing import Optional

from qgis.core import (
    QgsGraduatedSymbolRenderer,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
    QgsVectorLayer,
    QgsVectorLayerTemporalProperties,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP
from qgis.PyQt.QtGui import QIcon

from ..__about__ import DIR_PLUGIN_ROOT, __icon_path__
from ..core import help_markdown
from ..maps.styling import apply_graduated, save_default_style
from ..providers.layer_metadata import (
    apply_source_metadata,
    gpkg_layer_names,
    restore_attribution_property,
    save_layer_metadata,
)
from ..toolbelt.i18n import interface_language, tr
from .database_output import DatabaseOutputs, input_replaced
from .enum_choices import enum_help, enum_problem, normalise_parameters
from .output_checks import check_outputs, create_output_folders, output_files, remove_files

HELP_DIR = DIR_PLUGIN_ROOT / "resources" / "help"
HELP_HTML_DIR = HELP_DIR / "html"  # built by scripts/build_help.py at package time
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
        "opendata": QT_TRANSLATE_NOOP("TerriData", "Open data publication"),
    }

    def __init_subclass__(cls, **kwargs):
        """Wrap the subclass's own parameter-reading methods so they receive normalised enum values (see the
        module docstring); a method the subclass does not define is the base class's, normalised already."""
        super().__init_subclass__(**kwargs)
        for name, wrap in _WRAPPERS.items():
            method = cls.__dict__.get(name)
            if method is not None and not getattr(method, "_terridata_wrapped", False):
                setattr(cls, name, wrap(method))

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
        """The algorithm's complete help page in the installed plugin (offline), in the interface language."""
        return help_url(self.NAME)

    def shortHelpString(self) -> str:  # noqa: N802
        """The algorithm's help (``resources/help/<lang>/<name>.md`` rendered to HTML, parameter names in bold),
        then the numbered choices of its enum parameters (what qgis_process and processing.run accept)."""
        names = [p.name() for p in self.parameterDefinitions()] + [o.name() for o in self.outputDefinitions()]
        path = help_markdown_path(self.NAME)
        text = path.read_text(encoding="utf-8") if path is not None else ""
        html = help_markdown.to_html(text, names)
        choices = enum_help(self)
        if choices:
            first, *lines = choices.splitlines()
            items = "".join(f"<li>{help_markdown.inline(line, names)}</li>" for line in lines)
            html += f"<p>{help_markdown.inline(first)}</p><ul>{items}</ul>"
        return html

    def tr(self, message: str, *args) -> str:
        return tr(message, *args)

    # ------------------------------------------------------------------------------------------- parameters
    def checkParameterValues(self, parameters, context):  # noqa: N802
        """Enum choices and output guards first (they need no other parameter), then QGIS's own checks."""
        parameters = normalise_parameters(self, parameters)
        problem = enum_problem(self, parameters) or check_outputs(self, parameters, context)
        problem = problem or input_replaced(self, parameters, context)
        if problem:
            return False, problem
        return super().checkParameterValues(parameters, context)

    def preprocessParameters(self, parameters):  # noqa: N802
        """Called by the Processing dialog (QGIS ≥ 3.22) with what the user entered."""
        return normalise_parameters(self, parameters)

    def check_cancelled(self, feedback) -> None:
        """Stop the run when the user cancelled it: raise a ``QgsProcessingException`` with a translated message.

        TerriData's one way to cancel (never ``return {}``): a cancelled run is reported as failed by the dialog,
        qgis_process and models, so no later step uses outputs that were not finished.
        """
        if feedback is not None and feedback.isCanceled():
            raise QgsProcessingException(cancelled_message(self.displayName()))

    # ------------------------------------------------------------------------------------------------ outputs
    def parameterAsSink(self, parameters, name, context, *args, **kwargs):  # noqa: N802
        """QGIS's ``parameterAsSink``; a PostgreSQL table output is written atomically (:mod:`.database_output`:
        committed by the run wrapper after success, dropped after a failure)."""

        def make_sink(changed):
            return super(TerriDataAlgorithm, self).parameterAsSink(changed, name, context, *args, **kwargs)

        outputs = self.__dict__.setdefault("_terridata_database_outputs", DatabaseOutputs())
        made = outputs.create_sink(make_sink, parameters, name, context)
        return made if made is not None else make_sink(parameters)

    def on_load(
        self,
        context: QgsProcessingContext,
        layer_id: str,
        style: str = "",
        graduated_field: str = "",
        source=None,
        temporal: Optional[tuple] = None,
        values: Optional[dict] = None,
    ) -> None:
        """Decorate the output ``layer_id`` (style, licence and attribution, time).

        When QGIS loads the layer (toolbox, modeler), the loaded layer is decorated. When the output is a
        GeoPackage file, the style is also saved in it as the default style (``layer_styles``) and the licence and
        attribution in its layer metadata, at the end of the run (:meth:`postProcessAlgorithm`), so the file opened
        later in any QGIS (e.g. after qgis_process or ``make demo``) is styled and credited.

        ``style``: ``resources/styles/<style>.qml``; a graduated style in it gets its classes computed on the real
        values. ``graduated_field``: classify that field instead (see ``maps.styling``). ``source``: a dataset (or
        dict) whose licence and attribution go into the layer metadata (``providers.layer_metadata``); attribution
        saved inside a GeoPackage is restored either way. ``temporal``: ``(start_field, end_field)`` so that the
        Temporal Controller animates the layer. ``values``: ``{field: list of its values in the output}`` when the
        algorithm has them at hand, so the graduated classes are computed from them rather than by reading every
        feature of the output back (used only when the layer has exactly that many features).
        """
        decoration = _Decoration(style, graduated_field, source, temporal, values)
        if is_geopackage_output(layer_id):
            self.__dict__.setdefault("_terridata_saved_outputs", {})[layer_id] = decoration
        if not context.willLoadLayerOnCompletion(layer_id):
            return
        processor = _OnLoad(layer_id, decoration)
        # QGIS does not own Python post-processors and the algorithm instance may be gone when the layer loads:
        # the processor stays referenced here until QGIS has used it (or the run failed, see _run_wrapper).
        _LIVE_POST_PROCESSORS[layer_id] = processor
        self.__dict__.setdefault("_terridata_post_processors", []).append(layer_id)
        context.layerToLoadOnCompletionDetails(layer_id).setPostProcessor(processor)

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802
        """Save the style and the source metadata of GeoPackage outputs into the files (their writers are closed)."""
        for destination, decoration in self.__dict__.pop("_terridata_saved_outputs", {}).items():
            problem = save_into_geopackage(destination, decoration)
            if problem and feedback is not None:
                feedback.reportError(problem, False)
        return {}


def help_languages() -> list:
    """The interface language, then English (the help of every algorithm exists in English)."""
    language = interface_language()
    return [language, "en"] if language != "en" else ["en"]


def help_markdown_path(name: str):
    """``resources/help/<lang>/<name>.md`` in the interface language, else English, else ``None``."""
    for language in help_languages():
        path = HELP_DIR / language / f"{name}.md"
        if path.exists():
            return path
    return None


def help_url(name: str) -> str:
    """``file://`` URL of the algorithm's HTML help page (``resources/help/html/<lang>/<name>.html``, English when
    the interface language has none); in a checkout where the pages are not built, its Markdown file."""
    for language in help_languages():
        page = HELP_HTML_DIR / language / f"{name}.html"
        if page.exists():
            return page.resolve().as_uri()
    path = help_markdown_path(name)
    return path.resolve().as_uri() if path is not None else ""


def cancelled_message(name: str) -> str:
    return tr("Cancelled: {} was stopped before the end (cancelled by the user); its outputs must not be used.", name)


class _Decoration:
    def __init__(self, style: str, graduated_field: str, source, temporal, values=None):
        self.style, self.graduated_field, self.source, self.temporal = style, graduated_field, source, temporal
        self.values = values

    def apply(self, layer) -> None:
        decorate_layer(layer, self.style, self.graduated_field, self.source, self.temporal, self.values)


_LIVE_POST_PROCESSORS = {}


class _OnLoad(QgsProcessingLayerPostProcessorInterface):
    def __init__(self, layer_id: str, decoration: _Decoration):
        super().__init__()
        self.layer_id, self.decoration = layer_id, decoration

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        try:
            self.decoration.apply(layer)
        finally:
            # Used once: released (this frame keeps the object alive until the call returns to QGIS).
            if _LIVE_POST_PROCESSORS.get(self.layer_id) is self:
                del _LIVE_POST_PROCESSORS[self.layer_id]


def _normalising(method):
    @functools.wraps(method)
    def wrapper(self, parameters, *args, **kwargs):
        return method(self, normalise_parameters(self, parameters), *args, **kwargs)

    wrapper._terridata_wrapped = True
    return wrapper


def _run_wrapper(method):
    @functools.wraps(method)
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        parameters = normalise_parameters(self, parameters)
        # The guards again, for callers that run an algorithm without checkParameterValues (alg.run()).
        problem = check_outputs(self, parameters, context) or input_replaced(self, parameters, context)
        if problem:
            raise QgsProcessingException(problem)
        create_output_folders(self, parameters, context)
        new_files = [path for path in output_files(self, parameters, context) if not os.path.lexists(path)]
        try:
            result = method(self, parameters, context, feedback)
            if feedback is not None and feedback.isCanceled():
                # "return {}" on cancel (or a run that ignored it) is a cancelled run like any other.
                raise QgsProcessingException(cancelled_message(self.displayName()))
            database_outputs = self.__dict__.pop("_terridata_database_outputs", None)
            if database_outputs is not None:
                database_outputs.commit(feedback)
            return result
        except BaseException as error:
            database_outputs = self.__dict__.pop("_terridata_database_outputs", None)
            if database_outputs is not None:
                database_outputs.discard(feedback)
            # A failed run loads no layer: release the post-processors it registered, save no style, and remove
            # the layer files this run's sinks created (half-written); files that were there before stay.
            for layer_id in self.__dict__.pop("_terridata_post_processors", []):
                _LIVE_POST_PROCESSORS.pop(layer_id, None)
            self.__dict__.pop("_terridata_saved_outputs", None)
            remove_files(new_files)
            if feedback is not None and feedback.isCanceled() and not _is_cancel_message(error, self):
                raise QgsProcessingException(cancelled_message(self.displayName())) from error
            raise

    processAlgorithm._terridata_wrapped = True
    return processAlgorithm


def _is_cancel_message(error: BaseException, alg) -> bool:
    return isinstance(error, QgsProcessingException) and str(error) == cancelled_message(alg.displayName())


_WRAPPERS = {
    "checkParameterValues": _normalising,
    "prepareAlgorithm": _normalising,
    "processAlgorithm": _run_wrapper,
}


def is_geopackage_output(destination: str) -> bool:
    path = str(destination).partition("|")[0]
    return path.lower().endswith(".gpkg") and os.path.isabs(path)


def save_into_geopackage(destination: str, decoration: _Decoration) -> str:
    """Decorate the layer ``destination`` (``path.gpkg`` or ``path.gpkg|layername=x``) and save its style as the
    default style and its metadata inside the GeoPackage. Returns a translated problem, or ``""``."""
    path = str(destination).partition("|")[0]
    if not os.path.isfile(path):
        return ""
    uri = str(destination)
    if "|" not in uri:  # QGIS names the table after the file; the provider needs the table name to save into it
        names = gpkg_layer_names(path)
        uri = f"{path}|layername={names[0]}" if names else uri
    layer = QgsVectorLayer(uri, os.path.splitext(os.path.basename(path))[0], "ogr")
    if not layer.isValid():
        return tr("The style of {} could not be saved in the GeoPackage: the layer cannot be opened.", destination)
    decoration.apply(layer)
    problems = []
    if decoration.style or decoration.graduated_field or decoration.temporal:
        error = save_default_style(layer)
        if error:
            problems.append(error)
    if decoration.source is not None:
        error = save_layer_metadata(layer)
        if error:
            problems.append(error)
    del layer
    if problems:
        return tr(
            "The style or the source credits of {} could not be saved in the GeoPackage: {}",
            destination,
            "; ".join(problems),
        )
    return ""


def decorate_layer(layer, style: str = "", graduated_field: str = "", source=None, temporal=None, values=None) -> None:
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
        # A graduated style may come without a source symbol (e.g. a layer whose every class is empty).
        symbol = renderer.sourceSymbol() if graduated else None
        known = (values or {}).get(field)
        if known is not None and len(known) != layer.featureCount():
            known = None  # not this layer's values (e.g. a filtered layer): read them from the layer
        apply_graduated(layer, field, symbol=symbol.clone() if symbol is not None else None, values=known)
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
