"""deploy/: the QGIS Deployment Toolbelt (QDT) scenario and profile of a (fictional) département's IT department.

QDT (PyPI ``qgis-deployment-toolbelt``, in .venv-deploy) runs deploy/scenario.qdt.yml offline: the profiles come from
a git repository on the local disk holding deploy/profiles/ (as a network share would), TerriData from a plugin
repository made by ``make repository`` and served on 127.0.0.1. The resulting QGIS profile has TerriData installed
and enabled, TerriData's settings preset (checked with Qt's own INI reader, as QGIS reads them), and qgis_process
loads the plugin from it. A later run with a new profile version upgrades TerriData and keeps what the user changed.
No secret in deploy/: authentication configurations are referenced by id only."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import fields
from pathlib import Path

import pytest
from qgis.PyQt.QtCore import QSettings
from qgis_process_helper import list_algorithms
from release_helper import (
    FolderServer,
    checkout_version,
    copy_with_version,
    next_version,
    package_checkout,
    publish,
    release_copy,
    tool_environment,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
DEPLOY = REPO_ROOT / "deploy"
PROFILE_NAME = "TerriData Departement"
# What deploy/ publishes, as the IT department's documentation (deploy/README.md) states it.
PUBLISHED_REPOSITORY = "https://sig.departement.example.fr/qgis/plugins/"
PROFILES_SHARE = "file:///srv/sig/qgis-profiles/"
# TerriData's presets of deploy/profiles/terridata_departement/QGIS/QGIS3.ini, written out here independently.
EXPECTED_PRESETS = {
    "territory": "departement:91",
    "sensorthings_endpoints": "Capteurs air du Département|https://capteurs.departement.example.fr/FROST-Server/v1.1",
    "extra_wfs_endpoints": "Plateforme régionale|https://geo.region.example.fr/geoserver/wfs",
}
EXPECTED_PORTALS = [
    {"name": "Open data du Département", "kind": "opendatasoft", "url": "https://opendata.departement.example.fr"},
    {"name": "Catalogue interne", "kind": "ckan", "url": "https://catalogue.sig.departement.example.fr"},
]
# Settings added by other parts of TerriData merged separately: the catalogue dock's territory (issue 12).
SETTINGS_OF_OTHER_BRANCHES = {"territory"}


@pytest.fixture(scope="module")
def qdt() -> Path:
    """QDT in its own environment (scripts/tool_venv.sh; quick when it is there already)."""
    tool = tool_environment("deploy", "requirements/deploy.txt") / "bin" / "qdt"
    assert tool.exists()
    return tool


@pytest.fixture(scope="module")
def site(tmp_path_factory, qdt):
    """The IT department's site: the plugin repository on a web server, the profiles in a git repository."""
    www = tmp_path_factory.mktemp("www")
    published = www / "qgis" / "plugins"
    published.mkdir(parents=True)
    server = FolderServer(www)
    base_url = f"{server.url}/qgis/plugins/"
    dist = tmp_path_factory.mktemp("dist")
    done = package_checkout(dist, repository_url=base_url)
    assert done.returncode == 0, done.stdout + done.stderr
    publish(dist, published)
    profiles = tmp_path_factory.mktemp("share") / "qgis-profiles"
    shutil.copytree(DEPLOY / "profiles", profiles)
    for path in profiles.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace(PUBLISHED_REPOSITORY, base_url), encoding="utf-8")
    _git(profiles, "init", "-q", "-b", "main")
    _commit(profiles, "Profiles of the GIS workstations")
    yield {"server": server, "published": published, "base_url": base_url, "profiles": profiles}
    server.close()


def _git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=SIG", "-c", "user.email=sig@example.invalid", *args],
        cwd=folder,
        check=True,
        capture_output=True,
    )


def _commit(folder: Path, message: str) -> None:
    _git(folder, "add", "-A")
    _git(folder, "commit", "-q", "-m", message)


def _run_qdt(qdt: Path, workstation: Path, profiles: Path) -> subprocess.CompletedProcess:
    """Run deploy/scenario.qdt.yml on a workstation (a home folder and a QGIS configuration folder of its own)."""
    scenario = (DEPLOY / "scenario.qdt.yml").read_text(encoding="utf-8")
    assert scenario.count(PROFILES_SHARE) == 1
    (workstation / "scenario.qdt.yml").write_text(scenario.replace(PROFILES_SHARE, profiles.as_uri()), encoding="utf-8")
    (workstation / "logs").mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy") and not k.startswith("QDT_")}
    env.update(
        HOME=str(workstation / "home"),
        QGIS_CUSTOM_CONFIG_PATH=str(workstation / "QGIS3" / "profiles"),  # QDT: the profiles folder itself
        QDT_LOGS_DIR=str(workstation / "logs"),
        NO_PROXY="127.0.0.1,localhost",
    )
    env.pop("QGIS_OPTIONS_PATH", None)
    return subprocess.run(
        [str(qdt), "deploy", "-s", "scenario.qdt.yml"],
        cwd=workstation,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=600,
    )


def _profile_settings(profile: Path) -> QSettings:
    return QSettings(str(profile / "QGIS" / "QGIS3.ini"), QSettings.IniFormat)


