"""「还有吗」: what the gazette says next, after what the earlier answers showed.

A request for more after a list answer asks for the rest of that list. The rest is not what
ranks next for the earlier question (that is any related sentence, anywhere): it is the text
that follows, in the document's own order, the last passage shown, within the same section.
Items of a list follow one another there, whether as one enumeration sentence cut short
(「甲小吃街、乙美食街……」) or as numbered items (「(1)…(2)…(3)…」).

The earlier answers travel back as text (the interfaces send the answer's text and cited 文号
with the history), so what they showed is found again by its quotes, which are verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.answer import Answer, Cite
from assistant.evidence import clauses_in_a_row
from assistant.outline import (
    PARTS_LEAD,
    SEPARATOR,
    body_lines,
    lists_parts,
    run_in_heads,
    run_in_paragraph,
    section_name,
)
from corpus.documents import closes_notice
from corpus.headings import heading_name
from corpus.model import Chunk
from corpus.sentences import CLAUSE_STOP, FULL_STOPS, MIN_CHARS, sentences
from corpus.text import cn_number, compact, compact_with_offsets

# An answer's text breaks into quotes at citation markers, sentence ends and elisions.
_QUOTE_BREAK = re.compile(r"\[\d+\]|[。；！？\n：]|……|…")
MIN_QUOTE_CHARS = 8  # shorter pieces (「依据」, 「基本目录事项」) could be found anywhere
MAX_UNITS = 20  # list items are short (a member's line): the rest of the list …
MAX_CHARS = 300  # … up to about a paragraph
# 「没有更多了」 repeats the whole list the last answer showed (its enumerations and the sentences
# its quotes come from), so that the user sees every item at once: up to about two paragraphs.
MAX_RESTATED_CHARS = 700
CONTINUATION_LEAD = "接上一回答，原文接着写道：\n"
ALL_LISTED_LEAD = "公报在这里列出的就是上一回答中的这些，没有更多了：\n"
_SENTENCE_END = re.compile(f"[{FULL_STOPS}{CLAUSE_STOP}]")
# A short line (a heading, 「专栏 3-17 夜游活动」) ends where it breaks; a long one is wrapped prose.
_AFTER_SHORT_LINE = re.compile(r"^[^\n]{1,20}\n", re.M)
# A line break inside a sentence: the line before it is long (wrapped prose) and ends in no stop
# or list mark. Short lines (a heading, a member 「王某 市教育局局长」) end where they break.
_WRAPPED = re.compile(r"(?<=[^\n。；！？：:]{21})\n(?=[^\n])")
# An enumeration inside one sentence: three or more items joined by 、.
MIN_ENUMERATED = 3
# The quotes of an earlier answer looked at for its list: the lead, the sentence it comes from
# (repeated after 「依据：」) and the next one.
_LIST_QUOTES = 4
MAX_ITEM_CHARS = 12  # a list item names a thing; a longer piece between commas is a clause of prose
# A labelled list line: 「地方小吃：糖干炉、油糕、凉粉…」, 「副指挥长：甲，乙，丙」.
_LIST_LABEL = re.compile(r"[^：:，。；\n]{1,16}[：:]\s*")
_LIST_ITEM_BREAK = re.compile(r"[、，,；;]")
# A numbered item of a list: 「(1) 险情排除；」, 「（2）…」, 「3. …」, 「四、…」 (a bullet may precede it).
# Not 「一、二级医院」: a number after 、 is a range, not an item's text.
_NUMBERED_ITEM = re.compile(r"^\s*(?:-\s*)?(?:[(（]\d{1,2}[)）]|\d{1,2}[.．、](?!\d)"
                            r"|[一二三四五六七八九十]{1,3}、(?![一二三四五六七八九十]))")


@dataclass(frozen=True)
class Shown:
    """A quote of an earlier answer, found in a chunk: where it ends in the chunk's text."""

    chunk: Chunk
    start: int  # offset in ``chunk.text`` of the quote's first character
    end: int  # offset in ``chunk.text`` just after the quote
    quote: str


def quotes(answer_text: str) -> list[str]:
    """The pieces of an answer's text long enough to be found again in the gazette."""
    return [q.strip() for q in _QUOTE_BREAK.split(answer_text) if len(compact(q)) >= MIN_QUOTE_CHARS]


