"""The official geographic code (COG) of INSEE by vintage: lookups and code successions.

A *vintage* is the COG in force on 1 January of a year. The referential holds, for each vintage, the communes
(``commune-actuelle``), the municipal arrondissements of Paris, Lyon and Marseille, the delegated and associated
communes of the "communes nouvelles", the EPCI with their member communes, the départements and the régions, with
names and parent links, as Etalab publishes them (``@etalab/decoupage-administratif``).

Codes older than the first vintage (for example the 2018 codes of IGN's 2018 boundaries) resolve through the
``anciensCodes`` of the first vintage (the codes each commune absorbed) and through its delegated communes: ask
``successors(code, 2018, 2026)``; any year before the first vintage means "a code older than the first vintage".

Build a referential from Etalab-shaped records with :meth:`CogReferential.add_vintage` (or
:meth:`CogReferential.from_vintages`); the plugin's embedded snapshot is loaded by :func:`default_referential`
(``core/cog/snapshot.py``). No ``qgis`` import here.
"""

from __future__ import annotations

import datetime as _dt
import threading
from dataclasses import dataclass, field
from typing import Callable, Iterable, NamedTuple

from ..messages import QT_TR_NOOP, Message

COMMUNE = "commune"
ARRONDISSEMENT = "arrondissement-municipal"
DELEGATED = "commune-deleguee"
ASSOCIATED = "commune-associee"
EPCI = "epci"
DEPARTEMENT = "departement"
REGION = "region"

LEVELS = (COMMUNE, ARRONDISSEMENT, DELEGATED, ASSOCIATED, EPCI, DEPARTEMENT, REGION)
_LEVEL_ALIASES = {
    "com": COMMUNE,
    "commune": COMMUNE,
    "commune-actuelle": COMMUNE,
    "arm": ARRONDISSEMENT,
    "arrondissement-municipal": ARRONDISSEMENT,
    "comd": DELEGATED,
    "commune-deleguee": DELEGATED,
    "coma": ASSOCIATED,
    "commune-associee": ASSOCIATED,
    "epci": EPCI,
    "dep": DEPARTEMENT,
    "departement": DEPARTEMENT,
    "reg": REGION,
    "region": REGION,
}

# Splits that happened before the first vintage and that its data cannot show (a commune re-established out of a
# commune nouvelle before 2021 is a plain commune in 2021 and appears in nobody's anciensCodes any more).
# origin code (as it was before 2021) -> codes re-established out of it. Source: INSEE, COG events of 2019-2020.
PRE_FIRST_VINTAGE_SPLITS = {
    # Sannerville re-established on 1 January 2020 out of the commune nouvelle Saline (14712, which became Troarn).
    "14712": ("14666",),
}


def normalise_level(level: str) -> str:
    key = str(level).strip().lower().replace("_", "-")
    if key not in _LEVEL_ALIASES:
        raise ValueError(
            Message(
                QT_TR_NOOP("Unknown territorial level {!r}; expected one of {}"),
                level,
                ", ".join(LEVELS),
            )
        )
    return _LEVEL_ALIASES[key]


class CommuneRecord(NamedTuple):
    code: str
    kind: str  # commune / arrondissement-municipal / commune-deleguee / commune-associee
    name: str
    departement: str
    region: str
    parent: str  # chef-lieu (delegated, associated) or commune (arrondissement municipal); "" for communes
    anciens: tuple  # codes absorbed by this commune (communes only)


class EpciRecord(NamedTuple):
    code: str
    name: str
    kind: str  # CC, CA, CU, METRO
    members: tuple  # commune codes


class AreaRecord(NamedTuple):
    code: str
    name: str
    region: str  # for a département; "" for a région
    chef_lieu: str


_KIND_OF_TYPE = {
    "commune-actuelle": COMMUNE,
    "arrondissement-municipal": ARRONDISSEMENT,
    "commune-deleguee": DELEGATED,
    "commune-associee": ASSOCIATED,
}


