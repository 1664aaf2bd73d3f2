"""The plugin's files, as QGIS installs them: which files of the checkout make the plugin, and a copy of them.

``plugin_files(root)`` is THE selection (used by ``make package``/``make repository`` through scripts/release.py):
the files git knows (tracked, or new and not ignored), or every file when the folder is not a git checkout; minus
the development files of EXCLUDED_* below; plus the compiled translations (ignored by git, always packaged).
``stage(root, dest)`` copies them into ``dest`` with fixed permissions, for qgis-plugin-ci to package.

The compiled translations and the help pages (scripts/build_help.py renders them) are built first and always
packaged.

Standard library only, so it runs with /usr/bin/python3 and needs no environment of its own.
"""

from __future__ import annotations

import configparser
import fnmatch
import importlib.util
import os
import shutil
import subprocess
from pathlib import Path

PLUGIN_ID = "terridata"
# Top-level folders and files that are not part of the installed plugin.
EXCLUDED_TOP = {
    ".build",
    ".ci",
    ".git",
    ".github",
    ".gitignore",
    ".gitattributes",
    ".qgis-settings",
    ".pytest_cache",
    ".ruff_cache",
    ".venv",
    ".venv-deploy",
    ".venv-release",
    "CONTRIBUTING.md",
    "Makefile",
    "demo-output",
    "deploy",
    "dist",
    "pyproject.toml",
    "requirements",
    "sample_data",
    "scripts",
    "tests",
}
# Anywhere in the tree.
EXCLUDED_PARTS = {"__pycache__", ".pytest_cache", ".ruff_cache"}
EXCLUDED_PATTERNS = ["*.pyc", "*.pyo", "*~", "*.swp", ".DS_Store", "*.ts.tmp", "*.qm.*"]
REQUIRED = ["metadata.txt", "__init__.py", "plugin.py"]
METADATA_KEYS = ["name", "qgisMinimumVersion", "description", "about", "version", "author", "email", "repository"]


def candidate_files(root: Path) -> list[str]:
    """Relative paths (posix) of the files to consider (the offline help pages are rendered first)."""
    build_help(root)
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            check=True,
            capture_output=True,
        ).stdout.decode("utf-8")
        files = [name for name in out.split("\0") if name]
    except (OSError, subprocess.CalledProcessError):
        files = [
            str(Path(dirpath, name).relative_to(root).as_posix())
            for dirpath, dirnames, names in os.walk(root)
            for name in names
        ]
    # Compiled translations and the built help pages are ignored by git: add them explicitly.
    files += [p.relative_to(root).as_posix() for p in (root / "i18n").glob("*.qm")]
    files += [p.relative_to(root).as_posix() for p in (root / "resources" / "help" / "html").glob("*/*.html")]
    return sorted({name for name in files if (root / name).is_file()})


def included(name: str) -> bool:
    parts = name.split("/")
    if parts[0] in EXCLUDED_TOP:
        return False
    if any(part in EXCLUDED_PARTS for part in parts):
        return False
    if any(fnmatch.fnmatch(parts[-1], pattern) for pattern in EXCLUDED_PATTERNS):
        return False
    return not (parts[0] == "i18n" and parts[-1].endswith(".ts"))  # sources of the .qm


def build_help(root: Path) -> None:
    """The offline help pages (``resources/help/html/``) of the plugin at ``root``, rendered from its Markdown help by
    scripts/build_help.py (the one beside this script: ``root`` may be a copy without development files)."""
    spec = importlib.util.spec_from_file_location(
        "terridata_build_help", Path(__file__).resolve().with_name("build_help.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.build(root)


def read_metadata(root: Path) -> dict:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keep qgisMinimumVersion's case
    parser.read(root / "metadata.txt", encoding="utf-8")
    if "general" not in parser:
        raise SystemExit("package: metadata.txt has no [general] section")
    metadata = dict(parser["general"])
    missing = [key for key in METADATA_KEYS if not metadata.get(key)]
    if missing:
        raise SystemExit(f"package: metadata.txt lacks {', '.join(missing)}")
    return metadata


def plugin_files(root: Path) -> list[str]:
    """The plugin's files (relative posix paths, sorted); refuse a plugin that QGIS could not install."""
    files = [name for name in candidate_files(root) if included(name)]
    for name in REQUIRED:
        if name not in files:
            raise SystemExit(f"package: {name} is missing from the plugin")
    if not any(name.startswith("i18n/") and name.endswith(".qm") for name in files):
        raise SystemExit("package: no compiled translation (i18n/*.qm): run scripts/translations.sh compile")
    icon = read_metadata(root).get("icon")
    if icon and icon not in files:
        raise SystemExit(f"package: the icon {icon} named in metadata.txt is missing")
    return files


def stage(root: Path, dest: Path) -> list[str]:
    """Copy the plugin's files from ``root`` into the new folder ``dest`` (mode 0644, folders 0755: the zip then
    does not depend on the checkout's umask or modes); return the copied names."""
    files = plugin_files(root)
    dest.mkdir(parents=True)
    for name in files:
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / name, target)
        os.chmod(target, 0o644)
    for folder, _, _ in os.walk(dest):
        os.chmod(folder, 0o755)
    return files