def find_shown(answer_text: str, chunks: Sequence[Chunk]) -> list[Shown]:
    """Where the quotes of ``answer_text`` stand in ``chunks``, in the answer's order."""
    return _find_shown([answer_text], chunks)[0]


def _find_shown(answer_texts: Sequence[str], chunks: Sequence[Chunk]) -> list[list[Shown]]:
    """``find_shown`` for several answers, the chunks' whitespace-free texts made once."""
    mapped = [(chunk, *compact_with_offsets(chunk.text)) for chunk in chunks if chunk.kind != "header"]
    titles = {compact(chunk.title) for chunk in chunks}
    found: list[list[Shown]] = []
    for answer_text in answer_texts:
        shown = []
        for quote in quotes(answer_text):
            needle = compact(quote)
            if any(needle in title for title in titles):  # 「《…方案》：」 heads a quote from a document
                continue
            for chunk, flat, offsets in mapped:
                at = flat.find(needle)
                if at >= 0:
                    shown.append(Shown(chunk, offsets[at], offsets[at + len(needle) - 1] + 1, quote))
                    break
        found.append(shown)
    return found


def following_units(section_chunks: Sequence[Chunk], shown: Sequence[Shown], seen: str) -> list[tuple[Chunk, str]]:
    """The sentences no earlier answer showed, in document order, up to a notice's closing
    block: first those between the first and the last shown quote (an answer may quote the head
    of a list and a sentence after it, 「办公室设在…」: the items between were not shown), then
    those after the last one."""
    order = {chunk.id: i for i, chunk in enumerate(section_chunks)}
    placed = [s for s in shown if s.chunk.id in order]
    first = min(placed, key=lambda s: (order[s.chunk.id], s.start))
    last = max(placed, key=lambda s: (order[s.chunk.id], s.end))
    quoted = [compact(s.quote) for s in placed]
    units: list[tuple[Chunk, str]] = []
    emitted: set[str] = set()

    def add(chunk: Chunk, text: str, between: bool) -> bool:
        """Add the new sentences of ``text``; False at the notice's closing block."""
        for unit in sentences(_WRAPPED.sub("", text)):
            unit = unit.lstrip("，,：:、；")
            if closes_notice(unit):
                return False  # the notice's closing block (解读, 附件, 落款) follows its last section
            flat = compact(unit)
            # chunks of a long paragraph overlap by a sentence: each is shown once; between the
            # quotes, a sentence that holds one was shown
            if (len(flat) >= MIN_CHARS and flat not in seen and flat not in emitted
                    and not (between and any(q in flat for q in quoted))):
                units.append((chunk, unit))
                emitted.add(flat)
        return True

    for chunk in section_chunks[order[first.chunk.id]:order[last.chunk.id] + 1]:
        start = first.start if chunk.id == first.chunk.id else 0
        end = last.end if chunk.id == last.chunk.id else len(chunk.text)
        if not add(chunk, chunk.text[start:end], between=True):
            return units
    for chunk in section_chunks[order[last.chunk.id]:]:
        if not add(chunk, chunk.text[last.end:] if chunk.id == last.chunk.id else chunk.text, between=False):
            break
    return units


