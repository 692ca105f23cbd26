"""Who stands on which list: the member lines of the gazette's 名单, by person.

Government notices list their members one a line, a name and then a unit and post
(「康宝红 市委宣传部新闻工作负责人」, 「组 长：何向荣 副市长」; two-character names are padded
with a space: 「高 宇」). A question that names a person (「李占山在哪几个名单里」) is answered
from every line that names them, wherever the list stands — retrieval alone ranks a name
poorly, since a name is a rare string the embeddings know nothing of.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Protocol

from assistant.answer import Answer, Citation, Cite
from assistant.subjects import DISTINCT_IDF
from corpus.documents import short_title
from corpus.headings import heading_name
from corpus.model import Chunk
from corpus.sentences import MEMBER_LINE, unwrap_member_lines
from corpus.text import compact

_MIN_BODY_CHARS = 4  # a body named this fully (市水利局) is one; 「市局」 is none
_MAX_LISTS = 4  # passages of lists naming a body, added to what retrieval found
_MAX_SPAN_LINES = 6  # a member's line is quoted with its list's label when this close under it
_HEADING_LABEL = re.compile(r"^第[一二三四五六七八九十百\d]+[章节条]$")
_MAX_PERSON_LINES = 6  # lines of one person's answer: a person is on a few lists at most
# Asked what a named person is (「…是啥身份」, 「担任什么职务」): the lines that list them answer.
_ASKS_ROLE = re.compile(r"身份|职务|职位|担任什么|任什么职|什么角色|啥角色|是干什么的|是干啥的|是做什么的|是做啥的"
                        r"|在哪(?:个|些|几个)[^，。？?]{0,8}?(?:当(?![地前时])|担任|任(?![务何]))")
# Asked for a person's name (「指挥长叫什么名字」), not for the post: only a line that names someone answers.
_ASKS_NAME = re.compile(r"名字|姓名|叫什么名|叫啥名|\bnamed?\b|\bnames\b", re.I)
# What a question about a person asks: their posts, the lists they are on.
_ABOUT_PERSON = re.compile(r"职务|身份|名单|成员|担任|任职|挂名|挂职|分管|是谁|哪个单位|什么职|哪些机构|哪几个|哪两个"
                           r"|干什么的|做什么的|干啥的|做啥的")


@dataclass(frozen=True)
class Mention:
    name: str
    chunk: Chunk
    line: str  # the member line, verbatim
    role: str = ""  # the label of the run of lines it stands in (副组长, 成员), "" when none
    span: str = ""  # the lines from that label's line to this one, verbatim; the line alone when far under it


class WordStats(Protocol):
    """The index's word statistics (``embeddings.keyword.KeywordIndex``): its words and their idf."""

    def tokens(self, text: str) -> list[str]: ...

    def idf(self, token: str) -> float: ...


def asks_name(question: str) -> bool:
    """Whether ``question`` asks a person's name (叫什么名字, 姓名)."""
    return _ASKS_NAME.search(question) is not None


def asks_role(question: str) -> bool:
    """Whether ``question`` asks what a person is (身份, 职务, 担任什么)."""
    return _ASKS_ROLE.search(question) is not None


