"""What a demonstrative in a follow-up points at: 「这个组」, 「该部门」.

The thing is named by the previous question (「…用地保障组主任是谁」 → 「这个组」 is 用地保障组)
or, when that question asked for it, by the previous answer (「…是哪个部门？」 answered 市水利局 →
「这个部门的局长」 is 市水利局's).
"""

from __future__ import annotations

import re

from assistant.analysis import INTERROGATIVE, analyse
from assistant.answer import CLARIFY_LEAD, LOW_LEAD, NOT_FOUND_LEAD
from assistant.evidence import organisations_in

# 它的…, 这位…, and 该/其 when a noun they point at follows (该局, 其职责); not 其他, 其次,
# 该怎么办 (should), 该向哪里申请.
POINTED = ("(?:市|县|区|局|委|办|单位|部门|机构|文件|通知|方案|规划|预案|专班|项|条|组|会|职责|成员|负责人|主任|组长"
           "|措施|任务|事项|工作|政策|制度|要求|规定|目标|工程|行动|计划)")
POINTING = re.compile(rf"(?:^|[，,\s]|那么?)(?P<that>(?:这(?:个|一)?|该|此)(?P<noun>{POINTED}))")
_PREDICATE = re.compile(r"是|归|现在")  # 「…现在归哪个部门」: what is said of a thing, no part of its name
_BODY_NOUNS = frozenset({"部门", "单位", "机构", "局", "委", "办"})
_BODY_EN = r"(?:company|department|agency|bureau|office|unit|body|organi[sz]ation|authority)"
_POINTING_EN = re.compile(rf"\b(?:that|this|the same|said)\s+{_BODY_EN}(?:'s)?", re.I)
_ASKS_BODY_EN = re.compile(rf"\b(?:which|what)\s+(?:\w+\s+)?{_BODY_EN}\b"
                           r"|\bwho\s+(?:is|are)\s+(?:responsible|in charge)\b", re.I)
_FIRST_CITATION = re.compile(r"\[\d+\]")
# What an answer states, pointed at by 「这条」, 「该项措施」, 「这个要求」: a statement, not a body or a document.
_STATEMENT_NOUNS = frozenset({"条", "项", "措施", "任务", "要求", "规定", "政策", "目标", "工程", "行动", "事项"})
_QUOTED_AFTER = re.compile(r"依据：\s*(.+?)\[\d+\]")  # an answer's lead, then the passage it comes from
_NOT_STATED = (LOW_LEAD, NOT_FOUND_LEAD, CLARIFY_LEAD)  # a refusal or a question back states nothing
_MIN_STATEMENT = 8
# 条 and 项 count things too (这条路, 这项资金): they point at a statement only before what is said of it.
_SAID_OF_IT = re.compile(r"(?:是|由|要|的|里|中|该|需|归|怎|能|可|有|在|具体|主要|说|讲|提|[，,？?]|$"
                         r"|措施|任务|工作|要求|规定|政策|目标|工程|行动|事项)")


def name_pointed(core: str, previous: str) -> str:
    """「这个组具体负责干啥」 after 「…用地保障组主任是谁」: the demonstrative and its noun replaced
    by the name the previous question gave the thing (用地保障组), so that what is asked
    is asked of it and not of any group."""
    m = POINTING.search(core)
    if not m:
        return core
    runs = re.sub(r"[^\u4e00-\u9fff]+|的|那个|这个", " ", previous)  # a name has no particle inside
    # the noun ends the name (「工作专班组长」 names no group), and a name asks nothing
    names = re.findall(rf"[\u4e00-\u9fff]{{1,10}}?{m.group('noun')}(?![长员])", runs)
    names = [n for n in names if len(n) > len(m.group("noun")) and not INTERROGATIVE.search(n)
             and not _PREDICATE.search(n)]
    return core[:m.start("that")] + names[-1] + core[m.end("that"):] if names else core


def body_answered(core: str, question: str, answer: str) -> str | None:
    """「这个部门的局长是谁」 after 「…是哪个部门？」 was answered 「市水利局负责…[1]」: the question
    with the body the answer named in place of 「这个部门」; None when it points at no body, the
    previous question asked for none, or its answer names no one body first."""
    m = POINTING.search(core)
    english = _POINTING_EN.search(core)
    if m and m.group("noun") in _BODY_NOUNS and analyse(question).slot == "organisation":
        start, end = m.start("that"), m.end("that")
    elif english and _ASKS_BODY_EN.search(question):  # "who chairs that company?"
        start, end = english.span()
    else:
        return None
    lead = _FIRST_CITATION.split(answer, maxsplit=1)[0]
    bodies = list(dict.fromkeys(organisations_in(lead)))
    return core[:start] + bodies[0] + core[end:] if len(bodies) == 1 else None


# 「其董事长在专班中系何人」: 其 before a post stands for the body the question before named
# (not 其中, 其他, 其余: they point into a list)
_ITS_POST = re.compile(r"^(?:那么?)?其(?![中他它余次实])(?=[\u4e00-\u9fff]{0,4}?(?:长|主任|书记|经理|负责人|委员))")


def subject_pointed(core: str, question: str) -> str | None:
    """「其董事长…」 after 「临川高速公路管理有限公司承担何项任务？」: the question with the one body
    the earlier question named in place of 其; None when it opens otherwise or names none or two."""
    m = _ITS_POST.match(core)
    if not m:
        return None
    bodies = list(dict.fromkeys(organisations_in(question)))
    return bodies[0] + core[m.end():] if len(bodies) == 1 else None


def statement_pointed(core: str, answer: str) -> tuple[str, str] | None:
    """「这条是哪个部门负责落实？」 after an answer that quoted one task: the passage the answer quoted
    first (the one after 「依据：」 when it led with a shorter sentence), and the question without
    the pointer; None when the question points at no statement or the answer stated none."""
    m = POINTING.search(core)
    if (not m or m.group("noun") not in _STATEMENT_NOUNS or answer.lstrip().startswith(_NOT_STATED)
            or (m.group("noun") in "条项" and not _SAID_OF_IT.match(core, m.end("noun")))):
        return None
    quoted = _QUOTED_AFTER.search(answer)
    stated = (quoted.group(1) if quoted else _FIRST_CITATION.split(answer, maxsplit=1)[0]).strip()
    if len(stated) < _MIN_STATEMENT:
        return None
    return stated, (core[:m.start("that")] + core[m.end("that"):]).strip("，, ")
