"""Where a citation's page comes from.

A quote is looked up in its issue's source text, inside the passage it was taken from; the page
is the document's page at that offset (``Document.page_at``: the printed page of a PDF issue, or
the page estimated for a text issue, see ``corpus.pages``).
"""

from __future__ import annotations

from assistant.answer import Citation
from assistant.claims import tidy_section
from corpus.model import Chunk
from embeddings.index import GazetteIndex


class Citer:
    """Citations of quotes from the passages of one index."""

    def __init__(self, index: GazetteIndex) -> None:
        self.index = index

    def cite(self, n: int, chunk: Chunk, quote: str) -> Citation:
        """Citation ``n`` of ``quote`` inside ``chunk``, with the page where the quote starts."""
        offset = self._locate(chunk, quote)
        doc = self.index.document(chunk.doc_number)
        page = doc.page_at(offset) if doc else None
        return Citation(n=n, doc_number=chunk.doc_number, title=chunk.title, issuer=chunk.issuer, date=chunk.date,
                        page=page, page_source=doc.page_source if doc and page else "none",
                        section=tidy_section(chunk.section), quote=quote, issue=doc.issue_label if doc else None)

    def _locate(self, chunk: Chunk, quote: str) -> int:
        source = self.index.source_text(chunk.issue_id)
        probe = quote.strip()[:12]
        pos = source.find(probe, chunk.start, chunk.end + len(probe)) if probe else -1
        return pos if pos >= 0 else chunk.start

    def row_quote(self, chunk: Chunk) -> str:
        """A table row's quote is its source line(s), verbatim."""
        return self.index.source_text(chunk.issue_id)[chunk.start:chunk.end].strip()
