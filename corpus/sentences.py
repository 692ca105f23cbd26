"""Sentences of a passage: the units an answer quotes, and the index embeds one by one."""

from __future__ import annotations

import re

_SENTENCE = re.compile(r"[^。；！？\n]+[。；！？]?")
MIN_CHARS = 4  # shorter pieces (「二、」, 「附件」) state nothing


def sentences(text: str) -> list[str]:
    """The sentences and clauses ending in 。；！？ (or a line end) of ``text``, stripped."""
    out = []
    for m in _SENTENCE.finditer(text):
        sentence = m.group(0).strip()
        if len(re.sub(r"\s+", "", sentence)) >= MIN_CHARS:
            out.append(sentence)
    return out
