"""TerriData's page in QGIS's Options dialog (Settings > Options > TerriData).

Every setting of :class:`~..toolbelt.settings.Settings` has an editor here, grouped by what it is about (services,
portals, sensor endpoints, network and cache, privacy), with a translated label and one line of help. Rate limits
read as words ("30 requests per second"); portals, SensorThings services and extra WFS endpoints are edited as lists
with a "Test connection" button that sends one request in a ``QgsTask`` (the dialog never waits for a server);
a portal's credentials are chosen with QGIS's own authentication selector and stored as a configuration id only.
The page is registered by the plugin with :class:`TerriDataOptionsFactory`; the "Settings…" entry of the plugin
menu opens the Options dialog on it (:data:`PAGE_NAME`).
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields, replace
from pathlib import Path

from qgis.core import QgsApplication, QgsFeedback, QgsTask
from qgis.gui import QgsAuthConfigSelect, QgsOptionsPageWidget, QgsOptionsWidgetFactory
from qgis.PyQt import sip, uic
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, Qt, pyqtSignal
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..__about__ import __icon_path__, __title__
from ..core.messages import QT_TR_NOOP
from ..providers.portals.base import KINDS
from ..providers.portals.config import presets as portal_presets
from ..providers.sensors.endpoints import PRESETS as SENSOR_PRESETS
from ..providers.sensors.endpoints import parse_endpoints
from ..toolbelt.http_cache import ResponseCache
from ..toolbelt.i18n import tr
from ..toolbelt.secrets import scrub_text
from ..toolbelt.settings import PlgSettings, Settings, parse_rate
from . import options_page_checks as checks

FORM_CLASS, _ = uic.loadUiType(str(Path(__file__).with_name("options_page.ui")))

#: objectName of the page: ``iface.showOptionsDialog(parent, currentPage=PAGE_NAME)`` opens the dialog on it.
PAGE_NAME = "mOptionsPageTerriData"

# setting -> (label, one line of help). QT_TRANSLATE_NOOP marks them for pylupdate5; tr() translates on display.
FIELDS = {
    # services
    "ign_wfs_url": (
        QT_TRANSLATE_NOOP("TerriData", "IGN WFS address"),
        QT_TRANSLATE_NOOP("TerriData", "Vector data of the Géoplateforme (Download IGN vector data)."),
    ),
    "ign_wmts_url": (
        QT_TRANSLATE_NOOP("TerriData", "IGN WMTS address"),
        QT_TRANSLATE_NOOP("TerriData", "Tiled basemaps of the Géoplateforme (Add IGN basemap)."),
    ),
    "ign_wms_raster_url": (
        QT_TRANSLATE_NOOP("TerriData", "IGN WMS address (raster)"),
        QT_TRANSLATE_NOOP("TerriData", "Image maps of the Géoplateforme, when a basemap is asked for as WMS."),
    ),
    "ign_wms_vector_url": (
        QT_TRANSLATE_NOOP("TerriData", "IGN WMS address (vector)"),
        QT_TRANSLATE_NOOP("TerriData", "Maps drawn from the Géoplateforme's vector data."),
    ),
    "ign_geocoding_url": (
        QT_TRANSLATE_NOOP("TerriData", "IGN geocoding address"),
        QT_TRANSLATE_NOOP("TerriData", "Turns addresses into points (Geocode addresses)."),
    ),
    "insee_melodi_url": (
        QT_TRANSLATE_NOOP("TerriData", "INSEE Melodi address"),
        QT_TRANSLATE_NOOP("TerriData", "INSEE's statistics API (INSEE statistics)."),
    ),
    "insee_geo_url": (
        QT_TRANSLATE_NOOP("TerriData", "INSEE geographic metadata address"),
        QT_TRANSLATE_NOOP("TerriData", "Official geographic code (COG) vintages and territories."),
    ),
    "datagouv_url": (
        QT_TRANSLATE_NOOP("TerriData", "data.gouv.fr API address"),
        QT_TRANSLATE_NOOP("TerriData", "The national open-data portal's catalogue."),
    ),
    "datagouv_tabular_url": (
        QT_TRANSLATE_NOOP("TerriData", "data.gouv.fr tabular API address"),
        QT_TRANSLATE_NOOP("TerriData", "Reads only the rows you filter from large CSV files of data.gouv.fr."),
    ),
    "datagouv_schema_url": (
        QT_TRANSLATE_NOOP("TerriData", "schema.data.gouv.fr address"),
        QT_TRANSLATE_NOOP("TerriData", "Table schemas used to check the files of a portal."),
    ),
    "territory": (
        QT_TRANSLATE_NOOP("TerriData", "Your territory"),
        QT_TR_NOOP(  # not QT_TRANSLATE_NOOP: pylupdate5 skips one split over lines (see core/messages.py)
            "level:code (e.g. commune:91228, epci:200059228, departement:91); chosen by name in the TerriData "
            "catalogue dock, the default territory of searches and downloads."
        ),
    ),
    "hubeau_url": (
        QT_TRANSLATE_NOOP("TerriData", "Hub'Eau address"),
        QT_TRANSLATE_NOOP("TerriData", "Water measurements: rivers, groundwater, water quality."),
    ),
    "extra_wfs_endpoints": (
        QT_TRANSLATE_NOOP("TerriData", "Other WFS services"),
        QT_TRANSLATE_NOOP("TerriData", "Regional platforms or mirrors that publish IGN-like WFS layers."),
    ),
    "rate_ign_wfs": (
        QT_TRANSLATE_NOOP("TerriData", "Rate limit, IGN WFS"),
        QT_TRANSLATE_NOOP("TerriData", "Requests are spaced so as not to exceed the service's published limit."),
    ),
    "rate_ign_wmts": (
        QT_TRANSLATE_NOOP("TerriData", "Rate limit, IGN WMTS and WMS"),
        QT_TRANSLATE_NOOP("TerriData", "Capabilities and tiles asked for by TerriData itself."),
    ),
    "rate_ign_geocoding": (
        QT_TRANSLATE_NOOP("TerriData", "Rate limit, IGN geocoding"),
        QT_TRANSLATE_NOOP("TerriData", "One request per address, or per 5,000 addresses in batch mode."),
    ),
    "rate_insee_melodi": (
        QT_TRANSLATE_NOOP("TerriData", "Rate limit, INSEE Melodi"),
        QT_TRANSLATE_NOOP("TerriData", "INSEE allows 30 requests per minute without a key."),
    ),
    "rate_insee_geo": (
        QT_TRANSLATE_NOOP("TerriData", "Rate limit, INSEE geographic API"),
        QT_TRANSLATE_NOOP("TerriData", "INSEE allows 30 requests per minute without a key."),
    ),
    "rate_hubeau": (
        QT_TRANSLATE_NOOP("TerriData", "Rate limit, Hub'Eau"),
        QT_TRANSLATE_NOOP("TerriData", "Hub'Eau asks for moderate use of its free API."),
    ),
    # portals
    "portals": (
        QT_TRANSLATE_NOOP("TerriData", "Open-data portals"),
        QT_TRANSLATE_NOOP("TerriData", "Portals searched by TerriData; the presets (in grey) always stay."),
    ),
    "rate_datagouv": (
        QT_TRANSLATE_NOOP("TerriData", "Rate limit, data.gouv.fr"),
        QT_TRANSLATE_NOOP("TerriData", "Applies to the catalogue, tabular and schema APIs of data.gouv.fr."),
    ),
    "rate_opendatasoft": (
        QT_TRANSLATE_NOOP("TerriData", "Rate limit, Opendatasoft portals"),
        QT_TRANSLATE_NOOP("TerriData", "Counted per portal."),
    ),
    "rate_ckan": (
        QT_TRANSLATE_NOOP("TerriData", "Rate limit, CKAN portals"),
        QT_TRANSLATE_NOOP("TerriData", "Counted per portal."),
    ),
    "portal_zip_max_expanded_mb": (
        QT_TRANSLATE_NOOP("TerriData", "Largest expanded size of a zip"),
        QT_TRANSLATE_NOOP("TerriData", "A downloaded archive that would expand beyond this is refused."),
    ),
    "portal_zip_max_ratio": (
        QT_TRANSLATE_NOOP("TerriData", "Largest compression ratio of a zip"),
        QT_TRANSLATE_NOOP("TerriData", "Protects against archives built to fill the disk (zip bombs)."),
    ),
    # sensors
    "sensorthings_endpoints": (
        QT_TRANSLATE_NOOP("TerriData", "SensorThings services"),
        QT_TRANSLATE_NOOP(
            "TerriData", "Sensor services offered by name; give the address that ends with the version (/v1.1)."
        ),
    ),
    "rate_sensorthings": (
        QT_TRANSLATE_NOOP("TerriData", "Rate limit, SensorThings services"),
        QT_TRANSLATE_NOOP("TerriData", "Counted per service."),
    ),
    # network and cache
    "request_timeout_s": (
        QT_TRANSLATE_NOOP("TerriData", "Request timeout"),
        QT_TRANSLATE_NOOP("TerriData", "A server silent for this long is given up on."),
    ),
    "max_retries": (
        QT_TRANSLATE_NOOP("TerriData", "Retries"),
        QT_TRANSLATE_NOOP("TerriData", "How many times a busy server (429, 502, 503, 504) is asked again."),
    ),
    "backoff_base_s": (
        QT_TRANSLATE_NOOP("TerriData", "First retry delay"),
        QT_TRANSLATE_NOOP("TerriData", "The wait doubles at each retry, unless the server says how long to wait."),
    ),
    "backoff_max_s": (
        QT_TRANSLATE_NOOP("TerriData", "Longest retry delay"),
        QT_TRANSLATE_NOOP("TerriData", "No wait between two retries is longer than this."),
    ),
    "deadline_api_s": (
        QT_TRANSLATE_NOOP("TerriData", "Longest API or metadata request"),
        QT_TRANSLATE_NOOP("TerriData", "Even a server that keeps sending bytes is given up on after this."),
    ),
    "deadline_data_s": (
        QT_TRANSLATE_NOOP("TerriData", "Longest data request"),
        QT_TRANSLATE_NOOP("TerriData", "One page of features or one statistics table."),
    ),
    "deadline_download_s": (
        QT_TRANSLATE_NOOP("TerriData", "Longest file download"),
        QT_TRANSLATE_NOOP("TerriData", "One file of a portal (CSV, GeoPackage, zip...)."),
    ),
    "max_response_mb": (
        QT_TRANSLATE_NOOP("TerriData", "Largest response kept in memory"),
        QT_TRANSLATE_NOOP("TerriData", "Larger answers are refused; files are streamed to disk instead."),
    ),
    "rate_default": (
        QT_TRANSLATE_NOOP("TerriData", "Rate limit, other services"),
        QT_TRANSLATE_NOOP("TerriData", "Any service without a limit of its own."),
    ),
    "cache_enabled": (
        QT_TRANSLATE_NOOP("TerriData", "Cache responses on disk"),
        QT_TRANSLATE_NOOP(
            "TerriData", "Catalogues and capabilities are reused for a day; answers sent with a key never are."
        ),
    ),
    "cache_max_mb": (
        QT_TRANSLATE_NOOP("TerriData", "Cache size limit"),
        QT_TRANSLATE_NOOP("TerriData", "The oldest answers are removed first when the cache is full."),
    ),
    # privacy
    "debug_mode": (
        QT_TRANSLATE_NOOP("TerriData", "Debug mode"),
        QT_TRANSLATE_NOOP("TerriData", "Writes every request to the TerriData log; keys and passwords masked."),
    ),
}

#: Settings the page does not show: kept by the catalogue dock itself (its favourite datasets, as JSON).
NOT_ON_PAGE = ("favourites",)

SECTIONS = (
    (
        "services",
        QT_TRANSLATE_NOOP("TerriData", "Services"),
        (
            "territory",
            "ign_wfs_url",
            "ign_wmts_url",
            "ign_wms_raster_url",
            "ign_wms_vector_url",
            "ign_geocoding_url",
            "insee_melodi_url",
            "insee_geo_url",
            "datagouv_url",
            "datagouv_tabular_url",
            "datagouv_schema_url",
            "hubeau_url",
            "extra_wfs_endpoints",
            "rate_ign_wfs",
            "rate_ign_wmts",
            "rate_ign_geocoding",
            "rate_insee_melodi",
            "rate_insee_geo",
            "rate_hubeau",
        ),
    ),
    (
        "portals",
        QT_TRANSLATE_NOOP("TerriData", "Open-data portals"),
        (
            "portals",
            "rate_datagouv",
            "rate_opendatasoft",
            "rate_ckan",
            "portal_zip_max_expanded_mb",
            "portal_zip_max_ratio",
        ),
    ),
    (
        "sensors",
        QT_TRANSLATE_NOOP("TerriData", "Sensor endpoints"),
        ("sensorthings_endpoints", "rate_sensorthings"),
    ),
    (
        "network",
        QT_TRANSLATE_NOOP("TerriData", "Network and cache"),
        (
            "request_timeout_s",
            "max_retries",
            "backoff_base_s",
            "backoff_max_s",
            "deadline_api_s",
            "deadline_data_s",
            "deadline_download_s",
            "max_response_mb",
            "rate_default",
            "cache_enabled",
            "cache_max_mb",
        ),
    ),
    ("privacy", QT_TRANSLATE_NOOP("TerriData", "Privacy"), ("debug_mode",)),
)

UNITS = {"_s": QT_TRANSLATE_NOOP("TerriData", " s"), "_mb": QT_TRANSLATE_NOOP("TerriData", " MB")}


# ------------------------------------------------------------------------------------------- rate limits

#: (seconds, singular sentence, plural sentence) of the periods a rate limit is shown with.
PERIODS = (
    (
        1.0,
        QT_TRANSLATE_NOOP("TerriData", "1 request per second"),
        QT_TRANSLATE_NOOP("TerriData", "{} requests per second"),
    ),
    (
        60.0,
        QT_TRANSLATE_NOOP("TerriData", "1 request per minute"),
        QT_TRANSLATE_NOOP("TerriData", "{} requests per minute"),
    ),
    (
        3600.0,
        QT_TRANSLATE_NOOP("TerriData", "1 request per hour"),
        QT_TRANSLATE_NOOP("TerriData", "{} requests per hour"),
    ),
)


def rate_in_words(text: str) -> str:
    """``"30/1"`` -> "30 requests per second", ``"30/60"`` -> "30 requests per minute", ``"5/10"`` -> "5 requests
    every 10 seconds"; an unreadable value says so."""
    try:
        count, period = parse_rate(text)
    except ValueError:
        return tr("Not a rate limit: {!r} (expected requests/seconds, e.g. 30/1)", text)
    for seconds, one, many in PERIODS:
        if period == seconds:
            return tr(one) if count == 1 else tr(many, count)
    return tr("{} requests every {} seconds", count, f"{period:g}")


