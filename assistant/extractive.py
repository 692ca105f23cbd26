"""The offline answerer: picks the best sentences or table rows and cites them.

Deterministic and model-free. Each candidate unit (a sentence of a retrieved passage, or
a whole table row) is scored by how much of the question's information it covers —
terms weighted by inverse document frequency over the index — plus a small bonus when
it has what the question's kind asks for (a 负责 sentence for 「谁」, digits for 「多少」,
the named role for 「组长是谁」) and a prior for the passage's retrieval rank.

The evidence score is the same coverage measured on whole passages (with their document
title and heading path): below ``refusal_threshold`` the answer says the gazette does not
cover the question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby

from assistant.answer import Answer, Citation, RelatedDocument, RetrievedPassage, compact
from assistant.questions import Kind, Rewrite, measure_asked, question_kind, strip_frame
from corpus.documents import short_title
from corpus.headings import classify_heading
from corpus.model import Chunk
from embeddings.index import GazetteIndex
from embeddings.retriever import Hit, Retrieval, names_a_cell

_SENTENCE = re.compile(r"[^。；！？\n]+[。；！？]?")
# The role asked about sits right before 「是谁」 (「委员会主任是谁」 asks for 主任, not 委员).
_ROLE = re.compile(r"((?:办公室)?(?:常务副组长|副组长|组长|副主任|主任|成员|委员|副指挥长|指挥长|总指挥|召集人))"
                   r"(?=是谁|有哪些|有谁|都有谁|是哪些|由谁|是什么人)")
_KIND_CUES: dict[str, re.Pattern[str]] = {
    "who": re.compile(r"负责|牵头|责任单位|主管|划转部门|承担|配合"
                      r"|由[^，。；]{1,20}?(?:审查|实施|承担|召集|兼任|担任|办理|启动|解读)"),
    "number": re.compile(r"\d"),
    "date": re.compile(r"\d{4}年|\d+月|\d+日|年底|年前|之前|以前"),
    "list": re.compile(r"[、；]"),
    "definition": re.compile(r"[”\w]{1,12}(?:是指|指)"),
}
# A line of a personnel list: 「王悦 市教育局局长」, 「成 员：张 晋 市交通运输局副局长」.
_PERSON_LINE = re.compile(r"^(?:[^：]{1,8}：)?[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,3}\s+([\u4e00-\u9fff（）]{3,24})$")
_GROUP_COLUMN = re.compile(r"^(.+?)[（(]([^（）()]+)[）)]$")  # 年度压减计划（2021年）
_TABLE_UNIT = re.compile(r"[（(]单位[：:]\s*([^）)]+)[）)]")
_PLAIN_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_MAX_ROW_NAME = 40
_ENUM_PREFIX = re.compile(r"^\s*(?:\d{1,2}[.．、]|[（(]\d{1,2}[）)])\s*")
_RELATED_SHARE = 0.5  # of the refusal threshold, for a document to be suggested as related
_CN_ENUM = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])\s*")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])")
_MAX_UNITS = {"list": 4, "personnel": 4}
_DEFAULT_UNITS = 2
_FOLLOW_RATIO = 0.8  # extra units must score this close to the best
_DISTINCT_IDF = 5.0  # idf of a word in about one passage in fifty (see required_terms)
_MISSING_PENALTY = 0.5  # per distinctive question word a passage lacks



@dataclass
class Unit:
    chunk: Chunk
    rank: int
    text: str  # the claim as shown in the answer
    quote: str  # the verbatim passage it comes from
    score: float = 0.0
    coverage: float = 0.0


class ExtractiveAnswerer:
    """Builds ``Answer`` objects from retrieval results without a language model."""

    def __init__(self, index: GazetteIndex, refusal_threshold: float = 0.6) -> None:
        self.index = index
        self.refusal_threshold = refusal_threshold

    # -- public -----------------------------------------------------------------
    def answer(self, question: str, rewrite: Rewrite, retrieval: Retrieval) -> Answer:
        """Answer ``question`` from ``retrieval`` (already searched with ``rewrite.query``)."""
        kind = question_kind(rewrite.focus)
        hits = retrieval.hits
        if kind in ("doc", "interpreter") and hits:
            special = self._document_answer(question, kind, retrieval)
            if special is not None:
                return special
        units = self.score_units(rewrite, kind, self.candidate_units(hits))
        evidence = self.evidence_score(rewrite, hits)
        if not units or evidence < self.refusal_threshold:
            # Suggest documents only when they share a fair part of the question's words.
            return self.refusal(question, hits, suggest=evidence >= self.refusal_threshold * _RELATED_SHARE)
        chosen = self._choose(units, kind)
        return self._compose(question, chosen, hits, kind)

    def evidence_score(self, rewrite: Rewrite, hits: list[Hit]) -> float:
        """How much of the question the best passage covers (IDF-weighted, title and path included).

        A word of three or more characters that the index never saw (资格证) earns partial
        credit for the character pairs the passage shares with it, so a paraphrase is not
        mistaken for an unknown subject.
        A question quoting a table row's item name (「排污许可证谁发」) is covered by that row.
        A passage that lacks one of the question's distinctive words (``required_terms``)
        scores at most half: it is about the subject but not about what is asked.
        Calibrated on the gold set with ``python -m evals.calibrate``.
        """
        keyword = self.index.keyword
        tokenizer = keyword.tokenizer
        weights = {t: keyword.idf(t) for t in tokenizer.tokens(strip_frame(rewrite.query)) if not tokenizer.is_glue(t)}
        total = sum(weights.values())
        if not total:
            return 0.0
        required = self.required_terms(rewrite)
        query = compact(rewrite.query)
        best = 0.0
        for h in hits:
            text = _join_cjk(f"{h.chunk.title} {h.chunk.section} {h.chunk.text}")
            have = set(tokenizer.tokens(text))
            flat = compact(text)
            missing = sum(1 for t in required if not _has_term(t, have, flat, query))
            if names_a_cell(h.chunk, query) and not missing:
                return 1.0
            got = sum(w if t in have else w * _char_overlap(t, flat) if not keyword.doc_freq.get(t) else 0.0
                      for t, w in weights.items())
            best = max(best, got / total * _MISSING_PENALTY ** missing)
        return best

    def required_terms(self, rewrite: Rewrite) -> set[str]:
        """The question's distinctive words that the gazette uses somewhere.

        「朔州市图书馆开放时间」: 图书馆 and 开放 occur in the gazette, and so does 时间, but
        never together — the gazette does not say when the library opens. Such words (rarer
        than about one passage in fifty) must all be in the passage that answers. Words
        the gazette never uses are left to the coverage score, and words that only frame
        the question (「什么时间」, 「属于」) or that jieba glued from two (「前要」) are not required.
        """
        keyword = self.index.keyword
        tokenizer = keyword.tokenizer
        focus = strip_frame(rewrite.focus)
        return {t for t in tokenizer.tokens(focus) if len(t) >= 2 and keyword.doc_freq.get(t)
                and keyword.idf(t) >= _DISTINCT_IDF and tokenizer.is_word(t)}

    # -- candidates and scoring ---------------------------------------------------
    def candidate_units(self, hits: list[Hit]) -> list[Unit]:
        """Sentences and rows of the hits, plus the neighbours of the two best hits."""
        units: list[Unit] = []
        seen: set[str] = set()
        expanded: list[tuple[Chunk, int]] = [(h.chunk, r) for r, h in enumerate(hits)]
        for r, h in enumerate(hits[:2]):
            for nb in self.index.neighbours(h.chunk):
                if nb is not None and nb.kind == "text":
                    expanded.append((nb, r + len(hits)))
        for chunk, rank in expanded:
            if chunk.id in seen or chunk.kind == "header":  # a document card is assembled text, not a quote
                continue
            seen.add(chunk.id)
            if chunk.kind == "table_row":
                units.append(Unit(chunk, rank, render_row(chunk), self._row_quote(chunk)))
                continue
            for m in _SENTENCE.finditer(chunk.text):
                sentence = m.group(0).strip()
                if len(compact(sentence)) >= 4 and not _bare_heading(sentence):
                    units.append(Unit(chunk, rank, sentence, sentence))
        return units

    def score_units(self, rewrite: Rewrite, kind: Kind, units: list[Unit]) -> list[Unit]:
        tokenizer = self.index.keyword.tokenizer
        focus = set(tokenizer.tokens(rewrite.focus))
        context = set(tokenizer.tokens(rewrite.query)) - focus if rewrite.previous else set()
        weights = {t: self.index.keyword.idf(t) for t in focus | context}
        for t in context:
            weights[t] *= 0.5
        total = sum(weights.values()) or 1.0
        role = _ROLE.search(rewrite.focus)
        measure = measure_asked(rewrite.focus)
        # 「几天」 is answered by 「0.5天」, not by any number: the amount must carry the measure word.
        amount = re.compile(rf"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+)\s*{measure}") if measure else None
        placed_by_chunk: dict[str, set[str]] = {}
        for unit in units:
            # Words of the unit itself count fully; words only in its document title or
            # heading path count half (they place it, they do not answer).
            own = set(tokenizer.tokens(_join_cjk(unit.text)))
            placed = placed_by_chunk.get(unit.chunk.id)
            if placed is None:
                placed = set(tokenizer.tokens(_join_cjk(f"{unit.chunk.title} {unit.chunk.section}")))
                placed_by_chunk[unit.chunk.id] = placed
            got = sum(w if t in own else 0.5 * w if t in placed else 0.0 for t, w in weights.items())
            unit.coverage = got / total
            bonus = 0.0
            cue = _KIND_CUES.get(kind)
            if cue and cue.search(unit.text):
                bonus += 0.12
            if amount and amount.search(unit.text):
                bonus += 0.12
            if kind == "personnel" and role and _states_role(compact(unit.text), role.group(1)):
                bonus += 1.0  # 「组 长：魏元平 副市长」, 「办公室主任由市教育局局长兼任」 are the answer itself
            if kind == "personnel" and _holds_post_asked(unit.text, rewrite.focus):
                bonus += 1.0  # 「王悦 市教育局局长」 answers 「市教育局局长是谁」
            if unit.chunk.kind == "table_row" and kind in ("number", "who"):
                bonus += 0.08  # a row's cells are the values such questions ask for
            if unit.chunk.kind == "text" and (len(compact(unit.text)) < 12 or _is_own_heading(unit)):
                bonus -= 0.2  # bare headings say little
            unit.score = unit.coverage + bonus + 0.15 / (1 + unit.rank)
        return sorted(units, key=lambda u: -u.score)

    def _choose(self, units: list[Unit], kind: Kind) -> list[Unit]:
        limit = _MAX_UNITS.get(kind, _DEFAULT_UNITS)
        chosen = [units[0]]
        for unit in units[1:]:
            if len(chosen) >= limit or unit.score < units[0].score * _FOLLOW_RATIO:
                break
            if any(compact(unit.text) in compact(c.text) or compact(c.text) in compact(unit.text) for c in chosen):
                continue
            chosen.append(unit)
        return chosen

    # -- composing ----------------------------------------------------------------
    def _compose(self, question: str, units: list[Unit], hits: list[Hit], kind: Kind = "general") -> Answer:
        citations: list[Citation] = []
        parts: list[str] = []
        several_docs = len({u.chunk.doc_number for u in units}) > 1
        several_sections = kind == "personnel" and len({u.chunk.section for u in units}) > 1
        for unit in units:
            n = len(citations) + 1
            citations.append(self.citation(n, unit.chunk, unit.quote))
            text = _ENUM_PREFIX.sub("", unit.text).rstrip("。；;")
            # Claims from different places say where they come from (「组 长：…」 of which group?).
            where = []
            if several_docs:
                where.append(short_title(unit.chunk.title))
            if several_sections and unit.chunk.kind == "text" and unit.chunk.section:
                label = _CN_ENUM.sub("", unit.chunk.section.split(" › ")[-1])
                if label and label not in text:
                    where.append(label)
            if where:
                text = f"{'·'.join(where)}：{text}"
            parts.append(f"{text}[{n}]。")
        return Answer(question=question, answer="".join(parts), citations=citations,
                      retrieved=passages(hits), mode="extractive")

    def citation(self, n: int, chunk: Chunk, quote: str) -> Citation:
        """A citation of ``quote`` inside ``chunk``, with the page where the quote starts."""
        offset = self._locate(chunk, quote)
        doc = self.index.document(chunk.doc_number) or {}
        return Citation(n=n, doc_number=chunk.doc_number, title=chunk.title, issuer=chunk.issuer, date=chunk.date,
                        page=self.index.page_at(chunk.doc_number, offset), section=chunk.section, quote=quote,
                        issue=doc.get("issue_label"))

    def _locate(self, chunk: Chunk, quote: str) -> int:
        source = self.index.source_text(chunk.issue_id)
        probe = quote.strip()[:12]
        pos = source.find(probe, chunk.start, chunk.end + len(probe)) if probe else -1
        return pos if pos >= 0 else chunk.start

    def _row_quote(self, chunk: Chunk) -> str:
        """A table row's quote is its source line(s), verbatim."""
        return self.index.source_text(chunk.issue_id)[chunk.start:chunk.end].strip()

    def _document_answer(self, question: str, kind: Kind, retrieval: Retrieval) -> Answer | None:
        """文号 / issuer / date / interpreting department of the document the question is about."""
        candidates = retrieval.named_documents or list(dict.fromkeys(h.chunk.doc_number for h in retrieval.hits))
        if kind == "interpreter":
            # 「市水利局和市交通运输局分别负责解读哪些文件」 names the departments, not the documents;
            # otherwise the best-ranked document that names an interpreting department.
            interpreted = [n for n in candidates if (self.index.document(n) or {}).get("interpreter")]
            targets = self._interpreted_by(question) or interpreted[:1]
            parts, citations = [], []
            for number in targets[:_MAX_UNITS["list"]]:
                doc = self.index.document(number) or {}
                if not doc.get("interpreter"):
                    continue
                citations.append(self._interpreter_citation(len(citations) + 1, doc))
                parts.append(f"《{doc['title']}》（{number}）由{doc['interpreter']}负责解读[{len(citations)}]。")
            if not citations:
                return None
            return Answer(question=question, answer="".join(parts), citations=citations,
                          retrieved=passages(retrieval.hits), mode="extractive")
        target = candidates[0]
        doc = self.index.document(target)
        if doc is None:
            return None
        # The document's first chunk (its card) starts where the document does.
        head = next(c for c in self.index.chunks if c.doc_number == target)
        text = f"该文件是《{doc['title']}》，文号为{doc['doc_number']}"
        if doc.get("issuer") and doc.get("date"):
            text += f"，由{doc['issuer']}于{_cn_date(doc['date'])}印发"
        text += "[1]。"
        return Answer(question=question, answer=text, citations=[self.citation(1, head, doc["doc_number"])],
                      retrieved=passages(retrieval.hits), mode="extractive")

    def _interpreted_by(self, question: str) -> list[str]:
        """文号 of the documents whose interpreting department the question names (朔州市教育局 or 市教育局)."""
        flat = compact(question)
        out = []
        for doc in self.index.documents:
            dept = doc.get("interpreter") or ""
            short = re.sub(r"^[\u4e00-\u9fff]{2,3}(?=市)", "", dept)
            if dept and (dept in flat or short in flat):
                out.append(doc["doc_number"])
        return out

    def _interpreter_citation(self, n: int, doc: dict) -> Citation:
        source = self.index.source_text(doc["issue_id"])
        m = re.search(r"本文件由\s*\S+?\s*负责解读", source[doc["start"]:doc["end"]])
        quote = m.group(0) if m else doc["doc_number"]
        chunk = (_chunk_containing(self.index, doc["doc_number"], doc["start"] + (m.start() if m else 0))
                 or next(c for c in self.index.chunks if c.doc_number == doc["doc_number"]))
        return self.citation(n, chunk, quote)

    def refusal(self, question: str, hits: list[Hit], suggest: bool = True) -> Answer:
        """「公报中未找到」 with up to three documents that came closest (not cited as answers)."""
        related: list[RelatedDocument] = []
        for h in hits if suggest else []:
            if h.chunk.doc_number not in {r.doc_number for r in related}:
                related.append(RelatedDocument(doc_number=h.chunk.doc_number, title=h.chunk.title))
            if len(related) == 3:
                break
        issues = sorted({i["label"] for i in self.index.manifest.issues})
        text = f"公报中未找到与该问题直接相关的内容：已收录的{'、'.join(issues)}未涉及此事项。"
        if related:
            text += "可能相关的文件：" + "；".join(f"《{r.title}》（{r.doc_number}）" for r in related) + "。"
        return Answer(question=question, answer=text, refused=True, related=related,
                      retrieved=passages(hits), mode="extractive")