def _installed_version(profile: Path) -> str:
    text = (profile / "python" / "plugins" / "terridata" / "metadata.txt").read_text(encoding="utf-8")
    return re.search(r"^version=(.*)$", text, flags=re.M).group(1)


@pytest.fixture(scope="module")
def deployed(site, qdt, tmp_path_factory):
    workstation = tmp_path_factory.mktemp("workstation")
    done = _run_qdt(qdt, workstation, site["profiles"])
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    return workstation, workstation / "QGIS3" / "profiles" / PROFILE_NAME


def test_profile_installed_with_terridata_enabled_and_preset(deployed, site):
    workstation, profile = deployed
    assert _installed_version(profile) == checkout_version()
    assert f"/qgis/plugins/terridata.{checkout_version()}.zip" in site["server"].requests
    settings = _profile_settings(profile)
    assert settings.value("PythonPlugins/terridata", False, type=bool) is True
    for name, value in EXPECTED_PRESETS.items():
        assert settings.value(f"terridata/{name}") == value, name
    portals = json.loads(settings.value("terridata/portals"))
    assert [{k: p[k] for k in ("name", "kind", "url")} for p in portals] == EXPECTED_PORTALS
    # The plugin manager knows the Département's repository: updates come from there too.
    assert settings.value("app/plugin_repositories/SIG du Departement/url") == site["base_url"] + "plugins.xml"
    # QGIS opens on this profile.
    profiles_ini = QSettings(str(profile.parent / "profiles.ini"), QSettings.IniFormat)
    assert profiles_ini.value("core/defaultProfile") == PROFILE_NAME


def test_presets_are_terridata_settings(deployed):
    """Every key the profile sets under [terridata] is one TerriData reads (a misspelt key would do nothing)."""
    from terridata.toolbelt.settings import Settings

    _, profile = deployed
    settings = _profile_settings(profile)
    settings.beginGroup("terridata")
    keys = set(settings.childKeys())
    settings.endGroup()
    assert keys >= set(EXPECTED_PRESETS) | {"portals"}
    assert keys - {f.name for f in fields(Settings)} <= SETTINGS_OF_OTHER_BRANCHES


def test_qgis_process_loads_terridata_from_the_deployed_profile(deployed, tmp_path):
    """qgis_process (3.22) always opens the profile named "default": a copy of the deployed one, under that name."""
    _, profile = deployed
    shutil.copytree(profile, tmp_path / "profiles" / "default")
    listing = list_algorithms(tmp_path)
    assert listing["providers"]["terridata"]["version"] == checkout_version()
    assert len(listing["providers"]["terridata"]["algorithms"]) > 10


def test_new_profile_version_upgrades_terridata_and_keeps_user_settings(deployed, site, qdt, tmp_path):
    workstation, profile = deployed
    user = _profile_settings(profile)
    user.setValue("terridata/request_timeout_s", 42)  # changed by the user in TerriData's settings
    user.sync()
    # The IT department publishes TerriData's next version and the profile's next version naming it.
    new = next_version(checkout_version())
    root = copy_with_version(tmp_path / "plugin", new, "### Fixed\n- A fix.")
    done = release_copy(root, tmp_path / "dist", repository_url=site["base_url"])
    assert done.returncode == 0, done.stdout + done.stderr
    publish(tmp_path / "dist", site["published"])
    profile_json = next(site["profiles"].glob("*/profile.json"))
    data = json.loads(profile_json.read_text(encoding="utf-8"))
    data["version"] = "1.0.1"
    for plugin in data["plugins"]:
        if plugin["folder_name"] == "terridata":
            plugin["version"] = new
    profile_json.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    _commit(site["profiles"], f"TerriData {new}")

    done = _run_qdt(qdt, workstation, site["profiles"])
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    assert _installed_version(profile) == new
    settings = _profile_settings(profile)
    assert settings.value("terridata/request_timeout_s") == "42"
    assert settings.value("terridata/territory") == EXPECTED_PRESETS["territory"]
    assert settings.value("PythonPlugins/terridata", False, type=bool) is True


def _deploy_files() -> list[Path]:
    return sorted(path for path in DEPLOY.rglob("*") if path.is_file())


def test_no_secret_in_deploy():
    from terridata.toolbelt.secrets import is_secret_param, url_credentials

    assert _deploy_files()
    for path in _deploy_files():
        text = path.read_text(encoding="utf-8")
        for url in re.findall(r"[a-z][a-z0-9+.-]*://[^\s\"'<>|\\]+", text):
            assert not url_credentials(url), f"{path}: {url}"
        for name in re.findall(r"^\s*[\"']?([\w.\\-]+)[\"']?\s*[=:]", text, flags=re.M):
            assert not is_secret_param(name.split("\\")[-1]), f"{path}: {name}"
    # Portals: an authentication configuration is referenced by its id (7 letters or digits), nothing else.
    ini = DEPLOY / "profiles" / "terridata_departement" / "QGIS" / "QGIS3.ini"
    portals = json.loads(QSettings(str(ini), QSettings.IniFormat).value("terridata/portals"))
    for portal in portals:
        assert set(portal) <= {"name", "kind", "url", "authcfg"}, portal
        assert portal.get("authcfg", "") == "" or re.fullmatch(r"[a-z0-9]{7}", portal["authcfg"]), portal
    assert any(portal.get("authcfg") for portal in portals)  # the example shows how a protected portal is set
