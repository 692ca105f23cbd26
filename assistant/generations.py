"""Worker processes follow the index generation that serves.

An ingest (the admin's upload, ``POST /admin/ingest`` or ``gazette ingest``) writes a new index
generation and points ``index/CURRENT`` at it. The process that ran it reopens the service at
once; every other worker of ``gazette serve --workers N`` notices the pointer moved on its next
request (looked at once a second at most) and reopens the service too, so that all of them
answer from the same issues without a restart.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response
from starlette.concurrency import run_in_threadpool

from assistant.settings import Settings
from embeddings.index import serving_generation

log = logging.getLogger(__name__)

CHECK_EVERY = 1.0  # seconds between looks at the pointer: a file read, not a reload


class GenerationFollower:
    """Reopens ``app.state.service`` when the serving generation is no longer the one it has open."""

    def __init__(self, app: FastAPI, settings: Settings, every: float = CHECK_EVERY) -> None:
        self.app = app
        self.settings = settings
        self.every = every
        self._checked = 0.0
        self._failed: str | None = None  # a generation that did not open is not tried again
        self._lock = threading.Lock()

    def _open(self) -> str | None:
        service = self.app.state.service
        return service.index.manifest.generation if service is not None else None

    def moved(self) -> bool:
        """Whether ``CURRENT`` names another generation than the open one (looked at once per ``every``)."""
        now = time.monotonic()
        if now - self._checked < self.every:
            return False
        self._checked = now
        current = serving_generation(self.settings.index_dir)
        return current is not None and current != self._open() and current != self._failed

    def reopen(self) -> None:
        """Open the serving generation, one reload at a time; the request that noticed the move
        waits for it, the others are answered meanwhile by the old service. A generation that does
        not open leaves the old service serving, and is not tried again."""
        from assistant.service import AskService

        with self._lock:
            current = serving_generation(self.settings.index_dir)
            if current is None or current in (self._open(), self._failed):
                return
            try:
                self.app.state.service = AskService.from_settings(self.settings)
            except Exception:  # a damaged generation: keep serving the one that works
                self._failed = current
                log.exception("index generation %s did not open; still serving the previous one", current)
                return
            log.info("now serving index generation %s (switched by another process)", current)


def follow_generations(app: FastAPI, settings: Settings) -> None:
    """Every request first lets the app catch up with the generation that serves."""
    follower = GenerationFollower(app, settings)

    @app.middleware("http")
    async def _follow(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if follower.moved():
            await run_in_threadpool(follower.reopen)
        return await call_next(request)
