"""The About box of the plugin menu: TerriData's own icon, name, version (from metadata.txt), summary and homepage."""

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QMessageBox

from ..__about__ import __icon_path__, __summary__, __title__, __uri_homepage__, __version__
from ..toolbelt.i18n import tr

ICON_SIZE = 64


def about_box(parent=None) -> QMessageBox:
    """The box, not shown (:func:`show_about` shows it)."""
    box = QMessageBox(parent)
    icon = QIcon(str(__icon_path__))
    box.setWindowTitle(tr("About {}", __title__))
    box.setWindowIcon(icon)
    box.setIconPixmap(icon.pixmap(ICON_SIZE, ICON_SIZE))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(
        f"<b>{__title__} {__version__}</b><br>{tr(__summary__)}<br><a href='{__uri_homepage__}'>{__uri_homepage__}</a>"
    )
    box.setStandardButtons(QMessageBox.Close)
    return box


def show_about(parent=None) -> None:
    about_box(parent).exec()
