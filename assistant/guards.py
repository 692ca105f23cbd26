"""Request guards for the public API: per-client rate limit and allowed browser origins."""

from __future__ import annotations

import math
import threading
import time
from collections import deque


class RateLimiter:
    """Sliding one-minute window per client key. Lives on the app, not in a global."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, key: str) -> int:
        """0 if allowed (and counted), else seconds to wait."""
        now = time.monotonic()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and now - hits[0] >= 60:
                hits.popleft()
            if len(hits) >= self.per_minute:
                return max(1, math.ceil(60 - (now - hits[0])))
            hits.append(now)
            if len(self._hits) > 10000:  # forget idle clients
                for k in [k for k, v in self._hits.items() if not v]:
                    del self._hits[k]
            return 0


def origin_allowed(origin: str | None, host_url: str, allowed: list[str]) -> bool:
    """Browsers send Origin on cross-site calls: allow none (non-browser), same origin, or listed ones."""
    if not origin:
        return True
    origin = origin.rstrip("/")
    return origin == host_url.rstrip("/") or "*" in allowed or origin in {a.rstrip("/") for a in allowed}
