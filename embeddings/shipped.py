"""Embeddings shipped inside the package for the bundled gazette issue.

Embedding the sample issue takes minutes on two cores, and every fresh install (``run.sh``,
the test suite, CI) would otherwise do it again. The package therefore carries the vectors
of the bundled issue's chunks and of their sentences, keyed like the embedding cache: by the model's id and the
SHA-256 of the embedded text. They are used only after a spot check: a few texts are
embedded for real and must match the shipped vectors (cosine ≥ ``MIN_COSINE``); otherwise
the shipped file is ignored and everything is embedded as usual. Text that is not in the
file (a newly added issue) is always embedded for real.

Refresh the file after a change to chunking: ``gazette refresh-shipped``
(``assistant.ingest.refresh_shipped``).
"""

from __future__ import annotations

import logging
import random
import re
from pathlib import Path

import numpy as np

from embeddings.models import GazetteEmbeddings

log = logging.getLogger(__name__)

SHIPPED_DIR = Path(__file__).resolve().parent / "shipped"
MIN_COSINE = 0.999
SPOT_CHECKS = 3


def shipped_path(model_id: str) -> Path:
    """Where the shipped vectors of a model live (one ``.npz`` per model id)."""
    return SHIPPED_DIR / (re.sub(r"[^A-Za-z0-9._-]+", "_", model_id) + ".npz")


def load_shipped(model_id: str) -> dict[str, np.ndarray]:
    """hash → vector for the model, or an empty dict when nothing is shipped for it."""
    path = shipped_path(model_id)
    if not path.is_file():
        return {}
    try:
        with np.load(path, allow_pickle=False) as data:
            hashes, vectors = data["hashes"], data["vectors"].astype(np.float32)
    except (OSError, KeyError, ValueError) as exc:
        log.warning("ignoring the shipped embeddings %s: %s", path, exc)
        return {}
    return dict(zip(hashes.tolist(), vectors, strict=False))


def verified_vectors(model: GazetteEmbeddings, todo: dict[str, str], seed: int | None = None) -> dict[str, list[float]]:
    """Shipped vectors for the texts in ``todo`` (hash → text), if a spot check confirms them.

    Embeds up to ``SPOT_CHECKS`` randomly chosen texts that the file covers and compares;
    a mismatch (another model build, other quantisation) discards the whole file.
    """
    shipped = load_shipped(model.model_id)
    covered = [h for h in todo if h in shipped]
    if not covered:
        return {}
    sample = random.Random(seed).sample(covered, min(SPOT_CHECKS, len(covered)))
    fresh = np.asarray(model.embed_documents([todo[h] for h in sample]), dtype=np.float32)
    for h, vector in zip(sample, fresh, strict=True):
        stored = shipped[h]
        cosine = float(vector @ stored / (np.linalg.norm(vector) * np.linalg.norm(stored) or 1.0))
        if cosine < MIN_COSINE:
            log.warning("shipped embeddings do not match this model (cosine %.4f): embedding everything", cosine)
            return {}
    log.info("using %d shipped embeddings (spot check of %d passed)", len(covered), len(sample))
    out = {h: shipped[h].tolist() for h in covered}
    out.update({h: v.tolist() for h, v in zip(sample, fresh, strict=True)})
    return out


def write_shipped(model_id: str, vectors: dict[str, list[float]]) -> Path:
    """Write hash → vector as the shipped file of ``model_id`` (float16: a few MB at most)."""
    path = shipped_path(model_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    hashes = sorted(vectors)
    np.savez_compressed(path, hashes=np.array(hashes),
                        vectors=np.asarray([vectors[h] for h in hashes], dtype=np.float16))
    return path
