"""Capped exponential backoff with full jitter, for the caller's retry loop (docs/SYNC_PROTOCOL.md: liveness)."""

from __future__ import annotations

import random
from collections.abc import Callable

BASE_S = 1.0
CAP_S = 300.0


def backoff_delay(attempt: int, *, base: float = BASE_S, cap: float = CAP_S,
                  rng: Callable[[], float] = random.random) -> float:
    """Seconds to wait before retry number `attempt` (0 = the first retry): a uniform draw in
    [0, min(cap, base * 2**attempt)] ("full jitter", so many clients healing at once spread out).
    Pure apart from `rng`."""
    if attempt < 0:
        raise ValueError("attempt must be 0 or more")
    ceiling = cap if attempt >= 64 else min(cap, base * (2 ** attempt))
    return rng() * ceiling


class Backoff:
    """Tracks failures in a row. `failed()` returns the next delay; `succeeded()` starts over.

    Not thread-safe: owned by the one loop (or timer) that retries the sync. A server's Retry-After
    (RateLimited.retry_after) is a floor for the delay.
    """

    def __init__(self, *, base: float = BASE_S, cap: float = CAP_S,
                 rng: Callable[[], float] = random.random) -> None:
        self.base, self.cap, self._rng = base, cap, rng
        self.attempt = 0

    def failed(self, retry_after: float | None = None) -> float:
        delay = backoff_delay(self.attempt, base=self.base, cap=self.cap, rng=self._rng)
        self.attempt += 1
        return max(delay, retry_after or 0.0)

    def succeeded(self) -> None:
        self.attempt = 0
