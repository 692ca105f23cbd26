"""The answering service: question → (rewrite) → retrieve → answer. Every interface calls this.

``AskService`` is built once per process by ``AskService.from_settings`` (loads the
embedding model and opens the index) and is safe to share between requests.
"""

from __future__ import annotations

import logging
import re
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote as url_quote

from pydantic import BaseModel, ConfigDict, Field

from assistant.analysis import POSTS, analyse, normalise, script_of
from assistant.answer import CLARIFY_LEAD, LOW_LEAD, NOT_FOUND_LEAD, Answer, passages
from assistant.compound import join_answers, split_compound, split_questions
from assistant.continuation import Continuation
from assistant.conversation import (
    FollowupResolver,
    Rewrite,
    Turn,
    as_turns,
    with_query,
)
from assistant.errors import QuestionError
from assistant.extractive import ExtractiveAnswerer
from assistant.glossary import Glossary
from assistant.llm import LLMUnavailable, build_messages, check_output, make_chat_model, rewrite_with_llm, stream_text
from assistant.questions import document_kinds, is_smalltalk, names_document_by_subject
from assistant.settings import Settings
from assistant.spelling import Homophones
from assistant.vocabulary import Vocabulary
from corpus.aliases import LOCAL_SUFFIXES, expand_aliases, expand_places, place_aliases, route_aliases
from corpus.docnumber import find_doc_numbers
from corpus.model import IndexedDocument
from corpus.profile import GazetteProfile, example_placeholder
from corpus.sentences import split_sentences
from corpus.text import compact
from corpus.web import web_address
from embeddings.index import GazetteIndex, open_index
from embeddings.models import load_embeddings
from embeddings.retriever import Filters, HybridSearch, Retrieval

log = logging.getLogger(__name__)

FALLBACK_SUFFIX = "；以下为摘录式回答。"
NO_CITATION_NOTICE = "大模型回答缺少有效引用" + FALLBACK_SUFFIX
# The reply to an empty question, with the profile's first example question.
EMPTY_REPLY = "请输入您想了解的问题，例如：「{example}」。"
ALL_SHOWN_LEAD = "公报中与此相关的内容，上一回答已基本列出，汇总如下：\n"
REFUSAL_LEADS = (LOW_LEAD, NOT_FOUND_LEAD)


class FilterSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    doc_number: str | None = Field(None, description="Only this document (文号, any bracket form).")
    issuer: str | None = Field(None, description=f"Only documents of this issuer, e.g. {example_placeholder('issuer')}.")
    year: int | None = Field(None, strict=True, description="Only issues of this year.")
    issue: str | None = Field(None, description="Only this issue id, e.g. 2022-05.")

    def to_filters(self) -> Filters:
        from corpus.docnumber import normalize_doc_number

        number = normalize_doc_number(self.doc_number) if self.doc_number else None
        return Filters(doc_numbers=[number] if number else [], issuer=self.issuer or None, year=self.year,
                       issue_id=self.issue or None)


