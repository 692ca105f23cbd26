"""The shared rate limit's store: a locked or unusable store lets questions through, never stalls them."""

from __future__ import annotations

import sqlite3

import assistant.guards
from assistant.guards import RateLimiter


def test_a_store_locked_by_another_process_lets_questions_through_and_is_set_up_later(tmp_path, monkeypatch):
    path = tmp_path / "rate.sqlite"
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another worker holds the new file
    monkeypatch.setattr(assistant.guards, "_SETUP_ATTEMPTS", 2)
    opened: list[object] = []
    real_connect = sqlite3.connect

    def counted_connect(*args, **kwargs):
        opened.append(args[0])
        return real_connect(*args, **kwargs)

    monkeypatch.setattr(assistant.guards.sqlite3, "connect", counted_connect)
    limiter = RateLimiter(5, path)
    assert limiter.check("1.2.3.4") == 0  # not counted, not refused
    assert limiter.check("1.2.3.4") == 0
    assert len(opened) == 1  # within the retry window the setup is not tried again
    other.execute("ROLLBACK")
    other.close()
    limiter._retry_after = 0.0  # as when the retry window has passed
    allowed = sum(limiter.check("1.2.3.4") == 0 for _ in range(6))
    assert allowed == 5 and len(opened) == 2  # set up now, and counting
