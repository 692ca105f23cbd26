"""A section whose sub-headings are the answer.

Plans list their parts as headings: 「（三）三龙头」 has the sub-sections 「1. 东湖古塔」,
「2. 西山（古道风情）景区」, 「3. 长城国家文化公园」, each with paragraphs of its own.
「三龙头是哪三个」 or 「有哪些基本原则」 is answered by those headings, which no single
sentence states. Section paths come from the chunker (「规划 › （三）三龙头 › 1. 东湖古塔」).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from assistant.evidence import coverage
from corpus.model import Chunk

SEPARATOR = " › "
MAX_CHILDREN = 12
HITS = 3  # the documents of the best few passages are searched for the heading
MIN_COVERAGE = 0.75  # of the question's words beyond the title (by idf), the heading holds this share
ASKS_PARTS = re.compile(r"哪些|哪几|哪[一二两三四五六七八九十]|几个|几项|几大|几类|包括|包含|有什么")
# 「三个」, 「几项」 count what is asked; they name no part of the document.
COUNT_WORD = re.compile(r"[一二两三四五六七八九十几\d]+[个项条类种大方面点部分]?")


def asks_for_parts(question: str) -> bool:
    """「有哪些」, 「是哪三个」, 「包括什么」: the question asks for the parts of something."""
    return bool(ASKS_PARTS.search(question))


def named_heading(sections: list[str], words: dict[str, float], title: frozenset[str],
                  tokens: Callable[[str], frozenset[str]]) -> str | None:
    """The first section path whose own heading holds ``MIN_COVERAGE`` of the question's
    ``words`` (idf-weighted) that the document's ``title`` does not already account for. Every
    such word counts, common ones too, so 「保障措施中对资金有什么要求」 is no question about the
    headings under 保障措施."""
    own = {w: idf for w, idf in words.items() if w not in title and len(w) > 1 and not COUNT_WORD.fullmatch(w)}
    if not own:
        return None
    return next((path for path in sections
                 if coverage(own, tokens(path.rsplit(SEPARATOR, 1)[-1])) >= MIN_COVERAGE), None)


def ancestors(section: str) -> list[str]:
    """The section paths above and including ``section``, deepest first."""
    parts = section.split(SEPARATOR)
    return [SEPARATOR.join(parts[:n]) for n in range(len(parts), 0, -1)]


def parents_by_document(chunks: Iterable[Chunk]) -> dict[str, list[str]]:
    """Each document's section paths that have sub-sections, in document order (not the root:
    the document's own title would list everything)."""
    found: dict[str, dict[str, None]] = {}
    for chunk in chunks:
        for parent in reversed(ancestors(chunk.section)[1:-1]):
            found.setdefault(chunk.doc_number, {})[parent] = None
    return {number: list(paths) for number, paths in found.items()}


def children(chunks: Iterable[Chunk], doc_number: str, parent: str) -> list[tuple[str, Chunk]]:
    """The sub-headings right under ``parent`` in document order, each with its first passage."""
    prefix = parent + SEPARATOR
    found: dict[str, Chunk] = {}
    for chunk in chunks:
        if chunk.doc_number == doc_number and chunk.section.startswith(prefix):
            found.setdefault(chunk.section[len(prefix):].split(SEPARATOR)[0], chunk)
    return list(found.items())[:MAX_CHILDREN]
