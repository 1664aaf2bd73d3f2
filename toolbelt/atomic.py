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
    with _temporary_beside(target, suffix) as tmp_path:  # writers such as OGR want to create the file themselves
        yield tmp_path
        os.replace(tmp_path, target)


def write_text_atomic(target, text: str, encoding: str = "utf-8") -> None:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding=encoding)


def write_bytes_atomic(target, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


@contextlib.contextmanager
def atomic_outputs(targets):
    """Several outputs committed together, or none: yield one temporary path per target (same order).

    On success every temporary file replaces its target in one go: targets that already exist are first moved
    aside, then each temporary file is renamed into place; if any rename fails, the files already placed are
    removed and the earlier files are put back, so the user keeps either all the old outputs or all the new ones.
    On error or cancellation nothing at the target paths is touched and the temporary files are removed.
    Two targets at the same path are refused (one output would silently overwrite the other).
    """
    targets = [Path(t) for t in targets]
    resolved = [t.resolve() for t in targets]
    if len(set(resolved)) != len(resolved):
        raise ValueError("two outputs point to the same file")
    with contextlib.ExitStack() as stack:
        temporaries = []
        for target in targets:
            temporaries.append(stack.enter_context(_temporary_beside(target)))
        yield temporaries
        _commit_together(list(zip(temporaries, targets)))


@contextlib.contextmanager
def _temporary_beside(target: Path, suffix: str = ""):
    target.parent.mkdir(parents=True, exist_ok=True)
    # No dot before the random part: QGIS 3.40+ reads ".gz…" in a name such as ".OUTPUT.gz5a92ut.gpkg" as a gzip
    # archive, and then refused to store the layer's metadata in it ("not supported"), now and then.
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}-tmp-", suffix=suffix or target.suffix, dir=target.parent)
    os.close(fd)
    os.unlink(tmp)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
    finally:
        _remove_with_sidecars(tmp_path)


def _remove_with_sidecars(path: Path) -> None:
    for leftover in (path, Path(f"{path}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


def _commit_together(pairs) -> None:
    """Rename every ``(temporary, target)`` pair into place, all or none (see ``atomic_outputs``)."""
    for tmp, target in pairs:
        if not tmp.exists():
            raise FileNotFoundError(f"the output {target.name} was not written")
    moved_aside = []  # (target, backup)
    placed = []
    try:
        for _tmp, target in pairs:
            if target.exists():
                backup = target.with_name(f".{target.name}.previous-{os.getpid()}")
                os.replace(target, backup)
                moved_aside.append((target, backup))
        for tmp, target in pairs:
            os.replace(tmp, target)
            placed.append(target)
    except BaseException:
        for target in placed:
            with contextlib.suppress(OSError):
                target.unlink()
        for target, backup in moved_aside:
            with contextlib.suppress(OSError):
                os.replace(backup, target)
        raise
    for _target, backup in moved_aside:
        with contextlib.suppress(OSError):
            backup.unlink()


def earlier_files(targets) -> list:
    """``["name (YYYY-MM-DDTHH:MM)", …]`` for the files already at ``targets``: what a refused run left untouched.

    An algorithm that refuses to run says so, so that an earlier run's file is not mistaken for this run's result.
    """
    import datetime

    earlier = []
    for target in (Path(t) for t in targets if t):
        if target.is_file():
            when = datetime.datetime.fromtimestamp(target.stat().st_mtime).isoformat(timespec="minutes")
            earlier.append(f"{target.name} ({when})")
    return earlier
