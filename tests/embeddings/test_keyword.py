"""The keyword index's public interface (tokens, term statistics) and the index's chunk lookups.

No embedding model: BM25 and the lookups are built straight from the parsed sample issue.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from corpus.profile import load_profile
from embeddings.index import GazetteIndex, IndexManifest
from embeddings.keyword import KeywordIndex


@pytest.fixture(scope="module")
def keyword(parsed) -> KeywordIndex:
    texts = [f"{c.doc_number} {c.title} {c.section} {c.text}" for c in parsed.chunks]
    # the shipped profile's subject words (压采 …) are kept whole, as ingest keeps them
    return KeywordIndex.build([c.id for c in parsed.chunks], texts, [c.section for c in parsed.chunks],
                              load_profile().terms)


def test_document_frequency_counts_the_chunks_that_hold_a_token(keyword, parsed):
    texts = [f"{c.doc_number} {c.title} {c.section} {c.text}" for c in parsed.chunks]
    holding = sum("压采" in keyword.tokens(t) for t in texts)
    assert holding > 0
    assert keyword.document_frequency("压采") == holding
    assert keyword.term_frequencies()["压采"] == holding
    assert keyword.document_frequency("新生儿") == 0 and "新生儿" not in keyword.term_frequencies()


def test_the_chunks_containing_a_token_are_those_that_count_for_its_frequency(keyword, parsed):
    texts = [f"{c.doc_number} {c.title} {c.section} {c.text}" for c in parsed.chunks]
    positions = keyword.containing("压采")
    assert len(positions) == keyword.document_frequency("压采")
    assert all("压采" in keyword.tokens(texts[i]) for i in positions)
    assert {parsed.chunks[i].doc_number for i in positions} == {"朔政办发〔2022〕27号"}
    assert len(keyword.containing("新生儿")) == 0


def test_idf_weighs_a_token_the_gazette_never_uses_most(keyword, parsed):
    n = len(parsed.chunks)
    assert keyword.idf("新生儿") == pytest.approx(math.log(n + 1) + 1.0)
    assert keyword.idf("压采") < keyword.idf("新生儿")
    assert keyword.idf("压采") == pytest.approx(math.log((n + 1) / (keyword.document_frequency("压采") + 1)) + 1.0)


def test_tokens_and_words_use_the_gazette_vocabulary(keyword):
    assert "5a" in keyword.tokens("朔州有哪些5A级景区")  # letters and digits stay one token
    assert "专班" in keyword.tokens("专班组长是谁") and "组长" in keyword.tokens("专班组长是谁")
    assert "".join(keyword.words("市水利局负责技术指导")) == "市水利局负责技术指导"
    assert keyword.is_word("压采") and keyword.is_common("可以") and not keyword.is_common("压采")
    # everyday words a citizen writes are never typos, whatever gazette word sounds like them (同时)
    assert all(map(keyword.is_everyday, ["同事", "老板", "家长", "师傅"])) and not keyword.is_everyday("申批")
    assert "的" not in keyword.tokens("地下水的压采")  # stop words are not tokens


def test_internals_are_not_public(keyword):
    for name in ("tokenizer", "doc_freq", "bm25"):
        assert not hasattr(keyword, name)
    with pytest.raises(TypeError):
        keyword.term_frequencies()["压采"] = 0  # a read-only view


def test_saved_index_keeps_tokens_and_statistics(keyword, tmp_path: Path):
    keyword.save(tmp_path)
    again = KeywordIndex.load(tmp_path)
    question = "谁负责地下水压采的技术指导和监督"
    assert again.tokens(question) == keyword.tokens(question)
    assert dict(again.term_frequencies()) == dict(keyword.term_frequencies())
    assert list(again.scores(question)) == pytest.approx(list(keyword.scores(question)))


def test_chunk_lookups_agree_with_the_chunk_list(parsed):
    index = GazetteIndex(Path("."), IndexManifest("g", "m", 1, "c", [], len(parsed.chunks), ""), parsed.chunks,
                         [], vectors=None, keyword=None)
    numbers = {c.doc_number for c in parsed.chunks}
    assert len(numbers) > 1
    for number in numbers:
        own = [c for c in parsed.chunks if c.doc_number == number]
        assert list(index.chunks_of(number)) == own
        for chunk in own:
            assert index.chunk(chunk.id) is chunk
            assert index.chunk_at(number, chunk.start) in own
            assert index.chunk_at(number, chunk.start).start <= chunk.start
    assert index.chunks_of("不存在〔2022〕1号") == ()
    assert index.chunk_at("不存在〔2022〕1号", 0) is None
