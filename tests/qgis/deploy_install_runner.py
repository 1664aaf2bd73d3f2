"""Install (or upgrade) TerriData from a plugin repository with QGIS's own plugin installer, headless.

Run by tests/qgis/test_deploy_install.py in a subprocess of its own (so nothing leaks into the test session)::

    python deploy_install_runner.py PROFILE_ROOT REPOSITORY_URL [--set NAME=VALUE ...]

PROFILE_ROOT is a QGIS configuration folder (as ``QGIS_CUSTOM_CONFIG_PATH``/``--profiles-path``); the profile is
``PROFILE_ROOT/profiles/default``. What QGIS Desktop does is done here the same way, with its own code:
- the repository is added to the profile's settings as the plugin manager's "Add repository" does
  (``app/plugin_repositories/<name>/url``), the official repository disabled (no internet here);
- on QGIS with a settings tree (3.40 and 3.44 here), the plugin manager's settings (the tree's ``plugin-manager``
  node, which QGIS Desktop's application registers and ``pyplugin_installer`` reads) are registered as it does;
- ``pyplugin_installer``'s ``QgsPluginInstaller`` fetches every enabled repository (``fetchAvailablePlugins``: its
  ``Repositories`` class downloads plugins.xml with ``QgsNetworkAccessManager``) and ``installPlugin`` downloads
  the zip, unzips it into the profile's ``python/plugins``, loads and starts the plugin and enables it.
What QGIS Desktop has and a headless process has not is its main window: pytest-qgis' ``QgisInterface`` (a main
window, a map canvas, and stand-ins for the plugin manager's window) takes the place of ``iface``.
``--set NAME=VALUE`` then changes TerriData settings through the installed plugin's own ``PlgSettings`` (as the
settings dialog does). Prints one JSON line: what the installer saw and did, and TerriData's settings.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

REPOSITORY_NAME = "Intranet SIG"


def main(argv: list[str]) -> dict:
    root, repository_url, *rest = argv
    profile = Path(root) / "profiles" / "default"
    plugins_dir = profile / "python" / "plugins"
    plugins_dir.mkdir(parents=True, exist_ok=True)
    os.environ["QGIS_CUSTOM_CONFIG_PATH"] = root

    # pytest-qgis first: its QgisInterface's slots only connect when it is imported before QGIS's application.
    from pytest_qgis.mock_qgis_classes import MockMessageBar
    from pytest_qgis.qgis_interface import QgisInterface
    from qgis.core import QgsApplication, QgsSettings
    from qgis.gui import QgsMapCanvas
    from qgis.PyQt.QtCore import QCoreApplication, QSettings
    from qgis.PyQt.QtWidgets import QMainWindow

    QCoreApplication.setOrganizationName(QgsApplication.QGIS_ORGANIZATION_NAME)
    QCoreApplication.setOrganizationDomain(QgsApplication.QGIS_ORGANIZATION_DOMAIN)
    QCoreApplication.setApplicationName(QgsApplication.QGIS_APPLICATION_NAME)
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(profile))
    app = QgsApplication([], True)
    app.initQgis()

    import qgis.utils

    window = QMainWindow()
    iface = QgisInterface(QgsMapCanvas(window), MockMessageBar(), window)
    qgis.utils.iface = iface
    # What QGIS Desktop's Python start-up does: the profile's plugin folder is where plugins live and are imported.
    # (QGIS 3.22 names it home_plugin_path, 3.34+ HOME_PLUGIN_PATH, which pyplugin_installer copies at import.)
    qgis.utils.home_plugin_path = str(plugins_dir)
    qgis.utils.HOME_PLUGIN_PATH = str(plugins_dir)
    qgis.utils.plugin_paths[:] = [str(plugins_dir)]
    sys.path.insert(0, str(plugins_dir))
    sys.path.append(os.path.join(QgsApplication.pkgDataPath(), "python"))  # where QGIS keeps pyplugin_installer

    settings = QgsSettings()
    settings.setValue("app/plugin_installer/checkOnStart", False)  # QGIS < 3.30
    plugin_manager = _register_plugin_manager_settings()
    if plugin_manager is not None:  # QGIS with a settings tree (3.40, 3.44)
        plugin_manager.childSetting("automatically-check-for-updates").setValue(False)
    settings.setValue(
        "app/plugin_repositories/QGIS Official Plugin Repository/url", "https://plugins.qgis.org/plugins/plugins.xml"
    )
    settings.setValue("app/plugin_repositories/QGIS Official Plugin Repository/enabled", False)
    settings.setValue(f"app/plugin_repositories/{REPOSITORY_NAME}/url", repository_url)
    settings.setValue(f"app/plugin_repositories/{REPOSITORY_NAME}/enabled", True)

    # QGIS Desktop's start-up: the enabled plugins are loaded and started before anything else.
    qgis.utils.updateAvailablePlugins()
    started_at_startup = [
        name
        for name in qgis.utils.available_plugins
        if settings.value(f"PythonPlugins/{name}", False, type=bool)
        and qgis.utils.loadPlugin(name)
        and qgis.utils.startPlugin(name)
    ]

    import pyplugin_installer
    from pyplugin_installer.installer_data import plugins, repositories

    pyplugin_installer.initPluginInstaller()
    installer = pyplugin_installer.instance()
    installer.fetchAvailablePlugins(reloadMode=True)
    repository = repositories.all()[REPOSITORY_NAME]
    result = {
        "repository_state": repository["state"],
        "repository_error": repository["error"],
        "repositories": sorted(repositories.allEnabled()),
        "started_at_startup": started_at_startup,
    }
    before = plugins.all().get("terridata")
    if before is None:
        return {**result, "error": "TerriData is not in the repository's plugin list"}
    result.update(
        status_before=before["status"],
        version_available=before["version_available"],
        version_installed_before=before["version_installed"],
        experimental=before["experimental"],
        download_url=before["download_url"],
    )
    installer.installPlugin("terridata", quiet=True)
    after = plugins.all()["terridata"]
    result.update(
        status_after=after["status"],
        version_installed=after["version_installed"],
        plugin_error=after["error"],
        plugin_error_details=after["error_details"],
        loaded="terridata" in qgis.utils.plugins,
        enabled=QgsSettings().value("PythonPlugins/terridata", False, type=bool),
        module=sys.modules["terridata"].__file__ if "terridata" in sys.modules else None,
        provider=QgsApplication.processingRegistry().providerById("terridata") is not None,
        loaded_version=getattr(sys.modules.get("terridata.__about__"), "__version__", None),
    )
    from terridata.toolbelt.settings import PlgSettings

    for assignment in rest:
        if assignment == "--set":
            continue
        name, _, value = assignment.partition("=")
        PlgSettings.set_value(name, value)
    result["settings"] = {key: str(value) for key, value in vars(PlgSettings.get()).items()}
    QgsSettings().sync()
    return result


# The settings entries registered below, kept referenced for the life of the process (the settings tree holds
# pointers to them).
_PLUGIN_MANAGER_ENTRIES: list = []


def _register_plugin_manager_settings():
    """The plugin manager's settings, registered as QGIS Desktop registers them; their tree node.

    Newer QGIS (3.40 and 3.44 here) have a settings tree (QGIS 3.30+), and their ``pyplugin_installer`` reads its
    settings through ``QgsSettingsTree.node("plugin-manager")``, a node that QGIS Desktop's application (not the
    qgis_core library) creates: src/app/pluginmanager's
    ``QgsPluginManager`` declares ``plugin-manager`` under the tree's root with these entries and defaults. A
    headless process must do the same, or the installer fails with "'NoneType' object has no attribute
    'childSetting'". Returns None on a QGIS without the settings tree (3.22 reads ``app/plugin_installer/*``)."""
    from qgis import core

    tree = getattr(core, "QgsSettingsTree", None)
    if tree is None:
        return None
    node = tree.node("plugin-manager")
    if node is not None:
        return node
    from qgis.PyQt.QtCore import QDate

    node = tree.treeRoot().createChildNode("plugin-manager")
    _PLUGIN_MANAGER_ENTRIES.extend(
        [
            core.QgsSettingsEntryBool("automatically-check-for-updates", node, True),
            core.QgsSettingsEntryBool("allow-experimental", node, False),
            core.QgsSettingsEntryBool("allow-deprecated", node, False),
            core.QgsSettingsEntryVariant("check-on-start-last-date", node, QDate()),
            core.QgsSettingsEntryStringList("seen-plugins", node, []),
            core.QgsSettingsEntryString("last-zip-directory", node, ""),
            core.QgsSettingsEntryBool("show-install-from-zip-warning", node, True),
        ]
    )
    return node


if __name__ == "__main__":
    outcome = main(sys.argv[1:])
    print("RESULT " + json.dumps(outcome), flush=True)
    # Leave without tearing QGIS and the loaded plugin down: the settings are written (sync above), and exit-time
    # destruction of Qt objects owned by Python is not what this runner tests.
    os._exit(0)