def render_row(chunk: Chunk) -> str:
    """A table row as a readable claim.

    「<caption>」第N项 <row name>：列：值；… — the row's first cell names it (应县, 导游证核发);
    columns that only differ by a bracketed part (年度压减计划（2021年）…（2025年）) are read
    as one list, and the caption's unit (单位：万立方米) goes with the numbers.
    """
    key = chunk.row_key
    cells = [(_join_cjk(c), v.strip()) for c, v in chunk.cells() if not (c == "序号" and v == key)]
    unit_match = _TABLE_UNIT.search(chunk.table_caption or "")
    unit = unit_match.group(1).strip() if unit_match else ""
    name = ""
    if cells and not _PLAIN_NUMBER.match(cells[0][1]) and len(cells[0][1]) <= _MAX_ROW_NAME:
        name, cells = _join_cjk(cells[0][1]), cells[1:]
    if not name and key and not key.isdigit():  # 「合计」 stands in the 序号 column
        name = _join_cjk(key)
    parts: list[str] = []
    for group, run in groupby(cells, key=lambda cell: _column_group(cell[0])):
        run = list(run)
        if group and len(run) > 1:
            items = "、".join(f"{_GROUP_COLUMN.match(c).group(2)}{v}" for c, v in run)
            parts.append(f"{group}：{items}" + (f"（{unit}）" if unit else ""))
        else:
            parts.extend(f"{c}：{v}{unit if unit and _PLAIN_NUMBER.match(v) else ''}" for c, v in run)
    where = f"「{chunk.table_caption}」" if chunk.table_caption else ""
    if key and key.isdigit():
        where += f"第{key}项"
    head = f"{where}{' ' if where.endswith('项') else ''}{name}" if name else where
    body = "；".join(parts)
    return f"{head}：{body}" if head else body


