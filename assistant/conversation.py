"""Conversations: whether a question leans on earlier turns, and what it asks on its own.

The chat page, the widget and the API send the earlier turns with every question. A
question is taken as a follow-up only on evidence, never for being short:

* its words refer to the conversation: an ellipsis (「那西山县呢」, 「And the tax bureau?」),
  a pronoun or a document named by its kind (「它的文号」, 「这个通知」), an ordinal into the
  last answer (「第三个组」), a request for more (「还有吗」);
* or it has no topic of its own: no word rarer than one passage in eight except posts
  (「副主任有谁」), and no noun the gazette never writes.

A question that names its own topic (「谁负责地下水压采考核」) stands alone, however short,
and is answered exactly as if asked first. When a reference fits two recent documents (the
``probe`` answers it for real in each), the answer is a question back, with both as choices.
History is passed in explicitly; nothing is remembered between requests.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from assistant.analysis import INTERROGATIVE
from assistant.answer import FollowupKind
from assistant.listed import lists_items, nth_item
from assistant.pointing import POINTED, POINTING, body_answered, name_pointed, statement_pointed, subject_pointed
from assistant.questions import DOC_REFERENCE, names_document_by_subject, names_kind_before, names_other_document
from assistant.swaps import FAMILIES, row_field, swap_entity, swap_head, swap_head_en, swap_place_en, swap_sibling
from corpus.documents import short_title
from corpus.sentences import split_sentences
from corpus.text import cn_number, compact

# 「还有吗」, 「还有没有别的景点」, 「除上述两项外是否还有其他事项」: what follows may only name the
# kind of thing already asked about (事项, 景点), never a new subject (「还有没有别的办法申请低保」).
_MORE = re.compile(r"^(?:那)?(?:还有(?:没有)?(?:别的|其他|其它|(?:什么|啥|哪些)[节组条项个种类位]?)?(?:的)?"
                   # 「其他几个呢」, 「剩下的呢」: the rest, by what is left of the list
                   r"|(?:其他|其它|别的|另外|剩下|剩余)的?(?:[一两俩三四五六七八九十几]*[个项条组种类位处些])?)"
                   r"(?:还有)?(?:吗|嘛|呢|没有|没|么|不|啊|呀)?[？?。!！]*$"
                   # 「还有俩呢」, 「还有三个吗」, 「还有一条是啥」: the rest, counted
                   r"|^(?:那)?还有[一两俩三四五六七八九十几]+(?:个|项|条|组|种|类|位|处)?(?:是(?:啥|什么|哪些?[个条项]?))?"
                   r"(?:呢|吗|啊|呀)?[？?。!！]*$"
                   # 「其余工程为何」, 「其余的呢」
                   r"|^其余(?:的)?[\u4e00-\u9fff]{0,4}?(?:为何|是什么|是啥|有哪些|有什么|呢)?[？?。!！]*$"
                   r"|^(?:那|另外|此外|除此之外)?[，,]?(?:是否)?还有(?:没有)?(?:别的|其他|其它)(?:的)?[\u4e00-\u9fff]{0,4}?"
                   r"(?:吗|呢|没有|不)?[？?。!！]*$"
                   # 「除此之外，尚有哪些」: what else, after words that say 「besides that」
                   r"|^(?:另外|此外|除此之外)[，,]?(?:是否)?还有(?:哪些|什么)(?:吗|呢)?[？?。!！]*$"
                   r"|^除(?:了)?(?:上述|以上|这些|刚才)[^，,]{0,6}(?:外|以外)[，,]?(?:是否)?还有(?:没有)?(?:其他|别的|其它)?"
                   r"[\u4e00-\u9fff]{0,4}?(?:吗|呢)?[？?。!！]*$"
                   r"|^(?:更多|再来几个|再说几个|再列几个|继续)[？?。!！]*$"
                   r"|^(?:and\s+)?(?:anything|what)\s+else\??$|^any\s*(?:others?|more)\??$|^more\??$"
                   r"|^(?:is|are) there (?:any(?:thing)?\s*)?(?:more|others?|else)\??$"
                   # 「What are the other zones?」, 「And the rest?」: the rest of the list just given
                   r"|^(?:and\s+)?(?:what|which)\s+(?:are|were)\s+the\s+(?:other|remaining)(?:\s+[a-z]+){0,2}\??$"
                   r"|^(?:and|what about|how about)\s+the\s+(?:others|other ones|rest)\??$", re.I)
# 「还有别的吗？后面几条也麻烦列一下，我想看全」: after a 「还有吗」, sentences that only ask for the
# rest to be listed.
_REST_ASKED = re.compile(r"(?:列|说|讲|看|给)[^？?。!！]{0,6}(?:全|完|一下|出来)|后面|剩下|其余|余下|全部|完整|继续")
# What a request for the rest is made of; anything else left over names a new thing.
_REST_WORDS = re.compile(r"[列说讲看给发写]|全部?|完整?|一下|出来|后面|剩下|其余|余下|继续|几[条项个点]|[条项个点]"
                         r"|也|都|再|请|麻烦|帮我|我想|想|要|吧|呢|了|的|[，,。？?！!\s]")
_MAX_LEFT_OVER = 2
_MAX_PREDICATE_ONLY = 8  # characters: 「计划何时开工」, 「啥时候开工？」
# 「除了你刚才提到的这几个学段以外」: besides what the last answer said, whatever else the message says.
_BESIDES_SAID = re.compile(r"除了?(?:你|您)?(?:刚才|刚刚|上面|前面|上述|以上|这些|这几|那几|你说的|您说的)"
                           r"[^，,。？?！!]{0,12}?(?:以外|之外|外)")
_ANOTHER = re.compile(r"还有|其他|其它|别的|另外")
# 「换一个完全不同的问题：…」, "Different topic: …": the asker says outright that a new question starts.
_NEW_TOPIC = re.compile(r"^(?:(?:我|再)?换(?:一)?个(?:完全)?(?:不同的?|别的|新的?)?(?:问题|话题)"
                        r"|(?:再|另外)?问(?:一)?个(?:别的|其他的?|不相关的?|新的?)(?:问题|事)?"
                        r"|(?:a\s+)?(?:different|new|unrelated|separate)\s+(?:topic|question|subject)"
                        r"|changing\s+the\s+subject|on\s+another\s+note)"
                        r"\s*[：:，,。.;；!！—-]+\s*", re.I)
# 「其中第二个等级的启动条件」, 「第三条措施的具体内容」: what the ordinal counts.
_ORDINAL_NOUN = re.compile(r"第[一二三四五六七八九十\d]+[个条项类种]?(?![个条项类种])((?:(?![的是有要呢])[\u4e00-\u9fff]){1,4}?)"
                           r"(?=的|是|有|要|呢|所|在|里|中|[？?]|$)")


def _ordinal_noun(question: str) -> str:
    """The noun an ordinal counts (「第二个等级」 → 等级), or ""."""
    found = _ORDINAL_NOUN.search(question)
    return found.group(1) if found else ""


# 「第二个工作组」, 「三个组里第二个」, "the fifth group": the ordinal counts groups (not 组长, 组成).
_COUNTS_GROUPS = re.compile(r"组(?![长员成织])|\bgroups?\b", re.I)
# The measure word may start a word of its own (条件, 项目, 类型): then it is no part of the ordinal.
_ORDINAL = re.compile(r"第\s*([一二三四五六七八九十]|\d{1,2})\s*(?:个|条|项|点|组|种|类|位|家|节|章)(?:[组条项点种类家](?![件目型别]))?")
_LAST = re.compile(r"最后(?:那|这)?(?:一)?(?:个|条|项|点|组|种|类|位|家)(?:[组条项点种类家](?![件目型别]))?")
_ORDINAL_EN = re.compile(r"\bthe (first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
                         r"|(?:thir|four|fif|six|seven|eigh|nine)teenth|twentieth|last|\d{1,2}(?:st|nd|rd|th))"
                         r" (?:one|[a-z]+)\b", re.I)
_EN_PLACES = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
              "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
              "eighteenth", "nineteenth", "twentieth")
_DOC_REFERENCE_EN = re.compile(r"\b(?:this|that|the same)\s+(?:action\s+plan|document|notice|circular|plan|reply"
                               r"|approval|decision|file)\b", re.I)
_EN_DOC_WORD = {"action plan": "方案", "plan": "规划", "notice": "通知", "circular": "通知", "reply": "批复",
                "approval": "批复", "decision": "决定"}
_PRONOUN_WORD = rf"(?:它们?|这位|上述|其{POINTED}|该{POINTED}|这(?:个|条|项){POINTED})"
# 「这条是哪个部门负责落实」: a demonstrative that opens the question and is followed by what is
# asked of it points at what the last answer showed.
_PRONOUN = re.compile(rf"(?:^|[，,\s])(?:那么?)?{_PRONOUN_WORD}|^其中(?!央)"
                      r"|^(?:那么?)?这(?:个|条|项|些|一条|一项)(?:里面?|中|当中|下面?)"
                      r"|^(?:那么?)?这(?:(?:个|条|项|些|一条|一项)(?!月|年|周|季|星期)[\u4e00-\u9fff]{0,2}?"
                      # 「这学院啥时候建好」: a noun straight after 这 points back as 「这个学院」 does
                      r"|(?![个条项一样么里儿次种些回边月年周季天几两段时届会])[\u4e00-\u9fff]{1,3}?)"
                      r"(?=是|的|要|该|由|归|需|怎|能|可|有|在|具体|主要|什么|啥|谁|哪|何时|几)")
# A short question that opens with 「And…」 or 「What about…」 goes on from the last one.
_GOING_ON_EN = re.compile(r"^(?:and|also|what about|how about)\b", re.I)
_MAX_GOING_ON_WORDS = 12
_SELF_CONTAINED_EN_WORDS = 14  # an English question this long, with no pronoun, stands alone
_LATIN_WORD = re.compile(r"^\s*[A-Za-z]")
# 「its」, and 「that」 standing for a thing (「How much of that is planned for 2022?」), not before one
_ITS = re.compile(r"\bits\b|\b(?:of|for|about|from|on) (?:that|this)(?=\s*(?:[?,.!]|is\b|was\b|are\b|will\b|$))", re.I)
_PRONOUN_EN = re.compile(r"\b(?:it|its|they|their|them|he|she|his|her|those|these)\b", re.I)
_ELLIPSIS = re.compile(r"^(?:那么?|那)?(.+?)(?:的)?呢[？?。！!]*$")
# 「普通高中方面又如何规定？」: the previous question asked again (又) of another thing.
_ASKED_AGAIN = re.compile(r"^(?:那么?|那)?(?![它他她这那其该此])([^，,。？?]{2,12}?)(?:方面|这块|这一块|的)?又(?:是)?(?:如何|怎么|怎样|是什么|是啥|有哪些|有什么|有啥)"
                          r"(?:规定|要求|说|讲|安排)?的?[？?。]*$")
# 「西山县？」 after a question about another county asks it again of that one, as 「西山县呢」 does.
_BARE_NAME = re.compile(r"^(?:那么?|那)?([\u4e00-\u9fff]{1,8}?(?:县|市|区|镇|乡|局|委|办))[？?。]*$")
_ELLIPSIS_EN = re.compile(r"^(?:and|what about|how about)\s+(.+?)[?？.!]*$", re.I)
# 「那西山县呢？我有亲戚在那儿，也想知道…」: an ellipsis that opens a longer message swaps the
# subject as the bare one does; what follows says more of what is asked.
_OPENING_ELLIPSIS = re.compile(r"^((?:那么?|那)?[^，,。；;？?！!]{1,12}?呢)[？?！!。，,]+\s*(?=\S)")
_ASKS_EN = re.compile(r"\b(?:who|what|when|where|which|how)\b", re.I)
# 「那…」 leads a follow-up; 「那天」 is nearly always 哪天 typed with the same pinyin.
_LEADING_THAT = re.compile(r"^(?:那么?|那)(?=[\u4e00-\u9fff])(?!天)")
_CN_DIGITS = "一二三四五六七八九十"
_MAX_PREVIOUS = 300  # characters of an earlier question carried into a follow-up
# 「其中第三项为何」, 「第二个是什么」: what is asked of an item is only which it is.
ASKS_ONLY_WHICH = re.compile(r"(?:其中|那|这)?的?(?:是|为|叫|指)?(?:什么|啥|何|哪个|哪一个|哪项|哪一项|谁)?(?:呢|啊|呀)?[？?。]*")
_SHORT_ITEM = 20  # characters: an item this short names a thing (a heading), it does not state it


@dataclass
class Turn:
    """One earlier turn, as an interface sends it back: the question, the answer's text and
    the 文号 it cited (first cited first), and the question as the service understood it."""

    question: str
    answer: str = ""
    cited: list[str] = field(default_factory=list)
    rewritten: str | None = None

    @classmethod
    def from_answer(cls, question: str, answer: dict) -> "Turn":
        """The turn an interface sends back after showing ``answer`` (an answer object as a dict)."""
        return cls(question, answer.get("answer") or "", [c["doc_number"] for c in answer.get("citations") or []],
                   answer.get("rewritten_question"))


def as_turns(history: Iterable | None) -> list[Turn]:
    """``[[question, answer], …]`` pairs or ``{"question", "answer", "cited"}`` objects → turns."""
    turns = []
    for item in history or []:
        if isinstance(item, Turn):
            turns.append(item)
        elif hasattr(item, "model_dump"):  # the API's HistoryTurn
            turns.append(_turn(item.model_dump()))
        elif isinstance(item, dict):
            turns.append(_turn(item))
        elif isinstance(item, (list, tuple)):
            question, answer = (list(item) + ["", ""])[:2]
            turns.append(Turn(str(question or ""), str(answer or "")))
    return [t for t in turns if t.question.strip()]


def _turn(item: dict) -> Turn:
    cited = item.get("cited")
    rewritten = item.get("rewritten")
    return Turn(str(item.get("question") or ""), str(item.get("answer") or ""),
                [str(n) for n in cited] if isinstance(cited, (list, tuple)) else [],
                str(rewritten)[:_MAX_PREVIOUS] if rewritten else None)


@dataclass
class Rewrite:
    """The question as it is searched and answered, and how the conversation shaped it."""

    query: str  # what is searched
    focus: str  # the user's own words, for picking sentences
    previous: str | None = None  # the earlier question it leans on, if any
    kind: FollowupKind = "standalone"
    reason: str = ""  # why, in words a maintainer (or a curious user) can check
    documents: list[str] = field(default_factory=list)  # the 文号 a reference resolved to
    exclude: list[str] = field(default_factory=list)  # text already shown (「还有吗」): no unit of it again
    choices: list[str] = field(default_factory=list)  # clarify: standalone questions to choose from
    written: str = ""  # the query in the user's words, before glossing and name expansion (``rewritten_question``)
    item: str = ""  # ordinal: the item of the last answer it points to (「规范办园」)
    asked_of_item: str = ""  # ordinal: what is asked of it (「具体咋搞」, or only 「为何」)
    context: list[str] = field(default_factory=list)  # the 文号 the last answer cited: what the conversation is about

    @property
    def asks_which_item(self) -> bool:
        """An ordinal that asks only which item it is (「其中第三项是什么」), nothing of it."""
        return bool(self.item) and bool(ASKS_ONLY_WHICH.fullmatch(self.asked_of_item.strip()))


@dataclass
class Reference:
    """What the question's own words say about the conversation."""

    kind: FollowupKind
    core: str  # the question without the words that refer back
    ordinal: int | None = None
    doc_word: str | None = None  # 通知, 规划 … when a document is named by its kind
    rest: str = ""  # entity_swap: the message after its opening ellipsis


