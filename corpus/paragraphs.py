"""Split a document's text into lines ("paragraphs") and spot page-break signals.

The extracted text has one paragraph per line and no page markers. Two artefacts of
the printed page survive, and both are used to estimate pages (see ``corpus.pages``):

* a paragraph cut mid-sentence: a full-width line ending without punctuation, with the
  sentence going on in the next paragraph (``为塞上`` / ``绿都建设…``);
* a table header or 专栏 title printed again at the top of the next page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.headings import classify_heading
from corpus.text import compact

# A paragraph ending in one of these finished its sentence (or is a label).
_TERMINAL = "。；：！？!?:;）)”」》】…—"
# Lines shorter than this are labels, names, dates — not prose that can be cut — unless they
# already hold a sentence mark and stop mid-sentence: in plain text that is a paragraph cut by
# the end of a printed page (「合理配置，加强调控。按照“用足黄河水、用」); no other cut leaves it so.
_MIN_CUT_LEN = 24
_PROSE_MARK = re.compile(r"[，。；]")
_LABELLED = re.compile(r"^[^，。；：]{1,15}：")


@dataclass
class Paragraph:
    start: int
    end: int
    text: str
    is_table: bool
    # True when the previous paragraph was cut mid-sentence and this one continues it.
    continues: bool = False
    # True when this line repeats an earlier table header or heading (printed again on a new page).
    repeated: bool = False


def split_paragraphs(text: str, start: int, end: int, laid_out: bool = False) -> list[Paragraph]:
    """The non-blank lines of ``text[start:end]`` with offsets and page-break flags.

    ``laid_out``: the reader already joined each paragraph's lines by their layout (a PDF), so a
    short line ended its paragraph; in plain text a short line with a sentence mark in it may
    be the last line of a page.
    """
    paras: list[Paragraph] = []
    pos = start
    for line in text[start:end].split("\n"):
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        stripped = line.strip()
        if not stripped:
            continue
        # A line with a tab is a table row, unless the tab only trails it (a TOC artefact).
        # Table rows keep their leading and trailing tabs: those are empty cells.
        if "\t" in stripped or line.startswith("\t"):
            paras.append(Paragraph(line_start, line_end, line.rstrip(" "), True))
            continue
        lead = len(line) - len(line.lstrip())
        paras.append(Paragraph(line_start + lead, line_start + lead + len(stripped), stripped, False))
    _mark_signals(paras, laid_out)
    return paras


def _is_cut(prev: Paragraph, nxt: Paragraph, laid_out: bool) -> bool:
    if prev.is_table or nxt.is_table or prev.text[-1] in _TERMINAL:
        return False
    if len(prev.text) < _MIN_CUT_LEN and (laid_out or not _PROSE_MARK.search(prev.text)):
        return False
    # 「4A 级景区（3 个）：…」 then 「3A 级景区（3 个）：…」: items of a labelled list, not a cut.
    if _LABELLED.match(prev.text) and _LABELLED.match(nxt.text):
        return False
    # A heading line is never cut; a numbered paragraph (「（一）提高认识，加强领导。…」) can be.
    for para in (prev, nxt):
        heading = classify_heading(para.text)
        if heading and not heading.is_paragraph:
            return False
    return True


def _mark_signals(paras: list[Paragraph], laid_out: bool) -> None:
    # The first row of each table block is its header; a later row equal to a known
    # header is that header printed again on a new page.
    headers: set[str] = set()
    boxes: set[str] = set()
    for i, para in enumerate(paras):
        prev = paras[i - 1] if i else None
        if prev is not None and _is_cut(prev, para, laid_out):
            para.continues = True
        if para.is_table:
            key = compact(para.text)
            if key in headers:
                para.repeated = True
            elif prev is None or not prev.is_table:
                headers.add(key)
            elif _second_header_row(paras, i):
                headers.add(key)
        elif para.text.startswith("专栏"):
            if para.text in boxes:
                para.repeated = True
            boxes.add(para.text)


def _second_header_row(paras: list[Paragraph], i: int) -> bool:
    """Whether table row ``i`` is the lower row of a two-row header (「年度压减计划」 over 「2021年 …」):
    the row above is the table's first row, has empty cells, and this row's first cell is empty.
    Printed again on a new page, it is a header too, not a 子项 of the row before the break."""
    if i < 1 or not paras[i - 1].is_table or (i >= 2 and paras[i - 2].is_table):
        return False
    above = paras[i - 1].text.split("\t")
    return "" in [c.strip() for c in above[1:]] and not paras[i].text.split("\t")[0].strip()
