"""One JSON line per API request, in ``<data_dir>/logs/requests.log`` (rotated at 10 MB, five
kept): time, route, status, latency, and for questions their length, mode and whether the
answer was refused. The client address is kept only as a salted hash, so a log shows how
often one client asks without saying who it is; the salt lives beside the logs."""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
import time
from logging.handlers import RotatingFileHandler
from pathlib import Path

_MAX_BYTES = 10 * 1024 * 1024
_BACKUPS = 5


class RequestLog:
    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        salt_file = folder / ".salt"
        if not salt_file.is_file():
            salt_file.write_text(secrets.token_hex(16), "utf-8")
        self._salt = salt_file.read_text("utf-8").strip()
        # A logger of its own, outside logging's registry: no global state, no propagation.
        self._logger = logging.Logger("gazette.requests", logging.INFO)
        handler = RotatingFileHandler(folder / "requests.log", maxBytes=_MAX_BYTES, backupCount=_BACKUPS,
                                      encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(message)s"))
        self._logger.addHandler(handler)

    def client(self, address: str) -> str:
        return hashlib.sha256(f"{self._salt}:{address}".encode()).hexdigest()[:16]

    def write(self, route: str, method: str, status: int, started: float, address: str, **extra) -> None:
        record = {"time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "route": route, "method": method, "status": status,
                  "ms": round((time.perf_counter() - started) * 1000, 1), "client": self.client(address), **extra}
        self._logger.info(json.dumps(record, ensure_ascii=False))
