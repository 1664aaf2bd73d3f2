"""Test harness shared by tests/unit and tests/qgis.

The repository root *is* the plugin folder, whatever the checkout is called; tests import it as ``terridata``
through a symlink ``.build/import/terridata -> ../..`` made here.
"""

import os
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("TERRIDATA_SHARED_DATA", REPO_ROOT.parent / "shared" / "data"))

_import_dir = REPO_ROOT / ".build" / "import"
_link = _import_dir / "terridata"
if not _link.exists():
    _import_dir.mkdir(parents=True, exist_ok=True)
    try:
        _link.symlink_to(Path("..") / "..", target_is_directory=True)
    except FileExistsError:
        pass
if str(_import_dir) not in sys.path:
    sys.path.insert(0, str(_import_dir))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real open data of ../shared/data (commune boundaries, INSEE statistics, COG vintages)."""
    if not SHARED_DATA.is_dir():
        pytest.fail(f"shared data not found at {SHARED_DATA} (set TERRIDATA_SHARED_DATA)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def sample_gpkg(tmp_path_factory) -> Path:
    """A private copy of ``sample_data/essonne.gpkg``: QGIS opens GeoPackages for update and would touch the file."""
    import shutil

    copy = tmp_path_factory.mktemp("sample") / "essonne.gpkg"
    shutil.copyfile(REPO_ROOT / "sample_data" / "essonne.gpkg", copy)
    return copy
