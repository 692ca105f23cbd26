"""Cut one document into citable chunks: section text and table rows.

Text chunks follow the heading structure (see ``corpus.headings``): a heading of level
≤ 4 always starts a new chunk, numbered paragraphs start one when the current chunk is
already substantial, and a chunk is closed before it grows past ``max_chars``. A single
paragraph longer than that is split at sentence ends (。；) with a one-sentence overlap.
A paragraph cut by a page break is glued to its continuation so sentences stay whole.
Every table row becomes its own chunk (``corpus.tables``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from corpus.headings import HeadingPath, classify_heading, is_plan_title
from corpus.model import Chunk, ChunkKind, Document, chunk_id
from corpus.paragraphs import Paragraph
from corpus.sentences import split_sentences
from corpus.tables import parse_table
from corpus.text import compact

_CAPTION_MAX = 60


@dataclass
class ChunkingOptions:
    max_chars: int = 480
    min_chars: int = 160  # below this a numbered paragraph joins the running chunk
    overlap_sentences: int = 1


@dataclass
class _Buffer:
    section: str = ""
    parts: list[Paragraph] = field(default_factory=list)

    def size(self) -> int:
        return sum(len(p.text) for p in self.parts)


def chunk_document(doc: Document, paras: list[Paragraph], issue_id: str,
                   options: ChunkingOptions | None = None) -> list[Chunk]:
    """All chunks of ``doc`` in reading order. ``paras`` are the document's paragraphs."""
    opts = options or ChunkingOptions()
    chunks: list[Chunk] = []
    path = HeadingPath()
    buf = _Buffer()

    def flush() -> None:
        if buf.parts:
            chunks.extend(_text_chunks(doc, issue_id, buf, opts))
        buf.parts = []

    i = 0
    after_public = False
    while i < len(paras):
        para = paras[i]
        if para.is_table:
            j = i
            while j < len(paras) and paras[j].is_table:
                j += 1
            flush()
            caption = _caption(paras, i) or (str(path).split(" › ")[-1] if str(path) else None)
            chunks.extend(_table_chunks(doc, issue_id, paras[i:j], caption, str(path)))
            i = j
            continue
        if para.repeated:  # a 专栏 title printed again on a new page
            i += 1
            continue
        heading = None if para.continues else classify_heading(para.text)
        if after_public and is_plan_title(para.text):
            flush()
            path.reset(para.text)
        elif heading and heading.level == 0:
            flush()
            label = heading.label
            nxt = paras[i + 1] if i + 1 < len(paras) else None
            if nxt and not nxt.is_table and len(nxt.text) <= _CAPTION_MAX and not classify_heading(nxt.text):
                label = f"{label}：{compact(nxt.text)}"
            path.reset(label)
        elif heading and heading.label.startswith("专栏"):
            flush()
            path.open_box(heading.label)
        elif heading and (heading.level <= 4 or not heading.is_paragraph):
            flush()
            path.push(heading.level, heading.label)
        elif heading:
            box = str(path)
            path.item(heading.label)  # a numbered paragraph: inside a box, it may be the section's again
            if buf.size() >= opts.min_chars or str(path) != box:
                flush()
        after_public = para.text.strip("（）() ").startswith("此件")
        if not buf.parts:
            buf.section = str(path)
        elif buf.size() + len(para.text) > opts.max_chars and not para.continues:
            flush()
            buf.section = str(path)
        buf.parts.append(para)
        i += 1
    flush()
    chunks.insert(0, document_card(doc, issue_id))
    for seq, chunk in enumerate(chunks):
        chunk.seq = seq
    return chunks


