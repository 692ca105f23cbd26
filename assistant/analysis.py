"""Analyse a question once, before anything is searched or scored.

``analyse`` turns what a person typed into a ``QuestionAnalysis``: the script it was
written in, a normalised Chinese form (繁體 converted to simplified with OpenCC, the
conversational lead-in 「我想问一下哈，就是」 dropped, full-width digits made plain), the
kind of question, the slot it asks to be filled (an organisation, a person, an amount, a
date, a list, a document or a statement), the role or measure asked, and its focus (the
words that say what it is about, without the words that only frame it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from assistant.questions import Kind, measure_asked, question_kind, strip_frame
from corpus.text import nfkc, to_simplified

Script = Literal["simplified", "traditional", "english"]
Slot = Literal["organisation", "person", "amount", "date", "list", "document", "statement", "definition", "contact",
               "price"]

SLOT_OF_KIND: dict[str, Slot] = {
    "who": "organisation", "interpreter": "organisation", "personnel": "person", "number": "amount",
    "date": "date", "list": "list", "doc": "document", "definition": "definition", "general": "statement",
    "contact": "contact", "price": "price",
}

# Conversational lead-ins and tails that carry no content (请问 / 我想问一下哈，就是 / 谢谢).
_LEAD_IN = re.compile(
    r"^(?:(?:你好|您好|老师|同志|小助手)[啊呀，,！!。\s]*)?"
    r"(?:(?:请问|麻烦(?:问|打听)?一下|打扰一下|我想(?:问|咨询|了解|打听)(?:一下)?|想(?:问|咨询|了解|打听)(?:一下)?"
    r"|问(?:一下|下)|咨询(?:一下|下))[哈啊呀吧，,：:\s]*)?(?:就是说?|那个|嗯)?[，,\s]*")
_TAIL = re.compile(r"[，,\s]*(?:谢谢(?:啦|了|你|您)?|多谢|麻烦了|急)[！!。~～]*$")
# A post asked about sits right before 「是谁」 (「委员会主任是谁」 asks for 主任, not 委员).
POSTS = r"(?:办公室)?(?:常务副组长|副组长|组长|副主任|主任|成员|委员|副指挥长|指挥长|总指挥|召集人)"
_ROLE = re.compile(rf"({POSTS})(?=(?:分别|各自|都)?(?:是谁|有哪些|有谁|都有谁|是哪些|由谁|由何人|是何人|是什么人|叫什么"
                   r"|是哪[两几三四]?位|有哪[两几三四]?位|有几位|有几个|[？?]?$))")
_PERSONS_ASKED = re.compile(rf"{POSTS}(?:分别|都)?(?:有哪[两几三四]?位|有几位|都有谁|有谁|是哪[两几三四]?位)")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Question words typed as their homophones (「组长使谁」, 「神马时候」): spelling repair leaves question
# words alone (they are no words of the gazette), so their commonest slips are read here.
_ASKING_SLIPS = {"使谁": "是谁", "似谁": "是谁", "神马": "什么", "什嘛": "什么", "多杀": "多少",
                 # 文建 for 文件 after the word that asks which (not 人文建设)
                 "哪个文建": "哪个文件", "哪份文建": "哪份文件", "什么文建": "什么文件"}
_ASKING_SLIP = re.compile("|".join(_ASKING_SLIPS))
_CLAUSES = re.compile(r"[^，,。；;！!？?]+[，,。；;！!？?]*")
_SENTENCES = re.compile(r"[^。！!？?]+[。！!？?]*")
# 「我是西山县自然资源局的工作人员，…」: a clause about the asker, not part of what is asked.
# Only who the asker is or where they stand: 「我们县想把年度计划报上去」 says what it is about.
# So is what the asker means to do (「我准备在本市注册一家公司」, 「我想去政府网站上查原文」), not
# 「我想问/知道…」; but see ``without_background``: it may be all the question names.
_BACKGROUND = re.compile(r"^(?:我|我们|本人|俺|咱)(?:是|在|刚|家|单位|公司|这边|最近|目前"
                         r"|(?:想|要|准备|打算)(?!问|知道|了解|咨询|请教|确认|打听|查询|查一?下|弄清))")
_MIN_ASKED = 6  # characters beyond the question words: what is left after the background names something
INTERROGATIVE = re.compile(r"什么|啥|哪|谁|几|多少|多久|多长|怎么|怎样|如何|吗|呢|是否|能否|能不能|可不可以|有没有|[？?]")
_LATIN = re.compile(r"[A-Za-z]")
# An English question that asks whether opens with one of these.
_AUXILIARIES = "is|are|was|were|does|do|did|can|could|will|would|must|should|shall|may|has|have"
# 「…可以随便调整吗」, 「是否由市指挥办主任启动」: asks whether, not for a thing.
# 「考不考」「能不能」: a verb, 不 and the verb again.
_POLAR = re.compile(rf"是否|能否|可否|可以不|有没有|([\u4e00-\u9fff])不\1|吗[？?！!。]*$|^(?:{_AUXILIARIES})\b", re.I)
# 「When a driver has an invoice issued, is tax still collected?」, 「If an emergency happens, who
# reports it?」: a clause that sets the case (when, if, once) before the comma, then the clause that
# asks; what the question asks is read from that one. Not 「When was it issued, is it in force?」,
# whose first clause asks too.
ENGLISH_CONDITION = re.compile(rf"^\s*(?:when|if|once|in case)\s+(?!(?:{_AUXILIARIES})\b)[^,?]{{3,}}?,\s*"
                               rf"(?=(?:{_AUXILIARIES}|what|which|who|whom|whose|how|where|when|why)\b)", re.I)
# English 「when」 and 「where」 ask only before an auxiliary (「When will…」, 「by when is…」): after a
# subject they open a clause of the case (「…withheld when they get invoices issued?」).
BEFORE_AUXILIARY = rf"(?=\s+(?:{_AUXILIARIES}|had|might)\b)"
# …or after a verb that asks (「Can you tell me when the road opens?」, 「Does it say where…」).
AFTER_ASKING = r"\b(?:tell me|know|say|says|ask|asking|wondering|explain|find out|clear on|sure)\s+"
_ASKS_WHAT = re.compile(rf"什么|啥|哪|谁|几|多少|多久|多长|怎么|怎样|如何|\b(?:what|which|who|how)\b"
                        rf"|\b(?:when|where)\b{BEFORE_AUXILIARY}|{AFTER_ASKING}(?:when|where)\b", re.I)
# The interrogatives that ask for a slot outright; a question with two of them asks for both.
_ASKS_SLOT: list[tuple[Slot, re.Pattern[str]]] = [
    ("organisation", re.compile(r"谁|哪个部门|哪些部门|哪个单位|哪些单位|什么部门|什么单位")),
    ("date", re.compile(r"什么时候|什么时间|啥时候|何时|哪一?天|几月|几号|多久|多长时间|几个工作日|几天")),
    ("amount", re.compile(r"多少(?!钱)|(?<![哪好十])几[个项所家条人]")),
]


@dataclass(frozen=True)
class QuestionAnalysis:
    """What a question asks, computed once and used by retrieval scoring and the answerer."""

    original: str
    text: str  # normalised simplified Chinese (or the English as typed)
    script: Script
    kind: Kind
    slot: Slot
    focus: str  # ``text`` without the words that only frame the question
    asking: str = ""  # the clauses that ask (「…，想问问具体是多少千瓦以下能做到零投资？」); "" when all do
    role: str | None = None  # 组长, 办公室主任 …
    measure: str | None = None  # 天 in 「几天」
    second_slot: Slot | None = None  # 「什么时候之前报给谁」 asks for a date and an organisation
    polar: bool = False  # asks whether (是否…, …吗) rather than for a thing

    @property
    def is_english(self) -> bool:
        return self.script == "english"


def script_of(text: str) -> Script:
    """english when the text is mostly Latin letters; traditional when OpenCC changes it."""
    latin, cjk = len(_LATIN.findall(text)), len(_CJK.findall(text))
    if latin > 2 * cjk and latin >= 3:
        return "english"
    return "traditional" if cjk and to_simplified(text) != text else "simplified"


def normalise(text: str) -> str:
    """Simplified Chinese, plain digits and letters, without the conversational lead-in and tail."""
    text = nfkc(text).strip()
    if _CJK.search(text):
        text = to_simplified(text)
    text = _ASKING_SLIP.sub(lambda m: _ASKING_SLIPS[m.group(0)], _TAIL.sub("", text))
    stripped = _LEAD_IN.sub("", text, count=1)
    return stripped if len(stripped) >= 2 else text


def without_background(text: str) -> str:
    """The question without clauses about the asker (「我在临川做房产中介，」) that ask nothing."""
    clauses = _CLAUSES.findall(text)
    kept = "".join(c for c in clauses if not (_BACKGROUND.match(c.strip()) and not INTERROGATIVE.search(c)))
    # 「我要申请开办民办学校，需要什么条件」: what is left names nothing; the clause says what it is about
    return kept if len(_CJK.findall(INTERROGATIVE.sub("", kept))) >= _MIN_ASKED else text


def analyse(question: str, written: str = "") -> QuestionAnalysis:
    """The ``QuestionAnalysis`` of a (possibly rewritten) question.

    ``written`` is the question in the asker's words when ``question`` has more (an English
    question's Chinese glosses): its script and whether it asks whether are read from those words,
    not from the glosses (whose 多少 would turn 「Can the price be lower…?」 into a price asked).
    """
    script = script_of(written or question)
    text = normalise(question)
    asked = asked_sentences(text)
    kind = question_kind(asked)
    role = _ROLE.search(asked)
    # 「某高速专班组长」 asks for a person, as 「…组长是谁」 does; 「副主任有哪几位」 for persons, not a list
    if role and (kind in ("general", "who") or (kind == "list" and _PERSONS_ASKED.search(asked))):
        kind = "personnel"
    focus = strip_frame(without_background(text))
    slot = SLOT_OF_KIND[kind]
    own = ENGLISH_CONDITION.sub("", normalise(written)) if written and script == "english" else focus
    return QuestionAnalysis(original=question, text=text, script=script, kind=kind, slot=slot,
                            focus=focus, asking=asking_clauses(focus), role=role.group(1) if role else None,
                            measure=measure_asked(asked), second_slot=second_slot(asked, slot),
                            polar=bool(_POLAR.search(own)) and not _ASKS_WHAT.search(own))


def asked_sentences(text: str) -> str:
    """``text`` without the sentences that tell rather than ask: a sentence closed with a full stop
    whose last clause asks nothing (「有几项事项已经划到我们局，可其中一项不适合。」 tells of a few
    items; 「想退回，需要什么程序？」 asks), when a later sentence asks."""
    sentences = _SENTENCES.findall(text)
    kept = [s for n, s in enumerate(sentences)
            if not (s.rstrip().endswith(("。", "！", "!")) and n + 1 < len(sentences)
                    and not INTERROGATIVE.search((_CLAUSES.findall(s) or [s])[-1]))]
    return "".join(kept) if kept and any(INTERROGATIVE.search(s) for s in kept) else text


def second_slot(text: str, slot: Slot) -> Slot | None:
    """Another slot the question asks for outright, besides ``slot`` (an organisation, a date or an amount)."""
    if slot not in ("organisation", "date", "amount", "person"):
        return None
    asked = [s for s, pattern in _ASKS_SLOT if pattern.search(text)]
    if slot == "person":  # 「谁」 asked for the person already
        asked = [s for s in asked if s != "organisation"]
    return next((s for s in asked if s != slot), None)


def asking_clauses(text: str) -> str:
    """The clauses of a long question that ask something; "" when every clause asks (or none).

    「听说市里的营商环境规划对小微企业用电报装有优惠，想问问具体是多少千瓦以下能做到零投资」:
    the first clause places the question, the second asks it.
    """
    clauses = [c for c in _CLAUSES.findall(text) if c.strip("，,。；;！!？? ")]
    asking = [c for c in clauses if INTERROGATIVE.search(c)]
    return "".join(asking) if asking and len(asking) < len(clauses) else ""
