"""Repair pinyin-input typos against the gazette's own vocabulary.

Most Chinese is typed with a pinyin IME, so a typo is usually a homophone of the intended
word: 压菜 for 压采, 化转 for 划转, 申批 for 审批. A two- to four-character piece of the
question that the gazette never uses is replaced by a gazette word with the same pinyin
that shares at least one character with it (a one-character slip, not a different word).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_CJK_WORD = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


def _pinyin(word: str) -> tuple[str, ...]:
    from pypinyin import lazy_pinyin

    return tuple(lazy_pinyin(word))


class Homophones:
    """Gazette words by pinyin; ``repair`` swaps unknown homophones for them."""

    def __init__(self, doc_freq: dict[str, int]) -> None:
        try:
            import pypinyin  # noqa: F401
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError("typo repair needs pypinyin: pip install 'gazette-qa[index]'") from exc
        self.known = {w for w in doc_freq if _CJK_WORD.match(w)}
        self._by_sound: dict[tuple[str, ...], str] = {}
        for word in sorted(self.known, key=lambda w: -doc_freq[w]):  # the commonest spelling wins
            self._by_sound.setdefault(_pinyin(word), word)
        self._text = ""

    def correction(self, piece: str) -> str | None:
        """The gazette word ``piece`` is a typo of, if any."""
        if piece in self.known or not _CJK_WORD.match(piece):
            return None
        word = self._by_sound.get(_pinyin(piece))
        if word and word != piece and set(word) & set(piece):
            return word
        return None

    def repair(self, text: str, pieces: Iterable[str], used: set[str]) -> str:
        """``text`` with each unknown piece that is a homophone of a gazette word replaced.

        ``pieces`` are the question's words (jieba); ``used`` is every character pair the
        gazette uses, so two-character windows across word boundaries are tried only where
        the gazette never writes them.
        """
        candidates = list(dict.fromkeys(pieces))
        for run in _CJK_RUN.findall(text):
            candidates += [run[i:i + 2] for i in range(len(run) - 1) if run[i:i + 2] not in used]
        for piece in candidates:
            fixed = self.correction(piece)
            if fixed and piece in text:
                text = text.replace(piece, fixed)
        return text
