"""A small in-process sliding-window rate limit for the survey pages (per client address, per link)."""
# In memory and per server process: the pages need no sign-in, so this only has to make guessing and
# flooding slow, not be exact across processes. Keys are bounded: the oldest are dropped past MAX_KEYS.

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Hashable

MAX_KEYS = 50_000


class RateLimit:
    def __init__(self, limit: int, window_s: float) -> None:
        self.limit, self.window_s = limit, window_s
        self._hits: OrderedDict[Hashable, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def hit(self, key: Hashable) -> float:
        """Count one request; 0 when it is allowed, else the seconds until the key may try again."""
        now = time.monotonic()
        with self._lock:
            hits = self._hits.pop(key, None) or deque()
            while hits and hits[0] <= now - self.window_s:
                hits.popleft()
            self._hits[key] = hits  # most recently used last
            while len(self._hits) > MAX_KEYS:
                self._hits.popitem(last=False)
            if len(hits) >= self.limit:
                return max(1.0, hits[0] + self.window_s - now)
            hits.append(now)
            return 0.0
