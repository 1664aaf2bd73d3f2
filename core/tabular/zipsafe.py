"""Safe extraction of a downloaded zip archive.

Refused, with a message that says why: members whose path leaves the extraction folder (zip-slip: absolute paths,
``..``, drive letters, symbolic links), encrypted members, and zip bombs (the expanded size above a cap, or a
member whose expansion ratio is above a cap, both checked on the declared sizes before extracting and again while
extracting, since the declared sizes can lie). Member names are decoded as the zip says (UTF-8 flag) or as cp437,
then re-decoded from cp437 as UTF-8 when that makes sense (archives made on Windows/macOS without the flag), so
non-ASCII names such as ``communes_Île-de-France.shp`` are kept.
"""

from __future__ import annotations

import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

DEFAULT_MAX_EXPANDED = 4 * 1024**3  # 4 GiB
DEFAULT_MAX_RATIO = 200.0
_CHUNK = 1024 * 1024


class UnsafeArchiveError(ValueError):
    """The archive is refused; ``str(error)`` says why (English; callers translate their own wrapper)."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason  # "slip", "encrypted", "bomb", "corrupt"


@dataclass(frozen=True)
class Member:
    name: str  # the decoded, normalised relative path (forward slashes)
    info: zipfile.ZipInfo


def _decoded_name(info: zipfile.ZipInfo) -> str:
    name = info.filename
    if not info.flag_bits & 0x800:  # no UTF-8 flag: Python decoded as cp437
        try:
            name = name.encode("cp437").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name.replace("\\", "/")


def _safe_relative(name: str) -> str:
    """The member's relative path, or raises :class:`UnsafeArchiveError` when it would escape the folder."""
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise UnsafeArchiveError(f"the archive member '{name}' has an absolute path", "slip")
    parts = PurePosixPath(name).parts
    if any(p == ".." for p in parts):
        raise UnsafeArchiveError(f"the archive member '{name}' points outside the extraction folder", "slip")
    return "/".join(p for p in parts if p not in ("", "."))


def list_members(path) -> list:
    """The archive's file members (directories skipped), checked for zip-slip, links and encryption."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise UnsafeArchiveError(f"the file is not a readable zip archive ({exc})", "corrupt") from None
    with archive:
        members = []
        for info in archive.infolist():
            name = _decoded_name(info)
            if info.is_dir():
                _safe_relative(name)
                continue
            relative = _safe_relative(name)
            mode = (info.external_attr >> 16) & 0o170000
            if mode == stat.S_IFLNK:
                raise UnsafeArchiveError(f"the archive member '{name}' is a symbolic link", "slip")
            if info.flag_bits & 0x1:
                raise UnsafeArchiveError(f"the archive member '{name}' is encrypted (password-protected)", "encrypted")
            members.append(Member(relative, info))
        return members


def check_sizes(members, max_expanded: int = DEFAULT_MAX_EXPANDED, max_ratio: float = DEFAULT_MAX_RATIO) -> int:
    """Total declared expanded size; raises :class:`UnsafeArchiveError` when above the caps."""
    total = 0
    for m in members:
        total += m.info.file_size
        if total > max_expanded:
            raise UnsafeArchiveError(
                f"the archive expands to more than {max_expanded // (1024 * 1024)} MB (zip bomb protection)", "bomb"
            )
        compressed = max(m.info.compress_size, 1)
        if m.info.file_size > 1024 * 1024 and m.info.file_size / compressed > max_ratio:
            raise UnsafeArchiveError(
                f"the archive member '{m.name}' expands {m.info.file_size / compressed:.0f} times its compressed "
                f"size, more than the allowed {max_ratio:.0f} (zip bomb protection)",
                "bomb",
            )
    return total


def extract(
    path,
    target_dir,
    names=None,
    max_expanded: int = DEFAULT_MAX_EXPANDED,
    max_ratio: float = DEFAULT_MAX_RATIO,
    should_stop=None,
) -> list:
    """Extract the members (all, or those whose relative path is in ``names``) under ``target_dir``; returns the
    extracted paths. Sizes are checked before and counted during extraction (declared sizes may lie)."""
    target_dir = Path(target_dir)
    members = list_members(path)
    if names is not None:
        wanted = set(names)
        members = [m for m in members if m.name in wanted]
    check_sizes(members, max_expanded, max_ratio)
    root = target_dir.resolve()
    written_total = 0
    out = []
    with zipfile.ZipFile(path) as archive:
        for m in members:
            dest = (target_dir / m.name).resolve()
            if root not in dest.parents:
                raise UnsafeArchiveError(f"the archive member '{m.name}' points outside the extraction folder", "slip")
            dest.parent.mkdir(parents=True, exist_ok=True)
            written = 0
            limit = max(m.info.compress_size, 1) * max_ratio if m.info.file_size > 1024 * 1024 else None
            try:
                with archive.open(m.info) as src, open(dest, "wb") as dst:
                    while True:
                        if should_stop is not None and should_stop():
                            raise InterruptedError("extraction cancelled")
                        chunk = src.read(_CHUNK)
                        if not chunk:
                            break
                        written += len(chunk)
                        written_total += len(chunk)
                        if written_total > max_expanded or (limit is not None and written > max(limit, 1024 * 1024)):
                            raise UnsafeArchiveError(
                                f"the archive member '{m.name}' expands beyond the allowed size (zip bomb protection)",
                                "bomb",
                            )
                        dst.write(chunk)
            except RuntimeError as exc:  # zipfile: "File is encrypted, password required"
                raise UnsafeArchiveError(f"the archive member '{m.name}' cannot be read ({exc})", "encrypted") from None
            except (zipfile.BadZipFile, EOFError, OSError) as exc:
                if isinstance(exc, (UnsafeArchiveError, InterruptedError)):
                    raise
                raise UnsafeArchiveError(f"the archive member '{m.name}' is corrupt ({exc})", "corrupt") from None
            out.append(dest)
    return out
