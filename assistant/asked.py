"""What a question asks, as the answer step weighs it: a follow-up with its context, a long
question without the asker's background, and the document names it mentions left out."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from assistant.analysis import QuestionAnalysis
from assistant.conversation import Rewrite
from assistant.matching import covered_by
from corpus.headings import heading_name
from corpus.model import Chunk
from corpus.text import cn_number, compact, quoted_names

LATIN_WORD = re.compile(r"\b[A-Za-z]+\b")
_MIN_NAMED_HEADING = 3  # characters: a heading the question names (应急保障组), not a word of it
_MAX_WORDED_HEADING = 8  # characters of a heading the question may name word by word (its search-mode tokens)


def without_names(analysis: QuestionAnalysis, names: list[str]) -> QuestionAnalysis:
    """The analysis without the document names the question mentions (《西山县…方案》批准后…):
    retrieval already went to that document, and every passage of it shares those words."""
    focus, asking = analysis.focus, analysis.asking
    for name in sorted(names, key=len, reverse=True):
        focus, asking = focus.replace(name, " "), asking.replace(name, " ")
    if len(compact(re.sub(r"[《》“”\s]", "", focus))) < 2:
        return analysis
    return replace(analysis, focus=focus, asking=asking)


def own_words(rewrite: Rewrite, analysis: QuestionAnalysis) -> str | None:
    """What weighs fully: a follow-up's own words, or the clauses of a long question that ask."""
    if rewrite.previous:
        return rewrite.focus
    return analysis.asking or None


def asked_text(rewrite: Rewrite, analysis: QuestionAnalysis) -> str:
    """What evidence must cover: the follow-up with its context, or the question without the asker's background.

    English words are left out: the gazette's few English words (「and」 in a sentence, a
    pinyin masthead) would match them by accident. Codes, numbers and any Chinese stay.
    """
    asked = asked_source(rewrite, analysis)
    return LATIN_WORD.sub(" ", asked) if analysis.is_english else asked


def asked_source(rewrite: Rewrite, analysis: QuestionAnalysis) -> str:
    """The follow-up with its context, or the question's focus, as written (English words too)."""
    # A reference resolved to a document is searched inside it: the title words place, the rest asks.
    return rewrite.query if rewrite.previous and not rewrite.documents else analysis.focus


# 「要求注重哪些方面」「坚持啥理念」「由谁来举办大讲堂」: the words on either side of the
# interrogative say what the answer does or is, and the sentence that answers writes them.
_AROUND_ASKED = re.compile(r"([\u4e00-\u9fff]{0,8}?)"
                           r"(?:哪些|哪几|哪种|哪类|哪项|哪个|哪儿|哪里|何种|何人|何处|什么|啥|谁|多少|多久|多长|几|如何|怎么|怎样)"
                           r"([\u4e00-\u9fff]{0,4})")
# Words before an interrogative that only carry the asking (要, 都, 具体, 是 — 「目标是多少」 asks the
# 目标): passed over.
_FRAME_BEFORE = frozenset(
    "是 要 分别 都 主要 具体 应该 应当 需要 需 由 在 的 了 会 能 可以 还 又 给 找 归 叫 现在 目前 通常 最 "
    "属于 为 成 让 来 去 到 从 对 把 和 与 及 一般 大概 都是 都有 一共 总共 共 有关 相关 那 这 那个 这个 "
    "其中 里 中 上 下 时 时候".split())
# A generic predicate right before it (「要做哪些工作」, 「包括什么」): nothing specific is asked of the
# answer, and the words further back are the topic, not what the answer does.
_GENERIC_BEFORE = frozenset("有 做 搞 弄 干 办 包括 包含 要求 说 讲 提 提出 规定 明确 列 列了 采取 开展".split())
_FRAME_AFTER = frozenset("方面 内容 东西 事 事情 情况 问题 时候 时间 部门 单位 人 意思 地方 样 样子 些 个 "
                         "呢 啊 呀 吗 了 的 是 要求 规定 措施 工作 吧 哈 来 去".split())
_LOOK_BACK = 3  # words before the interrogative searched for one that is not a frame


