"""The answer object: the contract every interface (CLI, API, Gradio, widget) returns.

``quote`` is always taken from the gazette text itself; ``[n]`` markers in ``answer``
refer to ``citations[n-1]`` and every citation is used by at least one marker.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, Literal

from pydantic import BaseModel, Field

from corpus.model import Chunk

# The answer model's users compare quotes in compact form; the one home of it is corpus.text.
from corpus.text import compact  # noqa: F401

Mode = Literal["extractive", "llm", "smalltalk"]
FollowupKind = Literal["standalone", "entity_swap", "attribute", "document", "ordinal", "more", "clarify"]
Confidence = Literal["high", "low", "none"]
PageSource = Literal["source", "estimated", "none"]
# How an answer that states nothing opens: the gazette does not say it (with the passages that come
# closest, or none), or a question back. Interfaces and follow-ups read them.
LOW_LEAD = "公报未直接说明这一问题，以下条文可能相关："
NOT_FOUND_LEAD = "公报中未找到"
CLARIFY_LEAD = "您问的可能是以下不同文件中的内容，请选择一项或把问题说得更具体些："
# What the UI says beside a quote read by OCR from a scanned page (``Citation.ocr``).
OCR_NOTE = "该段引文来自扫描页的文字识别（OCR），可能有误"


class Citation(BaseModel):
    n: int
    doc_number: str
    title: str
    issuer: str | None = None
    date: str | None = None
    page: int | None = None
    page_source: PageSource = Field("none", description="source: the page is printed in the source; estimated: "
                                    "placed by the text's position between known pages; none: unknown.")
    section: str = ""
    quote: str
    issue: str | None = None  # e.g. 临川市人民政府公报2022年第5期
    ocr: bool = Field(False, description="The quote's page is a scanned page whose text was read by OCR, so the "
                      "quote may contain misread characters (the UI says so).")
    url: str | None = Field(None, description="Where to read the quote in place: the source viewer "
                            "(`/documents/{文号}?quote=…#p{page}`, relative to the service), or the web page a "
                            "document was read from (web sources, which have no page).")


# Citation n of a quote inside a passage (``assistant.citing.Citer.cite``), as answer builders take it.
Cite = Callable[[int, Chunk, str], Citation]


class RetrievedPassage(BaseModel):
    doc_number: str
    title: str
    page: int | None = None
    section: str = ""
    text: str
    score: float
    kind: str = "text"


class RelatedDocument(BaseModel):
    doc_number: str
    title: str


class Answer(BaseModel):
    question: str
    answer: str
    refused: bool = False  # the gazette does not state the answer (confidence low or none)
    confidence: Confidence = Field("high", description="high: the answer is stated; low: related passages are shown "
                                   "but none states it; none: nothing on-topic was found.")
    citations: list[Citation] = Field(default_factory=list)
    retrieved: list[RetrievedPassage] = Field(default_factory=list)
    related: list[RelatedDocument] = Field(default_factory=list)
    mode: Mode = "extractive"
    rewritten_question: str | None = Field(
        None, description="The question as searched, when it leans on earlier turns.")
    followup_kind: FollowupKind = Field("standalone", description="How the earlier turns shaped the question: "
                                        "standalone, entity_swap, attribute, document, ordinal, more or clarify.")
    followup_reason: str = Field("", description="Why the question was (or was not) taken as a follow-up.")
    choices: list[str] = Field(default_factory=list, description="clarify: standalone questions to choose from.")
    notice: str | None = None  # e.g. the LLM endpoint failed and the extractive answer is shown
    timings_ms: dict[str, float] = Field(default_factory=dict)


_MARKER = re.compile(r"\[(\d+)\]")


def markers(text: str) -> list[int]:
    """The citation numbers used in an answer text, in order of first use."""
    return list(dict.fromkeys(int(m) for m in _MARKER.findall(text)))


def strip_unknown_markers(text: str, known: set[int]) -> str:
    return _MARKER.sub(lambda m: m.group(0) if int(m.group(1)) in known else "", text)


def passages(hits: Sequence[Any]) -> list[RetrievedPassage]:
    """The retrieved passages (``embeddings.retriever.Hit``) as an answer lists them."""
    return [RetrievedPassage(doc_number=h.chunk.doc_number, title=h.chunk.title, page=h.chunk.page,
                             section=h.chunk.section, text=h.chunk.text, score=round(h.score, 5), kind=h.chunk.kind)
            for h in hits]