class AskService:
    def __init__(self, settings: Settings, index: GazetteIndex, embeddings,
                 profile: GazetteProfile | None = None) -> None:
        self.settings = settings
        # The gazette's names, greeting and example questions (default: the one the settings name).
        self.profile = profile or settings.gazette_profile()
        self.index = index
        self.search = HybridSearch(index, embeddings, settings.candidate_k, settings.rrf_k, settings.query_cache)
        self._flat_titles = [compact(doc.title) for doc in index.documents]
        self.glossary = Glossary.load(doc_freq=index.keyword.term_frequencies())
        self.extractive = ExtractiveAnswerer(index, answer_threshold=settings.answer_threshold, glossary=self.glossary)
        self.homophones = Homophones(index.keyword.term_frequencies(), self.extractive.written,
                                     index.keyword.is_everyday, index.keyword.is_glue)
        self.vocabulary = Vocabulary.load(self.extractive.gazette_text)
        self.continuation = Continuation(index.chunks_of, self.extractive.citation)
        self.aliases: dict[str, str] = {}
        self.places: dict[str, str] = {}  # short place names people type (平谷 for 平谷区)
        for issue in index.manifest.issues:
            source = index.source_text(issue["issue_id"])
            self.aliases.update(route_aliases(source))
            self.places.update(place_aliases(source, lambda w: w in index.keyword.places(w)))
        self.extractive.named.places_of = self._counties_of
        self._chat_model: Any = None
        self.followups = FollowupResolver(self._topic_terms, self._probe,
                                          {d.doc_number: d.title for d in index.documents},
                                          lambda number: self.extractive.document_texts.get(number, ""),
                                          self.continuation.items_counted, self._places_of)

    @classmethod
    def from_settings(cls, settings: Settings) -> "AskService":
        """Load the embedding model and open the serving index (IndexMissingError if none)."""
        embeddings = load_embeddings(settings)
        index = open_index(settings.index_dir, embeddings.model_id, settings.chroma_url)
        return cls(settings, index, embeddings)

    # -- validation -------------------------------------------------------------
    def validate(self, question: Any) -> str:
        """The question as text every backend accepts (see ``clean_text``), or ``QuestionError``."""
        if not isinstance(question, str):
            raise QuestionError("问题必须是文字")
        question = clean_text(question).strip()
        if len(question) > self.settings.max_question_chars:
            raise QuestionError(f"问题太长（{len(question)} 字），请控制在 {self.settings.max_question_chars} 字以内")
        return question

    # -- answering --------------------------------------------------------------
    def ask(self, question: str, history: list | None = None,
            filters: FilterSpec | None = None, mode: str | None = None) -> Answer:
        """Answer one question. Never raises for a bad LLM endpoint: falls back with a notice."""
        question = self.validate(question)
        history = _clean_history(history)
        canned = self._canned(question)
        if canned:
            return canned
        started = time.perf_counter()
        llm_mode = (mode or self.settings.answer_mode) == "llm"
        rewrite = self.rewrite(question, history, llm_mode)
        standalone = rewrite.kind == "standalone" and not llm_mode
        # Split the user's own words: an English question's glosses would read as a second question.
        parts = self._parts(rewrite.written or rewrite.focus) if standalone else None
        # A question back, or one answer per part, needs no search for the message as a whole.
        retrieval = None if parts or rewrite.kind == "clarify" else self._search(rewrite, filters)
        retrieved_ms = (time.perf_counter() - started) * 1000
        if rewrite.kind == "clarify":
            answer = self.clarification(question, rewrite)
        elif parts:
            answer = join_answers(question, self._answer_parts(*parts, filters))
        else:
            assert retrieval is not None
            answer = self._answer(question, rewrite, retrieval, history, llm_mode)
        answer.rewritten_question = (rewrite.written or rewrite.query) if rewrite.previous else None
        answer.followup_kind, answer.followup_reason = rewrite.kind, rewrite.reason
        answer.timings_ms = {"retrieve": round(retrieved_ms, 1),
                             "answer": round((time.perf_counter() - started) * 1000 - retrieved_ms, 1)}
        self._link_sources(answer)
        return answer

    def _answer(self, question: str, rewrite: Rewrite, retrieval: Retrieval, history: list[Turn],
                llm_mode: bool) -> Answer:
        """The answer to a question that is neither a question back nor several questions."""
        if rewrite.kind == "more" and (more := self.continuation.answer(
                question, self._continued(rewrite, retrieval), rewrite.exclude,
                self._asks_list(rewrite.query))) is not None:
            answer = more  # 「还有吗」: what follows the earlier answers in the document
        elif rewrite.kind == "ordinal" and rewrite.item and rewrite.documents and (
                section := self.continuation.section(question, rewrite.documents[0], rewrite.item)) is not None:
            answer = section  # 「第二项具体说了啥」, or only 「第三个？」, of a listed heading: what it heads
        elif rewrite.kind == "ordinal" and rewrite.asks_which_item and (
                named := self.extractive.item_answer(question, rewrite.item, retrieval)) is not None:
            answer = named  # 「其中第三项是什么」: the item itself, where the gazette states it
        else:
            answer = self.extractive.answer(question, rewrite, retrieval)
            if (rewrite.kind == "standalone" and rewrite.context and answer.confidence != "high"
                    and not retrieval.named_documents and not find_doc_numbers(question)
                    and not names_document_by_subject(rewrite.focus)):
                answer = self._within_conversation(question, rewrite) or answer
            if rewrite.kind == "more" and answer.confidence != "high":
                answer = self._all_shown(question, rewrite, retrieval)
            if llm_mode:
                answer = self._llm_answer(question, rewrite, retrieval.hits, _pairs(history), answer)
        return answer

    def _within_conversation(self, question: str, rewrite: Rewrite) -> Answer | None:
        """A question that names no earlier turn but finds no confident answer on its own
        (「审批时限几天？」 after a turn on one plan) is asked again within the documents the last
        answer cited: in a conversation, those are what it is most likely about. The answer
        from there, when it is confident; None else. An English question is seldom answered with
        confidence alone: it stays its own when a word it glosses to is one that document never
        writes (「the education supervision committee」 after a turn on the drug-safety task force)."""
        cited = self.extractive.document_texts.get(rewrite.context[0], "") if rewrite.context else ""
        if analyse(rewrite.query).is_english and any(t not in cited for t in self._topic_terms(rewrite.query)):
            return None
        retrieval = self.search.search(rewrite.query, self.settings.retrieval_k, Filters(doc_numbers=rewrite.context))
        answer = self.extractive.answer(question, rewrite, retrieval)
        if answer.confidence != "high":
            return None
        rewrite.kind, rewrite.documents = "document", list(rewrite.context)
        rewrite.reason = "单独检索未找到确切答案，在上一回答引用的文件中找到"
        return answer

    @staticmethod
    def _continued(rewrite: Rewrite, retrieval: Retrieval) -> list[str]:
        """The document a 「还有吗」 continues: the one the earlier answer cited, or, when the
        history came as plain (question, answer) pairs, the one the earlier question finds first."""
        return rewrite.documents or [h.chunk.doc_number for h in retrieval.hits[:1]]

    def _asks_list(self, question: str) -> bool:
        """Whether ``question`` asks for a list (what a 「还有吗」 after it asks more of): a list
        slot, or several of another (「跟哪些部门建立…机制」 asks for organisations, plural)."""
        text = normalise(question) if question else ""
        return bool(text) and (analyse(text).slot == "list" or bool(_PLURAL_ASKED.search(text)))

    def _link_sources(self, answer: Answer) -> None:
        """Every citation links to where it can be read in place: the source viewer at the quote
        and its page; a document read from a web page keeps that page's address instead. A quote
        on a scanned page is marked ``ocr`` (its text was read by OCR and may be misread)."""
        for citation in answer.citations:
            doc = self.index.document(citation.doc_number)
            citation.ocr = bool(doc and citation.page is not None and citation.page in doc.ocr_pages)
            if doc is not None and web_address(doc.url):
                citation.url = doc.url
            elif doc is not None:
                citation.url = document_link(citation.doc_number, citation.quote, citation.page)

    def ask_item(self, item: dict, mode: str | None = None) -> dict:
        """One ``gazette ask --batch`` line: ``{id, question, history}`` → answer dict with ``id``.

        The evals harness goes through here too, so it measures exactly what integrators get.
        """
        answer = self.ask(item["question"], item.get("history") or [], mode=mode).model_dump()
        answer["id"] = item.get("id")
        return answer

    def stream(self, question: str, history: list | None = None,
               filters: FilterSpec | None = None, mode: str | None = None) -> Iterator[dict]:
        """Events: ``{"type": "delta", "text": …}`` pieces, then ``{"type": "answer", "answer": {…}}``."""
        question = self.validate(question)
        history = _clean_history(history)
        if (mode or self.settings.answer_mode) == "llm" and not self._canned(question):
            yield from self._stream_llm(question, history, filters)
            return
        answer = self.ask(question, history, filters, mode)
        for sentence in _sentences(answer.answer):
            yield {"type": "delta", "text": sentence}
        yield {"type": "answer", "answer": answer.model_dump()}

    def documents(self) -> list[IndexedDocument]:
        """Every indexed document: 文号, title, issuer, date, pages and the rest of its metadata
        (the API serialises them with ``DocumentSummary``)."""
        return list(self.index.documents)

    def issues(self) -> list[dict]:
        """Every indexed issue: id (the ``issue`` filter), label, year, date, source file, document count."""
        counts: dict[str, int] = {}
        for d in self.index.documents:
            counts[d.issue_id] = counts.get(d.issue_id, 0) + 1
        return [{"issue_id": i["issue_id"], "label": i["label"], "year": i["year"], "date": i.get("date"),
                 "source": i.get("source"), "documents": counts.get(i["issue_id"], 0)}
                for i in sorted(self.index.manifest.issues, key=lambda i: i["issue_id"])]

    def document(self, doc_number: str) -> dict | None:
        """One document's metadata and its sections (heading path, first page, chunk counts)."""
        doc = self.index.document(doc_number)
        if doc is None:
            return None
        sections: dict[str, dict] = {}
        for c in self.index.chunks_of(doc_number):
            if c.kind != "header":
                name = c.section or "（正文）"
                entry = sections.setdefault(name, {"section": name, "page": c.page, "chunks": 0, "table_rows": 0})
                entry["chunks"] += 1
                entry["table_rows"] += c.kind == "table_row"
        return {**_summary(doc), "sections": list(sections.values())}

    def source_document(self, doc_number: str) -> dict | None:
        """One document as the source viewer shows it: its metadata, its text as the source has it,
        where in that text each later page begins (``page_breaks``, offsets into ``text``) and,
        for a PDF issue, the PDF page of each printed page (``pdf_pages``). None if not indexed."""
        doc = self.index.document(doc_number)
        if doc is None:
            return None
        start, end = doc.start, doc.end
        pdf = self.index.source_pdf(doc.issue_id)
        return {**_summary(doc), "url": doc.url, "text": self.index.source_text(doc.issue_id)[start:end],
                "page_breaks": [b - start for b in doc.page_breaks],
                "pdf_pages": pdf[1] if pdf else None, "ocr_pages": doc.ocr_pages}

    def issue_pdf(self, issue_id: str) -> Path | None:
        """The PDF file an indexed issue was read from, or None (not indexed, or not a PDF issue)."""
        found = self.index.source_pdf(issue_id)
        return found[0] if found else None

    # -- internals --------------------------------------------------------------
    def _canned(self, question: str) -> Answer | None:
        if not question:
            return Answer(question=question, answer=EMPTY_REPLY.format(example=self.profile.examples[0]),
                          mode="smalltalk")
        if is_smalltalk(question):
            return Answer(question=question, answer=self.profile.greeting, mode="smalltalk")
        return None

    def _all_shown(self, question: str, rewrite: Rewrite, retrieval: Retrieval) -> Answer:
        """「还有吗」 when nothing is stated beyond the earlier answers: say so, and gather what
        they showed. An earlier answer that stated something settled that the gazette answers
        the question, so the gathering is an answer too, even where the passages alone would
        only be shown as related."""
        again = self.extractive.answer(question, replace(rewrite, exclude=[]), retrieval)
        stated_before = any(text and not text.startswith(REFUSAL_LEADS) for text in rewrite.exclude)
        if again.citations and (again.confidence == "high" or stated_before):
            again.answer = ALL_SHOWN_LEAD + again.answer.removeprefix(LOW_LEAD)
            again.confidence, again.refused = "high", False
        return again

    def _parts(self, question: str) -> tuple[list[str], bool] | None:
        """The questions a message asks, when it asks more than one (``assistant.compound``), and
        whether they are independent (subjects of one predicate) or asked in turn, where a later
        question may lean on an earlier one's answer."""
        asked = split_questions(question)
        # The first question's topic may be in the asker's background before it (「听说要建某工程。
        # 想问一下具体是哪几个“通”」), which the analysis of the question alone leaves out.
        if asked and any(map(self._has_topic, [asked[0], *split_sentences(asked[0], half_width=True)])):
            parts = [asked[0]]
            for later in asked[1:]:
                if _ASKS_AGAIN.match(later) and not self._has_topic(later):
                    # 「分了几个组？都有哪些？」 asks one thing twice: one question
                    parts[-1] = f"{parts[-1]}，{later}"
                    continue
                parts.append(later)
            return (parts, False) if len(parts) > 1 else None
        # 「A和B分别是哪天印发的」, 「A方案和B方案分别由哪个部门解读」 are asked of each document in
        # turn; 「市水利局和市交通运输局分别负责解读哪些文件」: the interpreter answer lists both
        # departments' documents at once.
        split = split_compound(question, self._has_topic, self._within_one_title)
        if split and analyse(question).kind == "interpreter" and not all(map(document_kinds, split)):
            return None
        return (split, True) if split else None

    def _within_one_title(self, text: str) -> bool:
        """Whether ``text`` is part of one document's title (「文化和旅游突发事件应急预案」 is one name)."""
        flat = compact(text)
        return any(flat in title for title in self._flat_titles)

    def _has_topic(self, text: str) -> bool:
        # 「教育规划」: common words, but a document named by its subject and kind
        return bool(self._topic_terms(text)) or names_document_by_subject(text)

    def _answer_parts(self, parts: list[str], independent: bool, filters: FilterSpec | None) -> list[Answer]:
        """Each part of a message that asks several things, answered on its own (``assistant.compound``).

        Parts asked in turn are read as a conversation: 「是哪个文件？」 after 「…成立了工作专班吗？」
        asks about the document that answer cited. Independent parts' queries are embedded
        together first (at once where the model lets two threads run: most of a part's time is
        its query embedding)."""
        if not independent:
            answers: list[Answer] = []
            for part in parts:
                rewrite = Rewrite(part, part)
                if answers:
                    last = answers[-1]
                    turn = Turn.from_answer(last.question, last.model_dump())
                    written = (self.followups.resolve(part, [turn]) if self.followups.refers_back(part)
                               else self.followups.continue_message(part, turn))
                    rewrite = written if written.kind not in ("standalone", "clarify", "more") else rewrite
                rewrite = with_query(rewrite, self._complete)
                answers.append(self.extractive.answer(part, rewrite, self._search(rewrite, filters)))
            return answers
        rewrites = [with_query(Rewrite(part, part), self._complete) for part in parts]
        vectors = self.search.embed_queries([r.query for r in rewrites])
        answers = []
        for part, rewrite, vector in zip(parts, rewrites, vectors):
            retrieval = self.search.search(rewrite.query, self.settings.retrieval_k,
                                           filters.to_filters() if filters else None, vector=vector)
            answers.append(self.extractive.answer(part, rewrite, retrieval))
        return answers

    def clarification(self, question: str, rewrite: Rewrite) -> Answer:
        """A question back: the reference fits more than one recent document."""
        options = "".join(f"\n{i}. {c}" for i, c in enumerate(rewrite.choices, start=1))
        return Answer(question=question, answer=CLARIFY_LEAD + options, refused=True, confidence="none",
                      choices=rewrite.choices)

    def retrieve(self, question: str, history, filters: FilterSpec | None, llm_mode: bool) -> tuple[Rewrite, Retrieval]:
        """The question as understood (a follow-up written out) and its passages, as every answer path gets them."""
        rewrite = self.rewrite(question, history, llm_mode)
        return rewrite, self._search(rewrite, filters)

    def _search(self, rewrite: Rewrite, filters: FilterSpec | None) -> Retrieval:
        """The passages for ``rewrite.query``, within the documents a follow-up is about."""
        chosen = filters.to_filters() if filters else None
        if rewrite.documents and not (chosen and chosen.doc_numbers):
            chosen = chosen or Filters()
            chosen.doc_numbers = list(rewrite.documents)
        return self.search.search(rewrite.query, self.settings.retrieval_k, chosen)

    def rewrite(self, question: str, history=None, llm_mode: bool = False) -> Rewrite:
        """The question made standalone (``assistant.conversation``); in LLM mode the model writes
        out a follow-up that the rules found dependent (the rules' version if it fails).

        The question is normalised first (繁體 → 简体, conversational lead-ins dropped, pinyin
        typos repaired); English gets the gazette words its words gloss to; short route names
        (「甲乙高速」 for 甲地至乙地高速公路) are written out as the gazette spells them.
        """
        # Earlier questions are read as this one is (繁體, everyday words, typos): a follow-up
        # carries their words into its query.
        turns = [replace(t, question=self.normalise(t.question)) for t in as_turns(history)]
        rewrite = self.followups.resolve(self.normalise(question), turns)
        rewrite.context = list(dict.fromkeys(turns[-1].cited)) if turns else []
        if llm_mode and rewrite.previous and rewrite.kind != "clarify":
            try:
                standalone = rewrite_with_llm(self._model(), question, _pairs(turns))
            except LLMUnavailable:
                standalone = None
            if standalone:
                rewrite.query = rewrite.focus = standalone
        return with_query(rewrite, self._complete)

    def normalise(self, question: str) -> str:
        """Simplified, without the conversational lead-in, in the gazette's words (老师 → 教师), with
        homophone typos of gazette words repaired and short place names written in full."""
        text = normalise(question)
        if script_of(text) == "english":
            return text
        text = self.vocabulary.formal(text, self.index.keyword.words)
        tokens = self.index.keyword.tokens(text)
        return expand_places(self.homophones.repair(text, tokens), self.places)

    def _complete(self, text: str) -> str:
        """What is searched for ``text``: route names written out, English glossed in Chinese."""
        if script_of(text) == "english":
            # what the question counts (「the four major projects」), as the gazette names it (四大工程)
            named = self.extractive.parts.counted_name(text)
            text = " ".join([text, self.glossary.translate(text), *([named] if named else [])])
        return expand_aliases(text, self.aliases)

    def _topic_terms(self, text: str, things_only: bool = False) -> list[str]:
        """The words that give a question a topic of its own: gazette words rarer than one
        passage in eight, other than posts, and nouns the gazette never writes (with
        ``things_only``: nouns rarer than one passage in fifty). Lenient on
        purpose: merging a new question with an old one costs more than leaving a follow-up
        without its context."""
        analysis = analyse(self._complete(text), text)
        if things_only:  # 「第三个组是谁牵头」, 「第二个项目投资多少」: only a rare noun names another thing
            nouns = self.index.keyword.nouns(analysis.focus)
            named = self.search.named_documents(text)[2]  # 「…规划第五条」 names a document
            return named + sorted(t for t in self.extractive.words.required_terms(analysis)
                                  if not _POST.fullmatch(t) and any(t in n for n in nouns)) \
                + [t for t in self.extractive.words.unknown_nouns(analysis) if not _POST.fullmatch(t)]
        known = [t for t in self.extractive.words.required_terms(analysis, _TOPIC_IDF)
                 if not _POST.fullmatch(t) and not _OF_ANY_DOCUMENT.fullmatch(t) and not _WHO_FRAME.fullmatch(t)]
        # A subject the gazette never mentions (北京的天气) is a topic too: a new question, not a follow-up.
        return sorted(known) + self.extractive.words.unknown_nouns(analysis)

    def _places_of(self, text: str) -> list[str]:
        """The places of the index that ``text`` names (for English, the places its words gloss):
        a place name, or a name the gazette writes with a county's, district's or city's suffix
        (西山 for 西山市), not an everyday word (开发 of 开发区). ``swap_place_en`` asks it only of
        capitalised English names."""
        keyword = self.index.keyword
        return [t for t in self._topic_terms(text)
                if t in self.places or t in self.places.values() or t in keyword.places(t)
                or (not keyword.is_everyday(t) and any(keyword.document_frequency(t + s) for s in LOCAL_SUFFIXES))]

    def _counties_of(self, text: str) -> list[str]:
        """The counties, districts and cities of the index that ``text`` names, by a name the
        gazette writes often (``self.places``) or one tagged a place that ends like one (西山县):
        not the loose places of ``_places_of`` (示范 of 示范区), nor a province (山西)."""
        keyword = self.index.keyword
        return [t for t in self._topic_terms(text)
                if t in self.places or t in self.places.values()
                or (t[-1] in LOCAL_SUFFIXES and t in keyword.places(t))]

    def _probe(self, query: str, focus: str, documents: list[str], about: bool = False) -> bool:
        """Whether ``query`` is answered with confidence within ``documents``; ``focus`` is the
        user's own part of it, the rest is context (as for a follow-up). ``about``: the message
        refers to those documents, so it is asked as a follow-up about them is (whether a
        question is a follow-up at all is asked without)."""
        query, focus = self._complete(query), self._complete(focus)
        rewrite = Rewrite(query, focus, previous=focus if query != focus else None,
                          context=list(documents) if about else [])
        retrieval = self.search.search(query, self.settings.retrieval_k, Filters(doc_numbers=documents))
        return self.extractive.assess(rewrite, retrieval).decision.confidence == "high"

    def _model(self) -> Any:
        if self._chat_model is None:
            s = self.settings
            self._chat_model = make_chat_model(s.llm_base_url, s.llm_model, s.llm_api_key, s.llm_timeout)
        return self._chat_model

    def _llm_answer(self, question: str, rewrite: Rewrite, hits, history, fallback: Answer) -> Answer:
        try:
            messages = build_messages(rewrite.query, hits, history, self.profile.assistant_name)
            raw = "".join(stream_text(self._model(), messages))
        except LLMUnavailable as exc:
            log.warning("LLM unavailable, using the extractive answer: %s", exc)
            fallback.notice = f"{exc}{FALLBACK_SUFFIX}"
            return fallback
        checked = check_output(question, raw, hits, self.extractive.citation)
        if checked is None:
            fallback.notice = NO_CITATION_NOTICE
            return fallback
        checked.retrieved = passages(hits)
        return checked

    def _stream_llm(self, question: str, history, filters: FilterSpec | None) -> Iterator[dict]:
        started = time.perf_counter()
        rewrite, retrieval = self.retrieve(question, history, filters, llm_mode=True)
        if rewrite.kind == "clarify":
            yield {"type": "answer", "answer": self.clarification(question, rewrite).model_dump()}
            return
        pieces: list[str] = []
        try:
            for piece in stream_text(self._model(), build_messages(rewrite.query, retrieval.hits, _pairs(history),
                                                                    self.profile.assistant_name)):
                pieces.append(piece)
                yield {"type": "delta", "text": piece}
            answer = check_output(question, "".join(pieces), retrieval.hits, self.extractive.citation)
            notice = NO_CITATION_NOTICE
        except LLMUnavailable as exc:
            answer, notice = None, f"{exc}{FALLBACK_SUFFIX}"
        if answer is None:
            # Replace what was streamed with the extractive answer.
            answer = self.extractive.answer(question, rewrite, retrieval)
            answer.notice = notice
            yield {"type": "reset"}
            for sentence in _sentences(answer.answer):
                yield {"type": "delta", "text": sentence}
        answer.retrieved = passages(retrieval.hits)
        self._link_sources(answer)
        answer.timings_ms = {"total": round((time.perf_counter() - started) * 1000, 1)}
        yield {"type": "answer", "answer": answer.model_dump()}