def passages(hits: list[Hit]) -> list[RetrievedPassage]:
    return [RetrievedPassage(doc_number=h.chunk.doc_number, title=h.chunk.title, page=h.chunk.page,
                             section=h.chunk.section, text=h.chunk.text, score=round(h.score, 5), kind=h.chunk.kind)
            for h in hits]


def _char_overlap(token: str, text: str) -> float:
    """Share of a long token's character pairs found in ``text`` (资格证 → 资格).

    Two-character words get none: their single characters are everywhere (电动, 上牌).
    """
    if len(token) < 3:
        return 0.0
    grams = [token[i:i + 2] for i in range(len(token) - 1)]
    return sum(g in text for g in grams) / len(grams)


def _column_group(column: str) -> str | None:
    m = _GROUP_COLUMN.match(column)
    return m.group(1) if m else None


def _states_role(flat: str, role: str) -> bool:
    """「主任：田东」 or 「主任由…兼任」 for the role asked — not the office's or a deputy's 主任."""
    if flat.startswith(role + "："):
        return True
    qualified = "" if role.startswith("办公室") else "(?<!办公室)(?<!副)"
    return re.search(f"{qualified}{role}由", flat) is not None


def _is_own_heading(unit: Unit) -> bool:
    """「（一）建立健全公平竞争内部审查机制。」: the heading the passage sits under, repeated as a sentence."""
    label = unit.chunk.section.rsplit(" › ", 1)[-1]
    return bool(label) and compact(unit.text).rstrip("。") == compact(label).rstrip("。")


