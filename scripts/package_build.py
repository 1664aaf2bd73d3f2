"""Build the installable plugin zip: ``dist/terridata-<version>.zip`` with a single top folder ``terridata/``.

Called by scripts/package.sh (after the translations are compiled). Standard library only, so it runs with
/usr/bin/python3 and needs no environment of its own.

Why not qgis-plugin-ci: it expects the plugin in a sub-folder of the repository (``plugin_path``), while here the
repository root *is* the plugin; it builds from ``git archive`` of the committed tree, so the zip of a working tree
(and the test that installs it) would silently miss uncommitted changes; and it depends on PyQt5 from PyPI. This
script does what we use of it: select the plugin's files, add the compiled translations and the help pages it
builds (scripts/build_help.py), check the metadata, zip.

Files: those git knows (tracked, or new and not ignored), or every file when the folder is not a git checkout;
minus the development files of EXCLUDED_* below.
"""

from __future__ import annotations

import argparse
import configparser
import fnmatch
import importlib.util
import os
import subprocess
import sys
import tempfile
import zipfile
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
    "CONTRIBUTING.md",
    "Makefile",
    "demo-output",
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
    """The offline help pages (``resources/help/html/``), rendered from the Markdown help by scripts/build_help.py."""
    spec = importlib.util.spec_from_file_location("terridata_build_help", root / "scripts" / "build_help.py")
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


def build(root: Path, dist: Path) -> Path:
    metadata = read_metadata(root)
    files = [name for name in candidate_files(root) if included(name)]
    for name in REQUIRED:
        if name not in files:
            raise SystemExit(f"package: {name} is missing from the plugin")
    if not any(name.startswith("i18n/") and name.endswith(".qm") for name in files):
        raise SystemExit("package: no compiled translation (i18n/*.qm): run scripts/translations.sh compile")
    icon = metadata.get("icon")
    if icon and icon not in files:
        raise SystemExit(f"package: the icon {icon} named in metadata.txt is missing")
    dist.mkdir(parents=True, exist_ok=True)
    target = dist / f"{PLUGIN_ID}-{metadata['version']}.zip"
    fd, tmp = tempfile.mkstemp(dir=dist, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for name in files:
                archive.write(root / name, f"{PLUGIN_ID}/{name}")
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--dist", type=Path, default=None, help="output folder (default: ROOT/dist)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    target = build(root, (args.dist or root / "dist").resolve())
    with zipfile.ZipFile(target) as archive:
        count = len(archive.namelist())
    print(f"package: {target} ({count} files, {target.stat().st_size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
