"""One streaming pass over a CSV that makes it easy for GDAL's CSV driver: UTF-8, ``,`` delimiter, decimal
points in numeric columns, a ``"lat,lon"`` pair split into two columns, and each column's type measured on every
row (so a code such as ``01001`` stays text and a column is numeric only when every value is a number)."""

from __future__ import annotations

import csv
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


_INT = re.compile(r"-?(?:0|[1-9]\d{0,17})")
_REAL = re.compile(r"[-+]?(?:(?:0|[1-9]\d*)(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")
CHUNK_ROWS = 20000


def _is_int(v: str) -> bool:
    return _INT.fullmatch(v) is not None


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

            def flush(chunk):
                # columns at once (C-level loops): decimal commas, type checks, "lat,lon" pairs
                cols = [list(c) for c in zip(*chunk)]
                for i in comma_cols:
                    cols[i] = [v.replace(",", ".") for v in cols[i]]
                for i in list(reals):
                    values = [v for v in cols[i] if v]
                    if not values:
                        continue
                    filled.add(i)
                    if i in ints and not all(map(_INT.fullmatch, values)):
                        ints.discard(i)
                    if i not in ints and not all(map(_REAL.fullmatch, values)):
                        reals.discard(i)
                if pair_index >= 0:
                    pairs = [parse_pair(v) for v in cols[pair_index]]
                    first = [repr(p[0]) if p else "" for p in pairs]
                    second = [repr(p[1]) if p else "" for p in pairs]
                    # "lat,lon" (Opendatasoft's geo_point_2d) unless detected as "lon,lat"
                    cols += [first, second] if geometry.swapped else [second, first]
                out_rows = list(zip(*cols))
                writer.writerows(out_rows)
                if len(result.sample) < 200:
                    result.sample.extend(list(r) for r in out_rows[: 200 - len(result.sample)])
                result.rows += len(out_rows)

            def rows():
                yield from head_rows
                yield from reader

            chunk = []
            for row in rows():
                if len(row) != width:
                    if not any(c.strip() for c in row):
                        continue
                    row = (row + [""] * width)[:width]
                chunk.append(row)
                if len(chunk) >= CHUNK_ROWS:
                    flush(chunk)
                    chunk = []
                    if should_stop is not None and should_stop():
                        raise InterruptedError("cancelled")
            if chunk:
                flush(chunk)
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
        return result


# ------------------------------------------------------------------------------------------ fast path
# For ';' and ',' files GDAL's CSV driver reads the file itself (with ';' it also reads decimal commas in Real
# fields): TerriData only transcodes to UTF-8 and checks, on every row, the column types GDAL is told (.csvt).

_REAL_COMMA = re.compile(r"[-+]?(?:(?:0|[1-9]\d*)(?:[.,]\d*)?|[.,]\d+)(?:[eE][-+]?\d+)?")


def transcode(source, target, encoding: str, chunk_size: int = 8 * 1024 * 1024) -> None:
    """Copy ``source`` into ``target`` as UTF-8 (bulk decode/encode, constant memory)."""
    import codecs

    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    with open(source, "rb") as src, open(target, "wb") as dst:
        while True:
            block = src.read(chunk_size)
            text = decoder.decode(block, final=not block)
            if text:
                dst.write(text.encode("utf-8"))
            if not block:
                break


def guess_types(header, rows, semicolon: bool) -> list:
    """GDAL types (``Integer64``/``Real``/``String``) from sample rows; with ``;`` decimal commas are numbers."""
    real = _REAL_COMMA if semicolon else _REAL
    types = []
    for i in range(len(header)):
        values = [r[i] for r in rows if i < len(r) and r[i]]
        if values and all(map(_INT.fullmatch, values)):
            types.append("Integer64")
        elif values and all(map(real.fullmatch, values)):
            types.append("Real")
        else:
            types.append("String")
    return types


def check_types(path, delimiter: str, types: list, should_stop=None) -> list:
    """``types`` corrected by every row of the UTF-8 file at ``path`` (a later non-number makes a column text,
    a later decimal makes an integer column real)."""
    real = _REAL_COMMA if delimiter == ";" else _REAL
    types = list(types)
    width = len(types)
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as src:
        reader = csv.reader(src, delimiter=delimiter)
        next(reader, None)
        chunk = []

        def check(chunk):
            numeric = [i for i, t in enumerate(types) if t != "String"]
            if not numeric:
                return False
            cols = list(zip(*chunk))
            for i in numeric:
                values = [v for v in cols[i] if v]
                if types[i] == "Integer64" and not all(map(_INT.fullmatch, values)):
                    types[i] = "Real"
                if types[i] == "Real" and not all(map(real.fullmatch, values)):
                    types[i] = "String"
            return True

        for row in reader:
            if len(row) != width:
                if not any(c.strip() for c in row):
                    continue
                row = (row + [""] * width)[:width]
            chunk.append(row)
            if len(chunk) >= CHUNK_ROWS:
                if not check(chunk):
                    return types
                chunk = []
                if should_stop is not None and should_stop():
                    raise InterruptedError("cancelled")
        if chunk:
            check(chunk)
    return types
