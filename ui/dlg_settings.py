"""Settings dialog (its form is generated from the ``Settings`` dataclass) and about box."""

from dataclasses import asdict, fields
from pathlib import Path

from qgis.PyQt import uic
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP
from qgis.PyQt.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QLineEdit, QMessageBox, QSpinBox

from ..__about__ import __summary__, __title__, __uri_homepage__, __version__
from ..toolbelt.http_cache import ResponseCache
from ..toolbelt.i18n import tr
from ..toolbelt.settings import PlgSettings, Settings

FORM_CLASS, _ = uic.loadUiType(str(Path(__file__).with_name("dlg_settings.ui")))

LABELS = {
    "debug_mode": QT_TRANSLATE_NOOP("TerriData", "Debug mode (log requests, never secrets)"),
    "request_timeout_s": QT_TRANSLATE_NOOP("TerriData", "Request timeout (s)"),
    "max_retries": QT_TRANSLATE_NOOP("TerriData", "Retries on 429/502/503/504"),
    "backoff_base_s": QT_TRANSLATE_NOOP("TerriData", "First retry delay (s)"),
    "backoff_max_s": QT_TRANSLATE_NOOP("TerriData", "Longest retry delay (s)"),
    "cache_enabled": QT_TRANSLATE_NOOP("TerriData", "Cache responses on disk"),
    "cache_max_mb": QT_TRANSLATE_NOOP("TerriData", "Cache size limit (MB)"),
    "max_response_mb": QT_TRANSLATE_NOOP("TerriData", "Largest response accepted in memory (MB)"),
    "extra_wfs_endpoints": QT_TRANSLATE_NOOP("TerriData", "Extra WFS endpoints (name|url;name|url)"),
    "deadline_api_s": QT_TRANSLATE_NOOP("TerriData", "Longest time for an API or metadata request (s)"),
    "deadline_data_s": QT_TRANSLATE_NOOP("TerriData", "Longest time for a data request (s)"),
    "deadline_download_s": QT_TRANSLATE_NOOP("TerriData", "Longest time for a file download (s)"),
    "ign_wfs_url": QT_TRANSLATE_NOOP("TerriData", "IGN WFS address"),
    "ign_wmts_url": QT_TRANSLATE_NOOP("TerriData", "IGN WMTS address"),
    "ign_wms_raster_url": QT_TRANSLATE_NOOP("TerriData", "IGN WMS address (raster)"),
    "ign_wms_vector_url": QT_TRANSLATE_NOOP("TerriData", "IGN WMS address (vector)"),
    "ign_geocoding_url": QT_TRANSLATE_NOOP("TerriData", "IGN geocoding address"),
    "insee_melodi_url": QT_TRANSLATE_NOOP("TerriData", "INSEE Melodi address"),
    "insee_geo_url": QT_TRANSLATE_NOOP("TerriData", "INSEE geographic metadata address"),
    "datagouv_url": QT_TRANSLATE_NOOP("TerriData", "data.gouv.fr API address"),
    "datagouv_tabular_url": QT_TRANSLATE_NOOP("TerriData", "data.gouv.fr tabular API address"),
    "datagouv_schema_url": QT_TRANSLATE_NOOP("TerriData", "schema.data.gouv.fr address"),
    "hubeau_url": QT_TRANSLATE_NOOP("TerriData", "Hub'Eau address"),
    "portals": QT_TRANSLATE_NOOP("TerriData", "Open-data portals added by you (JSON list)"),
    "sensorthings_endpoints": QT_TRANSLATE_NOOP("TerriData", "SensorThings services (name|url;name|url)"),
    "portal_zip_max_expanded_mb": QT_TRANSLATE_NOOP("TerriData", "Largest expanded size of a zip (MB)"),
    "portal_zip_max_ratio": QT_TRANSLATE_NOOP("TerriData", "Largest compression ratio of a zip"),
    "rate_ign_wfs": QT_TRANSLATE_NOOP("TerriData", "Rate limit, IGN WFS (requests/seconds)"),
    "rate_ign_wmts": QT_TRANSLATE_NOOP("TerriData", "Rate limit, IGN WMTS (requests/seconds)"),
    "rate_ign_geocoding": QT_TRANSLATE_NOOP("TerriData", "Rate limit, IGN geocoding (requests/seconds)"),
    "rate_insee_melodi": QT_TRANSLATE_NOOP("TerriData", "Rate limit, INSEE Melodi (requests/seconds)"),
    "rate_insee_geo": QT_TRANSLATE_NOOP("TerriData", "Rate limit, INSEE geographic API (requests/seconds)"),
    "rate_datagouv": QT_TRANSLATE_NOOP("TerriData", "Rate limit, data.gouv.fr (requests/seconds)"),
    "rate_opendatasoft": QT_TRANSLATE_NOOP("TerriData", "Rate limit, Opendatasoft portals (requests/seconds)"),
    "rate_ckan": QT_TRANSLATE_NOOP("TerriData", "Rate limit, CKAN portals (requests/seconds)"),
    "rate_hubeau": QT_TRANSLATE_NOOP("TerriData", "Rate limit, Hub'Eau (requests/seconds)"),
    "rate_sensorthings": QT_TRANSLATE_NOOP("TerriData", "Rate limit, SensorThings services (requests/seconds)"),
    "rate_default": QT_TRANSLATE_NOOP("TerriData", "Rate limit, other services (requests/seconds)"),
    "territory": QT_TRANSLATE_NOOP("TerriData", "Your territory (level:code, e.g. commune:91228)"),
    "favourites": QT_TRANSLATE_NOOP("TerriData", "Favourite datasets (JSON list)"),
}