# A later question that only asks for the items again (「都有哪些」, 「分别是什么」) asks the one
# before it again; 「哪天印发？」 asks something else of the same subject.
_ASKS_AGAIN = re.compile(r"^(?:那)?(?:都|分别|具体|一共)?(?:有|是|包括)?(?:哪些|哪几[个项类种条]?|什么|啥)(?:呢|啊|呀)?[？?]?$")
_TOPIC_IDF = 3.0  # log(N / df) + 1 ≥ 3: in at most about one passage in eight (e²)
# What any document has (「由哪个部门负责解读」, 「哪天印发」): no topic of a question's own.
_OF_ANY_DOCUMENT = re.compile(r"(?:负责)?解读|印发|发布|签发|施行")
# What asks who is responsible (「谁负责？」) names no topic of its own.
_WHO_FRAME = re.compile(r"负责|牵头|主管|承担|落实")
# 「哪些部门」, 「哪几个组」, 「都有谁」: the question asks for several things of its slot.
_PLURAL_ASKED = re.compile(r"哪些|哪几|都有谁|有谁|都有什么|都有啥")
# Posts name whom a question asks about, not what: 「副主任有谁」 has no topic of its own, nor has a
# post with the verb that gives it (「任组长」, 「兼任主任」).
_POST = re.compile(rf"(?:担任|兼任|任)?(?:{POSTS}|(?:副)?局长)|组成人员|负责人|办公室")


