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
__uri_homepage__ = _METADATA["homepage"]
__uri_tracker__ = _METADATA["tracker"]
__icon_path__ = DIR_PLUGIN_ROOT / _METADATA["icon"]
USER_AGENT = f"TerriData/{__version__}"
