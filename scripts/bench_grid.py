#!/usr/bin/env python3
"""Benchmark of ``terridata:aggregate_points_to_grid`` against its speed target (issue 15 item 4: at least
10,000,000 points/s on 10 M points, peak memory under 3 GB).

Uses the seeded random points of ``scripts/bench_aggregation.py`` (``.build/bench/points-N.gpkg``, EPSG:2154 over
metropolitan France, built on first use) and runs, each in its own child process (so peak memory is its own):

- ``stats``: 1 km cells with count, mean, median, min, max of ``value`` (the ``make bench`` run);
- ``count``: 1 km cells, counts only;

writing a GeoPackage. Prints wall and CPU time, points per second, the ratio to the target and peak memory; with
``--profile`` the functions taking the most time (cProfile, cumulative) of each run.

With ``--floor`` it also times two steps no implementation on this stack can skip, each done by GDAL or PROJ alone
with no TerriData code around it: OGR's Arrow read of the points' geometry and ``value`` (the fastest reader GDAL
has; two threads, each reading half the points) and QGIS's reprojection of the coordinates to EPSG:3035
(:func:`processing.ogr_arrays.transform_xy`, on every core). Their sum bounds the points per second any run can reach
on this machine, before a single cell is computed or written.

Usage: ``scripts/bench_grid.py [--points 10000000] [--runs stats,count] [--profile] [--floor]``
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_aggregation as bench  # noqa: E402

TARGET = 10_000_000  # points per second
MEMORY_MB = 3000


def run_child(n_points: int, kind: str, profile: bool) -> dict:
    _app, processing, _provider = bench._qgis()
    from qgis.core import QgsProcessingFeedback

    points = str(bench.build_points(n_points))
    params = {"INPUT": points, "CELL_SIZE": 1000, "OUTPUT": str(bench.BENCH_DIR / f"grid-{kind}.gpkg")}
    if kind == "stats":
        params.update({"FIELDS": ["value"], "STATISTICS": ["count", "mean", "median", "min", "max"]})
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    t, c = time.perf_counter(), time.process_time()
    out = processing.run(
        "terridata:aggregate_points_to_grid", params, context=bench._context(), feedback=QgsProcessingFeedback()
    )
    elapsed, cpu = time.perf_counter() - t, time.process_time() - c
    top = []
    if profiler is not None:
        import io
        import pstats

        profiler.disable()
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(25)
        top = text.getvalue().splitlines()
    return {
        "kind": kind,
        "points": n_points,
        "seconds": elapsed,
        "cpu_seconds": cpu,
        "cells": int(out["CELLS"]),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "profile": top,
    }


def run_floor(n_points: int) -> dict:
    """The unavoidable steps of a grid run on ``n_points`` points, each timed alone (see the module's doc)."""
    _app, _processing, _provider = bench._qgis()
    import numpy as np
    from osgeo import ogr
    from qgis.core import QgsCoordinateReferenceSystem, QgsProject

    from terridata.core.aggregation.geometry import parse_point_wkb
    from terridata.processing.ogr_arrays import transform_xy

    points = bench.build_points(n_points)

    def read_half(half):  # each thread its own connection and half of the feature ids
        dataset = ogr.Open(str(points))
        layer = dataset.GetLayer(0)
        layer.SetAttributeFilter(f"fid {'<=' if half == 0 else '>'} {n_points // 2}")
        # The batches' memory belongs to the stream: copy the geometries before the next batch.
        stream = layer.GetArrowStreamAsNumPy(options=["MAX_FEATURES_IN_BATCH=200000"])
        blobs = [batch["geom"].copy() for batch in stream]
        del stream, layer, dataset
        return blobs

    t = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        blobs = [b for part in pool.map(read_half, (0, 1)) for b in part]
    read = time.perf_counter() - t
    x, y, _feature = (np.concatenate(part) for part in zip(*(parse_point_wkb(b) for b in blobs)))
    del blobs
    t = time.perf_counter()
    transform_xy(
        x,
        y,
        QgsCoordinateReferenceSystem("EPSG:2154"),
        QgsCoordinateReferenceSystem("EPSG:3035"),
        QgsProject.instance().transformContext(),
    )
    reproject = time.perf_counter() - t
    return {"read": read, "reproject": reproject, "points": n_points}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--points", type=int, default=10_000_000)
    parser.add_argument("--runs", default="stats,count")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--floor", action="store_true", help="time the steps no run can skip")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "floor":
        print(json.dumps(run_floor(args.points)))
        return 0
    if args.child:
        print(json.dumps(run_child(args.points, args.child, args.profile)))
        return 0
    bench.build_points(args.points)
    print(f"== terridata:aggregate_points_to_grid, {args.points:,} points (EPSG:2154 GeoPackage), 1 km cells ==")
    print(f"load average before the runs: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        f"{'run':<8}{'wall s':>9}{'CPU s':>9}{'points/s':>14}{'ratio to target':>17}{'points/CPU s':>14}"
        f"{'peak MB':>10}{'cells':>11}{'load after':>12}"
    )
    for kind in args.runs.split(","):
        cmd = [sys.executable, __file__, "--child", kind, "--points", str(args.points)]
        if args.profile:
            cmd.append("--profile")
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        line = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
        if done.returncode != 0 or not line.startswith("{"):
            print(f"{kind}: failed\n{done.stderr[-2000:]}")
            continue
        res = json.loads(line)
        rate = res["points"] / res["seconds"]
        print(
            f"{kind:<8}{res['seconds']:9.2f}{res['cpu_seconds']:9.2f}{rate:14,.0f}{rate / TARGET:16.2f}x"
            f"{res['points'] / max(res['cpu_seconds'], 1e-9):14,.0f}{res['peak_rss_mb']:10,.0f}{res['cells']:11,}"
            f"{os.getloadavg()[0]:12.1f}"
        )
        for text in res["profile"]:
            print("    " + text)
    if args.floor:
        cmd = [sys.executable, __file__, "--child", "floor", "--points", str(args.points)]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        line = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
        if done.returncode != 0 or not line.startswith("{"):
            print(f"floor: failed\n{done.stderr[-2000:]}")
        else:
            res = json.loads(line)
            total = res["read"] + res["reproject"]
            print(
                f"steps no run can skip, each alone: OGR read of the points {res['read']:.2f} s (two threads), "
                f"reprojection to EPSG:3035 {res['reproject']:.2f} s; sum {total:.2f} s = at most "
                f"{res['points'] / total:,.0f} points/s ({res['points'] / total / TARGET:.2f}x the target); points "
                f"already in EPSG:3035 (read only): at most {res['points'] / res['read']:,.0f} points/s"
            )
    print(f"(target: >= {TARGET:,} points/s, i.e. ratio >= 1.00x; peak memory < {MEMORY_MB:,} MB)")
    print("(wall time depends on the machine's load: compare CPU seconds between runs on a busy machine)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
