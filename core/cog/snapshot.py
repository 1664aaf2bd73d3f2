"""The embedded COG snapshot: a compact, gzip-compressed JSON of several vintages (``resources/cog/``).

What does not change between vintages is stored once: every distinct commune record (code, kind, name,
département, région, parent, absorbed codes), EPCI, EPCI membership, département and région carries a bit mask of
the vintages it belongs to. Populations, which change every year, are stored per vintage as a list aligned with
the records of that vintage. A vintage is decoded only when first used.

Format (``format`` = 1)::

    {"format": 1, "vintages": [2021, ...], "source": ..., "pre_first_vintage_splits": {origin: [codes]},
     "communes": [[code, kind, name, departement, region, parent, "old1 old2", mask], ...],
     "population": {"2021": [pop or -1 for each commune/arrondissement record of 2021, in record order]},
     "epci": [[code, name, kind, mask]], "epci_members": [[epci code, mask, "c1 c2 ..."]],
     "departements": [[code, name, region, chef_lieu, mask]], "regions": [[code, name, chef_lieu, mask]]}

Bit ``i`` of a mask is ``vintages[i]``. No ``qgis`` import.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from ..messages import QT_TR_NOOP, Message
from .referential import (
    ARRONDISSEMENT,
    ASSOCIATED,
    COMMUNE,
    DELEGATED,
    AreaRecord,
    CogReferential,
    CommuneRecord,
    EpciRecord,
    VintageTables,
)

FORMAT = 1
# Vintages of the embedded snapshot (checked by tests/unit/test_cog_referential.py): lets Processing algorithms
# list them without reading the snapshot when QGIS starts.
EMBEDDED_VINTAGES = (2021, 2022, 2023, 2024, 2025, 2026)
SNAPSHOT_PATH = Path(__file__).resolve().parents[2] / "resources" / "cog" / "cog_snapshot.json.gz"
_KINDS = (COMMUNE, ARRONDISSEMENT, DELEGATED, ASSOCIATED)


def encode(vintages: dict, source: str = "", pre_first_vintage_splits: dict | None = None) -> dict:
    """Compact document of ``{year: VintageTables}``."""
    years = sorted(vintages)
    bit = {year: 1 << i for i, year in enumerate(years)}

    def collect(items_by_year):
        masks = {}
        for year in years:
            for key in items_by_year(vintages[year]):
                masks[key] = masks.get(key, 0) | bit[year]
        return masks

    def commune_keys(t: VintageTables):
        for table in (t.communes, t.arrondissements, t.delegated):
            for r in table.values():
                yield (r.code, _KINDS.index(r.kind), r.name, r.departement, r.region, r.parent, " ".join(r.anciens))

    communes = collect(commune_keys)
    commune_rows = sorted(communes.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[1]))
    population = {}
    for year in years:
        pops = vintages[year].population
        population[str(year)] = [
            pops.get(key[0], -1)
            for key, mask in commune_rows
            if mask & bit[year] and _KINDS[key[1]] in (COMMUNE, ARRONDISSEMENT)
        ]
    epci = collect(lambda t: ((r.code, r.name, r.kind) for r in t.epci.values()))
    members = collect(lambda t: ((r.code, " ".join(sorted(r.members))) for r in t.epci.values()))
    deps = collect(lambda t: ((r.code, r.name, r.region, r.chef_lieu) for r in t.departements.values()))
    regs = collect(lambda t: ((r.code, r.name, r.chef_lieu) for r in t.regions.values()))
    return {
        "format": FORMAT,
        "vintages": years,
        "source": source,
        "pre_first_vintage_splits": {k: list(v) for k, v in (pre_first_vintage_splits or {}).items()},
        "communes": [list(key) + [mask] for key, mask in commune_rows],
        "population": population,
        "epci": [list(key) + [mask] for key, mask in sorted(epci.items())],
        "epci_members": [[key[0], mask, key[1]] for key, mask in sorted(members.items())],
        "departements": [list(key) + [mask] for key, mask in sorted(deps.items())],
        "regions": [list(key) + [mask] for key, mask in sorted(regs.items())],
    }


def decode_vintage(doc: dict, year: int) -> VintageTables:
    """The tables of one vintage of a snapshot document."""
    years = doc["vintages"]
    if year not in years:
        raise KeyError(
            Message(
                QT_TR_NOOP("Vintage {} is not in the COG snapshot ({})"),
                year,
                ", ".join(map(str, years)),
            )
        )
    bit = 1 << years.index(year)
    tables = VintageTables()
    pops = iter(doc["population"][str(year)])
    for code, kind_index, name, dep, reg, parent, anciens, mask in doc["communes"]:
        if not mask & bit:
            continue
        kind = _KINDS[kind_index]
        record = CommuneRecord(code, kind, name, dep, reg, parent, tuple(anciens.split()) if anciens else ())
        if kind == COMMUNE:
            tables.communes[code] = record
        elif kind == ARRONDISSEMENT:
            tables.arrondissements[code] = record
        else:
            tables.delegated[code] = record
        if kind in (COMMUNE, ARRONDISSEMENT):
            pop = next(pops)
            if pop >= 0:
                tables.population[code] = pop
    members = {code: tuple(text.split()) for code, mask, text in doc["epci_members"] if mask & bit}
    for code, name, kind, mask in doc["epci"]:
        if mask & bit:
            tables.epci[code] = EpciRecord(code, name, kind, members.get(code, ()))
    for code, name, region, chef_lieu, mask in doc["departements"]:
        if mask & bit:
            tables.departements[code] = AreaRecord(code, name, region, chef_lieu)
    for code, name, chef_lieu, mask in doc["regions"]:
        if mask & bit:
            tables.regions[code] = AreaRecord(code, name, "", chef_lieu)
    return tables


def referential_from_document(doc: dict) -> CogReferential:
    if doc.get("format") != FORMAT:
        raise ValueError(
            Message(
                QT_TR_NOOP("Unsupported COG snapshot format {!r} (expected {})"),
                doc.get("format"),
                FORMAT,
            )
        )
    ref = CogReferential.from_vintages({year: (lambda y=year: decode_vintage(doc, y)) for year in doc["vintages"]})
    ref.pre_first_vintage_splits = {k: tuple(v) for k, v in doc.get("pre_first_vintage_splits", {}).items()}
    ref.source = doc.get("source", "")
    return ref


def write_snapshot(path, vintages: dict, source: str = "", pre_first_vintage_splits: dict | None = None) -> Path:
    """Write the compressed snapshot (atomically: temporary file then rename)."""
    import os
    import tempfile

    path = Path(path)
    doc = encode(vintages, source, pre_first_vintage_splits)
    data = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as gz:
            gz.write(data)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def load_snapshot(path=None) -> CogReferential:
    """The referential of a snapshot file (default: the embedded one); vintages are decoded on first use."""
    path = Path(path) if path else SNAPSHOT_PATH
    if not path.exists():
        raise FileNotFoundError(
            Message(
                QT_TR_NOOP("COG snapshot not found: {} (rebuild it with scripts/build_cog_snapshot.py)"),
                path,
            )
        )
    with gzip.open(path, "rb") as handle:
        doc = json.loads(handle.read().decode("utf-8"))
    return referential_from_document(doc)
