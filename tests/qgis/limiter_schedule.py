"""Record the schedule the shared rate limiter books, to test rate limits without wall-clock tolerances.

Server-side timestamps add the loopback's and the scheduler's jitter (hundreds of ms on a busy 2-core machine), so
a test that bounds gaps between them either fails by luck or needs a tolerance so wide it proves little. The
limiter's own schedule is exact: each request is booked a start time on the limiter's clock, and the network layer
only sends once that time has come. A rate-limit test therefore asserts two things that cannot fail by luck:

1. the booked start times never hold more than ``max_requests`` in any ``period_s`` window (exact);
2. each request reached the server at or after its booked start (``time.monotonic`` on both sides: causal).

Use it as a plugin (``pytest_plugins = ["limiter_schedule"]``) and the ``limiter_schedule`` fixture.
"""

from __future__ import annotations

import threading
from typing import List, Tuple

import pytest

from terridata.toolbelt.rate_limiter import LIMITER


class LimiterSchedule:
    """Every ``(key, booked start)`` the shared limiter hands out while installed (its own clock and floats)."""

    def __init__(self, limiter=LIMITER):
        self.limiter = limiter
        self.bookings: List[Tuple[str, float]] = []
        self._local = threading.local()
        self._lock = threading.Lock()

    def install(self, monkeypatch) -> LimiterSchedule:
        clock, reserve = self.limiter._clock, self.limiter.reserve

        def recording_clock():
            # reserve() reads the clock exactly once, under its lock: remember what it saw, per thread.
            self._local.now = clock()
            return self._local.now

        def recording_reserve(key, max_requests, period_s):
            delay = reserve(key, max_requests, period_s)
            with self._lock:
                self.bookings.append((key, self._local.now + delay))
            return delay

        monkeypatch.setattr(self.limiter, "_clock", recording_clock)
        monkeypatch.setattr(self.limiter, "reserve", recording_reserve)
        return self

    def starts(self, service: str = "") -> List[float]:
        """Booked start times (in booking order) of the keys of ``service`` (``service@host:port``), or all."""
        return [start for key, start in self.bookings if not service or key.startswith(service + "@")]

    def max_in_window(self, period_s: float, service: str = "") -> int:
        """The most starts booked for ``service`` inside one ``period_s`` window (see :func:`max_in_window`)."""
        return max_in_window(self.starts(service), period_s)


def max_in_window(times, period_s: float) -> int:
    """The largest number of ``times`` inside one half-open window ``[t, t + period_s)`` (exact, no tolerance)."""
    times = sorted(times)
    best, first = 0, 0
    for last, t in enumerate(times):
        while times[first] <= t - period_s + 1e-9:
            first += 1
        best = max(best, last - first + 1)
    return best


@pytest.fixture
def limiter_schedule(monkeypatch) -> LimiterSchedule:
    LIMITER.reset()
    return LimiterSchedule().install(monkeypatch)
