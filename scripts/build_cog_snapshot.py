#!/usr/bin/env python3
"""Build the embedded COG snapshot ``resources/cog/cog_snapshot.json.gz`` from Etalab's official vintages.

Usage: ``python3 scripts/build_cog_snapshot.py [SOURCE_DIR] [--output PATH]`` where SOURCE_DIR holds one folder
per vintage (``2021/communes.json.gz``, ``epci.json.gz``, ``departements.json.gz``, ``regions.json.gz``), as in
``../shared/data/decoupage-administratif`` (npm package ``@etalab/decoupage-administratif``, MIT, © Etalab;
data: INSEE, Code officiel géographique; DGCL, BANATIC for the EPCI). Plain ``.json`` files are read too.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT.parent))
sys.path.insert(0, str(ROOT / ".build" / "import"))

DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "decoupage-administratif"
SOURCE_NOTE = (
    "Etalab @etalab/decoupage-administratif (MIT licence, (c) Etalab), from INSEE's Code officiel geographique "
    "and DGCL's BANATIC (EPCI)"
)


def _import_core():
    try:
        from terridata.core.cog.referential import PRE_FIRST_VINTAGE_SPLITS, VintageTables
        from terridata.core.cog.snapshot import SNAPSHOT_PATH, load_snapshot, write_snapshot
    except ImportError:  # run from a checkout not named terridata: load the package by path
        import importlib.util

        spec = importlib.util.spec_from_file_location(
            "terridata", ROOT / "__init__.py", submodule_search_locations=[str(ROOT)]
        )
        module = importlib.util.module_from_spec(spec)
        sys.modules["terridata"] = module  # the package __init__ is not executed (it imports qgis)
        from terridata.core.cog.referential import PRE_FIRST_VINTAGE_SPLITS, VintageTables
        from terridata.core.cog.snapshot import SNAPSHOT_PATH, load_snapshot, write_snapshot
    return PRE_FIRST_VINTAGE_SPLITS, VintageTables, SNAPSHOT_PATH, load_snapshot, write_snapshot


def read_json(folder: Path, name: str):
    for candidate in (folder / f"{name}.json.gz", folder / f"{name}.json"):
        if candidate.exists():
            opener = gzip.open if candidate.suffix == ".gz" else open
            with opener(candidate, "rt", encoding="utf-8") as handle:
                return json.load(handle)
    if name == "communes":
        raise FileNotFoundError(f"{folder}: no communes.json(.gz)")
    return []


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", default=str(DEFAULT_SOURCE))
    parser.add_argument("--output", default=None)
    args = parser.parse_args(argv)
    splits, vintage_tables, snapshot_path, load_snapshot, write_snapshot = _import_core()
    source = Path(args.source)
    vintages = {}
    for folder in sorted(p for p in source.iterdir() if p.is_dir() and p.name.isdigit()):
        year = int(folder.name)
        vintages[year] = vintage_tables.from_etalab(
            read_json(folder, "communes"),
            read_json(folder, "epci"),
            read_json(folder, "departements"),
            read_json(folder, "regions"),
        )
        t = vintages[year]
        print(
            f"{year}: {len(t.communes)} communes, {len(t.arrondissements)} arrondissements, "
            f"{len(t.delegated)} delegated/associated, {len(t.epci)} EPCI, {len(t.departements)} departements, "
            f"{len(t.regions)} regions"
        )
    if not vintages:
        print(f"No vintage folder (YYYY) in {source}", file=sys.stderr)
        return 1
    output = Path(args.output) if args.output else snapshot_path
    write_snapshot(output, vintages, SOURCE_NOTE, splits)
    start = time.perf_counter()
    ref = load_snapshot(output)
    for year in ref.vintages:
        ref.tables(year)
    print(f"wrote {output} ({output.stat().st_size / 1e6:.2f} MB); full load {time.perf_counter() - start:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
