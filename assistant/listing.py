"""A sentence that introduces a list, read together with the items that follow it.

Government text states many answers as 「应采取以下措施：」 or 「有下列情形之一的，…修订：」
followed by numbered items on lines of their own, and the chunker may put those items in
the next passage. The introduction alone answers nothing; with its items it answers "what
measures", "in which cases" and "what steps" questions. The span is read from the issue's
source text, so the quote stays verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from corpus.sentences import MEMBER_LINE, continues_member_line

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
    lines = _with_following_lines(source, sentence, lo, hi, lambda line: bool(LIST_ITEM.match(line)))
    if lines is None or len(lines) < 3:  # one numbered line after a colon is a sub-heading, not a list
        return None
    return ListSpan(text="".join(_BULLET.sub("", line) for line in lines), quote="\n".join(lines), items=len(lines) - 1)


def labelled_members(source: str, sentence: str, lo: int, hi: int) -> ListSpan | None:
    """「副主任：张某 …」 with the unlabelled member lines under it (「王某 市教育局局长」): a
    list's label holds for every line up to the next label, so the lines answer together."""
    sentence = sentence.strip()
    found = MEMBER_LINE.match(sentence)
    if not found or not found.group("label"):
        return None

    def unlabelled_member(line: str) -> bool:
        member = MEMBER_LINE.match(line)
        return member is not None and not member.group("label")

    lines = _with_following_lines(source, sentence, lo, hi, unlabelled_member)
    if lines is None or len(lines) < 2:
        return None
    return ListSpan(text="；".join(line.replace("\n", "") for line in lines), quote="\n".join(lines), items=len(lines))


def _with_following_lines(source: str, sentence: str, lo: int, hi: int,
                          belongs: Callable[[str], bool]) -> list[str] | None:
    """``sentence`` (found in ``source[lo:hi]``) and the lines after it that ``belongs`` accepts,
    up to the first it does not, MAX_ITEMS lines or MAX_CHARS; None when it is not found. A member
    line wrapped in the source is one item, with its line break (the quote stays verbatim)."""
    start = source.find(sentence, lo, max(hi, lo) + len(sentence))
    end = start + len(sentence)
    if start < 0:  # a member line wrapped over two lines in the source (``unwrap_member_lines``)
        found = re.compile(r"\s*".join(map(re.escape, sentence))).search(source, lo, max(hi, lo) + 2 * len(sentence))
        if found is None:
            return None
        start, end = found.span()
    lines, pos = [source[start:end]], end
    while (nxt := _next_line(source, pos)) is not None:
        line = source[nxt[0]:nxt[1]].strip()
        if continues_member_line(line, lines[-1]):  # the last line's post goes on (「…管理公」「司董事长」)
            lines[-1] = f"{lines[-1]}\n{line}"
            pos = nxt[1]
            continue
        if len(lines) > MAX_ITEMS or not belongs(line) or nxt[1] - start > MAX_CHARS:
            break
        lines.append(line)
        pos = nxt[1]
    return lines


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
