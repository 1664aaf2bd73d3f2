"""TerriData installed as a local authority's workstations install it: ``make repository`` published on a web server
(here http.server on 127.0.0.1), the repository added to a fresh QGIS profile, TerriData installed by QGIS's own
plugin installer (tests/qgis/deploy_install_runner.py, in a subprocess), then loaded by ``qgis_process``; the next
version published, upgraded through the installer, the user's settings kept."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from qgis_process_helper import list_algorithms
from release_helper import (
    FolderServer,
    checkout_version,
    copy_with_version,
    next_version,
    package_checkout,
    publish,
    release_copy,
)

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
USER_SETTINGS = {
    "request_timeout_s": "42",
    "portals": json.dumps([{"name": "Open data 91", "kind": "opendatasoft", "url": "https://data.example.fr"}]),
}


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    """A web server on 127.0.0.1 and the folder it publishes at ``<server>/qgis/plugins/`` (the base URL)."""
    www = tmp_path_factory.mktemp("www")
    (www / "qgis" / "plugins").mkdir(parents=True)
    server = FolderServer(www)
    yield server, www / "qgis" / "plugins", f"{server.url}/qgis/plugins/"
    server.close()


def _install(profile_root: Path, repository_url: str, *assignments: str) -> dict:
    """Run deploy_install_runner.py in its own process (QGIS and the plugin loaded there, not in the tests')."""
    # The workstation reaches the repository directly (no TerriData override, no proxy for 127.0.0.1).
    env = {k: v for k, v in os.environ.items() if not k.startswith("TERRIDATA_") and not k.lower().endswith("_proxy")}
    for name in ("PYTHONPATH", "QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH"):
        env.pop(name, None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    command = [sys.executable, str(HERE / "deploy_install_runner.py"), str(profile_root), repository_url]
    for assignment in assignments:
        command += ["--set", assignment]
    done = subprocess.run(
        command, cwd=profile_root.parent, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert done.returncode == 0 and lines, done.stdout[-3000:] + done.stderr[-5000:]
    return json.loads(lines[-1][len("RESULT ") :])


@pytest.fixture(scope="module")
def installed(web, tmp_path_factory):
    """The current version published, then installed in a fresh profile, and settings changed by the user."""
    server, published, base_url = web
    dist = tmp_path_factory.mktemp("dist-current")
    done = package_checkout(dist, repository_url=base_url)
    assert done.returncode == 0, done.stdout + done.stderr
    publish(dist, published)
    profile_root = tmp_path_factory.mktemp("workstation") / "qgis-config"
    profile_root.mkdir()
    assignments = [f"{name}={value}" for name, value in USER_SETTINGS.items()]
    result = _install(profile_root, base_url + "plugins.xml", *assignments)
    return profile_root, result, list(server.requests)


def test_installed_through_the_plugin_installer(installed, web):
    profile_root, result, requests = installed
    _, _, base_url = web
    version = checkout_version()
    assert result["repository_state"] == 2, result["repository_error"]  # Repositories.STATE_LOADED
    assert result["repositories"] == ["Intranet SIG"]
    assert result["status_before"] == "not installed" and result["version_available"] == version
    assert result["download_url"] == f"{base_url}terridata.{version}.zip"
    assert result["experimental"] is False
    assert result["status_after"] == "installed" and result["version_installed"] == version
    assert result["plugin_error"] == ""
    assert result["started_at_startup"] == []  # a fresh profile
    assert result["loaded"] and result["enabled"] and result["provider"]
    assert result["loaded_version"] == version
    plugins_dir = profile_root / "profiles" / "default" / "python" / "plugins"
    assert Path(result["module"]) == plugins_dir / "terridata" / "__init__.py"
    # The installer fetched plugins.xml (with its ?qgis= version parameter) and the zip from the web server.
    assert any(path.startswith("/qgis/plugins/plugins.xml?qgis=") for path in requests), requests
    assert f"/qgis/plugins/terridata.{version}.zip" in requests
    # What was unzipped is the package, without development files.
    assert (plugins_dir / "terridata" / "metadata.txt").is_file()
    assert not (plugins_dir / "terridata" / "tests").exists()


def test_qgis_process_lists_the_installed_algorithms(installed):
    profile_root, _, _ = installed
    listing = list_algorithms(profile_root)
    provider = listing["providers"].get("terridata")
    assert provider, sorted(listing["providers"])
    assert provider["version"] == checkout_version()
    from terridata.processing.provider import algorithm_classes

    expected = {f"terridata:{cls.NAME}" for cls in algorithm_classes()}
    assert expected and set(provider["algorithms"]) == expected


def test_upgrade_keeps_the_user_settings(installed, web, tmp_path):
    profile_root, first, _ = installed
    assert first["settings"]["request_timeout_s"] == "42.0"  # set by the user (PlgSettings) after installing
    assert first["settings"]["portals"] == USER_SETTINGS["portals"]
    server, published, base_url = web
    new = next_version(checkout_version())
    root = copy_with_version(tmp_path / "plugin", new, "### Fixed\n- A fix published by the IT department.")
    done = release_copy(root, tmp_path / "dist", repository_url=base_url)
    assert done.returncode == 0, done.stdout + done.stderr
    publish(tmp_path / "dist", published)

    result = _install(profile_root, base_url + "plugins.xml")
    assert result["version_installed_before"] == checkout_version()
    assert result["status_before"] == "upgradeable" and result["version_available"] == new
    assert result["status_after"] == "installed" and result["version_installed"] == new
    # Running before the upgrade (enabled at start-up), reloaded by the installer: the new code runs.
    assert result["started_at_startup"] == ["terridata"]
    assert result["plugin_error"] == "" and result["loaded"] and result["enabled"] and result["provider"]
    assert result["loaded_version"] == new
    assert f"/qgis/plugins/terridata.{new}.zip" in server.requests
    assert result["settings"]["request_timeout_s"] == "42.0"
    assert result["settings"]["portals"] == USER_SETTINGS["portals"]
    listing = list_algorithms(profile_root)
    assert listing["providers"]["terridata"]["version"] == new
