"""Build the plugin zip with qgis-plugin-ci and, with ``--repository-url``, a QGIS plugin repository beside it.

``make package`` -> ``dist/terridata.<version>.zip``; ``make repository BASE_URL=...`` -> the zip, ``plugins.xml``
(what QGIS's plugin manager reads), ``plugins.xsl`` (how a browser shows it) and the icon, in ``dist/``.

qgis-plugin-ci expects the plugin in a sub-folder of a git repository, while this repository's root *is* the
plugin. So the plugin's files (scripts/package_build.py's selection: no tests nor development files, compiled
translations included) are staged into a temporary git tree::

    STAGING/.qgis-plugin-ci        its configuration (plugin_path: terridata)
    STAGING/CHANGELOG.md           read by it to fill metadata.txt's changelog (Keep a Changelog sections)
    STAGING/terridata/...          the plugin

and ``qgis-plugin-ci package <version>`` runs there, from its own environment (.venv-release).

- The version comes from metadata.txt (the one place; __about__.py reads it too). CHANGELOG.md must have a section
  ``## [<version>] - <date>`` for it: qgis-plugin-ci makes the packaged metadata.txt's changelog from the latest
  three sections (Keep a Changelog's ``### Added`` headings become ``Added:`` lines in the staged copy, since
  qgis-plugin-ci ends a section at the next ``##``).
- Experimental flag from the version: a semantic-versioning pre-release (``1.2.0-beta.1``) is experimental, a
  release (``1.2.0``) is not (the staged metadata.txt says so; qgis-plugin-ci sets it for pre-releases too).
- Reproducible: qgis-plugin-ci writes each entry with a fixed date (1980-01-01) and the permissions of the staged
  file (0644, set by the staging), in git's order, so the same commit gives the same bytes (checked by
  tests/qgis/test_package.py, which builds twice). plugins.xml's ``update_date`` (qgis-plugin-ci: the build time)
  is set to the version's date in CHANGELOG.md, and ``create_date`` to the first version's date.
- Download URLs: ``<repository-url>/<zip>``; the icon is published beside the zip (a relative icon path would be
  resolved by QGIS against the server's root).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse
from xml.etree import ElementTree

sys.path.insert(0, str(Path(__file__).resolve().parent))
from package_build import PLUGIN_ID, read_metadata, stage  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TOOL = ROOT / ".venv-release" / "bin" / "qgis-plugin-ci"
SECTION = re.compile(
    r"^## \[?v?(?P<version>\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\]?\s+-\s+(?P<date>\d{4}-\d{2}-\d{2})", re.M
)


def changelog_dates(changelog: Path) -> dict[str, str]:
    """``{version: date}`` of the released sections of a Keep-a-Changelog file (``Unreleased`` is not one)."""
    if not changelog.is_file():
        raise SystemExit(f"package: {changelog} is missing")
    return {m["version"]: m["date"] for m in SECTION.finditer(changelog.read_text(encoding="utf-8"))}


def is_prerelease(version: str) -> bool:
    """Semantic versioning: ``1.2.0-rc.1`` is a pre-release, ``1.2.0`` is not (qgis-plugin-ci's rule)."""
    return "-" in version


def _set_metadata_line(metadata: Path, key: str, value: str) -> None:
    text = metadata.read_text(encoding="utf-8")
    text, count = re.subn(rf"^{key}=.*$", f"{key}={value}", text, flags=re.M)
    if not count:
        text = text.rstrip("\n") + f"\n{key}={value}\n"
    metadata.write_text(text, encoding="utf-8")


def _git(staging: Path, *args: str, date: str) -> None:
    env = dict(os.environ, GIT_AUTHOR_DATE=f"{date}T00:00:00Z", GIT_COMMITTER_DATE=f"{date}T00:00:00Z")
    config = ["-c", "user.name=TerriData release", "-c", "user.email=release@invalid", "-c", "init.defaultBranch=main"]
    config += ["-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null"]
    subprocess.run(["git", *config, *args], cwd=staging, check=True, env=env, stdout=subprocess.DEVNULL)


def prepare_staging(root: Path, staging: Path, version: str, dates: dict[str, str]) -> None:
    """The temporary git tree qgis-plugin-ci packages (see the module's docstring)."""
    stage(root, staging / PLUGIN_ID)
    _set_metadata_line(staging / PLUGIN_ID / "metadata.txt", "experimental", str(is_prerelease(version)))
    # qgis-plugin-ci reads a section up to the next "##", so Keep a Changelog's "### Added" headings would end it
    # before its first item: they become "Added:" lines in the staged copy (the packaged CHANGELOG.md is intact).
    changelog = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    changelog = re.sub(r"^###\s+(.+?)\s*$", r"\1:", changelog, flags=re.M)
    # QGIS reads metadata.txt with configparser's default interpolation, where a lone "%" is an error.
    changelog = changelog.replace("%", "%%")
    (staging / "CHANGELOG.md").write_text(changelog, encoding="utf-8")
    first = min(dates.values())
    (staging / ".qgis-plugin-ci").write_text(
        f"plugin_path: {PLUGIN_ID}\nproject_slug: {PLUGIN_ID}\nchangelog_include: true\n"
        f"changelog_number_of_entries: 3\ncreate_date: {first}\n",
        encoding="utf-8",
    )
    _git(staging, "init", "-q", ".", date=dates[version])
    _git(staging, "add", "-A", date=dates[version])
    _git(staging, "commit", "-q", "-m", f"TerriData {version}", date=dates[version])


def run_qgis_plugin_ci(tool: Path, staging: Path, version: str, repository_url: str | None) -> None:
    command = [str(tool), "package", version]
    if repository_url:
        command += ["--plugin-repo-url", repository_url]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRAVIS_", "GITHUB_"))}
    done = subprocess.run(command, cwd=staging, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if done.returncode != 0:
        raise SystemExit(f"package: qgis-plugin-ci failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")


def finish_repository(staging: Path, dist: Path, repository_url: str, version: str, dates: dict[str, str]) -> None:
    """Fix plugins.xml's dates and icon (see the module's docstring), publish the icon beside it."""
    tree = ElementTree.parse(staging / "plugins.xml")
    plugin = tree.getroot().find("pyqgis_plugin")
    if plugin is None:
        raise SystemExit("package: qgis-plugin-ci's plugins.xml has no pyqgis_plugin")
    plugin.find("update_date").text = f"{dates[version]}T00:00:00+00:00"
    icon = plugin.find("icon")
    if icon is not None and icon.text and not icon.text.startswith(("http:", "https:", "file:")):
        source = staging / PLUGIN_ID / icon.text
        published = f"{PLUGIN_ID}{source.suffix}"
        _replace(source, dist / published)
        icon.text = repository_url + published
    # ElementTree drops the <?xml-stylesheet?> instruction: put it back so that a browser shows plugins.xsl.
    body = ElementTree.tostring(tree.getroot(), encoding="unicode")
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<?xml-stylesheet type="text/xsl" href="plugins.xsl"?>\n' + body + "\n"
    )
    _write(dist / "plugins.xml", text.encode("utf-8"))
    _replace(staging / "plugins.xsl", dist / "plugins.xsl")


def _write(target: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.chmod(tmp, 0o644)
    os.replace(tmp, target)


def _replace(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` atomically (nothing half-written is ever at ``target``)."""
    _write(target, source.read_bytes())


def normalise_base_url(url: str) -> str:
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https", "file") or (parsed.scheme != "file" and not parsed.netloc):
        raise SystemExit(f"package: the repository's base URL must be an http(s):// or file:// URL, not {url!r}")
    if parsed.username or parsed.password:
        raise SystemExit("package: the repository's base URL must not hold credentials (QGIS: authentication id)")
    return url if url.endswith("/") else url + "/"


def build(root: Path, dist: Path, tool: Path, repository_url: str | None = None) -> Path:
    """Package the plugin at ``root`` into ``dist`` (and the repository if ``repository_url``); return the zip."""
    version = read_metadata(root)["version"]
    dates = changelog_dates(root / "CHANGELOG.md")
    if version not in dates:
        raise SystemExit(
            f"package: CHANGELOG.md has no section for version {version} (metadata.txt): move the Unreleased "
            f"entries under '## [{version}] - YYYY-MM-DD' before releasing it"
        )
    if not tool.exists():
        raise SystemExit(f"package: {tool} not found: run scripts/tool_venv.sh release requirements/release.txt")
    repository_url = normalise_base_url(repository_url) if repository_url else None
    dist.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="terridata-release-"))
    try:
        prepare_staging(root, staging, version, dates)
        run_qgis_plugin_ci(tool, staging, version, repository_url)
        name = f"{PLUGIN_ID}.{version}.zip"
        _replace(staging / name, dist / name)
        if repository_url:
            finish_repository(staging, dist, repository_url, version, dates)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return dist / name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the plugin's folder (default: this checkout)")
    parser.add_argument("--dist", type=Path, default=None, help="output folder (default: ROOT/dist)")
    parser.add_argument("--qgis-plugin-ci", type=Path, default=DEFAULT_TOOL, dest="tool")
    parser.add_argument("--repository-url", default=None, help="base URL where dist/ is published")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    target = build(root, (args.dist or root / "dist").resolve(), args.tool.absolute(), args.repository_url)
    print(f"package: {target} ({target.stat().st_size / 1024:.0f} KiB)")
    if args.repository_url:
        print(
            f"package: {target.parent / 'plugins.xml'} (download URLs under {normalise_base_url(args.repository_url)})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
