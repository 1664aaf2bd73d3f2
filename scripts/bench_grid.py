#!/usr/bin/env python3
"""Benchmark of ``terridata:aggregate_points_to_grid`` against its speed target (issue 15 item 4: at least
10,000,000 points/s on 10 M points, peak memory under 3 GB).

Uses the seeded random points of ``scripts/bench_aggregation.py`` (``.build/bench/points-N.gpkg``, EPSG:2154 over
metropolitan France, built on first use) and runs, each in its own child process (so peak memory is its own):

- ``stats``: 1 km cells with count, mean, median, min, max of ``value`` (the ``make bench`` run);
- ``count``: 1 km cells, counts only;

writing a GeoPackage. Prints wall and CPU time, points per second, the ratio to the target and peak memory; with
``--profile`` the functions taking the most time (cProfile, cumulative) of each run.

Usage: ``scripts/bench_grid.py [--points 10000000] [--runs stats,count] [--profile]``
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--points", type=int, default=10_000_000)
    parser.add_argument("--runs", default="stats,count")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
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
    print(f"(target: >= {TARGET:,} points/s, i.e. ratio >= 1.00x; peak memory < {MEMORY_MB:,} MB)")
    print("(wall time depends on the machine's load: compare CPU seconds between runs on a busy machine)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
