"""Repair pinyin-input typos against the gazette's own vocabulary.

Most Chinese is typed with a pinyin IME, so a typo is usually a homophone of the intended
word: 压菜 for 压采, 化转 for 划转, 申批 for 审批. A two- to four-character piece of the
question that the gazette never writes (anywhere in its text, not only as a word) is
replaced by a gazette word with the same pinyin that shares at least one character with it
(a one-character slip, not a different word).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache

_CJK_WORD = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
# Question words are what the asker typed on purpose (几号 is not a slip for 级号), and so are the
# ordinal 第 (「2023年第1期」 is no slip for 年底) and numerals (「第四项」 is no slip for 事项).
_ON_PURPOSE = set("几什啥哪谁多咋怎吗么呢第一二两三四五六七八九十百千")
# Words of the question frames the analysis reads (「…是啥时候印发的」) that a formal text seldom
# writes: their slips (时侯) are repaired too, when no gazette word of that sound is meant.
_FRAME_WORDS = ("时候", "时间", "期限", "截止", "部门", "单位", "负责", "牵头", "文号", "印发", "发布")
_SHORT = 4  # pieces up to this many characters are looked up in WrittenText's set


class WrittenText:
    """``piece in text`` for one large text (the whole gazette), asked many times per question.

    Exact, and without scanning the text for a piece of Chinese characters: every run of two
    to four of them that the text writes is kept in a set (about 135,000 runs, 15 MB, for an
    issue of 256,000 characters; repeated issues share most). A longer Chinese piece is scanned
    for only when each of its character pairs is in the set; other pieces (digits, letters,
    mixed) are scanned for as before. A scan costs about 0.25 ms an issue, and typo repair and
    ``unknown_nouns`` asked dozens per question.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        grams: set[str] = set()
        for run in _CJK_RUN.findall(text):
            for n in range(2, _SHORT + 1):
                grams.update(run[i:i + n] for i in range(len(run) - n + 1))
        self._grams = grams

    def __contains__(self, piece: str) -> bool:
        if len(piece) < 2:
            return piece in self.text
        # A piece of Chinese characters only occurs inside one run of them.
        if _CJK_RUN.fullmatch(piece):
            if len(piece) <= _SHORT:
                return piece in self._grams
            if not all(piece[i:i + 2] in self._grams for i in range(len(piece) - 1)):
                return False
        return piece in self.text


@lru_cache(maxsize=65536)
def pinyin_of(word: str) -> tuple[str, ...]:
    """The toneless pinyin of ``word``, a syllable a character (remembered: typo repair and the
    English glossary both read the whole vocabulary)."""
    from pypinyin import lazy_pinyin

    return tuple(lazy_pinyin(word))


class Homophones:
    """Gazette words by pinyin; ``repair`` swaps unknown homophones for them."""

    def __init__(self, doc_freq: Mapping[str, int], text: str | WrittenText,
                 is_common: Callable[[str], bool] = lambda w: False,
                 is_glue: Callable[[str], bool] = lambda w: False) -> None:
        try:
            import pypinyin  # noqa: F401
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError("typo repair needs pypinyin: pip install 'gazette-qa[index]'") from exc
        self.known = {w for w in doc_freq if _CJK_WORD.match(w)}
        self._by_sound: dict[tuple[str, ...], str] = {}
        self._by_near_sound: dict[tuple[str, ...], str] = {}
        for word in sorted(self.known, key=lambda w: -doc_freq[w]):  # the commonest spelling wins
            self._by_sound.setdefault(pinyin_of(word), word)
            self._by_near_sound.setdefault(near_sound(pinyin_of(word)), word)
        # a question word of the same sound comes after the gazette's (时侯 is 时候, not 事后)
        self._frame_by_sound = {pinyin_of(word): word for word in _FRAME_WORDS}
        # A piece the gazette writes is no typo even where jieba cut it otherwise (成片 in 成片开发),
        # and neither is a common word of the language (应该 is no slip for 应改).
        self._text = text if isinstance(text, WrittenText) else WrittenText(text)
        self._is_common = is_common
        # Neither is a piece glued from a function word and its neighbour (「被查」 in 「被查到」, not 备查).
        self._is_glue = is_glue

    def correction(self, piece: str) -> str | None:
        """The gazette word ``piece`` is a typo of, if any."""
        if (piece in self.known or piece in _FRAME_WORDS or not _CJK_WORD.match(piece) or piece in self._text
                or _ON_PURPOSE & set(piece) or self._is_common(piece) or self._is_glue(piece)):
            return None
        sound = pinyin_of(piece)
        heard = (self._by_sound.get(sound), self._by_near_sound.get(near_sound(sound)), self._frame_by_sound.get(sound))
        for word in heard:
            if word and word != piece and set(word) & set(piece):
                return word
        return None

    def repair(self, text: str, pieces: Iterable[str]) -> str:
        """``text`` with each unknown piece that is a homophone of a gazette word replaced.

        ``pieces`` are the question's words (jieba); a piece right after a number starts with the
        measure word that was meant (「第1期里」 is no slip for 七里). Two-character windows are tried too,
        where jieba split a slip into single characters (化|转), but never one that takes a
        character from a word the gazette writes (西山县|成片 must not yield 县城); and windows of
        three characters that take no character of a question word in the gazette's vocabulary.
        """
        candidates = list(dict.fromkeys(pieces))
        question_words = list(candidates)
        for run in _CJK_RUN.findall(text):
            taken = covered(run, [p for p in candidates if len(p) >= 2 and p in self._text])
            candidates += [run[i:i + 2] for i in range(len(run) - 1) if not (taken[i] or taken[i + 1])]
            # 「市公按局」: jieba cut 市公 (a piece of 市公安局 the text has), so the slip is seen whole
            # only in three characters, which take no character of a gazette word (公按局 → 公安局;
            # 基地|十四 must not yield 第十四)
            in_vocabulary = covered(run, [p for p in question_words if len(p) >= 2 and p in self.known])
            candidates += [run[i:i + 3] for i in range(len(run) - 2) if not any(in_vocabulary[i:i + 3])]
        for piece in candidates:
            fixed = self.correction(piece)
            if fixed and piece in text and not re.search(rf"\d{re.escape(piece)}", text):
                text = text.replace(piece, fixed)
        return text


def near_sound(syllables: tuple[str, ...]) -> tuple[str, ...]:
    """The syllables as a fuzzy-pinyin input method matches them, zh/ch/sh as z/c/s (检擦院 for
    检察院). Not -ng as -n: 装有 would become 专有."""
    return tuple(re.sub(r"^([zcs])h", r"\1", s) for s in syllables)


def covered(run: str, words: list[str]) -> list[bool]:
    """Which characters of ``run`` belong to one of ``words``."""
    taken = [False] * len(run)
    for word in words:
        start = run.find(word)
        while start >= 0:
            taken[start:start + len(word)] = [True] * len(word)
            start = run.find(word, start + 1)
    return taken
