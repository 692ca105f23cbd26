"""Request guards for the public API: per-client rate limit (shared by worker processes) and allowed browser origins."""

from __future__ import annotations

import logging
import math
import sqlite3
import threading
import time
from pathlib import Path

log = logging.getLogger(__name__)

_SETUP_ATTEMPTS = 10
_SETUP_BUSY_MS = 200  # how long one setup attempt waits on another process's lock: about 3 s in all
_SETUP_RETRY_S = 30.0  # after a failed setup, questions go uncounted this long before it is tried again


class RateLimiter:
    """A sliding one-minute window per client key, kept in a small SQLite file: every worker
    process of ``gazette serve --workers N`` counts in the same window. Lives on the app."""

    def __init__(self, per_minute: int, path: Path) -> None:
        self.per_minute = per_minute
        self.path = path
        self._db: sqlite3.Connection | None = None  # opened on the first question
        self._lock = threading.Lock()
        self._retry_after = 0.0  # monotonic time before which a failed setup is not tried again

    def _open(self) -> sqlite3.Connection | None:
        """The shared store, set up on first use; None while it cannot be (then not tried again
        for ``_SETUP_RETRY_S``: a store that cannot be set up must not stall every question)."""
        if self._db is None:
            if time.monotonic() < self._retry_after:
                return None
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
            if not self._set_up(db):
                db.close()
                self._retry_after = time.monotonic() + _SETUP_RETRY_S
                return None
            self._db = db
        return self._db

    def _set_up(self, db: sqlite3.Connection) -> bool:
        """The table and WAL mode, retried while another process holds the new file: two workers
        starting together race to switch it to WAL, and SQLite answers the loser "database is
        locked" at once, without waiting on its busy timeout."""
        db.execute(f"PRAGMA busy_timeout = {_SETUP_BUSY_MS}")
        for attempt in range(_SETUP_ATTEMPTS):
            try:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("CREATE TABLE IF NOT EXISTS hits (key TEXT NOT NULL, t REAL NOT NULL)")
                db.execute("CREATE INDEX IF NOT EXISTS hits_key ON hits (key, t)")
                db.execute("PRAGMA busy_timeout = 10000")
                return True
            except sqlite3.OperationalError as exc:
                if exc.sqlite_errorcode not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
                    log.warning("rate-limit store %s cannot be set up: %s", self.path, exc)
                    return False  # not a lock to wait out (a read-only folder, a broken file)
                time.sleep(0.05 * (attempt + 1))
        log.warning("rate-limit store %s stayed locked while being set up", self.path)
        return False

    def check(self, key: str) -> int:
        """0 if allowed (and counted), else seconds to wait."""
        now = time.time()  # wall time: the processes share it, unlike monotonic clocks
        with self._lock:
            db = self._open()
            if db is None:  # the store could not be set up (logged once): let the question through
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
