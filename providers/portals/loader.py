"""The resource loader: a downloaded file (or a URL) → one layer in a GeoPackage, with its source metadata.

Shared by every portal and reusable by later dataset providers. Steps: stream the resource to disk through the
network layer (:meth:`NetworkClient.download`: atomic, cancellable), recognise the content by its bytes (an
extension or a declared format can lie; an HTML page is a dead link or a login page), open zips safely
(:mod:`core.tabular.zipsafe`), then either translate a vector file (GeoJSON, FlatGeobuf, GeoPackage, Shapefile,
KML) with GDAL, or read a table (CSV, XLSX/ODS through OGR) and build its geometry from longitude/latitude, a
``"lat,lon"`` column, Lambert-93 X/Y, a WKT/GeoJSON column, or a territory-code column joined to boundaries.
Swapped longitude/latitude are detected, corrected and said; coordinates outside France are counted and said.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from osgeo import gdal, ogr, osr

from ...core.tabular import codes as code_repair
from ...core.tabular import sniff, zipsafe
from ...core.tabular.formats import sniff_format
from ...core.tabular.rewrite import (
    PAIR_LAT,
    PAIR_LON,
    check_types,
    decimal_comma_columns,
    guess_types,
    rewrite,
    transcode,
)
from ...toolbelt.atomic import atomic_path
from ...toolbelt.i18n import tr
from ..layer_metadata import apply_source_metadata

VECTOR_EXTENSIONS = (".shp", ".geojson", ".json", ".gpkg", ".fgb", ".kml", ".gml")
TABLE_EXTENSIONS = (".csv", ".tsv", ".xlsx", ".xls", ".ods")
LEVELS = ("commune", "epci", "departement", "region")


class ResourceLoadError(Exception):
    """The resource cannot be turned into a layer; ``str(error)`` says why and what to do."""


@dataclass
class GeometryOptions:
    """``mode``: ``auto`` (detect), ``xy`` (``x_field``/``y_field`` in ``crs``), ``wkt`` (``wkt_field``),
    ``code`` (``code_field`` of ``level`` joined to ``boundaries``: ``{code: ogr.Geometry}`` in
    ``boundaries_crs``), ``none`` (a table without geometry). ``layer``: the member/layer to load when there are
    several."""

    mode: str = "auto"
    x_field: str = ""
    y_field: str = ""
    crs: str = "EPSG:4326"
    wkt_field: str = ""
    code_field: str = ""
    level: str = "commune"
    boundaries: dict = field(default_factory=dict)
    boundaries_crs: str = "EPSG:2154"
    layer: str = ""
    spatial_index: bool = True  # False for an intermediate GeoPackage that is copied elsewhere


@dataclass
class LoadResult:
    path: Path
    layer: str
    feature_count: int = 0
    without_geometry: int = 0
    outside_france: int = 0
    unjoined_codes: list = field(default_factory=list)
    unjoined_rows: int = 0
    repaired_codes: dict = field(default_factory=dict)
    recoded: dict = field(default_factory=dict)
    source_format: str = ""
    notes: list = field(default_factory=list)


@contextlib.contextmanager
def _gdal_errors_as_exceptions():
    """GDAL exceptions on, for this block only (no process-wide side effect)."""
    previous = gdal.GetUseExceptions()
    gdal.UseExceptions()
    try:
        yield
    finally:
        if not previous:
            gdal.DontUseExceptions()


def _stop(feedback):
    return (lambda: feedback.isCanceled()) if feedback is not None else None


def _check_cancel(feedback):
    if feedback is not None and feedback.isCanceled():
        raise ResourceLoadError(tr("Cancelled"))


# ------------------------------------------------------------------------------------------------ entry point


def load_file(
    path,
    target,
    layer_name: str,
    options: Optional[GeometryOptions] = None,
    source=None,
    feedback=None,
    zip_max_expanded: int = zipsafe.DEFAULT_MAX_EXPANDED,
    zip_max_ratio: float = zipsafe.DEFAULT_MAX_RATIO,
    label: str = "",
) -> LoadResult:
    """Load the file at ``path`` into the GeoPackage ``target`` (written atomically) as ``layer_name``.

    ``source``: a Dataset or source-metadata dict written into the GeoPackage (licence, attribution, ...).
    ``label``: how to name the resource in messages (its URL or title).
    """
    options = options or GeometryOptions()
    path = Path(path)
    label = label or path.name
    work = Path(tempfile.mkdtemp(prefix="terridata_load_"))
    try:
        with atomic_path(target) as tmp:
            result = _load_any(path, tmp, layer_name, options, feedback, work, label, zip_max_expanded, zip_max_ratio)
            if source is not None:
                apply_source_metadata(tmp, source, layer_name=layer_name)
        result.path = Path(target)
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _load_any(path, target, layer_name, options, feedback, work, label, max_expanded, max_ratio) -> LoadResult:
    with open(path, "rb") as handle:
        head = handle.read(65536)
    kind = sniff_format(head)
    if kind == "empty":
        raise ResourceLoadError(tr("The resource {} is empty (0 bytes): there is nothing to load.", label))
    if kind == "html":
        raise ResourceLoadError(
            tr(
                "The resource {} is a web page (HTML), not data: the link is probably dead, or redirects to a login "
                "page. Open it in a browser to check, or choose another resource of the dataset.",
                label,
            )
        )
    if kind in ("pdf", "parquet"):
        raise ResourceLoadError(
            tr("The resource {} is a {} file, which TerriData does not load as a layer.", label, kind.upper())
        )
    if kind == "zip":
        return _load_zip(path, target, layer_name, options, feedback, work, label, max_expanded, max_ratio)
    if kind == "xls":
        return _load_spreadsheet(path, target, layer_name, options, feedback, work, label)
    if kind == "text":
        return _load_csv(path, target, layer_name, options, feedback, work, label)
    if kind == "json":
        raise ResourceLoadError(
            tr("The resource {} is JSON but not GeoJSON: TerriData cannot make a layer of it.", label)
        )
    return _load_vector(path, target, layer_name, options, feedback, label, kind)


# ------------------------------------------------------------------------------------------------ zips


def _load_zip(path, target, layer_name, options, feedback, work, label, max_expanded, max_ratio) -> LoadResult:
    try:
        members = zipsafe.list_members(path)
    except zipsafe.UnsafeArchiveError as exc:
        raise ResourceLoadError(_zip_message(exc, label)) from None
    names = [m.name for m in members]
    if "xl/workbook.xml" in names or "content.xml" in names and "mimetype" in names:
        return _load_spreadsheet(path, target, layer_name, options, feedback, work, label)
    candidates = [
        n
        for n in names
        if n.lower().endswith(VECTOR_EXTENSIONS + TABLE_EXTENSIONS) and not n.split("/")[-1].startswith(".")
    ]
    if not candidates:
        raise ResourceLoadError(
            tr(
                "The zip archive {} has no layer TerriData can load (no Shapefile, GeoJSON, GeoPackage, FlatGeobuf, "
                "KML or CSV inside; it holds: {}).",
                label,
                ", ".join(names[:15]) or tr("nothing"),
            )
        )
    if options.layer:
        chosen = [n for n in candidates if n == options.layer or n.rsplit("/", 1)[-1] == options.layer]
        if not chosen:
            raise ResourceLoadError(
                tr("The zip archive {} has no layer '{}'. Its layers: {}.", label, options.layer, ", ".join(candidates))
            )
    elif len(candidates) > 1:
        raise ResourceLoadError(
            tr(
                "The zip archive {} holds several layers: {}. Choose one with the 'Layer inside the file' parameter.",
                label,
                ", ".join(candidates),
            )
        )
    else:
        chosen = candidates
    member = chosen[0]
    stem = member.rsplit(".", 1)[0]
    wanted = [n for n in names if n.rsplit(".", 1)[0] == stem] if member.lower().endswith(".shp") else [member]
    try:
        zipsafe.extract(path, work / "zip", wanted, max_expanded, max_ratio, should_stop=_stop(feedback))
    except zipsafe.UnsafeArchiveError as exc:
        raise ResourceLoadError(_zip_message(exc, label)) from None
    except InterruptedError:
        raise ResourceLoadError(tr("Cancelled")) from None
    inner = options.layer
    options.layer = ""
    try:
        return _load_any(
            work / "zip" / member, target, layer_name, options, feedback, work, f"{label} → {member}", max_expanded, 1e9
        )
    finally:
        options.layer = inner


def _zip_message(exc: zipsafe.UnsafeArchiveError, label: str) -> str:
    if exc.reason == "encrypted":
        return tr(
            "The zip archive {} is encrypted (password-protected): TerriData cannot open it. Ask the producer for "
            "an open copy. ({})",
            label,
            str(exc),
        )
    if exc.reason == "bomb":
        return tr(
            "The zip archive {} was refused: {}. If the archive is genuine, raise the zip caps in the TerriData "
            "settings.",
            label,
            str(exc),
        )
    if exc.reason == "slip":
        return tr("The zip archive {} was refused because it is unsafe: {}.", label, str(exc))
    return tr("The zip archive {} cannot be read: {}.", label, str(exc))


# ------------------------------------------------------------------------------------------------ vector files


def _open_vector(path, label):
    with _gdal_errors_as_exceptions():
        try:
            ds = gdal.OpenEx(str(path), gdal.OF_VECTOR)
        except RuntimeError as exc:
            ds = None
            detail = str(exc)
        else:
            detail = ""
    if ds is None:
        raise ResourceLoadError(
            tr(
                "The resource {} cannot be read as a vector layer ({}): its content does not match its format.",
                label,
                detail or tr("unknown format"),
            )
        )
    return ds


def _load_vector(path, target, layer_name, options, feedback, label, kind) -> LoadResult:
    src = _open_vector(path, label)
    names = [src.GetLayer(i).GetName() for i in range(src.GetLayerCount())]
    if not names:
        raise ResourceLoadError(tr("The resource {} has no layer.", label))
    if options.layer:
        if options.layer not in names:
            raise ResourceLoadError(
                tr("The resource {} has no layer '{}'. Its layers: {}.", label, options.layer, ", ".join(names))
            )
        chosen = options.layer
    elif len(names) > 1:
        raise ResourceLoadError(
            tr(
                "The resource {} holds several layers: {}. Choose one with the 'Layer inside the file' parameter.",
                label,
                ", ".join(names),
            )
        )
    else:
        chosen = names[0]
    src_layer = src.GetLayerByName(chosen)
    if src_layer.GetGeomType() == ogr.wkbNone and kind in ("gpkg",):
        src = None
        return _load_table_layer(path, chosen, target, layer_name, options, feedback, label)
    _translate(src, target, layer_name, [chosen], feedback, label, spatial_index=options.spatial_index)
    src = None
    result = LoadResult(Path(target), layer_name, source_format=kind)
    _measure(target, layer_name, result)
    return result


def _translate(
    src, target, layer_name, layers, feedback, label, srs: str = "", spatial_index: bool = True, stop_event=None
) -> None:
    calls = [0]

    def progress(done, _msg, _data):
        # GDAL calls this for every feature: stay cheap, look at the feedback every 20,000 calls
        calls[0] += 1
        if calls[0] % 20000:
            return 1
        if stop_event is not None:
            return 0 if stop_event.is_set() else 1
        feedback.setProgress(50 + 50 * done)
        return 0 if feedback.isCanceled() else 1

    opts = gdal.VectorTranslateOptions(
        format="GPKG",
        layers=layers,
        layerName=layer_name,
        srcSRS=srs or None,
        dstSRS=srs or None,
        layerCreationOptions=[f"SPATIAL_INDEX={'YES' if spatial_index else 'NO'}"],
        # no Python callback while another thread runs Python: each call would wait for the GIL
        callback=progress if (feedback is not None and stop_event is None) else None,
    )
    with _gdal_errors_as_exceptions():
        try:
            out = gdal.VectorTranslate(str(target), src, options=opts)
        except RuntimeError as exc:
            if stop_event is not None and stop_event.is_set():
                raise ResourceLoadError(tr("Cancelled")) from None
            _check_cancel(feedback)
            raise ResourceLoadError(
                tr("The resource {} could not be converted to a GeoPackage ({}).", label, exc)
            ) from None
    if out is None:
        _check_cancel(feedback)
        raise ResourceLoadError(tr("The resource {} could not be converted to a GeoPackage.", label))
    out = None
    if stop_event is None:
        _check_cancel(feedback)


def _measure(target, layer_name, result: LoadResult) -> None:
    """Counts on the written layer: features, rows without geometry, points outside France."""
    ds = ogr.Open(str(target))
    layer = ds.GetLayerByName(layer_name)
    result.feature_count = layer.GetFeatureCount()
    geom_col = layer.GetGeometryColumn()
    if not geom_col:
        result.without_geometry = result.feature_count
        return
    quoted = f'"{layer_name}"'
    sql = ds.ExecuteSQL(f'SELECT COUNT(*) FROM {quoted} WHERE "{geom_col}" IS NULL OR ST_IsEmpty("{geom_col}")')
    result.without_geometry = int(sql.GetNextFeature().GetField(0))
    ds.ReleaseResultSet(sql)
    srs = layer.GetSpatialRef()
    epsg = None
    if srs is not None:
        srs.AutoIdentifyEPSG()
        epsg = srs.GetAuthorityCode(None)
    if epsg in ("4326", "2154"):
        if epsg == "4326":
            boxes = sniff.FRANCE_BOXES
        else:
            boxes = (sniff.LAMBERT93_BOX,)
        inside = " OR ".join(
            f'(ST_MinX("{geom_col}") >= {b[0]} AND ST_MaxX("{geom_col}") <= {b[2]} AND ST_MinY("{geom_col}") >= '
            f'{b[1]} AND ST_MaxY("{geom_col}") <= {b[3]})'
            for b in boxes
        )
        sql = ds.ExecuteSQL(f'SELECT COUNT(*) FROM {quoted} WHERE "{geom_col}" IS NOT NULL AND NOT ({inside})')
        result.outside_france = int(sql.GetNextFeature().GetField(0))
        ds.ReleaseResultSet(sql)
        if result.outside_france:
            result.notes.append(
                tr(
                    "{} of {} features lie outside France (metropolitan and overseas): check the coordinates and "
                    "their CRS.",
                    result.outside_france,
                    result.feature_count,
                )
            )
    if result.without_geometry:
        result.notes.append(
            tr(
                "{} of {} rows have no geometry (kept, without geometry).",
                result.without_geometry,
                result.feature_count,
            )
        )
    ds = None


# ------------------------------------------------------------------------------------------------ tables


def _load_spreadsheet(path, target, layer_name, options, feedback, work, label) -> LoadResult:
    src = _open_vector(path, label)
    names = [src.GetLayer(i).GetName() for i in range(src.GetLayerCount())]
    if not names:
        raise ResourceLoadError(tr("The spreadsheet {} has no sheet.", label))
    chosen = options.layer if options.layer in names else names[0]
    if options.layer and options.layer not in names:
        raise ResourceLoadError(
            tr("The spreadsheet {} has no sheet '{}'. Its sheets: {}.", label, options.layer, ", ".join(names))
        )
    src = None
    return _load_table_layer(path, chosen, target, layer_name, options, feedback, label)


def _load_table_layer(path, sheet, target, layer_name, options, feedback, label) -> LoadResult:
    csv_path = work_csv = Path(tempfile.mkdtemp(prefix="terridata_sheet_")) / "sheet.csv"
    try:
        src = _open_vector(path, label)
        with _gdal_errors_as_exceptions():
            gdal.VectorTranslate(
                str(csv_path),
                src,
                options=gdal.VectorTranslateOptions(
                    format="CSV", layers=[sheet], layerCreationOptions=["SEPARATOR=SEMICOLON"]
                ),
            )
        src = None
        return _load_csv(csv_path, target, layer_name, options, feedback, work_csv.parent, label)
    finally:
        shutil.rmtree(work_csv.parent, ignore_errors=True)


def _load_csv(path, target, layer_name, options, feedback, work, label) -> LoadResult:
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
            rewritten = rewrite(path, clean, dialect, spec, should_stop=_stop(feedback))
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
        with _gdal_errors_as_exceptions():
            try:
                src = gdal.OpenEx(str(clean), gdal.OF_VECTOR, allowed_drivers=["CSV"], open_options=open_options)
            except RuntimeError as exc:
                raise ResourceLoadError(tr("The CSV {} cannot be read ({}).", label, exc)) from None
        _translate(
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
        _join_codes(table_target, target, layer_name, options, feedback, label, result)
    _measure(target, layer_name, result)
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
        checked = check_types(clean, delimiter, types, should_stop=_stop(feedback))
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
    _check_cancel(feedback)
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
    import csv
    import io

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
    import csv

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


def _join_codes(table_path, target, layer_name, options: GeometryOptions, feedback, label, result: LoadResult) -> None:
    """Rows of the table with the geometry of the boundary whose code they carry (repaired and re-coded through
    the COG when needed); rows whose code matches no boundary are kept without geometry and counted."""
    from ...core.cog.referential import default_referential

    boundaries = options.boundaries
    if not boundaries:
        raise ResourceLoadError(tr("Joining on a territory code needs a boundary layer with a code field."))
    src = ogr.Open(str(table_path))
    table = src.GetLayer(0)
    defn = table.GetLayerDefn()
    code_index = defn.GetFieldIndex(options.code_field)
    repair = code_repair.CodeRepair()
    referential = None
    srs = osr.SpatialReference()
    srs.SetFromUserInput(options.boundaries_crs)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    first = next(iter(boundaries.values()))
    driver = ogr.GetDriverByName("GPKG")
    out_ds = driver.CreateDataSource(str(target))
    out = out_ds.CreateLayer(layer_name, srs, first.GetGeometryType(), ["SPATIAL_INDEX=YES"])
    for i in range(defn.GetFieldCount()):
        out.CreateField(defn.GetFieldDefn(i))
    out_defn = out.GetLayerDefn()
    unjoined = {}
    out_ds.StartTransaction()
    total = max(1, table.GetFeatureCount())
    for n, feature in enumerate(table):
        if n % 1000 == 0:
            _check_cancel(feedback)
            if feedback is not None:
                feedback.setProgress(100 * n / total)
        raw = feature.GetFieldAsString(code_index) if feature.IsFieldSetAndNotNull(code_index) else ""
        code = code_repair.repair_code(raw, options.level, repair)
        geom = boundaries.get(code)
        if geom is None and code and options.level == "commune":
            referential = referential or default_referential()
            try:
                successors = referential.successors(code, referential.vintages[0] - 1)
            except Exception:  # noqa: BLE001 - an unknown code simply stays unjoined
                successors = []
            joined = [s for s in successors if s in boundaries]
            if len(joined) == 1:
                result.recoded[code] = joined[0]
                geom = boundaries[joined[0]]
        out_feature = ogr.Feature(out_defn)
        out_feature.SetFrom(feature)
        if geom is not None:
            out_feature.SetGeometry(geom)
        else:
            unjoined[raw] = unjoined.get(raw, 0) + 1
        out.CreateFeature(out_feature)
    out_ds.CommitTransaction()
    out_ds = None
    src = None
    result.repaired_codes = dict(repair.repaired)
    result.unjoined_codes = sorted(unjoined)
    result.unjoined_rows = sum(unjoined.values())
    if repair.count:
        examples = ", ".join(f"{a} → {b}" for a, b in list(repair.repaired.items())[:5])
        result.notes.append(tr("{} codes had lost their leading zero and were repaired ({}).", repair.count, examples))
    if result.recoded:
        examples = ", ".join(f"{a} → {b}" for a, b in list(result.recoded.items())[:5])
        result.notes.append(
            tr("{} former commune codes were re-coded through the COG ({}).", len(result.recoded), examples)
        )
    if unjoined:
        result.notes.append(
            tr(
                "{} rows ({} distinct codes) match no boundary and are kept without geometry: {}.",
                result.unjoined_rows,
                len(unjoined),
                ", ".join(sorted(unjoined)[:10]),
            )
        )
