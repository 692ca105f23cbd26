"""Request guards for the public API: per-client rate limit (shared by worker processes) and allowed browser origins."""

from __future__ import annotations

import math
import sqlite3
import threading
import time
from pathlib import Path


class RateLimiter:
    """A sliding one-minute window per client key, kept in a small SQLite file: every worker
    process of ``gazette serve --workers N`` counts in the same window. Lives on the app."""

    def __init__(self, per_minute: int, path: Path) -> None:
        self.per_minute = per_minute
        self.path = path
        self._db: sqlite3.Connection | None = None  # opened on the first question
        self._lock = threading.Lock()

    def _open(self) -> sqlite3.Connection:
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("CREATE TABLE IF NOT EXISTS hits (key TEXT NOT NULL, t REAL NOT NULL)")
            self._db.execute("CREATE INDEX IF NOT EXISTS hits_key ON hits (key, t)")
        return self._db

    def check(self, key: str) -> int:
        """0 if allowed (and counted), else seconds to wait."""
        now = time.time()  # wall time: the processes share it, unlike monotonic clocks
        with self._lock:
            db = self._open()
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute("DELETE FROM hits WHERE t <= ?", (now - 60,))
                count, first = db.execute("SELECT COUNT(*), MIN(t) FROM hits WHERE key = ?", (key,)).fetchone()
                if count >= self.per_minute:
                    return max(1, math.ceil(60 - (now - first)))
                db.execute("INSERT INTO hits (key, t) VALUES (?, ?)", (key, now))
                return 0
            finally:
                db.execute("COMMIT")


def origin_allowed(origin: str | None, host_url: str, allowed: list[str]) -> bool:
    """Browsers send Origin on cross-site calls: allow none (non-browser), same origin, or listed ones."""
    if not origin:
        return True
    origin = origin.rstrip("/")
    return origin == host_url.rstrip("/") or "*" in allowed or origin in {a.rstrip("/") for a in allowed}
