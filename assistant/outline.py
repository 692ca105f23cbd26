"""A section whose parts are the answer.

Plans list their parts as headings: 「（三）三龙头」 has the sub-sections 「1. 东湖古塔」,
「2. 西山（古道风情）景区」, 「3. 长城国家文化公园」, each with paragraphs of its own.
「三龙头是哪三个」 or 「有哪些基本原则」 is answered by those headings, which no single
sentence states. Section paths come from the chunker (「规划 › （三）三龙头 › 1. 东湖古塔」).

A section without sub-headings may still list its parts as run-in heads: each paragraph of
「（二）基本原则」 opens with a short sentence that names the principle (「总量控制，计划开采。」,
「——**坚持对表对标**。」) and goes on to explain it. A short section (「1.3 工作原则」, one
sentence) is quoted whole. ``PartsAnswers`` builds these answers for the extractive answerer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.analysis import INTERROGATIVE, QuestionAnalysis
from assistant.answer import Answer, passages
from assistant.asked import asked_text, own_words
from assistant.claims import join_cjk
from assistant.evidence import coverage
from assistant.matching import initials_of, remember
from assistant.questions import DOC_WORDS, PLACED_PART, PLAN_PERIOD
from corpus.documents import closes_notice
from corpus.headings import heading_name, is_plan_title
from corpus.model import SECTION_SEPARATOR, Chunk
from corpus.text import cn_number, compact, count_runs

if TYPE_CHECKING:
    from assistant.conversation import Rewrite
    from assistant.extractive import ExtractiveAnswerer
    from embeddings.retriever import Hit, Retrieval

SEPARATOR = SECTION_SEPARATOR
MAX_CHILDREN = 20
HITS = 3  # the documents of the best few passages are searched for the heading
_COUNT_RUN = 8  # characters from a count: 「五大」, one more character and a kind of up to four (五大工程项目)
PARTS_LEAD = "包括："  # 「基本原则包括：甲[1]；乙[2]。」
_PARTS_ANSWER = re.compile(rf"^[^\n：]{{1,60}}{PARTS_LEAD}[^\n]*?\[\d+\]；[^\n]*\[\d+\]。$")


def lists_parts(answer: str) -> bool:
    """Whether ``answer`` listed every part of a section (``PartsAnswers``): nothing more follows."""
    return bool(_PARTS_ANSWER.match(answer.strip()))
MIN_COVERAGE = 0.75  # of the question's words beyond the title (by idf), the heading holds this share
# A section is quoted whole only for a heading named this distinctively (the idf of the question's
# words it holds): 「工作原则」, not 「文件」 in 「从文件批转上强化程序把关」.
MIN_BODY_IDF = 6.0
# 「哪三个」 asks for three parts; 「哪一级」 asks which one.
ASKS_PARTS = re.compile(r"哪些|哪几|哪[二两三四五六七八九十]|几个|几项|几大|几类|几[章节篇]|几部分|包括|包含|有什么")
# A counted name: 「三龙头」, 「五大工程」, 「三无三可」 (3 + 3 parts). Not 一 (统一, 一般, 一站式), and
# not a rank or a date (三级响应, 二期, 十月).
_COUNTED_NAME = re.compile(r"([二两三四五六七八九十]{1,3})(?![级次期届批年月日号线个])[\u4e00-\u9fff“”\"]")
# 「…是啥」, 「…指什么」, 「…什么意思」 at the end: asks what a thing is, and nothing else of it.
_WHAT_IS = re.compile(r"(?:(?:是|指|叫|即)(?:的是)?(?:什么|啥|哪些|何)(?:意思)?|什么意思|啥意思)"
                      r"(?=[呢啊呀吗？?。！!\s]*$)")
_QUOTES = re.compile(r"[“”\"《》「」‘’\s]")
COUNT_WORD = re.compile(r"[一二两三四五六七八九十几\d]+[个项条类种大方面点部分]?")
# A stop list for heading matching: words that say how a document states its parts (「确立了哪些
# 原则」, 「组织保障方面有哪几项要求」); the heading names the parts, never these.
# Words that name a part of a document (部分, 章节) are not heading words either.
_REPORTING = frozenset("确立 确定 提出 明确 规定 坚持 遵循 设立 制定 列出 包括 包含 方面 要求 内容 "
                       "部分 章节 板块 篇章 "
                       # where the part stands (「规划最后的保障措施」), not what it is called
                       "最后 末尾 开头 前面 后面".split())
# What of a part named by its place (``questions.PLACED_PART``) is asked.
_WHOLE_UNITS = frozenset({"章", "部分", "大块"})  # a division of the whole document
_ASKS_WHAT_PART = re.compile(r"^[^，,。？?]{0,6}?(?:是什么|是啥|讲什么|讲啥|讲的什么|讲的啥|叫什么|叫啥|什么名字|啥名字"
                             r"|主要内容|内容是|说的是|说了什么|说了啥|有哪些|包括什么|包括哪些)")
# Words for a whole document's divisions: 「分几个部分」, 「哪几大块」, 「包括哪几章」.
_WHOLE_PARTS = re.compile(r"部分|几块|大块|板块|几章|哪些章|章节|篇章|几篇|组成|结构|框架")
MAX_RUN_IN = 32  # characters: a run-in head names its part; a longer first sentence already explains it
# The quote keeps the source's bold marks (it must be found verbatim); the name shown drops them.
# A column's labelled item (「民俗娱乐：依托…」) heads its line too; not a post, who is responsible or
# a contact (「组长：」, 「责任单位：」, 「联系电话：」).
_RUN_IN = re.compile(r"^([\u4e00-\u9fff]{2,8}?)(?<![长员任人位门话箱址真编])[：:](?=\S)"
                     rf"|^(?:——)?(?:\*\*)?([^。！？；\n]{{2,{MAX_RUN_IN}}}?)(?:\*\*)?。"
                     # a numbered paragraph's head may end at its first comma (「4. 实施某工程，建设…」)
                     rf"|^(\d{{1,2}}[.．]\s*[^。！？；，\n]{{2,{MAX_RUN_IN}}}?)，")
_MARKS = re.compile(r"\*\*")
MAX_BODY = 120  # characters: about two sentences; a longer section has parts of its own to ask about
_EXPLAINED = 4  # characters after the head: a paragraph that stops at its first sentence has no head
_SENTENCE_END = "。；！？：”」）)"
# A notice's closing block follows its last section in the same passage: not part of that section.


def parts_asked(question: str, definition: bool = False) -> int | None:
    """Whether the question asks for the parts of something: 0 when it asks outright (「有哪些」,
    「是哪三个」, 「包括什么」); N when it asks what a counted name is, or types the bare name
    (``definition``: 「三无三可指什么」, 「三龙头是啥」, 「立德树人五大工程」), whose parts must then
    number N; None when it asks no parts."""
    if ASKS_PARTS.search(question):
        return 0
    asks_what = _WHAT_IS.search(question)
    if asks_what:
        named = question[:asks_what.start()]
    elif not INTERROGATIVE.search(question.rstrip("？?。！! ")):
        named = question  # a bare name typed as the whole question: 「立德树人五大工程」, 「三龙头？」
    else:
        return None
    counted = _COUNTED_NAME.finditer(PLAN_PERIOD.sub("", named)) if definition else ()
    counts = [cn_number(m.group(1)) or 0 for m in counted]
    return sum(counts) or None


_QUOTED = re.compile(r"“([^”]{2,30})”|「([^」]{2,30})」|『([^』]{2,30})』|\"([^\"]{2,30})\"")


def quoted_heading(sections: list[str], question: str) -> str | None:
    """The section path whose own heading the question quotes whole (「“推动特殊教育公平融合发展”这一章
    分成了哪几个方面」): a name in quotation marks is the heading, however many other words the
    question has."""
    quoted = {compact(q) for found in _QUOTED.findall(question) for q in found if q}
    if not quoted:
        return None
    return next((path for path in sections
                 if compact(heading_name(path.rsplit(SEPARATOR, 1)[-1])) in quoted), None)


def named_heading(sections: list[str], words: dict[str, float], title: frozenset[str] | Callable[[str], bool],
                  tokens: Callable[[str], frozenset[str]]) -> str | None:
    """The section path whose own heading holds the most, and at least ``MIN_COVERAGE``, of the
    question's ``words`` (idf-weighted) that the document's ``title`` does not already account for (its
    words, or a test that a word is the title's: 文旅 abbreviates its 文化旅游). Every such word
    counts, common ones too, so 「保障措施中对资金有什么要求」 is no question about the headings
    under 保障措施. A word written in the heading counts even where the heading's quotes cut it
    into pieces (三无三可 in 「打造“三无”“三可”营商环境品牌」)."""
    own = beyond_title(words, title)
    if not own:
        return None
    best, best_share = None, 0.0
    for path in sections:  # the heading that holds most of them; the first of equals
        label = path.rsplit(SEPARATOR, 1)[-1]
        flat = _QUOTES.sub("", label)
        share = coverage(own, tokens(label) | {w for w in own if w in flat})
        if share >= MIN_COVERAGE and share > best_share:
            best, best_share = path, share
    return best


def beyond_title(words: dict[str, float], title: frozenset[str] | Callable[[str], bool]) -> dict[str, float]:
    """The question's ``words`` that could name a heading: not the document's title's, not a
    count, not a word that only reports (提出, 包括, 部分)."""
    in_title = title.__contains__ if isinstance(title, frozenset) else title
    return {w: idf for w, idf in words.items()
            if not in_title(w) and len(w) > 1 and not COUNT_WORD.fullmatch(w) and w not in _REPORTING}


def top_parts(chunks: Sequence[Chunk], doc_number: str) -> tuple[str | None, list[tuple[str, Chunk]]]:
    """A document's own divisions, in order, with the plan they divide: the parts of the plan it
    prints (its 一、二、… or 第X章), or, for a notice with no plan inside (None), its top-level headings."""
    roots: dict[str, Chunk] = {}
    for chunk in chunks:
        if chunk.doc_number == doc_number and chunk.section:
            roots.setdefault(chunk.section.split(SEPARATOR)[0], chunk)
    first = next(iter(roots), None)
    if first is not None and is_plan_title(first):
        return first, children(chunks, doc_number, first)
    return None, [(name, chunk) for name, chunk in roots.items() if heading_name(name) != name][:MAX_CHILDREN]


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


def leaves_by_document(chunks: Sequence[Chunk], parents: dict[str, list[str]] | None = None) -> dict[str, list[str]]:
    """Each document's section paths without sub-sections, in document order (not the root);
    ``parents``: ``parents_by_document`` of the same chunks, when the caller has it."""
    parents = parents_by_document(chunks) if parents is None else parents
    found: dict[str, dict[str, None]] = {}
    for chunk in chunks:
        numbered_root = heading_name(chunk.section) != chunk.section  # 「一、划转原则和范围」 of a notice
        if (SEPARATOR in chunk.section or numbered_root) and chunk.section not in parents.get(chunk.doc_number, ()):
            found.setdefault(chunk.doc_number, {})[chunk.section] = None
    return {number: list(paths) for number, paths in found.items()}


def children(chunks: Iterable[Chunk], doc_number: str, parent: str) -> list[tuple[str, Chunk]]:
    """The sub-headings right under ``parent`` in document order, each with its first passage.
    A 专栏 box printed inside the section is no part of it, unless the section holds only boxes."""
    prefix = parent + SEPARATOR
    found: dict[str, Chunk] = {}
    for chunk in chunks:
        if chunk.doc_number == doc_number and chunk.section.startswith(prefix):
            found.setdefault(chunk.section[len(prefix):].split(SEPARATOR)[0], chunk)
    parts = [(name, chunk) for name, chunk in found.items() if not name.startswith("专栏")]
    return (parts or list(found.items()))[:MAX_CHILDREN]


# 「一办三组一机构」, 「一办五组」: a body's parts counted by the kind of each (办 an office, 组 a group).
_UNIT = r"(?:办|组|中心|机构|室|部|处|队|站)"
_NUMERAL = r"[一二两三四五六七八九十]+"
_COUNTED_UNITS = re.compile(rf"(?:{_NUMERAL}{_UNIT}){{2,}}")
_UNIT_COUNT = re.compile(rf"({_NUMERAL})({_UNIT})")
# 「专班下设的三个组」, 「下设三个工作组」, 「下设8个应急工作组」
_SET_UP_UNITS = re.compile(rf"(?:下设|设有|设立|分为|分成)[^，。？?]{{0,3}}?"
                           rf"({_NUMERAL}|\d{{1,2}})个?[\u4e00-\u9fff]{{0,4}}?({_UNIT})")
# 「那五个片区都是啥」, 「三个组分别是哪些」: a count of parts of a kind, and which they are asked
_COUNTED_KIND_ASKED = re.compile(rf"({_NUMERAL}|\d{{1,2}})个([\u4e00-\u9fff]{{1,3}}?)(?:都|分别|各)?"
                                 r"(?:是啥|是什么|是哪些|是哪几个|有哪些|有啥|指什么|包括|叫啥|叫什么)")
# 「专班下设哪几个工作组」, 「下面都设了哪些组」: the parts of a kind a body is set up with, uncounted.
# (「下设几个组」 asks how many: the sentence that counts them answers it.)
_SET_UP_ASKED = re.compile(rf"(?:下设|设有|设了|设立|分为|分成)[^，。？?]{{0,3}}?(?:哪些|哪几个?)"
                           rf"(?P<kind>[\u4e00-\u9fff]{{0,4}}?(?P<unit>{_UNIT}))(?=[啊呀呢吗？?。，,！!\s]|$)")
_UNIT_SPELLED = {"办": ("办公室", "办")}  # how a heading names a part of that kind, longest first


def counted_units(question: str) -> tuple[str, list[tuple[int, str]]]:
    """The parts a counted name of kinds asks for (「一办三组一机构」 → [(1, 办), (3, 组), (1, 机构)]),
    or the parts of one kind a body is set up with (「专班下设的三个组」 → [(3, 组)]); with the
    words that name them, for the answer's label. ("", []) when the question counts no parts."""
    text = re.sub(r"\s", "", question)
    found = _COUNTED_UNITS.search(text)
    if found:
        units = [(cn_number(n) or 0, unit) for n, unit in _UNIT_COUNT.findall(found.group(0))]
        return f"“{found.group(0)}”", units
    set_up = _SET_UP_UNITS.search(text)
    if set_up:
        return set_up.group(0), [(cn_number(set_up.group(1)) or 0, set_up.group(2))]
    asked = _COUNTED_KIND_ASKED.search(text)
    if asked:  # 「那五个片区都是啥」: as many headings ending in 片区
        return asked.group(1) + asked.group(2), [(cn_number(asked.group(1)) or 0, asked.group(2))]
    uncounted = _SET_UP_ASKED.search(text)
    if uncounted:  # count 0: every heading of that kind, two at least
        return f"下设的{uncounted.group('kind')}", [(0, uncounted.group("unit"))]
    return "", []


def headings_in_order(chunks: Iterable[Chunk]) -> list[tuple[str, Chunk]]:
    """Every section path of a document's chunks (not its root title) with its first passage, in order."""
    found: dict[str, Chunk] = {}
    for chunk in chunks:
        for path in reversed(ancestors(chunk.section)):
            if SEPARATOR in path or heading_name(path) != path:
                found.setdefault(path, chunk)
    return list(found.items())


def section_name(path: str) -> str:
    """A section path's own heading without its number: 「规划 › （二）基本原则」 → 基本原则."""
    return heading_name(path.rsplit(SEPARATOR, 1)[-1])


def body_lines(chunk: Chunk) -> list[str]:
    """The lines of a section's passage without its heading and without a notice's closing block.

    The heading's label is taken off the first line, not the line itself: 「（五）注重宣传，舆论
    引导。充分发挥…」 is a numbered paragraph whose heading and first sentence share the line.
    """
    lines = chunk.text.split("\n")
    label = chunk.heading
    if lines and label and lines[0].startswith(label):
        rest = lines[0][len(label):].lstrip("。：: ")
        lines = ([rest] if rest else []) + lines[1:]
    body: list[str] = []
    for line in (line.strip() for line in lines):
        if closes_notice(line):
            break
        if line:
            body.append(line)
    return body


def run_in_heads(chunks: Iterable[Chunk], section: str) -> list[tuple[str, str, Chunk]]:
    """The run-in heads of the paragraphs of ``section`` (a section path), in order, each as
    (the head, its verbatim quote, its passage); [] unless most paragraphs open with one.

    A paragraph that holds nothing but its first sentence is not a head and its explanation:
    it is a sentence of its own. A line that goes on a sentence the line before left open (a
    paragraph broken by a page) is no paragraph of its own.
    """
    paragraphs: list[tuple[str, Chunk]] = []
    for chunk in chunks:
        if chunk.section == section and chunk.kind == "text":
            for line in body_lines(chunk):
                if paragraphs and paragraphs[-1][0][-1] not in _SENTENCE_END:
                    # the page's continuation: the paragraph now ends where this line ends
                    paragraphs[-1] = (paragraphs[-1][0] + "\n" + line, paragraphs[-1][1])
                    continue
                paragraphs.append((line, chunk))
    heads = []
    for line, chunk in paragraphs:
        match = _run_in_head(line)
        if match:
            heads.append((_head_name(match), match.group(0).removeprefix("——").rstrip("，：:"), chunk))
    return heads[:MAX_CHILDREN] if len(heads) >= 2 and 3 * len(heads) >= 2 * len(paragraphs) else []


def run_in_paragraph(chunks: Iterable[Chunk], name: str) -> tuple[Chunk, str] | None:
    """The paragraph whose run-in head is ``name`` (compacted, without its number: 「坚持协同联动」
    for 「——**坚持协同联动**。强化顶层设计…」): its passage and what it says after the head,
    verbatim; None when no paragraph of ``chunks`` opens with that head."""
    for chunk in chunks:
        if chunk.kind != "text":
            continue
        for line in body_lines(chunk):
            match = _run_in_head(line)
            if match and compact(heading_name(_head_name(match))) == name:
                return chunk, line[match.end():].strip()
    return None


def _run_in_head(line: str) -> re.Match[str] | None:
    """The run-in head a paragraph opens with, when more text explains it; None else."""
    match = _RUN_IN.match(line)
    return match if match and len(line) > match.end() + _EXPLAINED else None


def _head_name(match: re.Match[str]) -> str:
    """A run-in head as shown: without the source's bold marks."""
    return _MARKS.sub("", match.group(1) or match.group(2) or match.group(3)).strip()


def in_order(parts: list[tuple[str, str, Chunk]]) -> list[tuple[str, str, Chunk]]:
    """Parts as the document prints them: by passage, then by where the quote stands in it."""
    return sorted(parts, key=lambda part: (part[2].start, part[2].text.find(part[1])))


def short_body(chunks: Iterable[Chunk], section: str) -> tuple[str, Chunk] | None:
    """The whole text under ``section`` (heading off) when it is one short passage, verbatim:
    「1.3 工作原则」 states its principles in one sentence, 「坚持以人为本、预防为主；统一领导、…的原则。」"""
    own = [chunk for chunk in chunks if chunk.section == section and chunk.kind == "text"]
    if len(own) != 1:
        return None
    body = "\n".join(body_lines(own[0]))
    return (body, own[0]) if 0 < len(body) <= MAX_BODY else None


def _names_part(part: frozenset[str], asked: frozenset[str]) -> bool:
    """Whether a question names a part by its words (two at least, every one of them)."""
    return len(part) >= 2 and part <= asked


class PartsAnswers:
    """Answers that list a section's parts, built with the answerer's word weights and citations."""

    def __init__(self, answerer: ExtractiveAnswerer) -> None:
        self.answerer = answerer
        self.index = answerer.index
        self.sections = parents_by_document(self.index.chunks)
        self.leaves = leaves_by_document(self.index.chunks, self.sections)
        # What the index alone decides, made once a document or section is first asked about.
        self._headings: dict[str, list[tuple[str, Chunk]]] = {}
        self._heads: dict[str, list[tuple[str, str, Chunk]]] = {}
        self._runs: dict[str, str] = {}

    def answer(self, question: str, rewrite: Rewrite, analysis: QuestionAnalysis, hits: list[Hit]) -> Answer | None:
        """「三龙头是哪三个」: a heading of a retrieved document that holds the question's words
        (beyond the document's title), with its parts listed one claim each; None if none does."""
        if analysis.is_english:
            return None  # an English question's own words are not Chinese: no heading can be matched on them
        placed = self._placed_part(question, analysis, hits)
        if placed is not None:
            return placed
        if analysis.slot == "person":
            return None  # persons are answered from member lines (「成员有哪些人」), not from headings
        label, units = counted_units(analysis.text)
        for number in dict.fromkeys(h.chunk.doc_number for h in hits[:HITS]) if units else ():
            named = self._units(number, units)
            if named:
                return self._listed(question, label, named, hits)
        asks_what = analysis.slot in ("definition", "statement")
        count = 0 if analysis.slot == "list" else parts_asked(analysis.text, asks_what)
        if count is None:
            return None
        # The heading must hold what this message asks: a follow-up's own words, or the clauses of a
        # long question that ask, not the earlier question's or the asker's background.
        words = self.answerer.word_weights(own_words(rewrite, analysis) or asked_text(rewrite, analysis))
        if not rewrite.previous and sum(words.values()) < MIN_BODY_IDF:
            # 「说要降低企业运营成本，具体有啥措施」: the clause that asks names nothing a heading could
            # (措施 alone); the clause before it does.
            words = self.answerer.word_weights(asked_text(rewrite, analysis))
        for number in dict.fromkeys(h.chunk.doc_number for h in hits[:HITS]):
            found = self._document_parts(number, words, analysis, count)
            if found is not None:
                section, parts = found
                if len(parts) == 1 and parts[0][0] == "":  # a short section, quoted whole
                    _, text, chunk = parts[0]
                    return Answer(question=question, answer=f"{section_name(section)}：{text.rstrip('。')}[1]。",
                                  citations=[self.answerer.citation(1, chunk, text)], retrieved=passages(hits),
                                  mode="extractive", confidence="high")
                return self._listed(question, section, parts, hits)
        return None

    def counted_in_english(self, question: str, rewrite: Rewrite, analysis: QuestionAnalysis,
                           retrieval: Retrieval) -> Answer | None:
        """「What are the two belts of the plan?」 asked in the gazette's words, 「“两带”是什么」: by the
        counted name a retrieved document writes for what the English question counts. None when
        no document writes one, or the Chinese question gets no confident answer that names it
        and the places the English question names."""
        if not analysis.is_english or analysis.polar or analysis.slot not in ("list", "definition", "statement"):
            return None  # 「Are there two levels…?」 asks whether, not what the two are
        counted = self.counted_name(question, dict.fromkeys(h.chunk.doc_number for h in retrieval.hits[:HITS]))
        if counted is None:
            return None
        asked = f"“{counted}”是什么"
        answer = self.answerer.answer(asked, replace(rewrite, query=asked, focus=asked, written=asked), retrieval)
        # 「the five zones of the Xishan park」 names a place the plan's 五片区 are not about
        glossary = self.answerer.glossary
        named = glossary.names(question) if glossary is not None else []
        if (answer.confidence != "high" or counted not in answer.answer
                or any(not any(n in answer.answer for n in senses) for senses in named)):
            return None
        answer.question = question
        return answer

    def counted_name(self, question: str, numbers: Iterable[str] | None = None) -> str | None:
        """The counted name (两带, 四大工程) that documents ``numbers`` (every document when None)
        write for what an English question counts (「the two belts」); None when none writes one."""
        glossary = self.answerer.glossary
        documents = list(self.answerer.document_texts if numbers is None else numbers)
        for pattern in glossary.counted_names(question) if glossary is not None else ():
            for number in documents:
                found = pattern.search(self._count_runs(number))
                if found:
                    return found.group(0)
        return None

    def _count_runs(self, number: str) -> str:
        """Where document ``number`` writes a count (「四大工程」): the only places a counted name can be."""
        return remember(self._runs, number,
                        lambda: "\n".join(count_runs(self.answerer.document_texts.get(number, ""), _COUNT_RUN)))

    def _placed_part(self, question: str, analysis: QuestionAnalysis, hits: list[Hit]) -> Answer | None:
        """「教育规划第五章讲啥」, 「行动方案第三部分叫啥」, 「方案第十三项任务是啥」: the part at that place
        of the document (its chapters or top parts), or of the section the rest of the question
        names (任务 → 重点任务及责任分工), named and with its own parts; None when the question
        asks something else of the part (「第二项谁负责」) or no document has that many."""
        found = PLACED_PART.search(analysis.text)
        if not found or not _ASKS_WHAT_PART.search(analysis.text[found.end():]):
            return None
        place = -1 if found.group(2) else cn_number(found.group(1)) or 0  # 「最后一章」: the last
        whole = found.group(3) in _WHOLE_UNITS
        rest = self.answerer.word_weights(analysis.text.replace(found.group(0), " "))
        for number in dict.fromkeys(h.chunk.doc_number for h in hits[:HITS]):
            chunks = self.index.chunks_of(number)
            if whole:
                root, parts = top_parts(chunks, number)
                prefix = root + SEPARATOR if root else ""
            else:
                parent = named_heading(self.sections.get(number, []), rest, self._in_title(number), self._label_tokens)
                if parent is None:
                    continue
                parts, prefix = children(chunks, number, parent), parent + SEPARATOR
            if not (1 <= place <= len(parts) or (place == -1 and parts)):
                continue
            name, chunk = parts[place - 1 if place > 0 else -1]
            sub = children(chunks, number, prefix + name)
            if len(sub) >= 2:
                return self._listed(question, prefix + name, [(n, n, c) for n, c in sub], hits)
            return Answer(question=question, answer=f"{found.group(0)}是「{heading_name(name)}」[1]。",
                          citations=[self.answerer.citation(1, chunk, name)], retrieved=passages(hits),
                          mode="extractive", confidence="high")
        return None

    def _in_title(self, number: str) -> Callable[[str], bool]:
        """Whether a word is document ``number``'s title's, or stands for a run of it (文旅)."""
        title_tokens, title_words = self._title(number)
        return lambda word: word in title_tokens or initials_of(word, title_words)

    def _label_tokens(self, label: str) -> frozenset[str]:
        return frozenset(self.index.keyword.tokens(join_cjk(label)))

    def _title(self, number: str) -> tuple[frozenset[str], list[str]]:
        """A document's title as tokens, and as words of two characters or more (文化和旅游: 和
        skipped, for ``initials_of``); the tokenizer remembers both cuts."""
        doc = self.index.document(number)
        title = join_cjk(doc.title if doc else "")
        return (frozenset(self.index.keyword.tokens(title)),
                [w for w in self.index.keyword.words(title) if len(w) >= 2])

    def _document_parts(self, number: str, words: dict[str, float], analysis: QuestionAnalysis,
                        count: int) -> tuple[str, list[tuple[str, str, Chunk]]] | None:
        """The section of document ``number`` the question names, with its parts as (name, quote,
        passage): sub-headings, run-in heads, or one ("", the whole text, passage)."""
        in_title, label_tokens = self._in_title(number), self._label_tokens

        asked = self._label_tokens(analysis.text)

        def own(name: str) -> frozenset[str]:  # a part's words beyond the document's title (the city's name, 文旅)
            return frozenset(t for t in self._label_tokens(heading_name(name)) if not in_title(t))

        def fits(path: str | None, parts: Sequence[tuple[str, str, Chunk]] | Sequence[tuple[str, Chunk]]) -> bool:
            # 「5A级景区有哪些」 is not asked by a heading about 景区 without 5A; 「五大基地」 has five parts;
            # 「10+N体系里的十大IP是哪些」 asks inside one of the parts, not for the parts themselves
            return (path is not None and not self.answerer.named.lacks_identifiers_in(analysis, join_cjk(path))
                    and (count == 0 or len(parts) == count)
                    and not (len(parts) > 1 and any(_names_part(own(part[0]), asked) for part in parts)))

        chunks = self.index.chunks_of(number)
        parent = (quoted_heading(self.sections.get(number, []), analysis.text)
                  or named_heading(self.sections.get(number, []), words, in_title, label_tokens))
        sub = children(chunks, number, parent) if parent else []
        if parent and len(sub) >= 2 and fits(parent, sub):
            return parent, [(name, name, chunk) for name, chunk in sub]
        if parent:
            # 「专栏4」: numbered paragraphs that carry their heads, the short last one a heading of its own
            mixed = in_order(self._run_in_heads(number, parent) + [(name, name, chunk) for name, chunk in sub])
            if len(mixed) >= 2 and fits(parent, mixed):
                return parent, mixed
        if parent is None and _WHOLE_PARTS.search(analysis.text) and not beyond_title(
                {w: idf for w, idf in words.items() if w not in DOC_WORDS and not _WHOLE_PARTS.search(w)}, in_title):
            # 「营商环境规划一共分了哪几大块」 names no heading, only the document and its divisions.
            plan, whole = top_parts(chunks, number)
            if len(whole) >= 2 and (count == 0 or len(whole) == count):
                return plan or "该文件", [(part, part, chunk) for part, chunk in whole]
        leaf = named_heading(self.leaves.get(number, []), words, in_title, label_tokens)
        if leaf is None:
            return None
        heads = self._run_in_heads(number, leaf)
        if heads and fits(leaf, heads):
            return leaf, heads
        named = label_tokens(leaf.rsplit(SEPARATOR, 1)[-1])
        distinct = sum(idf for w, idf in words.items() if w in named)
        body = short_body(chunks, leaf) if count == 0 and distinct >= MIN_BODY_IDF else None
        if body and fits(leaf, [body]):
            return leaf, [("", body[0], body[1])]
        return None

    def _run_in_heads(self, number: str, section: str) -> list[tuple[str, str, Chunk]]:
        """``run_in_heads`` of a section of document ``number``, remembered: they depend on the index alone."""
        return remember(self._heads, f"{number}\n{section}",
                        lambda: run_in_heads(self.index.chunks_of(number), section))

    def _units(self, number: str, units: list[tuple[int, str]]) -> list[tuple[str, str, Chunk]]:
        """The headings of document ``number`` that are the counted parts, in document order: as
        many of each kind as the name counts (three headings ending in 组 for 三组), or none."""
        headings = remember(self._headings, number, lambda: headings_in_order(self.index.chunks_of(number)))
        chosen: set[str] = set()
        # The longest kind first, and a heading is of one kind only: 办公室 is an office, not a 室.
        for count, unit in sorted(units, key=lambda u: -len(u[1])):
            spelled = _UNIT_SPELLED.get(unit, (unit,))
            # (not the heading that counts them: 「（四）五片区」 over its five 片区)
            of_kind = [path for path, _ in headings
                       if path not in chosen and section_name(path).endswith(spelled)
                       and not re.fullmatch(rf"{_NUMERAL}大?{unit}", section_name(path))]
            if len(of_kind) != count and not (count == 0 and len(of_kind) >= 2):
                return []
            chosen.update(of_kind)
        return [(path.rsplit(SEPARATOR, 1)[-1], path.rsplit(SEPARATOR, 1)[-1], chunk)
                for path, chunk in headings if path in chosen]

    def _listed(self, question: str, section: str, parts: list[tuple[str, str, Chunk]], hits: list[Hit]) -> Answer:
        """The parts of ``section`` as one claim each."""
        citations = [self.answerer.citation(n, chunk, quote) for n, (_, quote, chunk) in enumerate(parts, start=1)]
        items = "；".join(f"{heading_name(name)}[{n}]" for n, (name, _, _) in enumerate(parts, 1))
        return Answer(question=question, answer=f"{section_name(section)}{PARTS_LEAD}{items}。", citations=citations,
                      retrieved=passages(hits), mode="extractive", confidence="high")