def asks_more(question: str) -> bool:
    """「还有吗」, and 「还有别的吗？后面几条也列一下」: the rest of what the last answer listed. The
    sentences after the first may only ask for the rest (「还有吗？给我看一下申请条件」 asks a new thing)."""
    # Formal 尚有 is 还有; 还有那些 is 哪些 typed with the same pinyin.
    question = question.replace("尚有", "还有").replace("还有那些", "还有哪些")
    if _BESIDES_SAID.search(question) and _ANOTHER.search(question):
        return True  # 「除了刚才说到的这几项以外，…还有其他的工程吗？」 names the last answer outright
    first, *rest = [s for s in split_sentences(question.strip(), half_width=True) if s.strip()] or [""]
    return bool(_MORE.match(first.strip())) and all(
        _REST_ASKED.search(s) and len(_REST_WORDS.sub("", s)) <= _MAX_LEFT_OVER for s in rest)


# 「文号？」, 「哪天发的」, 「谁印发的」, 「是哪个文件？」: only what a document card states is asked,
# of no document named: the one the conversation is about.
_DOCUMENT_ATTRIBUTE_ONLY = re.compile(
    r"(?:那|那么)?(?:(?:它的?|其)?(?:文号|发文字号|字号|发文(?:单位|机关|日期|时间)|印发(?:单位|机关|日期|时间))"
    r"(?:是|为)?(?:多少|什么|啥|哪个|哪天)?"
    r"|(?:是)?(?:哪天|那天|哪一天|什么时候|啥时候|何时|几号|谁|哪个单位)(?:印发|发布|发|签发|下发)的?"
    r"|(?:是|出自|在)?(?:哪个|哪份|哪一个|哪一份|什么)(?:文件|通知|文)(?:里|中|规定的|说的)?)"
    r"[呢啊呀吗？?。!！\s]*")


