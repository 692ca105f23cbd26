"""Who stands on which list: the member lines of the gazette's 名单, by person.

Government notices list their members one a line, a name and then a unit and post
(「康宝红 市委宣传部新闻工作负责人」, 「组 长：何向荣 副市长」; two-character names are padded
with a space: 「高 宇」). A question that names a person (「李占山在哪几个名单里」) is answered
from every line that names them, wherever the list stands — retrieval alone ranks a name
poorly, since a name is a rare string the embeddings know nothing of.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.model import Chunk
from corpus.text import compact

# 「副组长：李某 市政府办二级调研员」 (with its list's label) or 「郭某 市委政法委副书记」 (without).
MEMBER_LINE = re.compile(r"^(?:(?P<label>[^：]{1,8})：)?\s*(?P<name>[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,2})(?:（兼）)?"
                         r"\s+(?P<post>[\u4e00-\u9fff（）、]{3,30})$")
_MAX_SPAN_LINES = 6  # a member's line is quoted with its list's label when this close under it
_HEADING_LABEL = re.compile(r"^第[一二三四五六七八九十百\d]+[章节条]$")
# What a question about a person asks: their posts, the lists they are on.
_ABOUT_PERSON = re.compile(r"职务|身份|名单|成员|担任|任职|挂名|挂职|分管|是谁|哪个单位|什么职|哪些机构|哪几个|哪两个|干什么的|做什么的")


@dataclass(frozen=True)
class Mention:
    name: str
    chunk: Chunk
    line: str  # the member line, verbatim
    role: str = ""  # the label of the run of lines it stands in (副组长, 成员), "" when none
    span: str = ""  # the lines from that label's line to this one, verbatim; the line alone when far under it


class People:
    """The persons named in member lines, with every line that names them."""

    def __init__(self, chunks: list[Chunk]) -> None:
        self.mentions: dict[str, list[Mention]] = {}
        for chunk in chunks:
            if chunk.kind != "text":
                continue
            # A label (「副组长：」) holds for the member lines under it, until a line of another kind.
            run: list[str] = []
            role = ""
            for raw in chunk.text.split("\n"):
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

    def asked_about(self, question: str) -> list[str]:
        """The persons a question about persons names, in its order. A two-character name must
        come with such a question (路顺 is also in 「道路顺畅」)."""
        flat = compact(question)
        about = _ABOUT_PERSON.search(flat) is not None
        found = [(flat.find(name), name) for name in self.mentions if name in flat and (about or len(name) > 2)]
        return [name for _, name in sorted(found)]