class People:
    """The persons named in member lines, with every line that names them; ``keyword`` (the
    index's word statistics) tells which lists a question names."""

    def __init__(self, chunks: list[Chunk], keyword: WordStats) -> None:
        self.keyword = keyword
        self.mentions: dict[str, list[Mention]] = {}
        for chunk in chunks:
            if chunk.kind != "text":
                continue
            # A label (「副组长：」) holds for the member lines under it, until a line of another kind.
            run: list[str] = []
            role = ""
            for raw in unwrap_member_lines(chunk.text).split("\n"):
                line = raw.strip()
                if not line:
                    continue
                found = MEMBER_LINE.match(line)
                if not found:
                    run, role = [], ""
                    continue
                if found.group("label"):
                    run, role = [], compact(found.group("label"))
                run.append(line)
                name = compact(found.group("name"))
                if not _HEADING_LABEL.match(name):
                    span = "\n".join(run) if role and len(run) <= _MAX_SPAN_LINES else line
                    self.mentions.setdefault(name, []).append(Mention(name, chunk, line, role, span))

    def chunks_listing(self, bodies: list[str], documents: AbstractSet[str]) -> list[Chunk]:
        """The passages of ``documents`` whose member lines name one of ``bodies`` (市规划和自然资源局),
        in reading order, a few: a post asked of a body is answered by the line that lists its
        holder, wherever retrieval ranks that list among others like it."""
        flat = [compact(b) for b in bodies if len(compact(b)) >= _MIN_BODY_CHARS]
        chunks = {m.chunk.id: m.chunk for found in self.mentions.values() for m in found
                  if m.chunk.doc_number in documents and any(b in compact(m.line) for b in flat)}
        return sorted(chunks.values(), key=lambda c: (c.issue_id, c.start))[:_MAX_LISTS]

    def named_in(self, text: str) -> bool:
        """Whether ``text`` names a person: it is a member line, or holds a name of three
        characters from one (a two-character name is also inside words: 路顺 in 「道路顺畅」)."""
        if any(MEMBER_LINE.match(line.strip()) for line in text.split("\n")):
            return True
        flat = compact(text)
        return any(name in flat for name in self.mentions if len(name) > 2)

    def asked_about(self, question: str) -> list[str]:
        """The persons a question about persons names, in its order. A two-character name must
        come with such a question (路顺 is also in 「道路顺畅」)."""
        flat = compact(question)
        about = _ABOUT_PERSON.search(flat) is not None
        found = [(flat.find(name), name) for name in self.mentions if name in flat and (about or len(name) > 2)]
        return [name for _, name in sorted(found)]

    def answer(self, question: str, persons: list[str], asked: str,
               cite: Cite) -> Answer:
        """Every member line that names the persons asked about, each with the list it is on and
        the post on that list; only the lists whose document ``asked`` names, when it names some
        (「…在教育督导委员会是啥身份」). ``cite(n, chunk, quote)`` makes a citation."""
        citations: list[Citation] = []
        parts: list[str] = []
        for name in persons:
            mentions = self.on_named_lists(self.mentions[name], asked.replace(name, ""))[:_MAX_PERSON_LINES]
            lists = len({m.chunk.doc_number for m in mentions})
            parts.append(f"{name}见于{lists}份文件的名单：" if lists > 1 else f"{name}见于名单：")
            for m in mentions:
                citations.append(cite(len(citations) + 1, m.chunk, m.span or m.line))
                where = short_title(m.chunk.title)
                label = heading_name(m.chunk.heading) if m.chunk.section else ""
                # The list's label (副组长, 成员) is the post on that list; the line gives the post at work.
                role = f"{m.role}：" if m.role and not compact(m.line).startswith(m.role) else ""
                parts.append(f"{where}{'·' + label if label and label not in where else ''}：{role}{m.line}"
                             f"[{len(citations)}]。")
        return Answer(question=question, answer="".join(parts), citations=citations, mode="extractive",
                      confidence="high")

    def on_named_lists(self, mentions: list[Mention], asked: str) -> list[Mention]:
        """The mentions on the lists whose document title shares the most (by idf) of the
        distinctive words of ``asked`` (督导, 药品; not 工作); all of them when no title shares any."""
        weights = {t: idf for t in set(self.keyword.tokens(asked))
                   if len(t) >= 2 and (idf := self.keyword.idf(t)) >= DISTINCT_IDF}
        scores = [sum(w for t, w in weights.items() if t in compact(m.chunk.title)) for m in mentions]
        best = max(scores, default=0.0)
        return [m for m, score in zip(mentions, scores, strict=True) if score == best] if best > 0 else mentions
