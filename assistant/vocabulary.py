"""Everyday words read as the gazette's words: 老师 → 教师, 花钱 → 收费, 开公司 → 开办企业.

Citizens ask in the words they use; the gazette writes 公文. A word the gazette never
writes counts as missing evidence (and may even make a question look off-topic), although
it names what the gazette calls by another name. ``colloquial_zh.tsv`` lists such pairs,
one ``colloquial<TAB>formal`` per line; only the pairs whose colloquial word this index
never writes and whose formal word it does are used, so a new issue never has a word of its
own rewritten; and only a whole word of the question is replaced (「的士兵」 holds no 的士).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

VOCABULARY_FILE = Path(__file__).resolve().parent / "colloquial_zh.tsv"


class Vocabulary:
    """The usable colloquial → formal pairs for one index."""

    def __init__(self, pairs: dict[str, str], gazette_text: str) -> None:
        usable = {c: f for c, f in pairs.items() if c not in gazette_text and f in gazette_text}
        self.pairs = usable

    @classmethod
    def load(cls, gazette_text: str, path: Path = VOCABULARY_FILE) -> "Vocabulary":
        pairs: dict[str, str] = {}
        for line in path.read_text("utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                colloquial, _, formal = line.partition("\t")
                if colloquial and formal:
                    pairs[colloquial.strip()] = formal.strip()
        return cls(pairs, gazette_text)

    def formal(self, text: str, words: Callable[[str], list[str]]) -> str:
        """``text`` with each colloquial word replaced by the gazette's word for it; ``words``
        segments the text (jieba, precise mode), and only a whole word is replaced."""
        if not any(colloquial in text for colloquial in self.pairs):
            return text
        return "".join(self.pairs.get(word, word) for word in words(text))
