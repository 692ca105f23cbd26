"""Sentences of a passage: the units an answer quotes, and the index embeds one by one.

The one sentence splitter of the project (``split_sentences``). Its callers differ on purpose in
what ends a piece, and say so by name: a passage is cut into units at clauses too (；), a
model's answer at half-width marks (!?) and line breaks too; the text shown to a user only at
the marks that end a sentence (。！？).
"""

from __future__ import annotations

import re
from functools import cache

from corpus.text import compact

MIN_CHARS = 4  # shorter pieces (「二、」, 「附件」) state nothing
FULL_STOPS = "。！？"  # end a sentence
CLAUSE_STOP = "；"  # ends a clause that states something on its own (an item of a list of duties)
HALF_WIDTH_STOPS = "!?"  # what a language model or a user may write instead of ！？


def split_sentences(text: str, *, clauses: bool = False, half_width: bool = False,
                    lines: bool = False) -> list[str]:
    """``text`` cut after every mark that ends a sentence (。！？), losslessly: the pieces,
    each ending with its mark, joined give ``text`` back (the last may be empty).

    ``clauses``: also after ；. ``half_width``: also after ! and ?. ``lines``: also after a
    line break.
    """
    return _after(clauses, half_width, lines).split(text)


@cache
def _after(clauses: bool, half_width: bool, lines: bool) -> re.Pattern[str]:
    ends = FULL_STOPS + (CLAUSE_STOP if clauses else "") + (HALF_WIDTH_STOPS if half_width else "")
    line_end = r"\n" if lines else ""
    return re.compile(f"(?<=[{re.escape(ends)}{line_end}])")


# A member line of a list: 「副组长：李某 市政府办二级调研员」 (with its list's label) or 「郭某
# 市委政法委副书记」 (without); two-character names are padded with a space (「高 宇」).
MEMBER_LINE = re.compile(r"^(?:(?P<label>[^：]{1,8})：)?\s*"
                         r"(?P<name>[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,2})(?:（兼）)?"
                         r"\s+(?P<post>[\u4e00-\u9fff（）、]{3,30})$")
# The end of a post wrapped onto a line of its own by a narrow column: 「文某 市规划和自然资源局」
# then 「局长」, 「赵某 临川高速公路管理公」 then 「司董事长」.
_POST_TAIL = re.compile(r"^[\u4e00-\u9fff]{1,7}[长员任记理]$")
_POST_END = "长员任记理师"  # a post that ends so is whole (副市长, 调研员): the next line is no part of it
_HEADING = re.compile(r"^第[一二三四五六七八九十百\d]+[章节条]")  # 「第三章 保障措施」 reads like a member line


def continues_member_line(line: str, previous: str) -> bool:
    """Whether ``line`` is the wrapped end of the member line ``previous``: a short piece ending in
    a post (局长, 司董事长) after a line whose post stops short of one (…自然资源局, …管理公)."""
    member = MEMBER_LINE.match(previous.strip())
    return (member is not None and member.group("post")[-1] not in _POST_END
            and not _HEADING.match(previous.strip()) and bool(_POST_TAIL.match(line.strip())))


def unwrap_member_lines(text: str) -> str:
    """``text`` with each wrapped member line on one line again (the line break dropped, so that
    the line without whitespace is still the source's)."""
    lines = text.split("\n")
    out = lines[:1]
    for line in lines[1:]:
        if continues_member_line(line, out[-1]):
            out[-1] = out[-1].rstrip() + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def sentences(text: str) -> list[str]:
    """The sentences and clauses ending in 。；！？ (or a line end) of ``text``, stripped; pieces
    shorter than ``MIN_CHARS`` (without whitespace) are left out. A member line wrapped over two
    lines is one piece."""
    out = []
    for piece in split_sentences(unwrap_member_lines(text), clauses=True, lines=True):
        sentence = piece.strip()
        if len(compact(sentence)) >= MIN_CHARS:
            out.append(sentence)
    return out


_MAX_CLAUSE_LIST = 240  # characters: a sentence of clauses at most this long is a unit whole too


def clause_lists(text: str) -> list[str]:
    """The sentences of ``text`` that state a list clause by clause (「坚持以人为本、预防为主；统一
    领导、分级负责；…的原则。」), on one line: asked what the list holds, the sentence answers whole,
    while each clause is a unit of its own too."""
    return [s.strip() for s in split_sentences(text, lines=True)
            if CLAUSE_STOP in s.strip()[:-1] and len(s.strip()) <= _MAX_CLAUSE_LIST]
