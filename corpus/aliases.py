"""Short names people use for routes the gazette spells out in full.

Chinese roads and railways are called by the first character of each end: 大同至运城高速公路
is 「大运高速」, 北京至哈尔滨高铁 is 「京哈高铁」. The gazette uses the full form, so a
question with the short one would miss it; ``route_aliases`` lists the short forms found
in a text and ``expand_aliases`` writes them out in a question.
"""

from __future__ import annotations

import re

# Up to four characters before 至 (a place name and maybe a word before it), two to four after.
_ROUTE = re.compile(r"([\u4e00-\u9fff]{1,4})至([\u4e00-\u9fff]{2,4}?)(高速公路|高速|高铁|铁路)")
_PLACE_SUFFIX = "县市区省"


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
