#!/usr/bin/env python3
"""Benchmark: TerriData's aggregation against QGIS's native algorithms (``make bench``).

Builds its inputs once under ``.build/bench/`` from ../shared/data: the 35,357 commune boundaries of 2018
reprojected to EPSG:2154 in a GeoPackage with a spatial index, and seeded random points over metropolitan France
with a numeric field ``value``. Then, in one run, on 1 M points:

- ``native:countpointsinpolygon``;
- ``native:joinbylocationsummary`` (count, mean, median, min, max of ``value``);
- ``terridata:aggregate_points_to_zones`` computing the same statistics;

checks that the counts are identical, prints wall and CPU times and their ratios, and then the peak memory and
points per second of TerriData's zone and grid aggregations on 10 M points (each measured in a child process, so
peak memory is its own). Each algorithm runs once (no warm-up run). Invalid-geometry checking is turned off for
the native algorithms (some boundaries are invalid). The machine has 2 cores: run it when the load is low.

Every side writes the same kind of output: ``--output memory`` (default, ``TEMPORARY_OUTPUT``: a memory layer through
the feature sink) or ``--output gpkg`` (a new GeoPackage file under ``.build/bench/``).

With ``--repeat N`` TerriData's side runs N times in a row (the ratios use the first run, like the native ones) and
each run's kernel time and page faults are printed: a first run in a process pays for the fresh memory it touches.

Usage: ``scripts/bench_aggregation.py [--points 1000000] [--big 10000000] [--output memory|gpkg] [--skip-native]
[--skip-big] [--repeat N]``
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("TERRIDATA_SHARED_DATA", REPO.parent / "shared" / "data"))
BENCH_DIR = REPO / ".build" / "bench"
COMMUNES = BENCH_DIR / "communes-2018-2154.gpkg"
# Metropolitan France (with Corsica) in EPSG:2154.
METRO_BBOX = (99_000.0, 6_046_000.0, 1_243_000.0, 7_111_000.0)
SEED = 20181


def build_communes() -> Path:
    from osgeo import gdal

    gdal.UseExceptions()
    if COMMUNES.exists():
        return COMMUNES
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    files = sorted(glob.glob(str(SHARED / "communes-2018" / "*.geojson.gz")))
    if not files:
        sys.exit(f"no commune boundaries under {SHARED / 'communes-2018'}")
    tmp = COMMUNES.with_suffix(".tmp.gpkg")
    if tmp.exists():
        tmp.unlink()
    for i, path in enumerate(files):
        gdal.VectorTranslate(
            str(tmp),
            "/vsigzip/" + path,
            format="GPKG",
            dstSRS="EPSG:2154",
            layerName="communes",
            accessMode=None if i == 0 else "append",
            geometryType="MULTIPOLYGON",
            layerCreationOptions=["SPATIAL_INDEX=YES"] if i == 0 else None,
        )
    os.replace(tmp, COMMUNES)
    return COMMUNES


def build_points(n: int) -> Path:
    """``n`` seeded uniform random points over metropolitan France's bounding box, field ``value``."""
    import numpy as np
    from osgeo import gdal

    gdal.UseExceptions()
    target = BENCH_DIR / f"points-{n}.gpkg"
    if target.exists():
        return target
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED + n)
    xmin, ymin, xmax, ymax = METRO_BBOX
    x = rng.uniform(xmin, xmax, n)
    y = rng.uniform(ymin, ymax, n)
    value = np.round(rng.gamma(2.0, 25.0, n), 3)
    csv = BENCH_DIR / f"points-{n}.csv"
    with open(csv, "w") as f:
        f.write("x,y,value\n")
        step = 1_000_000
        for start in range(0, n, step):
            block = np.column_stack([x[start : start + step], y[start : start + step], value[start : start + step]])
            np.savetxt(f, block, fmt=["%.2f", "%.2f", "%.3f"], delimiter=",")
    tmp = target.with_suffix(".tmp.gpkg")
    if tmp.exists():
        tmp.unlink()
    src = gdal.OpenEx(
        str(csv), gdal.OF_VECTOR, open_options=["X_POSSIBLE_NAMES=x", "Y_POSSIBLE_NAMES=y", "AUTODETECT_TYPE=YES"]
    )
    gdal.VectorTranslate(
        str(tmp),
        src,
        format="GPKG",
        layerName="points",
        srcSRS="EPSG:2154",
        dstSRS="EPSG:2154",
        geometryType="POINT",
        options=["-sql", 'SELECT value FROM "' + csv.stem + '"', "-gt", "100000"],
        layerCreationOptions=["SPATIAL_INDEX=YES"],
    )
    src = None
    os.replace(tmp, target)
    csv.unlink()
    return target


def _qgis():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    import processing

    Processing.initialize()
    import_dir = REPO / ".build" / "import"
    import_dir.mkdir(parents=True, exist_ok=True)
    link = import_dir / "terridata"
    if not link.exists():
        link.symlink_to(Path("..") / "..", target_is_directory=True)
    sys.path.insert(0, str(import_dir))
    from terridata.processing.provider import TerriDataProvider

    provider = TerriDataProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    return app, processing, provider


