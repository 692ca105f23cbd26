"""An embedding cache keyed by (model id, SHA-256 of the text): unchanged text is never embedded twice."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import numpy as np

from embeddings.models import GazetteEmbeddings


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    """SQLite file of float32 vectors. Safe to delete: it only costs re-embedding."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS embeddings (model TEXT, hash TEXT, vector BLOB, PRIMARY KEY (model, hash))"
        )

    def get_many(self, model: str, hashes: list[str]) -> dict[str, list[float]]:
        found: dict[str, list[float]] = {}
        for i in range(0, len(hashes), 500):
            part = hashes[i:i + 500]
            marks = ",".join("?" * len(part))
            rows = self._db.execute(
                f"SELECT hash, vector FROM embeddings WHERE model = ? AND hash IN ({marks})", [model, *part]
            )
            for h, blob in rows:
                found[h] = np.frombuffer(blob, dtype=np.float32).tolist()
        return found

    def put_many(self, model: str, items: dict[str, list[float]]) -> None:
        self._db.executemany(
            "INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?)",
            [(model, h, np.asarray(v, dtype=np.float32).tobytes()) for h, v in items.items()],
        )
        self._db.commit()

    def close(self) -> None:
        self._db.close()


def embed_with_cache(model: GazetteEmbeddings, texts: list[str], cache: EmbeddingCache,
                     batch_size: int = 32, progress=None, use_shipped: bool = True) -> tuple[list[list[float]], int]:
    """Vectors for ``texts``; returns (vectors, number newly embedded). ``progress(done, total)``.

    The cache key is ``model.model_id`` (see ``embeddings.models``) and the text's hash.
    Texts the cache lacks are looked up in the package's shipped vectors (``embeddings.shipped``,
    spot-checked against the model) before they are embedded.
    """
    model_id = model.model_id
    hashes = [text_hash(t) for t in texts]
    known = cache.get_many(model_id, list(dict.fromkeys(hashes)))
    todo = [(h, t) for h, t in dict(zip(hashes, texts, strict=True)).items() if h not in known]
    if todo and use_shipped:
        from embeddings.shipped import verified_vectors

        shipped = verified_vectors(model, dict(todo))
        if shipped:
            cache.put_many(model_id, shipped)
            known.update(shipped)
            todo = [(h, t) for h, t in todo if h not in known]
    for i in range(0, len(todo), batch_size):
        batch = todo[i:i + batch_size]
        vectors = model.embed_documents([t for _, t in batch])
        new = {h: v for (h, _), v in zip(batch, vectors, strict=True)}
        cache.put_many(model_id, new)
        known.update(new)
        if progress:
            progress(min(i + batch_size, len(todo)), len(todo))
    return [known[h] for h in hashes], len(todo)