def reference_of(question: str) -> Reference | None:
    """The question's reference to the conversation, if its words make one."""
    q = question.strip()
    if asks_more(q):
        return Reference("more", "")
    m = _LAST.search(q)
    if m:
        return Reference("ordinal", (q[:m.start()] + q[m.end():]).strip(), ordinal=-1)
    m = _ORDINAL.search(q)
    if m:
        return Reference("ordinal", (q[:m.start()] + q[m.end():]).strip(), ordinal=cn_number(m.group(1)))
    m = _ORDINAL_EN.search(q)
    if m:
        word = m.group(1).lower()
        place = -1 if word == "last" else int(word[:-2]) if word[0].isdigit() else _EN_PLACES.index(word) + 1
        return Reference("ordinal", re.sub(r"\s{2,}", " ", q[:m.start()] + q[m.end():]).strip(), ordinal=place)
    m = DOC_REFERENCE.search(q)
    # 「批复西山县成片开发方案时，要求这个方案…」: the message names the document it points back to
    if m and not names_kind_before(q[:m.start()], m.group(1)):
        return Reference("document", _strip_reference(q[:m.start()] + q[m.end():]), doc_word=m.group(1))
    m = _DOC_REFERENCE_EN.search(q)
    if m:
        word = next((w for e, w in _EN_DOC_WORD.items() if e in m.group(0).lower()), None)
        return Reference("document", q, doc_word=word)
    m = _ELLIPSIS.match(q) or _BARE_NAME.match(q) or _ELLIPSIS_EN.match(q) or _ASKED_AGAIN.match(q)
    if m and not (INTERROGATIVE.search(m.group(1)) or _ASKS_EN.search(m.group(1))):  # 「谁负责…考核呢」 asks on its own
        return Reference("entity_swap", m.group(1).strip("的，, "))
    opening = _OPENING_ELLIPSIS.match(q)
    if opening and (m := _ELLIPSIS.match(opening.group(1))) and not INTERROGATIVE.search(m.group(1)):
        return Reference("entity_swap", m.group(1).strip("的，, "), rest=q[opening.end():].strip())
    if _PRONOUN.search(q) or _DOCUMENT_ATTRIBUTE_ONLY.fullmatch(q):
        return Reference("document", _strip_reference(q))
    return None


