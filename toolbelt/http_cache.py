"""On-disk cache of HTTP responses, in the QGIS profile (``<profile>/cache/terridata``).

Each entry is one file named after the SHA-256 of its key: a first line of JSON metadata (status, headers, URL,
time stored) followed by the raw body. Files are written atomically, so a crash never leaves a torn entry.
The total size is capped by the ``cache_max_mb`` setting: the oldest entries are evicted first.

The network layer decides what may be cached: never a request made with an authentication configuration or
carrying credentials in its headers (their content may be private).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Optional

from .atomic import atomic_path

SUFFIX = ".cache"


@dataclass
class CachedResponse:
    status: int
    headers: Dict[str, str] = field(default_factory=dict)
    content: bytes = b""
    url: str = ""
    stored_at: float = 0.0


def default_cache_dir() -> Path:
    from qgis.core import QgsApplication

    return Path(QgsApplication.qgisSettingsDirPath()) / "cache" / "terridata"


def make_key(method: str, url: str, body: bytes = b"", headers: Optional[Dict[str, str]] = None) -> str:
    """The cache key: method, full URL (not sanitised: two API keys are two entries), headers and body hash."""
    header_part = "\n".join(f"{k.lower()}:{v}" for k, v in sorted((headers or {}).items()))
    body_hash = hashlib.sha256(body or b"").hexdigest()
    return f"{method.upper()}\n{url}\n{header_part}\n{body_hash}"


class ResponseCache:
    """Read and write cached responses.

    :param directory: where entries live (default: the QGIS profile's ``cache/terridata``).
    :param max_bytes: size cap (default: the ``cache_max_mb`` setting).
    :param clock: ``time.time`` by default; injectable for tests.
    """

    def __init__(self, directory=None, max_bytes: Optional[int] = None, clock=time.time):
        self.directory = Path(directory) if directory is not None else default_cache_dir()
        if max_bytes is None:
            from .settings import PlgSettings

            max_bytes = int(PlgSettings.get().cache_max_mb * 1024 * 1024)
        self.max_bytes = max_bytes
        self._clock = clock

    def _path(self, key: str) -> Path:
        return self.directory / (hashlib.sha256(key.encode("utf-8")).hexdigest() + SUFFIX)

    def get(self, key: str, ttl: float) -> Optional[CachedResponse]:
        """The entry under ``key`` if younger than ``ttl`` seconds, else None (expired entries are removed)."""
        if ttl <= 0:
            return None
        path = self._path(key)
        try:
            with open(path, "rb") as fh:
                meta = json.loads(fh.readline().decode("utf-8"))
                content = fh.read()
        except (OSError, ValueError, UnicodeDecodeError):
            return None
        if meta.get("key") != key:  # hash collision or foreign file
            return None
        stored_at = float(meta.get("stored_at", 0))
        if self._clock() - stored_at >= ttl:
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        return CachedResponse(
            status=int(meta.get("status", 200)),
            headers=dict(meta.get("headers", {})),
            content=content,
            url=str(meta.get("url", "")),
            stored_at=stored_at,
        )

    def put(self, key: str, response) -> None:
        """Store ``response`` (any object with ``status``, ``headers``, ``content`` and ``url``) under ``key``."""
        content = bytes(response.content)
        if self.max_bytes <= 0 or len(content) > self.max_bytes:
            return
        meta = {
            "key": key,
            "status": int(response.status),
            "headers": {str(k).lower(): str(v) for k, v in dict(response.headers).items()},
            "url": str(response.url),
            "stored_at": self._clock(),
        }
        self.directory.mkdir(parents=True, exist_ok=True)
        with atomic_path(self._path(key), suffix=".tmp") as tmp:
            with open(tmp, "wb") as fh:
                fh.write(json.dumps(meta, ensure_ascii=True).encode("ascii") + b"\n")
                fh.write(content)
        self._evict()

    def _entries(self):
        if not self.directory.is_dir():
            return []
        entries = []
        for path in self.directory.glob("*" + SUFFIX):
            with contextlib.suppress(OSError):
                st = path.stat()
                entries.append((st.st_mtime, st.st_size, path))
        return entries

    def _evict(self) -> None:
        entries = sorted(self._entries(), key=lambda e: e[0])
        total = sum(size for _, size, _ in entries)
        for _, size, path in entries:
            if total <= self.max_bytes:
                break
            with contextlib.suppress(OSError):
                path.unlink()
                total -= size

    def size_bytes(self) -> int:
        """Total size of the cached entries on disk."""
        return sum(size for _, size, _ in self._entries())

    def clear(self) -> int:
        """Remove every entry; return the number removed."""
        removed = 0
        for _, _, path in self._entries():
            with contextlib.suppress(OSError):
                os.unlink(path)
                removed += 1
        return removed
