"""Build the offline help pages: ``resources/help/<lang>/<name>.md`` -> ``resources/help/html/<lang>/<name>.html``.

The Help button of the Processing dialog opens these pages (``TerriDataAlgorithm.helpUrl``), so the help works
without network. Called by scripts/package_build.py (the pages are a build product, shipped in the zip, never
committed) and by the tests. Standard library only (runs with /usr/bin/python3): the Markdown renderer is
``core/help_markdown.py``, loaded from its file.

Usage: python3 scripts/build_help.py [--root PLUGIN_ROOT]
"""

from __future__ import annotations

import argparse
import configparser
import importlib.util
import os
import shutil
import sys
import tempfile
from pathlib import Path

FOOTERS = {
    "en": "TerriData {version}: offline help of the algorithm “{name}”.",
    "fr": "TerriData {version} : aide hors ligne de l’algorithme « {name} ».",
}


def load_renderer(root: Path):
    spec = importlib.util.spec_from_file_location("terridata_help_markdown", root / "core" / "help_markdown.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def version(root: Path) -> str:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(root / "metadata.txt", encoding="utf-8")
    return parser["general"].get("version", "") if "general" in parser else ""


def build(root: Path) -> list:
    """Write every page (all or nothing: the new folder replaces the old one at the end); return their paths."""
    renderer = load_renderer(root)
    help_dir = root / "resources" / "help"
    target = help_dir / "html"
    languages = sorted(p.name for p in help_dir.iterdir() if p.is_dir() and p.name != "html" and len(p.name) == 2)
    staging = Path(tempfile.mkdtemp(dir=help_dir, prefix=".html-"))
    written = []
    try:
        for language in languages:
            (staging / language).mkdir()
            for source in sorted((help_dir / language).glob("*.md")):
                footer = FOOTERS.get(language, FOOTERS["en"]).format(version=version(root), name=source.stem)
                text = source.read_text(encoding="utf-8")
                page = renderer.page(text, language, source.stem, footer)
                (staging / language / f"{source.stem}.html").write_text(page, encoding="utf-8")
                written.append(target / language / f"{source.stem}.html")
        for path in [staging, *staging.rglob("*")]:
            os.chmod(path, 0o755 if path.is_dir() else 0o644)
        old = help_dir / ".html-old"
        if target.exists():
            shutil.rmtree(old, ignore_errors=True)
            target.rename(old)
        staging.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    args = parser.parse_args(argv)
    pages = build(args.root.resolve())
    print(f"build_help: {len(pages)} pages in resources/help/html/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
