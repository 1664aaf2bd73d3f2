"""``make package`` (scripts/package.sh: qgis-plugin-ci on a staged tree) builds a zip that QGIS installs: one top
folder ``terridata/``, no tests nor development files, the compiled French translation, metadata.txt's changelog
filled from CHANGELOG.md; the same commit gives the same bytes; unzipped into a fresh profile, qgis_process loads
it. ``make repository`` writes plugins.xml with download URLs under the given base URL and the experimental flag
taken from the version."""

from __future__ import annotations

import configparser
import hashlib
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from qgis_process_helper import list_algorithms, qgis_process
from release_helper import copy_with_version, package_checkout, release_copy

REPO_ROOT = Path(__file__).resolve().parents[2]
BASE_URL = "https://sig.example-departement.fr/qgis/plugins"


@pytest.fixture(scope="module")
def repository(tmp_path_factory) -> Path:
    """``make repository BASE_URL=...`` of this checkout: the folder holding plugins.xml and the zip."""
    dist = tmp_path_factory.mktemp("dist")
    done = package_checkout(dist, repository_url=BASE_URL)
    assert done.returncode == 0, done.stdout + done.stderr
    return dist


@pytest.fixture(scope="module")
def package(repository) -> Path:
    zips = list(repository.glob("*.zip"))
    assert len(zips) == 1, zips
    return zips[0]


def _version() -> str:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(REPO_ROOT / "metadata.txt", encoding="utf-8")
    return parser["general"]["version"]


