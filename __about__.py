"""Plugin identity, read from metadata.txt so that the version lives in one place only."""

from configparser import ConfigParser
from pathlib import Path

DIR_PLUGIN_ROOT = Path(__file__).parent
PLUGIN_ID = "terridata"


def _read_metadata() -> dict:
    parser = ConfigParser(interpolation=None)
    parser.read(DIR_PLUGIN_ROOT / "metadata.txt", encoding="utf-8")
    return dict(parser["general"])


_METADATA = _read_metadata()

__title__ = _METADATA["name"]
__version__ = _METADATA["version"]
__summary__ = _METADATA["description"]


def _uri(value: str) -> str:
    """A URL of metadata.txt as is; a path (``README.md``) as the ``file://`` URL of that file of the plugin."""
    value = value.strip()
    return value if "://" in value else (DIR_PLUGIN_ROOT / value).resolve().as_uri()


__uri_homepage__ = _uri(_METADATA["homepage"])
__uri_tracker__ = _uri(_METADATA["tracker"])
__uri_repository__ = _uri(_METADATA["repository"])
__icon_path__ = DIR_PLUGIN_ROOT / _METADATA["icon"]
USER_AGENT = f"TerriData/{__version__}"