@dataclass
class VintageTables:
    """Normalised tables of one vintage (build with :meth:`from_etalab`)."""

    communes: dict = field(default_factory=dict)  # code -> CommuneRecord (commune-actuelle)
    arrondissements: dict = field(default_factory=dict)  # code -> CommuneRecord
    delegated: dict = field(default_factory=dict)  # code -> CommuneRecord (delegated and associated)
    population: dict = field(default_factory=dict)  # code -> int (communes and arrondissements)
    epci: dict = field(default_factory=dict)  # code -> EpciRecord
    departements: dict = field(default_factory=dict)  # code -> AreaRecord
    regions: dict = field(default_factory=dict)  # code -> AreaRecord

    def __post_init__(self):
        self._derived = None

    @classmethod
    def from_etalab(
        cls,
        communes: Iterable[dict],
        epci: Iterable[dict] = (),
        departements: Iterable[dict] = (),
        regions: Iterable[dict] = (),
    ) -> VintageTables:
        """Tables from records shaped as Etalab's ``communes.json``, ``epci.json``, ``departements.json`` and
        ``regions.json`` (the records need only the keys used here: code, nom, type, departement, region, chefLieu,
        commune, anciensCodes, population; membres for an EPCI).

        Communes of the overseas collectivities (``collectiviteOutremer`` in the 2021 files) get their
        collectivity's code as département and région, as later files do.
        """
        tables = cls()
        overseas = {}
        for rec in communes:
            kind = _KIND_OF_TYPE.get(rec.get("type", "commune-actuelle"))
            if kind is None:
                raise ValueError(
                    Message(
                        QT_TR_NOOP("Unknown commune type {!r} for code {!r}"),
                        rec.get("type"),
                        rec.get("code"),
                    )
                )
            code = str(rec["code"])
            dep = rec.get("departement") or ""
            reg = rec.get("region") or ""
            com = rec.get("collectiviteOutremer")
            if com and not dep:
                dep = reg = str(com["code"])
                overseas[dep] = str(com.get("nom", dep))
            parent = rec.get("chefLieu") if kind in (DELEGATED, ASSOCIATED) else rec.get("commune")
            record = CommuneRecord(
                code, kind, str(rec.get("nom", "")), dep, reg, parent or "", tuple(rec.get("anciensCodes") or ())
            )
            if kind == COMMUNE:
                tables.communes[code] = record
            elif kind == ARRONDISSEMENT:
                tables.arrondissements[code] = record
            else:
                tables.delegated[code] = record
            if kind in (COMMUNE, ARRONDISSEMENT) and rec.get("population") is not None:
                tables.population[code] = int(rec["population"])
        for rec in epci:
            members = tuple(sorted(str(m["code"] if isinstance(m, dict) else m) for m in rec.get("membres", ())))
            tables.epci[str(rec["code"])] = EpciRecord(str(rec["code"]), str(rec["nom"]), rec.get("type", ""), members)
        for rec in departements:
            tables.departements[str(rec["code"])] = AreaRecord(
                str(rec["code"]), str(rec["nom"]), str(rec.get("region", "")), rec.get("chefLieu") or ""
            )
        for rec in regions:
            tables.regions[str(rec["code"])] = AreaRecord(
                str(rec["code"]), str(rec["nom"]), "", rec.get("chefLieu") or ""
            )
        for code, name in overseas.items():
            tables.departements.setdefault(code, AreaRecord(code, name, code, ""))
            tables.regions.setdefault(code, AreaRecord(code, name, "", ""))
        return tables

    # derived indexes, built on first use
    def _index(self):
        if self._derived is None:
            anciens = {}
            for rec in self.communes.values():
                for old in rec.anciens:
                    anciens[old] = rec.code
            commune_epci = {}
            for rec in self.epci.values():
                for member in rec.members:
                    commune_epci[member] = rec.code
            self._derived = (anciens, commune_epci)
        return self._derived

    @property
    def anciens(self) -> dict:
        """old code -> commune (of this vintage) that absorbed it."""
        return self._index()[0]

    @property
    def commune_epci(self) -> dict:
        return self._index()[1]