def _context():
    from qgis.core import QgsFeatureRequest, QgsProcessingContext, QgsProject

    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    context.setInvalidGeometryCheck(QgsFeatureRequest.GeometryNoCheck)
    return context


def _counts(layer, code_field: str, count_field: str) -> dict:
    from qgis.core import QgsFeatureRequest, QgsVectorLayer

    if isinstance(layer, str):  # a file output
        layer = QgsVectorLayer(layer, "output", "ogr")

    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
    request.setSubsetOfAttributes([code_field, count_field], layer.fields())
    return {f[code_field]: int(f[count_field] or 0) for f in layer.getFeatures(request)}


def _output(kind: str, name: str):
    """The OUTPUT parameter of one side: TEMPORARY_OUTPUT, or a new GeoPackage (an old one removed first)."""
    from qgis.core import QgsProcessing

    if kind == "memory":
        return QgsProcessing.TEMPORARY_OUTPUT
    path = BENCH_DIR / f"out-{name}.gpkg"
    for leftover in (path, Path(f"{path}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm")):
        if leftover.exists():
            leftover.unlink()
    return str(path)


def run_comparison(n_points: int, skip_native: bool, output: str = "memory", repeat: int = 1) -> dict:
    from qgis.core import QgsProcessingFeedback

    app, processing, _provider = _qgis()
    zones, points = str(build_communes()), str(build_points(n_points))
    feedback = QgsProcessingFeedback()
    results = {"points": n_points}
    if not skip_native:
        t, c = time.perf_counter(), time.process_time()
        native = processing.run(
            "native:countpointsinpolygon",
            {"POLYGONS": zones, "POINTS": points, "FIELD": "NUMPOINTS", "OUTPUT": _output(output, "count")},
            context=_context(),
            feedback=feedback,
        )
        results["count_points_in_polygon_s"] = time.perf_counter() - t
        results["count_points_in_polygon_cpu_s"] = time.process_time() - c
        native_counts = _counts(native["OUTPUT"], "code", "NUMPOINTS")
        from qgis.core import QgsApplication

        registry = QgsApplication.processingRegistry()
        join_id = next(
            a for a in ("native:joinbylocationsummary", "qgis:joinbylocationsummary") if registry.algorithmById(a)
        )
        results["join_algorithm"] = join_id
        t, c = time.perf_counter(), time.process_time()
        processing.run(
            join_id,
            {
                "INPUT": zones,
                "JOIN": points,
                "PREDICATE": [0],
                "JOIN_FIELDS": ["value"],
                "SUMMARIES": [0, 2, 3, 6, 7],  # count, min, max, mean, median
                "DISCARD_NONMATCHING": False,
                "OUTPUT": _output(output, "join"),
            },
            context=_context(),
            feedback=feedback,
        )
        results["join_by_location_summary_s"] = time.perf_counter() - t
        results["join_by_location_summary_cpu_s"] = time.process_time() - c
    results["repeats"] = []
    for run in range(repeat):
        before = resource.getrusage(resource.RUSAGE_SELF)
        t, c = time.perf_counter(), time.process_time()
        ours = processing.run(
            "terridata:aggregate_points_to_zones",
            {
                "INPUT": points,
                "ZONES": zones,
                "FIELDS": ["value"],
                "STATISTICS": ["count", "mean", "median", "min", "max"],
                "OUTPUT": _output(output, "terridata"),
            },
            context=_context(),
            feedback=feedback,
        )
        wall, cpu = time.perf_counter() - t, time.process_time() - c
        after = resource.getrusage(resource.RUSAGE_SELF)
        if run == 0:  # the ratios compare first runs, as the native algorithms' are
            results["terridata_s"], results["terridata_cpu_s"] = wall, cpu
        results["repeats"].append((wall, cpu, after.ru_stime - before.ru_stime, after.ru_minflt - before.ru_minflt))
    our_counts = _counts(ours["OUTPUT"], "code", "count")
    results["points_in_zones"] = sum(our_counts.values())
    if not skip_native:
        diff = [c for c in native_counts if native_counts[c] != our_counts.get(c)]
        results["zones_with_different_counts"] = len(diff)
        results["different_examples"] = [(c, native_counts[c], our_counts.get(c)) for c in diff[:5]]
        results["ratio_count_points_in_polygon"] = results["count_points_in_polygon_s"] / results["terridata_s"]
        results["ratio_join_by_location_summary"] = results["join_by_location_summary_s"] / results["terridata_s"]
        results["cpu_ratio_count"] = results["count_points_in_polygon_cpu_s"] / results["terridata_cpu_s"]
        results["cpu_ratio_join"] = results["join_by_location_summary_cpu_s"] / results["terridata_cpu_s"]
    return results


