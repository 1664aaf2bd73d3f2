"""CSV (and spreadsheet sheets converted to CSV) → GeoPackage layer.

Encoding, delimiter, decimal comma and geometry columns are detected (:mod:`core.tabular.sniff`). Fast path for
``;`` and ``,`` files: GDAL's CSV driver reads the file itself (transcoded to UTF-8 when needed; with ``;`` it also
reads decimal commas) while Python checks the guessed column types on every row. Otherwise the file is rewritten
first (:mod:`core.tabular.rewrite`). Swapped longitude/latitude are detected, corrected and said.
"""

from __future__ import annotations

import csv
import io
import shutil
import threading
from pathlib import Path

from osgeo import gdal, ogr

from ...core.tabular import sniff
from ...core.tabular.rewrite import (
    PAIR_LAT,
    PAIR_LON,
    check_types,
    decimal_comma_columns,
    guess_types,
    rewrite,
    transcode,
)
from ...toolbelt.i18n import tr
from .code_join import join_codes
from .load_common import (
    GeometryOptions,
    LoadResult,
    ResourceLoadError,
    check_cancel,
    gdal_exceptions,
    measure,
    stop_callback,
    translate_to_gpkg,
)


def load_csv(path, target, layer_name, options, feedback, work, label) -> LoadResult:
    spatial_index = options.spatial_index
    with open(path, "rb") as handle:
        head = handle.read(262144)
    encoding = sniff.detect_encoding(head)
    text = head.decode(encoding, errors="replace")
    try:
        delimiter = sniff.detect_dialect(text)
    except ValueError:
        raise ResourceLoadError(tr("The CSV {} is empty: it has no header and no row.", label)) from None
    dialect = sniff.Dialect(encoding, delimiter)
    header, rows = _sample(text, delimiter)
    if not rows:
        raise ResourceLoadError(tr("The CSV {} has a header but no data row: there is nothing to load.", label))
    spec = _geometry_spec(header, rows, options, label)
    notes = [
        tr(
            "CSV read as {} with delimiter '{}'.",
            {"utf-8-sig": "UTF-8 (BOM)", "utf-8": "UTF-8", "cp1252": "Windows-1252"}[encoding],
            "tab" if delimiter == "\t" else delimiter,
        )
    ]
    fast = (
        delimiter in (";", ",")
        and spec.kind in ("xy", "none", "wkt")
        and all(h and h == h.strip() and "," not in h for h in header)
        and len(set(header)) == len(header)
        and not (delimiter == "," and decimal_comma_columns(header, rows))
    )
    open_options, srs, fixed = _geometry_open_options(spec, notes)
    if fast:
        clean = Path(work) / "data.csv"
        if encoding == "cp1252":
            transcode(path, clean, encoding)
        else:
            try:
                clean.symlink_to(Path(path).resolve())
            except OSError:
                shutil.copyfile(path, clean)
        types = guess_types(header, rows, delimiter == ";")
    else:
        clean = Path(work) / "normalised.csv"
        try:
            rewritten = rewrite(path, clean, dialect, spec, should_stop=stop_callback(feedback))
        except InterruptedError:
            raise ResourceLoadError(tr("Cancelled")) from None
        except ValueError:
            raise ResourceLoadError(
                tr("The CSV {} has a header but no data row: there is nothing to load.", label)
            ) from None
        header, types = rewritten.header, list(rewritten.types)
        if spec.kind == "geojson":
            clean = _geojson_to_wkt(clean, spec.column, header)
    for name, kind in fixed.items():
        types[header.index(name)] = kind
    table_target = target if options.mode != "code" else Path(work) / "table.gpkg"

    def translate(column_types, stop_event=None):
        clean.with_name(clean.stem + ".csvt").write_text(",".join(f'"{t}"' for t in column_types), encoding="utf-8")
        with gdal_exceptions():
            try:
                src = gdal.OpenEx(str(clean), gdal.OF_VECTOR, allowed_drivers=["CSV"], open_options=open_options)
            except RuntimeError as exc:
                raise ResourceLoadError(tr("The CSV {} cannot be read ({}).", label, exc)) from None
        translate_to_gpkg(
            src, table_target, layer_name, [src.GetLayer(0).GetName()], feedback, label, srs, spatial_index, stop_event
        )
        src = None

    if fast:
        fixed_indices = {header.index(name) for name in fixed}
        _translate_while_checking(translate, clean, delimiter, types, fixed_indices, feedback, table_target)
    else:
        translate(types)
    result = LoadResult(Path(target), layer_name, source_format="csv", notes=notes)
    if options.mode == "code":
        join_codes(table_target, target, layer_name, options, feedback, label, result)
    measure(target, layer_name, result)
    return result


