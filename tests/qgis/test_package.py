"""``make package`` (scripts/package.sh) builds a zip that QGIS installs: one top folder ``terridata/``, no tests
nor development files, the compiled French translation; unzipped into a fresh profile, qgis_process loads it."""

from __future__ import annotations

import configparser
import subprocess
import zipfile
from pathlib import Path

import pytest
from qgis_process_helper import list_algorithms, qgis_process

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        ["bash", str(REPO_ROOT / "scripts" / "package.sh"), "--dist", str(dist)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    zips = list(dist.glob("*.zip"))
    assert len(zips) == 1, zips
    return zips[0]


def _version() -> str:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(REPO_ROOT / "metadata.txt", encoding="utf-8")
    return parser["general"]["version"]


def test_zip_content(package):
    assert package.name == f"terridata-{_version()}.zip"
    with zipfile.ZipFile(package) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        metadata = archive.read("terridata/metadata.txt").decode("utf-8")
    assert {name.split("/")[0] for name in names} == {"terridata"}
    inside = [name[len("terridata/") :] for name in names]
    for required in ("metadata.txt", "__init__.py", "plugin.py", "processing/provider.py", "i18n/terridata_fr.qm"):
        assert required in inside
    assert "icon=resources/images/icon.svg" in metadata and "resources/images/icon.svg" in inside
    # Every module of the plugin is there (what git knows of the code, minus the development folders).
    code = {
        path.relative_to(REPO_ROOT).as_posix()
        for folder in ("core", "processing", "providers", "toolbelt", "ui")
        if (REPO_ROOT / folder).is_dir()
        for path in (REPO_ROOT / folder).rglob("*.py")
        if "__pycache__" not in path.parts
    }
    assert code <= set(inside), sorted(code - set(inside))
    # Nothing of development.
    for name in inside:
        top = name.split("/")[0]
        assert top not in {
            "tests",
            "scripts",
            "requirements",
            ".venv",
            ".build",
            ".ci",
            ".git",
            ".qgis-settings",
            "demo-output",
            "dist",
        }, name
        assert top not in {"Makefile", "pyproject.toml", ".gitignore"}, name
        assert "__pycache__" not in name and not name.endswith(".pyc"), name
        assert not name.endswith(".ts"), name


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
