"""Requests in worker threads never freeze QGIS while the GUI thread works on widgets.

QGIS's blocking request destroys receivers of its signals in the worker thread at the end of each request; Qt then
calls the request's ``disconnectNotify`` while holding one of its connection locks, and for a request made in Python
sip asked Python (under the GIL) the first time. The GUI thread, calling ``QTextBrowser.setHtml`` with the GIL held,
waited for the same lock: a deadlock no timeout could break (seen on QGIS 3.22 in the catalogue dock's tests, in CI
and locally). The scenario runs in a child process, so a freeze fails this test instead of stopping the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def test_worker_requests_and_gui_widget_calls_do_not_deadlock(terridata_provider):
    import terridata

    plugin_parent = str(Path(terridata.__file__).parents[1])  # the folder holding the package (a link to the checkout)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    try:
        done = subprocess.run(
            [sys.executable, str(HERE / "gil_lock_scenario.py"), plugin_parent, "400", "settled"],
            capture_output=True,
            text=True,
            timeout=300,  # ~30 s on a busy 2-core machine; unsettled, the deadlock struck within seconds, for good
            env=env,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        raise AssertionError("QGIS froze: a worker's request and the GUI thread's widget call deadlocked") from None
    assert done.returncode == 0, done.stderr[-2000:]
    assert "done 1200" in done.stdout, (done.stdout, done.stderr[-2000:])