def _strip_reference(text: str) -> str:
    text = _LEADING_THAT.sub("", text.strip())
    text = re.sub(r"^其中|^这(?:个|条|项|些|一条|一项)(?=是|的|要|该|由|归|需|怎|能|可|有|在|具体|主要)", "", text)
    return re.sub(r"(?:它们?|这位|上述)的?", "", text, count=1).strip("，, ")


# The head of a body has the post its kind of body has: a group (组) a 组长, an office or a
# committee a 主任, a command a 指挥长.
_HEAD_POSTS = (("组", "组长"), ("办公室", "主任"), ("委员会", "主任"), ("指挥部", "指挥长"))
_HEAD_ASKED = re.compile(r"(?<!副)(?:组长|主任|指挥长)(?=是谁|由谁|是哪位|叫什么|[？?]?$)")


def with_head_post(question: str, body: str) -> str:
    """「综合协调办公室主任是谁」 with 用地保障组 swapped in asks for that group's 组长, not its 主任."""
    post = next((p for kind, p in _HEAD_POSTS if body.endswith(kind)), None)
    asked = _HEAD_ASKED.search(question)
    if post is None or asked is None or asked.start() < question.find(body):
        return question
    return question[:asked.start()] + post + question[asked.end():]


def _counted_answer(turns: Sequence[Turn]) -> str:
    """The answer an ordinal counts in: the last one, or, after a run of ordinal questions
    (「第三个组是谁牵头的」, then 「那第五个组呢」), the list answer the run counts in; an answer to
    an ordinal is about one item, not the list."""
    k = len(turns) - 1
    while k > 0 and (ref := reference_of(turns[k].question)) is not None and ref.kind == "ordinal":
        k -= 1
    return turns[k].answer if k < len(turns) - 1 and nth_item(turns[k].answer, 1) else turns[-1].answer


