"""Text normalisation shared by every layer (one home for each helper).

``compact`` is how the project compares text regardless of layout: a quote is verbatim when its
compact form is in the compact source, since page breaks, line wraps and table cells put
whitespace where the printed sentence has none. ``iso_date`` and ``ISSUE_NUMBER`` read the two
identifiers a gazette is dated and numbered by, wherever they are written (a cover, a web page's
metadata, a question). ``nfkc`` and ``to_simplified`` bring what a user types to the gazette's
forms (plain digits and letters, simplified characters). Sentences are cut in ``corpus.sentences``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_WHITESPACE = re.compile(r"\s+")


def compact(text: str) -> str:
    """``text`` without any whitespace (spaces, line breaks, full-width spaces)."""
    return _WHITESPACE.sub("", text)


def compact_with_offsets(text: str) -> tuple[str, list[int]]:
    """``compact(text)``, and for each character kept its offset in ``text``: where a quote found
    whitespace-free stands in the text as written."""
    offsets = [i for i, ch in enumerate(text) if not ch.isspace()]
    return "".join(text[i] for i in offsets), offsets


_CN_DIGIT = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn_number(numeral: str) -> int | None:
    """The number a numeral writes, up to 99: 一 → 1, 两 → 2, 十 → 10, 十二 → 12, 二十 → 20, 8 → 8;
    None for anything else."""
    if numeral.isdigit():
        return int(numeral)
    if "十" not in numeral:
        return _CN_DIGIT.get(numeral)
    tens, _, ones = numeral.partition("十")
    if len(tens) > 1 or len(ones) > 1 or (tens and tens not in _CN_DIGIT) or (ones and ones not in _CN_DIGIT):
        return None
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)


_PARENTHESES = re.compile(r"（[^（）]*）|\([^()]*\)")


def without_parentheses(text: str) -> str:
    """``text`` without its bracketed asides: 「县（市、区）」 enumerates nothing."""
    return _PARENTHESES.sub("", text)


def nfkc(text: str) -> str:
    """``text`` in Unicode NFKC: full-width digits, letters and marks as plain ones (５Ａ → 5A)."""
    return unicodedata.normalize("NFKC", text)


def to_simplified(text: str) -> str:
    """繁體 → 简体 with OpenCC (characters and common phrases; 公文 vocabulary is the same)."""
    return _converter().convert(text)


@cache
def _converter():
    try:
        import opencc
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("繁體 questions need OpenCC: pip install 'gazette-qa[index]'") from exc
    return opencc.OpenCC("t2s")


_DATE = re.compile(r"(20\d\d)\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
# 「2022年第5期」: an issue's year and number.
# 「2023年第1期」, and 「2021年临川市政府公报第5期」 with the gazette's name between year and number (only
# a name ending in 公报, quoted or not: 「2022年举办的第3期培训班」 names no issue). A number in words
# (「第三期」) only after the gazette's name: 「2022年第二期工程」 is a project's phase. Read it with
# ``cn_number``.
ISSUE_NUMBER = re.compile(r"(?P<year>20\d\d)\s*年?(?:(?:[^，。？?\d\s]{0,10}公报[》」”]?)?\s*第\s*(?P<no>\d+)"
                          r"|[^，。？?\d\s]{0,10}公报[》」”]?\s*第\s*(?P<words>[一二三四五六七八九十]{1,3}))\s*期")


def issue_numbers(text: str) -> list[tuple[str, int | None]]:
    """The (year, number) of each gazette issue ``text`` names."""
    return [(m.group("year"), cn_number(m.group("no") or m.group("words"))) for m in ISSUE_NUMBER.finditer(text)]


# A name in quotation marks (「“一条热线管便民”建成什么样」, 「说的那个“一核”」).
QUOTED_NAME = re.compile(r"“([^“”]{2,20})”|「([^「」]{2,20})」|\"([^\"]{2,20})\"")


def quoted_names(text: str) -> list[str]:
    """The names ``text`` puts in quotation marks, without the marks."""
    return [next(g for g in m.groups() if g) for m in QUOTED_NAME.finditer(text)]


COUNT_NUMERALS = "二两三四五六七八九十"  # a count of things (not 一: 一下, 一网通办 count nothing)
_COUNT_LEAD = re.compile(rf"(?<![第\d一{COUNT_NUMERALS}百])[{COUNT_NUMERALS}]")


def count_runs(text: str, longest: int = 6) -> list[str]:
    """The runs of ``text`` of up to ``longest`` characters that start with a count (「三大优势是什」),
    each once: where a counted name (三大优势) may be written."""
    return list(dict.fromkeys(text[m.start():m.start() + longest] for m in _COUNT_LEAD.finditer(text)))


def counted_name_candidates(text: str, longest: int = 6) -> list[str]:
    """The runs of ``text`` that could be a counted name typed without its quotation marks
    (「文旅规划的三大优势是什么」 → 三大, 三大优, 三大优势, …): from each numeral, two to ``longest``
    characters. Which of them is a name only the gazette can tell (it quotes 「“三大优势”」)."""
    return [run[:n] for run in count_runs(text, longest) for n in range(2, len(run) + 1)]


def iso_date(text: str | None) -> str | None:
    """The first date in ``text`` (2022年9月6日, 2022-09-06, 2022/9/6) as ISO, or None."""
    m = _DATE.search(text or "")
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else None
