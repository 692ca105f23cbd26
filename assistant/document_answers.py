"""Questions about a document itself: its 文号, issuer, date and interpreting department, and the
documents it cites.

Such a question is answered from the document's card (the metadata the parser read from its
head) or, when it asks about a document the gazette cites, from the citing sentence
(``assistant.references``). A plan period the question names (十三五) must be the document's:
the nearest plan of another period is another document.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from assistant.analysis import QuestionAnalysis
from assistant.answer import Answer, Citation, passages
from assistant.evidence import coverage
from assistant.matching import addressee_names
from assistant.questions import (
    ASKS_IN_FORCE,
    ASKS_PUBLIC,
    DOC_WORDS,
    PAGE_ASKED,
    PAGE_WORDS,
    PLAN_PERIOD,
    document_kinds,
    names_document_by_subject,
    strip_frame,
)
from assistant.references import ASKS_BASIS, asked_reference, cited_documents, names_province
from corpus.docnumber import find_doc_numbers
from corpus.documents import short_title
from corpus.headings import is_plan_title
from corpus.model import SECTION_SEPARATOR, Chunk, Document, IndexedDocument
from corpus.text import COUNT_NUMERALS, ISSUE_NUMBER, cn_number, compact, iso_date, issue_numbers
from embeddings.index import GazetteIndex
from embeddings.retriever import Hit, Retrieval

if TYPE_CHECKING:
    from assistant.conversation import Rewrite
    from assistant.extractive import ExtractiveAnswerer, Unit

_MAX_DOCUMENTS = 4
_MAX_CATALOGUE = 20  # documents a catalogue answer lists: a whole issue of a bimonthly gazette has about a dozen
# A five-year plan's period names one plan: never paraphrased.
# A day said to be when a document was issued (「9月6日印发的」); a deadline (「3月20日前报」) is not one.
_MONTH_DAY = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日(?=[^，。？?]{0,3}?(?:印发|发布|签发|出台|下发|发的|发文))")
# 「…印发的文件有哪些」, 「哪几个通知」: asks which documents.
# (not a thing of the documents: 「要和什么规划的编制工作衔接」 asks which plan's drafting)
_ASKS_DOCUMENTS = re.compile(r"(?:哪些|哪几[个份]?|什么|几个|几份)(?:文件|通知|公文|批复|规划|预案)(?!的编制|编制)"
                             r"|(?:文件|通知)(?:都)?(?:有)?(?:哪些|哪几|几个|几份|多少)")
# A year said to be when a document was issued (「2020年印发的」, "issued in 2020"); a target year
# (「到2025年」) is not one.
_ISSUED_YEAR = re.compile(r"(?<![到至])(20\d\d)\s*年"
                          r"(?=[^，。？?\d前底末后内]{0,3}?(?:印发|发布|签发|出台|下发|发的|发文))"
                          r"|\b(?:issued|published|signed|released|dated)\s+in\s+(20\d\d)\b", re.I)
_DOC_KIND = "|".join(DOC_WORDS)
# 「哪个文件讲了导游证划转」, "Which document covers …": a document asked for by what it says, so the
# passage that says it is shown with its card (not when only its 文号 or date is asked).
_ASKS_WHICH_DOCUMENT = re.compile(rf"哪(?:个|份|一个|一份)(?:{_DOC_KIND})|什么文件"
                                  r"|\bwhich (?:document|notice|plan|circular)\b", re.I)
_CARD_ONLY = re.compile(r"文号|哪天|日期|何时|什么时候|\bwhen\b|\bnumber\b", re.I)
# 「这个批复的主送单位是哪个」, 「通知是发给谁的」, "Who is the notice addressed to?": the addressee line.
# 发给 is asked of the document itself: its kind stands right before (「这个通知是发给谁的」), not anywhere
# in the question (「通知里补贴发给哪些人」 asks who gets the money).
_ASKS_ADDRESSEE = re.compile(rf"主送|(?:{_DOC_KIND})(?:是|都|主要)?(?:发给|下发给|印发给)了?(?:谁|哪些|哪个|哪几)"
                             rf"|(?:{_DOC_KIND})(?:是)?(?:给|向)(?:谁|哪些单位|哪个单位|哪几个单位)(?:下发|发)的"
                             r"|\b(?:notice|circular|reply|document|plan)\b.{0,30}\baddressed to\b"
                             r"|\baddressees\b", re.I)
# A day of issue without its year (「9月6日那天」): in a question that asks for documents, the day they
# were issued, in whatever year (not a range: 「9月20日之后」, 「9月6日至…」).
_DAY = re.compile(r"(?<![\d至到—~-])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号](?![前后内起]|之[前后]|以[前后来]|至|到|—|-|~)")
# A year said of a thing named after it (「2022年度土地征收…」), and the year a title ends in before a name.
# (Not a target year, 「到2025年…」, and only a thing named as a document: 「2022年的土地征收面积」 asks
# a figure of that year, not another plan.)
_YEAR_BEFORE_NAME = re.compile(rf"(?<![到至止])(20\d\d)年度?的?([\u4e00-\u9fff]{{4}})"
                               rf"(?=[\u4e00-\u9fff]{{0,8}}?(?:{_DOC_KIND}))")
_YEAR_ENDING = re.compile(r"(20\d\d)年度?$")
# A plan named by its period and subject (「十四五交通运输规划」, 「十四五教育规划」); the subject without
# the words that only join or place it (和, 全市, 时期的).
_SUBJECT_PLAN = re.compile(r"十[一二三四五]五(?:时期|期间)?的?([\u4e00-\u9fff]{2,8}?)(?:发展|建设|改革)*"
                           r"(?:规划|行动方案)")
_NOT_SUBJECT = re.compile(r"的|和|与|及|期间|时期|全市|本市|全省|我市")
_SUBJECT_MENTIONS = 3
# A month of issue (「9月份」, 「九月」, 「2022年9月」), not a day of it.
_MONTH = re.compile(r"(?:(20\d\d)年)?(?<![\d月])(\d{1,2}|十[一二]?|[一二三四五六七八九])月份?"
                    r"(?=[^，。？?日号底末初前]{0,4}?(?:印发|发布|发的|出台|下发|签发|发了))")
# Several issuers asked for at once (「一个是市政府发的、一个是市政府办公室发的」, 「市政府和市政府办公室」).
_EACH = re.compile(r"分别|各自|一个是|两个|和|与|及|、")
# Where an issuer's own name begins after its place's name (西山|市人民政府): its level.
_LEVEL = re.compile(r"[省市县区]")
# The issue as a whole, asked of nothing else: 「这期公报收录了哪些文件」, 「本期一共几份文件」.
_ISSUE_WIDE = re.compile(r"(?:(?:这|本|这一)期的?(?:公报)?|公报)(?:里|中|上)?面?(?:一共|总共|共|都)?"
                         r"(?:收录|刊登|刊发|登|印发|发|有|包括|包含)?了?(?:哪些|几份|几个|多少份?)(?:文件|通知|公文)"
                         r"[呢啊？?。]*")


# 「附件叫啥」, 「附有哪些附件」, 「有几个附件」, "What attachments come with it?": the list of a
# document's attachments, not what one of them says (「附件1里的分级标准」).
_ASKS_ATTACHMENTS = re.compile(r"附件(?:都|一共|共)?(?:有哪些|有几个|有什么|有啥|是哪些|是哪几个|叫什么|叫啥|名称"
                               r"|包括|为何|是个?(?:什么|啥)(?:表|文件|东西)?[呢啊呀]?[？?。]*$|[？?。]*$)"
                               r"|(?:哪些|什么|啥|几个|哪几个)附件"
                               r"|\b(?:what|which|list)(?: are)?(?: the)? (?:attachments|annexes|appendices)\b"
                               r"|\b(?:attachments|annexes|appendices) (?:come|does|do|are attached|are there)\b",
                               re.I)
# 「附件3是个啥内容」, "What is Annex 2?": which one attachment is, by its number (not what it says inside:
# 「附件1里较大事件怎么定义」).
_NUMBERED_ATTACHMENT = re.compile(r"附件\s*(\d{1,2}|[一二三四五六七八九十]{1,2})\s*(?:的(?:名称|标题|内容))?"
                                  r"(?:是|讲|叫|为)(?:个|的)?(?:什么|啥|何|哪个)(?:内容|名称|名字|文件|东西)?[呀呢啊]?[？?。]*$"
                                  r"|\bwhat(?: is|'s) (?:in )?(?:attachment|annex|appendix) (\d{1,2})"
                                  r"(?: (?:of|to|in) (?:the|this|that) [\w\s'’–-]{0,80})?\s*\??\s*$", re.I)
# The attachment list a notice ends with: 「附件：甲」, or 「附件：1. 甲」 and 「2. 乙」 on the lines after.
_ATTACHMENT_LINE = re.compile(r"^附件[：:]\s*(?:1[.．、]\s*)?(\S.*)?$")
_NEXT_ATTACHMENT = re.compile(r"^(\d{1,2})[.．、]\s*(\S.*)$")


def asks_attachments(text: str) -> bool:
    """Whether the question asks which attachments a document has."""
    return bool(_ASKS_ATTACHMENTS.search(text))


def asked_attachment(text: str) -> int | None:
    """The number of the one attachment ``text`` asks which it is (「附件3是个啥内容」 → 3), if any."""
    one = _NUMBERED_ATTACHMENT.search(text)
    return (cn_number(one.group(1) or one.group(2)) or None) if one else None


def attachment_lines(chunks: list[Chunk]) -> list[tuple[Chunk, str, str]]:
    """The attachments a document lists (「附件：1. 甲」 and the numbered lines after it), each as
    (its passage, the line verbatim, the attachment's name); [] when it lists none."""
    found: list[tuple[Chunk, str, str]] = []
    heading = False
    for chunk in chunks:
        for line in (ln.strip() for ln in chunk.text.split("\n")):
            if not line:
                continue
            first = _ATTACHMENT_LINE.match(line)
            if first and not found and not heading:
                if first.group(1):
                    found.append((chunk, line, first.group(1).strip()))
                else:
                    heading = True  # 「附件：」 alone: its items are the numbered lines below
                continue
            following = _NEXT_ATTACHMENT.match(line) if found or heading else None
            if following and int(following.group(1)) == len(found) + 1:
                found.append((chunk, line, following.group(2).strip()))
            elif found or heading:
                return found
    return found


def addressee_line(chunks: list[Chunk]) -> tuple[Chunk, str] | None:
    """The line of addressees a notice opens with (under its title and 文号), verbatim, with its
    passage; None when its first passage has none."""
    for chunk in chunks[:1]:
        for line in (ln.strip() for ln in chunk.text.split("\n")):
            if addressee_names(line):
                return chunk, line
    return None


class DocumentAnswers:
    """Document-level answers, built with the answerer's citations and refusals."""

    def __init__(self, answerer: ExtractiveAnswerer) -> None:
        self.answerer = answerer
        self.index: GazetteIndex = answerer.index
        # Each document's first passage: its card starts where the document does.
        self.own_numbers = frozenset(d.doc_number for d in self.index.documents)
        # the ways each issuer is written, for 「哪些文件是市政府办公室印发的」
        self.issuers = {issuer: issuer_forms(issuer) for issuer in {d.issuer for d in self.index.documents if d.issuer}}
        self.heads: dict[str, Chunk] = {}
        for chunk in self.index.chunks:
            self.heads.setdefault(chunk.doc_number, chunk)
        # titles as questions are compared with them: whitespace-free (「十四五」 quoted or not, below)
        self.flat_titles = {d.doc_number: compact(d.title) for d in self.index.documents}
        # The places a title names besides the city that issues nearly every document (临川市): the
        # county a reply or a task force is about (西山县, 东山县).
        places = {d.doc_number: set(self.index.keyword.places(d.title)) for d in self.index.documents}
        city = {p for p in set().union(*places.values())
                if sum(p in found for found in places.values()) * 2 > len(places)}
        self.title_places = {number: found - city for number, found in places.items()}

    def absent_doc_numbers(self, text: str) -> list[str]:
        """文号 the question names that no indexed document has: a 文号 is an identifier, and
        the document with the nearest number is another document."""
        return [n for n in find_doc_numbers(text) if not any(n.endswith(k) for k in self.own_numbers)]

    def names_absent_issue(self, text: str) -> bool:
        """Whether the question names a gazette issue (「2023年第1期」) that is not indexed."""
        # An issue's number names one issue: never paraphrased.
        indexed = {found for i in self.index.manifest.issues for found in issue_numbers(i["label"])}
        return any(found not in indexed for found in issue_numbers(text))

    def names_another_year(self, text: str) -> bool:
        """「西山县2022年度土地征收成片开发方案」 when the issue holds the county's 2021 plan: a document
        named with a year that its title gives otherwise is another document, which the issue lacks."""
        for m in _YEAR_BEFORE_NAME.finditer(compact(text)):
            year, name = m.group(1), m.group(2)
            years = [found.group(1) for title in self.flat_titles.values()
                     if (at := title.find(name)) > 0 and (found := _YEAR_ENDING.search(title[:at]))]
            if years and year not in years:
                return True
        return False

    def part_holding(self, question: str, unit: Unit, hits: list[Hit], sure: bool = True) -> Answer:
        """「讲文旅IP的是哪一部分」: the part of its document that the passage best answering the
        question stands in, by its headings (below the plan's own title), with that passage; as
        confident as the assessment of that passage (low: the closest part, not a sure one)."""
        chunk = unit.chunk
        parts = chunk.section.split(SECTION_SEPARATOR) if chunk.section else []
        if parts and is_plan_title(parts[0]):
            parts = parts[1:]
        where = f"「{' › '.join(parts)}」" if parts else "正文"
        lead = f"相关内容在《{short_title(chunk.title)}》的{where}"
        return Answer(question=question, answer=f"{lead}[1]。\n依据：{unit.text.rstrip('。；;')}[1]。",
                      citations=[self.answerer.citation(1, chunk, unit.quote)], retrieved=passages(hits),
                      mode="extractive", confidence="high" if sure else "low")

    def answer(self, question: str, rewrite: Rewrite, analysis: QuestionAnalysis,
               retrieval: Retrieval) -> Answer | None:
        """文号 / issuer / date / interpreting department of the document the question is about."""
        printed = self._printed_on(analysis.text, retrieval)
        if PAGE_ASKED.search(analysis.text) and not printed:
            return self.answerer.refusal(question, retrieval.hits, suggest=False)  # no such page
        candidates = (printed or retrieval.named_documents
                      or list(dict.fromkeys(h.chunk.doc_number for h in retrieval.hits)))
        if analysis.kind == "interpreter":
            # 「市水利局和市交通运输局分别负责解读哪些文件」 names the departments, not the documents;
            # otherwise the document asked about: named (「营商环境规划」, or the one a follow-up is
            # about), it is answered or refused, never with another document's department; not
            # named, the best-ranked document that names one.
            named = bool(retrieval.named_documents) or names_document_by_subject(analysis.text) or (
                len(set(candidates)) == 1)
            interpreted = [n for n in candidates if self._interpreter(n)]
            targets = self._interpreted_by(question) or (candidates[:1] if named else interpreted[:1])
            parts: list[str] = []
            citations: list[Citation] = []
            for number in targets[:_MAX_DOCUMENTS]:
                doc = self.index.document(number)
                if doc is None or not doc.interpreter:
                    continue
                citations.append(self._interpreter_citation(len(citations) + 1, doc))
                parts.append(f"《{doc.title}》（{number}）由{doc.interpreter}负责解读[{len(citations)}]。")
            if not citations:  # the documents asked about name no interpreting department
                return self.answerer.refusal(question, retrieval.hits, suggest=False)
            return Answer(question=question, answer="".join(parts), citations=citations,
                          retrieved=passages(retrieval.hits), mode="extractive", confidence="high")
        # A day (「9月6日印发的那个规划」) and a plan period (十三五) are never paraphrased: the
        # document must have them, and when none of this issue has them, the issue lacks it.
        candidates = self._having(analysis.text, candidates)
        if not retrieval.named_documents:
            candidates = self._of_kind_named(analysis.text, candidates)
        if not candidates:
            return self.answerer.refusal(question, retrieval.hits, suggest=False)
        target = candidates[0]
        doc = self.index.document(target)
        if doc is None:
            return None
        # A document this one cites (「依据省政府哪一文件」) is answered from the citing sentence, whatever
        # words of the question the document itself lacks (文件精神, 省政府).
        cited = self._cited_answer(question, analysis, doc, retrieval)
        if cited is not None:
            return cited
        if self._card_of_unprinted(analysis.text):
            return self.answerer.refusal(question, retrieval.hits)
        # An English question's glosses are alternatives (场景 or 情境 for "setting"): a missing one
        # says nothing about which document is meant.
        if _quotes_another_title(analysis.text, doc.title) or (
                not analysis.is_english and self._names_another_document(analysis, target)):
            return None
        if self._names_another_subject(analysis.text, target) or self._names_another_place(analysis.text, target):
            return self.answerer.refusal(question, retrieval.hits, suggest=False)
        details = _asked_details(analysis.text, doc, self.answerer.document_texts[target])
        text = f"该文件是{self._card_text(doc)}{details}[1]。"
        citations = [self._card_citation(1, doc)]
        support = self._support(rewrite, analysis, retrieval, target) if not retrieval.named_documents else None
        if support is not None:
            text += f"相关内容：{support.text.rstrip('。；;')}[2]。"
            citations.append(self.answerer.citation(2, support.chunk, support.quote))
        return Answer(question=question, answer=text, citations=citations,
                      retrieved=passages(retrieval.hits), mode="extractive", confidence="high")

    def _support(self, rewrite: Rewrite, analysis: QuestionAnalysis, retrieval: Retrieval,
                 target: str) -> Unit | None:
        """The best sentence or row of ``target`` for a question that asks which document says
        something (not for its 文号 or date alone); None for other questions."""
        if not _ASKS_WHICH_DOCUMENT.search(analysis.text) or _CARD_ONLY.search(analysis.text):
            return None
        units = self.answerer.score_units(rewrite, analysis, self.answerer.candidate_units(retrieval, analysis))
        return next((u for u in units if u.chunk.doc_number == target and u.chunk.kind != "header"), None)

    def catalogue(self, question: str, analysis: QuestionAnalysis, retrieval: Retrieval) -> Answer | None:
        """「2022年9月6日印发的文件有哪些」, 「9月份发了哪些通知」, 「哪些文件是市政府办公室印发的」,
        「这期公报收录了哪些文件」: the documents of that day, month or issuer (and of the kind
        named), each from its card. None when the question asks for no documents, names none of
        those, or no document fits."""
        text = analysis.text
        if not _ASKS_DOCUMENTS.search(text):
            return None
        fits = self._catalogue_filter(text)
        if fits is None:
            return None
        kinds = document_kinds(text)
        found = [d for d in self.index.documents if fits(d) and (not kinds or any(k in d.title for k in kinds))]
        docs = found[:_MAX_CATALOGUE]
        if not docs:
            return None
        lead = f"共{len(found)}份：" if len(found) > 1 else ""
        text = lead + "".join(f"{self._card_text(d)}[{n}]。" for n, d in enumerate(docs, start=1))
        if len(found) > len(docs):
            text += f"（以上为前{len(docs)}份。）"
        return Answer(question=question, answer=text,
                      citations=[self._card_citation(n, d) for n, d in enumerate(docs, start=1)],
                      retrieved=passages(retrieval.hits), mode="extractive", confidence="high")

    def _catalogue_filter(self, text: str) -> Callable[[Document], bool] | None:
        """Which documents the question's day, month, issuer or the issue as a whole selects."""
        # An issue named by its number (「2022年第5期公报」) is the issue as a whole, and the gazette's
        # name in it (《某市人民政府公报》) names no issuer. An issue not indexed is refused before.
        text = ISSUE_NUMBER.sub("本期", text)
        tests: list[Callable[[Document], bool]] = []
        iso = iso_date(text)
        days = list(_DAY.finditer(text))
        day = days[0] if len(days) == 1 else None  # two days name a range
        month = _MONTH.search(text)
        if iso:
            tests.append(lambda d: d.date == iso)
        elif day:  # 「9月6日那天发了哪两个文件」: a day of the issue's year
            suffix = f"-{int(day.group(1)):02d}-{int(day.group(2)):02d}"
            tests.append(lambda d: (d.date or "").endswith(suffix))
        elif month and (number := cn_number(month.group(2))) is not None:
            year, month_number = month.group(1), f"{number:02d}"
            tests.append(lambda d: (d.date or "")[5:7] == month_number and (not year or (d.date or "")[:4] == year))
        issuers = self._issuers_named(text)
        if issuers:  # 「一个是市政府发的、一个是市政府办公室发的」: either
            tests.append(lambda d: d.issuer in issuers)
        if not tests and not _ISSUE_WIDE.fullmatch(text):
            return None
        return lambda d: all(test(d) for test in tests)

    def _issuers_named(self, text: str) -> set[str]:
        """The issuers of indexed documents that the question names, each where it is named the
        longest way (「市政府办公室」 names the office, not the government whose name it holds)."""
        spans = [(m.start(), m.end(), issuer) for issuer, forms in self.issuers.items() for form in forms
                 for m in re.finditer(re.escape(form), text)]
        named = {issuer: end - start for start, end, issuer in spans
                 if not any(s <= start and end <= e and (s, e) != (start, end) for s, e, _ in spans)}
        if len(named) > 1 and not _EACH.search(text):  # 「市政府办公室印发的关于调整市政府…的文件」: the issuer
            return {max(named, key=lambda issuer: named[issuer])}
        return set(named)

    def _having(self, text: str, candidates: list[str]) -> list[str]:
        """The candidates (best first) issued on the day and in the year the question names and
        titled with the plan period it names; without such a candidate, the indexed documents that are; all the
        candidates when the question names neither."""
        day = _MONTH_DAY.search(text)
        suffix = f"-{int(day.group(1)):02d}-{int(day.group(2)):02d}" if day else ""
        periods = PLAN_PERIOD.findall(text)
        issued = _ISSUED_YEAR.search(text)
        year = (issued.group(1) or issued.group(2)) if issued else ""

        def fits(number: str) -> bool:
            doc = self.index.document(number)
            return (doc is not None and (doc.date or "").endswith(suffix)
                    and all(p in doc.title for p in periods)
                    and (not year or (doc.date or "").startswith(year)))

        if not suffix and not periods and not year:
            return candidates
        return [n for n in candidates if fits(n)] or [d.doc_number for d in self.index.documents if fits(d.doc_number)]

    def _of_kind_named(self, text: str, candidates: list[str]) -> list[str]:
        """The candidates with those first whose title ends in the kind of document the question
        names (「文旅预案哪天发」: the 应急预案, though the 文旅 plan ranks higher)."""
        kinds = document_kinds(text)
        if not kinds:
            return candidates

        def of_kind(number: str) -> bool:
            doc = self.index.document(number)
            return doc is not None and any(k in doc.title for k in kinds)
        return sorted(candidates, key=lambda n: not of_kind(n))

    @staticmethod
    def _card_text(doc: Document) -> str:
        text = f"《{doc.title}》，文号为{doc.doc_number}"
        if doc.issuer and doc.date:
            text += f"，由{doc.issuer}于{_cn_date(doc.date)}印发"
        return text

    def _card_citation(self, n: int, doc: Document) -> Citation:
        return self.answerer.citation(n, self.heads[doc.doc_number], doc.doc_number)

    def attachments(self, question: str, analysis: QuestionAnalysis, retrieval: Retrieval) -> Answer | None:
        """「这方案附件叫啥」: the attachments the document asked about lists at its end, each cited
        where it is listed; None when the question asks no such thing or the document lists none."""
        k = asked_attachment(analysis.text)
        if not (asks_attachments(analysis.text) or k) or not retrieval.hits:
            return None
        number = _asked_document(retrieval)
        listed = attachment_lines([c for c in self.index.chunks_of(number) if c.kind != "header"])
        doc = self.index.document(number)
        if not listed or doc is None:
            return None
        if k and k <= len(listed):
            chunk, line, name = listed[k - 1]
            return Answer(question=question, answer=f"《{doc.title}》（{number}）的附件{k}是：{name}[1]。",
                          citations=[self.answerer.citation(1, chunk, line)], retrieved=passages(retrieval.hits),
                          mode="extractive", confidence="high")
        numbered = len(listed) > 1
        names = "；".join(f"{k}. {name}[{k}]" if numbered else f"{name}[{k}]"
                         for k, (_, _, name) in enumerate(listed, 1))
        citations = [self.answerer.citation(k, chunk, line) for k, (chunk, line, _) in enumerate(listed, 1)]
        return Answer(question=question, answer=f"《{doc.title}》（{number}）的附件：{names}。", citations=citations,
                      retrieved=passages(retrieval.hits), mode="extractive", confidence="high")

    def addressees(self, question: str, analysis: QuestionAnalysis, retrieval: Retrieval) -> Answer | None:
        """「成片开发批复的主送单位」: the line of addressees under the document's 文号, cited there;
        None when the question asks no such thing or the document has no such line."""
        if not _ASKS_ADDRESSEE.search(analysis.text) or not retrieval.hits:
            return None
        number = _asked_document(retrieval)
        doc = self.index.document(number)
        found = addressee_line([c for c in self.index.chunks_of(number) if c.kind == "text"])
        if doc is None or found is None:
            return None
        chunk, line = found
        return Answer(question=question, answer=f"《{doc.title}》（{number}）的主送单位：{line.rstrip('：:')}[1]。",
                      citations=[self.answerer.citation(1, chunk, line)], retrieved=passages(retrieval.hits),
                      mode="extractive", confidence="high")

    def _printed_on(self, text: str, retrieval: Retrieval) -> list[str]:
        """「第129页刊登的是哪份文件」: the documents printed on the page asked, those of the issues
        retrieval found first (every issue has a page 129)."""
        asked = PAGE_ASKED.search(text)
        if asked is None:
            return []
        page = int(asked.group(1))
        found = list(dict.fromkeys(h.chunk.doc_number for h in retrieval.hits))
        issues = {h.chunk.issue_id for h in retrieval.hits}
        printed = [d.doc_number for d in self.index.documents if (not issues or d.issue_id in issues)
                   and d.start_page is not None and d.start_page <= page <= (d.end_page or d.start_page)]
        return sorted(printed, key=lambda n: found.index(n) if n in found else len(found))

    def _cited_answer(self, question: str, analysis: QuestionAnalysis, doc: Document,
                      retrieval: Retrieval) -> Answer | None:
        """The document ``doc`` cites, when the question asks about that one (``assistant.references``)."""
        own = self.own_numbers
        cited = cited_documents([h.chunk for h in retrieval.hits if h.chunk.doc_number == doc.doc_number], own)
        # the province's document, or the one asked as cited, wherever the document cites it
        if ((names_province(analysis.text) and not any("省" in c.title for c in cited))
                or (not cited and ASKS_BASIS.search(analysis.text))):
            cited = cited_documents(self.index.chunks_of(doc.doc_number), own)
        weights = self.answerer.char_pairs.weights(strip_frame(analysis.focus))
        asked = asked_reference(analysis.text, doc.title, cited,
                                lambda text: coverage(weights, self.answerer.pairs_of(compact(text))),
                                lambda text: set(self.index.keyword.tokens(text)))
        if asked is None:
            return None
        text = f"所问文件为《{asked.title}》，文号为{asked.number}[1]。\n依据：{asked.sentence.rstrip('。；')}[1]。"
        citation = self.answerer.citation(1, asked.chunk, asked.sentence)
        return Answer(question=question, answer=text, citations=[citation], retrieved=passages(retrieval.hits),
                      mode="extractive", confidence="high")

    def _names_another_subject(self, text: str, number: str) -> bool:
        """「十四五交通运输规划的文号」 when the closest document is the 文化旅游 plan: a plan named by
        its period and subject is another plan unless its subject is in the title's characters
        (文旅 for 文化旅游) or the document writes of it throughout."""
        named = _SUBJECT_PLAN.search(_QUOTE_MARKS.sub("", compact(text)))
        subject = _NOT_SUBJECT.sub("", named.group(1)) if named else ""
        if len(subject) < 2:
            return False
        own = _QUOTE_MARKS.sub("", self.flat_titles.get(number, ""))
        # in the title's characters (文旅 of 文化旅游), or a subject the document itself writes of, again
        # and again (旅游业 in the 文化旅游 plan; not 交通运输, said of it in passing)
        return not (all(ch in own for ch in subject)
                    or self.answerer.document_texts.get(number, "").count(subject) >= _SUBJECT_MENTIONS)

    def _card_of_unprinted(self, text: str) -> bool:
        """「《临川市促进服务业提质增效二十条工作措施》的文号」: the 文号 or date of a document named in full
        that the issue does not print (its citing sentence gave none, or ``_cited_answer`` had answered);
        not a short name of one it prints (《教育规划》), and not 「…系哪一文件提出」, which asks for the
        document that writes the name."""
        quoted = [q for q in _QUOTED_TITLE.findall(text) if len(q) >= _FULL_TITLE_CHARS]
        return (bool(quoted) and bool(_CARD_ONLY.search(text)) and not _ASKS_WHICH_DOCUMENT.search(text)
                and not any(_abbreviates(compact(q), title) for q in quoted for title in self.flat_titles.values()))

    def _names_another_place(self, text: str, number: str) -> bool:
        """「北山区成片开发批复的文号」 when the closest document is the reply to 西山县: a document
        whose title names its county is not the one about another county the question names."""
        own = self.title_places.get(number, set())
        written = self.answerer.document_texts.get(number, "")
        # a place the document itself writes (the city without 市, its province, a township in the
        # county) is no other document's
        named = {p for p in self.index.keyword.places(text) if p not in written}
        return bool(own) and bool(named) and not named & own

    def _names_another_document(self, analysis: QuestionAnalysis, doc_number: str) -> bool:
        """「《临川市“十四五”卫生健康规划》的文号」: the closest document is the 营商环境 plan, but the
        question names a thing (卫生) that document never mentions: it asks about another one."""
        text = self.answerer.document_texts[doc_number]
        common = self.index.keyword.is_common  # 这个, 哪个: the question's, not the document's
        # a count (四级 for 「四个级别」, 三类) is said in many ways; it names no other thing
        return any(t not in text for t in self.answerer.words.required_terms(analysis)
                   if not common(t) and not _COUNTED.match(t))

    def _interpreter(self, doc_number: str) -> str | None:
        """The department that interprets the document (本文件由…负责解读), if it names one."""
        doc = self.index.document(doc_number)
        return doc.interpreter if doc else None

    def _interpreted_by(self, question: str) -> list[str]:
        """文号 of the documents whose interpreting department the question names (临川市教育局 or 市教育局)."""
        flat = compact(question)
        out = []
        for doc in self.index.documents:
            dept = doc.interpreter or ""
            short = re.sub(r"^[\u4e00-\u9fff]{2,3}(?=市)", "", dept)
            if dept and (dept in flat or short in flat):
                out.append(doc.doc_number)
        return out

    def _interpreter_citation(self, n: int, doc: IndexedDocument) -> Citation:
        source = self.index.source_text(doc.issue_id)
        m = re.search(r"本文件由\s*\S+?\s*负责解读", source[doc.start:doc.end])
        quote = m.group(0) if m else doc.doc_number
        chunk = self.index.chunk_at(doc.doc_number, doc.start + (m.start() if m else 0)) or self.heads[doc.doc_number]
        return self.answerer.citation(n, chunk, quote)


# 「本预案自印发之日起施行」, 「自发布之日起实施，有效期五年」: from when a document is in force.
_IN_FORCE = re.compile(r"(?:本[\u4e00-\u9fff]{1,6}?)?自[^。；\n]{1,14}?(?:之日)?起(?:施行|实施|执行|生效)"
                       r"[^。；\n]{0,20}")
_COUNTED = re.compile(rf"[{COUNT_NUMERALS}\d]+[级类个项种条大批]$")  # (一级 names a level: 一级响应)


def _asked_details(text: str, doc: Document, body: str) -> str:
    """What the card says besides its number, issuer and date, when asked: the pages of the issue
    that print the document, the note on whether it is published (此件公开发布), and the sentence
    that says from when it is in force (「本预案自印发之日起施行」, read from ``body``, its text)."""
    details = ""
    if (PAGE_WORDS.search(text) or PAGE_ASKED.search(text)) and doc.start_page:
        details += f"，刊于本期公报第{doc.pages_label}页"
    if ASKS_PUBLIC.search(text) and doc.public_status:
        details += f"，文末注明“{doc.public_status}”"
    if ASKS_IN_FORCE.search(text):
        # the document's own (「本预案自…起施行」) before a clause of a thing in it (「自登记之日起生效」)
        in_force = sorted(_IN_FORCE.finditer(body), key=lambda m: not m.group(0).startswith("本"))
        details += f"，文中写明“{in_force[0].group(0)}”" if in_force else ""
    return details


def _asked_document(retrieval: Retrieval) -> str:
    """The document a question about one document's parts is about: the one it names, else the best hit's."""
    return (retrieval.named_documents or [retrieval.hits[0].chunk.doc_number])[0]


def _cn_date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"


_QUOTED_TITLE = re.compile(r"《([^》]{2,60})》")
_FULL_TITLE_CHARS = 10  # a document named in full (《临川市地下水超采综合治理行动方案》), not a short name


def _abbreviates(name: str, title: str) -> bool:
    """Whether ``name``'s characters stand in ``title`` in order (《教育规划》 of 教育改革与发展规划)."""
    rest = iter(_QUOTE_MARKS.sub("", title))
    return all(ch in rest for ch in _QUOTE_MARKS.sub("", name))
_QUOTE_MARKS = re.compile(r"[“”「」『』‘’\"']")  # 「十四五」 or “十四五”, as the asker types it


def _quotes_another_title(text: str, title: str) -> bool:
    """「《中国教育现代化2035》是哪年发布的」 quotes a title that the document's own title does not
    hold: another document is asked about (one the gazette may cite, but does not print)."""
    own = _QUOTE_MARKS.sub("", compact(title))
    return any(_QUOTE_MARKS.sub("", compact(quoted)) not in own for quoted in _QUOTED_TITLE.findall(text))


def issuer_forms(issuer: str) -> set[str]:
    """The ways people write an issuer (西山市人民政府办公室): whole, from its level on (市人民政府办公室),
    without 人民 or the level's character (市政府办公室, 政府办公室), and with 办公室 as 办 (市政府办)."""
    level = _LEVEL.search(issuer)
    forms = {issuer, issuer[level.start():]} if level else {issuer}
    forms |= {f.replace("人民", "") for f in forms}
    forms |= {f[1:] for f in forms if _LEVEL.match(f)}
    forms |= {f.removesuffix("办公室") + "办" for f in forms if f.endswith("办公室")}
    return {f for f in forms if len(f) >= 3}