def choice_lines(answer: str) -> list[str]:
    """The numbered choices of a question back (「1. 《…》…」 lines), if the answer was one."""
    return re.findall(r"^\s*\d+\.\s*(.+?)\s*$", answer, flags=re.M)


class FollowupResolver:
    """Decides whether a question leans on the conversation and writes it out in full.

    ``topic_terms(text, things_only=False)`` gives the words that make a text's own topic
    (with ``things_only``, only nouns: what an ordinal's item could be named by);
    ``probe(query, focus, documents, about=False)`` answers a query for real within those
    documents (all of them when the list is empty): is it answered with confidence? With
    ``about``, as a question the conversation is about those documents (a reference to one of
    them): the evidence found there weighs as a follow-up's does.
    ``titles`` maps 文号 to document titles, for document references (「这个批复」) and choices.
    ``document_text(文号)`` gives a document's text (whitespace removed), to tell whether a
    question's words all come from the document the last answer cited.
    ``items_counted(文号, answer, noun)`` gives what an ordinal counts in within that document
    when the answer listed too few items: its parts named by ``noun`` (组), or the numbered list
    a quote of the answer is an item of (「(1)…(2)…」).
    """

    def __init__(self, topic_terms: Callable[..., list[str]], probe: Callable[..., bool],
                 titles: dict[str, str], document_text: Callable[[str], str] = lambda number: "",
                 items_counted: Callable[[str, str, str], list[str]] = lambda number, answer, noun: [],
                 places_of: Callable[[str], list[str]] = lambda text: []) -> None:
        self.topic_terms = topic_terms
        self.places_of = places_of
        self.probe = probe
        self.titles = titles
        self.document_text = document_text
        self.items_counted = items_counted

    def resolve(self, question: str, turns: Sequence[Turn]) -> Rewrite:
        q = question.strip()
        if not turns:
            return Rewrite(q, q, reason="对话的第一个问题")
        last = turns[-1]
        previous = (last.rewritten or last.question)[:_MAX_PREVIOUS]
        switch = _NEW_TOPIC.match(q)
        if switch and q[switch.end():].strip():
            rest = q[switch.end():].strip()
            return Rewrite(rest, rest, reason="用户明说换了话题，不与之前的问题合并")
        # 「这个部门的局长是谁」: the body the last answer named; 「其董事长是谁」: the one the last question named
        body = body_answered(q, last.question, last.answer) or subject_pointed(q, last.question)
        if body:
            return Rewrite(body, body, last.question, "attribute", "「这个部门」「其」指上一问或其回答说的单位")
        ref = reference_of(q)
        if ref is None and self._english_reference(q):
            ref = Reference("document", q)
        if ref is None:
            return self._unmarked(q, previous, last)
        if ref.kind == "more":  # after several 「还有吗」, what every one of them showed is skipped
            run = [last]
            while len(run) < len(turns) and asks_more(run[-1].question):
                run.append(turns[-len(run) - 1])
            first = run[-1]  # the question the 「还有吗」 run asks more of
            query = (first.rewritten or first.question)[:_MAX_PREVIOUS]
            return Rewrite(query, query, first.question, "more", "「还有」：上一问的其余内容", list(first.cited[:1]),
                           exclude=[t.answer for t in run])
        if ref.kind == "ordinal":
            choices = choice_lines(last.answer)
            n = ref.ordinal or 1
            if choices and (n == -1 or 1 <= n <= len(choices)):
                choice = choices[n - 1 if n > 0 else -1]
                return Rewrite(choice, choice, last.question, "ordinal", "选择了上一轮反问中的一项")
            named = self.topic_terms(ref.core, True)
            # 「…办法第五条是什么」 names its own topic (a document's article, not an item of the last
            # answer); 「第四条里说要重点建设什么样的校长队伍」 names what the last answer's document speaks of.
            if (named and not self._of_last_document(named, last)) or names_document_by_subject(ref.core):
                return self._unmarked(q, previous, last)
            labelled = self._labelled(q, ref, last)
            if labelled:
                return labelled
            counted = _counted_answer(turns)
            item = nth_item(counted, ref.ordinal or 1, _ordinal_noun(q))
            if not lists_items(counted, ref.ordinal or 1) and last.cited:
                # 「第二个条件」 after an answer that quoted only item (3) of a numbered list counts in
                # that list; 「三个组里第二个」 after one that named no group, in the document's groups
                noun = "组" if _COUNTS_GROUPS.search(q) else ""
                listed = self.items_counted(last.cited[0], counted, noun)
                if listed and (ref.ordinal == -1 or 1 <= (ref.ordinal or 1) <= len(listed)):
                    item = listed[(ref.ordinal or 1) - 1 if ref.ordinal != -1 else -1]
            asked = _LEADING_THAT.sub("", ref.core).rstrip("呢？?")
            before = reference_of(last.question)
            if not asked and before is not None and before.kind == "ordinal":
                asked = before.core  # 「那第五个组呢」 after 「第三个组是谁牵头的」: asked the same of it
            if item:
                query = f"{item} {asked}".strip()
                place = "最后一项" if ref.ordinal == -1 else f"第{ref.ordinal}项"
                # Something asked of a short item (a heading: 「合理配置，加强调控」 说的是啥) is
                # answered by what the gazette says of it, not by the item again.
                asks_of_item = not ASKS_ONLY_WHICH.fullmatch(asked.strip())
                restated = [item] if asks_of_item and len(compact(item)) <= _SHORT_ITEM else []
                return Rewrite(query, query, last.question, "ordinal", f"{place}指上一回答中的「{item}」",
                               list(last.cited[:1]), item=item, asked_of_item=asked, exclude=restated)
            return self._attribute(q, ref.core, previous, last, "序数没有对应的列表，承接上一问")
        if ref.kind == "entity_swap" and (field := row_field(ref.core, last.answer)) and not ref.rest:
            query = f"{field[0]} {field[1]}"
            return Rewrite(query, query, last.question, "attribute", f"「{ref.core}」是上一回答那一行（{field[0]}）的另一栏")
        if ref.kind == "entity_swap":
            swapped = (swap_entity(previous, ref.core) or swap_sibling(previous, ref.core, last.answer)
                       or swap_head(previous, ref.core) or swap_head_en(previous, ref.core)
                       or swap_place_en(previous, ref.core, self.places_of))
            # A rest with a topic of its own (「那税务这块呢？税务部门负责什么」) asks its own question
            # better than a loose swap of the subject would.
            if not swapped and not (ref.rest and self.topic_terms(ref.rest)):
                swapped = self._swap_topic(previous, ref.core)
            if swapped:
                swapped = with_head_post(swapped, ref.core)
                # an English core (「the one for the freight plan」) is no words of the answer to look for
                focus = swapped if ref.core in swapped or _LATIN_WORD.match(ref.core) else ref.core
                return Rewrite(f"{swapped} {ref.rest}".strip(), f"{focus} {ref.rest}".strip(), last.question,
                               "entity_swap", "省略句：把上一问的对象换成「" + ref.core + "」")
            if ref.rest:  # the rest of the message may ask on its own
                return self._unmarked(q, previous, last)
            return self._attribute(q, ref.core, previous, last, "省略句：承接上一问的主题")
        return self._document(q, ref, previous, last, turns)

    def refers_back(self, question: str) -> bool:
        """Whether the question's own words refer to an earlier turn (「是哪个文件」, 「它的…」, "its")."""
        q = question.strip()
        return reference_of(q) is not None or self._english_reference(q)

    # -- the cases ---------------------------------------------------------------
    def _english_reference(self, q: str) -> bool:
        """「Who convenes its meetings?」: English pronouns are everywhere (「counties file their
        plans」), so only 「its」 before any topic refers back; the others when nothing is named."""
        its = _ITS.search(q)
        if its and not self.topic_terms(q[:its.start()]):
            return True
        if _GOING_ON_EN.match(q) and len(q.split()) <= _MAX_GOING_ON_WORDS:
            return True  # 「And who is the executive deputy head?」 goes on with the same subject
        return bool(_PRONOUN_EN.search(q)) and not self.topic_terms(q)

    def continue_message(self, question: str, last: Turn) -> Rewrite:
        """A later question of one message (``assistant.compound``), after the one answered as
        ``last``: it leans on it as a follow-up would, and an English pronoun always leans, since
        one asker wrote both at once (「…how much is the total investment, and which body is
        responsible for it?」); in a conversation "it" is as often the asker's own topic."""
        q = question.strip()
        previous = (last.rewritten or last.question)[:_MAX_PREVIOUS]
        body = body_answered(q, last.question, last.answer) or subject_pointed(q, last.question)
        if body:  # "…, and who chairs that company?", 「其董事长…」: the company named before
            return Rewrite(body, body, last.question, "attribute", "「这个部门」「其」指前一问说的单位")
        if _PRONOUN_EN.search(q):
            return self._attribute(q, q, previous, last, "同一条消息里的代词指前一问")
        return self._unmarked(q, previous, last)

    def _unmarked(self, q: str, previous: str, last: Turn) -> Rewrite:
        """No word refers back: a follow-up only when the question has no topic of its own."""
        core = _LEADING_THAT.sub("", q)
        terms = self.topic_terms(core)
        if not terms and _LATIN_WORD.match(core) and len(core.split()) >= _SELF_CONTAINED_EN_WORDS:
            # 「In the notice on further standardising the transfer of items…, what is Part Two about?」:
            # a long English question carries its own context, whatever its glosses find.
            return Rewrite(q, q, reason="英文问题较长且不指代上文，不与之前的问题合并")
        if not terms and last.cited and names_other_document(core, self.titles.get(last.cited[0], "")):
            # 「教育规划是哪个部门负责解读的」 after an answer from the tourism plan: its words are all
            # common, but it names the document it is about, and that is not the last one.
            return Rewrite(q, q, reason="问题点名了另一份文件，不与之前的问题合并")
        if not terms:
            return self._attribute(q, core, previous, last, "问题没有自己的主题，承接上一问")
        within = self._within_last_document(core, terms, previous, last)
        if within:
            return within
        sibling = self._siblings_only(core, terms, previous, last)
        if sibling:
            return sibling
        return Rewrite(q, q, reason="问题自带主题（" + "、".join(terms[:3]) + "），不与之前的问题合并")

    def _siblings_only(self, core: str, terms: list[str], previous: str, last: Turn) -> Rewrite | None:
        """「二级的有哪些」 after 「一级旅游集散中心是哪个」: every topic word is a sibling of a word
        of the previous question (another grade, county, year or office), so the question asks
        the previous one of the sibling."""
        if not all(any(re.fullmatch(family, t) for family in FAMILIES) for t in terms):
            return None
        swapped = swap_entity(previous, core)
        if not swapped:
            return None
        return Rewrite(swapped, core, last.question, "entity_swap",
                       "问题的主题词（" + "、".join(terms[:3]) + "）与上一问的同类，按换了对象的追问理解")

    def _of_last_document(self, terms: list[str], last: Turn) -> bool:
        """Whether every one of ``terms`` is written in the document the last answer cited first."""
        text = self.document_text(last.cited[0]) if last.cited else ""
        return bool(text) and all(t in text for t in terms)

    def _within_last_document(self, core: str, terms: list[str], previous: str, last: Turn) -> Rewrite | None:
        """「建筑面积多大」, 「办公室主任谁兼」 after an answer from one document: words of that
        document, but too common to find the place alone. A follow-up when every topic word is
        the cited document's, the question alone is answered nowhere with confidence (or names
        no thing of its own), and with the last question's words it is answered in that document."""
        if not self._of_last_document(terms, last):
            return None
        number = last.cited[0]
        if names_other_document(core, self.titles.get(number, "")):
            return None
        merged = f"{previous} {core}".strip()
        # Answered alone elsewhere, a question is its own, unless it is a few words that only ask
        # a predicate of the conversation's subject (「啥时候开工」), naming no thing.
        predicate_only = len(compact(core)) <= _MAX_PREDICATE_ONLY and not self.topic_terms(core, True)
        if (self.probe(core, core, []) and not predicate_only) or not self.probe(merged, core, [number]):
            return None
        title = short_title(self.titles.get(number, ""))
        return Rewrite(merged, core, last.question, "attribute",
                       f"问题的主题词（{'、'.join(terms[:3])}）都出自上一回答引用的《{title}》，单独问答不出，按追问理解",
                       [number])

    def _swap_topic(self, previous: str, core: str) -> str | None:
        """「那排污许可呢」 after 「教师资格认定原来是哪个部门的事项」: the core's topic in place of the
        previous question's (the run of its distinctive words), keeping what was asked of it."""
        core = re.sub(r"^(?:其中|还有|另外)", "", core)
        if not self.topic_terms(core):
            return None
        spans = sorted((m.start(), m.end()) for t in self.topic_terms(previous)
                       for m in re.finditer(re.escape(t), previous))
        if not spans:
            return None
        runs = [[spans[0][0], spans[0][1]]]
        for start, end in spans[1:]:
            if start <= runs[-1][1] + 1:
                runs[-1][1] = max(runs[-1][1], end)
            else:
                runs.append([start, end])
        start, end = max(runs, key=lambda r: r[1] - r[0])
        kept = (previous[:start] + previous[end:]).strip("，,。？? ")
        # 「城区小学呢」 after 「义务教育学位储备」, 「那市生态环境局呢」 after 「谁负责地下水压采的技术指导」:
        # the swap would leave nothing of the question but its question word.
        if not kept or not INTERROGATIVE.sub("", kept).strip("的了吗呢啊，,。？? "):
            return None
        return previous[:start] + core + previous[end:]

    def _labelled(self, q: str, ref: Reference, last: Turn) -> Rewrite | None:
        """「第二个阶段要达到啥目标」 when the document the last answer cited writes 「第二阶段」
        itself: the ordinal names the item the document labels so, whatever the answer listed."""
        number = last.cited[0] if last.cited else None
        found = _ORDINAL.search(q)
        if not number or not found or ref.ordinal is None or not 1 <= ref.ordinal <= len(_CN_DIGITS):
            return None
        text = self.document_text(number)
        measure = re.sub(r"^第\s*(?:[一二三四五六七八九十]|\d{1,2})\s*个?", "", found.group(0))
        core = _LEADING_THAT.sub("", ref.core).lstrip("的")
        for noun, rest in ((measure, core), (core[:2], core[2:])):
            label = f"第{_CN_DIGITS[ref.ordinal - 1]}{noun}"
            # a label stands before its own text (「第二阶段（2026—2030年）：」), not inside prose
            # (「全省第一家启动」) or a longer name (「第二类精神药品」)
            if noun and re.fullmatch(r"[\u4e00-\u9fff]+", noun) and re.search(re.escape(label) + "[：:（(，,]", text):
                query = f"{label}{rest}".strip()
                return Rewrite(query, query, last.question, "ordinal", f"上一回答引用的文件中写有「{label}」",
                               [number], item=label, asked_of_item=rest)
        return None

    def _attribute(self, q: str, core: str, previous: str, last: Turn, reason: str) -> Rewrite:
        core = core or q
        return Rewrite(f"{previous} {core}".strip(), core, last.question, "attribute", reason)

    def _document(self, q: str, ref: Reference, previous: str, last: Turn, turns: Sequence[Turn]) -> Rewrite:
        """A pronoun or 「这个通知」: the document of the last turns; ask back when two fit."""
        core = ref.core or q
        # The documents the last two answers cited first (one the index lacks is no candidate).
        candidates = list(dict.fromkeys(t.cited[0] for t in reversed(turns[-2:])
                                        if t.cited and t.cited[0] in self.titles))
        pointed = POINTING.search(q)
        # 「这个批复」, or a thing only one of the documents is titled with (「该专班」)
        word = ref.doc_word or (pointed.group("noun") if pointed else None)
        if word:
            fitting = [n for n in candidates if word in self.titles.get(n, "")]
            candidates = fitting if fitting and (ref.doc_word or len(fitting) == 1) else candidates
        if not candidates:  # the interface sent no citations: lean on the last question's words
            return self._attribute(q, core, previous, last, "指代上一问的主题")
        if len(candidates) > 1:
            answered = [n for n in candidates
                        if self.probe(f"{short_title(self.titles.get(n, ''))} {core}", core, [n], True)]
            if len(answered) == 1:
                candidates = answered
            elif len(answered) > 1:
                choices = [f"《{short_title(self.titles.get(n, n))}》{core}" for n in answered]
                return Rewrite(q, core, last.question, "clarify", "指代不明：最近两轮涉及两份文件，都能回答",
                               documents=answered, choices=choices)
        number = candidates[0]
        title = short_title(self.titles.get(number, ""))
        stated = statement_pointed(q, last.answer) if ref.doc_word is None else None
        if stated:  # 「这条是哪个部门负责落实」: the task the last answer quoted, in its document
            query = f"{stated[0]} {stated[1]}"
            return Rewrite(query, query, last.question, "document",
                           f"「这条」指上一回答引用的条文，限于《{title}》（{number}）", [number])
        if ref.doc_word is None and len(candidates) == 1:
            # 「它2024年计划压多少」, 「这个组负责干啥」: the pronoun stands for what the last question was
            # about (a county's plan, the group), inside the document its answer cited.
            core = name_pointed(core, previous)
            return Rewrite(f"{previous} {core}".strip(), core, last.question, "document",
                           f"指代上一问的主题，限于上一回答引用的《{title}》（{number}）", [number])
        return Rewrite(f"{title} {core}".strip(), core, last.question, "document",
                       f"指代上一回答引用的文件《{title}》（{number}）", [number])


def with_query(rewrite: Rewrite, transform: Callable[[str], str]) -> Rewrite:
    """The rewrite with ``transform`` applied to its query and focus (names written out, English
    glossed); ``written`` keeps the query as it was."""
    return replace(rewrite, query=transform(rewrite.query), focus=transform(rewrite.focus),
                   written=rewrite.written or rewrite.query)
