"""Run TerriData from the command line, as a user would: ``qgis_process.bin`` with the plugin installed in a
throw-away QGIS profile.

Usage in a test (tests/qgis/conftest.py puts this folder on ``sys.path``)::

    from qgis_process_helper import run_qgis_process

    result = run_qgis_process("terridata:my_algorithm", {"INPUT": str(path), "OUTPUT": str(tmp_path / "o.gpkg")})
    assert result["results"]["OUTPUT"] == ...

The profile is made once per test session (``session_profile()``): a temporary folder used as
``QGIS_CUSTOM_CONFIG_PATH``, with ``profiles/default/python/plugins/terridata`` a symlink to this checkout and the
plugin enabled in ``profiles/default/QGIS/QGIS3.ini`` (``[PythonPlugins] terridata=true``). QGIS 3.22 and 3.40's
``qgis_process`` both load the enabled plugins whose metadata says ``hasProcessingProvider=yes`` and both accept
``run ALG --json -- KEY=VALUE ...``.

qgis_process runs in its own process and profile: point TerriData at a local test server through the
``TERRIDATA_*`` environment variables (``monkeypatch.setenv`` before the call, or ``env={...}``), not through
``PlgSettings.set_value`` (that writes the pytest process' own settings, which qgis_process does not read).

Debian's ``qgis_process`` wrapper is broken (it passes ``--noversioncheck``); ``qgis_process.bin`` is called
directly. Set ``TERRIDATA_QGIS_PROCESS`` to use another executable.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
PLUGIN_ID = "terridata"
# Lines every run prints on stderr that tell nothing about a failure.
_NOISE = ("QStandardPaths:", "DeprecationWarning: setapi()", "<string>:1: DeprecationWarning")


class QgisProcessError(RuntimeError):
    """``qgis_process.bin`` failed: the message has the command, its exit code and what it printed."""

    def __init__(self, args: list[str], returncode: int | None, stdout: str, stderr: str, reason: str = ""):
        self.args_list = args
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr
        err = "\n".join(line for line in stderr.splitlines() if not line.strip().startswith(_NOISE))
        out = stdout[-3000:]
        super().__init__(
            f"qgis_process failed ({reason or f'exit code {returncode}'}): {' '.join(args)}\n"
            f"--- stderr ---\n{err[-6000:]}\n--- stdout (end) ---\n{out}"
        )


def qgis_process_executable() -> str:
    exe = os.environ.get("TERRIDATA_QGIS_PROCESS") or shutil.which("qgis_process.bin") or "/usr/bin/qgis_process.bin"
    if not Path(exe).exists():
        raise FileNotFoundError(f"qgis_process.bin not found ({exe}): install the Debian package qgis")
    return exe


def make_profile(root: Path, plugin_dir: Path = REPO_ROOT, copy: bool = False) -> Path:
    """Make a QGIS configuration folder at ``root`` with TerriData installed (symlink or copy of ``plugin_dir``)
    and enabled; return ``root`` (to be used as ``QGIS_CUSTOM_CONFIG_PATH``)."""
    root = Path(root)
    profile = root / "profiles" / "default"
    plugins = profile / "python" / "plugins"
    plugins.mkdir(parents=True, exist_ok=True)
    target = plugins / PLUGIN_ID
    if target.is_symlink() or target.is_file():
        target.unlink()
    elif target.exists():
        shutil.rmtree(target)
    if copy:
        shutil.copytree(plugin_dir, target, symlinks=False)
    else:
        target.symlink_to(Path(plugin_dir).resolve(), target_is_directory=True)
    ini = profile / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True, exist_ok=True)
    ini.write_text(f"[PythonPlugins]\n{PLUGIN_ID}=true\n", encoding="utf-8")
    return root


_SESSION_PROFILE: Path | None = None


def session_profile() -> Path:
    """The profile shared by every qgis_process call of this test session (made on first use, removed at exit)."""
    global _SESSION_PROFILE
    if _SESSION_PROFILE is None or not _SESSION_PROFILE.is_dir():
        root = Path(tempfile.mkdtemp(prefix="terridata-qgis-profile-"))
        atexit.register(shutil.rmtree, root, True)
        _SESSION_PROFILE = make_profile(root)
    return _SESSION_PROFILE


def _environment(profile: Path, env: dict | None) -> dict:
    environ = dict(os.environ)
    # pytest-qgis points QGIS_CUSTOM_CONFIG_PATH/QGIS_OPTIONS_PATH at its own settings: use the throw-away profile.
    environ.pop("QGIS_OPTIONS_PATH", None)
    environ["QGIS_CUSTOM_CONFIG_PATH"] = str(profile)
    environ["QT_QPA_PLATFORM"] = "offscreen"
    runtime = Path(profile) / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    environ.setdefault("XDG_RUNTIME_DIR", str(runtime))
    if env:
        environ.update({key: str(value) for key, value in env.items()})
    return environ


def _parse_json(stdout: str) -> dict:
    """The JSON object qgis_process printed (anything printed before it, e.g. by a plugin, is skipped)."""
    decoder = json.JSONDecoder()
    line_starts = [0] + [index + 1 for index, char in enumerate(stdout) if char == "\n"]
    for position in line_starts:
        if stdout.startswith("{", position):
            try:
                value, _ = decoder.raw_decode(stdout, position)
            except json.JSONDecodeError:
                continue
            if isinstance(value, dict):
                return value
    raise ValueError("no JSON object in qgis_process's output")


def qgis_process(
    arguments: list[str], profile: Path | None = None, timeout: float = 300, env: dict | None = None
) -> subprocess.CompletedProcess:
    """Run ``qgis_process.bin ARGUMENTS`` in ``profile`` (default: the session's); raise on failure."""
    profile = Path(profile) if profile is not None else session_profile()
    command = [qgis_process_executable(), *arguments]
    try:
        done = subprocess.run(
            command,
            env=_environment(profile, env),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode(errors="replace") if isinstance(exc.stdout, bytes) else exc.stdout or ""
        err = exc.stderr.decode(errors="replace") if isinstance(exc.stderr, bytes) else exc.stderr or ""
        raise QgisProcessError(command, None, out, err, f"no answer after {timeout} s") from exc
    if done.returncode != 0:
        raise QgisProcessError(command, done.returncode, done.stdout, done.stderr)
    return done


def parameter_arguments(params: dict[str, Any]) -> list[str]:
    """``{"A": 1, "L": [x, y], "B": True, "N": None}`` -> ``["A=1", "L=x", "L=y", "B=true"]`` (None is left out)."""
    arguments = []
    for key, value in params.items():
        values = value if isinstance(value, (list, tuple)) else [value]
        for item in values:
            if item is None:
                continue
            if isinstance(item, bool):
                item = "true" if item else "false"
            arguments.append(f"{key}={item}")
    return arguments


def run_qgis_process(
    algorithm_id: str,
    params: dict[str, Any],
    timeout: float = 300,
    profile: Path | None = None,
    env: dict | None = None,
) -> dict:
    """Run ``qgis_process.bin run ALGORITHM --json -- KEY=VALUE ...`` and return the parsed JSON result
    (keys ``results``, ``inputs``, ``log``, ``algorithm_details`` ...). Raise :class:`QgisProcessError` with
    stderr when the algorithm fails or qgis_process cannot run it."""
    arguments = ["run", algorithm_id, "--json", "--", *parameter_arguments(params)]
    done = qgis_process(arguments, profile=profile, timeout=timeout, env=env)
    try:
        return _parse_json(done.stdout)
    except ValueError as exc:
        raise QgisProcessError(
            [qgis_process_executable(), *arguments], done.returncode, done.stdout, done.stderr, str(exc)
        ) from exc


def list_algorithms(profile: Path | None = None, timeout: float = 300) -> dict:
    """Parsed ``qgis_process.bin list --json``: ``{"providers": {id: {"algorithms": {...}, ...}}, ...}``."""
    done = qgis_process(["list", "--json"], profile=profile, timeout=timeout)
    return _parse_json(done.stdout)
