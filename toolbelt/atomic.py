"""Atomic file output: write to a temporary file beside the target, then rename it into place.

A failed or cancelled run therefore never leaves a half-written file where the user expects a result.
"""

import contextlib
import os
import tempfile
from pathlib import Path


@contextlib.contextmanager
def atomic_path(target, suffix: str = ""):
    """Yield a temporary path in the target's folder; on success it replaces ``target``, on error it is removed.

    The suffix defaults to the target's own, so that format-by-extension writers (OGR) pick the right driver.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=suffix or target.suffix, dir=target.parent)
    os.close(fd)
    os.unlink(tmp)  # writers such as OGR want to create the file themselves
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    finally:
        for leftover in (tmp_path, Path(f"{tmp_path}-journal"), Path(f"{tmp_path}-wal"), Path(f"{tmp_path}-shm")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def write_text_atomic(target, text: str, encoding: str = "utf-8") -> None:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding=encoding)


def write_bytes_atomic(target, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
