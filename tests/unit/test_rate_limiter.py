"""The sliding-window rate limiter, on a fake clock (no waiting, no QGIS)."""

import threading
import time

import pytest

from terridata.toolbelt.rate_limiter import RateLimitCancelled, RateLimiter


class FakeClock:
    def __init__(self):
        self.now = 1000.0
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


def starts(limiter, clock, key, count, max_requests, period):
    """Acquire ``count`` slots in a row and return their start times relative to the first call."""
    t0 = clock.now
    result = []
    for _ in range(count):
        limiter.acquire(key, max_requests, period)
        result.append(round(clock.now - t0, 6))
    return result


def windows_respected(times, max_requests, period):
    times = sorted(times)
    return all(times[i + max_requests] - times[i] >= period - 1e-9 for i in range(len(times) - max_requests))


def test_burst_then_spaced_by_window():
    clock = FakeClock()
    limiter = RateLimiter(clock=clock, sleep=clock.sleep)
    times = starts(limiter, clock, "svc@host", 7, 3, 1.0)
    # Three at once, then each further request waits until the third-latest left the window.
    assert times == [0, 0, 0, 1.0, 1.0, 1.0, 2.0]
    assert windows_respected(times, 3, 1.0)


def test_one_per_period_spaces_requests_exactly():
    clock = FakeClock()
    limiter = RateLimiter(clock=clock, sleep=clock.sleep)
    times = starts(limiter, clock, "melodi", 4, 1, 2.0)
    assert times == [0, 2.0, 4.0, 6.0]


def test_window_slides_after_idle_time():
    clock = FakeClock()
    limiter = RateLimiter(clock=clock, sleep=clock.sleep)
    assert limiter.reserve("k", 2, 10.0) == 0
    clock.now += 4
    assert limiter.reserve("k", 2, 10.0) == 0
    clock.now += 1
    # Third request: must wait until the first (5 s ago) leaves the 10-s window.
    assert limiter.reserve("k", 2, 10.0) == pytest.approx(5.0)
    clock.now += 20
    assert limiter.reserve("k", 2, 10.0) == 0


def test_keys_are_independent():
    clock = FakeClock()
    limiter = RateLimiter(clock=clock, sleep=clock.sleep)
    assert limiter.reserve("ign_wfs@data.geopf.fr", 1, 1.0) == 0
    assert limiter.reserve("insee_melodi@api.insee.fr", 1, 1.0) == 0
    assert limiter.reserve("ign_wfs@data.geopf.fr", 1, 1.0) == pytest.approx(1.0)


def test_reservations_queue_first_come_first_served():
    clock = FakeClock()
    limiter = RateLimiter(clock=clock, sleep=clock.sleep)
    delays = [limiter.reserve("k", 2, 1.0) for _ in range(6)]
    assert delays == [0, 0, 1.0, 1.0, 2.0, 2.0]


def test_acquire_waits_in_slices_and_reports_the_wait():
    clock = FakeClock()
    limiter = RateLimiter(clock=clock, sleep=clock.sleep)
    told = []
    limiter.acquire("k", 1, 1.0)
    waited = limiter.acquire("k", 1, 1.0, on_wait=told.append, slice_s=0.1)
    assert waited == pytest.approx(1.0)
    assert told == [pytest.approx(1.0)]
    assert len(clock.sleeps) == 10
    assert max(clock.sleeps) <= 0.1 + 1e-9


def test_acquire_can_be_cancelled_during_the_wait():
    clock = FakeClock()
    limiter = RateLimiter(clock=clock, sleep=clock.sleep)
    limiter.acquire("k", 1, 60.0)
    t0 = clock.now
    with pytest.raises(RateLimitCancelled):
        limiter.acquire("k", 1, 60.0, should_stop=lambda: clock.now - t0 >= 0.5, slice_s=0.1)
    assert clock.now - t0 == pytest.approx(0.5)


def test_reset_forgets_history():
    clock = FakeClock()
    limiter = RateLimiter(clock=clock, sleep=clock.sleep)
    limiter.reserve("k", 1, 100.0)
    assert limiter.reserve("k", 1, 100.0) > 0
    limiter.reset("k")
    assert limiter.reserve("k", 1, 100.0) == 0


@pytest.mark.parametrize("limit", [(0, 1.0), (5, 0), (-1, 1.0)])
def test_invalid_limits_are_refused(limit):
    limiter = RateLimiter()
    with pytest.raises(ValueError, match="Invalid rate limit"):
        limiter.reserve("k", *limit)


def test_thread_safe_under_concurrency_real_clock():
    """Eight threads x 3 requests at 10 per 0.2 s: no 0.2-s window of the booked schedule holds more than 10 starts.

    The schedule is read from the limiter itself (its clock reading inside ``reserve`` plus the delay it returned),
    not from timestamps taken after the wait: a thread descheduled on a busy machine would shift those by any amount.
    """
    seen = threading.local()

    def clock():
        seen.now = time.monotonic()  # reserve() reads the clock once, under its lock
        return seen.now

    limiter = RateLimiter(clock=clock)
    booked = []
    lock = threading.Lock()

    def worker():
        for _ in range(3):
            delay = limiter.reserve("k", 10, 0.2)
            with lock:
                booked.append(seen.now + delay)
            limiter.wait(delay, slice_s=0.005)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(booked) == 24
    assert windows_respected(booked, 10, 0.2)
    # 24 starts at 10 per 0.2 s need at least two full windows after the first burst.
    assert max(booked) - min(booked) >= 0.4 - 1e-9
    # Unlimited, 24 starts would take a few ms: the limit was really applied.
    assert sorted(booked)[10] - min(booked) >= 0.2 - 1e-9
