"""``core/`` imports no QGIS: every module of it is imported in a plain Python process that has no ``qgis``."""

import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_core_modules_import_without_qgis():
    modules = sorted(
        "terridata." + ".".join(path.relative_to(REPO_ROOT).with_suffix("").parts)
        for path in (REPO_ROOT / "core").rglob("*.py")
        if path.name != "__init__.py"
    )
    assert len(modules) > 20
    script = (
        "import sys, importlib\n"
        "class _NoQgis:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'qgis' or name.startswith('qgis.'):\n"
        "            raise ImportError('core must not import ' + name)\n"
        "sys.meta_path.insert(0, _NoQgis())\n"
        f"sys.path.insert(0, {str(REPO_ROOT / '.build' / 'import')!r})\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sum(1 for m in sys.modules if m.startswith('terridata.core.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.strip()) >= len(modules)
