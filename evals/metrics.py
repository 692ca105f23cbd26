"""Scoring one gold question against a retrieval and an answer object (pure functions)."""

from __future__ import annotations

from dataclasses import dataclass, field

from corpus.text import compact


@dataclass
class GoldItem:
    id: str
    question: str
    answerable: bool
    doc_numbers: list[str]
    evidence: list[str]
    answer_keywords: list[str]
    type: str
    history: list[list[str]] = field(default_factory=list)
    style: str = "unlabelled"  # colloquial, typo, long, short, formal, traditional, english
    round: str = ""  # which writing round the question comes from

    @classmethod
    def from_dict(cls, d: dict) -> "GoldItem":
        return cls(id=d["id"], question=d["question"], answerable=bool(d["answerable"]),
                   doc_numbers=list(d.get("doc_numbers") or []), evidence=list(d.get("evidence") or []),
                   answer_keywords=list(d.get("answer_keywords") or []), type=d.get("type", "general"),
                   history=list(d.get("history") or []), style=d.get("style") or "unlabelled", round=d.get("round") or "")


@dataclass
class RetrievalScore:
    doc_at_1: bool
    doc_at_5: bool
    evidence_at_1: bool
    evidence_at_5: bool
    reciprocal_rank: float


def score_retrieval(item: GoldItem, ranked: list[tuple[str, str]]) -> RetrievalScore:
    """``ranked``: (文号, passage text) best first. Evidence counts when any gold string is inside a passage."""
    docs = [d for d, _ in ranked]
    evid = [any(compact(e) in compact(t) for e in item.evidence) for _, t in ranked]
    first = next((i for i, d in enumerate(docs) if d in item.doc_numbers), None)
    return RetrievalScore(
        doc_at_1=bool(docs[:1]) and docs[0] in item.doc_numbers,
        doc_at_5=any(d in item.doc_numbers for d in docs[:5]),
        evidence_at_1=bool(evid[:1]) and evid[0],
        evidence_at_5=any(evid[:5]),
        reciprocal_rank=0.0 if first is None else 1.0 / (first + 1),
    )


@dataclass
class AnswerScore:
    correct: bool
    refused: bool
    keyword_recall: float
    citation_precision: float | None  # None when nothing was cited
    citation_recall: float
    pages_in_range: float | None
    quotes_verbatim: float | None


def score_answer(item: GoldItem, answer: dict, page_ranges: dict[str, tuple[int, int]], source: str) -> AnswerScore:
    """Score an answer object. ``source`` is the gazette text, for the verbatim-quote check."""
    text = compact(answer.get("answer", ""))
    refused = bool(answer.get("refused"))
    cites = answer.get("citations") or []
    cited_docs = [c["doc_number"] for c in cites]
    kw = [k for k in item.answer_keywords if compact(k) in text]
    kw_recall = len(kw) / len(item.answer_keywords) if item.answer_keywords else 1.0
    precision = (sum(d in item.doc_numbers for d in cited_docs) / len(cited_docs)) if cited_docs else None
    recall = (sum(d in cited_docs for d in item.doc_numbers) / len(item.doc_numbers)) if item.doc_numbers else 1.0
    pages = []
    for c in cites:
        lo, hi = page_ranges.get(c["doc_number"], (None, None))
        pages.append(c.get("page") is not None and lo is not None and lo <= c["page"] <= hi)
    compact_source = compact(source)
    quotes = [compact(c.get("quote", "")) in compact_source and bool(c.get("quote")) for c in cites]
    correct = (item.answerable and not refused and any(d in item.doc_numbers for d in cited_docs)
               and kw_recall == 1.0)
    return AnswerScore(correct=correct, refused=refused, keyword_recall=kw_recall, citation_precision=precision,
                       citation_recall=recall, pages_in_range=(sum(pages) / len(pages)) if pages else None,
                       quotes_verbatim=(sum(quotes) / len(quotes)) if quotes else None)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    idx = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[idx]


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0