def _translate_while_checking(translate, clean, delimiter, types, fixed, feedback, table_target) -> None:
    """GDAL translates with the types guessed from the sample (in a thread: GDAL releases the GIL) while Python
    checks them on every row; in the rare case a later row contradicts the guess, GDAL runs again with the
    corrected types, so the result never depends on the sample. GDAL gets no Python progress callback here (it
    would wait for the GIL on every feature): a cancellation during the check stops at once, one during the
    conversion when GDAL finishes it (the result is then discarded)."""
    stop = threading.Event()
    outcome = {}

    def work():
        try:
            translate(types, stop)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the calling thread
            outcome["error"] = exc

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    try:
        checked = check_types(clean, delimiter, types, should_stop=stop_callback(feedback))
    except InterruptedError:
        stop.set()
        worker.join()
        raise ResourceLoadError(tr("Cancelled")) from None
    except BaseException:
        stop.set()
        worker.join()
        raise
    for index in fixed:
        checked[index] = types[index]  # geometry columns keep their type: GDAL reads them as coordinates
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    check_cancel(feedback)
    if checked != types:
        Path(table_target).unlink(missing_ok=True)
        translate(checked)


def _geometry_open_options(spec: sniff.GeometrySpec, notes: list) -> tuple:
    """GDAL CSV open options, the CRS to assign, and the column types the geometry needs."""
    open_options = ["HEADERS=YES", "EMPTY_STRING_AS_NULL=YES", "KEEP_GEOM_COLUMNS=YES"]
    fixed = {}
    if spec.kind in ("xy", "pair"):
        x, y = (spec.x, spec.y) if spec.kind == "xy" else (PAIR_LON, PAIR_LAT)
        if spec.swapped and spec.kind == "xy":
            x, y = y, x
            notes.append(
                tr(
                    "The columns '{}' and '{}' hold latitudes and longitudes the wrong way round: detected and "
                    "swapped.",
                    spec.x,
                    spec.y,
                )
            )
        elif spec.swapped:
            notes.append(
                tr(
                    "The column '{}' holds 'longitude,latitude' pairs (not 'latitude,longitude'): detected.",
                    spec.column,
                )
            )
        fixed = {x: "Real", y: "Real"}
        open_options += [f"X_POSSIBLE_NAMES={x}", f"Y_POSSIBLE_NAMES={y}"]
        if spec.decimal_comma:
            notes.append(tr("Decimal commas read in the coordinates."))
        return open_options, spec.crs, fixed
    if spec.kind in ("wkt", "geojson"):
        return open_options + [f"GEOM_POSSIBLE_NAMES={spec.column}"], spec.crs, {spec.column: "WKT"}
    return open_options + ["GEOM_POSSIBLE_NAMES=__none__"], "", {}


def _sample(text: str, delimiter: str):
    lines = text.splitlines()
    if len(lines) > 2:
        lines = lines[:-1]
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
    header = [h.strip() for h in next(reader, [])]
    rows = [r for r in reader if any(c.strip() for c in r)][:1000]
    return header, rows


def _geometry_spec(header, rows, options: GeometryOptions, label) -> sniff.GeometrySpec:
    if options.mode == "xy":
        for name in (options.x_field, options.y_field):
            if name not in header:
                raise ResourceLoadError(
                    tr("The CSV {} has no column '{}'. Its columns: {}.", label, name, ", ".join(header))
                )
        idx = [header.index(options.x_field), header.index(options.y_field)]
        values = [r[i] for r in rows for i in idx if i < len(r)]
        comma = any("," in v for v in values)
        return sniff.GeometrySpec("xy", x=options.x_field, y=options.y_field, crs=options.crs, decimal_comma=comma)
    if options.mode == "wkt":
        if options.wkt_field not in header:
            raise ResourceLoadError(
                tr("The CSV {} has no column '{}'. Its columns: {}.", label, options.wkt_field, ", ".join(header))
            )
        return sniff.GeometrySpec("wkt", column=options.wkt_field)
    if options.mode in ("none", "code"):
        if options.mode == "code" and options.code_field not in header:
            raise ResourceLoadError(
                tr("The CSV {} has no column '{}'. Its columns: {}.", label, options.code_field, ", ".join(header))
            )
        return sniff.GeometrySpec("none")
    return sniff.detect_geometry(header, rows)


def _geojson_to_wkt(path: Path, column: str, header) -> Path:
    out = path.with_name("normalised_wkt.csv")
    index = header.index(column)
    with open(path, encoding="utf-8", newline="") as src, open(out, "w", encoding="utf-8", newline="") as dst:
        reader, writer = csv.reader(src), csv.writer(dst, lineterminator="\n")
        writer.writerow(next(reader))
        for row in reader:
            geom = ogr.CreateGeometryFromJson(row[index]) if row[index].strip() else None
            row[index] = geom.ExportToWkt() if geom is not None else ""
            writer.writerow(row)
    return out


# ------------------------------------------------------------------------------------------------ code join
