"""A section whose sub-headings are the answer.

Plans list their parts as headings: 「（三）三龙头」 has the sub-sections 「1. 应县木塔」,
「2. 全景右玉（西口风情）景区」, 「3. 广武长城国家文化公园」, each with paragraphs of its own.
「三龙头是哪三个」 or 「有哪些基本原则」 is answered by those headings, which no single
sentence states. Section paths come from the chunker (「规划 › （三）三龙头 › 1. 应县木塔」).
"""

from __future__ import annotations

from collections.abc import Iterable

from corpus.model import Chunk

SEPARATOR = " › "
MAX_CHILDREN = 12


def ancestors(section: str) -> list[str]:
    """The section paths above and including ``section``, deepest first."""
    parts = section.split(SEPARATOR)
    return [SEPARATOR.join(parts[:n]) for n in range(len(parts), 0, -1)]


def children(chunks: Iterable[Chunk], doc_number: str, parent: str) -> list[tuple[str, Chunk]]:
    """The sub-headings right under ``parent`` in document order, each with its first passage."""
    prefix = parent + SEPARATOR
    found: dict[str, Chunk] = {}
    for chunk in chunks:
        if chunk.doc_number == doc_number and chunk.section.startswith(prefix):
            found.setdefault(chunk.section[len(prefix):].split(SEPARATOR)[0], chunk)
    return list(found.items())[:MAX_CHILDREN]
