"""The layer chooser of ``ign_download`` and ``ign_basemap`` in the Processing dialogs (toolbox, batch, modeler).

A searchable combo box: titles in the interface language with the layer name (``Bâtiments (BD TOPO) —
BDTOPO_V3:batiment``), the curated layers first, then every layer of the capabilities; typing filters the list
(any part of the title or the name, accents as typed) and a name that is not listed can be typed as is. The value
is the layer name, so what the dialog stores does not depend on the language.

When the dialog opens, the list shows what is in memory and a ``QgsTask`` fills it: from the network layer's cache
first, else through the network (the capabilities of the Géoplateforme are over 2 MB). The dialog never waits: the
items are added when the task ends, and a failed fetch leaves the curated list and the typed name.
"""

from __future__ import annotations

from qgis.core import QgsApplication, QgsFeedback, QgsTask
from qgis.PyQt import sip
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QComboBox, QCompleter

from ..providers.ign import layer_choices
from ..toolbelt.i18n import interface_language, tr
from ..toolbelt.logger import PlgLogger

try:  # the Processing plugin's Python widget wrappers (QGIS 3.x)
    from processing.gui.wrappers import WidgetWrapper
except ImportError:  # pragma: no cover - without them QGIS shows its own enum widget (layer names only)
    WidgetWrapper = object

_RUNNING = {}  # list kind -> the task filling it (one at a time, shared by the open dialogs)


def item_text(dataset, lang: str) -> str:
    title = dataset.title_in(lang)
    return f"{title} — {dataset.id}" if title and title != dataset.id else dataset.id


def start_refresh(kind: str, on_done=None):
    """The task filling the list ``kind`` (a running one is reused); ``on_done(errors)`` on the GUI thread."""
    task = _RUNNING.get(kind)
    if task is None or sip.isdeleted(task):
        feedback = QgsFeedback()

        def run(_task):
            if layer_choices.load_cached(kind):
                return []
            return layer_choices.refresh(kind, feedback)

        def finished(exception, errors=None):
            _RUNNING.pop(kind, None)
            problems = [str(exception)] if exception is not None else list(errors or [])
            for problem in problems:
                PlgLogger.log(tr("The list of IGN layers is incomplete: {}", problem), "warning")
            for callback in task.callbacks:
                callback(problems)

        task = QgsTask.fromFunction(tr("TerriData: list the IGN layers"), run, on_finished=finished)
        task.callbacks = []
        task.feedback = feedback
        _RUNNING[kind] = task
        QgsApplication.taskManager().addTask(task)
    if on_done is not None:
        task.callbacks.append(on_done)
    return task


class LayerCombo(QComboBox):
    """Editable combo box of the layers of one list kind; :meth:`value` is a layer name."""

    def __init__(self, kind: str, parent=None):
        super().__init__(parent)
        self.kind = kind
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(20)
        self.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(40)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.PopupCompletion)
        self.setCompleter(completer)
        self.lineEdit().setPlaceholderText(tr("Type to search the layers, or a layer name"))
        self.fill()

    def fill(self) -> None:
        current = self.value()
        lang = interface_language()
        datasets = layer_choices.choices(self.kind)
        self.blockSignals(True)
        self.clear()
        for dataset in datasets:
            self.addItem(item_text(dataset, lang), dataset.id)
            tip = dataset.description.get(lang) if dataset.description else ""
            if tip:
                self.setItemData(self.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        curated = sum(1 for ds in datasets if ds.curated)
        if 0 < curated < len(datasets):
            self.insertSeparator(curated)
        self.blockSignals(False)
        self.set_value(current or (datasets[0].id if datasets else ""))

    def value(self) -> str:
        text = self.currentText().strip()
        index = self.findText(text)
        if index >= 0 and self.itemData(index):
            return str(self.itemData(index))
        if " — " in text:  # an item's text edited a little: keep the name part
            return text.rsplit(" — ", 1)[1].strip()
        return text

    def set_value(self, value) -> None:
        if isinstance(value, (list, tuple)):
            value = value[0] if value else ""
        if isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit()):
            names = [self.itemData(i) for i in range(self.count()) if self.itemData(i)]
            number = int(value)
            value = names[number] if 0 <= number < len(names) else str(value)
        text = str(value or "").strip()
        index = self.findData(text)
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(text)


class IgnLayerChoiceWrapper(WidgetWrapper):
    """Processing widget wrapper (``widget_wrapper`` metadata of the layer parameter, with ``kind``)."""

    def createWidget(self, kind: str = layer_choices.VECTOR):  # noqa: N802
        combo = LayerCombo(kind)
        if not layer_choices.is_loaded(kind):

            def refill(_problems, combo=combo):
                if not sip.isdeleted(combo):
                    combo.fill()

            start_refresh(kind, refill)
        return combo

    def setValue(self, value):  # noqa: N802
        if value is not None:
            self.widget.set_value(value)

    def value(self):
        return self.widget.value()
