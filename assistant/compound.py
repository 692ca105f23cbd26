"""Messages that ask more than one thing.

* Two subjects sharing a predicate: 「何向荣和田东分别担任什么职务」.
* Two questions in turn: 「教育规划对综合实践活动有什么要求？文旅规划里又打算建设什么研学基地？」,
  「…要求贯彻落实哪部条例？另外规范事项划转的通知…是怎么要求的」.

Both are often answered by two documents. The message is split into one question per part,
each answered on its own, and the answers are joined with their citations renumbered.
Everything else is left to the single-question path.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.analysis import POSTS
from assistant.answer import Answer, Citation, markers
from assistant.questions import DOC_WORDS, DOC_WORDS_EN, INDEFINITE, question_kind
from corpus.sentences import split_sentences

_MAX_SUBJECTS = 4

# 「A和B分别…」「A与B各自…」; each subject is short and has no clause break of its own
# (各 as in 各类, 各级 is no 「each of the two」).
# 「甲高速专班和药品安全专班这俩通知，分别是哪天发的」: the two are named again (这俩通知) before 分别.
# 「甲通知和乙批复，分别是哪天签发的」: a comma may stand before 分别.
# 跟 and 同 join two subjects too, but not inside 跟进, 同时, 不同, 协同 ….
_AND = r"(?:和|与|及|以及|跟(?![进踪随])|(?<![不共协合相])同(?![时步比期级等样意]))"
_COMPOUND = re.compile(rf"^(?P<a>[^，,。；？?]{{2,30}}?){_AND}(?P<b>[^，,。；？?和与、]{{2,30}}?)"
                       r"(?:(?:这|那)?(?:俩|两个|两份|两项)(?:通知|文件|规划|方案|单位|部门)?)?"
                       # 「A和B，组长分别是谁」: what is asked of each may stand after the comma
                       r"(?:[，,](?:请问|想问一?下)?(?P<attr>(?:(?![它其的])[\u4e00-\u9fff]){1,6}?)?)?"
                       r"(?:分别|各自|各(?![类级地项种个部单]))(?P<rest>[^，,。；]{2,30})$")
# 「甲专班和乙专班通知的发文日期」: what only a document's card states, asked of two documents
# without 分别 (each must be a document: 「文化和旅游…预案」 is one, see ``split_compound``).
_CARD_OF_TWO = re.compile(rf"^(?P<a>[^，,。；？?]{{2,30}}?){_AND}(?P<b>[^，,。；？?和与、]{{2,30}}?)(?P<of>的?)"
                          r"(?P<rest>(?:文号|(?:发文|印发|签发|成文|发布)(?:日期|时间)|解读部门)[^，,。；]{0,20})$")
# 「我负责教育规划和文旅规划的宣传，这两个“十四五”规划分别由哪个部门解读」: two documents named
# in an earlier clause, asked of together in the last one.
_KINDS = "|".join(DOC_WORDS)
_PAIR_ASKED = re.compile(r"[，,；;]\s*(?:想知道|想问|请问|问一下)?(?:这|那)?(?:两|俩)(?:个|份|项)?"
                         rf"(?:“[^”]{{1,10}}”|「[^」]{{1,10}}」)?(?:{_KINDS})?"
                         r"(?P<of>的[^，,。；]{1,8}?)?(?:分别|各自)(?P<rest>[^，,。；]{2,30})$")
# Each named by its kind, or by its task force (专班) as people call those notices.
_NAMED_PAIR = re.compile(rf"(?P<a>[^，,。；？?和与]{{1,30}}?(?:{_KINDS}|专班)){_AND}"
                         rf"(?P<b>[^，,。；？?和与]{{1,30}}?(?:{_KINDS}|专班))")
# What the asker says of their own work before naming the documents (「我同时负责」, 「想把」): the
# first clause of a long question is often 我/想 + a verb that takes the documents as its object.
_SELF_LEAD = re.compile(r"^(?:我们|我|本人|想|要|需要|正在)[^，,]{0,8}?(?:负责|把|了解|学习|对比|比较)")
# 「…用地保障组的组长、副组长分别由何人担任」: posts of one body asked together; what stands before
# the first post is asked of each.
_POSTS_TOGETHER = re.compile(rf"^(?P<head>[^，,。；？?]*?)(?P<posts>{POSTS}(?:[、和与及]{POSTS})+)"
                             r"(?:分别|各自|都)(?P<rest>[^，,。；]{2,30})$")
# 「Which departments interpret the education plan and the tourism plan, respectively?」
_COMPOUND_EN = re.compile(r"^(?P<head>.+?\bthe )(?P<a>[^,;?]{2,60}?) and (?:the )?(?P<b>[^,;?]{2,60}?),?"
                          r"\s+(?:respectively|each)\s*\??$", re.I)
# "When were the education plan and the tourism plan issued?": a card attribute of two documents.
_DOCUMENT_EN = DOC_WORDS_EN
_CARD_OF_TWO_EN = re.compile(rf"^(?P<head>(?:when|on what dates?) (?:were|was)"
                             rf"|what (?:are|were) the (?:document numbers|numbers|dates) of)"
                             rf"\s+(?P<a>.+?\b{_DOCUMENT_EN})\s+and\s+(?P<b>.+?\b{_DOCUMENT_EN})s?"
                             r"\s*(?P<rest>(?:issued|published|signed|released)?)(?:,? respectively)?\s*\??$", re.I)
_ABOUT = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:对于|对|关于|针对|就)(?=[\u4e00-\u9fff]{2})")
_MARKER = re.compile(r"\[(\d+)\]")
# Where one question ends and the next begins: after a question mark followed by more text, or
# before 另外/此外 (「…？另外…」, 「…；此外…」); in English after "?", at "; and", and at
# ", and who …" (a second question word after the comma).
# Also after a comma where the next clause asks again of another subject, with 又 or 则
# (「教育规划由谁解读，文旅规划又由谁解读」), or of the same subject in another document
# (「西山县在甲方案里压减多少，在乙规划里是什么片区」), and before "and who …" in English.
_NEXT_QUESTION = re.compile(r"(?<=[？?])\s*(?=\S)|[，,；;。]\s*(?=另外|此外)|;\s*(?=and\b)"
                            r"|[，,；;]\s*(?=[^，,。；;？?]{2,20}?(?:又|则)[^，,。；;？?]{0,12}?"
                            r"(?:什么|啥|哪|谁|几|多少|多久|如何|怎么|怎样|何))"
                            r"|[，,；;]\s*(?=在[^，,。；;？?]{2,14}?(?:里|中|上)[^，,。；;？?]{0,12}?"
                            r"(?:什么|啥|哪|谁|几|多少|多久|如何|怎么|怎样|何))"
                            r"|,?\s+(?=and (?:(?:from|since|until|by|to|with|for|in|at|on|under) )?"
                            r"(?:who|what|which|when|where|how)\s+\w)")
_LEAD_IN = re.compile(r"^(?:另外|此外|and)[，,]?\s*")
# The question words of a Chinese clause (几 only as 「几个」「几天」…, not 好几个; 何 only in
# 如何/为何/何时…: 几乎 and the surname 何 ask nothing).
_QUESTION_WORD = (rf"什么|啥|哪|谁|(?<![{INDEFINITE}])几[个项条次年天日月号人所家类种大点]|多少|多久|多长|怎么|怎样|咋"
                  r"|如何|为何|何时|何处|何种|何地|是否")
# A part asks something when it ends in a question mark or holds a question word.
_ASKS = re.compile(rf"[？?]\s*$|{_QUESTION_WORD}|吗|呢|\b(?:[Ww]ho|[Ww]hat|[Ww]hich|[Ww]hen|[Ww]here|[Hh]ow)\b")
# 「…是什么时候印发的，从什么时候开始施行？」: a clause that asks after a clause that asked is a
# second question.
_CLAUSE = re.compile(r"(?<=[，,；;])")
_STATED = re.compile(r"[。！!]")
_CLAUSE_ASKS = re.compile(_QUESTION_WORD)
# A question word after these asks nothing of the reader: 「不知道找谁」, 「没什么钱」, 「有个什么补贴」.
_NOT_ASKING = re.compile(r"(?:不知道|不清楚|不晓得|不明白|不确定)[\u4e00-\u9fff]{0,4}$|(?:没|有个)$")
# Not a second question: a clause that asks along with the first (「分别是哪两个机构的成员，身份是
# 什么」 asks of each) or offers choices (「按什么标准给，每吨或者每单补多少」 says the first again).
_ASKS_ALONG = re.compile(r"^\s*(?:分别|各自|各|都|并且|而且|以及)|还是|或者|或是")
_ASKS_OF_EACH = re.compile(r"分别|各自")


# 「王某在…」, 「李某（…）在…」: a head asked of every subject after it (not 现在, 正在 …).
_SHARED_HEAD = re.compile(r"^((?:[^在]{1,20}?(?<![存现实所正不旨潜内自])在)?)")
# 「那西山县呢？」, 「那用电这块呢」: only a new subject for the question asked before.
_SWAP_CUE = re.compile(r"^那[^，,。；？?]{1,12}呢[？?]?$")


def _joined(first: str, second: str) -> str:
    """Two pieces of a message as one: English words keep a space between them."""
    space = " " if first[-1:].isascii() and first[-1:].isalnum() and second[:1].isascii() else ""
    return f"{first}{space}{second}" if first else second


def _shared_head(subject: str) -> tuple[str, str]:
    """(「郭某在」, the first subject) when a head stands before 在; ("", ``subject``) else."""
    head = _SHARED_HEAD.match(subject).group(1)  # type: ignore[union-attr]  # every text matches
    return head, subject[len(head):]


def _singular(head: str) -> str:
    """「when were」 → 「when was」, 「the document numbers of」 → 「the document number of」: asked of one."""
    return re.sub(r"\b(?:were|are|numbers|dates)\b",
                  lambda m: {"were": "was", "are": "is", "numbers": "number", "dates": "date"}[m.group(0).lower()],
                  head, flags=re.I)


def _named_pair(question: str, has_topic: Callable[[str], bool]) -> list[str] | None:
    """「…教育规划和文旅规划…，这两个规划分别由哪个部门解读」: the question asked of each of the
    two documents the earlier clause names; None when the message has no such shape."""
    asked = _PAIR_ASKED.search(question)
    named = _NAMED_PAIR.search(question[:asked.start()]) if asked else None
    if not asked or not named:
        return None
    subjects = []
    for key in ("a", "b"):
        subject = named.group(key)
        own = _SELF_LEAD.sub("", subject)
        subjects.append(own if len(own) >= 2 and has_topic(own) else subject)
    if not all(map(has_topic, subjects)):
        return None
    return [f"{subject}{asked.group('of') or ''}{asked.group('rest')}" for subject in subjects]


def split_compound(question: str, has_topic: Callable[[str], bool],
                   one_title: Callable[[str], bool] = lambda text: False) -> list[str] | None:
    """The questions, one per subject, or None when the question asks about one thing.

    Every subject must name a topic of its own (``has_topic``), except posts asked together
    (「市安委会主任和副主任分别是谁」): the body named before the first post is asked of each.
    Without 分别, only a card attribute of two documents is split (「甲方案和乙规划的文号」), and
    not when ``one_title`` says that 「A和B」 is within one document's title.
    """
    posts = _POSTS_TOGETHER.match(question.strip())
    if posts and posts.group("head") and has_topic(posts.group("head")):
        return [f"{posts.group('head')}{post}{posts.group('rest')}"
                for post in re.split(r"[、和与及]", posts.group("posts"))][:_MAX_SUBJECTS]
    card_en = _CARD_OF_TWO_EN.match(question.strip())  # before "…, respectively", which it also reads
    if card_en and all(has_topic(card_en.group(k)) for k in ("a", "b")):
        head, rest = _singular(card_en.group("head")), card_en.group("rest")
        return [f"{head} {card_en.group(k)}{' ' + rest if rest else ''}?" for k in ("a", "b")]
    english = _COMPOUND_EN.match(question.strip())
    if english:
        parts = [f"{english.group('head')}{english.group(k).strip()}?" for k in ("a", "b")]
        return parts if all(has_topic(english.group(k)) for k in ("a", "b")) else None
    pair = _named_pair(question.strip(), has_topic)
    if pair:
        return pair
    m = _COMPOUND.match(question.strip())
    if not m:
        card = _CARD_OF_TWO.match(question.strip())
        if card and not one_title(question.strip()[card.start("a"):card.end("b")]) and all(
                has_topic(card.group(k)) for k in ("a", "b")):
            return [f"{card.group(k)}的{card.group('rest')}" for k in ("a", "b")]
        return None
    # 「A和B的文号分别是多少」: 的文号 is both's (「A专班和打击某某的专班，组长分别是谁」: not when the
    # first subject is of that kind already and what is asked follows the comma)
    last, of, shared = m.group("b").strip().partition("的")
    if m.group("attr") and shared and m.group("a").rstrip().endswith(shared):
        last, of, shared = m.group("b").strip(), "", ""
    # 「…成片开发的批复」: the 的 is inside a document's name, as when the first name has one too
    # (「甲县征收的批复和乙专班的通知」); 「甲专班和乙专班的通知」: the kind is both's
    if shared.endswith(DOC_WORDS) and (shared not in DOC_WORDS or "的" in m.group("a")):
        last, of, shared = m.group("b").strip(), "", ""
    if not of:  # 「A和B对降低用电成本各有什么说法」: what it is about is both's too
        about = _ABOUT.search(last)
        if about and last[:about.start()].endswith(DOC_WORDS):  # not 就 inside 促进就业规划
            last, shared = last[:about.start()], last[about.start():]
    # 「王某在A和B里分别是啥身份」: what stands before 在 is asked of both
    head, first = _shared_head(m.group("a"))
    subjects = [a.strip() for a in first.split("、")] + [last]
    if len(subjects) > _MAX_SUBJECTS or not all(has_topic(subject) for subject in subjects):
        return None
    attr = f"的{m.group('attr')}" if m.group("attr") and not (of or shared) else m.group("attr") or ""
    return [f"{head}{subject}{of}{shared}{attr}{m.group('rest')}" for subject in subjects]


def split_questions(message: str) -> list[str] | None:
    """The questions a message asks in turn, or None when it asks one.

    A part that asks nothing (「我是小学老师，想组织学生研学。」), or only names a new
    subject (「那用电这块呢？」), is context for the question after it. A later question may
    lean on an earlier one (「…组长是谁？办公室设在哪个部门？」): the caller writes it out as
    it would a follow-up in a conversation.
    """
    pieces = [p for p in (_LEAD_IN.sub("", p).strip() for piece in _NEXT_QUESTION.split(message.strip())
                          for p in _asking_clauses(piece)) if p]
    questions: list[str] = []
    context = ""
    for n, piece in enumerate(pieces):
        # 「那用电这块呢？规划里对…有没有优惠？」: a cue that opens the message leads the question after
        # it; after a question (「教育规划谁解读？那文旅规划呢？」) it asks that question of its subject
        if _SWAP_CUE.match(piece) and not questions and n + 1 < len(pieces) and not _ASKS.search(piece[1:-2]):
            context = _joined(context, piece)
        elif _ASKS.search(piece):
            if piece.startswith("在") and questions and not context:
                # 「…，在乙规划里是什么片区」 asks it of the subject before the first 在
                context = _shared_head(questions[0])[0].removesuffix("在")
            questions.append(_joined(context, piece))
            context = ""
        else:
            context = _joined(context, piece)
    if context and questions:
        questions[-1] = _joined(questions[-1], context)
    return questions if 2 <= len(questions) <= _MAX_SUBJECTS else None


def _asking_clauses(piece: str) -> list[str]:
    """``piece`` cut before each clause that asks when a clause before it asked already
    (「…是什么时候印发的，从什么时候开始施行」); clauses that ask nothing stay with their neighbours."""
    out: list[str] = []
    current = ""
    for clause in _CLAUSE.split(piece):
        # a question word in a sentence the asker closed with a full stop told, not asked
        # (「有几项事项已经划到我们局，…。想把它退回，需要什么程序？」)
        if (_asks_directly(clause) and _asks_directly(_STATED.split(current)[-1])
                and not _ASKS_ALONG.search(clause) and not _ASKS_OF_EACH.search(current)
                # 「哪年印发的，文号是多少」: a document's card answers both at once
                and not question_kind(current) == question_kind(clause) == "doc"):
            out.append(current.rstrip("，,；; "))
            current = ""
        current += clause
    return [*out, current]


def _asks_directly(clause: str) -> bool:
    """Whether ``clause`` holds a question word put to the reader (not 「不知道找谁」)."""
    return any(not _NOT_ASKING.search(clause[:m.start()]) for m in _CLAUSE_ASKS.finditer(clause))


def _asking_sentence(part: str) -> str:
    """A part's label: the last of its sentences that asks, without the asker's background
    before it (「我是小学老师，听说要建某工程。想问一下是哪几个“通”」 → 「想问一下是哪几个“通”」) or
    thanks after it; the whole part when no one sentence asks (「那用电这块呢？…有没有优惠」 asks
    across two)."""
    asking = [s for s in split_sentences(part, half_width=True) if _ASKS.search(s)]
    return asking[-1].strip().rstrip("？?") if len(asking) == 1 else part.strip().rstrip("？?")


def join_answers(question: str, parts: list[Answer]) -> Answer:
    """One answer from the answers to each part; stated when at least one part is stated."""
    lines: list[str] = []
    citations: list[Citation] = []
    for part in parts:
        offset = len(citations)
        used = markers(part.answer)
        for c in part.citations:
            if c.n in used:
                citations.append(c.model_copy(update={"n": offset + used.index(c.n) + 1}))

        def renumbered(m: re.Match[str], offset: int = offset, used: list[int] = used) -> str:
            return f"[{offset + used.index(int(m.group(1))) + 1}]" if int(m.group(1)) in used else ""

        text = _MARKER.sub(renumbered, part.answer)
        lines.append(f"{_asking_sentence(part.question)}：{text}")
    stated = [p for p in parts if p.confidence == "high"]
    confidence = "high" if stated else "low" if any(p.confidence == "low" for p in parts) else "none"
    related = [r for p in parts for r in p.related]
    retrieved = [r for p in parts for r in p.retrieved]
    return Answer(question=question, answer="\n".join(lines), refused=not stated, confidence=confidence,
                  citations=citations, related=related, retrieved=retrieved, mode=parts[0].mode,
                  notice=next((p.notice for p in parts if p.notice), None))
