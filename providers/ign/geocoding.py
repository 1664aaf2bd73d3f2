"""Address geocoding with the Géoplateforme geocoding service (the national address base, BAN; addok-based).

Two paths, same results:

- per address: ``GET {base}/search?q=...&limit=1[&citycode=...]`` (GeoJSON FeatureCollection), one request per
  address, paced by the network layer's rate limit (50 requests/s by default);
- batch: ``POST {base}/search/csv`` (multipart: ``data`` = a CSV file, ``columns`` = the column(s) to geocode,
  ``citycode`` = the column holding the INSEE code filter, ``result_columns`` = the result columns wanted); the answer
  is the same CSV with ``latitude``, ``longitude``, ``result_label``, ``result_score``, ``result_type``,
  ``result_citycode`` ... appended. Chunks of :data:`BATCH_SIZE` rows, so 10,000 addresses are 2 requests.

No ``qgis`` import: the network client is passed in (anything with ``get``/``post`` like ``NetworkClient``).
"""

from __future__ import annotations

import csv
import io
import math
import uuid
from dataclasses import dataclass

BATCH_SIZE = 5000
AUTO_BATCH_THRESHOLD = 100  # above this many addresses the CSV batch endpoint is used
RESULT_COLUMNS = ("latitude", "longitude", "result_label", "result_score", "result_type", "result_citycode")

STATUS_MATCHED = "matched"
STATUS_LOW_SCORE = "below_min_score"
STATUS_NOT_FOUND = "not_found"
STATUS_EMPTY = "empty_address"


class GeocodingError(Exception):
    """The geocoding service failed or answered something unreadable; ``str()`` is a user-facing message."""


class GeocodingCancelled(GeocodingError):  # noqa: N818
    pass


@dataclass
class AddressQuery:
    row_id: int
    text: str
    citycode: str = ""


@dataclass
class GeocodeResult:
    row_id: int
    status: str = STATUS_NOT_FOUND
    score: float = 0.0
    label: str = ""
    type: str = ""  # noqa: A003
    citycode: str = ""
    lon: float | None = None
    lat: float | None = None

    @property
    def matched(self) -> bool:
        return self.status == STATUS_MATCHED


def build_address(*parts) -> str:
    """Join the non-empty parts (number, street, postcode, city...) into one query string."""
    cleaned = []
    for part in parts:
        if part is None:
            continue
        text = " ".join(str(part).split())
        if text and text.upper() not in ("NULL", "NONE", "NAN"):
            cleaned.append(text)
    return " ".join(cleaned)


def _float(value) -> float | None:
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(out) else out


def apply_min_score(result: GeocodeResult, min_score: float) -> GeocodeResult:
    """Results below ``min_score`` become unmatched (no point, score 0), with status ``below_min_score``."""
    if result.status == STATUS_MATCHED and result.score < min_score:
        return GeocodeResult(result.row_id, STATUS_LOW_SCORE)
    return result


# ------------------------------------------------------------------------------------------ per address


def parse_search_response(payload, row_id: int) -> GeocodeResult:
    """The best feature of a ``/search`` GeoJSON answer."""
    if not isinstance(payload, dict) or not isinstance(payload.get("features"), list):
        raise GeocodingError(
            "The geocoding service answered something that is not a GeoJSON FeatureCollection; "
            "check the geocoding URL in the TerriData settings."
        )
    if not payload["features"]:
        return GeocodeResult(row_id, STATUS_NOT_FOUND)
    feature = payload["features"][0]
    props = feature.get("properties") or {}
    coords = (feature.get("geometry") or {}).get("coordinates") or [None, None]
    lon, lat = _float(coords[0]), _float(coords[1]) if len(coords) > 1 else None
    if lon is None or lat is None:
        return GeocodeResult(row_id, STATUS_NOT_FOUND)
    return GeocodeResult(
        row_id,
        STATUS_MATCHED,
        score=_float(props.get("score")) or 0.0,
        label=str(props.get("label") or ""),
        type=str(props.get("type") or ""),
        citycode=str(props.get("citycode") or ""),
        lon=lon,
        lat=lat,
    )


def geocode_one(network, base_url: str, query: AddressQuery, index: str = "address") -> GeocodeResult:
    if not query.text:
        return GeocodeResult(query.row_id, STATUS_EMPTY)
    params = {"q": query.text, "limit": 1, "index": index}
    if query.citycode:
        params["citycode"] = query.citycode
    payload = network.get_json(f"{base_url}/search", params=params)
    return parse_search_response(payload, query.row_id)


# ------------------------------------------------------------------------------------------ batch (CSV)


