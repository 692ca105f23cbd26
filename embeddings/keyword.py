"""Keyword search: BM25 (bm25s, sparse matrices) over jieba tokens.

jieba's general dictionary splits government vocabulary badly (市行政审批服务管理局,
文号), so the gazette's own terms are added to a private tokenizer: department names,
文号 and table cells found in the indexed chunks. The vocabulary is saved with the index so
queries are tokenised exactly as the passages were.
"""

from __future__ import annotations

import functools
import json
import logging
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np

from corpus.docnumber import DOC_NUMBER_RE

ORGANISATION = re.compile(r"(?:市|县|区)[\u4e00-\u9fff]{1,14}?(?:局|委员会|委|办公室|办|中心|分局|公司|集团)")
# Letters and digits stay together: 4A (景区), G55, 5G and PM2.5 are names, not noise.
_WORD = re.compile(r"[\u4e00-\u9fff]+|[A-Za-z0-9]+(?:\.\d+)?")
_STOP = set(
    "的 了 和 与 及 或 是 在 对 为 等 由 将 把 被 于 以 之 其 并 也 都 而 中 上 下 个 这 那 哪 什么 怎么 怎么办 怎样 "
    "吗 呢 吧 啊 谁 哪些 哪个 哪里 哪儿 哪天 多少 如何 是否 有 没有 还 还没 没 请问 一下 现在 我 我们 你 要 能 可以 "
    "需要 拿到 想 问 知道 告诉 一共 分别 几 么 时候 什么时候 还是 意思 归 归谁 几号 搞 讲 随便 办 去 来 "
    "呀 哦 嘛 该 得 着 过 给 让 被 就 才 又 再 很 最 更".split()
)


# Words of official documents that jieba's general dictionary splits or glues wrongly
# (「专班组长」 must give 专班 + 组长). A gazette's own subjects add theirs (the profile's ``terms``).
GAZETTE_TERMS = (
    "文号 组长 副组长 常务副组长 组员 专班 工作专班 牵头单位 责任单位 成员单位 指挥长 副指挥长 指挥部 "
    "办公室主任 副主任 负责解读"
).split()


_ENUM = re.compile(r"^(?:[（(]?[一二三四五六七八九十\d.]+[）)、.]?\s*|第[一二三四五六七八九十]+[章节]\s*)")


def extract_vocabulary(texts: list[str], headings: Sequence[str] = (), terms: Sequence[str] = ()) -> list[str]:
    """Terms to teach jieba: organisations, 文号, short table cells and short heading labels, and
    ``terms``, the gazette's own subject words."""
    vocab: set[str] = set(GAZETTE_TERMS) | set(terms)
    for heading in headings:
        label = _ENUM.sub("", heading.strip())
        if 2 <= len(label) <= 8 and re.fullmatch(r"[\u4e00-\u9fff]+", label):
            vocab.add(label)
    for text in texts:
        vocab.update(m.group(0) for m in ORGANISATION.finditer(text))
        vocab.update(m.group(0) for m in DOC_NUMBER_RE.finditer(text))
        for cell in re.split(r"[｜；]", text):
            value = cell.split("：", 1)[-1].strip()
            if 2 <= len(value) <= 12 and re.fullmatch(r"[\u4e00-\u9fff]+", value):
                vocab.add(value)
    return sorted(vocab)


_COMMON_FREQ = 5000  # jieba dictionary count: 应该 has about 21,000, 审批 about 1,000, 压采 none
# An everyday word a citizen writes (同事 2,249, 家长 2,998) is meant, though a gazette word
# sounds the same (同时): never a typo, though not so common that it names no topic (教育 does).
_EVERYDAY_FREQ = 1500
# Texts whose tokens are remembered: the answer step tokenises the same retrieved passages and
# their sentences question after question. Bounded: a passage's tokens take a few kB.
TOKEN_CACHE_SIZE = 16_384
TAG_CACHE_SIZE = 4_096  # questions (and their parts) whose tagged words are remembered


