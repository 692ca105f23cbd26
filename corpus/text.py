"""Text normalisation shared by every layer (one home for each helper).

``compact`` is how the project compares text regardless of layout: a quote is verbatim when its
compact form is in the compact source, since page breaks, line wraps and table cells put
whitespace where the printed sentence has none.
"""

from __future__ import annotations

import re

_WHITESPACE = re.compile(r"\s+")


def compact(text: str) -> str:
    """``text`` without any whitespace (spaces, line breaks, full-width spaces)."""
    return _WHITESPACE.sub("", text)