def build_csv(queries: list) -> bytes:
    """The CSV sent to ``/search/csv``: ``tdid,q,citycode`` (UTF-8, comma, quoted where needed)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["tdid", "q", "citycode"])
    for q in queries:
        writer.writerow([q.row_id, q.text, q.citycode])
    return buf.getvalue().encode("utf-8")


def multipart_body(fields: list, file_field: str, filename: str, content: bytes, boundary: str = "") -> tuple:
    """``(body, content_type)`` of a ``multipart/form-data`` request with text ``fields`` and one file."""
    boundary = boundary or f"terridata-{uuid.uuid4().hex}"
    out = io.BytesIO()
    for name, value in fields:
        out.write(f"--{boundary}\r\n".encode())
        out.write(f'Content-Disposition: form-data; name="{name}"\r\n\r\n'.encode())
        out.write(str(value).encode("utf-8"))
        out.write(b"\r\n")
    out.write(f"--{boundary}\r\n".encode())
    out.write(f'Content-Disposition: form-data; name="{file_field}"; filename="{filename}"\r\n'.encode())
    out.write(b"Content-Type: text/csv\r\n\r\n")
    out.write(content)
    out.write(f"\r\n--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def parse_result_csv(content: bytes) -> dict:
    """``{row_id: GeocodeResult}`` from the CSV answered by ``/search/csv``."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("latin-1")
    sample = text[:2000]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    try:
        return _read_result_rows(csv.DictReader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:  # e.g. "field larger than field limit (131072)" on a body that is no CSV at all
        size_mb = len(content) / 1e6
        raise GeocodingError(
            f"The geocoding service's CSV answer ({size_mb:.1f} MB) could not be read as CSV ({exc}): it is not what "
            "the batch endpoint returns. Check the geocoding URL in the TerriData settings, or choose the per-address "
            "mode."
        ) from None


def _read_result_rows(reader) -> dict:
    columns = set(reader.fieldnames or [])
    missing = {"tdid", "latitude", "longitude", "result_score"} - columns
    if missing:
        raise GeocodingError(
            "The geocoding service's CSV answer lacks the columns {} (got {}): the batch endpoint may not be "
            "addok-compatible; choose the per-address mode.".format(
                ", ".join(sorted(missing)), ", ".join(sorted(columns))[:200]
            )
        )
    results = {}
    for row in reader:
        try:
            row_id = int(row["tdid"])
        except (TypeError, ValueError):
            continue
        lat, lon, score = _float(row.get("latitude")), _float(row.get("longitude")), _float(row.get("result_score"))
        if lat is None or lon is None or score is None:
            results[row_id] = GeocodeResult(row_id, STATUS_NOT_FOUND)
            continue
        results[row_id] = GeocodeResult(
            row_id,
            STATUS_MATCHED,
            score=score,
            label=row.get("result_label") or "",
            type=row.get("result_type") or "",
            citycode=row.get("result_citycode") or "",
            lon=lon,
            lat=lat,
        )
    return results


def geocode_batch_chunk(network, base_url: str, queries: list, timeout: float | None = None) -> dict:
    content = build_csv(queries)
    fields = [("columns", "q")]  # the default index is the address one
    if any(q.citycode for q in queries):
        fields.append(("citycode", "citycode"))
    fields += [("result_columns", c) for c in RESULT_COLUMNS]
    body, content_type = multipart_body(fields, "data", "addresses.csv", content)
    response = network.post(f"{base_url}/search/csv", data=body, content_type=content_type, timeout=timeout)
    results = parse_result_csv(response.content)
    for q in queries:
        if not q.text:
            results[q.row_id] = GeocodeResult(q.row_id, STATUS_EMPTY)
        results.setdefault(q.row_id, GeocodeResult(q.row_id, STATUS_NOT_FOUND))
    return results


# ------------------------------------------------------------------------------------------ both


def choose_mode(count: int, mode: str = "auto", threshold: int = AUTO_BATCH_THRESHOLD) -> str:
    if mode in ("batch", "single"):
        return mode
    return "batch" if count > threshold else "single"


def geocode(
    network,
    base_url: str,
    queries: list,
    *,
    mode: str = "auto",
    min_score: float = 0.0,
    batch_size: int = BATCH_SIZE,
    feedback=None,
) -> tuple:
    """Geocode ``queries``; returns ``(mode used, {row_id: GeocodeResult})`` with ``min_score`` applied.

    ``feedback``: anything with ``isCanceled()`` and ``setProgress()``; cancel is checked between requests.
    """
    used = choose_mode(len(queries), mode)
    results = {}
    total = max(1, len(queries))

    def check_cancel():
        if feedback is not None and feedback.isCanceled():
            raise GeocodingCancelled("Geocoding cancelled")

    if used == "batch":
        to_send = [q for q in queries if q.text]
        for q in queries:
            if not q.text:
                results[q.row_id] = GeocodeResult(q.row_id, STATUS_EMPTY)
        for start in range(0, len(to_send), batch_size):
            check_cancel()
            chunk = to_send[start : start + batch_size]
            results.update(geocode_batch_chunk(network, base_url, chunk))
            if feedback is not None:
                feedback.setProgress(100.0 * (start + len(chunk)) / max(1, len(to_send)))
    else:
        for i, q in enumerate(queries):
            check_cancel()
            results[q.row_id] = geocode_one(network, base_url, q)
            if feedback is not None:
                feedback.setProgress(100.0 * (i + 1) / total)
    return used, {rid: apply_min_score(r, min_score) for rid, r in results.items()}