class CogReferential:
    """Lookups in the COG vintages: validity, names, ancestors, members, successors."""

    def __init__(self):
        self._tables: dict = {}
        self._loaders: dict = {}  # vintage -> callable returning VintageTables (lazy snapshot decoding)
        self._lock = threading.RLock()
        self._steps: dict = {}
        self.pre_first_vintage_splits = dict(PRE_FIRST_VINTAGE_SPLITS)

    # ---- building
    @classmethod
    def from_vintages(cls, vintages: dict) -> CogReferential:
        """``{year: VintageTables}`` (or ``{year: callable returning VintageTables}`` for lazy loading)."""
        ref = cls()
        for year, tables in vintages.items():
            if callable(tables) and not isinstance(tables, VintageTables):
                ref._loaders[int(year)] = tables
            else:
                ref._tables[int(year)] = tables
        return ref

    def add_vintage(
        self,
        year: int,
        communes: Iterable[dict],
        epci: Iterable[dict] = (),
        departements: Iterable[dict] = (),
        regions: Iterable[dict] = (),
    ) -> VintageTables:
        """Add (or replace) a vintage from Etalab-shaped records; returns its tables."""
        tables = VintageTables.from_etalab(communes, epci, departements, regions)
        with self._lock:
            self._tables[int(year)] = tables
            self._loaders.pop(int(year), None)
            self._steps.clear()
        return tables

    def add_lazy_vintage(self, year: int, loader: Callable[[], VintageTables]) -> None:
        with self._lock:
            self._loaders[int(year)] = loader
            self._tables.pop(int(year), None)
            self._steps.clear()

    # ---- vintages
    @property
    def vintages(self) -> list:
        """Available vintages (years), ascending."""
        return sorted(set(self._tables) | set(self._loaders))

    def tables(self, vintage) -> VintageTables:
        year = self.resolve_vintage(vintage)
        if year < self.vintages[0]:
            raise ValueError(
                Message(
                    QT_TR_NOOP(
                        "No COG vintage before {} in the referential; codes that old can only be "
                        "followed to their successors (successors(code, {}, {}))",
                    ),
                    self.vintages[0],
                    year,
                    self.vintages[-1],
                )
            )
        with self._lock:
            if year not in self._tables:
                self._tables[year] = self._loaders.pop(year)()
            return self._tables[year]

    def resolve_vintage(self, vintage=None, date=None) -> int:
        """The vintage in force: an int year, a date/datetime or ISO date string (COG of 1 January of its year).

        ``None`` gives the latest vintage. A year after the latest vintage gives the latest one (the referential
        cannot know later changes). A year before the first vintage is returned as is: it means "older codes".
        """
        available = self.vintages
        if not available:
            raise ValueError("The COG referential holds no vintage")
        value = date if date is not None else vintage
        if value is None:
            return available[-1]
        if isinstance(value, (_dt.date, _dt.datetime)):
            year = value.year
        elif isinstance(value, str):
            text = value.strip()
            try:
                year = int(text[:4]) if len(text) > 4 else int(text)
                if len(text) > 4:
                    _dt.date.fromisoformat(text[:10])
            except ValueError:
                raise ValueError(Message(QT_TR_NOOP("Not a year or an ISO date (YYYY-MM-DD): {!r}"), value)) from None
        else:
            year = int(value)
        if year >= available[0]:
            # the vintage in force is the latest one whose 1 January is not after the date
            return max(v for v in available if v <= year)
        return year

    # ---- lookups
    def _record(self, code: str, level: str, tables: VintageTables):
        level = normalise_level(level)
        code = str(code).strip().upper()
        if level == COMMUNE:
            return tables.communes.get(code)
        if level == ARRONDISSEMENT:
            return tables.arrondissements.get(code)
        if level in (DELEGATED, ASSOCIATED):
            rec = tables.delegated.get(code)
            return rec if rec is not None and rec.kind == level else None
        if level == EPCI:
            return tables.epci.get(code)
        if level == DEPARTEMENT:
            return tables.departements.get(code)
        return tables.regions.get(code)

    def is_valid(self, code: str, level: str = COMMUNE, vintage=None, date=None) -> bool:
        """Whether ``code`` is a code of ``level`` in the vintage in force (at ``date``, or ``vintage``)."""
        if code is None:
            return False
        return self._record(code, level, self.tables(self.resolve_vintage(vintage, date))) is not None

    def name(self, code: str, vintage=None, level: str | None = None, date=None):
        """Official name of ``code`` at ``level`` in the vintage, or ``None`` when it is not a code of that level.

        Without ``level``: the commune, else the municipal arrondissement, else the delegated/associated commune.
        """
        tables = self.tables(self.resolve_vintage(vintage, date))
        if level is None:
            code = str(code).strip().upper()
            rec = tables.communes.get(code) or tables.arrondissements.get(code) or tables.delegated.get(code)
        else:
            rec = self._record(code, level, tables)
        return rec.name if rec is not None else None

    def kind_of(self, code: str, vintage=None) -> str | None:
        """The commune-level kind of ``code``: commune, arrondissement-municipal, commune-deleguee/-associee."""
        tables = self.tables(vintage)
        code = str(code).strip().upper()
        for table in (tables.communes, tables.arrondissements, tables.delegated):
            if code in table:
                return table[code].kind
        return None

    def ancestors(self, code: str, vintage=None, date=None) -> dict:
        """``{level: code}`` from the finest to the coarsest: (arrondissement-municipal or commune-deleguee/-associee
        →) commune → epci → departement → region. Raises ``KeyError`` for a code unknown in the vintage.

        An EPCI is absent for the few communes that belong to none (islands such as Île-de-Sein).
        """
        tables = self.tables(self.resolve_vintage(vintage, date))
        code = str(code).strip().upper()
        out = {}
        rec = tables.communes.get(code)
        if rec is None:
            sub = tables.arrondissements.get(code) or tables.delegated.get(code)
            if sub is None:
                raise KeyError(
                    Message(
                        QT_TR_NOOP("{} is not a commune code of the {} COG"),
                        code,
                        self.resolve_vintage(vintage, date),
                    )
                )
            out[sub.kind] = sub.code
            rec = tables.communes.get(sub.parent)
            if rec is None:
                raise KeyError(
                    Message(
                        QT_TR_NOOP("{}: its parent commune {} is missing from the COG"),
                        code,
                        sub.parent,
                    )
                )
        out[COMMUNE] = rec.code
        epci = tables.commune_epci.get(rec.code)
        if epci:
            out[EPCI] = epci
        if rec.departement:
            out[DEPARTEMENT] = rec.departement
        if rec.region:
            out[REGION] = rec.region
        return out

    def members(self, code: str, level: str, vintage=None, member_level: str = COMMUNE, date=None) -> list:
        """Sorted codes of ``member_level`` (commune, arrondissement-municipal, departement) inside an EPCI,
        département or région."""
        tables = self.tables(self.resolve_vintage(vintage, date))
        level = normalise_level(level)
        member_level = normalise_level(member_level)
        code = str(code).strip().upper()
        if self._record(code, level, tables) is None:
            raise KeyError(
                Message(
                    QT_TR_NOOP("{} is not a {} code of the {} COG"),
                    code,
                    level,
                    self.resolve_vintage(vintage, date),
                )
            )
        if member_level == DEPARTEMENT:
            if level != REGION:
                raise ValueError("Départements are members of a région only")
            return sorted(d.code for d in tables.departements.values() if d.region == code)
        if member_level not in (COMMUNE, ARRONDISSEMENT, DELEGATED, ASSOCIATED):
            raise ValueError(Message(QT_TR_NOOP("Cannot list {} members"), member_level))
        if level == EPCI:
            communes = set(tables.epci[code].members)
        elif level == DEPARTEMENT:
            communes = {c.code for c in tables.communes.values() if c.departement == code}
        elif level == REGION:
            communes = {c.code for c in tables.communes.values() if c.region == code}
        elif level == COMMUNE:
            communes = {code}
        else:
            raise ValueError(Message(QT_TR_NOOP("A {} has no members"), level))
        if member_level == COMMUNE:
            return sorted(communes)
        if member_level == ARRONDISSEMENT:
            return sorted(a.code for a in tables.arrondissements.values() if a.parent in communes)
        return sorted(d.code for d in tables.delegated.values() if d.parent in communes and d.kind == member_level)

    def codes(self, level: str = COMMUNE, vintage=None, date=None) -> list:
        """Sorted codes of a level in a vintage."""
        tables = self.tables(self.resolve_vintage(vintage, date))
        level = normalise_level(level)
        table = {
            COMMUNE: tables.communes,
            ARRONDISSEMENT: tables.arrondissements,
            EPCI: tables.epci,
            DEPARTEMENT: tables.departements,
            REGION: tables.regions,
        }.get(level)
        if table is None:
            return sorted(c for c, r in tables.delegated.items() if r.kind == level)
        return sorted(table)

    def latest_vintage(self, level: str = COMMUNE) -> int:
        """The latest vintage that has codes of ``level`` (a vintage read from INSEE's API has no EPCI, for example)."""
        for vintage in reversed(self.vintages):
            if self.codes(level, vintage):
                return vintage
        raise KeyError(Message(QT_TR_NOOP("No vintage of the COG referential has codes of level {!r}"), level))

    def population(self, code: str, vintage=None):
        return self.tables(vintage).population.get(str(code).strip().upper())

    # ---- successions
    def is_known_old_code(self, code: str) -> bool:
        """Whether ``code`` can be followed from before the first vintage (a commune, an absorbed or delegated one)."""
        return str(code).strip().upper() in self._step(None)

    def successors(self, code: str, from_vintage, to_vintage=None) -> list:
        """Commune codes of ``to_vintage`` that the commune ``code`` of ``from_vintage`` became (sorted).

        One code when unchanged or merged into a commune nouvelle; several when the commune was split (communes
        re-established); none when the code is unknown in ``from_vintage``. ``from_vintage`` before the first
        vintage accepts any older code known through ``anciensCodes`` or delegated communes.
        """
        return sorted(self.successor_shares(code, from_vintage, to_vintage))

    def successor_shares(self, code: str, from_vintage, to_vintage=None) -> dict:
        """``{successor code: share}``; shares sum to 1. A split allocates by the population of the resulting
        communes in the vintage where the split happened (equal shares when it is unknown)."""
        return self.transition(from_vintage, to_vintage).get(str(code).strip().upper(), {})

    def transition(self, from_vintage, to_vintage=None) -> dict:
        """``{code of from_vintage: {code of to_vintage: share}}`` for every commune and arrondissement code."""
        start = self.resolve_vintage(from_vintage)
        end = self.resolve_vintage(to_vintage)
        first = self.vintages[0]
        if end < first:
            raise ValueError(Message(QT_TR_NOOP("The target vintage must be {} or later"), first))
        if start > end:
            raise ValueError(
                Message(
                    QT_TR_NOOP("Codes are followed forward in time only (from {} to {})"),
                    start,
                    end,
                )
            )
        key = (min(start, first - 1) if start < first else start, end)
        with self._lock:
            if key in self._steps:
                return self._steps[key]
        chain = [v for v in self.vintages if (start < first or v > start) and v <= end]
        current = self._step(None) if start < first else {c: {c: 1.0} for c in self._identity_codes(start)}
        if start < first:
            chain = chain[1:]
        previous = first if start < first else start
        for year in chain:
            step = self._step(previous, year)
            current = _compose(current, step)
            previous = year
        if start < first:
            current = self._route_components(current, self.tables(first), self.tables(end))
        with self._lock:
            self._steps[key] = current
        return current

    @staticmethod
    def _route_components(current: dict, first: VintageTables, end: VintageTables) -> dict:
        """An older code absorbed before the first vintage, whose commune nouvelle was split later, goes whole to
        the part the end vintage names it in: itself re-established, the commune it is delegated to, or the one
        commune listing it in ``anciensCodes`` (instead of a population share of every part)."""
        out = dict(current)
        for code, shares in current.items():
            if len(shares) < 2 or code in first.communes:
                continue
            if code in shares and code in end.communes:
                out[code] = {code: 1.0}
                continue
            rec = end.delegated.get(code)
            if rec is not None and rec.parent in shares:
                out[code] = {rec.parent: 1.0}
                continue
            holders = [t for t in shares if t in end.communes and code in end.communes[t].anciens]
            if len(holders) == 1:
                out[code] = {holders[0]: 1.0}
        return out

    def _identity_codes(self, year: int):
        tables = self.tables(year)
        return list(tables.communes) + list(tables.arrondissements)

    def _step(self, from_year, to_year=None) -> dict:
        """One step: ``from_year=None`` is "older codes -> first vintage"; else consecutive vintages."""
        key = ("step", from_year, to_year)
        with self._lock:
            if key in self._steps:
                return self._steps[key]
        if from_year is None:
            first = self.tables(self.vintages[0])
            targets = {}
            for rec in first.delegated.values():
                if rec.parent in first.communes:
                    targets[rec.code] = [rec.parent]
            for old, owner in first.anciens.items():
                targets[old] = [owner]
            for code in list(first.communes) + list(first.arrondissements):
                targets[code] = [code]
            for origin, parts in self.pre_first_vintage_splits.items():
                if origin in targets:
                    targets[origin] = targets[origin] + [p for p in parts if p in first.communes]
            step = {code: _shares(codes, first.population) for code, codes in targets.items()}
        else:
            a = self.tables(from_year)
            b = self.tables(to_year)
            targets = {}
            for code in a.communes:
                if code in b.communes:
                    targets[code] = [code]
                elif code in b.anciens:
                    targets[code] = [b.anciens[code]]
                elif code in b.delegated and b.delegated[code].parent in b.communes:
                    targets[code] = [b.delegated[code].parent]
                else:
                    targets[code] = []
            for code in a.arrondissements:
                targets[code] = [code] if code in b.arrondissements else []
            for code in b.communes:
                if code in a.communes:
                    continue
                origin = a.anciens.get(code)
                if origin is None and code in a.delegated:
                    origin = a.delegated[code].parent
                if origin in targets and code not in targets[origin]:
                    targets[origin].append(code)  # re-established out of ``origin``: a split
            step = {code: _shares(codes, b.population) for code, codes in targets.items()}
        with self._lock:
            self._steps[key] = step
        return step


