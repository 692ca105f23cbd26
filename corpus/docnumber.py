"""文号 (document numbers) such as 临政办发〔2022〕27号: find them in text and normalise them.

Citizens type brackets in many ways — [], （）, (), 【】, or none — and sometimes
full-width digits. The canonical form uses 〔〕 and half-width digits, which is how the
gazette prints them.
"""

from __future__ import annotations

import re

from corpus.text import nfkc

# prefix: the issuing organ's abbreviation (临政办发, 京政发, 国办函 …)
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


# The user's own words before a 文号 stick to its prefix (「请问京政发…」, 「根据省政府晋政发…」).
# An issuing organ's abbreviation is a jurisdiction and an organ (国办, 京政, 晋政办, a city's
# 市政办), and never holds the function words of a sentence: the prefix starts after the last
# of them. This needs no list of jurisdictions, so it holds for any city's gazette.
_USER_WORDS = re.compile(r"^.*(?:印发|转发|下发|知道|"
                         r"[问请查想我你好是的为和与及或据照按在看找搜讲读么吗呢个一下有这那该供提给帮道说期本于对即件份])")
# An abbreviation never holds an organ's full name (「省政府晋政发」, 「市政府办公室临政办发」): it
# starts after the last one.
_FULL_NAMES = re.compile(r"^.*(?:人民政府|政府|办公室|委员会|办公厅)(?=..)")


def _trim_prefix(prefix: str) -> str:
    m = _USER_WORDS.match(prefix)
    rest = prefix[m.end():] if m else prefix
    full = _FULL_NAMES.match(rest)
    rest = rest[full.end():] if full else rest
    # Too little left to be an organ's abbreviation: the words were the prefix (nothing to cut).
    return rest if len(rest) >= 2 else prefix


def _canonical(m: re.Match[str]) -> str:
    year = nfkc(m.group("year"))  # full-width digits as half-width ones
    num = str(int(nfkc(m.group("num"))))
    return f"{_trim_prefix(m.group('prefix'))}〔{year}〕{num}号"
