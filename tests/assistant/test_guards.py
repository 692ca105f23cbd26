"""The shared rate limit's store: a locked or unusable store lets questions through, never stalls them."""

from __future__ import annotations

import sqlite3
import time

from assistant.guards import RateLimiter


def test_a_store_locked_by_another_process_lets_questions_through_and_is_set_up_later(tmp_path):
    path = tmp_path / "rate.sqlite"
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another worker holds the new file
    limiter = RateLimiter(5, path)
    started = time.monotonic()
    assert limiter.check("1.2.3.4") == 0  # not counted, not refused
    assert time.monotonic() - started < 8  # a few short waits, not one busy timeout per attempt
    started = time.monotonic()
    assert limiter.check("1.2.3.4") == 0
    assert time.monotonic() - started < 0.5  # within the retry window the setup is not tried again
    other.execute("ROLLBACK")
    other.close()
    limiter._retry_after = 0.0  # as when the retry window has passed
    allowed = sum(limiter.check("1.2.3.4") == 0 for _ in range(6))
    assert allowed == 5  # set up now, and counting
