"""Build TerriData's zip and plugin repository as ``make package``/``make repository`` do, for the packaging and
deployment tests: scripts/package.sh on this checkout, or scripts/release.py on a copy whose version was bumped
(the copy is the plugin's files as scripts/package_build.py selects them, so it is what a release would ship)."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT / "scripts"))
from package_build import stage  # noqa: E402

sys.path.remove(str(REPO_ROOT / "scripts"))


def tool_environment(name: str, requirements: str) -> Path:
    """The folder of a tool's own environment (scripts/tool_venv.sh: made if missing, quick otherwise)."""
    done = _run(["bash", str(REPO_ROOT / "scripts" / "tool_venv.sh"), name, requirements])
    assert done.returncode == 0, done.stderr
    return Path(done.stdout.strip().splitlines()[-1])


def _run(command: list[str], timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=timeout)


def package_checkout(dist: Path, repository_url: str | None = None) -> subprocess.CompletedProcess:
    """``make package`` (or ``make repository BASE_URL=repository_url``) of this checkout, into ``dist``."""
    command = ["bash", str(REPO_ROOT / "scripts" / "package.sh"), "--dist", str(dist)]
    if repository_url:
        command += ["--repository-url", repository_url]
    return _run(command)


def release_copy(root: Path, dist: Path, repository_url: str | None = None) -> subprocess.CompletedProcess:
    """scripts/release.py on the plugin copy ``root``."""
    command = ["/usr/bin/python3", str(REPO_ROOT / "scripts" / "release.py"), "--root", str(root)]
    tool = tool_environment("release", "requirements/release.txt") / "bin" / "qgis-plugin-ci"
    command += ["--dist", str(dist), "--qgis-plugin-ci", str(tool)]
    if repository_url:
        command += ["--repository-url", repository_url]
    return _run(command)


def copy_with_version(dest: Path, version: str, changelog_items: str | None, date: str = "2026-12-01") -> Path:
    """The plugin's files copied to ``dest`` with ``version`` in metadata.txt and, unless ``changelog_items`` is
    None, a CHANGELOG.md section ``## [version] - date`` holding them (as a maintainer does before a release)."""
    stage(REPO_ROOT, dest)
    metadata = dest / "metadata.txt"
    text, count = re.subn(r"^version=.*$", f"version={version}", metadata.read_text(encoding="utf-8"), flags=re.M)
    assert count == 1
    metadata.write_text(text, encoding="utf-8")
    if changelog_items is not None:
        changelog = (dest / "CHANGELOG.md").read_text(encoding="utf-8")
        first = re.search(r"^## \[\d", changelog, flags=re.M)
        section = f"## [{version}] - {date}\n{changelog_items.strip()}\n\n"
        (dest / "CHANGELOG.md").write_text(
            changelog[: first.start()] + section + changelog[first.start() :], encoding="utf-8"
        )
    return dest


class FolderServer:
    """A web server for ``folder`` on 127.0.0.1 (``url``), remembering the paths it was asked for (``requests``)."""

    def __init__(self, folder: Path):
        self.requests: list[str] = []
        server = self

        class Handler(SimpleHTTPRequestHandler):
            def log_message(self, format, *args):  # noqa: A002 (http.server's name)
                server.requests.append(self.path)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(folder)))
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(10)


def publish(dist: Path, published: Path) -> None:
    """Copy a built repository into the web server's folder, as an IT department publishes it."""
    for path in sorted(dist.iterdir()):
        (published / path.name).write_bytes(path.read_bytes())


def next_version(version: str) -> str:
    """``0.1.0`` -> ``0.1.1``."""
    major, minor, patch = version.split("-")[0].split(".")
    return f"{major}.{minor}.{int(patch) + 1}"


def checkout_version() -> str:
    text = (REPO_ROOT / "metadata.txt").read_text(encoding="utf-8")
    return re.search(r"^version=(.*)$", text, flags=re.M).group(1).strip()
