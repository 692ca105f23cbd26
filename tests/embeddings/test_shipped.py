"""Shipped embeddings are used only when a spot check against the model agrees."""

import numpy as np
import pytest

from embeddings import shipped
from embeddings.cache import EmbeddingCache, embed_with_cache, text_hash


class CountingModel:
    """A deterministic stand-in: a text's vector depends on its length (and the model's seed)."""

    model_id = "test/counting"
    dim = 4

    def __init__(self, seed: float = 1.0) -> None:
        self.seed = seed
        self.embedded = 0

    def embed_documents(self, texts):
        self.embedded += len(texts)
        return [list(np.array([len(t), self.seed, 1.0, 2.0]) / np.linalg.norm([len(t), self.seed, 1.0, 2.0]))
                for t in texts]


def test_shipped_vectors_skip_embedding(tmp_path, monkeypatch):
    monkeypatch.setattr(shipped, "SHIPPED_DIR", tmp_path / "shipped")
    texts = [f"第{i}段" * (i + 1) for i in range(10)]
    model = CountingModel()
    vectors = model.embed_documents(texts)
    shipped.write_shipped(model.model_id, {text_hash(t): v for t, v in zip(texts, vectors, strict=True)})
    fresh = CountingModel()
    cache = EmbeddingCache(tmp_path / "cache.sqlite")
    vectors, new = embed_with_cache(fresh, texts + ["新的一期"], cache)
    assert new == 1  # only the text that was not shipped
    assert fresh.embedded == shipped.SPOT_CHECKS + 1
    assert np.allclose(vectors[0], model.embed_documents(texts[:1])[0], atol=1e-3)


def test_a_mismatching_model_discards_the_shipped_file(tmp_path, monkeypatch):
    monkeypatch.setattr(shipped, "SHIPPED_DIR", tmp_path / "shipped")
    texts = [f"段落{i}" * (i + 1) for i in range(6)]
    vectors = CountingModel().embed_documents(texts)
    shipped.write_shipped("test/counting", {text_hash(t): v for t, v in zip(texts, vectors, strict=True)})
    other = CountingModel(seed=50.0)  # same id, different vectors: another build of the model
    _, new = embed_with_cache(other, texts, EmbeddingCache(tmp_path / "cache.sqlite"))
    assert new == len(texts)


def test_the_bundled_issue_is_shipped_for_the_default_model():
    from embeddings.models import E5Embeddings

    assert shipped.shipped_path(E5Embeddings.model_id).is_file()


@pytest.mark.real_model
def test_refresh_shipped_writes_the_bundled_issue_for_the_settings_model(tmp_path, monkeypatch):
    """`gazette refresh-shipped` (now in the application layer): every passage and sentence of
    the bundled issue, embedded once with the chosen model, lands in that model's shipped file."""
    from assistant import cli
    from corpus.parse import SAMPLE_ISSUE, parse_issue
    from embeddings.index import embedding_text, indexed_sentences

    monkeypatch.setattr(shipped, "SHIPPED_DIR", tmp_path / "shipped")
    monkeypatch.setattr("embeddings.models.load_embeddings", lambda settings: CountingModel())
    monkeypatch.setenv("GAZETTE_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "data").mkdir()
    assert cli.main(["refresh-shipped"]) == 0
    chunks = parse_issue(SAMPLE_ISSUE).chunks
    texts = [embedding_text(c) for c in chunks] + indexed_sentences(chunks)
    written = shipped.load_shipped("test/counting")
    assert set(written) == {text_hash(t) for t in texts}
    longest = max(texts, key=len)
    assert np.allclose(written[text_hash(longest)], CountingModel().embed_documents([longest])[0], atol=1e-3)