def run_big(n_points: int, algorithm: str) -> dict:
    """One TerriData run on ``n_points`` points (meant for a child process): time, peak memory."""
    app, processing, _provider = _qgis()
    zones, points = str(build_communes()), str(build_points(n_points))
    from qgis.core import QgsProcessing, QgsProcessingFeedback

    params = {"INPUT": points, "FIELDS": ["value"], "STATISTICS": ["count", "mean", "median", "min", "max"]}
    if algorithm == "zones":
        params.update({"ZONES": zones, "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT})
        alg = "terridata:aggregate_points_to_zones"
    else:
        params.update({"CELL_SIZE": 1000, "OUTPUT": str(BENCH_DIR / "grid-out.gpkg")})
        alg = "terridata:aggregate_points_to_grid"
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t, c = time.perf_counter(), time.process_time()
    out = processing.run(alg, params, context=_context(), feedback=QgsProcessingFeedback())
    elapsed = time.perf_counter() - t
    cpu = time.process_time() - c
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "algorithm": alg,
        "points": n_points,
        "seconds": elapsed,
        "cpu_seconds": cpu,
        "points_per_second": n_points / elapsed,
        "peak_rss_mb": peak / 1024,
        "rss_before_run_mb": before / 1024,
        "outputs": {k: str(v) for k, v in out.items()},
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--points", type=int, default=1_000_000)
    parser.add_argument("--big", type=int, default=10_000_000)
    parser.add_argument("--output", choices=["memory", "gpkg"], default="memory", help="output kind of every side")
    parser.add_argument("--skip-native", action="store_true")
    parser.add_argument("--skip-big", action="store_true")
    parser.add_argument("--repeat", type=int, default=1, help="run TerriData's side this many times in a row")
    parser.add_argument("--child", choices=["zones", "grid"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_big(args.big, args.child)))
        return
    t = time.perf_counter()
    build_communes()
    build_points(args.points)
    if not args.skip_big:
        build_points(args.big)
    print(f"inputs ready under {BENCH_DIR} ({time.perf_counter() - t:.1f} s)")
    res = run_comparison(args.points, args.skip_native, args.output, max(args.repeat, 1))
    print(f"\n== {res['points']:,} points, 35,357 communes (EPSG:2154) ==")
    print(f"load average before the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'algorithm':<38}{'wall s':>9}{'CPU s':>9}")
    if "count_points_in_polygon_s" in res:
        print(
            f"{'native:countpointsinpolygon':<38}{res['count_points_in_polygon_s']:9.2f}"
            f"{res['count_points_in_polygon_cpu_s']:9.2f}"
        )
        print(
            f"{res['join_algorithm']:<38}{res['join_by_location_summary_s']:9.2f}"
            f"{res['join_by_location_summary_cpu_s']:9.2f}"
        )
    print(f"{'terridata:aggregate_points_to_zones':<38}{res['terridata_s']:9.2f}{res['terridata_cpu_s']:9.2f}")
    if len(res["repeats"]) > 1:
        for k, (wall, cpu, system, faults) in enumerate(res["repeats"], 1):
            print(
                f"  TerriData run {k}: {wall:.2f} s wall, {cpu:.2f} s CPU of which {system:.2f} s in the kernel, "
                f"{faults:,} page faults"
            )
    if args.output == "memory":
        print(f"({res['points_in_zones']:,} points in a zone; all three write a temporary output, a memory layer,")
        print(" through the feature sink)")
    else:
        print(f"({res['points_in_zones']:,} points in a zone; all three write a new GeoPackage file)")
    if "ratio_count_points_in_polygon" in res:
        print(
            f"speed-up vs count points in polygon:  {res['ratio_count_points_in_polygon']:.1f}x wall, "
            f"{res['cpu_ratio_count']:.1f}x CPU (target >= 10x)"
        )
        print(
            f"speed-up vs join by location summary: {res['ratio_join_by_location_summary']:.1f}x wall, "
            f"{res['cpu_ratio_join']:.1f}x CPU (target >= 20x)"
        )
        same = res["zones_with_different_counts"] == 0
        print(f"counts identical: {'yes' if same else 'NO'} ({res['zones_with_different_counts']} zones differ)")
        if not same:
            print(f"  examples (code, native, terridata): {res['different_examples']}")
    if not args.skip_big:
        for kind in ("zones", "grid"):
            cmd = [sys.executable, __file__, "--child", kind, "--big", str(args.big)]
            out = subprocess.run(cmd, capture_output=True, text=True, check=False)
            line = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else ""
            if out.returncode != 0 or not line.startswith("{"):
                print(f"{kind} run on {args.big:,} points failed:\n{out.stderr[-2000:]}")
                continue
            big = json.loads(line)
            print(
                f"\n== {big['algorithm']} on {big['points']:,} points: {big['seconds']:.2f} s wall, "
                f"{big['cpu_seconds']:.2f} s CPU, {big['points_per_second']:,.0f} points/s, "
                f"peak memory {big['peak_rss_mb']:,.0f} MB (target < 3,000 MB)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