class RateEditor(QWidget):
    """A rate limit as a number of requests and a period, with the sentence it means."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.count = QSpinBox()
        self.count.setRange(1, 100_000)
        self.period = QComboBox()
        for seconds, _, _ in PERIODS:
            self.period.addItem(self._period_label(seconds), seconds)
        self.words = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.count, self.period):
            layout.addWidget(widget)
        layout.addWidget(self.words, 1)
        self.count.valueChanged.connect(self._show_words)
        self.period.currentIndexChanged.connect(self._show_words)

    @staticmethod
    def _period_label(seconds: float) -> str:
        names = {1.0: tr("per second"), 60.0: tr("per minute"), 3600.0: tr("per hour")}
        return names.get(seconds) or tr("every {} seconds", f"{seconds:g}")

    def value(self) -> str:
        return f"{self.count.value()}/{self.period.currentData():g}"

    def set_value(self, text: str) -> None:
        try:
            count, period = parse_rate(text)
        except ValueError:
            count, period = 1, 1.0
        index = self.period.findData(period)
        if index < 0:
            self.period.addItem(self._period_label(period), period)
            index = self.period.count() - 1
        self.count.setValue(count)
        self.period.setCurrentIndex(index)
        self._show_words()

    def _show_words(self, *_args) -> None:
        self.words.setText(f"= {rate_in_words(self.value())}")


# ------------------------------------------------------------------------------------------- simple editors


class TextEditor(QLineEdit):
    def value(self) -> str:
        return self.text().strip()

    def set_value(self, value) -> None:
        self.setText(str(value))


class BoolEditor(QCheckBox):
    def value(self) -> bool:
        return self.isChecked()

    def set_value(self, value) -> None:
        self.setChecked(bool(value))


class IntEditor(QSpinBox):
    def __init__(self, suffix: str = "", parent=None):
        super().__init__(parent)
        self.setRange(0, 1_000_000)
        self.setSuffix(suffix)

    def value(self) -> int:  # noqa: D102 (QSpinBox.value, named for the editor interface)
        return super().value()

    def set_value(self, value) -> None:
        self.setValue(int(value))


class FloatEditor(QDoubleSpinBox):
    def __init__(self, suffix: str = "", parent=None):
        super().__init__(parent)
        self.setRange(0.0, 86_400.0)
        self.setDecimals(1)
        self.setSuffix(suffix)

    def set_value(self, value) -> None:
        self.setValue(float(value))


# ------------------------------------------------------------------------------------------- lists


class ConnectionTest:
    """Runs one connection check in a ``QgsTask`` and reports its sentence to ``report(text, ok)`` on the GUI
    thread. A new check cancels the previous one; so does closing the page (``cancel``)."""

    def __init__(self, report):
        self.report = report
        self.task = None
        self.feedback = None

    def start(self, description: str, check) -> None:
        self.cancel()
        feedback = QgsFeedback()
        self.feedback = feedback

        def run(_task):
            return check(feedback)

        def finished(exception, result=None):
            if feedback is not self.feedback:
                return  # a newer check replaced this one
            self.task = None
            if exception is None:
                self.report(str(result), True)
            elif feedback.isCanceled():
                self.report(tr("Test cancelled."), False)
            else:
                self.report(tr("Connection failed: {}", scrub_text(str(exception))), False)

        self.task = QgsTask.fromFunction(description, run, on_finished=finished)
        QgsApplication.taskManager().addTask(self.task)

    def cancel(self) -> None:
        if self.feedback is not None:
            self.feedback.cancel()


class EndpointList(QWidget):
    """A table of named addresses (``name|url;name|url`` in the setting), presets first in grey (never saved),
    with Add, Remove and Test connection."""

    COLUMNS = (QT_TRANSLATE_NOOP("TerriData", "Name"), QT_TRANSLATE_NOOP("TerriData", "Address"))
    NAME, URL = 0, 1
    tested = pyqtSignal(str, bool)

    def __init__(self, presets=(), check=None, parent=None):
        super().__init__(parent)
        self.presets = list(presets)
        self.check = check
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(c) for c in self.COLUMNS])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(self.NAME, QHeaderView.Interactive)
        header.resizeSection(self.NAME, 190)
        header.setSectionResizeMode(self.URL, QHeaderView.Stretch)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(170)
        self.btn_add = QPushButton(tr("Add"))
        self.btn_remove = QPushButton(tr("Remove"))
        self.btn_test = QPushButton(tr("Test connection"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.status.setVisible(False)
        buttons = QHBoxLayout()
        for button in (self.btn_add, self.btn_remove, self.btn_test):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.btn_add.clicked.connect(lambda: self.add_row())
        self.btn_remove.clicked.connect(self.remove_selected)
        self.btn_test.clicked.connect(self.test_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.connection_test = ConnectionTest(self._report)
        self.destroyed.connect(self.connection_test.cancel)
        self.btn_test.setEnabled(check is not None)
        self._update_buttons()

    # rows ------------------------------------------------------------------------------------------------
    def add_row(self, name: str = "", url: str = "", preset: bool = False, **extra) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in ((self.NAME, name), (self.URL, url)):
            item = QTableWidgetItem(text)
            item.setData(Qt.UserRole, preset)
            if preset:
                item.setFlags(item.flags() & ~Qt.ItemIsEditable)
                item.setForeground(self.palette().placeholderText())
                item.setToolTip(tr("Preset: always available (add an entry with the same name to replace it)"))
            self.table.setItem(row, column, item)
        self._add_row_widgets(row, preset, **extra)
        if not preset:
            self.table.selectRow(row)
            if not name:
                self.table.editItem(self.table.item(row, self.NAME))
        return row

    def _add_row_widgets(self, row: int, preset: bool, **extra) -> None:
        """Subclasses add their cell widgets (kind, authentication)."""

    def is_preset(self, row: int) -> bool:
        return bool(self.table.item(row, self.NAME).data(Qt.UserRole))

    def text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def remove_selected(self) -> None:
        row = self.selected_row()
        if row >= 0 and not self.is_preset(row):
            self.table.removeRow(row)

    def _update_buttons(self) -> None:
        row = self.selected_row()
        self.btn_remove.setEnabled(row >= 0 and not self.is_preset(row))
        self.btn_test.setEnabled(row >= 0 and self.check is not None)

    def user_rows(self) -> list:
        return [row for row in range(self.table.rowCount()) if not self.is_preset(row)]

    # value -------------------------------------------------------------------------------------------------
    def value(self) -> str:
        pairs = []
        for row in self.user_rows():
            name, url = self.text(row, self.NAME), self.text(row, self.URL)
            if url:
                pairs.append(f"{name}|{url}" if name and name != url else url)
        return ";".join(pairs)

    def set_value(self, text: str) -> None:
        self.table.setRowCount(0)
        for name, url in self.presets:
            self.add_row(name, url, preset=True)
        for name, url in parse_endpoints(text):
            self.add_row(name if name != url else "", url)
        self.table.clearSelection()
        self._update_buttons()

    # connection test --------------------------------------------------------------------------------------
    def test_selected(self) -> None:
        row = self.selected_row()
        if row < 0 or self.check is None:
            return
        url = self.text(row, self.URL)
        problem = checks.check_url(url)
        if problem:
            self._report(problem, False)
            return
        self.status.setText(tr("Testing {}…", url))
        self.status.setStyleSheet("")
        self.status.setVisible(True)
        self.connection_test.start(tr("TerriData: test {}", url), self._check_for(row))

    def _check_for(self, row: int):
        url, check = self.text(row, self.URL), self.check
        return lambda feedback: check(url, feedback=feedback)

    def _report(self, text: str, ok: bool) -> None:
        if sip.isdeleted(self.status):
            return
        self.status.setText(text)
        self.status.setStyleSheet("" if ok else "color: #b00020;")
        self.status.setVisible(True)
        self.tested.emit(text, ok)


class PortalList(EndpointList):
    """The open-data portals: name, kind, address and authentication configuration (stored as its id only)."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("TerriData", "Name"),
        QT_TRANSLATE_NOOP("TerriData", "Kind"),
        QT_TRANSLATE_NOOP("TerriData", "Address"),
        QT_TRANSLATE_NOOP("TerriData", "Authentication"),
    )
    NAME, KIND, URL, AUTH = 0, 1, 2, 3

    def __init__(self, presets=(), check=None, parent=None):
        super().__init__(presets, check, parent)
        header = self.table.horizontalHeader()
        header.resizeSection(self.NAME, 150)
        header.setSectionResizeMode(self.AUTH, QHeaderView.Interactive)
        header.resizeSection(self.AUTH, 190)
        self.table.setMinimumHeight(220)

    def add_row(self, name: str = "", url: str = "", preset: bool = False, kind: str = "opendatasoft", authcfg=""):
        return super().add_row(name, url, preset, kind=kind, authcfg=authcfg)

    def _add_row_widgets(self, row: int, preset: bool, kind: str = "opendatasoft", authcfg: str = "") -> None:
        combo = QComboBox()
        combo.addItems(KINDS)
        combo.setCurrentText(kind)
        combo.setEnabled(not preset)
        self.table.setCellWidget(row, self.KIND, combo)
        auth = QgsAuthConfigSelect()
        auth.setMinimumWidth(0)
        auth.setConfigId(authcfg or "")
        auth.setEnabled(not preset)
        self.table.setCellWidget(row, self.AUTH, auth)
        self.table.resizeRowToContents(row)

    def kind(self, row: int) -> str:
        return self.table.cellWidget(row, self.KIND).currentText()

    def authcfg(self, row: int) -> str:
        return self.table.cellWidget(row, self.AUTH).configId() or ""

    def value(self) -> str:
        entries = []
        for row in self.user_rows():
            name, url = self.text(row, self.NAME), self.text(row, self.URL)
            if not url:
                continue
            entry = {"name": name or url, "kind": self.kind(row), "url": url}
            if self.authcfg(row):
                entry["authcfg"] = self.authcfg(row)
            entries.append(entry)
        return json.dumps(entries, ensure_ascii=False) if entries else ""

    def set_value(self, text: str) -> None:
        self.table.setRowCount(0)
        for portal in self.presets:
            self.add_row(portal.name, portal.url, preset=True, kind=portal.kind)
        try:
            entries = json.loads(text) if (text or "").strip() else []
        except ValueError:
            entries = []
            self._report(tr("The saved portal list is not valid JSON; it is shown empty."), False)
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict):
                self.add_row(
                    str(entry.get("name") or ""),
                    str(entry.get("url") or ""),
                    kind=str(entry.get("kind") or "opendatasoft"),
                    authcfg=str(entry.get("authcfg") or ""),
                )
        self.table.clearSelection()
        self._update_buttons()

    def _check_for(self, row: int):
        name, kind, url, authcfg = (
            self.text(row, self.NAME),
            self.kind(row),
            self.text(row, self.URL),
            self.authcfg(row),
        )
        return lambda feedback: checks.check_portal(name, kind, url, authcfg, feedback=feedback)


