"""👍/👎 feedback on answers, kept in SQLite under the data directory."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from pathlib import Path
from typing import Literal

Verdict = Literal["up", "down"]


class FeedbackStore:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS feedback (id INTEGER PRIMARY KEY, time TEXT, question TEXT, answer TEXT,"
            " citations TEXT, verdict TEXT, comment TEXT)"
        )
        self._db.commit()

    def add(self, question: str, answer: str, citations: list, verdict: Verdict, comment: str = "") -> int:
        with self._lock:
            cur = self._db.execute(
                "INSERT INTO feedback (time, question, answer, citations, verdict, comment) VALUES (?, ?, ?, ?, ?, ?)",
                (time.strftime("%Y-%m-%dT%H:%M:%S"), question, answer, json.dumps(citations, ensure_ascii=False),
                 verdict, comment[:2000]),
            )
            self._db.commit()
            assert cur.lastrowid is not None  # an INSERT sets it
            return int(cur.lastrowid)

    def rows(self, limit: int = 10000) -> list[dict]:
        """The newest feedback first, as dicts (for the admin export)."""
        with self._lock:
            cur = self._db.execute("SELECT id, time, question, answer, citations, verdict, comment FROM feedback "
                                   "ORDER BY id DESC LIMIT ?", (limit,))
            names = [c[0] for c in cur.description]
            return [{**dict(zip(names, row, strict=True)), "citations": json.loads(row[4] or "[]")}
                    for row in cur.fetchall()]
