"""One streaming pass over a CSV that makes it easy for GDAL's CSV driver: UTF-8, ``,`` delimiter, decimal
points in numeric columns, a ``"lat,lon"`` pair split into two columns, and each column's type measured on every
row (so a code such as ``01001`` stays text and a column is numeric only when every value is a number)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from .sniff import Dialect, GeometrySpec, parse_pair

_DECIMAL_COMMA = re.compile(r"^\s*-?\d+,\d+\s*$")
PAIR_LON, PAIR_LAT = "_lon", "_lat"
SAMPLE_ROWS = 2000


@dataclass
class RewriteResult:
    header: list
    types: list  # "Integer" | "Real" | "String" per column (GDAL .csvt names)
    rows: int = 0
    sample: list = field(default_factory=list)  # first rows after rewriting


def _is_int(v: str) -> bool:
    s = v[1:] if v[:1] == "-" else v
    return s.isdigit() and (s[0] != "0" or s == "0") and len(s) <= 18


def _is_real(v: str) -> bool:
    s = v.strip().lstrip("-")
    if len(s) > 1 and s[0] == "0" and s[1] != ".":  # a code with a leading zero, not a number
        return False
    try:
        float(v)
    except ValueError:
        return False
    return v.strip().lower() not in ("nan", "inf", "-inf", "infinity")


def decimal_comma_columns(header, rows) -> set:
    """Columns whose non-empty sample values are all numbers and some use a decimal comma."""
    cols = set()
    for i in range(len(header)):
        values = [r[i].strip() for r in rows if i < len(r) and r[i].strip()]
        if (
            values
            and any(_DECIMAL_COMMA.match(v) for v in values)
            and all(_DECIMAL_COMMA.match(v) or _is_int(v) for v in values)
        ):
            cols.add(i)
    return cols


def rewrite(source, target, dialect: Dialect, geometry: GeometrySpec, should_stop=None) -> RewriteResult:
    """Stream ``source`` (path) into ``target`` (path, UTF-8, comma-delimited). Raises ValueError when empty."""
    with open(source, encoding=dialect.encoding, errors="replace", newline="") as src:
        reader = csv.reader(src, delimiter=dialect.delimiter)
        header = next(reader, None)
        if not header or not any(h.strip() for h in header):
            raise ValueError("empty file")
        header = [h.strip() or f"field_{i + 1}" for i, h in enumerate(header)]
        head_rows = []
        for row in reader:
            head_rows.append(row)
            if len(head_rows) >= SAMPLE_ROWS:
                break
        if not head_rows:
            raise ValueError("no data rows")
        comma_cols = decimal_comma_columns(header, head_rows)
        pair_index = header.index(geometry.column) if geometry.kind == "pair" else -1
        out_header = list(header) + ([PAIR_LON, PAIR_LAT] if pair_index >= 0 else [])
        width = len(header)
        ints = set(range(width))
        reals = set(range(width))
        filled = set()
        result = RewriteResult(out_header, [], 0)
        with open(target, "w", encoding="utf-8", newline="") as dst:
            writer = csv.writer(dst, delimiter=",", lineterminator="\n")
            writer.writerow(out_header)
            count = 0

            def rows():
                yield from head_rows
                yield from reader

            for row in rows():
                if len(row) != width:
                    if not any(c.strip() for c in row):
                        continue
                    row = (row + [""] * width)[:width]
                for i in comma_cols:
                    row[i] = row[i].replace(",", ".")
                for i in list(reals):
                    v = row[i]
                    if not v:
                        continue
                    filled.add(i)
                    if i in ints and not _is_int(v):
                        ints.discard(i)
                    if i not in ints and not _is_real(v):
                        reals.discard(i)
                if pair_index >= 0:
                    pair = parse_pair(row[pair_index])
                    if pair is None:
                        row += ["", ""]
                    elif geometry.swapped:  # the pair is "lon,lat"
                        row += [repr(pair[0]), repr(pair[1])]
                    else:  # "lat,lon" (Opendatasoft's geo_point_2d)
                        row += [repr(pair[1]), repr(pair[0])]
                writer.writerow(row)
                count += 1
                if len(result.sample) < 200:
                    result.sample.append(list(row))
                if should_stop is not None and count % 20000 == 0 and should_stop():
                    raise InterruptedError("cancelled")
        types = []
        for i in range(width):
            if i in filled and i in ints:
                types.append("Integer64")
            elif i in filled and i in reals:
                types.append("Real")
            else:
                types.append("String")
        if pair_index >= 0:
            types += ["Real", "Real"]
        result.types = types
        result.rows = count
        return result


def read_sample(path, dialect: Dialect, max_rows: int = 1000):
    """``(header, rows)`` of the first ``max_rows`` rows."""
    with open(path, encoding=dialect.encoding, errors="replace", newline="") as src:
        text = src.read(4 * 1024 * 1024)
    reader = csv.reader(io.StringIO(text), delimiter=dialect.delimiter)
    header = next(reader, None) or []
    rows = []
    for row in reader:
        rows.append(row)
        if len(rows) >= max_rows:
            break
    return [h.strip() for h in header], rows
