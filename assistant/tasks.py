"""A task in a plan, read with who carries it out.

Plans name the unit responsible for a task in brackets at the end of the task's paragraph:
「…让社会公众更多分享高速公路改革发展的红利。（责任单位：临川高速公路管理有限公司）」. Asked who
carries out the task, the sentence alone names nobody; read with that bracket, it answers. The
span is read from the issue's source text, so the quote stays verbatim.
"""

from __future__ import annotations

import re

from assistant.listing import ListSpan
from corpus.text import compact

# 「（责任单位：…）」, 「（牵头单位：…）」, or a bare list of offices 「（市交通局、市商务局）」, at the end.
RESPONSIBLE = re.compile(r"[（(](?:(?:责任|牵头|主责|配合)(?:单位|部门)[：:][^（()）]*"
                         r"(?:[（(][^（()）]*[）)][^（()）]*)*"
                         r"|(?:市|县|区)[\u4e00-\u9fff]{1,12}?(?:局|委|办|委员会|中心|支队)"
                         r"(?:[、，,](?:市|县|区)?[\u4e00-\u9fff]{1,12}?(?:局|委|办|委员会|中心|支队|公司|分局))*)"
                         r"[）)][。；]?\s*$")
_MAX_TASK_CHARS = 360
_MAX_BREAKS = 2
# A line that only names who is responsible for the task above it.
_RESPONSIBLE_OPEN = re.compile(r"[（(](?:责任|牵头|主责|配合)(?:单位|部门)[：:]")
_RESPONSIBLE_LINE = re.compile(r"^\s*" + _RESPONSIBLE_OPEN.pattern)
_NUMBERED_TASK = re.compile(r"^\s*\d{1,2}\s*[.．、]\s*\S")  # 「3. 网络货运交通运输业…」
_MAX_SIBLINGS = 4


def with_responsible(source: str, sentence: str, lo: int, hi: int) -> ListSpan | None:
    """``sentence`` (found in ``source[lo:hi]``) with the parenthesis that names who is responsible
    for its task, when its paragraph ends in one; None otherwise.

    The parenthesis may stand after a break: a page break inside it (「…、市政府金」 / 「融办）」), or
    a line of its own after the task's paragraph. The quote runs from the sentence to the end
    of the parenthesis, verbatim; the claim is the sentence and the parenthesis (the sentences
    between them, if any, are elided).
    """
    sentence = sentence.strip()
    if not sentence or RESPONSIBLE.search(sentence):
        return None
    start = source.find(sentence, lo, max(hi, lo) + len(sentence))
    if start < 0:
        return None
    end = _task_end(source, start)
    task = source[start:end].rstrip()
    found = RESPONSIBLE.search(task)
    if not found or found.start() < len(sentence) or len(compact(task)) > _MAX_TASK_CHARS:
        return None
    tail = compact(found.group(0)).rstrip("。；")
    between = compact(task[len(sentence):found.start()])
    text = f"{sentence}{tail}" if not between else f"{sentence}……{tail}"
    return ListSpan(text=text, quote=task, items=0)


def _task_end(source: str, start: int) -> int:
    """Where the task that starts at ``start`` ends: the end of its line, or of the line after a
    break when a parenthesis is still open or the next line is only the responsible units."""
    end = _line_end(source, start)
    for _ in range(_MAX_BREAKS):
        following = source[end:].lstrip()
        if not following:
            break
        after = len(source) - len(following)
        next_end = _line_end(source, after)
        line = source[after:next_end]
        opened = source.rfind("（", start, end)
        # a responsible parenthesis broken by the page (「（责任单位：…、市政府金」), not any bracket
        still_open = (source.count("（", start, end) > source.count("）", start, end)
                      and _RESPONSIBLE_OPEN.match(source, opened) is not None)
        if not (still_open or _RESPONSIBLE_LINE.match(line)):
            break
        end = next_end
        if RESPONSIBLE.search(source[start:end]):
            break
    if RESPONSIBLE.search(source[start:end]):
        return end
    # Numbered tasks in a run (「2. …」 「3. …」) may share one parenthesis after the last of them;
    # a task of the run with a parenthesis of its own ends the run (the one after is not shared).
    if not _NUMBERED_TASK.match(source[source.rfind("\n", 0, start) + 1:end]):
        return end
    probe = end
    for _ in range(_MAX_SIBLINGS):
        following = source[probe:].lstrip()
        after = len(source) - len(following)
        line_end = _line_end(source, after)
        line = source[after:line_end]
        if following and _RESPONSIBLE_LINE.match(line):
            return line_end
        if not following or not _NUMBERED_TASK.match(line) or RESPONSIBLE.search(line):
            break
        probe = line_end
    return end


def _line_end(source: str, at: int) -> int:
    end = source.find("\n", at)
    return len(source) if end < 0 else end
