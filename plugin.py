"""The TerriData plugin object: Processing provider (also headless), menu, toolbar, settings and about."""

from pathlib import Path

from qgis.core import QgsApplication
from qgis.gui import QgsFilterLineEdit
from qgis.PyQt.QtCore import QCoreApplication, QTranslator
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QDockWidget

from .__about__ import DIR_PLUGIN_ROOT, __icon_path__, __title__
from .core.cog.referential import register_vintage_source
from .processing.provider import TerriDataProvider
from .providers.insee.geo_api import register_cached_vintages
from .toolbelt.i18n import interface_language, tr
from .toolbelt.logger import PlgLogger
from .toolbelt.network import unregister_request_preprocessor


class TerriDataPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.actions = []
        self.menu_name = __title__
        self.toolbar = None
        self.translator = None
        self.desktop = None  # catalogue dock, territory locator filter, Browser entries (ui/catalogue_desktop.py)
        self.options_factory = None
        self._install_translator()

    # --- translation ---------------------------------------------------------------------------------------
    def _install_translator(self) -> None:
        qm = Path(DIR_PLUGIN_ROOT) / "i18n" / f"terridata_{interface_language()}.qm"
        if qm.exists():
            self.translator = QTranslator()
            if self.translator.load(str(qm)):
                QCoreApplication.installTranslator(self.translator)
            else:
                self.translator = None

    # --- Processing (also called by qgis_process, without a GUI) -----------------------------------------
    def initProcessing(self):  # noqa: N802
        # COG vintages fetched from INSEE's API earlier are added when the referential is first used.
        register_vintage_source(register_cached_vintages)
        if self.provider is None:
            provider = TerriDataProvider()
            # QGIS refuses (and deletes) a second provider with the same id, e.g. when TerriData's provider is
            # already registered by another instance: then there is nothing of ours to remove on unload.
            if QgsApplication.processingRegistry().addProvider(provider):
                self.provider = provider

    # --- GUI ------------------------------------------------------------------------------------------------
    def initGui(self):  # noqa: N802
        self.initProcessing()
        if self.iface is None:
            return
        icon = QIcon(str(__icon_path__))
        self.toolbar = self.iface.addToolBar(__title__)
        self.toolbar.setObjectName("TerriDataToolbar")

        toolbox = self._add_action(icon, tr("TerriData algorithms…"), self.show_toolbox, toolbar=True)
        toolbox.setToolTip(tr("Open the TerriData algorithms in the Processing toolbox"))
        self._add_action(QIcon(), tr("Settings…"), self.show_settings)
        self._add_action(QIcon(), tr("About TerriData…"), self.show_about)
        from .ui.catalogue_desktop import DesktopEntries

        self.desktop = DesktopEntries(self.iface)
        self._add_action(icon, tr("TerriData catalogue"), self.desktop.toggle_dock, toolbar=True)
        from .ui.options_page import TerriDataOptionsFactory

        self.options_factory = TerriDataOptionsFactory()
        self.iface.registerOptionsWidgetFactory(self.options_factory)

    def _add_action(self, icon, text, callback, toolbar=False) -> QAction:
        action = QAction(icon, text, self.iface.mainWindow())
        action.triggered.connect(callback)
        self.iface.addPluginToMenu(self.menu_name, action)
        if toolbar:
            self.toolbar.addAction(action)
        self.actions.append(action)
        return action

    def show_toolbox(self):
        """Show the Processing toolbox filtered on TerriData's algorithms."""
        dock = self.iface.mainWindow().findChild(QDockWidget, "ProcessingToolbox")
        if dock is None:
            PlgLogger.log(tr("Enable the Processing plugin to use TerriData's algorithms."), "warning", push=True)
            return
        dock.setVisible(True)
        dock.raise_()
        search = dock.findChild(QgsFilterLineEdit)
        if search is not None:
            search.setText("terridata:")

    def show_settings(self):
        """Open QGIS's Options dialog on TerriData's page."""
        from .ui.options_page import PAGE_NAME

        self.iface.showOptionsDialog(self.iface.mainWindow(), currentPage=PAGE_NAME)

    def show_about(self):
        from .ui.dlg_about import show_about

        show_about(self.iface.mainWindow())

    def unload(self):
        if self.desktop is not None:
            self.desktop.unload()
            self.desktop = None
        if self.options_factory is not None:
            self.iface.unregisterOptionsWidgetFactory(self.options_factory)
            self.options_factory = None
        for action in self.actions:
            if self.iface is not None:
                self.iface.removePluginMenu(self.menu_name, action)
            action.deleteLater()
        self.actions = []
        if self.toolbar is not None:
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None
        unregister_request_preprocessor()
