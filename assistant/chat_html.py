"""The answer object as HTML for the chat page: readable paragraphs and lists, each 「[n]」 a link
to its source card, and the cards under the answer they belong to. Every value is escaped here,
so the chat component may show this HTML as it is."""

from __future__ import annotations

import html
import re

from assistant.answer import OCR_NOTE

_MARK = re.compile(r"\[(\d+)\]")
_CLAIM_END = re.compile(r"(?<=\]。)")  # a claim ends with its citation mark and 。
_ROW = re.compile(r"^(?:「[^」]*」)?(第\d+项 [^：]+|合计|总计)：(.+)$")
_NOTE_ITEM = re.compile(r"\s(?=\d+\.\s?\S)|(?<=。)\s*-\s*")
BASIS = "依据："
CONFIDENCE_LABELS = {"low": "公报未直接说明，以下条文可能相关", "none": "公报中未找到相关内容"}


def answer_html(answer: dict, key: str) -> str:
    """The answer (``key`` tells its cards apart from those of other answers on the page)."""
    confidence = answer.get("confidence") or "high"
    if answer.get("mode") == "smalltalk":
        confidence = "high"
    parts = [f"<div class='answer conf-{confidence}'>"]
    if confidence in CONFIDENCE_LABELS:
        parts.append(f"<div class='conf-label'>{CONFIDENCE_LABELS[confidence]}</div>")
    if answer.get("notice"):
        parts.append(f"<p class='notice'>（{html.escape(answer['notice'])}）</p>")
    for paragraph in (answer.get("answer") or "").split("\n"):
        parts.append(_paragraph(paragraph, key))
    parts.append(sources_html(answer, key))
    parts.append("</div>")
    return "".join(parts)


def sources_html(answer: dict, key: str) -> str:
    """The citation cards (文号 · 页码 · 章节 · 原文), or the related documents of a refusal."""
    cards = []
    for c in answer.get("citations") or []:
        page = f"第{c['page']}页" if c.get("page") else "页码未知"
        if c.get("page_source") == "estimated":
            page += "<span class='estimated' title='页码按文字位置估算'>（估算）</span>"
        meta = html.escape(c["title"])
        if c.get("section"):
            meta += f"<br>{html.escape(c['section'])}"
        if c.get("issuer"):
            meta += f"<br>{html.escape(c['issuer'])} {html.escape(c.get('date') or '')}"
        cards.append(f"<details class='source-card' id='src-{key}-{c['n']}' open>"
                     f"<summary>[{c['n']}] {html.escape(c['doc_number'])} · {page}</summary>"
                     f"<div class='meta'>{meta}</div><blockquote>{html.escape(c['quote'])}</blockquote>"
                     f"{_ocr_note(c)}{_source_link(c)}</details>")
    if not cards and answer.get("related"):
        cards = [f"<div class='source-card related'><b>可能相关：</b>{html.escape(r['title'])}"
                 f"（{html.escape(r['doc_number'])}）</div>" for r in answer["related"]]
    return f"<div class='sources'>{''.join(cards)}</div>" if cards else ""


def _ocr_note(citation: dict) -> str:
    """A quote read by OCR from a scanned page says that it may be misread."""
    return f"<p class='ocr-note' role='note'>{OCR_NOTE}</p>" if citation.get("ocr") else ""


def _source_link(citation: dict) -> str:
    """「查看原文」: the source viewer at the quote (a web source: its own page), in a new tab so the
    conversation stays."""
    url = citation.get("url") or ""
    if not url.startswith(("/", "https://", "http://")) or url.startswith("//"):
        return ""
    label = "查看原网页" if url.startswith("http") else "在原文中查看"
    return (f"<a class='view-source' href='{html.escape(url)}' target='_blank' rel='noopener'>"
            f"{label}</a>")


def _paragraph(text: str, key: str) -> str:
    text = text.strip()
    if not text:
        return ""
    if text.startswith(BASIS):
        claims = [c for c in _CLAIM_END.split(text[len(BASIS):]) if c.strip()]
        items = "".join(f"<li>{_claim(c, key)}</li>" for c in claims)
        return f"<p class='basis'>{BASIS}</p><ul>{items}</ul>"
    return f"<p>{_claim(text, key)}</p>"


def _claim(text: str, key: str) -> str:
    """One claim: a table row as its name and a short list of 列：值; a note's items on lines of their own."""
    mark = ""
    found = re.search(r"(\[\d+\])+。?$", text)
    if found:
        text, mark = text[:found.start()], found.group(0)
    row = _ROW.match(text.strip())
    if row and "；" in row.group(2):
        cells = "".join(f"<li>{_cited(c, key)}</li>" for c in row.group(2).split("；") if c.strip())
        return f"<b>{html.escape(row.group(1))}</b>{_cited(mark, key)}<ul class='cells'>{cells}</ul>"
    pieces = [p for p in _NOTE_ITEM.split(text) if p.strip()]
    if len(pieces) > 1 and re.match(r"\d+\.", pieces[1]):
        return "<br>".join(_cited(p, key) for p in pieces) + _cited(mark, key)
    return _cited(text + mark, key)


def _cited(text: str, key: str) -> str:
    """Escaped text with each 「[n]」 a link to card n of this answer."""
    return _MARK.sub(lambda m: f"<a class='cite' href='#src-{key}-{m.group(1)}'>[{m.group(1)}]</a>", html.escape(text))