def document_card(doc: Document, issue_id: str) -> Chunk:
    """A ``header`` chunk describing the document (文号, issuer, date, interpreter).

    It lets searches like 「…是哪天印发的」 or 「…由哪个部门解读」 find the document. Its text
    is assembled, not quoted, so answerers cite the document's own lines instead.
    """
    lines = [doc.title, f"文号：{doc.doc_number}"]
    if doc.issuer:
        lines.append(f"发文机关：{doc.issuer}")
    if doc.date:
        y, m, d = (int(x) for x in doc.date.split("-"))
        lines.append(f"成文日期：{y}年{m}月{d}日")
    if doc.interpreter:
        lines.append(f"本文件由{doc.interpreter}负责解读")
    if doc.attachments:
        lines.append("附件：" + "；".join(doc.attachments))
    if doc.public_status:
        lines.append(doc.public_status)
    return _make_chunk(doc, issue_id, "", "header", "\n".join(lines), doc.start, doc.start)


def _caption(paras: list[Paragraph], table_at: int) -> str | None:
    """The short line(s) just before a table: its title, with a 单位 line appended."""
    unit = None
    k = table_at - 1
    while k >= 0 and not paras[k].is_table and len(paras[k].text) <= _CAPTION_MAX:
        text = compact(paras[k].text)
        if text.startswith("单位"):
            unit = text
            k -= 1
            continue
        return f"{text}（{unit}）" if unit else text
    return None


def _join(parts: list[Paragraph]) -> str:
    out = ""
    for p in parts:
        out += p.text if (p.continues or not out) else "\n" + p.text
    return out


def _text_chunks(doc: Document, issue_id: str, buf: _Buffer, opts: ChunkingOptions) -> list[Chunk]:
    text = _join(buf.parts)
    start, end = buf.parts[0].start, buf.parts[-1].end
    if len(text) <= opts.max_chars * 1.5:
        return [_make_chunk(doc, issue_id, buf.section, "text", text, start, end)]
    # Too long: sentence windows. Offsets are mapped back through the paragraphs.
    offsets = _char_offsets(buf.parts)
    spans: list[tuple[int, str]] = []  # (position in text, sentence)
    pos = 0
    for s in split_sentences(text, clauses=True):
        if s:
            spans.append((pos, s))
            pos += len(s)
    out: list[Chunk] = []
    k = 0
    while k < len(spans):
        window = [spans[k]]
        size = len(spans[k][1])
        k += 1
        while k < len(spans) and size + len(spans[k][1]) <= opts.max_chars:
            window.append(spans[k])
            size += len(spans[k][1])
            k += 1
        first, last = window[0], window[-1]
        piece = text[first[0]: last[0] + len(last[1])]
        s_off = offsets[first[0]]
        e_off = offsets[last[0] + len(last[1]) - 1] + 1
        out.append(_make_chunk(doc, issue_id, buf.section, "text", piece.strip("\n"), s_off, e_off))
        if k < len(spans) and opts.overlap_sentences and len(window) > opts.overlap_sentences:
            k -= opts.overlap_sentences
    return out


def _char_offsets(parts: list[Paragraph]) -> list[int]:
    """Source offset of each character of ``_join(parts)``."""
    offsets: list[int] = []
    for idx, p in enumerate(parts):
        if idx and not p.continues:
            offsets.append(p.start - 1)  # the "\n" separator
        offsets.extend(range(p.start, p.start + len(p.text)))
    return offsets


def _table_chunks(doc: Document, issue_id: str, block: list[Paragraph], caption: str | None,
                  section: str) -> list[Chunk]:
    table = parse_table(block, caption)
    out = []
    for row in table.rows:
        chunk = _make_chunk(doc, issue_id, section, "table_row", row.render(caption), row.start, row.end)
        chunk.table_caption = caption
        chunk.table_header = table.header_text
        chunk.row_key = row.key
        chunk.flags = list(row.flags)
        out.append(chunk)
    return out


def _make_chunk(doc: Document, issue_id: str, section: str, kind: ChunkKind, text: str, start: int,
                end: int) -> Chunk:
    return Chunk(
        id=chunk_id(issue_id, doc.doc_number, start, end, kind),
        issue_id=issue_id,
        doc_number=doc.doc_number,
        title=doc.title,
        issuer=doc.issuer,
        date=doc.date,
        section=section,
        kind=kind,
        text=text,
        start=start,
        end=end,
        page=doc.page_at(start),
        end_page=doc.page_at(max(start, end - 1)),
    )