class Continuation:
    """Answers 「还有吗」 with the text that follows what the earlier answers showed.

    ``chunks_of(文号)`` gives a document's chunks in reading order; ``cite(n, chunk, quote)``
    makes the citation of a quote (with its page).
    """

    def __init__(self, chunks_of: Callable[[str], Sequence[Chunk]],
                 cite: Cite) -> None:
        self.chunks_of = chunks_of
        self.cite = cite

    def answer(self, question: str, documents: Sequence[str], shown_answers: Sequence[str],
               asked_list: bool = False) -> Answer | None:
        """The continuation, or None when the earlier answers cannot be placed (nothing quoted
        from ``documents``) or nothing follows them in their section.

        ``shown_answers`` are the earlier answers' texts, the one that first answered the
        question last (the run of 「还有吗」 before it first): the section continued is the one
        that answer quoted first. When that answer asked for a list (``asked_list``) and gave it
        as one enumeration sentence shown whole, or as two or more items that end their section,
        the list has no more items: the answer says so and repeats them, rather than wandering
        on to the next topic.
        """
        if not documents or not shown_answers:
            return None
        chunks = [c for c in self.chunks_of(documents[0]) if c.kind != "header"]
        found = _find_shown(shown_answers, chunks)
        # every part of a section was listed: no more parts follow
        if lists_parts(shown_answers[-1]) and (parts := _listed_parts(shown_answers[-1], chunks)):
            return self._all_listed(question, parts)
        first = found[-1]
        if not first or first[0].chunk.kind == "table_row":
            return None  # rows are quoted as rendered cells, not found again by their text
        # The section, with its sub-sections: a list's numbered items (「(2) 现场救援活动结束；」)
        # may have been read as headings of their own.
        path = first[0].chunk.section
        section = [c for c in chunks if _under(path, c)]
        shown = [s for quoted in found for s in quoted if _under(path, s.chunk)]
        seen = "".join(compact(text) for text in shown_answers)
        # The list is the answer's first quote, or a labelled list line after its heading.
        listed = [(s.chunk, whole) for s in first[:_LIST_QUOTES]
                  if (whole := _whole_enumeration(s, labelled_only=not asked_list or s is not first[0]))]
        if listed:
            return self._all_listed(question, _restated(listed[:1], first))
        heads = _shown_heads(section, shown_answers[-1])
        if heads:
            return self._all_listed(question, heads)  # the section's run-in heads, every one shown
        units = _take(following_units(section, shown, seen))
        if not units:
            # a list, shown as two or more items, whose section ends with them: nothing more, and
            # so said. It is a list when one was asked for, or when the items are numbered
            # (「(1) 险情排除；(2) …」) whatever was asked; one sentence shown is no list (the
            # earlier path looks elsewhere).
            placed = [s for s in first if _under(path, s.chunk)]
            listed = _whole_units(placed)
            numbered = sum(1 for _, unit in listed if _NUMBERED_ITEM.match(unit))
            if len(listed) >= 2 and (asked_list or (numbered >= 2 and not _numbered_before(section, shown, seen))):
                return self._all_listed(question, _restated([], placed))
            return None
        return self._cited(question, CONTINUATION_LEAD, units)

    def section(self, question: str, document: str, item: str) -> Answer | None:
        """What the gazette writes under the heading ``item`` names (「坚持“四水四定”…」, an item of
        an answer that listed a section's parts), when a heading of ``document`` is that item; the
        section's first sentences, its sub-sections' included, without the headings themselves."""
        name = compact(heading_name(item))
        chunks = [c for c in self.chunks_of(document) if c.kind != "header"]
        path = next((c.section for c in chunks if name and compact(section_name(c.section)) == name), None)
        if path is None:  # a paragraph's run-in head (「——坚持协同联动。强化…」): the paragraph's rest
            paragraph = run_in_paragraph(chunks, name) if name else None
            if paragraph is None:
                return None
            chunk, rest = paragraph
            units = _take([(chunk, u) for u in sentences(rest)])
            return self._cited(question, f"「{heading_name(item)}」一条写道：\n", units) if units else None
        units = []
        for chunk in chunks:
            if _under(path, chunk):
                text = "\n".join(body_lines(chunk))
                units += [(chunk, u) for u in sentences(_WRAPPED.sub("", text))]
        units = _take(units)
        return self._cited(question, f"「{heading_name(item)}」一节写道：\n", units) if units else None

    def items_counted(self, document: str, answer_text: str, noun: str = "") -> list[str]:
        """What an ordinal of a follow-up counts in when the last answer listed too few items:
        the parts of ``document`` whose headings end in ``noun`` (「三个组里第二个」: its groups,
        in order), else the numbered list a quote of the answer is an item of."""
        if noun:
            names = [heading_name(section_name(c.section)) for c in self.chunks_of(document)]
            parts = [n for n in dict.fromkeys(names) if n.endswith(noun) and len(n) > len(noun)]
            if len(parts) >= 2:
                return parts
        return self.numbered_list(document, answer_text)

    def numbered_list(self, document: str, answer_text: str) -> list[str]:
        """The numbered list (「(1)…(2)…(3)…」) that a quote of ``answer_text`` is an item of, each
        item without its number, in the document's order; [] when no quote is a numbered item.
        An ordinal counts in it when the answer showed only some of its items (「启动条件：(3)…」)."""
        chunks = [c for c in self.chunks_of(document) if c.kind != "header"]
        for shown in find_shown(answer_text, chunks):
            lines: list[str] = []
            at = -1
            for chunk in (c for c in chunks if _under(shown.chunk.section, c)):
                offset = 0
                for line in chunk.text.split("\n"):
                    if chunk is shown.chunk and offset <= shown.start <= offset + len(line):
                        at = len(lines)
                    lines.append(line)
                    offset += len(line) + 1
            label = _NUMBERED_ITEM.match(lines[at]) if at >= 0 else None
            if label:
                return _numbered_run_at(lines, at, _numbering_style(label.group(0)))
        return []

    def _all_listed(self, question: str, quoted: list[tuple[Chunk, str]]) -> Answer:
        """「没有更多了」 with what was shown, cited again."""
        return self._cited(question, ALL_LISTED_LEAD, quoted)

    def _cited(self, question: str, lead: str, units: list[tuple[Chunk, str]]) -> Answer:
        """``lead``, then each unit (line breaks of the source taken out) with its citation."""
        shown = [re.sub(r"\s*\n\s*", "", unit) for _, unit in units]
        body = "".join(f"{text.rstrip('。；;')}[{n}]。" for n, text in enumerate(shown, 1))
        citations = [self.cite(n, chunk, unit) for n, (chunk, unit) in enumerate(units, 1)]
        return Answer(question=question, answer=lead + body, citations=citations)


