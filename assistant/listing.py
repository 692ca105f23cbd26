"""A sentence that introduces a list, read together with the items that follow it.

Government text states many answers as 「应采取以下措施：」 or 「有下列情形之一的，…修订：」
followed by numbered items on lines of their own, and the chunker may put those items in
the next passage. The introduction alone answers nothing; with its items it answers "what
measures", "in which cases" and "what steps" questions. The span is read from the issue's
source text, so the quote stays verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# （1） 1. 1、 ① （一）, possibly after a bullet (「- (1) 抢救…」), or a bullet alone: the item
# markers of lists in the gazette's text.
LIST_ITEM = re.compile(r"^\s*(?:[-•·]\s*)?(?:[（(]\d{1,2}[）)]|\d{1,2}[.．、](?!\d)|[①-⑳]|[（(][一二三四五六七八九十]{1,3}[）)])"
                       r"|^\s*[-•·]\s+\S")
_BULLET = re.compile(r"^\s*[-•·]\s*")
INTRODUCES = ("：", ":")
MAX_ITEMS = 8
MAX_CHARS = 420


@dataclass(frozen=True)
class ListSpan:
    text: str  # the introduction and its items as one claim, without line breaks
    quote: str  # its lines as the source has them (blank lines between them left out)
    items: int


def introduced_items(source: str, sentence: str, lo: int, hi: int) -> ListSpan | None:
    """The items that follow ``sentence`` (found in ``source[lo:hi]``) when it ends in a colon
    and numbered lines follow it; None otherwise."""
    sentence = sentence.strip()
    if not sentence.endswith(INTRODUCES):
        return None
    start = source.find(sentence, lo, max(hi, lo) + len(sentence))
    if start < 0:
        return None
    lines: list[str] = [sentence]
    pos = start + len(sentence)
    while len(lines) <= MAX_ITEMS:
        nxt = _next_line(source, pos)
        if nxt is None:
            break
        line_start, line_end = nxt
        line = source[line_start:line_end].strip()
        if not LIST_ITEM.match(line) or line_end - start > MAX_CHARS:
            break
        lines.append(line)
        pos = line_end
    if len(lines) < 3:  # one numbered line after a colon is a sub-heading, not a list
        return None
    return ListSpan(text="".join(_BULLET.sub("", line) for line in lines), quote="\n".join(lines), items=len(lines) - 1)


def _next_line(source: str, pos: int) -> tuple[int, int] | None:
    """The start and end of the next non-empty line after ``pos`` (blank lines skipped)."""
    while pos < len(source):
        newline = source.find("\n", pos)
        if newline < 0:
            return None
        start = newline + 1
        end = source.find("\n", start)
        end = len(source) if end < 0 else end
        if source[start:end].strip():
            return start, end
        pos = end
    return None


# 「…让社会公众更多分享高速公路改革发展的红利。（责任单位：朔州高速公路管理有限公司）」 and
# 「…加快优质企业股改、挂牌和上市步伐，（市金融办）」: a plan names who carries out a task in
# parentheses at the end of the task's paragraph.
RESPONSIBLE = re.compile(r"[（(](?:(?:责任|牵头|主责|配合)(?:单位|部门)[：:][^（()）]*(?:[（(][^（()）]*[）)][^（()）]*)*"
                          r"|(?:市|县|区)[\u4e00-\u9fff]{1,12}?(?:局|委|办|委员会|中心|支队)(?:[、，,](?:市|县|区)?[\u4e00-\u9fff]{1,12}?"
                          r"(?:局|委|办|委员会|中心|支队|公司|分局))*)[）)][。；]?\s*$")
MAX_TASK_CHARS = 360


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
    if not found or found.start() < len(sentence) or len(paragraph_rest) > MAX_TASK_CHARS:
        return None
    tail = found.group(0).rstrip("。；").strip()
    between = paragraph_rest[len(sentence):found.start()].strip()
    text = f"{sentence}{tail}" if not between else f"{sentence}……{tail}"
    return ListSpan(text=text, quote=paragraph_rest, items=0)
