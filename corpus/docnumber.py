"""文号 (document numbers) such as 朔政办发〔2022〕27号: find them in text and normalise them.

Citizens type brackets in many ways — [], （）, (), 【】, or none — and sometimes
full-width digits. The canonical form uses 〔〕 and half-width digits, which is how the
gazette prints them.
"""

from __future__ import annotations

import re

from corpus.text import nfkc

# prefix: the issuing organ's abbreviation (朔政办发, 晋政发, 国办函 …)
DOC_NUMBER_RE = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff]{1,8}?[发函字令办])\s*"
    r"[〔\[［（(【]?\s*(?P<year>(?:19|20|１９|２０)[0-9０-９]{2})\s*[〕\]］）)】年]?\s*"
    r"第?(?P<num>[0-9０-９]{1,4})\s*号"
)


def normalize_doc_number(text: str) -> str | None:
    """Return the canonical 文号 of the first one found in ``text``, or None."""
    m = DOC_NUMBER_RE.search(text)
    if not m:
        return None
    return _canonical(m)


def find_doc_numbers(text: str) -> list[str]:
    """All 文号 mentioned in ``text``, canonical, in order of appearance, without repeats."""
    seen: list[str] = []
    for m in DOC_NUMBER_RE.finditer(text):
        canon = _canonical(m)
        if canon not in seen:
            seen.append(canon)
    return seen


# Issuing organs' abbreviations start with the jurisdiction: 国 (State Council), 晋 (Shanxi),
# 朔 (Shuozhou) and 中 (Party centre). Leading characters before one of them are the
# user's own words (「问下朔政办发…」), not part of the 文号.
_JURISDICTION_STARTS = "国晋朔中"


def _trim_prefix(prefix: str) -> str:
    for i, ch in enumerate(prefix):
        if ch in _JURISDICTION_STARTS:
            return prefix[i:]
    return prefix


def _canonical(m: re.Match[str]) -> str:
    year = nfkc(m.group("year"))  # full-width digits as half-width ones
    num = str(int(nfkc(m.group("num"))))
    return f"{_trim_prefix(m.group('prefix'))}〔{year}〕{num}号"