def _whole_enumeration(shown: Shown, labelled_only: bool = False) -> str | None:
    """The sentence ``shown`` ends (verbatim), when the quote enumerates items and runs to the
    sentence's end. ``labelled_only``: only a labelled list line (「地方小吃：甲、乙、丙」) counts,
    whatever was asked; a sentence that enumerates in passing counts only when a list was asked.

    The source wraps lines inside sentences, so a sentence here runs from one 。；！？ to the
    next, across line breaks.
    """
    text = shown.chunk.text
    flat = compact(shown.quote)
    if labelled_only:
        # The answer's text broke the quote at the label's colon: the label stands before it on its line.
        label = text[text.rfind("\n", 0, shown.start) + 1:shown.start]
        items = _LIST_ITEM_BREAK.split(flat.rstrip("。；;等"))
        if (not _LIST_LABEL.fullmatch(label) or len(items) < MIN_ENUMERATED
                or any(len(item) > MAX_ITEM_CHARS for item in items)):
            return None  # 「职 责：负责协调推进…，确保…」 is prose after a label, not a list
    elif flat.count("、") < MIN_ENUMERATED - 1 and not parallel_clauses(flat):
        return None
    after = _SENTENCE_END.search(text, shown.end)
    stop = after.end() if after else len(text)
    rest = compact(text[shown.end:stop]).strip("。；！？等")
    # The quote may stop at the end of the clause its list ends (「支持甲、乙和丙加强…建设，高质量…」):
    # what follows the comma is no item.
    list_clause_ended = rest[:1] in ("，", ",") and "、" in re.split(r"[，,]", flat)[-1]
    if rest and not list_clause_ended:
        return None  # the quote stopped before the list did
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, shown.start)]
    starts += [m.end() for m in _AFTER_SHORT_LINE.finditer(text, 0, shown.start)]
    return text[max(starts, default=0):stop].strip()  # verbatim, line breaks and all


def parallel_clauses(flat: str) -> bool:
    """Whether a sentence lists by parallel clauses, each opening with the same verb: 「注重保护耕地，
    注重维护农民合法权益，注重节约集约用地」 is a list of three, as 「甲、乙、丙」 is."""
    return clauses_in_a_row(flat) >= MIN_ENUMERATED


def _shown_heads(section: Sequence[Chunk], answer_text: str) -> list[tuple[Chunk, str]]:
    """The section's run-in heads (「总量控制，计划开采」 …, verbatim, with their passages) when the
    answer showed every one of them, as its parts answer names them (without numbers); [] else."""
    if not section:
        return []
    heads = run_in_heads(section, section[0].section)
    shown = compact(answer_text)
    if len(heads) < 2 or not all(compact(heading_name(head)) in shown for head, _, _ in heads):
        return []
    return [(chunk, quote) for _, quote, chunk in heads]


def _whole_units(shown: Sequence[Shown]) -> list[tuple[Chunk, str]]:
    """The sentences the quotes come from, once each, in the answer's order."""
    units: list[tuple[Chunk, str]] = []
    for s in shown:
        unit = next((u for u in sentences(s.chunk.text) if compact(s.quote) in compact(u)), s.quote)
        if all(unit != u for _, u in units):
            units.append((s.chunk, unit))
    return units