def _shares(codes: list, population: dict) -> dict:
    if not codes:
        return {}
    if len(codes) == 1:
        return {codes[0]: 1.0}
    weights = [max(float(population.get(c) or 0), 0.0) for c in codes]
    total = sum(weights)
    if total <= 0:
        return {c: 1.0 / len(codes) for c in codes}
    return {c: w / total for c, w in zip(codes, weights)}


def _compose(first: dict, second: dict) -> dict:
    out = {}
    for code, shares in first.items():
        combined = {}
        for mid, share in shares.items():
            for target, share2 in second.get(mid, {}).items():
                combined[target] = combined.get(target, 0.0) + share * share2
        out[code] = combined
    return out


_DEFAULT = None
_DEFAULT_LOCK = threading.Lock()
_VINTAGE_SOURCES = []


def register_vintage_source(source) -> None:
    """Call ``source(referential)`` when the default referential is first built (e.g. to add the vintages that
    were fetched from INSEE's API and cached in the user's profile). Keeps core free of any QGIS or network code."""
    if source not in _VINTAGE_SOURCES:
        _VINTAGE_SOURCES.append(source)


def default_referential() -> CogReferential:
    """The referential of the embedded snapshot plus the registered vintage sources (built once, on first use)."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            from .snapshot import load_snapshot

            referential = load_snapshot()
            for source in _VINTAGE_SOURCES:
                source(referential)
            _DEFAULT = referential
        return _DEFAULT
