"""The naive LangChain recipe, scored on the retrieval metrics it can have.

RecursiveCharacterTextSplitter(500, 50) over the raw issue text, the same embedding model
(through the same content-hash cache), an in-memory Chroma collection, top 5. Its chunks
know no 文号; a chunk is attributed to the document its first character falls in.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Sequence

from corpus.model import ParsedIssue
from embeddings.cache import EmbeddingCache, embed_with_cache
from embeddings.stores import HNSW_METADATA


class NaiveBaseline:
    def __init__(self, parsed: ParsedIssue, model, cache: EmbeddingCache) -> None:
        try:
            from langchain_text_splitters import RecursiveCharacterTextSplitter
        except ImportError as exc:
            raise ImportError("the baseline needs: pip install 'gazette-qa[eval]'") from exc
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        started = time.perf_counter()
        splitter = RecursiveCharacterTextSplitter(chunk_size=500, chunk_overlap=50, add_start_index=True)
        docs = splitter.create_documents([parsed.text])
        self.texts = [d.page_content for d in docs]
        starts = [d.metadata["start_index"] for d in docs]
        bounds = [(d.start, d.doc_number) for d in parsed.documents]
        self.doc_of = [_doc_at(bounds, s) for s in starts]
        vectors, _ = embed_with_cache(model, self.texts, cache)
        client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
        self.collection = client.get_or_create_collection(f"baseline-{id(self)}", metadata=HNSW_METADATA,
                                                          embedding_function=None)
        ids = [str(i) for i in range(len(self.texts))]
        for i in range(0, len(ids), 512):
            # Chroma's parameter type is a list of Sequence unions (a list is invariant).
            batch: list[Sequence[float] | Sequence[int]] = list(vectors[i:i + 512])
            self.collection.add(ids=ids[i:i + 512], embeddings=batch)
        self.model = model
        self.build_seconds = time.perf_counter() - started

    def search(self, question: str, k: int = 5) -> list[tuple[str, str]]:
        res = self.collection.query(query_embeddings=[self.model.embed_query(question)], n_results=k)
        return [(self.doc_of[int(i)], self.texts[int(i)]) for i in res["ids"][0]]


def _doc_at(bounds: list[tuple[int, str]], offset: int) -> str:
    idx = bisect.bisect_right([b[0] for b in bounds], offset) - 1
    return bounds[idx][1] if idx >= 0 else "（封面/目录）"
