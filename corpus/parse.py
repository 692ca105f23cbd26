"""Parse one gazette issue: source → TOC → documents → pages → chunks."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from corpus.chunker import ChunkingOptions, chunk_document
from corpus.docnumber import normalize_doc_number
from corpus.documents import build_document, locate_documents
from corpus.model import Chunk, Document, ParsedIssue
from corpus.pages import apply_source_pages, estimate_page_breaks
from corpus.paragraphs import split_paragraphs
from corpus.profile import GazetteProfile, load_profile
from corpus.sources import MAX_SOURCE_BYTES, IssueSource, SourceError, decode_bytes, load_manifest
from corpus.toc import parse_toc

if TYPE_CHECKING:
    from corpus.pdf import PageSpan

log = logging.getLogger(__name__)


def sample_issue(profile: GazetteProfile | None = None) -> Path:
    """The issue shipped with ``profile`` (default: the shipped profile), in ``corpus/``."""
    return (profile or load_profile()).sample_issue_path()


def __getattr__(name: str) -> Path:
    # ``SAMPLE_ISSUE``: the shipped issue, read from the shipped profile when first asked for
    # (not at import: importing the parser reads no file).
    if name == "SAMPLE_ISSUE":
        return sample_issue()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def parse_issue(path: str | Path, options: ChunkingOptions | None = None,
                profile: GazetteProfile | None = None) -> ParsedIssue:
    """Parse the issue file at ``path`` (.txt, .pdf, or a document's web page .html).
    ``profile`` gives the issuers' signatures and the website's name (default: any government's
    signature, a generic site name). Raises ``SourceError`` for unreadable files."""
    if Path(path).suffix.lower() in (".html", ".htm"):
        from corpus.web import parse_web_page

        return parse_web_page(path, profile=profile)
    return parse_source(read_issue(path), options, profile)


def read_issue(path: str | Path) -> IssueSource:
    """Read and decode one issue file (``.txt``, or ``.pdf`` with true page numbers) with its manifest.
    Web pages (``.html``) are single documents: ``parse_issue`` reads them. (It lives here, above
    ``corpus.sources`` and ``corpus.pdf``, because the PDF reader builds on ``corpus.sources``.)"""
    path = Path(path)
    if not path.is_file():
        raise SourceError(f"找不到公报文件 / no such file: {path}")
    size = path.stat().st_size
    if size == 0:
        raise SourceError(f"公报文件为空 / the file is empty: {path}")
    if size > MAX_SOURCE_BYTES:
        raise SourceError(f"公报文件过大（{size} 字节）/ file too large: {path}")
    if path.suffix.lower() == ".pdf":
        from corpus.pdf import read_pdf_issue  # PDFium only when a PDF comes

        return read_pdf_issue(path)
    text, encoding = decode_bytes(path.read_bytes())
    # Normalise newlines only; offsets are into this text.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise SourceError(f"公报文件没有文字内容 / the file has no text: {path}")
    if "\x00" in text:
        raise SourceError(f"文件不是文本（含二进制内容）/ not a text file: {path}")
    manifest = load_manifest(path, text)
    return IssueSource(path=path, text=text, encoding=encoding, manifest=manifest)


def parse_source(source: IssueSource, options: ChunkingOptions | None = None,
                 profile: GazetteProfile | None = None) -> ParsedIssue:
    text, manifest = source.text, source.manifest
    issuers = profile.issuer_line() if profile else None
    toc = parse_toc(text)
    warnings: list[str] = []
    if toc is None:
        documents = [_whole_issue_document(source)]
        warnings.append("未找到目录：整期作为一个文件处理，页码为空 / no TOC: one document, pages null")
    else:
        found, body_end, warnings = locate_documents(text, toc.entries, toc.end)
        if not found:
            raise SourceError(f"目录中的文件在正文中均未找到 / no TOC entry found in the body: {source.path}")
        documents = []
        for idx, (entry, start) in enumerate(found):
            end = found[idx + 1][1] if idx + 1 < len(found) else body_end
            documents.append(build_document(text, entry, start, end, issuers))
        if source.pages:
            for doc in documents:
                mismatch = apply_source_pages(doc, source.pages)
                if mismatch:
                    warnings.append(mismatch)
        else:
            _set_page_ranges(documents, manifest.last_page)
    chunks = []
    for doc in documents:
        paras = split_paragraphs(text, doc.start, doc.end, laid_out=source.kind == "pdf")
        if doc.page_source == "source":
            pass  # true printed pages, set from the source above
        elif doc.start_page is not None and doc.end_page is not None:
            doc.page_breaks = estimate_page_breaks(paras, doc.start, doc.end, doc.end_page - doc.start_page)
            doc.page_source = "estimated"
        chunks.extend(chunk_document(doc, paras, manifest.issue_id, options))
    mark_ocr_chunks(chunks, source.pages)
    warnings = list(source.warnings) + warnings
    if toc is not None and len(documents) < len(toc.entries):
        warnings.append(f"目录列出 {len(toc.entries)} 个文件，正文找到 {len(documents)} 个（文件可能被截断）")
    for w in warnings:
        log.warning("%s: %s", source.path.name, w)
    pdf_pages = {span.printed: span.pdf_index + 1 for span in source.pages if span.printed is not None}
    return ParsedIssue(manifest=manifest, source_name=source.path.name, text=text,
                       toc=toc.entries if toc else [], documents=documents, chunks=chunks, warnings=warnings,
                       source_pdf=str(source.path) if source.kind == "pdf" else None, pdf_pages=pdf_pages)


def mark_ocr_chunks(chunks: list[Chunk], spans: tuple[PageSpan, ...]) -> None:
    """Flag ``ocr`` on every chunk whose text lies (partly) on a page that was read by OCR."""
    ranges = [(span.offset, nxt.offset if nxt else None)
              for span, nxt in zip(spans, list(spans[1:]) + [None], strict=False) if span.ocr]
    for chunk in chunks:
        if any(chunk.start < (end if end is not None else chunk.end + 1) and chunk.end > start
               for start, end in ranges) and "ocr" not in chunk.flags:
            chunk.flags.append("ocr")


def _set_page_ranges(documents: list[Document], last_page: int | None) -> None:
    """End pages follow from the next document's start page; the last ends on the issue's last page."""
    ends = [max(_toc_start(doc), _toc_start(nxt) - 1) for doc, nxt in zip(documents, documents[1:], strict=False)]
    for doc, end_page in zip(documents, ends, strict=False):
        doc.end_page = end_page
    last = documents[-1]
    if last_page is not None:
        last.end_page = max(_toc_start(last), last_page)
    else:
        # Unknown last page: estimate from the issue's own density (characters per page).
        chars = sum(d.end - d.start for d in documents[:-1])
        pages = sum(end_page - _toc_start(d) + 1 for d, end_page in zip(documents[:-1], ends, strict=True))
        per_page = chars / pages if pages else None
        extra = int((last.end - last.start) / per_page) if per_page else 0
        last.end_page = _toc_start(last) + extra


def _toc_start(doc: Document) -> int:
    """The start page of a document found through the 目录, which always gives one."""
    assert doc.start_page is not None
    return doc.start_page


def _whole_issue_document(source: IssueSource) -> Document:
    number = normalize_doc_number(source.text[:5000]) or source.path.stem
    return Document(doc_number=number, title=source.manifest.label, category=None, issuer=None,
                    date=None, start_page=None, end_page=None, start=0, end=len(source.text))
