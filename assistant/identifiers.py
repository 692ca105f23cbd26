"""What a question names that the answering passage must name too.

Codes, grades and years (5A, G55, 2023), posts (市长, 主任) and counties are never paraphrased:
when a question names one, the unit that answers it must have it too, or it answers something
else (the city's target is not 「平谷区的目标」, a deputy's post 副主任 is not the 主任 asked for).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING

from assistant.analysis import QuestionAnalysis
from assistant.claims import join_cjk
from assistant.evidence import YEARS, lacks_asked_form, lacks_stated_year
from assistant.matching import has_term, remember
from assistant.people import People, asks_name
from assistant.questions import DOC_WORDS
from corpus.aliases import LOCAL_SUFFIXES
from corpus.text import compact
from embeddings.keyword import KeywordIndex

if TYPE_CHECKING:
    from assistant.extractive import Unit

# 5a, g55, 2023 (tokens are lower-cased); not an English ordinal (14th, 2nd), which names no code
IDENTIFIER = re.compile(r"[a-z]+\d+|\d+(?!st$|nd$|rd$|th$)[a-z]+|\d{4}")
_YEAR = re.compile(r"\d{4}")
# A day or week named from today (「临川明天天气」, 「这周有什么活动」): a gazette records decisions, not
# a day's news, so only a unit that writes the same word answers. (现在, 今年 are asked of what it says.)
_DAY_FROM_TODAY = re.compile(r"今天|明天|后天|昨天|今晚|明早|[这本下上]周(?!末)")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
# A year that names a document (「2022年行动方案」, 「2021年…开发方案」), not the year a count is asked for.
_DOCUMENT_YEAR = re.compile(rf"(?:19|20)\d{{2}}年(?:度)?[^，。？?、\s]{{0,12}}?"
                            rf"(?:{'|'.join(DOC_WORDS)}|计划|要点|目录|版)")


class NamedThings:
    """Checks a unit against the identifiers, posts and places its question names.

    ``places_of(text)`` gives the counties, districts and cities of the index that a text names
    (the service sets it: it knows the index's places; none without it).
    """

    def __init__(self, keyword: KeywordIndex, people: People,
                 places_of: Callable[[str], list[str]] = lambda text: []) -> None:
        self.keyword = keyword
        self.people = people
        self.places_of = places_of
        self._places: dict[str, list[str]] = {}  # a question's places, asked of each unit it weighs

    def first_having(self, analysis: QuestionAnalysis, best: Unit, close: Sequence[Unit],
                     required: Collection[str] = ()) -> Unit | None:
        """The unit that answers: ``best``, unless it lacks what the question names; then the
        first of the ``close`` runners-up of its document that has it (「组长是谁」: the 「组 长：…」
        line, not a sentence about the task force); None when none has it. Asked a count or a
        date that ``best`` does not state, a runner-up that states it answers (the heading
        「…事项（213项）」 of a catalogue, not one of its rows)."""
        if not self.lacks(analysis, best, required):
            if analysis.slot in ("amount", "date") and not best.features.get("slot"):
                return next((u for u in close if u.features.get("slot", 0.0) >= 1.0
                             and u.chunk.doc_number == best.chunk.doc_number
                             and not self.lacks(analysis, u, required)), best)
            return best
        return next((u for u in close if u.chunk.doc_number == best.chunk.doc_number
                     and not self.lacks(analysis, u, required)), None)

    def lacks(self, analysis: QuestionAnalysis, unit: Unit, required: Collection[str] = ()) -> bool:
        """Whether ``unit`` lacks what the question names: a day named from today, an identifier or
        post, a county, a unit of measure asked in or where an office sits
        (``evidence.lacks_asked_form``), a year or number of years asked for (in its own words), or,
        asked a person's name (「指挥长叫什么名字」), a person.
        Asked a count or a date, it must also have the question's distinctive ``required`` nouns
        (耕地 of 「耕地面积为多少」), in its own text or its place: a figure among other words is a
        figure of something else."""
        if analysis.slot == "person" and asks_name(analysis.text) and not self.people.named_in(unit.text):
            return True
        if any(day not in unit.text for day in _DAY_FROM_TODAY.findall(analysis.text)):
            return True
        if required and analysis.slot in ("amount", "date") and not analysis.is_english:
            chunk = unit.chunk
            where = join_cjk(f"{chunk.title} {chunk.section} {chunk.table_caption or ''} {unit.text}")
            have, flat, asked = set(self.keyword.tokens(where)), compact(where), compact(analysis.text)
            if not all(has_term(t, have, flat, asked) for t in required):
                return True
        # the document's own year stands in its 文号 and date, not in its passages
        chunk = unit.chunk
        text = join_cjk(f"{chunk.title} {chunk.doc_number} {chunk.date or ''} {chunk.section} {chunk.text}")
        # A year or post is the unit's own: 「2026—2030年」 further on in the passage does not make
        # 「到2023年…」 say what 2026 holds, nor the office's 主任 down the member list make
        # 「…副主任」 the 主任 asked for. A code (G55, 5A), like a county, is named once for a
        # paragraph about it: its later sentences are about it too.
        own = join_cjk(f"{chunk.title} {chunk.doc_number} {chunk.date or ''} {chunk.section} {unit.text}")
        return (self.states_other_years(analysis, unit.text) or lacks_stated_year(analysis.text, unit.text)
                or lacks_asked_form(analysis.text, analysis.measure, text)
                or self.lacks_identifiers_in(analysis, own, codes_in=text) or self.lacks_place(analysis, text))

    @staticmethod
    def states_other_years(analysis: QuestionAnalysis, text: str) -> bool:
        """Whether ``text`` states its figures for other years than the one a count is asked for:
        「2016年…2019年…2020年…」 does not say what 2022 held. (The year of the document itself,
        which a passage seldom writes, does not count here: only the years the text states.)"""
        if analysis.slot != "amount":
            return False
        asked = [int(a) for a, b in YEARS.findall(_DOCUMENT_YEAR.sub("", analysis.focus)) if not b]
        stated = [(int(a), int(b or a)) for a, b in YEARS.findall(compact(text))]
        return bool(asked and stated) and not any(lo <= year <= hi for year in asked for lo, hi in stated)

    def lacks_place(self, analysis: QuestionAnalysis, text: str) -> bool:
        """Whether ``text`` lacks a county, district or city the question asks about: what the
        plan sets for the whole city, or for another county, does not say what 「平谷区的目标」 is."""
        flat = compact(text)
        # an English question's places are among the gazette words its glosses add
        asked = " ".join(_HAN_RUN.findall(analysis.focus)) if analysis.is_english else analysis.focus
        places = remember(self._places, asked, lambda: self.places_of(asked))
        return any(place not in flat and place.rstrip(LOCAL_SUFFIXES) not in flat for place in places)

    def lacks_identifiers_in(self, analysis: QuestionAnalysis, text: str, codes_in: str | None = None) -> bool:
        """Whether ``text`` lacks a code, grade, year or post the question names; codes (not
        years) are looked for in ``codes_in`` when given."""
        keyword = self.keyword
        asked = [t for t in keyword.tokens(analysis.focus) if IDENTIFIER.fullmatch(t)
                 or (analysis.slot == "person" and t.endswith(("长", "主任")) and keyword.document_frequency(t))]
        if not asked:
            return False
        have, flat = set(keyword.tokens(text)), compact(text).lower()
        wider = compact(codes_in).lower() if codes_in is not None else flat
        # a code or year is there as written (2023 is not 2021); a post as ``has_term`` finds it
        if any(IDENTIFIER.fullmatch(t) and t not in (flat if _YEAR.fullmatch(t) else wider) for t in asked):
            return True
        posts = [t for t in asked if not IDENTIFIER.fullmatch(t)]
        held = [has_term(t, have, flat, compact(analysis.text).lower()) for t in posts]
        # the posts an English question's head stands for (「who heads」: 组长 or 主任) are alternatives
        return bool(posts) and not (any(held) if analysis.is_english else all(held))
