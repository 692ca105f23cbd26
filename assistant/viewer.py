"""The source viewer: one document of the gazette as a readable HTML page (an adapter: the
service hands over the document's data, ``AskService.source_document``, and this renders it).

The page shows the title, 文号, issuer, date and issue; the printed page where each page begins
as a marker in the margin (「第125页」, anchor ``#p125``); headings as anchors; and, given a
quote, every place the quote stands, highlighted (``<mark>``). The quote is matched without
regard to whitespace, since a quote may run across a line or page break. A PDF issue's pages
link to the original file at that page. The page loads only this service's own stylesheet and
script (``/static/viewer.css``, ``/static/viewer.js``), so it passes the served pages' CSP.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote as url_quote

from assistant.answer import OCR_NOTE
from corpus.headings import classify_heading
from corpus.text import compact_with_offsets
from corpus.web import web_address

# More highlights than this are not useful (a very short quote matches everywhere).
MAX_HIGHLIGHTS = 20
_SPACE = re.compile(r"\s")
_ELLIPSIS = re.compile(r"…+|\.{3,}")


@dataclass(frozen=True)
class Insert:
    """Something placed before the character at ``offset`` of the document text: a page
    marker's markup, or where a highlight opens (its attributes) or closes."""

    offset: int
    kind: Literal["close", "marker", "open"]  # the order at one offset: close, then marker, then open
    markup: str = ""
    ident: str = ""  # the id of a highlight's first piece

    @property
    def order(self) -> int:
        return ("close", "marker", "open").index(self.kind)


def find_quote(text: str, quote: str) -> list[tuple[int, int]]:
    """Where ``quote`` stands in ``text``: (start, end) offsets, whitespace ignored on both sides.
    A quote shortened with 「……」 is found by its longest part."""
    parts = [p for p in _ELLIPSIS.split(quote) if _SPACE.sub("", p)]
    if not parts:
        return []
    probe = _SPACE.sub("", max(parts, key=lambda p: len(_SPACE.sub("", p))))
    compact, positions = compact_with_offsets(text)
    found: list[tuple[int, int]] = []
    at = compact.find(probe)
    while at >= 0 and len(found) < MAX_HIGHLIGHTS:
        found.append((positions[at], positions[at + len(probe) - 1] + 1))
        at = compact.find(probe, at + len(probe))
    return found


def page_of(start_page: int | None, breaks: list[int], offset: int) -> int | None:
    """The printed page of the character at ``offset`` (breaks: offsets where later pages begin)."""
    if start_page is None:
        return None
    return start_page + sum(1 for b in breaks if offset >= b)


def document_page(doc: dict, quote: str | None = None) -> str:
    """The viewer page of ``doc`` (``AskService.source_document``), with ``quote`` highlighted."""
    text: str = doc["text"]
    start_page: int | None = doc.get("start_page")
    breaks: list[int] = doc.get("page_breaks") or []
    estimated = doc.get("page_source") == "estimated"
    pdf_pages: dict[int, int] = doc.get("pdf_pages") or {}
    pdf_base = f"/files/{url_quote(doc['issue_id'], safe='')}.pdf" if pdf_pages else None
    ocr_pages: list[int] = doc.get("ocr_pages") or []

    inserts: list[Insert] = []
    if start_page is not None:
        for number, offset in [(start_page, 0)] + [(start_page + i + 1, b) for i, b in enumerate(breaks)]:
            inserts.append(Insert(offset, "marker", _marker(number, estimated, pdf_base, pdf_pages.get(number),
                                                            number in ocr_pages)))
    highlights = find_quote(text, quote) if quote else []
    for k, (a, b) in enumerate(highlights):
        page = page_of(start_page, breaks, a)
        attrs = f" data-page='{page}'" if page else ""
        inserts.append(Insert(a, "open", attrs, ident=f"q{k}"))
        inserts.append(Insert(b, "close"))
    body = _body(text, sorted(inserts, key=lambda i: (i.offset, i.order)))

    title = html.escape(doc.get("title") or doc["doc_number"])
    facts = [("文号", doc["doc_number"]), ("发文机关", doc.get("issuer")), ("成文日期", doc.get("date")),
             ("期次", doc.get("issue_label")), ("页码", _pages_label(doc))]
    meta = "".join(f"<dt>{name}</dt><dd>{html.escape(str(value))}</dd>" for name, value in facts if value)
    notes = []
    if estimated:
        notes.append("<p class='note estimated'>页码为估算：原文本没有页码标记，页码按文字位置推算，可能相差一页。</p>")
    if ocr_pages:
        pages = "、".join(f"第{n}页" for n in ocr_pages)
        notes.append(f"<p class='note ocr'>{pages}是扫描页：{OCR_NOTE}。</p>")
    if doc.get("page_source") == "none" and start_page is None:
        notes.append("<p class='note'>此来源没有页码。</p>")
    if quote and not highlights:
        notes.append(f"<p class='note missing'>未在本文件中找到引文「{html.escape(quote[:60])}」。</p>")
    elif quote:
        notes.append(f"<p class='note found'>引文已高亮（共 {len(highlights)} 处）。</p>")
    links = []
    if pdf_base and start_page in pdf_pages:
        links.append(f"<a id='pdf-link' href='{pdf_base}#page={pdf_pages[start_page]}' target='_blank' rel='noopener'>"
                     "打开原版 PDF</a>")
    if web_address(doc.get("url")):
        links.append(f"<a href='{html.escape(doc['url'])}' target='_blank' rel='noopener noreferrer'>打开原网页</a>")
    links.append("<a href='/'>返回问答</a>")
    return _page(f"{title} · {html.escape(doc['doc_number'])}",
                 f"<header><h1>{title}</h1><dl>{meta}</dl>{''.join(notes)}"
                 f"<nav>{' · '.join(links)}</nav></header><article id='text'>{body}</article>")


