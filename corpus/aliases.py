"""Short names people use for routes and places the gazette spells out in full.

Chinese roads and railways are called by the first character of each end: 大同至运城高速公路
is 「大运高速」, 北京至哈尔滨高铁 is 「京哈高铁」. The gazette uses the full form, so a
question with the short one would miss it; ``route_aliases`` lists the short forms found
in a text and ``expand_aliases`` writes them out in a question.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Up to four characters before 至 (a place name and maybe a word before it), two to four after.
_ROUTE = re.compile(r"([\u4e00-\u9fff]{1,4})至([\u4e00-\u9fff]{2,4}?)(高速公路|高速|高铁|铁路)")
_PLACE_SUFFIX = "县市区省"
LOCAL_SUFFIXES = "县区市"  # how a county's, district's or city's name ends (西山县, 东城区)


def route_aliases(text: str) -> dict[str, str]:
    """{short name: full name} for every 「甲至乙高速公路」-style route in ``text``."""
    aliases: dict[str, str] = {}
    for m in _ROUTE.finditer(text):
        before, end, kind = m.groups()
        short_kind = "高速" if kind.startswith("高速") else kind
        # Where the first place name starts is unknown (「推进临川县」): try each length.
        for length in range(2, len(before) + 1):
            start = before[-length:]
            if "至" in start:  # inside a chain (集宁至大同至原平): no two-end short name
                break
            full = f"{start}至{end}{kind}"
            aliases.setdefault(f"{start[0]}{end[0]}{short_kind}", full)
            if start[-1] in _PLACE_SUFFIX:  # a county or city name is complete
                break
    return aliases


def expand_aliases(question: str, aliases: dict[str, str]) -> str:
    """The question with each known short route name replaced by the full name."""
    for short, full in sorted(aliases.items(), key=lambda kv: -len(kv[0])):
        if short in question and full not in question:
            question = question.replace(short, full)
    return question


# A county, district or city with a two-character name (平谷区, 怀柔区): people drop the suffix.
# Counted where it stands at a boundary (after punctuation, 和, 在 …): 「明海湖景区」 is no 湖景区.
_PLACE = re.compile(r"(?:(?<![\u4e00-\u9fff])|(?<=[和与及在对由从至]))([\u4e00-\u9fff]{2})(县|区|市)"
                    r"(?![\u4e00-\u9fff]{0,1}(?:局|委|办|院|厅))")
_MIN_PLACE_MENTIONS = 3  # a place the text names this often is one people ask about
_PLACE_NEIGHBOURS = 2
# The short name standing alone: before 的, 呢, a comma or the end (「那平谷的呢」), not inside a
# longer name (「平谷精神」).
_ALONE = r"(?=的|呢|这边|那边|那里|这里|[，,。？?！!、\s]|$)"


def place_aliases(text: str, is_place: Callable[[str], bool]) -> dict[str, str]:
    """{short name: full name} for the places ``text`` names often with a two-character name and
    a suffix (平谷 → 平谷区), when no other place shares the short name. ``is_place`` tells a
    place's name from words that only look like one (「实现市、县两级…」)."""
    counts: dict[str, int] = {}
    for m in _PLACE.finditer(text):
        counts[m.group(0)] = counts.get(m.group(0), 0) + 1
    often = [full for full, n in counts.items() if n >= _MIN_PLACE_MENTIONS]
    places = {full for full in often if is_place(full)}
    # A name the tagger reads as a person's (金川市) is a place when the text lists it beside two
    # places (「金川市、平谷区」, 「东城区、金川市」): a gazette names its counties together. (Beside
    # one, 「开发区、平谷区」 would make 开发 a place.)
    places |= {full for full in often
               if sum(f"{full}、{p}" in text or f"{p}、{full}" in text for p in places) >= _PLACE_NEIGHBOURS}
    by_short: dict[str, list[str]] = {}
    for full in often:
        if full in places:
            by_short.setdefault(full[:2], []).append(full)
    return {short: fulls[0] for short, fulls in by_short.items() if len(fulls) == 1}


def expand_places(question: str, aliases: dict[str, str]) -> str:
    """The question with a short place name that stands alone written in full (「平谷的呢」 → 平谷区)."""
    for short, full in aliases.items():
        if short in question:
            question = re.sub(re.escape(short) + r"(?![县区市])" + _ALONE, full, question)
    return question