def _zip_metadata(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    with zipfile.ZipFile(path) as archive:
        parser.read_string(archive.read("terridata/metadata.txt").decode("utf-8"))
    return parser["general"]


def test_zip_content(package):
    # qgis-plugin-ci's name: the plugin id before the first dot is what QGIS's installer takes as the folder.
    assert package.name == f"terridata.{_version()}.zip"
    with zipfile.ZipFile(package) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
    assert {name.split("/")[0] for name in names} == {"terridata"}
    inside = [name[len("terridata/") :] for name in names]
    for required in ("metadata.txt", "__init__.py", "plugin.py", "processing/provider.py", "i18n/terridata_fr.qm"):
        assert required in inside
    assert _zip_metadata(package)["icon"] == "resources/images/icon.svg" and "resources/images/icon.svg" in inside
    # Every module of the plugin is there (what git knows of the code, minus the development folders).
    code = {
        path.relative_to(REPO_ROOT).as_posix()
        for folder in ("core", "processing", "providers", "toolbelt", "ui")
        if (REPO_ROOT / folder).is_dir()
        for path in (REPO_ROOT / folder).rglob("*.py")
        if "__pycache__" not in path.parts
    }
    assert code <= set(inside), sorted(code - set(inside))
    # Nothing of development nor of deployment.
    for name in inside:
        top = name.split("/")[0]
        assert top not in {
            "tests",
            "scripts",
            "requirements",
            "deploy",
            ".venv",
            ".venv-release",
            ".venv-deploy",
            ".build",
            ".ci",
            ".git",
            ".qgis-settings",
            "demo-output",
            "dist",
        }, name
        assert top not in {"Makefile", "pyproject.toml", ".gitignore", ".qgis-plugin-ci"}, name
        assert "__pycache__" not in name and not name.endswith(".pyc"), name
        assert not name.endswith(".ts"), name


def _changelog_items(version: str) -> list[str]:
    """The first line of each item of CHANGELOG.md's section for ``version``, read here independently."""
    text = (REPO_ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    section = re.search(rf"^## \[{re.escape(version)}\][^\n]*\n(.*?)(?=^## |\Z)", text, flags=re.M | re.S)
    assert section, f"CHANGELOG.md has no section for {version}"
    return [line[2:].strip() for line in section.group(1).splitlines() if line.startswith("- ")]


def test_changelog_filled_from_changelog_md(package):
    metadata = _zip_metadata(package)
    assert metadata["version"] == _version()
    changelog = metadata["changelog"]
    assert f"Version {_version()}:" in changelog
    items = _changelog_items(_version())
    assert items
    for item in items:
        assert item in changelog, item
    # The packaged CHANGELOG.md itself is the project's, untouched.
    with zipfile.ZipFile(package) as archive:
        assert archive.read("terridata/CHANGELOG.md") == (REPO_ROOT / "CHANGELOG.md").read_bytes()


def test_same_commit_same_bytes(package, tmp_path):
    done = package_checkout(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    again = tmp_path / package.name
    assert hashlib.sha256(again.read_bytes()).hexdigest() == hashlib.sha256(package.read_bytes()).hexdigest()
    with zipfile.ZipFile(again) as archive:
        infos = archive.infolist()
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {info.external_attr >> 16 for info in infos} == {0o100644}


def test_repository_xml(repository, package):
    root = ElementTree.parse(repository / "plugins.xml").getroot()
    plugins = root.findall("pyqgis_plugin")
    assert len(plugins) == 1
    plugin = plugins[0]
    assert plugin.get("version") == plugin.findtext("version") == _version()
    assert plugin.findtext("file_name") == package.name
    assert plugin.findtext("download_url") == f"{BASE_URL}/{package.name}"
    assert plugin.findtext("icon") == f"{BASE_URL}/terridata.svg"
    assert (repository / "terridata.svg").read_bytes() == (REPO_ROOT / "resources/images/icon.svg").read_bytes()
    assert (repository / "plugins.xsl").is_file()
    # A release version (no pre-release suffix) is not experimental, in plugins.xml and in the zip alike.
    assert plugin.findtext("experimental") == "False"
    assert _zip_metadata(package)["experimental"] == "False"
    assert plugin.findtext("qgis_minimum_version") == _zip_metadata(package)["qgisMinimumVersion"]
    # The date of the version in CHANGELOG.md, not the build time (so the repository is reproducible too).
    date = re.search(rf"^## \[{re.escape(_version())}\] - (\S+)", (REPO_ROOT / "CHANGELOG.md").read_text(), re.M)
    assert plugin.findtext("update_date").startswith(date.group(1))


def test_prerelease_is_experimental(repository, tmp_path):
    root = copy_with_version(tmp_path / "plugin", "0.2.0-beta.1", "### Added\n- A beta feature, 50 % faster.")
    done = release_copy(root, tmp_path / "dist", repository_url="http://127.0.0.1:9/repo/")
    assert done.returncode == 0, done.stdout + done.stderr
    plugin = ElementTree.parse(tmp_path / "dist" / "plugins.xml").getroot().find("pyqgis_plugin")
    assert plugin.findtext("experimental") == "True"
    assert plugin.findtext("download_url") == "http://127.0.0.1:9/repo/terridata.0.2.0-beta.1.zip"
    metadata = _zip_metadata(tmp_path / "dist" / "terridata.0.2.0-beta.1.zip")
    assert metadata["experimental"] == "True" and metadata["version"] == "0.2.0-beta.1"
    # Read as QGIS reads metadata.txt (configparser with its default interpolation, where "%%" is "%").
    qgis_reader = configparser.ConfigParser()
    with zipfile.ZipFile(tmp_path / "dist" / "terridata.0.2.0-beta.1.zip") as archive:
        qgis_reader.read_string(archive.read("terridata/metadata.txt").decode("utf-8"))
    changelog = qgis_reader.get("general", "changelog")
    assert "Version 0.2.0-beta.1:" in changelog and "Added:" in changelog
    assert "- A beta feature, 50 % faster." in changelog


def test_version_without_changelog_section_is_refused(repository, tmp_path):
    root = copy_with_version(tmp_path / "plugin", "0.3.0", None)
    done = release_copy(root, tmp_path / "dist")
    assert done.returncode != 0
    assert "CHANGELOG.md has no section for version 0.3.0" in done.stderr
    assert not (tmp_path / "dist").exists()


def test_base_url_with_credentials_is_refused(repository, tmp_path):
    done = release_copy(REPO_ROOT, tmp_path / "dist", repository_url="https://user:secret@intranet.example/qgis/")
    assert done.returncode != 0
    assert "must not hold credentials" in done.stderr and "secret" not in done.stderr


def test_installed_zip_loads_in_a_fresh_profile_in_french(package, tmp_path):
    profile = tmp_path / "profile"
    plugins = profile / "profiles" / "default" / "python" / "plugins"
    plugins.mkdir(parents=True)
    with zipfile.ZipFile(package) as archive:
        archive.extractall(plugins)
    (profile / "profiles" / "default" / "QGIS").mkdir()
    # Enabled, and QGIS set to French: the provider's long name then comes from the zip's compiled translation.
    (profile / "profiles" / "default" / "QGIS" / "QGIS3.ini").write_text(
        "[PythonPlugins]\nterridata=true\n\n[locale]\noverrideFlag=true\nuserLocale=fr_FR\n", encoding="utf-8"
    )
    listing = list_algorithms(profile)
    assert "terridata" in listing["providers"], sorted(listing["providers"])
    provider = listing["providers"]["terridata"]
    assert provider["version"] == _version()
    assert provider["long_name"] == f"TerriData : données territoriales françaises {_version()}"

    from terridata.processing.provider import algorithm_classes

    assert set(provider["algorithms"]) == {f"terridata:{cls.NAME}" for cls in algorithm_classes()}
    done = qgis_process(["plugins"], profile=profile)
    assert "* terridata" in [line.strip() for line in done.stdout.splitlines()]