def not_found_page(doc_number: str) -> str:
    """The page for a 文号 that is not indexed."""
    return _page("未找到文件", f"<header><h1>未找到文件</h1><p>公报中没有文号为「{html.escape(doc_number)}」的文件。"
                             "请检查文号，或<a href='/'>返回问答</a>查找。</p></header>")


def message_page(title: str, message: str) -> str:
    """A page that only says something (e.g. the index is not ready)."""
    return _page(title, f"<header><h1>{html.escape(title)}</h1><p>{html.escape(message)}</p></header>")


def _pages_label(doc: dict) -> str | None:
    first, last = doc.get("start_page"), doc.get("end_page")
    if first is None:
        return None
    label = f"第{first}页" if last in (None, first) else f"第{first}–{last}页"
    return label + ("（估算）" if doc.get("page_source") == "estimated" else "")


def _marker(number: int, estimated: bool, pdf_base: str | None, pdf_page: int | None, ocr: bool = False) -> str:
    title = " title='页码为估算'" if estimated else (f" title='{OCR_NOTE}'" if ocr else "")
    pdf = f" data-pdf='{pdf_base}#page={pdf_page}'" if pdf_base and pdf_page else ""
    label = f"第{number}页" + ("（OCR）" if ocr else "")
    return f"<a class='pg{' ocr' if ocr else ''}' id='p{number}' href='#p{number}'{title}{pdf}>{label}</a>"


def _body(text: str, inserts: list[Insert]) -> str:
    """The text line by line, with the inserts placed; a highlight crossing lines is closed at
    each line's end and opened again on the next, so the markup stays well nested."""
    out: list[str] = []
    pos, i, open_attrs, heading_no = 0, 0, None, 0
    for line in text.split("\n"):
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        stripped = line.strip()
        if not stripped:
            continue
        cursor = line_start + len(line) - len(line.lstrip(" \u3000"))  # a table row keeps its leading tabs
        pieces = [f"<mark class='quote'{open_attrs}>"] if open_attrs is not None else []
        while i < len(inserts) and inserts[i].offset < line_end:
            ins = inserts[i]
            at = max(ins.offset, cursor)  # an insert in the blank lines before goes to the line's start
            pieces.append(_text(text[cursor:at]))
            cursor = at
            if ins.kind == "open":
                open_attrs = ins.markup
                pieces.append(f"<mark class='quote' id='{ins.ident}'{ins.markup}>")
            elif ins.kind == "close":
                open_attrs = None
                pieces.append("</mark>")
            else:
                pieces.append(ins.markup)
            i += 1
        pieces.append(_text(text[cursor:line_end].rstrip(" \u3000")))
        if open_attrs is not None:
            pieces.append("</mark>")
        while i < len(inserts) and inserts[i].offset == line_end and inserts[i].kind == "close":
            open_attrs = None  # a highlight that ends with this line
            i += 1
        inner = "".join(pieces)
        heading = classify_heading(stripped)
        if "\t" in line:
            out.append(f"<p class='row'>{inner}</p>")
        elif heading is not None and not heading.is_paragraph:
            heading_no += 1
            out.append(f"<h2 class='h{min(heading.level, 6)}' id='h{heading_no}'>{inner}"
                       f"<a class='anchor' href='#h{heading_no}' aria-label='本节链接'>#</a></h2>")
        else:
            out.append(f"<p>{inner}</p>")
    trailing = [ins.markup for ins in inserts[i:] if ins.kind == "marker"]  # a page that begins after the text
    out.extend(f"<p>{m}</p>" for m in trailing)
    return "".join(out)


def _text(segment: str) -> str:
    """Escaped text; a table row's tab shows as a cell divider."""
    return html.escape(segment).replace("\t", "<span class='cell'> </span>")


def _page(title: str, body: str) -> str:
    return ("<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{title}</title><link rel='stylesheet' href='/static/viewer.css'>"
            "<link rel='icon' href='/favicon.ico'></head>"
            f"<body>{body}<script src='/static/viewer.js' defer></script></body></html>")
