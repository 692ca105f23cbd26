"""The offline answerer: picks the sentences or table rows that state the answer, and cites them.

Deterministic and model-free. The question is analysed once (``assistant.analysis``);
each candidate unit (a sentence of a retrieved passage, or a whole table row) gets the
named features of ``assistant.evidence`` and a fitted probability that it states the
answer. The question as a whole gets a probability that the gazette states an answer:

* high — answer: a short lead sentence from the best unit, then the supporting units;
* low — on-topic passages exist but none states it: say so and show the closest ones;
* none — nothing on-topic: 「公报中未找到」 with no quotes.

``refused`` is true for both low and none: the gazette does not state the answer.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from assistant.analysis import QuestionAnalysis, analyse, script_of
from assistant.answer import LOW_LEAD, NOT_FOUND_LEAD, Answer, Citation, RelatedDocument, passages
from assistant.asked import (
    anchor_words,
    asked_source,
    asked_text,
    labelled_as_asked,
    named_own_heading,
    numbered_as_asked,
    own_words,
    without_names,
)
from assistant.citing import Citer
from assistant.claims import ENUM_PREFIX, join_cjk, lead_clause, render_row
from assistant.conversation import Rewrite
from assistant.document_answers import DocumentAnswers
from assistant.evidence import (
    CharPairs,
    Decision,
    Term,
    Weights,
    best_unit_features,
    coverage,
    decide,
    default_weights,
    dense_feature,
    has_cue,
    holds_slot,
    logistic,
    names_role,
    organisations_in,
    pairs,
    slot_features,
)
from assistant.glossary import Glossary, sense_weights
from assistant.grading import GradeAnswers
from assistant.identifiers import NamedThings
from assistant.listing import introduced_items, labelled_members
from assistant.matching import DEFINITION, addresses, bare_heading, has_term, initials_of, names_its_place, remember
from assistant.mentions import Mentions
from assistant.outline import PartsAnswers
from assistant.people import People, asks_role
from assistant.questions import ASKS_WHICH_PART, strip_frame, without_slot_nouns
from assistant.rows import TableFamilies, about_the_item
from assistant.spelling import WrittenText
from assistant.subjects import DISTINCT_IDF, QuestionWords
from assistant.tasks import with_responsible
from corpus.documents import short_title
from corpus.headings import heading_name, run_in_title
from corpus.model import SECTION_SEPARATOR, Chunk
from corpus.sentences import clause_lists, sentences
from corpus.text import compact
from embeddings.index import GazetteIndex
from embeddings.retriever import Hit, Retrieval, names_a_cell

_MAX_UNITS = {"list": 4, "person": 4}
_DEFAULT_UNITS = 3  # the fact asked is often the second or third best sentence; a fourth makes the answer long
_FOLLOW_RATIO = 0.4  # extra units from the same document must score this close to the best
_OTHER_DOC_RATIO = 0.8  # … and from another document, this close (a second document is a second claim)
_MAX_LOW_QUOTES = 3
_SHORT_CLAIM = 20  # characters: a claim this short is read with its heading
_LISTED_SLOTS = ("list", "statement")  # what a sentence of clauses may answer whole (「工作原则是什么」)
_SHORT_SENTENCE = 12  # characters: the unit feature ``short`` (a sentence too short to state much)
_PERSON_SLOTS = ("person", "organisation", "statement", "list")
_CAPTION = re.compile(r"^「[^」]*」")  # a rendered table row starts with its table's caption
_CONCRETE_SLOTS = ("organisation", "person", "amount", "date", "list", "contact", "price", "definition")
_SLOT_UNITS = 3  # the answer is among the best few units, not always the first
_QUOTED_ASKED = re.compile(r'(?:哪[些几一]?[个项条种类点方面]*|什么|啥)[“"「『‘]([^”"」』’]{2,12})[”"」』’]')
_MAX_MISSING = 3
_RARE_IDF = 6.0  # a word in about one passage in 150 (耕地, 体育馆): seldom paraphrased, never a frame (时限)
_MAX_INITIALS = 3  # characters: 文旅, 发改委 — a short name made of words' first characters
_CONTEXT_WEIGHT = 0.5  # words that come only from the conversation, not the question itself
ENGLISH_NOTE = "公报原文为中文，以下按原文摘录作答（The gazette is published in Chinese; the answer quotes it.）"


@dataclass
class Unit:
    chunk: Chunk
    rank: int
    text: str  # the claim as shown in the answer
    quote: str  # the verbatim passage it comes from
    dense: float = 0.0
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0  # probability that the unit states the answer
    items: int = 0  # list items read with an introducing sentence (assistant.listing)
    clauses: bool = False  # a sentence of clauses taken whole (``clause_lists``)


@dataclass
class Assessment:
    """Everything the answerer concluded about one question (also what ``evals.calibrate`` fits on)."""

    analysis: QuestionAnalysis
    units: list[Unit]  # best first
    decision: Decision


def _box_item(chunk: Chunk) -> bool:
    """An item of a 专栏 box (「4. 推动文旅公共服务质量评价融入智慧旅游平台」) printed inside a
    section: a line with the form of a heading, but the box lists its projects so, and the line is
    all the box says of it. (A box at the top of a section path is no box inside a section.)"""
    box = chunk.section.rfind(SECTION_SEPARATOR + "专栏")
    return box >= 0 and SECTION_SEPARATOR in chunk.section[box + len(SECTION_SEPARATOR):]


class ExtractiveAnswerer:
    """Builds ``Answer`` objects from retrieval results without a language model."""

    def __init__(self, index: GazetteIndex, weights: Weights | None = None, answer_threshold: float | None = None,
                 glossary: Glossary | None = None) -> None:
        self.index = index
        self.glossary = glossary
        citer = Citer(index)
        self.citation, self.row_quote = citer.cite, citer.row_quote  # the page of each quote: ``assistant.citing``
        self.weights = weights or default_weights()
        if answer_threshold is not None:
            self.weights = Weights(**{**self.weights.__dict__, "answer_at": answer_threshold})
        texts = [join_cjk(f"{c.title} {c.section} {c.text}") for c in index.chunks]
        self.char_pairs = CharPairs(texts)
        self.gazette_text = compact("\n".join(texts))  # for "does the gazette ever write this?"
        self.written = WrittenText(self.gazette_text)  # … asked without a scan of the text
        # 「“二次划转”指本次划转的事项」: the gazette defines its terms in a fixed form; a
        # definition question about one of them finds the defining passage by the term.
        found = [(m, c) for c in index.chunks if c.kind == "text" for m in DEFINITION.finditer(compact(c.text))]
        self.definitions: dict[str, Chunk] = {}
        for group in (1, 2):  # 「“X”是指…」 first: the quoted words before 的“X” describe it more loosely
            for m, c in found:
                if m.group(group):
                    self.definitions.setdefault(m.group(group), c)
        self.people = People(index.chunks, index.keyword)
        self.named = NamedThings(index.keyword, self.people)
        self.families = TableFamilies(index.chunks)
        self.documents = DocumentAnswers(self)
        self.parts = PartsAnswers(self)
        self.grades = GradeAnswers(self)
        self.titles = sorted({compact(c.title) for c in index.chunks})
        self.words = QuestionWords(index.keyword, self.written, self.titles)
        self._pair_memo: dict[str, frozenset[str]] = {}
        # Each document's passages, its card (文号, 发文机关 …) included, as one whitespace-free text.
        self.document_texts: dict[str, str] = defaultdict(str)
        for chunk in index.chunks:
            self.document_texts[chunk.doc_number] += compact(chunk.text)
        self.mentions = Mentions(index, self.document_texts, self.citation)

    # -- public -----------------------------------------------------------------
    def answer(self, question: str, rewrite: Rewrite, retrieval: Retrieval) -> Answer:
        """Answer ``question`` from ``retrieval`` (already searched with ``rewrite.query``); an
        English question's answer notes that the gazette is Chinese."""
        answer = self._answer(question, rewrite, retrieval)
        if script_of(question) == "english":
            answer.notice = ENGLISH_NOTE
        return answer

    def _answer(self, question: str, rewrite: Rewrite, retrieval: Retrieval) -> Answer:
        hits = retrieval.hits
        # An English follow-up is written out with the earlier (often Chinese) question: the
        # message itself says it is English.
        english = script_of(question) == "english" and script_of(rewrite.written or rewrite.focus) != "english"
        analysis = analyse(rewrite.focus, question if english else rewrite.written)
        absent = self.documents.absent_doc_numbers(analysis.text)
        if absent or self.documents.names_absent_issue(analysis.text) or self.documents.names_another_year(analysis.text):
            return self.refusal(question, hits, suggest=False, absent=absent)
        # documents of a day, month or issuer, or a document's attachments: read from the documents
        listed_documents = (self.mentions.answer(question, analysis.text, retrieval)
                            or self.documents.catalogue(question, analysis, retrieval)
                            or self.documents.attachments(question, analysis, retrieval)
                            or self.documents.addressees(question, analysis, retrieval))
        if listed_documents is not None:
            return listed_documents
        if analysis.kind in ("doc", "interpreter") and hits:
            special = self.documents.answer(question, rewrite, analysis, retrieval)
            if special is not None:
                return special
        counted = self.parts.counted_in_english(question, rewrite, analysis, retrieval)
        if counted is not None:
            return counted
        graded = self.grades.answer(question, analysis, retrieval)
        if graded is not None:
            return graded
        listed = self.parts.answer(question, rewrite, analysis, hits)
        if listed is not None:
            return listed
        assessment = self.assess(rewrite, retrieval, analysis)
        decision = assessment.decision
        if ASKS_WHICH_PART.search(analysis.text) and decision.confidence != "none" and assessment.units:
            return self.documents.part_holding(question, assessment.units[0], hits, sure=decision.confidence == "high")
        # Member lines state posts and lists, nothing else (not a phone number, a date or an amount).
        persons = self.people.asked_about(analysis.text) if analysis.slot in _PERSON_SLOTS else []
        best = compact(assessment.units[0].text) if assessment.units else ""
        # Asked which posts a person holds (「…担任哪些职务」), every list they are on answers.
        if persons and (analysis.slot == "list" or asks_role(analysis.text)
                        or not (decision.confidence == "high" and any(p in best for p in persons))):
            answer = self.people.answer(question, persons, analysis.text, self.citation)
            answer.retrieved = passages(hits)
        elif decision.confidence == "high" and assessment.units:
            units = about_the_item(assessment.units, compact(analysis.text))
            # what else is shown is measured against the best score, not the unit put first
            answer = self._compose(question, self._choose(units, analysis, assessment.units[0].score), hits, analysis)
        elif decision.confidence == "low" and assessment.units:
            answer = self._closest(question, assessment.units, hits)
        else:
            answer = self.refusal(question, hits, suggest=False)
        return answer

    def assess(self, rewrite: Rewrite, retrieval: Retrieval, analysis: QuestionAnalysis | None = None) -> Assessment:
        """Score the candidate units and decide whether the gazette states the answer."""
        analysis = without_names(analysis or analyse(rewrite.focus, rewrite.written), retrieval.named_titles)
        hits = retrieval.hits
        units = self.score_units(rewrite, analysis, self.candidate_units(retrieval, analysis))
        if rewrite.exclude:
            units = [u for u in units if not _already_shown(u, rewrite.exclude)]
        features = self.question_features(rewrite, analysis, hits, units)
        decision = decide(features, self.weights)
        if decision.confidence == "high" and units:
            # the rare nouns the question asks about (a verb, 提交 or 确认, is often only how it asks)
            nouns = [] if analysis.is_english else self.index.keyword.nouns(analysis.asking or analysis.focus)
            required = [t for (t, *_) in self._required(rewrite, analysis)
                        if any(t in n for n in nouns) and self.index.keyword.idf(t) >= _RARE_IDF]
            shown = [u for u in units[1:_SLOT_UNITS] if u.score >= units[0].score * _FOLLOW_RATIO]
            having = self.named.first_having(analysis, units[0], shown, required)
            if having is None:
                decision.confidence = "low"
            elif having is not units[0]:
                units = [having] + [u for u in units if u is not having]
        return Assessment(analysis, units, decision)

    def question_features(self, rewrite: Rewrite, analysis: QuestionAnalysis, hits: list[Hit],
                          units: list[Unit]) -> dict[str, float]:
        """The question-level features of ``assistant.evidence`` (best passage, best unit)."""
        asked = asked_text(rewrite, analysis)
        # Words that only come from the conversation weigh half, as in ``score_units``.
        words = self._asked_weights(rewrite, analysis)
        chars = self.char_pairs.weights(strip_frame(rewrite.focus if rewrite.previous else asked))
        required = self._required(rewrite, analysis)
        query = compact(rewrite.query)
        lexical = char_share = 0.0
        missing = _MAX_MISSING
        # The passages found, and the best unit's own (at times a neighbour of one found).
        read = [h.chunk for h in hits]
        if units and all(c.id != units[0].chunk.id for c in read):
            read.append(units[0].chunk)
        for chunk in read:
            text = join_cjk(f"{chunk.title} {chunk.section} {chunk.text}")
            have, flat = self._tokens(text), compact(text)
            lacking = sum(1 for senses in required if not any(has_term(t, have, flat, query) for t in senses))
            if names_a_cell(chunk, query):
                lexical = char_share = 1.0
            lexical = max(lexical, coverage(words, have))
            # Character pairs catch a Chinese paraphrase or typo; an English phrase is looked up in the text.
            char_share = max(char_share, coverage(words, flat) if analysis.is_english
                             else coverage(chars, self.pairs_of(flat)))
            missing = min(missing, lacking)
        english = float(analysis.is_english)
        dense = dense_feature(max((h.dense for h in hits), default=0.0))
        best = best_unit_features(units, lambda u: u.score)
        return {"lexical": lexical, "chars": char_share, "dense": dense, **best,
                "slot": self.slot_filled(analysis, units), "missing": float(missing if required else 0),
                "unknown": float(min(len(self.words.unknown_nouns(analysis)), _MAX_MISSING)),
                "unknown_verbs": float(min(len(self.words.unknown_verbs(analysis)), _MAX_MISSING)),
                "english": english, "english_dense": english * dense, "english_unit": english * best["unit"],
                "conversation": float(bool(units) and max(units, key=lambda u: u.score).chunk.doc_number in rewrite.context),
                **slot_features(analysis.slot, analysis.polar)}

    def slot_filled(self, analysis: QuestionAnalysis, units: list[Unit]) -> float:
        """How well the units the answer would show hold the slot asked; 1 when the question
        asks for no particular kind of thing (how, what, why: any sentence may answer)."""
        if analysis.slot not in _CONCRETE_SLOTS:
            return 1.0
        # Only units the answer would show count (a date in an unrelated sentence fills nothing).
        shown = [u for u in units[:_SLOT_UNITS] if u.score >= units[0].score * _FOLLOW_RATIO]
        return max((u.features.get("slot", 0.0) for u in shown), default=0.0)

    # -- candidates and scoring ---------------------------------------------------
    def candidate_units(self, retrieval: Retrieval, analysis: QuestionAnalysis | None = None) -> list[Unit]:
        """Sentences and rows of the hits, plus the neighbours of the two best hits, plus the
        passage that defines the term a definition question asks about."""
        hits = retrieval.hits
        query = np.asarray(retrieval.query_vector, dtype=np.float32) if retrieval.query_vector is not None else None
        asked_flat = compact(analysis.text) if analysis is not None else ""
        places = self.index.keyword.places(analysis.focus) if analysis is not None else []
        units: list[Unit] = []
        seen: set[str] = set()
        asks_organisation = analysis is not None and "organisation" in (analysis.slot, analysis.second_slot)
        expanded: list[tuple[Chunk, int, float]] = [(h.chunk, r, h.dense) for r, h in enumerate(hits)]
        if analysis is not None and analysis.slot == "definition":
            expanded += [(c, 0, 0.0) for term, c in self.definitions.items() if term in compact(analysis.focus)]
        if analysis is not None and analysis.slot == "person":  # 「市水利局局长是谁」: the lists naming the body
            documents = set(retrieval.named_documents) or {h.chunk.doc_number for h in hits}
            expanded += [(c, len(hits), 0.0) for c in self.people.chunks_listing(organisations_in(analysis.text), documents)]
        for r, h in enumerate(hits[:2]):
            for nb in self.index.neighbours(h.chunk):
                if nb is not None and nb.kind == "text":
                    expanded.append((nb, r + len(hits), 0.0))
        for chunk, rank, dense in expanded:
            if chunk.id in seen or chunk.kind == "header":  # a document card is assembled text, not a quote
                continue
            seen.add(chunk.id)
            if chunk.kind == "table_row":
                if places and self.families.rules_out(chunk, places, self.written.__contains__):
                    continue
                units.append(Unit(chunk, rank, render_row(chunk), self.row_quote(chunk),
                                  self._sentence_dense(chunk.text, query, dense)))
                continue
            # the passage, heading and all, is what is asked about when the question names its heading
            heading_named = bool(asked_flat) and bool(named_own_heading(chunk, asked_flat, self.index.keyword.tokens))
            for sentence in sentences(chunk.text):
                if (_box_item(chunk) or not (bare_heading(sentence) or names_its_place(sentence, chunk))) and not addresses(
                        sentence):
                    # An introduction (「应采取以下措施：」) answers only with its items; a task, asked
                    # who carries it out, answers with the parenthesis that names them.
                    source = self.index.source_text(chunk.issue_id)
                    listed = introduced_items(source, sentence, chunk.start, chunk.end) or labelled_members(
                        source, sentence, chunk.start, chunk.end)
                    if listed is None and asks_organisation:
                        listed = with_responsible(source, sentence, chunk.start, chunk.end)
                    text, quote, items = (listed.text, listed.quote, listed.items) if listed else (sentence, sentence, 0)
                    similarity = self._sentence_dense(sentence, query, dense)
                    if heading_named:
                        similarity = max(similarity, dense)
                    units.append(Unit(chunk, rank, text, quote, similarity, items=items))
            if analysis is None or analysis.slot in _LISTED_SLOTS:
                units += [Unit(chunk, rank, whole, whole, self._sentence_dense(whole, query, dense), clauses=True)
                          for whole in clause_lists(chunk.text)]
        return units

    def _sentence_dense(self, sentence: str, query: np.ndarray | None, passage: float) -> float:
        """Cosine of the question and the sentence (or table row) itself, from vectors cached
        at ingest; the passage's cosine where the index has none."""
        vector = self.index.sentence_vector(sentence) if query is not None else None
        return passage if vector is None else float(vector @ query)

    def score_units(self, rewrite: Rewrite, analysis: QuestionAnalysis, units: list[Unit]) -> list[Unit]:
        """Set each unit's features and probability; returns the units best first."""
        asked = asked_text(rewrite, analysis)
        words = self._asked_weights(rewrite, analysis)
        chars = self.char_pairs.weights(strip_frame(asked))
        placed_by_chunk: dict[str, tuple[frozenset[str], frozenset[str], str, frozenset[str]]] = {}
        english = float(analysis.is_english)
        short_words = [w for w in words if isinstance(w, str) and 2 <= len(w) <= _MAX_INITIALS]
        asked_flat = compact(analysis.text)
        own_headings: dict[str, str] = {}
        anchors = () if analysis.is_english else anchor_words(
            rewrite.focus if rewrite.previous else analysis.text, self.index.keyword.words,
            lambda w: self.index.keyword.document_frequency(w) > 0)
        # A name quoted right after the interrogative (「提了哪几个“注重”」) is what is asked, as the
        # words next to it are; a name quoted elsewhere is the subject asked about.
        anchors = (*anchors, *(q for q in _QUOTED_ASKED.findall(asked_flat) if q in self.written))
        for unit in units:
            # Words of the unit itself count fully; words of its document title or only in its
            # heading path count half (they place it, they do not answer) — unless the question
            # names the unit's own heading (「应急保障组是哪个部门牵头」: 「牵头单位：…」 under
            # 「2.3.4 应急保障组」 is about it, as a list naming all eight groups is not).
            if unit.chunk.id not in own_headings:  # once a passage: its sentences share the heading
                own_headings[unit.chunk.id] = named_own_heading(unit.chunk, asked_flat, self.index.keyword.tokens)
            own = own_headings[unit.chunk.id]
            text = join_cjk(f"{own} {unit.text}" if own else unit.text)
            placed = placed_by_chunk.get(unit.chunk.id)
            if placed is None:
                where = join_cjk(f"{unit.chunk.title} {unit.chunk.section} {unit.chunk.table_caption or ''} "
                                 f"{run_in_title(unit.chunk.text)}")
                placed = (self._with_initials(short_words, where), self.pairs_of(where), compact(where),
                          self._tokens(join_cjk(unit.chunk.title)))
                placed_by_chunk[unit.chunk.id] = placed
            short = unit.chunk.kind == "text" and len(compact(unit.text)) < _SHORT_SENTENCE
            # (a title word, 高速公路 in the task force's notice, tells none of the notice's sentences apart)
            lexical = coverage(words, self._with_initials(short_words, text) - placed[3], placed[0])
            dense = dense_feature(unit.dense)
            unit.features = {
                "lexical": lexical,
                # An English phrase's senses are looked up in the running text: the Chinese words
                # that gloss it are often written inside longer ones.
                "chars": (coverage(words, compact(text), placed[2]) if analysis.is_english
                          else coverage(chars, self.pairs_of(text), placed[1])),
                "dense": dense,
                "english_dense": english * dense,
                "english_lexical": english * lexical,
                "rank": 1.0 / (1 + unit.rank),
                "slot": (slot := self._holds_slots(unit, analysis)),
                # 「什么时候之前报给谁」: a unit that holds both things asked is the answer far more often.
                "both_slots": float(analysis.second_slot is not None and slot >= 1.0),
                "role": (names_role(unit.text, _role_of(unit, analysis), compact(analysis.text))
                         if analysis.slot == "person" else max(labelled_as_asked(unit.text, asked_flat),
                                                                numbered_as_asked(unit.chunk, asked_flat))),
                "cue": has_cue(unit.text, analysis.slot),
                "short": float(short),
                "anchor": sum(a in text for a in anchors) / len(anchors) if anchors else 0.0,
            }
            unit.score = logistic(self.weights.unit, unit.features)
        return sorted(units, key=lambda u: -u.score)

    def _with_initials(self, short_words: list[str], text: str) -> frozenset[str]:
        """The tokens of ``text``, and the question's short words it writes out in full: 文旅
        where the text has 文化和旅游, 网货 where it has 网络货运 (``matching.initials_of``)."""
        tokens = self._tokens(text)
        # Only a text that has every character of the short name can write it out in full.
        missing = [w for w in short_words if w not in tokens and all(ch in text for ch in w)]
        if not missing:
            return tokens
        long_words = [w for w in self.index.keyword.words(text) if len(w) >= 2]
        return tokens | {w for w in missing if initials_of(w, long_words)}

    def _tokens(self, text: str) -> frozenset[str]:
        """The tokens of a passage or sentence as a set (the tokenizer remembers them per text)."""
        return frozenset(self.index.keyword.tokens(text))

    def pairs_of(self, text: str) -> frozenset[str]:
        """The character pairs of a passage or sentence, remembered."""
        return remember(self._pair_memo, text, lambda: frozenset(pairs(text)))

    def _asked_weights(self, rewrite: Rewrite, analysis: QuestionAnalysis) -> Mapping[Term, float] | Mapping[str, float]:
        """What the evidence must cover, weighted: the question's gazette words, or for an
        English question its phrases, each as the gazette words it may stand for."""
        if analysis.is_english and self.glossary is not None:
            return sense_weights(self._sense_groups(rewrite, analysis), self.index.keyword)
        return without_slot_nouns(self.word_weights(asked_text(rewrite, analysis), own_words(rewrite, analysis)),
                                  analysis.slot)

    def _sense_groups(self, rewrite: Rewrite, analysis: QuestionAnalysis) -> list[tuple[str, ...]]:
        """The English question's phrases as the gazette words (of the index) each may stand for."""
        assert self.glossary is not None
        return self.glossary.gazette_senses(asked_source(rewrite, analysis), rewrite.written or rewrite.query,
                                            self.index.keyword)

    def _required(self, rewrite: Rewrite, analysis: QuestionAnalysis) -> list[tuple[str, ...]]:
        """The distinctive things the question names (see ``required_terms``), each as the
        words any one of which a passage must have; an English phrase may be any of its senses."""
        if analysis.is_english and self.glossary is not None:
            idf = self.index.keyword.idf
            return [senses for senses in self._sense_groups(rewrite, analysis)
                    if min(map(idf, senses)) >= DISTINCT_IDF]
        return [(t,) for t in sorted(self.words.required_terms(analysis))]

    @staticmethod
    def _holds_slots(unit: Unit, analysis: QuestionAnalysis) -> float:
        """``holds_slot`` for the slot asked (the mean, when the question asks for two), judged on
        the unit's own words: a table's caption says what the table is about, not what a row holds,
        except how many rows it has (「…事项（90项）」, asked 「调整回原部门的事项有多少项」)."""
        text = _CAPTION.sub("", unit.text)
        row = unit.chunk.kind == "table_row"
        held = holds_slot(text, analysis.slot, analysis.measure, _role_of(unit, analysis), compact(analysis.text), row)
        if row and analysis.slot == "amount" and (caption := _CAPTION.match(unit.text)):
            held = max(held, float(holds_slot(caption.group(0), "amount", analysis.measure) >= 1.0))
        if analysis.second_slot:
            held = (held + holds_slot(text, analysis.second_slot, analysis.measure, row=row)) / 2
        return held

    def word_weights(self, query: str, focus: str | None = None) -> dict[str, float]:
        """IDF of the query's words that the gazette uses; words not in ``focus`` (the
        conversation's, or a long question's clauses that only set the scene) weigh half."""
        keyword = self.index.keyword
        own = set(keyword.tokens(focus)) if focus else None
        weights = {}
        for t in keyword.tokens(strip_frame(query)):
            if keyword.document_frequency(t) and not keyword.is_glue(t):
                weights[t] = keyword.idf(t) * (_CONTEXT_WEIGHT if own is not None and t not in own else 1.0)
        return weights

    def _choose(self, units: list[Unit], analysis: QuestionAnalysis, top: float | None = None) -> list[Unit]:
        limit = _MAX_UNITS.get(analysis.slot, _DEFAULT_UNITS)
        top = units[0].score if top is None else top
        chosen = [units[0]]
        for unit in units[1:]:
            if len(chosen) >= limit or unit.score < top * _FOLLOW_RATIO:
                break
            if unit.chunk.doc_number != units[0].chunk.doc_number and unit.score < top * _OTHER_DOC_RATIO:
                continue
            inside = [c for c in chosen if compact(c.text) in compact(unit.text)]
            if inside and analysis.slot in _LISTED_SLOTS and unit.clauses:
                # the sentence the chosen clauses are part of (「…；统一领导、分级负责；…」) in their place
                first, rest = inside[0], {id(c) for c in inside[1:]}
                chosen = [unit if c is first else c for c in chosen if id(c) not in rest]
                continue
            if inside or any(compact(unit.text) in compact(c.text) for c in chosen):
                continue
            chosen.append(unit)
        return chosen

    # -- composing ----------------------------------------------------------------
    def _compose(self, question: str, units: list[Unit], hits: list[Hit], analysis: QuestionAnalysis) -> Answer:
        """The lead sentence (the clause of the best unit that fills the slot), then the units themselves."""
        citations: list[Citation] = []
        parts: list[str] = []
        several_docs = len({u.chunk.doc_number for u in units}) > 1
        several_sections = analysis.slot == "person" and len({u.chunk.section for u in units}) > 1
        asks_doc_number = "文号" in analysis.text
        for unit in units:
            n = len(citations) + 1
            citations.append(self.citation(n, unit.chunk, unit.quote))
            text = ENUM_PREFIX.sub("", unit.text).rstrip("。；;")
            # Claims from different places say where they come from (「组 长：…」 of which group?).
            where = []
            if several_docs or (asks_doc_number and unit.chunk.doc_number not in text):
                # 「成立专班的文件文号是多少」: the claim says which document, by its 文号 when asked
                where.append(short_title(unit.chunk.title) + (f"（{unit.chunk.doc_number}）" if asks_doc_number else ""))
            # A short sentence under a heading (「空间范围为西山县全域」 under 「3. 生态观光旅游片区」)
            # says what it says only with that heading.
            # (A member line 「李永强 市水利局局长」 says who it is about on its own.)
            short = analysis.slot != "person" and len(compact(text)) < _SHORT_CLAIM
            if (several_sections or short) and unit.chunk.kind == "text" and unit.chunk.section:
                label = heading_name(unit.chunk.heading)
                if label and compact(label) not in compact(text) and not (short and bare_heading(text)):
                    where.append(label)
            if where:
                text = f"{'·'.join(where)}：{text}"
            parts.append(f"{text}[{n}]。")
        lead = lead_clause(units[0], analysis, self.index.keyword.tokens)
        body = "".join(parts)
        if lead:
            body = f"{lead}[1]。\n依据：{body}"
        return Answer(question=question, answer=body, citations=citations, retrieved=passages(hits),
                      mode="extractive", confidence="high")

    def _closest(self, question: str, units: list[Unit], hits: list[Hit]) -> Answer:
        """Low confidence: the gazette is on topic but states no answer; show where to look."""
        shown: list[Unit] = []
        for unit in units:
            if len(shown) == _MAX_LOW_QUOTES:
                break
            # one a passage, and a sentence two overlapping passages share once
            if all(unit.chunk.id != u.chunk.id and compact(unit.text) != compact(u.text) for u in shown):
                shown.append(unit)
        citations = [self.citation(n, u.chunk, u.quote) for n, u in enumerate(shown, start=1)]
        body = LOW_LEAD + "".join(f"{ENUM_PREFIX.sub('', u.text).rstrip('。；;')}[{n}]。"
                                  for n, u in enumerate(shown, start=1))
        return Answer(question=question, answer=body, refused=True, citations=citations, retrieved=passages(hits),
                      mode="extractive", confidence="low")

    def item_answer(self, question: str, item: str, retrieval: Retrieval) -> Answer | None:
        """An item of the last answer's list, asked for by its place (「第三项是什么」): the item,
        cited where a retrieved passage states it; None when none does."""
        flat = compact(item)
        for hit in retrieval.hits:
            sentence = next((s for s in sentences(hit.chunk.text) if flat in compact(s)), None)
            if sentence is not None:
                return Answer(question=question, answer=f"{item}[1]。\n依据：{sentence.rstrip('。；;')}[1]。",
                              citations=[self.citation(1, hit.chunk, sentence)], retrieved=passages(retrieval.hits),
                              mode="extractive", confidence="high")
        return None

    def refusal(self, question: str, hits: list[Hit], suggest: bool = True, absent: Sequence[str] = ()) -> Answer:
        """「公报中未找到」 with up to three documents that came closest (not cited as answers),
        or that the 文号 asked about is not in the indexed issues."""
        related: list[RelatedDocument] = []
        for h in hits if suggest else []:
            if h.chunk.doc_number not in {r.doc_number for r in related}:
                related.append(RelatedDocument(doc_number=h.chunk.doc_number, title=h.chunk.title))
            if len(related) == 3:
                break
        issues = sorted({i["label"] for i in self.index.manifest.issues})
        if absent:
            text = f"已收录的{'、'.join(issues)}中没有文号为{'、'.join(absent)}的文件，请核对文号。"
        else:
            text = f"{NOT_FOUND_LEAD}与该问题直接相关的内容：已收录的{'、'.join(issues)}未涉及此事项。"
        if related:
            text += "可能相关的文件：" + "；".join(f"《{r.title}》（{r.doc_number}）" for r in related) + "。"
        return Answer(question=question, answer=text, refused=True, related=related,
                      retrieved=passages(hits), mode="extractive", confidence="none")


def _role_of(unit: Unit, analysis: QuestionAnalysis) -> str | None:
    """The post asked, as the unit's section would write it: 「综合协调办公室主任」 is the 「主 任：」
    line in the section of 综合协调办公室 (the body the section is named after, taken off the
    post), not a committee's 办公室主任."""
    role = analysis.role
    heading = unit.chunk.heading
    if not role or not heading:
        return role
    body = next((role[:k] for k in range(len(role) - 1, 1, -1) if heading.endswith(role[:k])), "")
    return role[len(body):] if body else role


def _already_shown(unit: Unit, answers: list[str]) -> bool:
    """Whether one of ``answers`` showed ``unit`` (without its end mark, with [n] after it)."""
    text = compact(ENUM_PREFIX.sub("", unit.text)).rstrip("。；;")
    return any(text in re.sub(r"\[\d+\]", "", compact(a)) for a in answers)
