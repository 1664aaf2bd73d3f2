"""Logging to QgsMessageLog under the "TerriData" tab, and to the message bar for user-facing messages.

Every message goes through the sanitiser (``toolbelt.secrets.scrub_text``) first: nothing logged can leak a
secret (URL credentials, keys, tokens, authorization values, secrets read from an authentication configuration).
"""

from qgis.core import Qgis, QgsMessageLog

from .secrets import scrub_text
from .settings import PlgSettings

LOG_TAG = "TerriData"

_LEVELS = {
    "info": Qgis.Info,
    "warning": Qgis.Warning,
    "critical": Qgis.Critical,
    "success": Qgis.Success,
}


class PlgLogger:
    """``log(message, level, push=False)``: always to the log panel; ``push`` also shows it in the message bar."""

    @staticmethod
    def log(message: str, level: str = "info", push: bool = False, duration: int = 5) -> None:
        qlevel = _LEVELS.get(level, Qgis.Info)
        message = scrub_text(message)
        QgsMessageLog.logMessage(message, LOG_TAG, qlevel, notifyUser=push)
        if push:
            iface = _iface()
            if iface is not None:
                iface.messageBar().pushMessage(LOG_TAG, message, qlevel, duration)

    @staticmethod
    def debug(message: str) -> None:
        """Written only when the debug-mode setting is on (sanitised like every message)."""
        if PlgSettings.get().debug_mode:
            QgsMessageLog.logMessage(scrub_text(message), LOG_TAG, Qgis.Info, notifyUser=False)


def _iface():
    try:
        from qgis.utils import iface
    except ImportError:
        return None
    return iface