def document_link(doc_number: str, quote: str | None = None, page: int | None = None) -> str:
    """The source viewer's address of a document (``/documents/{文号}``), at ``quote`` on ``page``."""
    link = f"/documents/{url_quote(doc_number, safe='')}"
    if quote:
        link += f"?quote={url_quote(quote[:MAX_LINK_QUOTE], safe='')}"
    return link + (f"#p{page}" if page else "")


# A quote longer than this is linked by its beginning: the viewer highlights what it is given.
MAX_LINK_QUOTE = 300


def clean_text(text: str) -> str:
    """``text`` without lone surrogates and control characters (newlines and tabs become spaces):
    cleaned once at the service boundary, so no backend (the embedding model, jieba, an LLM) sees them."""
    return "".join(" " if ch in "\n\t\r" else ch for ch in text
                   if ch in "\n\t\r" or unicodedata.category(ch)[0] != "C")


def _clean_history(history) -> list[Turn]:
    return [Turn(clean_text(t.question), clean_text(t.answer), [clean_text(n) for n in t.cited],
                 clean_text(t.rewritten) if t.rewritten else None) for t in as_turns(history)]


def _pairs(history) -> list[tuple[str, str]]:
    """(question, answer) pairs, the form the LLM prompt takes."""
    return [(t.question, t.answer) for t in as_turns(history)]


_SUMMARY_KEYS = ("doc_number", "title", "issuer", "date", "start_page", "end_page", "category", "issue_id",
                 "issue_label", "interpreter", "attachments", "public_status", "page_source")


def _summary(doc: IndexedDocument) -> dict:
    """The document's metadata as the API's ``DocumentSummary`` has it."""
    return {k: getattr(doc, k) for k in _SUMMARY_KEYS}


def _sentences(text: str) -> list[str]:
    """The stream's pieces of an answer: its sentences, which joined give the answer back."""
    return [s for s in split_sentences(text) if s]
