#!/usr/bin/env python3
"""Benchmark: TerriData's resource loader against QGIS's delimited-text provider on a French CSV.

Writes once under ``.build/bench/`` a CSV of N rows (default 1,000,000) the way French portals publish them:
``;`` delimiter, Windows-1252 encoding, decimal commas, ``latitude``/``longitude`` columns, a commune code with
its leading zero, a name with accents and a value. Then, in one run:

- TerriData: ``providers.portals.loader.load_file`` (detection of encoding, delimiter, decimal comma and
  geometry columns, then GDAL) into a GeoPackage;
- QGIS: a ``delimitedtext`` layer (told the delimiter, encoding, decimal comma and X/Y fields: nothing detected)
  saved to a GeoPackage with ``QgsVectorFileWriter.writeAsVectorFormatV2``;

checks that both GeoPackages have the same feature count and the same coordinates (sorted, to 1e-9 degrees),
and prints both wall times and their ratio. Each runs once (no warm-up). The machine has 2 cores: run it when the
load is low.

Usage: ``scripts/bench_portal_csv.py [--rows 1000000]``
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH_DIR = REPO / ".build" / "bench"
NAMES = ["Évry-Courcouronnes", "Corbeil-Essonnes", "Saint-Germain-lès-Arpajon", "Bourg-en-Bresse", "Ézy-sur-Eure"]


def make_csv(rows: int) -> Path:
    path = BENCH_DIR / f"french-{rows}.csv"
    if path.exists():
        return path
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    rng = random.Random(2024)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="cp1252", newline="") as out:
        out.write("id;nom;code_commune;latitude;longitude;valeur\r\n")
        for i in range(rows):
            lat = f"{rng.uniform(42.5, 51.0):.6f}".replace(".", ",")
            lon = f"{rng.uniform(-4.5, 8.0):.6f}".replace(".", ",")
            value = f"{rng.uniform(0, 1000):.2f}".replace(".", ",")
            code = f"{rng.randint(1, 95):02d}{rng.randint(1, 999):03d}"
            out.write(f"{i};{NAMES[i % len(NAMES)]};{code};{lat};{lon};{value}\r\n")
    tmp.rename(path)
    return path


def coordinates(gpkg: Path):
    import numpy as np
    from osgeo import ogr

    ds = ogr.Open(str(gpkg))
    layer = ds.GetLayer(0)
    name = layer.GetName()
    geom = layer.GetGeometryColumn()
    sql = ds.ExecuteSQL(f'SELECT ST_MinX("{geom}"), ST_MinY("{geom}") FROM "{name}"')
    xy = np.array([(f.GetField(0), f.GetField(1)) for f in sql], dtype=float)
    ds.ReleaseResultSet(sql)
    count = layer.GetFeatureCount()
    ds = None
    order = np.lexsort((xy[:, 1], xy[:, 0]))
    return count, xy[order]


def run_terridata(csv: Path, out: Path) -> float:
    from terridata.providers.portals.loader import load_file

    started = time.perf_counter()
    result = load_file(csv, out, "data")
    elapsed = time.perf_counter() - started
    print(f"TerriData loader: {result.feature_count} features; notes: {' | '.join(result.notes)}")
    return elapsed


def run_qgis(csv: Path, out: Path) -> float:
    from qgis.core import QgsCoordinateTransformContext, QgsVectorFileWriter, QgsVectorLayer

    started = time.perf_counter()
    uri = (
        f"file://{csv}?type=csv&delimiter=;&detectTypes=yes&decimalPoint=,&xField=longitude&yField=latitude"
        "&crs=EPSG:4326&encoding=windows-1252&spatialIndex=no&subsetIndex=no&watchFile=no"
    )
    layer = QgsVectorLayer(uri, "csv", "delimitedtext")
    if not layer.isValid():
        sys.exit("QGIS could not open the CSV with the delimitedtext provider")
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = "data"
    error = QgsVectorFileWriter.writeAsVectorFormatV2(layer, str(out), QgsCoordinateTransformContext(), options)
    if error[0] != QgsVectorFileWriter.NoError:
        sys.exit(f"QGIS could not save the layer: {error}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / ".build" / "import"))
    if not (REPO / ".build" / "import" / "terridata").exists():
        (REPO / ".build" / "import").mkdir(parents=True, exist_ok=True)
        (REPO / ".build" / "import" / "terridata").symlink_to(Path("..") / "..", target_is_directory=True)
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    QgsApplication.setPrefixPath("/usr", True)
    app.initQgis()
    csv = make_csv(args.rows)
    print(f"CSV: {csv} ({csv.stat().st_size / 1e6:.0f} MB, {args.rows} rows, ';', cp1252, decimal comma)")
    ours, theirs = BENCH_DIR / "terridata.gpkg", BENCH_DIR / "qgis.gpkg"
    for path in (ours, theirs):
        if path.exists():
            path.unlink()
    t_ours = run_terridata(csv, ours)
    t_qgis = run_qgis(csv, theirs)
    import numpy as np

    n_ours, xy_ours = coordinates(ours)
    n_qgis, xy_qgis = coordinates(theirs)
    same = n_ours == n_qgis == args.rows and np.allclose(xy_ours, xy_qgis, rtol=0, atol=1e-9)
    print(f"features: TerriData {n_ours}, QGIS {n_qgis}; same coordinates: {same}")
    print(f"TerriData loader: {t_ours:.1f} s")
    print(f"QGIS delimitedtext + save: {t_qgis:.1f} s")
    print(f"ratio QGIS / TerriData: {t_qgis / t_ours:.2f} (above 1: TerriData is faster)")
    app.exitQgis()
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
