"""Piecewise JSON reading (providers/sensors/json_stream.py) against json.loads, with tiny chunks."""

from __future__ import annotations

import io
import json
import random

import pytest

from terridata.providers.sensors import sensorthings_format
from terridata.providers.sensors.json_stream import JsonReader, TruncatedJsonError
from terridata.providers.sensors.records import Series, TimeParser


def _read_all(reader):
    """Rebuild a document with the reader's entry points (members/items), the way a consumer walks it."""
    char = reader.peek()
    if char == "{":
        return {key: _read_all(reader) for key in reader.members()}
    if char == "[":
        return [_read_all(reader) for _ in reader.items()]
    return reader.value()


DOCS = [
    {"@iot.count": 123456789, "@iot.nextLink": "https://x/v1.1/Obs?$skip=3", "value": [{"a": 1.5e-7, "b": "é ☃"},
                                                                                       {}, [], None, True, -12]},
    {"value": []},
    {"nested": {"deep": [[1, 2, [3, {"x": 'y"z\\'}]]]}, "n": 1234567890123},
    [],
    {},
]  # fmt: skip


@pytest.mark.parametrize("doc", DOCS)
@pytest.mark.parametrize("chunk", [1, 3, 7, 1 << 20])
def test_reader_rebuilds_the_document(doc, chunk):
    text = json.dumps(doc, ensure_ascii=False, indent=random.Random(chunk).choice([None, 2]))
    reader = JsonReader(io.BytesIO(("\ufeff" + text).encode("utf-8")), chunk=chunk)
    assert _read_all(reader) == doc
    assert reader.peek() == ""


@pytest.mark.parametrize("cut", [1, 10, 25, 40, -2, -1])
def test_truncated_documents_raise(cut):
    text = json.dumps(DOCS[0]).encode()
    with pytest.raises(TruncatedJsonError):
        _read_all(JsonReader(io.BytesIO(text[:cut]), chunk=4))


def test_stream_rows_equal_whole_page_rows():
    series = [Series("5", "1", "A", "NO2", "u")]
    values = [{"phenomenonTime": f"2024-01-01T00:{i // 60:02d}:{i % 60:02d}Z", "result": i / 4,
               "resultQuality": None if i % 3 else "ok"} for i in range(500)]  # fmt: skip
    page = {"@iot.nextLink": "https://x/next", "value": values}
    whole = sensorthings_format.observation_rows(values, series, TimeParser())
    info = {}
    reader = JsonReader(io.BytesIO(json.dumps(page).encode()), chunk=64)
    batches = list(sensorthings_format.stream_rows(reader, series, TimeParser(), False, info, batch=37))
    assert [r for b in batches for r in b] == whole
    assert max(len(b) for b in batches) == 37 and info["@iot.nextLink"] == "https://x/next"

    block = {"components": ["phenomenonTime", "result"], "dataArray@iot.count": 500,
             "dataArray": [[v["phenomenonTime"], v["result"]] for v in values]}  # fmt: skip
    info = {}
    reader = JsonReader(io.BytesIO(json.dumps({"value": [block]}).encode()), chunk=50)
    streamed = [r for b in sensorthings_format.stream_rows(reader, series, TimeParser(), True, info, 64) for r in b]
    expected = sensorthings_format.data_array_rows([block], series, TimeParser())
    assert streamed == expected and info["value"] is True
