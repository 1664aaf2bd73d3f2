"""The "TerriData" dock: search every dataset provider at once, see each result's licence and producer, add it to
the map, open its download algorithm pre-filled, or copy the ``qgis_process`` command.

The search itself is :mod:`.catalogue_search` (one task per source, streamed answers, session cache); the actions
are :mod:`.catalogue_actions`; the territory picker :mod:`.territory_picker`; favourites :mod:`.catalogue_favourites`.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from qgis.gui import QgsDockWidget
from qgis.PyQt import sip, uic
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from qgis.PyQt.QtGui import QBrush, QColor, QFont
from qgis.PyQt.QtWidgets import QApplication, QTreeWidgetItem, QWidget

from ..providers.model import AccessKind, Dataset
from ..providers.registry import registry
from ..toolbelt.i18n import interface_language, tr
from .catalogue_actions import add_to_map, algorithm_parameters, open_algorithm_dialog, qgis_process_command
from .catalogue_favourites import favourites
from .catalogue_search import KINDS, CatalogueSearch, dataset_kind
from .territory_picker import TerritoryPicker, describe

FORM_CLASS, _ = uic.loadUiType(str(Path(__file__).with_name("catalogue_dock.ui")))

DEBOUNCE_MS = 400
COLUMNS = (
    QT_TRANSLATE_NOOP("TerriData", "Provider"),
    QT_TRANSLATE_NOOP("TerriData", "Title"),
    QT_TRANSLATE_NOOP("TerriData", "Producer"),
    QT_TRANSLATE_NOOP("TerriData", "Licence"),
    QT_TRANSLATE_NOOP("TerriData", "Updated"),
    QT_TRANSLATE_NOOP("TerriData", "Formats"),
)
KIND_LABELS = {
    "vector": QT_TRANSLATE_NOOP("TerriData", "Vector"),
    "raster": QT_TRANSLATE_NOOP("TerriData", "Raster / basemap"),
    "statistics": QT_TRANSLATE_NOOP("TerriData", "Statistics"),
    "sensors": QT_TRANSLATE_NOOP("TerriData", "Sensors"),
}
KEY_ROLE = Qt.UserRole + 1
ERROR_COLOUR = QColor("#b00020")


def formats_of(dataset: Dataset) -> str:
    """``"WFS, WMTS"`` or the file formats of a portal's resources (``"csv, geojson"``)."""
    names = []
    for access in dataset.accesses:
        if access.kind in (AccessKind.DOWNLOAD, AccessKind.API):
            names.extend(f for f in access.formats if f)
            if access.kind == AccessKind.API:
                names.append("API")
        else:
            names.append({"oapif": "OGC API Features"}.get(access.kind.value, access.kind.value.upper()))
    return ", ".join(dict.fromkeys(names))


def extent_text(dataset: Dataset) -> str:
    ext = dataset.extent
    if ext is None:
        return ""
    return tr(
        "longitude {} to {}, latitude {} to {} ({})",
        f"{ext.xmin:.3f}",
        f"{ext.xmax:.3f}",
        f"{ext.ymin:.3f}",
        f"{ext.ymax:.3f}",
        ext.crs,
    )


def detail_html(dataset: Dataset, lang: str, source_label: str = "") -> str:
    """The detail pane: description, resources, licence link, extent as text."""
    esc = html.escape
    rows = [f"<h3>{esc(dataset.title_in(lang))}</h3>"]
    facts = [
        (tr("Provider"), source_label or dataset.provider_id),
        (tr("Producer"), dataset.producer),
        (tr("Updated"), dataset.updated),
        (tr("Identifier"), dataset.key),
        (tr("Attribution"), dataset.attribution),
        (tr("Extent"), extent_text(dataset)),
    ]
    rows.append("<table>")
    for label, value in facts:
        if value:
            rows.append(f"<tr><td><b>{esc(label)}</b>&nbsp;</td><td>{esc(value)}</td></tr>")
    if dataset.licence or dataset.licence_url:
        licence = esc(dataset.licence or dataset.licence_url)
        if dataset.licence_url:
            licence = f'<a href="{esc(dataset.licence_url, quote=True)}">{licence}</a>'
        rows.append(f"<tr><td><b>{esc(tr('Licence'))}</b>&nbsp;</td><td>{licence}</td></tr>")
    rows.append("</table>")
    description = dataset.description.get(lang)
    if description:
        text = re.sub(r"<[^>]+>", " ", description)  # portals send HTML or Markdown: shown as plain text
        rows.append(f"<p>{esc(text.strip()[:2000])}</p>")
    if dataset.accesses:
        rows.append(f"<p><b>{esc(tr('Resources'))}</b></p><ul>")
        for access in dataset.accesses[:30]:
            what = access.kind.value.upper()
            name = access.layer or ""
            fmt = ", ".join(access.formats)
            label = " – ".join(x for x in (what, name, fmt) if x)
            rows.append(f"<li>{esc(label)}<br/><small>{esc(access.url)}</small></li>")
        rows.append("</ul>")
    return "".join(rows)


