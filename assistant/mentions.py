"""Which documents write a name: 「“一窗受理”在本期哪几份文件里出现过」, 「哪些文件提到了
西山学院」, 「某某这个人出现在哪些文件里」.

A question about where a name stands across the issue is not answered by the one passage
that ranks first: every document that writes the name is listed, each with the first
sentence that writes it, cited where it stands. The name is what the asker quoted, else the
words before (「X出现在…」) or after (「…提到了X」) the question's ask; it must stand in some
document as written (spaces inside a name, as in member lists, do not count).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.answer import Answer, Citation, Cite, passages
from corpus.model import Chunk
from corpus.sentences import split_sentences
from corpus.text import compact, quoted_names
from embeddings.index import GazetteIndex
from embeddings.retriever import Retrieval

_DOCS = r"(?:本期|这期|这一期)?(?:公报)?(?:的)?(?:哪些|哪几[份个篇]?|哪[个份]|几份|几个|多少份?)(?:文件|通知|公文)"
_MENTION = r"(?:提到|提及|写到|讲到|说到|涉及|出现)到?"
_SAID = rf"(?:{_MENTION}|有)"
# 「X在本期哪几份文件里出现过」, 「X出现在哪些文件中」: the name before the ask
_NAME_BEFORE = re.compile(rf"^(?P<name>.+?)(?:这个人|这个词|这个说法|这一说法|这个名字)?(?:都|也)?"
                          rf"(?:在{_DOCS}(?:里|中|上)?(?:都|也)?{_SAID}(?:了|过)?"
                          rf"|(?:出现|写)在(?:了)?{_DOCS}(?:里|中|上)?)")
# 「哪些文件提到了X」, 「本期有几份文件涉及X」: the name after it
_NAME_AFTER = re.compile(rf"(?:有)?{_DOCS}(?:里|中)?(?:都|也)?{_MENTION}(?:了|过)?(?P<name>.+)$")
_EDGES = "“”「」\"'《》 ，,。？?！!的呢啊吗"
_MIN_NAME, _MAX_NAME = 2, 20
_MAX_LISTED = 8



def asked_name(text: str) -> str | None:
    """The name the question asks the documents of, or None when it asks no such thing. The name
    after the ask wins (「市政府在哪些文件里提到了地下水」 asks of 地下水); a name ends at a stop
    (「哪些文件提到了市水利局，它负责什么」)."""
    flat = re.split(r"[，,。；;？?！!]", compact(text).strip("？?。！!"), maxsplit=1)[0].rstrip("呢啊吗")
    for m in (_NAME_AFTER.search(flat), _NAME_BEFORE.match(flat)):
        if m is not None:
            quoted = quoted_names(m.group("name"))
            name = (quoted[0] if quoted else m.group("name")).strip(_EDGES)
            if _MIN_NAME <= len(name) <= _MAX_NAME:
                return name
    return None


def _heads(flat: str, title: str, doc_number: str) -> bool:
    """Whether a line is the document's title or a head line under it (its 文号 stands in it)."""
    return flat in title or title in flat or doc_number in flat


class Mentions:
    """Documents by the names they write: ``document_texts`` are the index's documents, each as
    one whitespace-free text (which documents write a name), ``citer`` makes a citation."""

    def __init__(self, index: GazetteIndex, document_texts: Mapping[str, str], citer: Cite) -> None:
        self.index = index
        self.document_texts = document_texts
        self.citer = citer

    def answer(self, question: str, text: str, retrieval: Retrieval) -> Answer | None:
        """Every document that writes the name ``text`` asks about, each with its first sentence
        that writes it; None when the question asks no such thing or no document writes the name."""
        name = asked_name(text)
        if name is None:
            return None
        found: dict[str, tuple[Chunk, str]] = {}
        for doc in self.index.documents:
            if name in self.document_texts.get(doc.doc_number, ""):
                placed = self._first_sentence(doc.doc_number, compact(doc.title), name)
                if placed is not None:
                    found[doc.doc_number] = placed
        if not found:
            return None
        listed = list(found.items())[:_MAX_LISTED]
        lead = f"共{len(found)}份文件写到「{name}」：" if len(found) > 1 else f"写到「{name}」的文件是："
        lines = [f"《{chunk.title}》（{number}）：{sentence.rstrip('。；;：:')}[{n}]。"
                 for n, (number, (chunk, sentence)) in enumerate(listed, start=1)]
        citations: list[Citation] = [self.citer(n, chunk, sentence)
                                     for n, (_, (chunk, sentence)) in enumerate(listed, start=1)]
        if len(found) > len(listed):
            lines.append(f"（以上为前{len(listed)}份。）")
        return Answer(question=question, answer=lead + "".join(lines), citations=citations,
                      retrieved=passages(retrieval.hits), mode="extractive", confidence="high")

    def _first_sentence(self, number: str, title: str, name: str) -> tuple[Chunk, str] | None:
        """The first passage of document ``number`` that writes ``name``, with its first line or
        clause that does: a member line or a clause, not a whole list; the document's title and
        the head lines under it (with the 文号), which may hold the name, say less than its text."""
        for chunk in self.index.chunks_of(number):
            if chunk.kind == "header" or name not in compact(chunk.text):
                continue
            holding = [s.strip() for s in split_sentences(chunk.text, clauses=True, lines=True) if name in compact(s)]
            if holding:
                return chunk, next((s for s in holding if not _heads(compact(s), title, number)), holding[0])
        return None
