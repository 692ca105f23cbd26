"""Hybrid retrieval: dense (Chroma) + BM25 (jieba) fused by reciprocal rank, 文号-aware.

* Each passage also gains by how much of the question's rare wording its document uses.
* A 文号 in the question (any bracket form) restricts the search to that document when
  the index has it; a document's title or short name (「地下水超采综合治理行动方案」) boosts it.
* Filters: 文号, issuer, year, issue.
* ``GazetteRetriever`` exposes the same search as a LangChain ``BaseRetriever``.
"""

from __future__ import annotations

import math
import re
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from corpus.docnumber import find_doc_numbers
from corpus.documents import short_title
from corpus.model import Chunk, Document
from corpus.text import compact, counted_name_candidates, quoted_names
from embeddings.index import GazetteIndex

_BOOST = 1.0  # added to a boosted document's fused score scale (see _fuse)
# The document's coverage of the question's rare words (``document_coverage``) adds up to one RRF
# head: look-alike passages of other documents read as close to the question as the right one but
# lack its subject words. Chosen on the tune split's document-first rate, on the shipped issue alone
# and among ten issues (``benchmarks.scale``); weighing keyword rank above dense rank as well gained
# a little among ten issues and cost answers on one.
_COVERAGE_WEIGHT = 1.0
_EMBED_THREADS = 2  # queries embedded at once (a compound question has two or three parts)


@dataclass
class Filters:
    doc_numbers: list[str] = field(default_factory=list)
    issuer: str | None = None
    year: int | None = None
    issue_id: str | None = None

    def where(self) -> dict | None:
        clauses: list[dict] = []
        if self.doc_numbers:
            clauses.append({"doc_number": {"$in": self.doc_numbers}})
        if self.issuer:
            clauses.append({"issuer": self.issuer})
        if self.year:
            clauses.append({"year": self.year})
        if self.issue_id:
            clauses.append({"issue_id": self.issue_id})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def allows(self, chunk: Chunk, year_of: dict[str, int]) -> bool:
        return ((not self.doc_numbers or chunk.doc_number in self.doc_numbers)
                and (not self.issuer or chunk.issuer == self.issuer)
                and (not self.year or year_of.get(chunk.issue_id) == self.year)
                and (not self.issue_id or chunk.issue_id == self.issue_id))


@dataclass
class Hit:
    chunk: Chunk
    score: float  # fused score
    dense: float  # cosine similarity to the question (0 when not among dense candidates)
    bm25: float


@dataclass
class Retrieval:
    query: str
    hits: list[Hit]
    named_documents: list[str]  # 文号 the question names or whose title it mentions
    query_vector: list[float] | None = None  # the question's embedding, for sentence-level similarity
    # the document names it mentions, and the citations by number (「20号文」), as written
    named_titles: list[str] = field(default_factory=list)


def short_names(doc: Document) -> list[str]:
    """Names a person may use for a document: the plan in 《》, or what 印发/关于 introduces."""
    title = doc.title
    names = re.findall(r"《([^》]+)》", title) + [short_title(title)]
    # 「临川市河道治理…方案」 is also called 「河道治理…方案」: drop the issuer's own city.
    city = re.match(r"^(\S+?[市省县区])", doc.issuer or "")
    out = []
    for name in names:
        out.append(name)
        stripped = name[len(city.group(1)):] if city and name.startswith(city.group(1)) else name
        out.append(stripped)
        out.append(stripped.replace("“", "").replace("”", ""))
    return [n for n in dict.fromkeys(out) if len(n) >= 6]