class Tokenizer:
    """A jieba tokenizer of its own (no global state) with the gazette vocabulary."""

    def __init__(self, vocabulary: list[str]) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        self._jieba = jieba.Tokenizer()
        for word in vocabulary:
            self._jieba.add_word(word, freq=2000)
        self.vocabulary = vocabulary
        self._gazette_words = frozenset(vocabulary)
        self._pos: Any = None  # jieba's POSTokenizer (untyped), built on first use
        self._cached_tokens = functools.lru_cache(maxsize=TOKEN_CACHE_SIZE)(self._tokens)
        self._cached_words = functools.lru_cache(maxsize=TOKEN_CACHE_SIZE)(self._words)
        # A question's nouns are asked for two or three times while it is answered (its topic, the
        # nouns the gazette lacks); jieba's tagger is the slowest of its cuts.
        self._cached_tags = functools.lru_cache(maxsize=TAG_CACHE_SIZE)(self._tags)

    def is_word(self, token: str) -> bool:
        """True for a dictionary word; false for a piece glued by jieba's HMM (前要, 天发)."""
        self._jieba.check_initialized()
        return bool(self._jieba.FREQ.get(token))

    def is_common(self, token: str, at_least: int = _COMMON_FREQ) -> bool:
        """A frequent word of the language in jieba's dictionary (应该, 可以): never a typo. Not
        a word of the gazette's own vocabulary (压采, 专班), whose count the vocabulary sets."""
        self._jieba.check_initialized()
        return token not in self._gazette_words and self._jieba.FREQ.get(token, 0) >= at_least

    def is_everyday(self, token: str) -> bool:
        """A word of everyday language (同事, 家长): never a typo of a gazette word."""
        return self.is_common(token, _EVERYDAY_FREQ)

    def is_glue(self, token: str) -> bool:
        """A piece jieba's HMM glued from a function word and its neighbour (要建, 天发, 哪办)."""
        return not self.is_word(token) and any(ch in _STOP for ch in token)

    def words(self, text: str) -> list[str]:
        """``text`` cut into words (jieba, precise mode, with the gazette vocabulary): every
        character in exactly one word, so joining them gives the text back. Remembered per text,
        as ``tokens`` are; a fresh list each call."""
        return list(self._cached_words(text))

    def _words(self, text: str) -> tuple[str, ...]:
        return tuple(self._jieba.lcut(text))

    def nouns(self, text: str) -> list[str]:
        """The nouns of ``text`` (jieba's part-of-speech tags n*, with the gazette vocabulary).
        Remembered per text (bounded, thread-safe); a fresh list each call."""
        return [word for word, tag in self._cached_tags(text) if tag.startswith("n")]

    def verbs(self, text: str) -> list[str]:
        """The verbs of ``text`` (tags v*), as ``nouns``."""
        return [word for word, tag in self._cached_tags(text) if tag.startswith("v")]

    def places(self, text: str) -> list[str]:
        """The place names of ``text`` (tag ns: 西山县, 东城区), as ``nouns``."""
        return [word for word, tag in self._cached_tags(text) if tag == "ns"]

    def _tags(self, text: str) -> tuple[tuple[str, str], ...]:
        """The words of two characters or more with their part-of-speech tags."""
        if self._pos is None:
            from jieba.posseg import POSTokenizer

            self._pos = POSTokenizer(self._jieba)
        return tuple((w.word, w.flag) for w in self._pos.lcut(text) if len(w.word) >= 2)

    def tokens(self, text: str) -> list[str]:
        """The BM25 tokens of ``text`` (jieba search mode, lower case, stop words dropped).

        Remembered per text (bounded, thread-safe): jieba is most of the answer step's own time,
        and the same passages come back for many questions. A fresh list each call.
        """
        return list(self._cached_tokens(text))

    def _tokens(self, text: str) -> tuple[str, ...]:
        out: list[str] = []
        for word in self._jieba.lcut_for_search(text):
            word = word.strip().lower()
            if word and word not in _STOP and _WORD.fullmatch(word):
                out.append(word)
        return tuple(out)