def _holds_post_asked(text: str, question: str) -> bool:
    """A personnel-list line whose post the question names in full."""
    m = _PERSON_LINE.match(text.strip())
    return bool(m) and m.group(1) in compact(question)


def _has_term(term: str, have: set[str], flat: str, query: str) -> bool:
    """Whether a passage has a required question word (or most of a long one's characters).

    A post and its deputy are different posts: 市长 inside 副市长 does not answer
    「市长是谁」 unless the question itself asks for the deputy.
    """
    if term not in have:
        return _char_overlap(term, flat) >= 0.5
    return f"副{term}" in query or re.search(f"(?<!副){re.escape(term)}", flat) is not None


def _bare_heading(sentence: str) -> bool:
    """A heading line on its own (「（一）建立健全公平竞争内部审查机制」) states nothing, unless it counts."""
    if sentence.rstrip()[-1:] in "。；！？":  # 「2. “二次划转”指本次划转的事项。」 is a statement
        return False
    heading = classify_heading(sentence)
    return heading is not None and not heading.is_paragraph and not re.search(r"\d", sentence[2:])


def _join_cjk(text: str) -> str:
    """「组 长」→「组长」: spaces that only pad Chinese characters apart."""
    return _CJK_GAP.sub("", text)


def _chunk_containing(index: GazetteIndex, doc_number: str, offset: int) -> Chunk | None:
    return next((c for c in index.chunks if c.doc_number == doc_number and c.start <= offset < c.end + 1), None)


def _cn_date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"
