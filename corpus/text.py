"""Text normalisation shared by every layer (one home for each helper).

``compact`` is how the project compares text regardless of layout: a quote is verbatim when its
compact form is in the compact source, since page breaks, line wraps and table cells put
whitespace where the printed sentence has none. ``iso_date`` and ``ISSUE_NUMBER`` read the two
identifiers a gazette is dated and numbered by, wherever they are written (a cover, a web page's
metadata, a question).
"""

from __future__ import annotations

import re

_WHITESPACE = re.compile(r"\s+")


def compact(text: str) -> str:
    """``text`` without any whitespace (spaces, line breaks, full-width spaces)."""
    return _WHITESPACE.sub("", text)

_DATE = re.compile(r"(20\d\d)\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
# 「2022年第5期」: an issue's year and number.
ISSUE_NUMBER = re.compile(r"(?P<year>20\d\d)\s*年?\s*第\s*(?P<no>\d+)\s*期")


def iso_date(text: str | None) -> str | None:
    """The first date in ``text`` (2022年9月6日, 2022-09-06, 2022/9/6) as ISO, or None."""
    m = _DATE.search(text or "")
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else None
