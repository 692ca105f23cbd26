"""Vector stores: a local Chroma ``PersistentClient`` or a Chroma server (``HttpClient``)."""

from __future__ import annotations

from pathlib import Path


ADD_BATCH = 512
# Cosine space; generous ef so that search over a few thousand chunks is effectively exact
# and does not change between rebuilds of the same data.
HNSW_METADATA = {"hnsw:space": "cosine", "hnsw:construction_ef": 200, "hnsw:search_ef": 200}


def chroma_client(persist_dir: Path | None, url: str | None):
    """A Chroma client: the server at ``url`` if given, else a persistent store in ``persist_dir``."""
    try:
        import chromadb
        from chromadb.config import Settings as ChromaSettings
    except ImportError as exc:  # pragma: no cover
        raise ImportError("Chroma is needed: pip install 'gazette-qa[index]'") from exc
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if url:
        from urllib.parse import urlparse

        parsed = urlparse(url)
        return chromadb.HttpClient(host=parsed.hostname or "127.0.0.1", port=parsed.port or 8000,
                                   ssl=parsed.scheme == "https", settings=chroma_settings)
    assert persist_dir is not None
    persist_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(persist_dir), settings=chroma_settings)


class VectorStore:
    """One Chroma collection of chunk vectors (cosine space). Metadata carries filter fields."""

    def __init__(self, client, name: str) -> None:
        self._client = client
        self.name = name
        # embedding_function=None: vectors always come from our model; Chroma must never
        # fall back to its default model (which it would download).
        self._collection = client.get_or_create_collection(name, metadata=HNSW_METADATA, embedding_function=None)
        self._count: int | None = None  # a serving collection never changes: count it once

    def add(self, ids: list[str], vectors: list[list[float]], metadatas: list[dict]) -> None:
        for i in range(0, len(ids), ADD_BATCH):
            self._collection.upsert(ids=ids[i:i + ADD_BATCH], embeddings=vectors[i:i + ADD_BATCH],
                                    metadatas=metadatas[i:i + ADD_BATCH])
        self._count = None

    def count(self) -> int:
        """Vectors in the collection (asked of Chroma once, then remembered until ``add``)."""
        if self._count is None:
            self._count = self._collection.count()
        return self._count

    def query(self, vector: list[float], k: int, where: dict | None = None) -> list[tuple[str, float]]:
        """(id, cosine similarity) of the ``k`` nearest chunks."""
        k = min(k, self.count())
        if k <= 0:
            return []
        res = self._collection.query(query_embeddings=[vector], n_results=k, where=where or None,
                                     include=["distances"])
        return [(i, 1.0 - d) for i, d in zip(res["ids"][0], res["distances"][0])]

    def drop(self) -> None:
        self._client.delete_collection(self.name)