class SettingsDialog(QDialog, FORM_CLASS):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.setWindowTitle(tr("TerriData settings"))
        self.lbl_intro.setText(
            tr(
                "Service addresses can point to a mirror or a regional platform. Keys and passwords are not stored "
                "here: choose a QGIS authentication configuration in each algorithm instead."
            )
        )
        self.editors = {}
        for field in fields(Settings):
            editor = self._editor_for(field.default)
            self.editors[field.name] = editor
            self.form.addRow(tr(LABELS.get(field.name, field.name.replace("_", " "))), editor)
        self._show(PlgSettings.get())
        self.btn_clear_cache.setText(tr("Clear the cache"))
        self.btn_clear_cache.clicked.connect(self._clear_cache)
        self._refresh_cache_label()
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.RestoreDefaults).clicked.connect(lambda: self._show(Settings()))

    @staticmethod
    def _editor_for(default):
        if isinstance(default, bool):
            return QCheckBox()
        if isinstance(default, int):
            box = QSpinBox()
            box.setRange(0, 1_000_000)
            return box
        if isinstance(default, float):
            box = QDoubleSpinBox()
            box.setRange(0, 86_400)
            return box
        return QLineEdit()

    def _show(self, settings: Settings) -> None:
        for name, value in asdict(settings).items():
            editor = self.editors[name]
            if isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            elif isinstance(editor, (QSpinBox, QDoubleSpinBox)):
                editor.setValue(value)
            else:
                editor.setText(str(value))

    def values(self) -> Settings:
        values = {}
        for name, editor in self.editors.items():
            if isinstance(editor, QCheckBox):
                values[name] = editor.isChecked()
            elif isinstance(editor, (QSpinBox, QDoubleSpinBox)):
                values[name] = editor.value()
            else:
                values[name] = editor.text().strip()
        return Settings(**values)

    def _save(self) -> None:
        PlgSettings.save(self.values())
        self.accept()

    def _refresh_cache_label(self) -> None:
        size_mb = ResponseCache().size_bytes() / 1e6
        self.lbl_cache.setText(tr("Response cache: {} MB", f"{size_mb:.1f}"))

    def _clear_cache(self) -> None:
        ResponseCache().clear()
        self._refresh_cache_label()


def show_about(parent=None) -> None:
    QMessageBox.about(
        parent,
        tr("About {}", __title__),
        f"<b>{__title__} {__version__}</b><br>{tr(__summary__)}<br><a href='{__uri_homepage__}'>{__uri_homepage__}</a>",
    )