class CatalogueDock(QgsDockWidget):
    """The TerriData dock widget (object name ``TerriDataCatalogueDock``)."""

    def __init__(self, iface, parent=None, search: CatalogueSearch | None = None):
        super().__init__(parent)
        self.iface = iface
        self.setObjectName("TerriDataCatalogueDock")
        self.setWindowTitle(tr("TerriData"))
        self.ui = FORM_CLASS()
        self.contents = QWidget(self)
        self.ui.setupUi(self.contents)
        self.setWidget(self.contents)
        self.lang = interface_language()
        self.search = search or CatalogueSearch(self)
        self.results = {}  # source id -> [Dataset]
        self.errors = {}  # source id -> message of a failed source
        self.warnings = {}  # source id -> what a source could not read (its other results listed)
        self.datasets = {}  # key -> Dataset shown
        self.held_tasks = set()
        self.last_dialog = None
        self.last_message = ""
        self.query = ""
        self._labels = {}

        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self.start_search)

        self.picker = TerritoryPicker(self.ui.territory_edit, self)
        self._territory_loaded = False
        self._retranslate()
        self._connect()

    def showEvent(self, event):  # noqa: N802
        """The territory (and the COG name index) is loaded when the dock is first shown, not at QGIS's start."""
        if not self._territory_loaded:
            self._territory_loaded = True
            self.picker.warm_up()
            self.picker.load()
            self._update_territory_check()
        super().showEvent(event)

    # --- setup -----------------------------------------------------------------------------------------------
    def _retranslate(self) -> None:
        ui = self.ui
        ui.search_edit.setPlaceholderText(tr("Search every provider (e.g. bâtiments, population, eau)"))
        ui.cancel_button.setText(tr("Cancel"))
        ui.cancel_button.setToolTip(tr("Stop the searches still running"))
        ui.territory_label.setText(tr("My territory"))
        ui.territory_check.setText(tr("Only my territory"))
        ui.territory_check.setToolTip(tr("Send your territory to the portals that can filter on it"))
        ui.add_button.setText(tr("Add to map"))
        ui.download_button.setText(tr("Download…"))
        ui.copy_button.setText(tr("Copy as qgis_process command"))
        ui.favourite_button.setText("☆")
        ui.favourite_button.setToolTip(tr("Add to (or remove from) your favourite datasets"))
        ui.results_tree.setColumnCount(len(COLUMNS))
        ui.results_tree.setHeaderLabels([tr(c) for c in COLUMNS])
        ui.provider_combo.clear()
        ui.provider_combo.addItem(tr("All providers"), "")
        for provider in registry().providers():
            ui.provider_combo.addItem(tr(provider.name or provider.id), provider.id)
        ui.kind_combo.clear()
        ui.kind_combo.addItem(tr("All kinds"), "")
        for kind in KINDS:
            ui.kind_combo.addItem(tr(KIND_LABELS[kind]), kind)
        ui.detail_browser.setPlaceholderText(tr("Select a result to see its description, resources and licence."))

    def _connect(self) -> None:
        ui = self.ui
        ui.search_edit.textEdited.connect(lambda _text: self.debounce.start())
        ui.search_edit.returnPressed.connect(self.start_search)
        ui.cancel_button.clicked.connect(self.cancel_search)
        ui.provider_combo.currentIndexChanged.connect(lambda _i: self.refresh_results())
        ui.kind_combo.currentIndexChanged.connect(lambda _i: self.refresh_results())
        ui.territory_check.toggled.connect(lambda _on: self.start_search() if self.query else None)
        ui.results_tree.currentItemChanged.connect(lambda *_: self._show_selected())
        ui.add_button.clicked.connect(self.add_selected_to_map)
        ui.download_button.clicked.connect(self.download_selected)
        ui.copy_button.clicked.connect(self.copy_selected_command)
        ui.favourite_button.toggled.connect(self._toggle_favourite)
        self.picker.territoryChanged.connect(self._territory_changed)
        self.search.sourceAnswered.connect(self._source_answered)
        self.search.sourceFailed.connect(self._source_failed)
        self.search.searchFinished.connect(self._update_status)

    # --- territory ---------------------------------------------------------------------------------------------
    def territory(self):
        """The user's territory (None when none is chosen)."""
        return self.picker.current

    def territory_filter(self):
        """The territory searches and downloads are restricted to (None when "Only my territory" is off)."""
        if self.picker.current is not None and self.ui.territory_check.isChecked():
            return self.picker.current
        return None

    def _update_territory_check(self) -> None:
        has = self.picker.current is not None
        self.ui.territory_check.setEnabled(has)
        self.ui.territory_check.blockSignals(True)
        self.ui.territory_check.setChecked(has)
        self.ui.territory_check.blockSignals(False)

    def _territory_changed(self, _match) -> None:
        self._update_territory_check()
        if self.query:
            self.start_search()

    # --- search ------------------------------------------------------------------------------------------------
    def set_query(self, text: str) -> None:
        """Type ``text`` in the search box (the search starts after the debounce delay)."""
        self.ui.search_edit.setText(text)
        self.ui.search_edit.textEdited.emit(text)

    def start_search(self) -> None:
        self.debounce.stop()
        self.query = self.ui.search_edit.text().strip()
        self.results, self.errors, self.warnings = {}, {}, {}
        self._labels = {s.id: s.label for s in self.search.sources()}
        self.refresh_results()
        if not self.query:
            self.search.cancel()
            self._update_status()
            return
        wanted = self.ui.provider_combo.currentData()
        ids = None if not wanted else [s.id for s in self.search.sources() if s.provider_id == wanted]
        self.ui.cancel_button.setEnabled(True)
        self.search.start(self.query, self.territory_filter(), ids)
        self._update_status()

    def cancel_search(self) -> None:
        self.search.cancel()
        self._update_status()

    def is_searching(self) -> bool:
        return bool(self.search.pending())

    def _source_answered(self, source_id: str, datasets: list, warning: str) -> None:
        self.results[source_id] = datasets
        if warning:
            self.warnings[source_id] = warning
        self.refresh_results()
        self._update_status()

    def _source_failed(self, source_id: str, message: str) -> None:
        self.errors[source_id] = message
        self.refresh_results()
        self._update_status()

    def _update_status(self) -> None:
        pending = self.search.pending()
        self.ui.cancel_button.setEnabled(bool(pending))
        count = sum(len(v) for v in self.results.values())
        if pending:
            names = ", ".join(self._labels.get(p, p) for p in pending)
            text = tr("{} results so far; searching {}…", count, names)
        elif self.query:
            text = tr("{} results from {} sources", count, len(self.results))
            if self.errors:
                text += " " + tr("({} sources failed)", len(self.errors))
        else:
            text = tr("Type words to search IGN, INSEE, open-data portals and sensor networks.")
        self.ui.status_label.setText(text)

    # --- results -----------------------------------------------------------------------------------------------
    def source_order(self) -> list:
        return [s.id for s in self.search.sources()]

    def visible_datasets(self) -> list:
        """``(source id, dataset)`` shown, in order: sources in registry order, each in its own ranking."""
        wanted_provider = self.ui.provider_combo.currentData()
        wanted_kind = self.ui.kind_combo.currentData()
        shown = []
        for source_id in self.source_order():
            for ds in self.results.get(source_id, ()):
                if wanted_provider and ds.provider_id != wanted_provider:
                    continue
                if wanted_kind and dataset_kind(ds) != wanted_kind:
                    continue
                shown.append((source_id, ds))
        return shown

    def _problem_item(self, source_id: str, message: str, warning: bool) -> QTreeWidgetItem:
        item = QTreeWidgetItem([self._labels.get(source_id, source_id), "⚠ " + message])
        item.setToolTip(1, message)
        item.setData(0, KEY_ROLE, "")
        item.setForeground(1, QBrush(ERROR_COLOUR))
        if warning:
            font = QFont(item.font(1))
            font.setItalic(True)
            item.setFont(1, font)
        item.setFlags(Qt.ItemIsEnabled)
        return item

    def refresh_results(self) -> None:
        """Rebuild the list: each source in order, its problem (if any) then its datasets that pass the filters."""
        tree = self.ui.results_tree
        selected = self.selected_dataset()
        tree.clear()
        self.datasets = {}
        shown = {}
        for source_id, ds in self.visible_datasets():
            shown.setdefault(source_id, []).append(ds)
        wanted_provider = self.ui.provider_combo.currentData()
        providers = {s.id: s.provider_id for s in self.search.sources()}
        for source_id in self.source_order():
            if wanted_provider and providers.get(source_id) != wanted_provider:
                continue
            for message, warning in ((self.errors.get(source_id), False), (self.warnings.get(source_id), True)):
                if message:
                    tree.addTopLevelItem(self._problem_item(source_id, message, warning))
            for ds in shown.get(source_id, ()):
                self.datasets[ds.key] = ds
                item = QTreeWidgetItem(
                    [
                        self._labels.get(source_id, source_id),
                        ds.title_in(self.lang),
                        ds.producer,
                        ds.licence,
                        ds.updated,
                        formats_of(ds),
                    ]
                )
                item.setData(0, KEY_ROLE, ds.key)
                item.setToolTip(1, ds.title_in(self.lang))
                tree.addTopLevelItem(item)
                if selected is not None and ds.key == selected.key:
                    tree.setCurrentItem(item)
        for column in (0, 2, 3, 4):
            tree.resizeColumnToContents(column)
            tree.setColumnWidth(column, min(tree.columnWidth(column), 160))
        tree.resizeColumnToContents(1)
        tree.setColumnWidth(1, max(180, min(tree.columnWidth(1), 320)))
        self._show_selected()

    def result_rows(self) -> list:
        """What the list shows, row by row (the tests read it): a list of the column texts."""
        tree = self.ui.results_tree
        return [
            [tree.topLevelItem(i).text(c) for c in range(tree.columnCount())] for i in range(tree.topLevelItemCount())
        ]

    def select_dataset(self, key: str) -> bool:
        tree = self.ui.results_tree
        for i in range(tree.topLevelItemCount()):
            if tree.topLevelItem(i).data(0, KEY_ROLE) == key:
                tree.setCurrentItem(tree.topLevelItem(i))
                return True
        return False

    def selected_dataset(self):
        item = self.ui.results_tree.currentItem()
        key = item.data(0, KEY_ROLE) if item is not None else ""
        return self.datasets.get(key) if key else None

    def _show_selected(self) -> None:
        ds = self.selected_dataset()
        ui = self.ui
        if ds is None:
            ui.detail_browser.clear()
            for button in (ui.add_button, ui.download_button, ui.copy_button, ui.favourite_button):
                button.setEnabled(False)
            return
        source = next((s for s, d in self.visible_datasets() if d.key == ds.key), "")
        ui.detail_browser.setHtml(detail_html(ds, self.lang, self._labels.get(source, source)))
        found = algorithm_parameters(ds, self.territory_filter())
        ui.add_button.setEnabled(True)
        ui.download_button.setEnabled(found is not None)
        ui.copy_button.setEnabled(found is not None)
        ui.favourite_button.setEnabled(True)
        ui.favourite_button.blockSignals(True)
        on = favourites().contains(ds)
        ui.favourite_button.setChecked(on)
        ui.favourite_button.setText("★" if on else "☆")
        ui.favourite_button.blockSignals(False)

    # --- actions -----------------------------------------------------------------------------------------------
    def _say(self, message: str, level: str = "info") -> None:
        self.last_message = message
        if sip.isdeleted(self.ui.status_label):
            return  # a task that ended after the plugin was unloaded
        self.ui.status_label.setText(message)
        if self.iface is not None:
            bar = self.iface.messageBar()
            if level == "info":
                bar.pushInfo(tr("TerriData"), message)
            else:
                bar.pushWarning(tr("TerriData"), message)

    def add_selected_to_map(self):
        ds = self.selected_dataset()
        if ds is None:
            return None
        self.ui.status_label.setText(tr("Adding {} to the map…", ds.title_in(self.lang)))
        return add_to_map(ds, self.lang, self._added, territory=self.territory_filter(), held=self.held_tasks)

    def _added(self, layer, error: str) -> None:
        if layer is not None:
            self._say(tr("{} added to the map.", layer.name()))
        else:
            self._say(error, "warning")

    def download_parameters(self, output: str = "TEMPORARY_OUTPUT"):
        ds = self.selected_dataset()
        return algorithm_parameters(ds, self.territory_filter(), output) if ds is not None else None

    def download_selected(self):
        found = self.download_parameters()
        if found is None:
            return None
        self.last_dialog = open_algorithm_dialog(found[0], found[1], self.iface.mainWindow() if self.iface else None)
        return self.last_dialog

    def copy_selected_command(self) -> str:
        ds = self.selected_dataset()
        if ds is None:
            return ""
        name = re.sub(r"[^\w]+", "_", ds.id.split(":")[-1]).strip("_").lower() or "dataset"
        found = self.download_parameters(f"{name}.gpkg")
        if found is None:
            return ""
        command = qgis_process_command(*found)
        QApplication.clipboard().setText(command)
        self._say(tr("Command copied to the clipboard: {}", command))
        return command

    def _toggle_favourite(self, on: bool) -> None:
        ds = self.selected_dataset()
        if ds is None:
            return
        if on:
            favourites().add(ds)
        else:
            favourites().remove(ds.key)
        self.ui.favourite_button.setText("★" if on else "☆")

    # --- lifetime ----------------------------------------------------------------------------------------------
    def territory_text(self) -> str:
        return describe(self.picker.current) if self.picker.current is not None else ""

    def closeEvent(self, event):  # noqa: N802
        self.search.cancel()
        super().closeEvent(event)

    def unload(self) -> None:
        self.debounce.stop()
        self.search.cancel()
