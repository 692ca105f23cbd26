"""A section whose sub-headings are the answer.

Plans list their parts as headings: 「（三）三龙头」 has the sub-sections 「1. 东湖古塔」,
「2. 西山（古道风情）景区」, 「3. 长城国家文化公园」, each with paragraphs of its own.
「三龙头是哪三个」 or 「有哪些基本原则」 is answered by those headings, which no single
sentence states. Section paths come from the chunker (「规划 › （三）三龙头 › 1. 东湖古塔」).

A section without sub-headings may still list its parts as run-in heads: each paragraph of
「（二）基本原则」 opens with a short sentence that names the principle (「总量控制，计划开采。」,
「——**坚持对表对标**。」) and goes on to explain it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from assistant.analysis import INTERROGATIVE
from assistant.evidence import coverage
from corpus.headings import heading_name
from corpus.model import Chunk

SEPARATOR = " › "
MAX_CHILDREN = 12
HITS = 3  # the documents of the best few passages are searched for the heading
MIN_COVERAGE = 0.75  # of the question's words beyond the title (by idf), the heading holds this share
ASKS_PARTS = re.compile(r"哪些|哪几|哪[一二两三四五六七八九十]|几个|几项|几大|几类|包括|包含|有什么")
# 「三个」, 「几项」 count what is asked; they name no part of the document.
_COUNTED_NAME = re.compile(r"[一二两三四五六七八九十]+[\u4e00-\u9fff“”\"]")
# 「…是啥」, 「…指什么」, 「…什么意思」 at the end: asks what a thing is, and nothing else of it.
_WHAT_IS = re.compile(r"(?:(?:是|指|叫|即)(?:的是)?(?:什么|啥|哪些|何)(?:意思)?|什么意思|啥意思)"
                      r"(?=[呢啊呀吗？?。！!\s]*$)")
_QUOTES = re.compile(r"[“”\"《》「」‘’\s]")
_PERIOD = re.compile(r"十[一二三四五六七八九]五")  # 十四五 is a plan period, not a count of parts
COUNT_WORD = re.compile(r"[一二两三四五六七八九十几\d]+[个项条类种大方面点部分]?")
# Words that say how a document states its parts (「确立了哪些原则」, 「组织保障方面有哪几项要求」):
# the heading names the parts, never these.
_REPORTING = frozenset("确立 确定 提出 明确 规定 坚持 遵循 设立 制定 列出 包括 包含 方面 要求 内容".split())
MAX_RUN_IN = 32  # characters: a run-in head names its part; a longer first sentence already explains it
_RUN_IN = re.compile(rf"^(?:——)?(?:\*\*)?([^。！？；\n]{{2,{MAX_RUN_IN}}}?)(?:\*\*)?。")
_MARKS = re.compile(r"\*\*")
MAX_BODY = 120  # characters: a section this short is quoted whole when its heading is asked for
_EXPLAINED = 4  # characters after the head: a paragraph that stops at its first sentence has no head


def asks_for_parts(question: str, definition: bool = False) -> bool:
    """「有哪些」, 「是哪三个」, 「包括什么」: the question asks for the parts of something; so does a
    question what a counted name is, or the bare name (``definition``: 「三无三可指什么」,
    「三龙头是啥」, 「立德树人五大工程」), which stands for its parts."""
    if ASKS_PARTS.search(question):
        return True
    asks_what = _WHAT_IS.search(question)
    if asks_what:
        named = question[:asks_what.start()]
    elif not INTERROGATIVE.search(question):
        named = question  # a bare name typed as the whole question: 「立德树人五大工程」
    else:
        return False
    return bool(definition and _COUNTED_NAME.search(_PERIOD.sub("", named)))


def named_heading(sections: list[str], words: dict[str, float], title: frozenset[str] | Callable[[str], bool],
                  tokens: Callable[[str], frozenset[str]]) -> str | None:
    """The first section path whose own heading holds ``MIN_COVERAGE`` of the question's
    ``words`` (idf-weighted) that the document's ``title`` does not already account for (its
    words, or a test that a word is the title's: 文旅 abbreviates its 文化旅游). Every such word
    counts, common ones too, so 「保障措施中对资金有什么要求」 is no question about the headings
    under 保障措施. A word written in the heading counts even where the heading's quotes cut it
    into pieces (三无三可 in 「打造“三无”“三可”营商环境品牌」)."""
    in_title = title.__contains__ if isinstance(title, frozenset) else title
    own = {w: idf for w, idf in words.items()
           if not in_title(w) and len(w) > 1 and not COUNT_WORD.fullmatch(w) and w not in _REPORTING}
    if not own:
        return None
    for path in sections:
        label = path.rsplit(SEPARATOR, 1)[-1]
        flat = _QUOTES.sub("", label)
        if coverage(own, tokens(label) | {w for w in own if w in flat}) >= MIN_COVERAGE:
            return path
    return None


def ancestors(section: str) -> list[str]:
    """The section paths above and including ``section``, deepest first."""
    parts = section.split(SEPARATOR)
    return [SEPARATOR.join(parts[:n]) for n in range(len(parts), 0, -1)]


def parents_by_document(chunks: Iterable[Chunk]) -> dict[str, list[str]]:
    """Each document's section paths that have sub-sections, in document order (not a root that
    is the plan's own title, which would list everything; a notice's 「四、加强组织保障」 is a
    root with a number, and a part like any other)."""
    found: dict[str, dict[str, None]] = {}
    for chunk in chunks:
        paths = ancestors(chunk.section)[1:]
        if paths and heading_name(paths[-1]) == paths[-1]:
            paths = paths[:-1]
        for parent in reversed(paths):
            found.setdefault(chunk.doc_number, {})[parent] = None
    return {number: list(paths) for number, paths in found.items()}


def leaves_by_document(chunks: Iterable[Chunk]) -> dict[str, list[str]]:
    """Each document's section paths without sub-sections, in document order (not the root)."""
    parents = parents_by_document(chunks)
    found: dict[str, dict[str, None]] = {}
    for chunk in chunks:
        numbered_root = heading_name(chunk.section) != chunk.section  # 「一、划转原则和范围」 of a notice
        if (SEPARATOR in chunk.section or numbered_root) and chunk.section not in parents.get(chunk.doc_number, ()):
            found.setdefault(chunk.doc_number, {})[chunk.section] = None
    return {number: list(paths) for number, paths in found.items()}


