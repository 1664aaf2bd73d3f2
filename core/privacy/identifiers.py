"""Detection of direct identifiers in fields and in free text, and redaction of free text.

Detected kinds: ``name`` (by field name, by courtesy titles in text, and by the values of name fields found in
other fields), ``email``, ``phone`` (French numbers, national and international forms), ``nir`` (French social
security number, only when its control key is right), ``iban`` (only when the ISO 13616 mod-97 check holds) and
``address`` (a street number followed by a street type). The result is a *proposed* declaration: the user decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..messages import QT_TR_NOOP, Message

EMAIL_RE = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
PHONE_RE = re.compile(r"(?<![\d+])(?:(?:\+|00)33[\s.-]?(?:\(0\)[\s.-]?)?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)")
NIR_RE = re.compile(
    r"(?<![\dA-Za-z])([12])[\s.]?(\d{2})[\s.]?(\d{2})[\s.]?(\d{2}|2[ABab])[\s.]?(\d{3})[\s.]?(\d{3})[\s.]?(\d{2})(?![\d])"
)
IBAN_RE = re.compile(r"(?<![A-Za-z0-9])([A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30})(?![A-Za-z0-9])")
_STREET_TYPES = (
    r"rue|avenue|av\.?|boulevard|bd|bld|place|pl\.|chemin|ch\.|impasse|imp\.?|all[ée]e|route|rte|quai|cours|square|"
    r"voie|passage|rond-point|lotissement|r[ée]sidence|hameau|cit[ée]|faubourg|fbg|sentier|esplanade|promenade|"
    r"parvis|villa|traverse|mont[ée]e|rampe|chauss[ée]e|lieu-dit|ruelle|venelle|quartier|domaine|cour|clos|"
    r"street|st\.|road|rd\.?"
)
ADDRESS_RE = re.compile(
    r"(?<![\d])\d{1,4}\s?(?:bis|ter|quater|[abt])?\s*,?\s+(?:" + _STREET_TYPES + r")(?:\s+[\w'’\-]+){1,4}",
    re.IGNORECASE,
)
TITLE_NAME_RE = re.compile(
    r"\b(?:M\.|Mme\.?|Mlle\.?|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Me\.?|Monsieur|Madame|Mademoiselle|Docteur)\s+"
    r"(?:[A-ZÀ-Ý][\w'’\-]+)(?:\s+[A-ZÀ-Ý][\w'’\-]+)?"
)
NAME_FIELD_RE = re.compile(
    r"(?:^|_)(?:nom|noms|prenom|prénom|prenoms|prénoms|name|names|firstname|first_name|lastname|last_name|surname|"
    r"given_?name|family_?name|full_?name|nom_?complet|nom_?usage|nom_?naissance|patronyme|nom_?prenom|"
    r"prenom_?nom|declarant|demandeur|auteur|author|contact_?name|nom_?contact|signataire)$",
    re.IGNORECASE,
)
# "nom_commune", "street_name"...: names of places, not of people
PLACE_FIELD_RE = re.compile(
    r"(?:commune|com|ville|city|town|epci|dep|departement|region|pays|country|rue|voie|street|lieu|place|site|"
    r"quartier|iris|zone|layer|couche|file|fichier|categ\w*|type|service|station|capteur|sensor)",
    re.IGNORECASE,
)
EMAIL_FIELD_RE = re.compile(r"(?:^|_)(?:e?-?mail|courriel|mel)(?:$|_)", re.IGNORECASE)
PHONE_FIELD_RE = re.compile(r"(?:^|_)(?:tel|t[ée]l[ée]phone|phone|mobile|portable|gsm|fax)(?:$|_)", re.IGNORECASE)
ADDRESS_FIELD_RE = re.compile(r"(?:^|_)(?:adresse|address|addr|adr|voie|rue)(?:$|_)", re.IGNORECASE)
NIR_FIELD_RE = re.compile(r"(?:^|_)(?:nir|secu|ssn|num_?secu|insee_?personne)(?:$|_)", re.IGNORECASE)
IBAN_FIELD_RE = re.compile(r"(?:^|_)(?:iban|rib|bic_?iban)(?:$|_)", re.IGNORECASE)

KINDS = ("name", "email", "phone", "nir", "iban", "address")
# How the proposals name each kind of identifier and quasi-identifier (translated when shown).
KIND_NAMES = {
    "name": QT_TR_NOOP("name"),
    "email": QT_TR_NOOP("e-mail address"),
    "phone": QT_TR_NOOP("phone number"),
    "nir": "NIR",
    "iban": "IBAN",
    "address": QT_TR_NOOP("postal address"),
    "record id": QT_TR_NOOP("record id"),
    "age": QT_TR_NOOP("age"),
    "date": QT_TR_NOOP("date"),
    "commune": QT_TR_NOOP("commune"),
    "categorical": QT_TR_NOOP("categorical"),
}


def kind_name(kind: str) -> Message:
    """The name of a kind of identifier, as the messages show it."""
    return Message(KIND_NAMES.get(kind, kind))


REDACTION = "[redacted]"


def nir_key_ok(match: re.Match) -> bool:
    """True when the 13-digit NIR body has the right 2-digit key (97 - body mod 97; Corsica 2A → 19, 2B → 18)."""
    sex, year, month, dept, commune, order, key = match.groups()
    dept_u = dept.upper()
    dept_num = {"2A": "19", "2B": "18"}.get(dept_u, dept_u)
    body = int(sex + year + month + dept_num + commune + order)
    return 97 - body % 97 == int(key)


def iban_ok(candidate: str) -> bool:
    """ISO 13616 check: move the first four characters to the end, letters → 10..35, the number mod 97 is 1."""
    compact = candidate.replace(" ", "").upper()
    if not 15 <= len(compact) <= 34 or not compact.isalnum():
        return False
    rearranged = compact[4:] + compact[:4]
    digits = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(digits) % 97 == 1


def compile_names(names) -> re.Pattern | None:
    """One case-insensitive whole-word pattern for known names (values of name fields), or None."""
    names = sorted({str(n).strip() for n in names if n is not None and len(str(n).strip()) >= 3}, key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE)


def name_like_values(values) -> list:
    """Values that look like personal names (letters, spaces, hyphens, apostrophes; at least 3 characters)."""
    return [str(v).strip() for v in values if v is not None and NAME_VALUE_RE.match(str(v).strip())]


NAME_VALUE_RE = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ' \-]{2,}$")


def find_identifiers(text, known_names=()) -> list:
    """``[(kind, start, end)]`` of the identifiers found in ``text`` (checked NIR and IBAN only).

    ``known_names`` are values of declared name fields (e.g. "Dupont"), or a pattern from :func:`compile_names`:
    they are found in free text as whole words.
    """
    if text is None:
        return []
    text = str(text)
    spans = []
    for m in EMAIL_RE.finditer(text):
        spans.append(("email", m.start(), m.end()))
    for m in NIR_RE.finditer(text):
        if nir_key_ok(m):
            spans.append(("nir", m.start(), m.end()))
    for m in IBAN_RE.finditer(text):
        if iban_ok(m.group(1)):
            spans.append(("iban", m.start(1), m.end(1)))
    for m in PHONE_RE.finditer(text):
        spans.append(("phone", m.start(), m.end()))
    for m in ADDRESS_RE.finditer(text):
        spans.append(("address", m.start(), m.end()))
    for m in TITLE_NAME_RE.finditer(text):
        spans.append(("name", m.start(), m.end()))
    pattern = known_names if isinstance(known_names, re.Pattern) else compile_names(known_names or ())
    if pattern is not None:
        for m in pattern.finditer(text):
            spans.append(("name", m.start(), m.end()))
    return _merge(spans)


def _merge(spans: list) -> list:
    """Drop spans inside others (an NIR also matches as digits of a phone number, etc.); keep the first kind."""
    spans.sort(key=lambda s: (s[1], -(s[2] - s[1])))
    merged = []
    for kind, start, end in spans:
        if merged and start < merged[-1][2]:
            if end > merged[-1][2]:
                merged[-1] = (merged[-1][0], merged[-1][1], end)
            continue
        merged.append((kind, start, end))
    return merged


def redact(text, known_names=(), replacement: str = REDACTION):
    """``text`` with every identifier found replaced by ``replacement`` (None stays None)."""
    if text is None:
        return None
    text = str(text)
    if not isinstance(known_names, re.Pattern):
        known_names = compile_names(known_names or ())
    spans = find_identifiers(text, known_names)
    for _kind, start, end in reversed(spans):
        text = text[:start] + replacement + text[end:]
    return text


@dataclass
class FieldProposal:
    """What detection proposes for one field: ``role`` is ``direct``, ``free_text``, ``quasi`` or ``other``."""

    name: str
    role: str
    kinds: list = field(default_factory=list)  # identifier kinds found
    share: float = 0.0  # share of non-empty values holding an identifier
    reason: str = ""


QUASI_FIELD_RE = re.compile(
    r"(?:^|_)(?:age|date|jour|naiss\w*|birth\w*|dob|sexe|sex|gender|genre|commune|code_?commune|insee|codgeo|"
    r"com|depcom|code_?postal|cp|zip|iris|epci|departement|dep|quartier|nationalite)(?:$|_)",
    re.IGNORECASE,
)


def propose_declaration(columns: dict, sample: int = 2000) -> dict:
    """Propose a role for each field from its name and (a sample of) its values.

    ``columns`` maps field name → sequence of values. A field whose name says it is a name, e-mail, phone, NIR, IBAN
    or address, or whose values are mostly (≥ 50 %) such identifiers, is ``direct``; a text field whose values
    contain identifiers among other words is ``free_text`` (to drop or redact); fields whose names suggest age,
    dates, places or sex are ``quasi``. Everything else is ``other``.
    """
    name_values = set()
    for fname, values in columns.items():
        if is_name_field(fname):
            name_values.update(name_like_values(list(values)[:sample]))
    name_values = compile_names(name_values)
    proposals = {}
    for fname, values in columns.items():
        vals = [v for v in list(values)[:sample] if v is not None and str(v).strip() != ""]
        by_name = _kind_by_field_name(fname)
        if by_name:
            proposals[fname] = FieldProposal(
                fname,
                "direct",
                [by_name],
                1.0,
                Message(QT_TR_NOOP("field name suggests {}"), kind_name(by_name)),
            )
            continue
        quasi_kind = _quasi_kind(fname, vals)
        text_vals = [str(v) for v in vals if isinstance(v, str)]
        if quasi_kind == "date" or not text_vals:
            role = "quasi" if quasi_kind else "other"
            proposals[fname] = FieldProposal(fname, role, [quasi_kind] if quasi_kind else [], 0.0, _why(quasi_kind))
            continue
        whole = {k: 0 for k in KINDS}
        partial = 0
        kinds = set()
        for v in text_vals:
            spans = find_identifiers(v, name_values)
            if spans:
                partial += 1
                kinds.update(s[0] for s in spans)
                if len(spans) == 1 and spans[0][1] == 0 and spans[0][2] == len(v.strip()):
                    whole[spans[0][0]] += 1
        n = len(text_vals)
        best_kind = max(whole, key=whole.get)
        mean_words = sum(len(v.split()) for v in text_vals) / n
        if whole[best_kind] >= 0.5 * n:
            proposals[fname] = FieldProposal(
                fname,
                "direct",
                [best_kind],
                whole[best_kind] / n,
                Message(QT_TR_NOOP("{} of {} values are {}"), whole[best_kind], n, kind_name(best_kind)),
            )
        elif partial and mean_words >= 3:
            proposals[fname] = FieldProposal(
                fname,
                "free_text",
                sorted(kinds),
                partial / n,
                Message(QT_TR_NOOP("{} of {} texts contain identifiers"), partial, n),
            )
        elif partial and partial >= 0.5 * n:
            proposals[fname] = FieldProposal(fname, "direct", sorted(kinds), partial / n, "identifiers in values")
        elif mean_words >= 3:
            proposals[fname] = FieldProposal(fname, "free_text", [], 0.0, "free text (no identifier found in sample)")
        else:
            role = "quasi" if quasi_kind else "other"
            proposals[fname] = FieldProposal(fname, role, [quasi_kind] if quasi_kind else [], 0.0, _why(quasi_kind))
    return proposals


ISO_DATE_RE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}.*)?$|^\d{1,2}/\d{1,2}/\d{4}$")


def _why(kind: str) -> str:
    return Message(QT_TR_NOOP("looks like a {} quasi-identifier"), kind_name(kind)) if kind else ""


def _quasi_kind(fname: str, values: list) -> str:
    """``age``, ``date``, ``commune`` or ``categorical`` for a likely quasi-identifier, else empty."""
    import datetime

    low = fname.lower()
    if values:
        dates = sum(
            1 for v in values if isinstance(v, (datetime.date, datetime.datetime)) or ISO_DATE_RE.match(str(v).strip())
        )
        if dates >= 0.8 * len(values):
            return "date"
    if not QUASI_FIELD_RE.search(fname):
        return ""
    if re.search(r"(?:^|_)age(?:$|_)", low):
        return "age"
    if re.search(r"date|jour|naiss|birth|dob", low):
        return "date"
    if re.search(r"commune|insee|codgeo|depcom|(?:^|_)com(?:$|_)", low):
        return "commune"
    return "categorical"


RECORD_ID_FIELD_RE = re.compile(
    r"^(?:id|fid|gid|uid|uuid|guid|objectid|ogc_fid|identifiant|id_\w+|\w+_id|num_?dossier|n_?dossier|ticket)$",
    re.IGNORECASE,
)


def is_name_field(fname: str) -> bool:
    """The field name says it holds people's names (``nom``, ``declarant_name``…, not ``nom_commune``)."""
    return bool(NAME_FIELD_RE.search(fname)) and not PLACE_FIELD_RE.search(fname)


def _kind_by_field_name(fname: str) -> str:
    if is_name_field(fname):
        return "name"
    if RECORD_ID_FIELD_RE.match(fname):
        return "record id"
    for kind, regex in (
        ("email", EMAIL_FIELD_RE),
        ("phone", PHONE_FIELD_RE),
        ("nir", NIR_FIELD_RE),
        ("iban", IBAN_FIELD_RE),
        ("address", ADDRESS_FIELD_RE),
    ):
        if regex.search(fname):
            return kind
    return ""
