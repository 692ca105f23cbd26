"""Which of a question's words the gazette writes, and which name a subject it never mentions.

A question about 电动自行车 or 房价 names a subject the gazette has nothing on; one about
图书馆开放时间 names words the gazette writes, but never together. Both are read from the
index's own vocabulary (its words, their document frequencies) and the text it was built from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.analysis import QuestionAnalysis
from assistant.matching import REDUPLICATED, abbreviates, covered_by
from assistant.questions import AREA_KINDS, COUNT_NOUN, FRAME_NOUNS, SLOT_NOUNS
from assistant.spelling import WrittenText
from embeddings.keyword import KeywordIndex

DISTINCT_IDF = 5.0  # idf of a word in about one passage in fifty (see ``required_terms``)
# A noun with an interrogative in it (哪些项目, 什么东西) is part of how the question asks.
_ASKING_WORD = re.compile(r"哪|什么|啥|几|多少")
_PLACE_SUFFIX = frozenset("里内上中")
_CUT_TAILS = frozenset("里内上中会能的")  # a particle or modal jieba may glue onto the word before it
_CUT_REACH = 3  # characters before a noun that may belong to the gazette word it was cut from


class QuestionWords:
    """A question's words measured against the gazette: ``keyword`` is the index's keyword
    index, ``written`` the gazette's text (whitespace removed), ``titles`` its documents' titles."""

    def __init__(self, keyword: KeywordIndex, written: WrittenText, titles: Sequence[str]) -> None:
        self.keyword = keyword
        self.written = written
        self.titles = titles

    def unknown_nouns(self, analysis: QuestionAnalysis) -> list[str]:
        """The question's nouns that the gazette never writes, in any passage (电动自行车, 房价).

        Only words of the language count: a piece that jieba's HMM glued from characters it does
        not know as a word (井应, 功关, 网货) is a mis-cut, a typo or an abbreviation, not a subject
        the gazette lacks.
        """
        if analysis.is_english:
            return []
        keyword = self.keyword
        text = analysis.asking or analysis.focus
        return list(dict.fromkeys(n for n in keyword.nouns(text)
                                  if n not in self.written and keyword.is_word(n)
                                  and not any(f in n for f in FRAME_NOUNS) and not COUNT_NOUN.search(n)
                                  and not _ASKING_WORD.search(n) and not self._cut(n, text) and not self._compound(n)
                                  and keyword.tokens(n) and not REDUPLICATED.fullmatch(n)
                                  and not any(abbreviates(n, title) for title in self.titles)))

    def _cut(self, noun: str, text: str) -> bool:
        """A word of the gazette, or an area (县里, 规划里), and a place word, particle or modal after it
        that jieba cut as one noun: 「学生会唱」 as 学生会, 「项目库里」 as 库里 (the word may begin before
        the noun). 网上, 途中 are words of their own, and may name what the gazette lacks."""
        if noun[-1] not in _CUT_TAILS:
            return False
        head = noun[:-1]
        if noun[-1] in _PLACE_SUFFIX and head in AREA_KINDS:
            return True
        at = text.find(noun)
        before = text[max(0, at - _CUT_REACH):at] if at >= 0 else ""
        return any(len(before[k:] + head) >= 2 and before[k:] + head in self.written for k in range(len(before) + 1))

    def _compound(self, noun: str) -> bool:
        """「成员名单」: a noun made of words the gazette writes (成员, 名单) names nothing it lacks."""
        parts = [p for p in self.keyword.tokens(noun) if 2 <= len(p) < len(noun) and self.keyword.document_frequency(p)]
        return covered_by(noun, parts)

    def unknown_verbs(self, analysis: QuestionAnalysis) -> list[str]:
        """The question's verbs that the gazette never writes (下雨, 补办): what it asks to be done
        is something the gazette does not speak of. Common verbs of the language (处理, 需要) and
        pieces glued by jieba do not count."""
        if analysis.is_english:
            return []
        keyword = self.keyword
        return list(dict.fromkeys(v for v in keyword.verbs(analysis.asking or analysis.focus)
                                  if v not in self.written and keyword.is_word(v) and not keyword.is_common(v)))

    def required_terms(self, analysis: QuestionAnalysis, min_idf: float = DISTINCT_IDF) -> set[str]:
        """The question's distinctive words that the gazette uses somewhere (rarer than one passage in fifty).

        「临川市图书馆开放时间」: 图书馆, 开放 and 时间 all occur in the gazette, but never
        together. Words the gazette never uses, words that only frame the question and pieces
        jieba glued from two words are not required.
        """
        keyword = self.keyword
        naming_slot = SLOT_NOUNS.get(analysis.slot, frozenset())
        return {t for t in keyword.tokens(analysis.asking or analysis.focus) if len(t) >= 2 and t not in naming_slot
                and keyword.document_frequency(t) and keyword.idf(t) >= min_idf and keyword.is_word(t)}
