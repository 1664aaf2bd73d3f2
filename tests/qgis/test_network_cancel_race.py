"""A cancel from the GUI thread that arrives while a worker thread is still sending its request stops the request.

QgsBlockingNetworkRequest aborts its reply only when its feedback is cancelled after the reply exists. The test holds
the worker inside QGIS's request creation (a request preprocessor, which QGIS runs while sending) until the GUI
thread has cancelled: before the fix, the reply was then deleted without ever finishing and the worker stayed in the
request for good (on QGIS 3.44 such tasks filled the task manager's threads). The server never answers by itself.
"""

from __future__ import annotations

import http.server
import threading
import time

import pytest
from qgis.core import QgsFeedback, QgsNetworkAccessManager
from qgis.PyQt.QtCore import QCoreApplication, QThread

from terridata.toolbelt.network import NetworkClient, RequestCancelled
from terridata.toolbelt.rate_limiter import LIMITER


class _Silent(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        self.server.release.wait(120)  # answers only when the test ends

    def log_message(self, *args):
        pass


@pytest.fixture()
def silent_server(monkeypatch, qgis_app):
    monkeypatch.setenv("TERRIDATA_RATE_DEFAULT", "1000/1")
    monkeypatch.setenv("TERRIDATA_CACHE_ENABLED", "false")
    monkeypatch.setenv("TERRIDATA_MAX_RETRIES", "0")
    LIMITER.reset()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Silent)
    server.release = threading.Event()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/slow"
    server.release.set()
    server.shutdown()
    server.server_close()
    LIMITER.reset()


class Worker(QThread):
    def __init__(self, function):
        super().__init__()
        self.function = function
        self.error = None

    def run(self):
        try:
            self.function()
        except Exception as exc:  # noqa: BLE001
            self.error = exc


def test_cancel_while_the_request_is_being_sent(silent_server):
    sending, cancelled = threading.Event(), threading.Event()

    def hold_while_sending(request):
        if request.url().toString() == silent_server and not sending.is_set():
            sending.set()
            cancelled.wait(10)  # the GUI thread cancels now, before QGIS has wired its reply to the feedback

    preprocessor = QgsNetworkAccessManager.setRequestPreprocessor(hold_while_sending)
    feedback = QgsFeedback()
    worker = Worker(lambda: NetworkClient("web", feedback=feedback).get(silent_server))
    try:
        worker.start()
        end = time.monotonic() + 60
        while not sending.is_set() and time.monotonic() < end:
            QCoreApplication.processEvents()
            time.sleep(0.01)
        assert sending.is_set()
        feedback.cancel()  # from the GUI thread, as the dock's Cancel button does
        cancelled.set()
        while not worker.wait(20) and time.monotonic() < end:  # the GUI thread's event loop runs, as in QGIS
            QCoreApplication.processEvents()
        assert worker.isFinished(), "the worker is still in the cancelled request"
        assert isinstance(worker.error, RequestCancelled)
    finally:
        QgsNetworkAccessManager.removeRequestPreprocessor(preprocessor)
        cancelled.set()
