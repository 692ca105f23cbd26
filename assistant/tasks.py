"""A task in a plan, read with who carries it out.

Plans name the unit responsible for a task in brackets at the end of the task's paragraph:
「…让社会公众更多分享高速公路改革发展的红利。（责任单位：临川高速公路管理有限公司）」. Asked who
carries out the task, the sentence alone names nobody; read with that bracket, it answers. The
span is read from the issue's source text, so the quote stays verbatim.
"""

from __future__ import annotations

import re

from assistant.listing import ListSpan

# 「（责任单位：…）」, 「（牵头单位：…）」, or a bare list of offices 「（市交通局、市商务局）」, at the end.
RESPONSIBLE = re.compile(r"[（(](?:(?:责任|牵头|主责|配合)(?:单位|部门)[：:][^（()）]*"
                         r"(?:[（(][^（()）]*[）)][^（()）]*)*"
                         r"|(?:市|县|区)[\u4e00-\u9fff]{1,12}?(?:局|委|办|委员会|中心|支队)"
                         r"(?:[、，,](?:市|县|区)?[\u4e00-\u9fff]{1,12}?(?:局|委|办|委员会|中心|支队|公司|分局))*)"
                         r"[）)][。；]?\s*$")
_MAX_TASK_CHARS = 360


def with_responsible(source: str, sentence: str, lo: int, hi: int) -> ListSpan | None:
    """``sentence`` (found in ``source[lo:hi]``) with the parenthesis that names who is responsible
    for its task, when its paragraph ends in one; None otherwise.

    The quote runs from the sentence to the end of the paragraph, verbatim; the claim is the
    sentence and the parenthesis (the sentences between them, if any, are elided).
    """
    sentence = sentence.strip()
    if not sentence or RESPONSIBLE.search(sentence):
        return None
    start = source.find(sentence, lo, max(hi, lo) + len(sentence))
    if start < 0:
        return None
    end = source.find("\n", start)
    end = len(source) if end < 0 else end
    paragraph_rest = source[start:end].rstrip()
    found = RESPONSIBLE.search(paragraph_rest)
    if not found or found.start() < len(sentence) or len(paragraph_rest) > _MAX_TASK_CHARS:
        return None
    tail = found.group(0).rstrip("。；").strip()
    between = paragraph_rest[len(sentence):found.start()].strip()
    text = f"{sentence}{tail}" if not between else f"{sentence}……{tail}"
    return ListSpan(text=text, quote=paragraph_rest, items=0)
