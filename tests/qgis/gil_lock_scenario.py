"""Child process of ``test_network_gil_deadlock.py``: worker threads make QGIS blocking requests as TerriData's
network client makes them (request and feedback made in Python, a Python slot on the download progress), while
the GUI thread keeps calling a widget method that takes Qt's connection locks with the GIL held
(``QTextBrowser.setHtml``), as the catalogue dock does while its searches run. Prints ``done N`` at the end.
With ``settled`` the objects go through ``toolbelt.network._settle_notifiers`` first, as the client does; with
``unsettled`` (the code before the fix) the process froze for good within seconds here.

Usage: ``python gil_lock_scenario.py PLUGIN_PARENT REQUESTS_PER_WORKER settled|unsettled``
"""

from __future__ import annotations

import http.server
import os
import sys
import threading

sys.path.insert(0, sys.argv[1])
os.environ.update(TERRIDATA_RATE_DEFAULT="100000/1", TERRIDATA_CACHE_ENABLED="false", TERRIDATA_MAX_RETRIES="0")

from qgis.core import QgsApplication  # noqa: E402
from qgis.PyQt.QtCore import Qt  # noqa: E402
from qgis.PyQt.QtWidgets import QTextBrowser  # noqa: E402

app = QgsApplication([], True)
app.initQgis()

from qgis.core import QgsBlockingNetworkRequest, QgsFeedback  # noqa: E402
from qgis.PyQt.QtCore import QUrl  # noqa: E402
from qgis.PyQt.QtNetwork import QNetworkRequest  # noqa: E402

from terridata.toolbelt.network import _settle_notifiers  # noqa: E402

SETTLED = sys.argv[3] == "settled"


class _Answer(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        body = b"x" * 3000
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def _progress(received, total):
    return None


def fetch(url: str, count: int, done: list) -> None:
    for i in range(count):
        blocking, internal = QgsBlockingNetworkRequest(), QgsFeedback()
        if SETTLED:
            _settle_notifiers(blocking, internal)
        blocking.downloadProgress.connect(_progress, Qt.ConnectionType.DirectConnection)
        blocking.get(QNetworkRequest(QUrl(f"{url}?i={i}")), True, internal)
        done.append(i)


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Answer)
threading.Thread(target=server.serve_forever, daemon=True).start()
done = []
workers = [
    threading.Thread(target=fetch, args=(f"http://127.0.0.1:{server.server_port}/w{n}", int(sys.argv[2]), done))
    for n in range(3)
]
for worker in workers:
    worker.start()
browser = QTextBrowser()
i = 0
while any(worker.is_alive() for worker in workers):
    browser.setHtml(f"<p>{i}</p><ul>{'<li>a</li>' * 40}</ul>")
    app.processEvents()
    i += 1
print("done", len(done), flush=True)
server.shutdown()