class HybridSearch:
    """Dense + BM25 search over one opened index."""

    def __init__(self, index: GazetteIndex, embeddings: Embeddings, candidate_k: int = 40, rrf_k: int = 60,
                 query_cache: int = 0) -> None:
        self.index = index
        self.embeddings = embeddings
        self.candidate_k = candidate_k
        self.rrf_k = rrf_k
        # Query vectors by the text embedded (bounded, least recently used first out; 0: none): the
        # model is most of a question's time, and example questions and chips are asked again and again.
        self.query_cache = query_cache
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._vectors_lock = threading.Lock()
        self._years = {i["issue_id"]: i["year"] for i in index.manifest.issues}
        self._names = {d.doc_number: short_names(d) for d in index.documents}
        # The document of each keyword position, as an index into ``_doc_numbers``: a term's
        # postings give the documents that use it without reading any chunk.
        self._doc_numbers = sorted({index.chunk(cid).doc_number for cid in index.keyword.ids})
        position = {num: i for i, num in enumerate(self._doc_numbers)}
        self._doc_at = np.array([position[index.chunk(cid).doc_number] for cid in index.keyword.ids], dtype=np.int64)

    def named_documents(self, query: str) -> tuple[list[str], list[str], list[str]]:
        """(文号 the question cites and the index has, 文号 whose title or short name it mentions,
        the names it mentions)."""
        known = self._names.keys()  # every 文号 of the index
        # Suffix match: words the user typed right before a 文号 may have stuck to its prefix.
        cited = list(dict.fromkeys(k for n in find_doc_numbers(query) for k in known if n.endswith(k)))
        # The citation as written is a name of the document too: retrieval goes there, and the
        # answer step leaves it out of what the passages must say (「27号文件里谁负责考核」).
        citations = [k for k in cited if k in query]
        for m in _SHORT_CITATION.finditer(query):
            # 「按20号文的规定」: officials cite a document by its number alone when one document has it
            having = [k for k in known if k.endswith(f"〕{m.group(1)}号")]
            if len(having) == 1:
                if having[0] not in cited:
                    cited.append(having[0])
                citations.append(m.group(0))
        flat = query.replace(" ", "").replace("“", "").replace("”", "")  # spaces and quotes only, as before
        found = {num: [n for n in names if n in flat] for num, names in self._names.items()}
        return (cited, [num for num, names in found.items() if names],
                [n for names in found.values() for n in names] + citations)

    def query_vector(self, query: str) -> list[float]:
        """The embedding of ``query`` (remembered when ``query_cache`` allows: the same values)."""
        if self.query_cache:
            with self._vectors_lock:
                cached = self._vectors.get(query)
                if cached is not None:
                    self._vectors.move_to_end(query)
            if cached is not None:
                return cached.tolist()
        vector = self.embeddings.embed_query(query)
        if self.query_cache:
            with self._vectors_lock:
                self._vectors[query] = np.asarray(vector)  # float64 holds any model's floats exactly
                while len(self._vectors) > self.query_cache:
                    self._vectors.popitem(last=False)
        return vector

    def embed_queries(self, queries: list[str]) -> list[list[float]]:
        """The query vectors of ``queries``, each as ``search`` would embed it.

        The e5 encoder (a C library called through ctypes) and torch release the GIL, so a model
        that runs one thread a pass embeds two queries in two threads in about the time of one
        where a core is free; one that runs a pass on every core takes them in turn. One query a
        call, so every vector is exactly the one ``embed_query`` gives alone."""
        if len(queries) < 2 or not getattr(self.embeddings, "concurrent_passes", True):
            return [self.query_vector(q) for q in queries]
        with ThreadPoolExecutor(max_workers=min(len(queries), _EMBED_THREADS)) as pool:
            return list(pool.map(self.query_vector, queries))

    def search(self, query: str, k: int = 5, filters: Filters | None = None,
               vector: list[float] | None = None) -> Retrieval:
        """The ``k`` best passages for ``query`` (``vector``: its embedding, when already computed)."""
        filters = Filters(**vars(filters)) if filters else Filters()
        cited, mentioned, names = self.named_documents(query)
        if cited and not filters.doc_numbers:
            filters.doc_numbers = cited
        qvec = vector if vector is not None else self.query_vector(query)
        dense = self.index.vectors.query(qvec, self.candidate_k, filters.where())
        bm25_all = self.index.keyword.scores(query)
        ids = self.index.keyword.ids
        if filters.where() is not None:  # the mask costs a pass over every chunk: only when filtering
            allowed = np.array([filters.allows(self.index.chunk(i), self._years) for i in ids], dtype=bool)
            bm25_all = np.where(allowed, bm25_all, 0.0)
        order = np.argsort(-bm25_all)[: self.candidate_k]
        bm25 = [(ids[j], float(bm25_all[j])) for j in order if bm25_all[j] > 0]
        hits = self._fuse(dense, bm25, mentioned, compact(query), self.document_coverage(query))
        return Retrieval(query=query, hits=_keep_heads(hits, k, dense, bm25), named_documents=cited or mentioned,
                         query_vector=qvec, named_titles=names)

    def document_coverage(self, query: str) -> dict[str, float]:
        """How much of the question's distinctive wording each document uses, 0 to 1.

        Each query token weighs by how few documents use it (a word in every document weighs
        nothing), and a document scores the share of that weight whose tokens it contains
        anywhere. Among look-alike documents (the same kind of notice for another subject, a
        later issue's version) it is the one about the question's subject that holds its rare
        words, even when a sibling's passage reads closer to the question.
        """
        n_docs = len(self._doc_numbers)
        present = np.zeros(n_docs)
        total = 0.0
        for token in set(self.index.keyword.tokens(query)):
            docs = np.unique(self._doc_at[self.index.keyword.containing(token)])
            weight = math.log((n_docs + 1) / (len(docs) + 1))
            present[docs] += weight
            total += weight
        if total <= 0:
            return {}
        return {self._doc_numbers[i]: float(present[i] / total) for i in np.flatnonzero(present)}

    def _fuse(self, dense: list[tuple[str, float]], bm25: list[tuple[str, float]], boosted: list[str],
              query: str = "", coverage: dict[str, float] | None = None) -> list[Hit]:
        scores: dict[str, float] = {}
        dense_sim = dict(dense)
        bm25_score = dict(bm25)
        for rank, (cid, _) in enumerate(dense):
            scores[cid] = scores.get(cid, 0.0) + 1.0 / (self.rrf_k + rank + 1)
        for rank, (cid, _) in enumerate(bm25):
            scores[cid] = scores.get(cid, 0.0) + 1.0 / (self.rrf_k + rank + 1)
        if boosted:
            for cid in scores:
                if self.index.chunk(cid).doc_number in boosted:
                    scores[cid] += _BOOST / self.rrf_k
        for cid in scores:
            if names_a_cell(self.index.chunk(cid), query):
                scores[cid] += _BOOST / self.rrf_k
        # a counted name asked without its quotation marks (三大优势) is found as the gazette quotes it
        names = quoted_names(query) + counted_name_candidates(query)
        for cid in _quoted_in(names, [self.index.chunk(cid) for cid in scores]) if names else ():
            scores[cid] += _BOOST / self.rrf_k
        if coverage:
            for cid in scores:
                scores[cid] += _COVERAGE_WEIGHT * coverage.get(self.index.chunk(cid).doc_number, 0.0) / self.rrf_k
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        return [Hit(self.index.chunk(cid), s, dense_sim.get(cid, 0.0), bm25_score.get(cid, 0.0)) for cid, s in ranked]