def _numbering_style(label: str) -> str:
    """How a list numbers its items: 「(1)」, 「1.」 or 「一、」 (the digits taken out)."""
    return re.sub(r"\d+|[一二三四五六七八九十]+", "#", label.strip().lstrip("- ").replace("（", "(").replace("）", ")"))


def _numbered_run_at(lines: Sequence[str], at: int, style: str) -> list[str]:
    """The items (without their numbers) of the run of lines numbered 1, 2, 3 … in ``style`` that
    line ``at`` belongs to: back from it to its item 1, then on while the numbers follow."""
    start = at
    while start >= 0:
        label = _NUMBERED_ITEM.match(lines[start])
        if label and _numbering_style(label.group(0)) == style and _item_number(label.group(0)) == 1:
            break
        start -= 1
    items: list[str] = []
    for line in lines[max(start, 0):]:
        label = _NUMBERED_ITEM.match(line)
        if not label or _numbering_style(label.group(0)) != style:
            continue  # a line that goes on an item, or a sub-item of another style
        if _item_number(label.group(0)) != len(items) + 1:
            break  # the next list starts
        items.append(line[label.end():].strip().rstrip("；;。"))
    return items if len(items) >= 2 and start >= 0 else []


def _item_number(label: str) -> int | None:
    digits = re.search(r"\d+|[一二三四五六七八九十]+", label)
    return cn_number(digits.group(0)) if digits else None


def _under(path: str, chunk: Chunk) -> bool:
    """Whether ``chunk`` stands in the section ``path`` or in one of its sub-sections."""
    return chunk.section == path or chunk.section.startswith(path + SEPARATOR)


def _numbered_before(section: Sequence[Chunk], shown: Sequence[Shown], seen: str) -> bool:
    """Whether a numbered item that no answer showed stands before the first quote shown (then
    the items shown are the end of a list, not the whole of it)."""
    order = {chunk.id: i for i, chunk in enumerate(section)}
    first = min(shown, key=lambda s: (order[s.chunk.id], s.start))
    for chunk in section[:order[first.chunk.id] + 1]:
        text = chunk.text[:first.start] if chunk.id == first.chunk.id else chunk.text
        if any(_NUMBERED_ITEM.match(u) and compact(u) not in seen for u in sentences(text)):
            return True
    return False


def _restated(listed: list[tuple[Chunk, str]], shown: Sequence[Shown]) -> list[tuple[Chunk, str]]:
    """What the last answer showed, whole: ``listed`` (its enumeration), then each sentence its
    quotes come from that no unit already taken holds, in the answer's order. The list may stand
    anywhere in that answer (after a lead sentence, or in its 「依据」), so all of it is repeated."""
    units = list(listed)
    for chunk, unit in _whole_units(shown):
        if not any(compact(unit) in compact(taken) for _, taken in units):
            units.append((chunk, unit))
    return _take(units, MAX_RESTATED_CHARS)


def _listed_parts(answer_text: str, chunks: Sequence[Chunk]) -> list[tuple[Chunk, str]]:
    """The parts a parts answer listed (「…包括：甲[1]；乙[2]。」), each found again in the first
    chunk of ``chunks`` that has it: part names are short, too short for ``quotes``."""
    listed = answer_text.strip().split(PARTS_LEAD, 1)[-1]
    found = []
    for part in re.split(r"\[\d+\][；。]?", listed):
        name = compact(part)
        # the part's own heading first (a short name, 组织领导, may stand earlier in the prose)
        chunk = next((c for c in chunks if name and compact(heading_name(section_name(c.section))) == name),
                     None) or next((c for c in chunks if name and name in compact(c.text)), None)
        if chunk is not None:
            found.append((chunk, part.strip()))
    return found


def _take(units: list[tuple[Chunk, str]], max_chars: int = MAX_CHARS) -> list[tuple[Chunk, str]]:
    taken: list[tuple[Chunk, str]] = []
    size = 0
    for chunk, unit in units:
        if len(taken) >= MAX_UNITS or (taken and size + len(unit) > max_chars):
            break
        taken.append((chunk, unit))
        size += len(unit)
    return taken
