"""The shapes of parsed gazette data: issue → documents → chunks.

These dataclasses are the boundary between the parser and everything after it
(index, retriever, answerer). They hold plain data so they serialise to JSON and
Chroma metadata without adapters.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Literal


def page_for(start_page: int | None, page_breaks: list[int], offset: int) -> int | None:
    """Page of ``offset`` given a document's first page and the offsets where later pages begin."""
    if start_page is None:
        return None
    return start_page + sum(1 for brk in page_breaks if offset >= brk)


@dataclass(frozen=True)
class IssueManifest:
    """What the gazette says about one issue (from the manifest shipped beside the text)."""

    title: str
    year: int
    issue: str  # e.g. 第5期
    issue_total: str | None = None  # e.g. 总第19期
    date: str | None = None  # ISO publication date
    publisher: str | None = None
    last_page: int | None = None
    kind: str = "issue"  # issue: an issue of the gazette; web: one document's page on a website
    url: str | None = None  # the web page's address (kind web)

    @property
    def issue_id(self) -> str:
        """A stable short id such as ``2022-05``, used in chunk ids and filters (``web-…`` for a web page)."""
        if self.kind == "web":
            return f"web-{self.issue.removeprefix('网页')}"
        digits = "".join(ch for ch in self.issue if ch.isdigit())
        return f"{self.year}-{int(digits):02d}" if digits else f"{self.year}-{self.issue}"

    @property
    def label(self) -> str:
        if self.kind == "web":
            return self.title
        return f"{self.title}{self.year}年{self.issue}"


@dataclass(frozen=True)
class TocEntry:
    """One line of the issue's 目录."""

    category: str  # 市政府文件 / 市政府办公室文件
    title: str
    doc_number: str  # normalised 文号
    start_page: int


@dataclass
class Document:
    """One official document inside an issue, with its place in the source text."""

    doc_number: str
    title: str
    category: str | None
    issuer: str | None
    date: str | None  # ISO signing date
    start_page: int | None
    end_page: int | None
    start: int  # character offset of the document's first character in the source
    end: int  # offset one past its last character
    public_status: str | None = None  # e.g. 此件公开发布
    interpreter: str | None = None  # 本文件由…负责解读
    attachments: list[str] = field(default_factory=list)
    # Offsets at which a new printed page begins (len == end_page - start_page).
    page_breaks: list[int] = field(default_factory=list)
    page_source: Literal["source", "estimated", "none"] = "none"
    url: str | None = None  # the web page the document was read from (web sources have no pages)
    ocr_pages: list[int] = field(default_factory=list)  # printed pages whose text was read by OCR (scans)

    def page_at(self, offset: int) -> int | None:
        """The page on which the character at ``offset`` was printed (None if unknown)."""
        return page_for(self.start_page, self.page_breaks, offset)

    @property
    def pages_label(self) -> str:
        if self.start_page is None:
            return "?"
        if self.end_page in (None, self.start_page):
            return str(self.start_page)
        return f"{self.start_page}–{self.end_page}"


@dataclass(kw_only=True)
class IndexedDocument(Document):
    """A document as the index holds it: with the issue it was read from. It travels as this
    object; it becomes a dict only where it is stored (``documents.json``) or served (the API)."""

    issue_id: str  # e.g. 2022-05 (``IssueManifest.issue_id``)
    issue_label: str  # the gazette's title with the year and number (``IssueManifest.label``)

    @classmethod
    def of(cls, document: Document, manifest: IssueManifest) -> IndexedDocument:
        """``document`` of the issue ``manifest`` describes."""
        return cls(**asdict(document), issue_id=manifest.issue_id, issue_label=manifest.label)

    def to_dict(self) -> dict:
        """The stored form (``documents.json``): every field, the issue last."""
        return asdict(self)


ChunkKind = Literal["text", "table_row", "header"]


SECTION_SEPARATOR = " › "  # between the headings of a section path


@dataclass
class Chunk:
    """A citable passage: a section's text or one table row, with everything a citation needs."""

    id: str
    issue_id: str
    doc_number: str
    title: str
    issuer: str | None
    date: str | None
    section: str  # heading path joined with " › "
    kind: ChunkKind
    text: str  # what is embedded and shown (table rows rendered as 列名：值)
    start: int  # character offsets into the issue's source text
    end: int
    page: int | None
    end_page: int | None
    table_caption: str | None = None
    table_header: str | None = None
    row_key: str | None = None  # e.g. 序号 value of a table row
    flags: list[str] = field(default_factory=list)  # e.g. ["退回"]; "ocr": read by OCR from a scanned page
    seq: int = 0  # order of the chunk within its document

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def heading(self) -> str:
        """The chunk's own heading, the last of its section path (「（二）基本原则」); "" at the top."""
        return self.section.rsplit(SECTION_SEPARATOR, 1)[-1]

    def cells(self) -> list[tuple[str, str]]:
        """A table row's (column, value) pairs, read back from ``text`` (「列：值；列：值」).

        A value may itself contain 「；」 (a list of duties), so a part starts a new cell only
        where one of the header's column names does.
        """
        if self.kind != "table_row":
            return []
        body = self.text.split("｜", 1)[-1] if self.table_caption else self.text
        columns = [c for c in (self.table_header or "").split(" | ") if c]
        cells: list[tuple[str, str]] = []
        for part in body.split("；"):
            column = next((c for c in columns if part.startswith(c + "：")), None)
            if column is None and not columns and "：" in part:
                column = part.split("：", 1)[0]
            if column is not None:
                cells.append((column, part[len(column) + 1:]))
            elif cells:
                cells[-1] = (cells[-1][0], f"{cells[-1][1]}；{part}")
        return cells


def chunk_id(issue_id: str, doc_number: str, start: int, end: int, kind: str = "") -> str:
    """Stable id: the same issue, 文号 and offsets always give the same id (idempotent re-ingest)."""
    raw = f"{issue_id}|{doc_number}|{start}|{end}|{kind}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20]


@dataclass
class ParsedIssue:
    """Everything the parser learnt from one issue."""

    manifest: IssueManifest
    source_name: str
    text: str
    toc: list[TocEntry]
    documents: list[Document]
    chunks: list[Chunk]
    warnings: list[str] = field(default_factory=list)
    # A PDF source: the file (kept with the index so the source viewer can open it) and the
    # 1-based PDF page on which each printed page number stands (「第125页」 → PDF page 130).
    source_pdf: str | None = None
    pdf_pages: dict[int, int] = field(default_factory=dict)

    def document(self, doc_number: str) -> Document | None:
        for doc in self.documents:
            if doc.doc_number == doc_number:
                return doc
        return None