_MIN_CELL = 3
# A document cited by its number alone: 「20号文」, 「27号文件」, 「90号批复」.
# Not a date: 「3月20号文件下发后」 is the 20th of a month.
_SHORT_CITATION = re.compile(r"(?<![\d〔〕\]月])(\d{1,4})\s*号\s*(?:文件?|通知|批复|函)(?:里|中|上)?")
_QUALIFIER = re.compile(r"[（(][^（）()]*[）)]")


def _keep_heads(hits: list[Hit], k: int, dense: list[tuple[str, float]], bm25: list[tuple[str, float]]) -> list[Hit]:
    """The top ``k`` fused hits, making sure each list's own best hit is among them.

    Rank fusion favours passages that are fairly good in both lists; a passage that only
    keyword search finds, but finds first (a rare name such as 「社会稳定组」), would drop out.
    """
    heads = {cid for cid, _ in bm25[:1] + dense[:1]}
    must = [h for h in hits if h.chunk.id in heads]
    rest = [h for h in hits if h.chunk.id not in heads][: max(0, k - len(must))]
    return sorted(must + rest, key=lambda h: -h.score)[:k]


_MAX_QUOTING = 3  # passages; a name quoted in more is no one passage's
_MIN_QUOTED = 3  # characters: 「“一核”」 is too short to name one passage


def _quoted_in(names: list[str], chunks: list[Chunk]) -> set[str]:
    """The ids of the ``chunks`` that write one of ``names`` (the question's quoted names) in
    quotation marks themselves, for each name that few of them quote: the passage that
    introduces a name (「发挥山水资源、民俗文化、区位交通“三大优势”」) is what a question quoting
    it asks about, and common words around the name rarely find it. A name in a document's
    title names no passage."""
    found: set[str] = set()
    for name in (n for n in names if len(n) >= _MIN_QUOTED):
        if any(name in c.title for c in chunks):
            continue  # the topic of a whole document (「“一枚印章管审批”改革」), not of a passage
        quoting = [c.id for c in chunks if f"“{name}”" in c.text or f"「{name}」" in c.text]
        if len(quoting) <= _MAX_QUOTING:
            found.update(quoting)
    return found


def names_a_cell(chunk: Chunk, query: str) -> bool:
    """True when the question quotes a table row's item name (「排污许可」, a 子项) whole.

    Only columns called …名称 count, so neither a category shared by hundreds of rows
    (行政许可) nor a row label of a data table (a county's name) boosts anything.
    """
    if chunk.kind != "table_row" or not query:
        return False
    for column, value in chunk.cells():
        if not column.endswith("名称"):
            continue
        for part in value.split("、"):
            part = compact(part)
            # 「食品经营许可」 names 「食品(含保健食品)经营许可」: a bracketed qualifier may be left out.
            for name in {part, _QUALIFIER.sub("", part)}:
                if len(name) >= _MIN_CELL and name in query:
                    return True
    return False


class GazetteRetriever(BaseRetriever):
    """LangChain face of ``HybridSearch``: returns passages as LangChain documents."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    search: HybridSearch
    k: int = 5

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[LCDocument]:
        result = self.search.search(query, self.k)
        return [LCDocument(page_content=h.chunk.text, metadata={**h.chunk.to_dict(), "score": h.score})
                for h in result.hits]
