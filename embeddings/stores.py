"""Vector stores: a local Chroma ``PersistentClient`` or a Chroma server (``HttpClient``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from assistant.errors import MissingExtraError, VectorStoreUnavailable

ADD_BATCH = 512
# Cosine space; generous ef so that search over a few thousand chunks is effectively exact
# and does not change between rebuilds of the same data.
HNSW_METADATA = {"hnsw:space": "cosine", "hnsw:construction_ef": 200, "hnsw:search_ef": 200}


def chroma_client(persist_dir: Path | None, url: str | None):
    """A Chroma client: the server at ``url`` if given, else a persistent store in ``persist_dir``.
    A server that cannot be reached raises ``VectorStoreUnavailable``."""
    try:
        import chromadb
        from chromadb.config import Settings as ChromaSettings
    except ImportError as exc:  # pragma: no cover
        raise MissingExtraError("Chroma is needed: pip install 'gazette-qa[index]'") from exc
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if url:
        from urllib.parse import urlparse

        parsed = urlparse(url)
        try:  # the client asks the server for its tenant at once
            return chromadb.HttpClient(host=parsed.hostname or "127.0.0.1", port=parsed.port or 8000,
                                       ssl=parsed.scheme == "https", settings=chroma_settings)
        except Exception as exc:  # noqa: BLE001 - chromadb says "could not connect" with a ValueError
            raise VectorStoreUnavailable(_unreachable(url, exc)) from exc
    assert persist_dir is not None
    persist_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(persist_dir), settings=chroma_settings)


def _unreachable(url: str, exc: BaseException) -> str:
    return (f"无法连接 Chroma 服务器 {url}（{type(exc).__name__}）：请启动它或检查 GAZETTE_CHROMA_URL；"
            f"恢复后无需重启本服务 / Chroma server unreachable")


class VectorStore:
    """One Chroma collection of chunk vectors (cosine space). Metadata carries filter fields.

    With a Chroma server (``url``) the collection is reached on first use, not when the index
    opens: a server that is down at start-up or goes away later makes searches raise
    ``VectorStoreUnavailable`` (the API answers 503, ``/healthz`` turns unhealthy) until it is
    back, and the service never has to restart."""

    def __init__(self, client, name: str, url: str | None = None) -> None:
        self._client = client
        self.name = name
        self.url = url
        self._collection = None
        if client is not None:
            self._collection = self._open(client)
        self._count: int | None = None  # a serving collection never changes: count it once

    @classmethod
    def remote(cls, url: str, name: str) -> VectorStore:
        """The collection ``name`` on the Chroma server at ``url``, connected on first use."""
        return cls(None, name, url)

    def _open(self, client):
        # embedding_function=None: vectors always come from our model; Chroma must never
        # fall back to its default model (which it would download).
        return client.get_or_create_collection(self.name, metadata=HNSW_METADATA, embedding_function=None)

    def _reached(self):
        """The collection, connecting to the server first if need be."""
        if self._collection is None:
            assert self.url is not None
            client = self._client or chroma_client(None, self.url)
            with self._unavailable_as_error():
                self._collection, self._client = self._open(client), client
        return self._collection

    @contextmanager
    def _unavailable_as_error(self) -> Iterator[None]:
        """A server that does not answer becomes ``VectorStoreUnavailable``; local stores raise as they are."""
        if self.url is None:
            yield
            return
        import httpx

        try:
            yield
        except httpx.TransportError as exc:
            raise VectorStoreUnavailable(_unreachable(self.url, exc)) from exc

    def problem(self) -> str | None:
        """Why searches fail now (the Chroma server does not answer), or None. Asks the server."""
        if self.url is None:
            return None
        try:
            client = self._client or chroma_client(None, self.url)
            with self._unavailable_as_error():
                client.heartbeat()
            self._client = client
        except VectorStoreUnavailable as exc:
            return str(exc)
        return None

    def add(self, ids: list[str], vectors: list[list[float]], metadatas: list[dict]) -> None:
        for i in range(0, len(ids), ADD_BATCH):
            self._reached().upsert(ids=ids[i:i + ADD_BATCH], embeddings=vectors[i:i + ADD_BATCH],
                                    metadatas=metadatas[i:i + ADD_BATCH])
        self._count = None

    def count(self) -> int:
        """Vectors in the collection (asked of Chroma once, then remembered until ``add``)."""
        if self._count is None:
            with self._unavailable_as_error():
                self._count = self._reached().count()
        return self._count

    def query(self, vector: list[float], k: int, where: dict | None = None) -> list[tuple[str, float]]:
        """(id, cosine similarity) of the ``k`` nearest chunks."""
        k = min(k, self.count())
        if k <= 0:
            return []
        with self._unavailable_as_error():
            res = self._reached().query(query_embeddings=[vector], n_results=k, where=where or None,
                                        include=["distances"])
        return [(i, 1.0 - d) for i, d in zip(res["ids"][0], res["distances"][0], strict=True)]

    def drop(self) -> None:
        self._client.delete_collection(self.name)
