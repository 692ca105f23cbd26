"""Recognise the heading levels Chinese government documents use.

Levels (smaller = higher): 附件 and embedded plan titles 0, 第X章 1, 第X节 2,
一、 3, （一） 4, 1. 5, (1) 6; a 专栏 box sits inside the section it is printed in
(``HeadingPath.open_box``). Plans written in decimal style
(``1 总则``, ``1.1 编制目的``, ``2.3.1 综合协调组``) map their depth onto 1–4.

A numbered line is a heading when its first sentence is short — 「（四）加强督导，严格考核。
各地要…」 is headed 「（四）加强督导，严格考核」 — and a numbered paragraph otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN_NUM = "一二三四五六七八九十百零〇"

_PATTERNS: list[tuple[int, re.Pattern[str]]] = [
    (0, re.compile(r"^附件\s*[0-9０-９]*\s*$")),
    (1, re.compile(rf"^第[{_CN_NUM}]+章\s*\S")),
    (2, re.compile(rf"^第[{_CN_NUM}]+节\s*\S")),
    (3, re.compile(rf"^[{_CN_NUM}]+、\s*\S")),
    (3, re.compile(r"^专栏\s*[0-9０-９]+(?:-[0-9]+)?\s*[：:]?\s*\S")),
    (4, re.compile(rf"^[（(][{_CN_NUM}]+[）)]\s*\S")),
    (5, re.compile(r"^[0-9]{1,2}[.．、]\s*[^\d\s]")),
    (6, re.compile(r"^[（(][0-9]{1,2}[）)]\s*\S")),
]
_DECIMAL = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\s+(\S.{0,24})$")
# The first sentence of a heading ends here; anything longer is a numbered paragraph.
_LABEL_END = re.compile(r"[。：:]")
MAX_LABEL = 30


@dataclass(frozen=True)
class Heading:
    level: int
    label: str  # what goes into the heading path
    is_paragraph: bool  # numbered paragraph (boundary but also body text)


def classify_heading(line: str) -> Heading | None:
    """Return the heading this line starts, or None for body text."""
    text = line.strip()
    if not text or "\t" in text:
        return None
    m = _DECIMAL.match(text)
    if m and not _LABEL_END.search(m.group(2)) and not re.search(r"[，,；]", m.group(2)):
        depth = m.group(1).count(".") + 1
        return Heading(level=depth, label=text, is_paragraph=False)
    for level, pattern in _PATTERNS:
        if pattern.match(text):
            return _make(level, text)
    return None


_NUMBER = re.compile(rf"^\s*(?:第[{_CN_NUM}]+[章节]|[{_CN_NUM}]+、|[（(][{_CN_NUM}0-9０-９]+[）)]"
                     r"|专栏\s*[0-9０-９]+(?:-[0-9]+)?\s*[：:]?"
                     # 「1.3 工作原则」, 「2.3.1综合协调组」: the whole number, and not a count (「10 个项目」,
                     # 「1.5 万人」); a number of three levels is never one (「2.3.7 人员安置组」)
                     r"|\d{1,2}(?:\.\d{1,2}){2,3}(?:[.．、](?!\d)|\s+)"
                     r"|\d{1,2}(?:\.\d{1,2}){0,3}(?:[.．、](?!\d)|\s+)(?![个项天年万%％人]))\s*")


def heading_name(label: str) -> str:
    """A heading's words without its number: 「第二节 基本原则」, 「（二）基本原则。」 and
    「1.3 工作原则」 name 基本原则 and 工作原则."""
    return _NUMBER.sub("", label).rstrip("。：: ") or label


def run_in_title(text: str) -> str:
    """The title a numbered paragraph opens with (「38. 完善行政审批容缺受理制度。全面推进…」 →
    「38. 完善行政审批容缺受理制度」): what its other sentences are about, though they seldom
    repeat it. "" when the text opens with none, or with a long first sentence."""
    heading = classify_heading(text.lstrip().split("\n", 1)[0])
    if heading is None or not heading.is_paragraph or heading.label.endswith("…"):
        return ""
    return heading.label


def _make(level: int, text: str) -> Heading | None:
    if text.startswith("专栏"):  # 「专栏1：…」: the colon belongs to the box's title
        return Heading(level=level, label=text[:MAX_LABEL], is_paragraph=False)
    m = _LABEL_END.search(text)
    first = text[: m.start()] if m else text
    if len(first) <= MAX_LABEL:
        rest = text[m.end():].strip() if m else ""
        return Heading(level=level, label=first.strip(), is_paragraph=bool(rest))
    if level >= 5:
        # 「1. 对于审批程序复杂、专业要求高…」: a numbered paragraph, not a heading.
        return Heading(level=level, label=text[:MAX_LABEL].rstrip("，、") + "…", is_paragraph=True)
    return Heading(level=level, label=text[:MAX_LABEL] + "…", is_paragraph=True)


def is_plan_title(line: str) -> bool:
    """A short unpunctuated line naming an embedded plan (…方案/规划/预案/办法/目录…)."""
    text = line.strip()
    return (
        4 <= len(text) <= 40
        and not re.search(r"[，。；：:、]", text)
        and bool(re.search(r"(方案|规划|预案|办法|目录|细则|规定|意见|计划|标准|清单|表|制度)"
                           r"[）)]?\s*(（\S+）)?$", text))
    )


# A 专栏 box stands inside the section it is printed in: its numbered items (1. / (1)) go under it,
# and the section's next （二） or 二、 closes it.
BOX_LEVEL = 4.5
_ITEM_NUMBER = re.compile(r"^\s*[（(]?(\d{1,2})[）)．.、]")


class HeadingPath:
    """A stack of open headings; ``push`` closes those at the same or a lower level."""

    def __init__(self) -> None:
        self._stack: list[tuple[float, str]] = []
        self._box_next: int | None = None  # the number a box's next item has, while a box is open
        self._box_style: str | None = None  # 「1.」 or 「(1)」: how the open box numbers its items

    def push(self, level: float, label: str) -> None:
        if level > BOX_LEVEL:
            self.item(label)
        while self._stack and self._stack[-1][0] >= level:
            if self._stack[-1][0] == BOX_LEVEL:
                self._box_next = None
            self._stack.pop()
        self._stack.append((level, label))

    def item(self, label: str) -> None:
        """A numbered item or paragraph (「1. …」, 「(2) …」) starts. Inside a box, only the box's own
        items, numbered from 1 on in the style of its first, belong to it; 「4. 强化…」 after a box
        printed between items 3 and 4 of the section is the section's, and closes the box. An
        item of another style (「(1)」 under 「1.」) is a sub-item and stays in the box."""
        number = _ITEM_NUMBER.match(label)
        if self._box_next is None or not number:
            return
        style = "paren" if number.group(0).lstrip()[0] in "（(" else "dot"
        if self._box_style is None and int(number.group(1)) == 1:
            self._box_style = style
        if self._box_style is not None and style != self._box_style:
            return
        if int(number.group(1)) == self._box_next:
            self._box_next += 1
        else:
            self.close_box()

    def open_box(self, label: str) -> None:
        """A 专栏 box (「专栏 2 “承诺制+标准地+全代办”改革工程」) inside the open section."""
        self.close_box()
        self.push(BOX_LEVEL, label)
        self._box_next, self._box_style = 1, None

    def close_box(self) -> None:
        if self._box_next is None:
            return
        while self._stack and self._stack[-1][0] != BOX_LEVEL:
            self._stack.pop()
        if self._stack:
            self._stack.pop()
        self._box_next = None

    def reset(self, label: str | None = None) -> None:
        self._stack = [(0, label)] if label else []
        self._box_next = None

    def __str__(self) -> str:
        return " › ".join(label for _, label in self._stack)