class KeywordIndex:
    """BM25 over a fixed list of chunk ids, and the term statistics the answer step weighs with.

    The public interface is what callers need (tokens, words, nouns, word tests, document
    frequency, idf, scores); the tokenizer, the BM25 model and the frequency table are internal.
    """

    def __init__(self, tokenizer: Tokenizer, bm25, ids: list[str], doc_freq: dict[str, int]) -> None:
        self._tokenizer = tokenizer
        self._bm25 = bm25
        self.ids = ids  # the chunk id of each position of ``scores``
        self._doc_freq = doc_freq  # chunks containing each token: term weights for answer selection

    # -- tokens and words (the index's own tokenizer, with the gazette vocabulary) ---------------
    def tokens(self, text: str) -> list[str]:
        """The BM25 tokens of ``text``, as passages were indexed (see ``Tokenizer.tokens``)."""
        return self._tokenizer.tokens(text)

    def words(self, text: str) -> list[str]:
        """``text`` cut into words; joining them gives the text back (see ``Tokenizer.words``)."""
        return self._tokenizer.words(text)

    def nouns(self, text: str) -> list[str]:
        """The nouns of ``text`` of two characters or more (see ``Tokenizer.nouns``)."""
        return self._tokenizer.nouns(text)

    def verbs(self, text: str) -> list[str]:
        """The verbs of ``text`` of two characters or more (see ``Tokenizer.verbs``)."""
        return self._tokenizer.verbs(text)

    def places(self, text: str) -> list[str]:
        """The place names of ``text`` (see ``Tokenizer.places``)."""
        return self._tokenizer.places(text)

    def is_word(self, token: str) -> bool:
        """True for a dictionary word; false for a piece glued by jieba's HMM."""
        return self._tokenizer.is_word(token)

    def is_common(self, token: str) -> bool:
        """A frequent word of the language (应该, 可以): never a typo, never a topic."""
        return self._tokenizer.is_common(token)

    def is_everyday(self, token: str) -> bool:
        """A word of everyday language (同事, 家长): never a typo, but it may be a topic."""
        return self._tokenizer.is_everyday(token)

    def is_glue(self, token: str) -> bool:
        """A piece glued from a function word and its neighbour (要建, 天发, 哪办)."""
        return self._tokenizer.is_glue(token)

    # -- term statistics --------------------------------------------------------------------------
    def document_frequency(self, token: str) -> int:
        """How many indexed chunks contain ``token`` (0: the gazette never uses it)."""
        return self._doc_freq.get(token, 0)

    def term_frequencies(self) -> Mapping[str, int]:
        """Every indexed token with its document frequency (read-only, in index order)."""
        return MappingProxyType(self._doc_freq)

    def idf(self, token: str) -> float:
        """Inverse document frequency; a token the index never saw weighs most.

        That is deliberate: a subject word the gazette never uses (新生儿, 最低工资) is the
        best sign that a question is not answerable here. Colloquial filler words are in
        the stop list so they do not count against answerable questions.
        """
        return math.log((len(self.ids) + 1) / (self._doc_freq.get(token, 0) + 1)) + 1.0

    @classmethod
    def build(cls, ids: list[str], texts: list[str], headings: Sequence[str] = (),
              terms: Sequence[str] = ()) -> KeywordIndex:
        import bm25s

        tokenizer = Tokenizer(extract_vocabulary(texts, headings, terms))
        logging.getLogger("bm25s").setLevel(logging.WARNING)
        # Not through the cache: every passage once, and the cache would only hold the last ones.
        tokenized = [list(tokenizer._tokens(t)) or ["∅"] for t in texts]
        bm25 = bm25s.BM25()
        bm25.index(tokenized, show_progress=False)
        return cls(tokenizer, bm25, ids, dict(Counter(tok for toks in tokenized for tok in set(toks))))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self._bm25.save(str(folder / "bm25"))
        (folder / "keyword.json").write_text(
            json.dumps({"ids": self.ids, "vocabulary": self._tokenizer.vocabulary, "doc_freq": self._doc_freq},
                       ensure_ascii=False), "utf-8")

    @classmethod
    def load(cls, folder: Path) -> KeywordIndex:
        import bm25s

        meta = json.loads((folder / "keyword.json").read_text("utf-8"))
        bm25 = bm25s.BM25.load(str(folder / "bm25"), mmap=False)
        return cls(Tokenizer(meta["vocabulary"]), bm25, meta["ids"], meta.get("doc_freq", {}))

    def containing(self, token: str) -> np.ndarray:
        """Positions (in ``ids``) of the chunks that contain ``token``."""
        if token not in self._bm25.vocab_dict:
            return np.zeros(0, dtype=np.int64)
        return np.flatnonzero(self._bm25.get_scores([token]))

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every indexed chunk for ``query`` (aligned with ``ids``)."""
        tokens = [t for t in self._tokenizer.tokens(query) if t in self._bm25.vocab_dict]
        if not tokens:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)
