"""Request guards for the public API: per-client rate limit (shared by worker processes) and allowed browser origins."""

from __future__ import annotations

import logging
import math
import sqlite3
import threading
import time
from pathlib import Path

log = logging.getLogger(__name__)

_SETUP_ATTEMPTS = 20  # about ten seconds of backing off in all


class RateLimiter:
    """A sliding one-minute window per client key, kept in a small SQLite file: every worker
    process of ``gazette serve --workers N`` counts in the same window. Lives on the app."""

    def __init__(self, per_minute: int, path: Path) -> None:
        self.per_minute = per_minute
        self.path = path
        self._db: sqlite3.Connection | None = None  # opened on the first question
        self._lock = threading.Lock()

    def _open(self) -> sqlite3.Connection | None:
        """The shared store, set up on first use; None while another process holds it past the retries."""
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
            # Two workers starting together race to switch a new file to WAL; SQLite answers the loser
            # "database is locked" at once, without waiting on its busy timeout, so retry here.
            for attempt in range(_SETUP_ATTEMPTS):
                try:
                    db.execute("PRAGMA journal_mode=WAL")
                    db.execute("CREATE TABLE IF NOT EXISTS hits (key TEXT NOT NULL, t REAL NOT NULL)")
                    db.execute("CREATE INDEX IF NOT EXISTS hits_key ON hits (key, t)")
                    break
                except sqlite3.OperationalError:
                    time.sleep(0.05 * (attempt + 1))
            else:
                db.close()
                return None
            self._db = db
        return self._db

    def check(self, key: str) -> int:
        """0 if allowed (and counted), else seconds to wait."""
        now = time.time()  # wall time: the processes share it, unlike monotonic clocks
        with self._lock:
            db = self._open()
            if db is None:  # the store stays busy: let the question through, as below
                log.warning("rate-limit store could not be set up; not counting this request")
                return 0
            try:
                db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError:  # locked for longer than the timeout: let the question through
                log.warning("rate-limit store busy; not counting this request")
                return 0
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


class BodyLimit:
    """ASGI middleware: a request body under ``prefixes`` stops being read past ``limit`` bytes
    and gets 413, however it is sent — a chunked body has no Content-Length to check first."""

    def __init__(self, app, limit: int, prefixes: tuple[str, ...], larger: dict[str, int] | None = None) -> None:
        self.app, self.limit, self.prefixes = app, limit, prefixes
        self.larger = larger or {}  # paths that take bigger bodies (an uploaded issue), with their limit

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefixes):
            await self.app(scope, receive, send)
            return
        received = 0
        limit = self.larger.get(scope["path"], self.limit)

        async def counted():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # An HTTPException: the framework answers it (413) instead of taking it for a broken body.
                    from starlette.exceptions import HTTPException

                    raise HTTPException(413, f"请求内容过大（上限 {limit // 1024} KB）")
            return message

        await self.app(scope, counted, send)
