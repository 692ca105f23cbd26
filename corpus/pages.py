"""Estimate the printed page of every character of a document.

The text has no page markers, so pages are estimated (``page_source = "estimated"``):

1. The TOC gives each document's first page; its last page is the page before the next
   document's (the issue's last page for the last document). A document spanning pages
   S..E therefore has exactly E − S page breaks.
2. Without other evidence, breaks fall at equal shares of the document's characters.
3. Each proportional break is then snapped to the nearest page-break signal from
   ``corpus.paragraphs`` within half a page: a repeated table header or 专栏 title
   (strong) or a paragraph cut mid-sentence (weak). Strong signals win over weak ones.
   When the strong signals alone number exactly E − S, they are used as they are.
4. Breaks are kept strictly increasing, so pages never go backwards and always stay
   inside S..E.

Expected error: exact for documents whose breaks all show as repeated headers (the long
tables); elsewhere usually exact or ±1 page, because text density differs between
pages (tables, short lines and 专栏 boxes print fewer characters per page).
Sources with real page numbers (PDF) set ``page_breaks`` from the source instead and
mark ``page_source = "source"``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus.paragraphs import Paragraph

if TYPE_CHECKING:
    from corpus.model import Document
    from corpus.pdf import PageSpan


def estimate_page_breaks(paras: list[Paragraph], start: int, end: int, n_breaks: int) -> list[int]:
    """Offsets in [start, end) at which pages 2..n_breaks+1 of the document begin."""
    if n_breaks <= 0 or end <= start:
        return []
    strong = [p.start for p in paras if p.repeated]
    weak = [p.start for p in paras if p.continues]
    if len(strong) == n_breaks:
        return strong
    length = end - start
    page_len = length / (n_breaks + 1)
    breaks: list[int] = []
    for k in range(1, n_breaks + 1):
        expected = start + round(k * page_len)
        low = breaks[-1] + 1 if breaks else start + 1
        chosen = _nearest(strong, expected, page_len / 2, low)
        if chosen is None:
            chosen = _nearest(weak, expected, page_len / 2, low)
        if chosen is None:
            chosen = max(expected, low)
        chosen = min(chosen, end - (n_breaks - k) - 1)  # leave room for the breaks still to place
        breaks.append(chosen)
    return breaks


def _nearest(candidates: list[int], target: int, window: float, low: int) -> int | None:
    """The candidate closest to ``target`` within ``window``, at or after ``low`` (past the last break)."""
    best: int | None = None
    for c in candidates:
        if c < low or abs(c - target) > window:
            continue
        if best is None or abs(c - target) < abs(best - target):
            best = c
    return best


def printed_page_at(spans: tuple[PageSpan, ...], offset: int) -> PageSpan | None:
    """The page (of a PDF source) on which the character at ``offset`` stands."""
    found = None
    for span in spans:
        if span.offset > offset:
            break
        found = span
    return found


def apply_source_pages(doc: Document, spans: tuple[PageSpan, ...]) -> str | None:
    """Set a document's pages from the numbers printed in its source (``page_source = "source"``).

    Returns a warning when the 目录's start page disagrees with the printed page (the printed
    page wins: it is what a reader finds in the issue).
    """
    first = printed_page_at(spans, doc.start)
    last = printed_page_at(spans, max(doc.start, doc.end - 1))
    if first is None or first.printed is None or last is None or last.printed is None:
        return None
    toc_page = doc.start_page
    doc.start_page, doc.end_page = first.printed, max(first.printed, last.printed)
    doc.page_breaks = [s.offset for s in spans if doc.start < s.offset < doc.end and s.printed is not None]
    # page_for counts breaks: keep exactly one break per printed page after the first.
    doc.page_breaks = doc.page_breaks[:doc.end_page - doc.start_page]
    doc.page_source = "source"
    doc.ocr_pages = sorted({s.printed for s in spans if s.ocr and s.printed is not None
                            and doc.start_page <= s.printed <= doc.end_page})
    if toc_page is not None and toc_page != first.printed:
        return f"{doc.doc_number}：目录标注第{toc_page}页，正文印在第{first.printed}页（以印刷页码为准）"
    return None