# ------------------------------------------------------------------------------------------- the page


def editor_for(name: str, default):
    if name == "portals":
        return PortalList(portal_presets(), checks.check_portal)
    if name == "sensorthings_endpoints":
        return EndpointList(SENSOR_PRESETS, checks.check_sensorthings)
    if name == "extra_wfs_endpoints":
        return EndpointList((), checks.check_wfs)
    if name.startswith("rate_"):
        return RateEditor()
    suffix = next((tr(unit) for end, unit in UNITS.items() if name.endswith(end)), "")
    if isinstance(default, bool):
        return BoolEditor()
    if isinstance(default, int):
        return IntEditor(suffix)
    if isinstance(default, float):
        return FloatEditor(suffix)
    return TextEditor()


class TerriDataOptionsPage(QgsOptionsPageWidget, FORM_CLASS):
    """The page; :meth:`apply` (OK of the Options dialog) saves the settings that were changed."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.setObjectName(PAGE_NAME)
        self.lbl_intro.setText(
            tr(
                "Service addresses can point to a mirror or a regional platform. Keys and passwords are never stored "
                "here: they stay in QGIS's authentication database, chosen by configuration."
            )
        )
        self.editors = {}
        self.labels = {}
        self.help_labels = {}
        self.groups = {}
        defaults = {field.name: field.default for field in fields(Settings)}
        for key, title, names in SECTIONS:
            group = getattr(self, f"grp_{key}")
            group.setTitle(tr(title))
            self.groups[key] = group
            form = getattr(self, f"form_{key}")
            for name in names:
                self._add_row(form, name, defaults[name])
        self.lbl_cache.setText(tr("Cache on disk"))
        self.btn_clear_cache.setText(tr("Clear the cache"))
        self.btn_clear_cache.clicked.connect(self.clear_cache)
        self.btn_defaults.setText(tr("Restore the defaults"))
        self.btn_defaults.clicked.connect(lambda: self.show_settings(Settings()))
        self.shown = PlgSettings.get()
        self.show_settings(self.shown)
        self.refresh_cache_size()

    def _add_row(self, form, name: str, default) -> None:
        label_text, help_text = FIELDS[name]
        editor = editor_for(name, default)
        help_label = QLabel(tr(help_text))
        help_label.setWordWrap(True)
        help_label.setStyleSheet("color: palette(mid);")
        font = help_label.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        help_label.setFont(font)
        cell = QWidget()
        layout = QVBoxLayout(cell)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(1)
        layout.addWidget(editor)
        layout.addWidget(help_label)
        label = QLabel(tr(label_text))
        label.setToolTip(name)
        editor.setToolTip(tr(help_text))
        if isinstance(editor, EndpointList):  # lists take the page's width, under their label
            form.addRow(label)
            form.addRow(cell)
        else:
            form.addRow(label, cell)
        self.labels[name] = label
        self.editors[name] = editor
        self.help_labels[name] = help_label

    # values ------------------------------------------------------------------------------------------------
    def show_settings(self, settings: Settings) -> None:
        for name, value in asdict(settings).items():
            if name in self.editors:  # not the settings kept by the dock itself (NOT_ON_PAGE)
                self.editors[name].set_value(value)

    def values(self) -> Settings:
        return replace(self.shown, **{name: editor.value() for name, editor in self.editors.items()})

    def apply(self) -> None:
        """Save what the user changed (a value forced by a ``TERRIDATA_*`` environment variable is not copied into
        the profile unless it was edited)."""
        shown, edited = asdict(self.shown), asdict(self.values())
        for name, value in edited.items():
            if value != shown[name]:
                PlgSettings.set_value(name, value)
        self.shown = self.values()

    # cache -------------------------------------------------------------------------------------------------
    def refresh_cache_size(self) -> None:
        size_mb = ResponseCache().size_bytes() / 1e6
        self.lbl_cache_size.setText(tr("{} MB used", f"{size_mb:.1f}"))

    def clear_cache(self) -> None:
        ResponseCache().clear()
        self.refresh_cache_size()


class TerriDataOptionsFactory(QgsOptionsWidgetFactory):
    """Registered with ``iface.registerOptionsWidgetFactory``: adds the TerriData page to the Options dialog."""

    def __init__(self):
        super().__init__()
        self.setTitle(__title__)

    def icon(self) -> QIcon:
        return QIcon(str(__icon_path__))

    def createWidget(self, parent=None) -> TerriDataOptionsPage:  # noqa: N802
        return TerriDataOptionsPage(parent)