def _predicate_before(words: list[str]) -> str | None:
    """The last word before the interrogative that says what the answer does, past the words that
    only carry the asking; None at a generic predicate."""
    for word in reversed(words[-_LOOK_BACK:]):
        if word in _GENERIC_BEFORE:
            return None
        if word not in _FRAME_BEFORE:
            return word
    return None


def anchor_words(question: str, words: Callable[[str], list[str]], known: Callable[[str], bool]) -> tuple[str, ...]:
    """The gazette words right before and right after the question's interrogative, skipping
    the words that only frame it (「要求注重哪些方面」 → 注重; 「坚持啥理念」 → 坚持, 理念)."""
    found: list[str] = []
    for before, after in _AROUND_ASKED.findall(question):
        left = [w for w in words(before) if w.strip()]
        right = [w for w in words(after) if w.strip()]
        candidates = [_predicate_before(left)]
        if right and right[0] not in ("是", "的"):  # 「什么是…」, 「谁的…」: what follows is no part of it
            candidates.append(next((w for w in right if w not in _FRAME_AFTER), None))
        found.extend(w for w in candidates if w and len(w) >= 2 and known(w))
    return tuple(dict.fromkeys(found))


def named_own_heading(chunk: Chunk, asked_flat: str, words: Callable[[str], list[str]] | None = None) -> str:
    """The passage's own heading (「2.3.4 应急保障组」 → 应急保障组) when the question names it
    whole, or a short heading by each of its words (「主要承担哪些职责」 names 主要职责), else "":
    then the passage's lines (「牵头单位：…」) are about what is asked."""
    own = heading_name(chunk.heading) if chunk.kind == "text" else ""
    # A shorter heading counts when the question quotes it as a name (「说的那个“一核”」).
    if len(own) < _MIN_NAMED_HEADING and compact(own) not in quoted_names(asked_flat):
        return ""
    if compact(own) in asked_flat:
        return own
    if words is None or len(own) > _MAX_WORDED_HEADING:
        return ""
    flat, title = compact(own), compact(chunk.title)
    named = [w for w in words(flat) if 2 <= len(w) < len(flat) and w in asked_flat]
    # Words of the document's title name the document, not this heading (every clause of a reply,
    # 「一、同意你县所报的《西山县…方案》」, repeats them): one word at least must be the heading's own.
    return own if covered_by(flat, named) and any(w not in title for w in named) else ""


_LABEL_LINE = re.compile(r"^([\u4e00-\u9fff]{2,8})[：:]\s*\S{4,}")  # 「中药材：白芍、连翘…」


def labelled_as_asked(text: str, asked_flat: str) -> float:
    """1 for a line that is a label and what it labels (「中药材：白芍、连翘、柴胡…」) when the
    question names the label (「本地中药材特产」): as a member line is for a post, the line is the
    answer, though it shares few words with the question."""
    label = _LABEL_LINE.match(text.strip())
    return float(label is not None and label.group(1) in asked_flat)


# 「批复第二条提了哪几个“注重”」: a numbered part of a document named by its number (not a table's
# 第N项, a row, nor a chapter, which ``assistant.outline`` reads)
_PART_NUMBER_ASKED = re.compile(r"第([一二三四五六七八九十\d]{1,3})(?:条|部分|点|段|款)")
# a document's top-level part: 「二、…」, or an article 「第二条 …」 (not a sub-item 「（二）」 or 「2.」)
_HEADING_NUMBER = re.compile(r"^\s*(?:([一二三四五六七八九十]{1,3})、|第([一二三四五六七八九十\d]{1,3})条)")


def numbered_as_asked(chunk: Chunk, asked_flat: str) -> float:
    """1 for a passage under the numbered heading the question names by its number (「第二条」 and
    「二、你县要坚持…」): the part the asker read."""
    asked = _PART_NUMBER_ASKED.search(asked_flat)
    if asked is None or chunk.kind != "text":
        return 0.0
    own = _HEADING_NUMBER.match(chunk.heading)
    number = cn_number(asked.group(1))
    return float(own is not None and number is not None and cn_number(own.group(1) or own.group(2)) == number)

