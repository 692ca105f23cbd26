"""Parse an issue's table of contents (目录): category, title, 文号 and start page per document."""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.docnumber import DOC_NUMBER_RE, normalize_doc_number
from corpus.model import TocEntry
from corpus.text import compact

_TOC_HEAD = re.compile(r"^\s*目\s*录\s*$", re.M)
_CATEGORY = re.compile(r"^\s*【(?P<name>[^】]+)】\s*$")
# 「临政发〔2022〕20号 1」 or with a tab: the 文号 then the start page.
_ENTRY_TAIL = re.compile(r"^(?P<number>.+?号)[\s\t]+(?P<page>\d{1,4})\s*$")
# Lines of title text allowed to pile up before a 文号 line ends the entry.
_MAX_TITLE_LINES = 3


@dataclass(frozen=True)
class Toc:
    entries: list[TocEntry]
    end: int  # offset just past the TOC; document bodies start after it


def parse_toc(text: str) -> Toc | None:
    """Read the 目录 near the start of the issue. Returns None when there is none."""
    head = _TOC_HEAD.search(text[:20000])
    if not head:
        return None
    entries: list[TocEntry] = []
    category = ""
    title_lines: list[str] = []
    pos = head.end() + 1
    end = pos
    for line in text[head.end() + 1:].split("\n"):
        line_end = pos + len(line)
        pos = line_end + 1
        stripped = line.strip()
        if not stripped:
            continue
        cat = _CATEGORY.match(stripped)
        if cat:
            category, title_lines = cat.group("name").strip(), []
            continue
        tail = _ENTRY_TAIL.match(stripped)
        # normalize_doc_number is None exactly when the tail holds no 文号.
        number = normalize_doc_number(tail.group("number")) if tail else None
        if tail and number is not None and title_lines:
            entries.append(TocEntry(category, "".join(title_lines), number, int(tail.group("page"))))
            title_lines, end = [], line_end
            continue
        if len(title_lines) >= _MAX_TITLE_LINES or DOC_NUMBER_RE.search(stripped):
            break  # body text: the TOC is over
        title_lines.append(compact(stripped))
    if not entries:
        return None
    return Toc(entries=entries, end=end)