def children(chunks: Iterable[Chunk], doc_number: str, parent: str) -> list[tuple[str, Chunk]]:
    """The sub-headings right under ``parent`` in document order, each with its first passage."""
    prefix = parent + SEPARATOR
    found: dict[str, Chunk] = {}
    for chunk in chunks:
        if chunk.doc_number == doc_number and chunk.section.startswith(prefix):
            found.setdefault(chunk.section[len(prefix):].split(SEPARATOR)[0], chunk)
    return list(found.items())[:MAX_CHILDREN]


def run_in_heads(chunks: Iterable[Chunk], section: str) -> list[tuple[str, str, Chunk]]:
    """The run-in heads of the paragraphs of ``section`` (a section path), in order, each as
    (the head, its verbatim quote, its passage); [] unless most paragraphs open with one.

    A paragraph that holds nothing but its first sentence is not a head and its explanation:
    it is a sentence of its own (or a piece of one broken by a page).
    """
    label = section.rsplit(SEPARATOR, 1)[-1]
    paragraphs = [(line.strip(), chunk) for chunk in chunks if chunk.section == section and chunk.kind == "text"
                  for line in chunk.text.split("\n")[1 if chunk.text.startswith(label) else 0:] if line.strip()]
    heads = []
    for line, chunk in paragraphs:
        match = _RUN_IN.match(line)
        if match and len(line) > match.end() + _EXPLAINED:
            heads.append((_MARKS.sub("", match.group(1)).strip(), match.group(0).removeprefix("——"), chunk))
    return heads[:MAX_CHILDREN] if len(heads) >= 2 and 3 * len(heads) >= 2 * len(paragraphs) else []


def short_body(chunks: Iterable[Chunk], section: str) -> tuple[str, Chunk] | None:
    """The whole text under ``section`` (heading line off) when it is one short passage:
    「1.3 工作原则」 states its principles in one sentence, 「坚持以人为本、预防为主；统一领导、…的原则。」"""
    own = [chunk for chunk in chunks if chunk.section == section and chunk.kind == "text"]
    if len(own) != 1:
        return None
    lines = own[0].text.split("\n")
    label = section.rsplit(SEPARATOR, 1)[-1]
    body = "".join(line.strip() for line in (lines[1:] if lines[0].startswith(label) else lines))
    return (body, own[0]) if 0 < len(body) <= MAX_BODY else None
