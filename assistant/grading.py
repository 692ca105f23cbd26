"""「死3人算几级」: a count of people read against the ranges of a grading table.

Emergency plans grade events in a table whose rows state ranges of people per condition:
「较大突发事件：(1) 造成 3 人以上、10 人以下死亡…；(3) 旅游者 50 人以上、200 人以下滞留…」.
A question that gives a count and asks the grade is answered by the row with a range that
holds the count, in the condition that shares the question's words (死亡, 滞留), by the
convention of such tables: 以上 counts its bound, 以下 does not. No row, or two rows alike:
no grading answer, and the question goes on to the ordinary answer step.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.analysis import QuestionAnalysis
from assistant.answer import Answer, passages
from assistant.claims import join_cjk, render_row
from corpus.model import Chunk
from corpus.text import compact
from embeddings.retriever import Retrieval

if TYPE_CHECKING:
    from assistant.extractive import ExtractiveAnswerer

_ASKS_GRADE = re.compile(r"几级|哪一?级|哪个级别|什么级别|啥级别|什么等级|哪个等级|哪一类|算(?:是)?(?:什么|啥|哪)")
_COUNT = re.compile(r"(\d+)\s*(?=[个名位人])")  # 「死3人」, 「80名游客」, 「100个游客」 (not 「24小时」)
_RANGE = re.compile(r"(\d+)人以上、(\d+)人以下|(\d+)人以上|(\d+)人以下")
_ASKING_CHARS = set("几级哪一个什么啥等类算是属于的了")  # what asks the grade, not a condition
_CLAUSE = re.compile(r"[^，；;。]+")
_NOT_A_WORD = re.compile(r"\d+|人以上|人以下|[人、（）()\s]|造成|或")


def counts_of(question: str) -> list[int]:
    """The counts of people a question gives."""
    return [int(n) for n in _COUNT.findall(compact(question))]


def clause_fit(clause: str, counts: list[int], asked: set[str]) -> int | None:
    """How many of the question's characters a clause with a range that holds one of ``counts``
    shares (beyond the numbers); None when no range of the clause holds one."""
    flat = compact(clause)
    for m in _RANGE.finditer(flat):
        if m.group(1):
            low, high = int(m.group(1)), int(m.group(2))
        elif m.group(3):
            low, high = int(m.group(3)), None
        else:
            low, high = 0, int(m.group(4))
        if any(low <= n and (high is None or n < high) for n in counts):
            return len(asked & set(_NOT_A_WORD.sub("", flat)))
    return None


def _grades(chunk: Chunk) -> bool:
    """A table row that states a range of people."""
    return chunk.kind == "table_row" and _RANGE.search(compact(chunk.text)) is not None


class GradeAnswers:
    """Grading-table answers, cited with the answerer's citations."""

    def __init__(self, answerer: ExtractiveAnswerer) -> None:
        self.answerer = answerer
        self.index = answerer.index

    def answer(self, question: str, analysis: QuestionAnalysis, retrieval: Retrieval) -> Answer | None:
        """The row of the retrieved grading table whose range holds the count asked, or None."""
        counts = counts_of(analysis.text)
        if not counts or not retrieval.hits or not _ASKS_GRADE.search(analysis.text):
            return None
        # The grading table retrieved, or else the one in the best passage's document.
        rows = [h.chunk for h in retrieval.hits if _grades(h.chunk)] or [
            c for c in self.index.chunks_of(retrieval.hits[0].chunk.doc_number) if _grades(c)]
        if not rows:
            return None
        caption = rows[0].table_caption
        # The caption's words (文化和旅游突发事件) stand in every row: they tell no condition apart.
        asked = set(_NOT_A_WORD.sub("", compact(analysis.text))) - set(caption or "") - _ASKING_CHARS
        table = [c for c in self.index.chunks_of(rows[0].doc_number)
                 if c.kind == "table_row" and c.table_caption == caption]
        fits: list[tuple[int, Chunk]] = []
        for row in table:
            clauses = [clause_fit(clause, counts, asked) for clause in _CLAUSE.findall(row.text)]
            fit = max((f for f in clauses if f is not None), default=None)
            if fit:  # the range is in a condition the question speaks of (死亡, 滞留), not any
                fits.append((fit, row))
        fits.sort(key=lambda pair: -pair[0])
        if not fits or len(fits) > 1 and fits[0][0] == fits[1][0]:
            return None
        row = fits[0][1]
        name = join_cjk(row.cells()[0][1]) if row.cells() else ""
        return Answer(question=question, answer=f"{name}[1]。\n依据：{render_row(row)}[1]。",
                      citations=[self.answerer.citation(1, row, self.answerer.row_quote(row))],
                      retrieved=passages(retrieval.hits),
                      mode="extractive", confidence="high")
