"""A table answers for the rows it lists, and for nothing of their kind that it does not list; and
a row or a section about a thing answers for it better than a list that names it in passing.

「北山县的地下水压减目标是多少」: the groundwater table's rows are 东城区, 临川市, 西山县 and 南县 (and
a 合计 row). 北山县 is a place name of the same form, and none of them: no row of the table states its
target, the 合计 row least of all. A table's rows form such a family when their names are short and
end in a few of the characters places end in (县, 区, 市); then a place name of the question with
that ending, which the gazette writes and the table does not list, rules the table out (超采区 or
开发区 is no place name, and rules nothing out).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol, TypeVar

from assistant.claims import row_name
from assistant.listed import enumerations
from assistant.questions import AREA_KINDS
from corpus.headings import heading_name
from corpus.model import Chunk
from corpus.text import compact

_MIN_ROWS = 3
_MAX_NAME = 5  # characters: a name (西山县, 市统计局), not an item described (导游证核发, 高中阶段教育)
_MAX_ENDINGS = 3
_SHARE = 0.75  # of the names end in one of the family's endings
# Words that pick out no one member (各县, 全市, 本区, 该局): a determiner and the kind.
_DETERMINERS = frozenset("各全本我该此每其")


class _Scored(Protocol):
    chunk: Chunk
    text: str
    score: float


U = TypeVar("U", bound=_Scored)


def table_of(chunk: Chunk) -> tuple[str, str]:
    return chunk.doc_number, chunk.table_caption or chunk.section


class TableFamilies:
    """The tables whose rows are named as members of one kind, with their names and endings."""

    def __init__(self, chunks: Iterable[Chunk]) -> None:
        names: dict[tuple[str, str], set[str]] = defaultdict(set)
        for chunk in chunks:
            if chunk.kind == "table_row":
                name = row_name(chunk)
                if name:
                    names[table_of(chunk)].add(name)
        self.families: dict[tuple[str, str], tuple[frozenset[str], frozenset[str]]] = {}
        for table, members in names.items():
            endings = _family_endings(members)
            if endings:
                self.families[table] = (frozenset(members), endings)

    def rules_out(self, chunk: Chunk, places: Iterable[str], written: Callable[[str], bool]) -> bool:
        """Whether the question's ``places`` (its place names) name a member of ``chunk``'s table's
        kind that the table does not list, and the gazette ``written`` (a real place, not a slip).
        A word the table's caption or heading names (各县 in 「各县（市、区）…表」) picks out no member."""
        family = self.families.get(table_of(chunk))
        if family is None:
            return False
        members, endings = family
        named = compact(f"{chunk.table_caption or ''}{chunk.section}")
        return any(len(word) >= 2 and word[-1] in endings and word[0] not in _DETERMINERS
                   and word not in members and word not in named and written(word)
                   for word in places)


def _family_endings(names: set[str]) -> frozenset[str]:
    """The last characters that make ``names`` a family, or none."""
    if len(names) < _MIN_ROWS or any(len(n) > _MAX_NAME for n in names):
        return frozenset()
    endings = Counter(n[-1] for n in names)
    common = [e for e, _ in endings.most_common(_MAX_ENDINGS)]
    if not set(common) <= AREA_KINDS:
        return frozenset()
    if sum(endings[e] for e in common) < _SHARE * len(names) or len(endings) > 2 * _MAX_ENDINGS:
        return frozenset()
    return frozenset(common)


# How far below the best unit a unit about the item asked may score and still answer first; how
# many of the next units are looked at.
_ABOUT_RATIO = 0.15
_ABOUT_LOOK = 8
_MIN_LISTED = 3


def about_the_item(units: Sequence[U], asked_flat: str) -> list[U]:
    """The units with one about the item asked first, when the best one only lists that item
    among its siblings: 「应急保障组是哪个部门牵头」 is answered by 「牵头单位：…」 under
    「2.3.4 应急保障组」, not by the sentence that lists all eight groups; 「较大的死几个人算」 by
    the 较大突发事件 row, not by 「划分为特别重大、重大、较大和一般四个级别」."""
    if len(units) < 2:
        return list(units)
    best = units[0]
    listed = [items for items in enumerations(best.text) if len(items) >= _MIN_LISTED]
    named = [(item, items) for items in listed for item in items if len(item) >= 2 and item in asked_flat]
    if not named:
        return list(units)
    item, siblings = max(named, key=lambda found: len(found[0]))
    # 「重大」 is also written in 「特别重大」: that row is about its longer sibling, not about 重大
    longer = [s for s in siblings if s != item and item in s]
    for unit in units[1:_ABOUT_LOOK]:
        chunk = unit.chunk
        label = row_name(chunk) or (chunk.row_key or "") if chunk.kind == "table_row" else heading_name(chunk.heading)
        if item in label and not any(s in label for s in longer) and unit.score >= best.score * _ABOUT_RATIO:
            return [unit] + [u for u in units if u is not unit]
    return list(units)
