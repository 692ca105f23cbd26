"""Whether a passage's text holds what a question names: a required word (or most of a long
word's characters), which sentences only name where they stand (headings, title lines), which
question nouns are no subject the gazette lacks (abbreviated titles, doubled verbs); and a
bounded memo for the tokens of texts that recur."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from functools import lru_cache

from assistant.spelling import covered
from corpus.headings import classify_heading
from corpus.model import Chunk
from corpus.text import compact, without_parentheses

# 「“二次划转”指本次划转的事项」: a sentence that defines a term states something, heading or not.
DEFINITION = re.compile(r"[“「]([^”」]{2,20})[”」](?:是指|系指|指|即)"
                        # 「打造“无差别、无障碍…”“可预期…”的“三无”“三可”营商环境」: quoted words, then 的
                        # and the quoted term they spell out (the first of several: 三无)
                        r"|[”」]的[“「]([^”」]{2,20})[”」]")
REDUPLICATED = re.compile(r"(.)\1")  # 问问, 看看: a verb said twice, not a thing the gazette lacks
MEMO_SIZE = 50_000  # texts whose tokens and pairs are remembered (about 1,000 passages and 10,000 sentences an issue)


def _char_overlap(token: str, text: str) -> float:
    """Share of a long token's character pairs found in ``text`` (资格证 → 资格).

    Two-character words get none: their single characters are everywhere (电动, 上牌).
    """
    if len(token) < 3:
        return 0.0
    grams = [token[i:i + 2] for i in range(len(token) - 1)]
    return sum(g in text for g in grams) / len(grams)


def names_its_place(sentence: str, chunk: Chunk) -> bool:
    """The sentence only names where it stands: the heading the passage sits under
    (「（一）建立健全公平竞争内部审查机制。」) or the document's title line with its 文号."""
    flat = compact(sentence).rstrip("。")
    label = chunk.heading
    if label and flat == compact(label).rstrip("。") and not DEFINITION.search(flat):  # 「2. “二次划转”指…」 states
        return True
    return chunk.doc_number in flat or (len(flat) >= 10 and flat in compact(chunk.title))


# The bodies a notice is addressed to, a line of their names ending in a colon: 「各县（市、区）人民
# 政府，经济开发区管委会，市直各有关单位：」. It greets; it states nothing.
_ADDRESSEE = re.compile(r"(?:政府|管委会|单位|部门|局|委员会|委|办|厅|处|室|会|支队|公司)$")


def addressee_names(line: str) -> list[str]:
    """The bodies ``line`` addresses when it is a line of addressees (「西山县人民政府：」), else []."""
    flat = compact(line)
    if not flat.endswith(("：", ":")):
        return []
    names = [n for n in re.split(r"[，,、]", without_parentheses(flat[:-1])) if n]
    return names if names and all(_ADDRESSEE.search(n) for n in names) else []


def addresses(sentence: str) -> bool:
    """Whether ``sentence`` is a notice's line of addressees (two bodies at least: in running text a
    single 「…局：」 is more often a label)."""
    return len(addressee_names(sentence)) >= 2


def has_term(term: str, have: AbstractSet[str], flat: str, query: str) -> bool:
    """Whether a passage has a required question word (or most of a long one's characters).

    A post and its deputy are different posts: 市长 inside 副市长 does not answer
    「市长是谁」 unless the question itself asks for the deputy.
    """
    if term not in have:
        return _char_overlap(term, flat) >= 0.5
    return f"副{term}" in query or re.search(f"(?<!副){re.escape(term)}", flat) is not None


def bare_heading(sentence: str) -> bool:
    """A heading line on its own (「（一）建立健全公平竞争内部审查机制」) states nothing, unless it counts."""
    if sentence.rstrip()[-1:] in "。；！？":  # 「2. “二次划转”指本次划转的事项。」 is a statement
        return False
    heading = classify_heading(sentence)
    return heading is not None and not heading.is_paragraph and not re.search(r"\d", sentence[2:])


def abbreviates(word: str, title: str) -> bool:
    """「教育规划」 for 「…教育改革与发展规划」: the word's characters stand in the title in order,
    starting and ending on two-character stretches of it (so a word is not made of stray characters)."""
    if len(word) < 4 or word[:2] not in title or word[-2:] not in title:
        return False
    rest = iter(title[title.index(word[:2]) + 2:])
    return all(ch in rest for ch in word[2:])


def initials_of(word: str, words: list[str]) -> bool:
    """「文旅」 for 文化 旅游, 「发改委」 for 发展 改革 委员会: the word's characters begin consecutive
    ``words`` (a title cut into words, in order), or pieces of one long word (卫健委 in
    卫生健康委员会), the way Chinese shortens a name."""
    n = len(word)
    if n < 2 or n > 4:
        return False
    if any(all(len(words[i + k]) >= 2 and words[i + k][0] == word[k] for k in range(n))
           for i in range(len(words) - n + 1)):
        return True
    # A name the vocabulary keeps whole (市卫生健康委员会): each character begins a piece of it, from its
    # start. Three characters at least: two (安全) begin pieces of too many phrases (安排全面).
    if n < 3:
        return False
    inside = _pieces_pattern(word)
    return any(len(w) > n + 1 and inside.search(w) for w in words)


@lru_cache(maxsize=1024)
def _pieces_pattern(word: str) -> re.Pattern[str]:
    """Each character of ``word`` beginning a piece of a name, from the name's start (after 市 or 县)."""
    return re.compile("^[市县区省]?" + "".join(f"{re.escape(c)}[\u4e00-\u9fff]{{1,3}}?" for c in word[:-1])
                      + re.escape(word[-1]))


def covered_by(text: str, parts: list[str]) -> bool:
    """Whether every character of ``text`` is in one of ``parts`` written in it (成员名单: 成员, 名单)."""
    return bool(text) and all(covered(text, parts))


def remember(memo: dict, key: str, make):
    """``memo[key]``, made on first use; the memo is emptied when full (bounded memory)."""
    value = memo.get(key)
    if value is None:
        if len(memo) >= MEMO_SIZE:
            memo.clear()
        value = memo[key] = make()
    return value
