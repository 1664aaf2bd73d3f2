"""Geometry from a territory code column: each row gets the boundary of its code (commune, EPCI, département,
région). Codes that lost their leading zero are repaired (:mod:`core.tabular.codes`) at every level; former commune
codes are re-coded through the COG (:mod:`core.cog`), whose successions follow communes only: EPCI, département and
région codes are repaired but never re-coded. Rows whose code matches no boundary are kept without geometry and
counted."""

from __future__ import annotations

from osgeo import ogr, osr

from ...core.tabular import codes as code_repair
from ...toolbelt.i18n import tr
from .load_common import GeometryOptions, LoadResult, ResourceLoadError, check_cancel

RECODED_LEVELS = ("commune",)  # the levels whose former codes the COG referential follows (core.cog successors)


def join_codes(table_path, target, layer_name, options: GeometryOptions, feedback, label, result: LoadResult) -> None:
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
    split = {}  # former commune code -> its successors found among the boundaries (several: ambiguous)
    out_ds.StartTransaction()
    total = max(1, table.GetFeatureCount())
    for n, feature in enumerate(table):
        if n % 1000 == 0:
            check_cancel(feedback)
            if feedback is not None:
                feedback.setProgress(100 * n / total)
        raw = feature.GetFieldAsString(code_index) if feature.IsFieldSetAndNotNull(code_index) else ""
        code = code_repair.repair_code(raw, options.level, repair)
        geom = boundaries.get(code)
        if geom is None and code and options.level in RECODED_LEVELS:
            referential = referential or default_referential()
            try:
                successors = referential.successors(code, referential.vintages[0] - 1)
            except Exception:  # noqa: BLE001 - an unknown code simply stays unjoined
                successors = []
            joined = [s for s in successors if s in boundaries]
            if len(joined) == 1:
                result.recoded[code] = joined[0]
                geom = boundaries[joined[0]]
            elif len(joined) > 1:
                split[code] = joined
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
    if split:
        examples = ", ".join(f"{a} → {' + '.join(b)}" for a, b in list(split.items())[:5])
        result.notes.append(
            tr(
                "{} former commune codes were split into several communes and cannot be given one boundary: their "
                "rows are kept without geometry ({}).",
                len(split),
                examples,
            )
        )
    if unjoined and options.level not in RECODED_LEVELS:
        result.notes.append(
            tr(
                "Codes of this level ({}) are repaired (lost leading zero) but not re-coded: the COG referential "
                "follows former codes of communes only. Use boundaries of the same year as the data.",
                options.level,
            )
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
