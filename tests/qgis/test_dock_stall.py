"""A stalled server never freezes QGIS: while one portal takes seconds to answer, the event loop keeps turning
(its latency measured with a QTimer), the other providers' results stream in, and the search can be cancelled."""

from __future__ import annotations

import http.server
import json
import threading
import time

import pytest
from dock_services import configure, wait_for
from mapserver_wfs import mapserver  # noqa: F401 - fixture
from melodi_replay import MelodiReplay
from portal_replay import DataGouvReplay, OdsReplay

STALL_S = 6.0  # the 30-second stall, shortened: the assertion is relative to it


class _Stalling(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        self.server.hits.append(self.path)
        self.server.release.wait(STALL_S)
        body = json.dumps({"data": [], "page": 1, "page_size": 50, "total": 0}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture()
def stalled_datagouv():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Stalling)
    server.hits, server.release = [], threading.Event()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.release.set()
    server.shutdown()
    server.server_close()


@pytest.fixture()
def dock(qgis_iface, qgis_app, httpserver, monkeypatch, mapserver, stalled_datagouv):  # noqa: F811
    from terridata.ui.catalogue_dock import CatalogueDock

    DataGouvReplay(httpserver)  # unused: data.gouv.fr is the stalled server below
    ods, melodi = OdsReplay(httpserver, total=2), MelodiReplay(httpserver)
    stalled_url = f"http://127.0.0.1:{stalled_datagouv.server_port}/api/1"
    configure(monkeypatch, httpserver, mapserver.url, stalled_url, ods.base, melodi.base_url)
    widget = CatalogueDock(qgis_iface)
    widget.show()
    yield widget
    widget.unload()
    widget.deleteLater()


class LatencyProbe:
    """A 10 ms QTimer; the longest gap between two of its ticks is the event loop's worst latency."""

    def __init__(self):
        from qgis.PyQt.QtCore import QTimer

        self.gaps, self.last = [], time.monotonic()
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self):
        now = time.monotonic()
        self.gaps.append(now - self.last)
        self.last = now

    def stop(self) -> float:
        self.timer.stop()
        return max(self.gaps, default=0.0)


def test_stalled_portal_does_not_block_the_event_loop(dock, stalled_datagouv):
    probe = LatencyProbe()
    started = time.monotonic()
    dock.set_query("communes")
    # The other providers answer while data.gouv.fr stalls.
    assert wait_for(
        lambda: {"INSEE", "IGN Géoplateforme"} <= {r[0] for r in dock.result_rows()} and stalled_datagouv.hits
    )
    assert "portals:data.gouv.fr" in dock.search.pending()
    # Wait for the stalled answer itself.
    assert wait_for(lambda: not dock.is_searching(), timeout_s=STALL_S * 10)
    elapsed = time.monotonic() - started
    worst = probe.stop()
    assert elapsed >= STALL_S * 0.9  # the server did stall the search...
    assert worst < STALL_S / 3, f"event loop blocked {worst:.2f} s during a {STALL_S} s stall"  # ...not QGIS
    assert "portals:data.gouv.fr" not in dock.errors


def test_a_stalled_search_can_be_cancelled(dock, stalled_datagouv):
    dock.set_query("communes")
    assert wait_for(lambda: bool(stalled_datagouv.hits))
    assert dock.ui.cancel_button.isEnabled()
    probe = LatencyProbe()
    dock.ui.cancel_button.click()
    assert not dock.is_searching() and not dock.ui.cancel_button.isEnabled()
    # The cancelled task ends well before the server would have answered (the network layer checks every 50 ms).
    from qgis.core import QgsApplication

    manager = QgsApplication.taskManager()
    assert wait_for(lambda: manager.countActiveTasks() == 0, timeout_s=STALL_S * 10)
    assert probe.stop() < STALL_S / 3
    assert not stalled_datagouv.release.is_set()
