"""Sliding-window rate limiter, one window per key (TerriData uses ``service@host``).

Pure Python (no Qt): thread-safe, with an injectable clock and sleep so that unit tests run instantly.
A limit of ``(max_requests, period_s)`` means that no window of ``period_s`` seconds ever holds more than
``max_requests`` request start times.

The network layer calls :meth:`RateLimiter.reserve`, which books the next free slot at once and says how long to
wait for it; the caller then waits in small cancellable slices (see :meth:`RateLimiter.acquire`). Booking first
keeps concurrent callers (several Processing threads) in first-come, first-served order.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import Callable, Deque, Dict, Optional, Tuple


class RateLimitCancelled(Exception):  # noqa: N818
    """Raised by :meth:`RateLimiter.acquire` when ``should_stop`` returns True during the wait."""


class RateLimiter:
    """Per-key sliding-window limiter.

    :param clock: monotonic clock in seconds (default ``time.monotonic``).
    :param sleep: sleep function (default ``time.sleep``); tests inject a fake one that advances a fake clock.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._slots: Dict[str, Deque[float]] = {}

    @staticmethod
    def _check(max_requests: int, period_s: float) -> Tuple[int, float]:
        max_requests, period_s = int(max_requests), float(period_s)
        if max_requests <= 0 or period_s <= 0:
            raise ValueError(f"Invalid rate limit {max_requests}/{period_s}: both numbers must be positive")
        return max_requests, period_s

    def reserve(self, key: str, max_requests: int, period_s: float) -> float:
        """Book the earliest allowed start time for one request under ``key``; return the seconds to wait for it.

        The returned delay is 0 when the request may start now.
        """
        max_requests, period_s = self._check(max_requests, period_s)
        with self._lock:
            now = self._clock()
            slots = self._slots.setdefault(key, deque())
            # Entries that left the window can no longer constrain anything.
            while slots and slots[0] <= now - period_s:
                slots.popleft()
            start = now
            if slots:
                start = max(start, slots[-1])  # first come, first served
            if len(slots) >= max_requests:
                # The request must start once the max_requests-th most recent slot has left the window.
                start = max(start, slots[-max_requests] + period_s)
            slots.append(start)
            # Only the last max_requests slots can ever matter.
            while len(slots) > max_requests:
                slots.popleft()
            return max(0.0, start - now)

    def acquire(
        self,
        key: str,
        max_requests: int,
        period_s: float,
        should_stop: Optional[Callable[[], bool]] = None,
        on_wait: Optional[Callable[[float], None]] = None,
        slice_s: float = 0.05,
    ) -> float:
        """Reserve a slot and wait for it in slices of ``slice_s`` seconds.

        ``on_wait(delay)`` is called once before a non-zero wait (to tell the user why nothing happens);
        ``should_stop()`` is polled between slices and raises :class:`RateLimitCancelled` when it returns True.
        Returns the delay that was waited.
        """
        delay = self.reserve(key, max_requests, period_s)
        if delay > 0:
            if on_wait is not None:
                on_wait(delay)
            self.wait(delay, should_stop=should_stop, slice_s=slice_s)
        return delay

    def wait(self, delay: float, should_stop: Optional[Callable[[], bool]] = None, slice_s: float = 0.05) -> None:
        """Wait ``delay`` seconds in slices, stopping with :class:`RateLimitCancelled` when ``should_stop()``."""
        end = self._clock() + delay
        while True:
            if should_stop is not None and should_stop():
                raise RateLimitCancelled()
            remaining = end - self._clock()
            if remaining <= 0:
                return
            self._sleep(min(slice_s, remaining))

    def reset(self, key: Optional[str] = None) -> None:
        """Forget the history of ``key`` (or of every key)."""
        with self._lock:
            if key is None:
                self._slots.clear()
            else:
                self._slots.pop(key, None)


#: The limiter shared by every NetworkClient of the process.
LIMITER = RateLimiter()
