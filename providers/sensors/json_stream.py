"""Read a large JSON answer from a file piece by piece, so that its size never sits whole in memory.

Pure Python (no ``qgis``). :class:`JsonReader` walks the document with ``json.JSONDecoder.raw_decode`` on a sliding
text buffer filled from the file 1 MB at a time: objects and arrays can be entered member by member
(:meth:`JsonReader.members`, :meth:`JsonReader.items`) and any value read whole (:meth:`JsonReader.value`).
A document cut short raises :class:`TruncatedJsonError` with the byte offset reached.
"""

from __future__ import annotations

import codecs
import json

CHUNK = 1 << 20
_WHITESPACE = " \t\n\r"
_DELIMITERS = ",]}" + _WHITESPACE
_DECODER = json.JSONDecoder()


class TruncatedJsonError(ValueError):
    """The document ends (or breaks) before it is complete."""


class JsonReader:
    def __init__(self, handle, chunk: int = 0):
        self._handle = handle
        self._chunk = chunk or CHUNK
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self._buffer = ""
        self._pos = 0
        self._eof = False
        self._consumed = 0  # characters dropped from the buffer so far

    @property
    def offset(self) -> int:
        return self._consumed + self._pos

    def _more(self) -> bool:
        if self._eof:
            return False
        data = self._handle.read(self._chunk)
        if not data:
            self._eof = True
            self._buffer += self._decoder.decode(b"", final=True)
            return False
        if self._pos > CHUNK:
            self._consumed += self._pos
            self._buffer = self._buffer[self._pos :]
            self._pos = 0
        self._buffer += self._decoder.decode(data)
        return True

    def _fail(self, what: str):
        raise TruncatedJsonError(f"{what} at character {self.offset}")

    def peek(self) -> str:
        """The next non-blank character ("" at the end)."""
        while True:
            buffer, pos, size = self._buffer, self._pos, len(self._buffer)
            while pos < size and buffer[pos] in _WHITESPACE:
                pos += 1
            self._pos = pos
            if pos < size:
                return buffer[pos]
            if not self._more():
                return ""

    def expect(self, char: str) -> None:
        found = self.peek()
        if found != char:
            self._fail(f"expected '{char}', found {found!r}" if found else f"document ends where '{char}' was expected")
        self._pos += 1

    def value(self):
        """The next value, decoded whole."""
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self._buffer, self._pos)
            except json.JSONDecodeError as exc:
                if self._more():
                    continue
                self._fail(f"incomplete or invalid JSON ({exc.msg})")
            if (
                isinstance(value, (int, float))
                and not isinstance(value, bool)
                and (end >= len(self._buffer) or self._buffer[end] not in _DELIMITERS)
                and self._more()
            ):
                continue  # "1" may be the start of "1.5e-7": decode again with the next chunk
            self._pos = end
            return value

    def members(self):
        """Enter an object: yield each key; the caller then reads its value (``value``, ``items``, ``members``)."""
        self.expect("{")
        if self.peek() == "}":
            self._pos += 1
            return
        while True:
            key = self.value()
            if not isinstance(key, str):
                self._fail("an object key is not a string")
            self.expect(":")
            yield key
            separator = self.peek()
            self._pos += 1
            if separator == "}":
                return
            if separator != ",":
                self._pos -= 1
                self._fail(
                    f"expected ',' or '}}', found {separator!r}" if separator else "document ends inside an object"
                )

    def items(self):
        """Enter an array: yield before each element; the caller reads it."""
        self.expect("[")
        if self.peek() == "]":
            self._pos += 1
            return
        while True:
            yield
            separator = self.peek()
            self._pos += 1
            if separator == "]":
                return
            if separator != ",":
                self._pos -= 1
                self._fail(
                    f"expected ',' or ']', found {separator!r}" if separator else "document ends inside an array"
                )
